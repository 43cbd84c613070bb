"""Runs the real program in a pseudo-terminal, as a person at a keyboard would meet it.

Bytes are written to the terminal exactly as a keyboard, a paste or a terminal reply sends
them (several keys in one write when a person types fast). The screen is read back as text,
without the terminal's control sequences, and the terminal's own settings can be read after
the program is gone (the test keeps its side of the terminal open).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]|\r")
WAIT_S = 20.0
"""Upper bound for a reply to appear; generous, as other work may share the CPU. A test
never measures time: it only gives up when the reply never comes."""


def screen_text(raw: bytes) -> str:
    return _CONTROL.sub("", raw.decode("utf-8", errors="replace"))


class PtyApp:
    def __init__(
        self,
        args: list[str] | None = None,
        *,
        home: Path,
        command: list[str] | None = None,
        columns: int = 80,
        rows: int = 24,
        env: dict[str, str] | None = None,
    ) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.initial = termios.tcgetattr(slave)
        self.slave = slave
        """Kept open by the test, to read the terminal's settings after the program ends."""
        full_env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config")}
        full_env["XDG_STATE_HOME"] = str(home / "state")
        full_env.pop("DISPLAY", None)
        full_env.update(env or {})
        base = [sys.executable, "-m", "assistant", "--terminal", "--clavier", "--muet"]
        self.process = subprocess.Popen(
            command or [*base, "--sans-memoire", *(args or [])],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=PROJECT_DIR,
            env=full_env,
            start_new_session=True,
        )
        self.output = b""
        self._seen = 0
        """Screen text before this index was already matched by `expect`."""

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:
            return False
        self.output += chunk
        return bool(chunk)

    @property
    def text(self) -> str:
        return screen_text(self.output)

    def expect(self, wanted: str, timeout: float = WAIT_S) -> str:
        """Waits until `wanted` (case-insensitive) appears after the last match; returns the
        screen text from the last match to the end of this one."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.text
            found = text.casefold().find(wanted.casefold(), self._seen)
            if found >= 0:
                shown = text[self._seen : found + len(wanted)]
                self._seen = found + len(wanted)
                return shown
            remaining = deadline - time.monotonic()
            gone = remaining <= 0 or (not self._read(min(remaining, 0.5)) and not self.alive())
            if gone and not self._read(0.2):
                raise AssertionError(
                    f"« {wanted} » never appeared. Screen after the last match:\n"
                    + text[self._seen :][-3000:]
                )

    def settle(self) -> str:
        """Reads whatever comes until the program has been quiet for a moment."""
        while self._read(0.5):
            pass
        return self.text[self._seen :]

    def alive(self) -> bool:
        return self.process.poll() is None

    def wait_end(self, timeout: float = WAIT_S) -> int:
        deadline = time.monotonic() + timeout
        while self.alive() and time.monotonic() < deadline:
            self._read(0.1)
        status = self.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        while self._read(0.2):  # what it wrote just before ending
            pass
        return status

    def kill(self, signal_number: int) -> None:
        os.kill(self.process.pid, signal_number)

    def terminal_settings(self) -> list[object]:
        return termios.tcgetattr(self.slave)

    def close(self) -> None:
        if self.alive():
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        for fd in (self.master, self.slave):
            with contextlib.suppress(OSError):
                os.close(fd)


def line_mode_on(settings: list[object]) -> bool:
    """Echo and line editing, as a shell expects after the program."""
    local_flags = settings[3]
    assert isinstance(local_flags, int)
    return bool(local_flags & termios.ECHO) and bool(local_flags & termios.ICANON)
