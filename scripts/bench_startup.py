"""Start-up to first spoken word, and peak memory, of the real program in a terminal.

Method: `python -m assistant` runs in a pseudo-terminal (so it takes the interactive keyboard
path, as for a person), playing on the benchmark's private sink. The clock starts just before
the process is created and stops at the first audible sample on the sink's monitor. In voice
mode the model loads on a thread while the welcome is spoken, so « ready to listen » is the
moment the program opens its microphone (a new recording stream on the sound server).
Peak RSS is the child's own `ru_maxrss`, read when it is stopped.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bench_audio import MonitorClock, PrivateSink
from bench_common import PROJECT_DIR, median

LISTEN_AFTER_READY_S = 1.0
"""Voice mode is kept listening this long after the microphone opens, for its memory peak."""


@dataclass(frozen=True)
class StartRun:
    first_word_s: float | None
    ready_s: float | None
    """Voice mode only: start → microphone open."""
    peak_rss_mb: float


def _drain(fd: int) -> None:
    """The program writes to its terminal; an unread pty would block it."""
    try:
        while os.read(fd, 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


def _recording_streams(source_name: str) -> int:
    sources = subprocess.run(
        ["pactl", "list", "short", "sources"], capture_output=True, text=True
    ).stdout
    index = next((ln.split()[0] for ln in sources.splitlines() if source_name in ln.split()), None)
    outputs = subprocess.run(
        ["pactl", "list", "short", "source-outputs"], capture_output=True, text=True
    ).stdout
    return sum(1 for ln in outputs.splitlines() if index is not None and ln.split()[1:2] == [index])


def start_once(sink: PrivateSink, clock: MonitorClock, model_dir: Path | None) -> StartRun:
    """`model_dir` None: keyboard mode (--clavier); else voice mode with that model."""
    args = [sys.executable, "-m", "assistant", "--terminal", "--sans-memoire"]
    args += ["--clavier"] if model_dir is None else ["--modele", str(model_dir)]
    already = _recording_streams(f"{sink.name}.monitor")
    master, slave = os.openpty()
    clock.forget()
    began = time.perf_counter()
    child = subprocess.Popen(
        args, stdin=slave, stdout=slave, stderr=slave, cwd=PROJECT_DIR, start_new_session=True
    )
    os.close(slave)
    threading.Thread(target=_drain, args=(master,), daemon=True).start()
    onset = clock.onset_after(began, timeout=20)
    ready = None
    if model_dir is not None:
        deadline = time.perf_counter() + 60
        while ready is None and time.perf_counter() < deadline and child.poll() is None:
            if _recording_streams(f"{sink.name}.monitor") > already:
                ready = time.perf_counter()
            else:
                time.sleep(0.02)
        time.sleep(LISTEN_AFTER_READY_S)
    if child.poll() is None:
        os.kill(child.pid, signal.SIGTERM)
    _, _, usage = os.wait4(child.pid, 0)
    child.returncode = 0  # reaped here; keeps Popen from waiting again
    return StartRun(
        first_word_s=None if onset is None else onset - began,
        ready_s=None if ready is None else ready - began,
        peak_rss_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
    )


@dataclass(frozen=True)
class StartFigures:
    first_word_s: float | None
    ready_s: float | None
    peak_rss_mb: float | None
    runs: list[StartRun]


def measure(sink: PrivateSink, model_dir: Path | None, runs: int) -> StartFigures:
    clock = MonitorClock(sink)
    try:
        done = [start_once(sink, clock, model_dir) for _ in range(runs)]
    finally:
        clock.close()
    return StartFigures(
        median([r.first_word_s for r in done if r.first_word_s is not None]),
        median([r.ready_s for r in done if r.ready_s is not None]),
        max((r.peak_rss_mb for r in done), default=None),
        done,
    )


_PHASES = """
import json, time
marks = [("", time.perf_counter())]
def mark(name): marks.append((name, time.perf_counter()))
import assistant.frontends.app
mark("imports")
from pathlib import Path
from assistant.guides.loader import load_guide
from assistant.frontends.session import Memory, Session
from assistant.settings import Preferences
session = Session(load_guide(Path("guides/ameli.yaml")), "ameli", Preferences(), Memory(False))
mark("mémo + session")
from assistant.speaking.tts_render import TtsRenderer, split_sentences
from assistant.audio.playback import Player
Player()
mark("Player (PortAudio)")
renderer = TtsRenderer()
mark("TtsRenderer (essai espeak-ng en sous-processus, pyttsx3, choix de voix)")
from assistant.speaking.speaker import VoiceSettings
renderer.render(split_sentences(session.welcome[0].speech)[0], VoiceSettings())
mark("1re phrase rendue")
print(json.dumps([(n, round(1000 * (t - p)), ) for (n, t), (_, p) in zip(marks[1:], marks)]))
"""


def phases() -> list[tuple[str, int]]:
    """Where a keyboard start-up spends its time, in ms, measured in a fresh interpreter;
    « total » includes starting the interpreter itself."""
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _PHASES], capture_output=True, text=True, cwd=PROJECT_DIR
    )
    total = round(1000 * (time.perf_counter() - began))
    if done.returncode != 0:
        return [("échec", total)]
    return [(str(name), int(ms)) for name, ms in json.loads(done.stdout)] + [("total", total)]


WINDOW_TITLE = "Mémo vocal — Ameli sur tablette et smartphone"
"""Set by the window's first drawing of the menu; the clock stops when it is viewable."""


def _viewable(display: str) -> bool:
    shown = subprocess.run(
        ["xwininfo", "-display", display, "-name", WINDOW_TITLE], capture_output=True, text=True
    ).stdout
    return "IsViewable" in shown


def window_starts(runs: int) -> list[float] | str:
    """Start → the window viewable with its first screen (the menu), under a private Xvfb,
    keyboard only (no model), silent. Returns seconds per run, or why it could not run."""
    import shutil

    if shutil.which("Xvfb") is None or shutil.which("xwininfo") is None:
        return "Xvfb ou xwininfo absent (apt-get install xvfb x11-utils)"
    number = next(n for n in range(150, 250) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    display = f":{number}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.perf_counter() + 20
        while not Path(f"/tmp/.X11-unix/X{number}").exists() and time.perf_counter() < deadline:
            time.sleep(0.05)
        args = [sys.executable, "-m", "assistant", "--fenetre", "--clavier", "--muet"]
        args.append("--sans-memoire")
        times: list[float] = []
        for _ in range(runs):
            began = time.perf_counter()
            child = subprocess.Popen(
                args,
                cwd=PROJECT_DIR,
                env={**os.environ, "DISPLAY": display},
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            shown = None
            while shown is None and time.perf_counter() - began < 20 and child.poll() is None:
                if _viewable(display):
                    shown = time.perf_counter() - began
            child.terminate()
            child.wait(timeout=10)
            if shown is not None:
                times.append(shown)
        return times
    finally:
        server.terminate()
        server.wait(timeout=10)
