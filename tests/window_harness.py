"""A real X server for the window's tests, and a window driven as a person would.

`xvfb_display` starts `Xvfb` at 1366×768 (the library PC's screen) on a free display number.
`Driven` wraps a `WindowSession`: it clicks buttons and presses keys through Tk's own event
generation, handles the queued events exactly as the window's `after()` loop does, and saves
screenshots with ImageMagick's `import`.
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import time
import tkinter as tk
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.conversation.commands import CommandName
from assistant.events import Event
from assistant.frontends.session import Memory, Session
from assistant.frontends.window_run import WindowSession
from assistant.guides.loader import load_guide
from assistant.settings import Preferences
from assistant.speaking.announcer import Announcer
from assistant.speaking.speaker import SilentSpeaker
from tests.conftest import PROJECT_DIR

SCREEN = (1366, 768)
ARTIFACTS = PROJECT_DIR / "test-artifacts" / "window"
AMELI = load_guide(PROJECT_DIR / "guides" / "ameli.yaml")


@pytest.fixture(scope="session")
def xvfb_display() -> Iterator[str]:
    if shutil.which("Xvfb") is None:
        pytest.skip(
            "Xvfb absent : apt-get install xvfb (installé par scripts/installer.sh --tests)."
        )
    number = next(n for n in range(90, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    display = f":{number}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24", "-dpi", "96",
         "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 20
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        if server.poll() is not None or time.monotonic() > deadline:
            pytest.fail("Xvfb did not start")
        time.sleep(0.05)
    yield display
    server.terminate()
    server.wait(timeout=10)


class Driven:
    def __init__(
        self, display: str, *, preferences: Preferences, memory: Memory, keyboard: bool = True
    ) -> None:
        self.root = tk.Tk(screenName=display, className="memo-vocal")
        self.session = Session(AMELI, "ameli", preferences, memory, keyboard=keyboard)
        self.events: queue.SimpleQueue[Event] = queue.SimpleQueue()
        self.announcer = Announcer(SilentSpeaker(), on_failure=lambda text: None)
        self.running = WindowSession(self.root, self.session, self.events, listening=not keyboard)
        self.running.attach(self.announcer)
        self.running.on_end = lambda: None
        self.window = self.running.window
        self.running.loop.start()
        self.settle()

    def settle(self) -> None:
        """Handles every queued event as the window's `after()` loop does, then redraws."""
        for _ in range(1000):
            self.root.update()
            if self.events.empty():
                break
            if not self.running.loop.poll(0):
                self.running.end()
        self.root.update()

    def click(self, button: tk.Button) -> None:
        """A real click: the pointer enters, presses and releases on the button."""
        self.root.update()
        x, y = button.winfo_width() // 2, button.winfo_height() // 2
        button.event_generate("<Enter>", x=x, y=y)
        button.event_generate("<ButtonPress-1>", x=x, y=y)
        button.event_generate("<ButtonRelease-1>", x=x, y=y)
        self.settle()

    def click_command(self, name: CommandName) -> None:
        self.click(self.window.buttons.by_command[name])

    def key(self, keysym: str, *, control: bool = False) -> None:
        self.root.focus_force()
        self.root.update()
        sequence = f"<Control-KeyPress-{keysym}>" if control else f"<KeyPress-{keysym}>"
        self.root.event_generate(sequence, when="tail")
        self.settle()

    def type_keys(self, keysyms: list[str]) -> None:
        for keysym in keysyms:
            self.key(keysym)

    def type(self, text: str) -> None:
        names = {" ": "space", "?": "question", "'": "apostrophe", "é": "eacute", "è": "egrave"}
        for char in text:
            self.key(names.get(char, char))

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.root.update()
        frame = self.root.wm_frame()
        display = str(self.root.winfo_screen()).rsplit(".", 1)[0]
        subprocess.run(
            ["import", "-display", display, "-window", frame, str(path)],
            check=True,
            env={**os.environ, "DISPLAY": display},
        )
        return path

    def close(self) -> None:
        self.announcer.close()
        self.root.destroy()


def colours_in(path: Path, box: tuple[int, int, int, int] | None = None) -> int:
    """How many distinct colours the PNG (or a box x, y, width, height of it) holds."""
    crop = ["-crop", f"{box[2]}x{box[3]}+{box[0]}+{box[1]}"] if box else []
    result = subprocess.run(
        ["convert", str(path), *crop, "-format", "%k", "info:"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(result.stdout.strip())
