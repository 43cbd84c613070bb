"""Reading single key presses from the terminal, on Linux/macOS and on Windows.

Both readers return the key names of `keyboard_input` (ENTER, LEFT…) or the typed character,
and None after `timeout` seconds without a key, so the caller can notice when to stop.
"""

from __future__ import annotations

import os
import sys
from typing import Protocol

from assistant.frontends.keyboard import BACKSPACE, DOWN, ENTER, ESCAPE, LEFT, RIGHT, SPACE, UP

_ARROWS = {"A": UP, "B": DOWN, "C": RIGHT, "D": LEFT}


class KeyReader(Protocol):
    def read_key(self, timeout: float) -> str | None: ...

    def close(self) -> None: ...


def _name(char: str) -> str:
    if char in ("\r", "\n"):
        return ENTER
    if char == " ":
        return SPACE
    if char in ("\x7f", "\b"):
        return BACKSPACE
    return char


class PosixKeyReader:
    """Puts the terminal in cbreak mode, and always restores it on close."""

    def __init__(self, fd: int | None = None) -> None:
        import termios
        import tty

        self._fd = sys.stdin.fileno() if fd is None else fd
        self._saved = termios.tcgetattr(self._fd)
        tty.setcbreak(self._fd)

    def _read_char(self, timeout: float) -> str | None:
        import select

        ready, _, _ = select.select([self._fd], [], [], timeout)
        if not ready:
            return None
        data = os.read(self._fd, 4)
        if not data:
            raise EOFError
        return data.decode("utf-8", errors="replace")

    def read_key(self, timeout: float) -> str | None:
        chunk = self._read_char(timeout)
        if chunk is None:
            return None
        if chunk == "\x04":  # Ctrl-D
            raise EOFError
        if chunk.startswith("\x1b"):
            # Arrow keys arrive as ESC [ A..D, sometimes split across reads.
            if len(chunk) == 1:
                chunk += self._read_char(0.05) or ""
            if len(chunk) == 2 and chunk[1] == "[":
                chunk += self._read_char(0.05) or ""
            if len(chunk) >= 3 and chunk[1] == "[":
                return _ARROWS.get(chunk[2], ESCAPE)
            return ESCAPE
        return _name(chunk[0])

    def close(self) -> None:
        import termios

        termios.tcsetattr(self._fd, termios.TCSADRAIN, self._saved)


class WindowsKeyReader:
    def __init__(self) -> None:
        import msvcrt  # noqa: F401  (fails early on a non-Windows system)

    def read_key(self, timeout: float) -> str | None:
        import msvcrt
        import time

        deadline = time.monotonic() + timeout
        while not msvcrt.kbhit():  # type: ignore[attr-defined]
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.02)
        char: str = msvcrt.getwch()  # type: ignore[attr-defined]
        if char in ("\x00", "\xe0"):
            code: str = msvcrt.getwch()  # type: ignore[attr-defined]
            return {"K": LEFT, "M": RIGHT, "H": UP, "P": DOWN}.get(code, ESCAPE)
        if char == "\x1b":
            return ESCAPE
        if char == "\x03":
            raise KeyboardInterrupt
        if char == "\x1a":  # Ctrl-Z, Windows' end of input
            raise EOFError
        return _name(char)

    def close(self) -> None:
        """Nothing to restore: msvcrt does not change the console mode."""


def open_key_reader() -> KeyReader:
    if sys.platform == "win32":
        return WindowsKeyReader()
    return PosixKeyReader()
