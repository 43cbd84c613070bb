"""Reading key presses from the terminal, on Linux/macOS and on Windows.

Everything the terminal sends is read whole and parsed, because a fast typist, a paste or the
terminal itself sends several keys at once: « 3 » and Entrée in one read must stay two keys.
Escape sequences are recognised as a whole (arrows, Suppr, F-keys, the terminal's replies)
and only the ones that mean something here become keys; the rest is dropped, never typed.
Both readers return the key names of `keyboard` or a typed character or a `Pasted` text,
and None after `timeout` seconds without a key.
"""

from __future__ import annotations

import codecs
import os
import sys
from collections import deque
from typing import Protocol

from assistant.frontends import terminal_restore
from assistant.frontends.keyboard import (
    BACKSPACE,
    DELETE,
    DOWN,
    ENTER,
    ESCAPE,
    IGNORED,
    LEFT,
    RIGHT,
    SPACE,
    UP,
    Key,
    Pasted,
)

_ARROWS = {"A": UP, "B": DOWN, "C": RIGHT, "D": LEFT}
_PASTE_START = "\x1b[200~"
_PASTE_END = "\x1b[201~"
ESCAPE_WAIT_S = 0.05
"""How long a lone ESC waits for the rest of a sequence before it counts as Échap."""


class KeyReader(Protocol):
    def read_key(self, timeout: float) -> Key | None: ...

    def close(self) -> None: ...


def _name(char: str) -> str:
    if char in ("\r", "\n"):
        return ENTER
    if char == " ":
        return SPACE
    if char in ("\x7f", "\b"):
        return BACKSPACE
    if char == "\x04":  # Ctrl-D
        raise EOFError
    return char


def _sequence_end(text: str) -> int | None:
    """Length of the escape sequence at the start of `text`, None if it is not complete."""
    if len(text) < 2:
        return None
    if text[1] == "[":  # CSI: parameters and intermediates, then one final byte
        for index in range(2, len(text)):
            if "\x40" <= text[index] <= "\x7e":
                return index + 1
            if not "\x20" <= text[index] <= "\x3f":
                return index  # malformed: drop what came so far
        return None
    if text[1] == "O":  # SS3: F1–F4, arrows in application mode
        return 3 if len(text) >= 3 else None
    return 1  # ESC then an ordinary key: Échap, then that key


def _sequence_key(sequence: str) -> str:
    if sequence == "\x1b":
        return ESCAPE
    final = sequence[-1]
    if sequence[1] in "[O" and final in _ARROWS and len(sequence) <= 6:
        return _ARROWS[final]
    if sequence == "\x1b[3~":
        return DELETE
    return IGNORED


class KeyParser:
    """Pure: bytes in, keys out; remembers an unfinished sequence or paste between reads."""

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""
        self._paste: list[str] | None = None

    @property
    def waiting(self) -> bool:
        """True when the input ends inside an escape sequence (or a lone ESC)."""
        return self._pending.startswith("\x1b") and self._paste is None

    def feed(self, data: bytes) -> list[Key]:
        self._pending += self._decoder.decode(data)
        keys: list[Key] = []
        while self._pending:
            if self._paste is not None:
                end = self._pending.find(_PASTE_END)
                if end < 0:
                    keep = len(_PASTE_END) - 1  # the end marker may be cut between reads
                    self._paste.append(self._pending[:-keep])
                    self._pending = self._pending[-keep:]
                    break
                keys.append(Pasted("".join([*self._paste, self._pending[:end]])))
                self._paste, self._pending = None, self._pending[end + len(_PASTE_END) :]
                continue
            char = self._pending[0]
            if char != "\x1b":
                self._pending = self._pending[1:]
                keys.append(_name(char))
                continue
            length = _sequence_end(self._pending)
            if length is None:
                break
            sequence, self._pending = self._pending[:length], self._pending[length:]
            if sequence == _PASTE_START:
                self._paste = []
                continue
            keys.append(_sequence_key(sequence))
        return [key for key in keys if key != IGNORED]

    def flush(self) -> list[Key]:
        """Nothing more came: a lone ESC is Échap; a cut sequence is dropped."""
        pending, self._pending = self._pending, ""
        return [ESCAPE] if pending == "\x1b" else []


class PosixKeyReader:
    """Puts the terminal in cbreak mode, and restores it on every way out."""

    def __init__(self, fd: int | None = None) -> None:
        import tty

        self._fd = sys.stdin.fileno() if fd is None else fd
        terminal_restore.protect(self._fd)
        tty.setcbreak(self._fd)
        self._parser = KeyParser()
        self._keys: deque[Key] = deque()
        terminal_restore.write(self._fd, "\x1b[?2004h")  # bracketed paste: marks pastes

    def _read(self, timeout: float) -> bool:
        import select

        ready, _, _ = select.select([self._fd], [], [], timeout)
        if not ready:
            return False
        data = os.read(self._fd, 4096)
        if not data:
            raise EOFError
        self._keys.extend(self._parser.feed(data))
        return True

    def read_key(self, timeout: float) -> Key | None:
        if not self._keys:
            self._read(timeout)
        while self._parser.waiting and not self._keys:
            if not self._read(ESCAPE_WAIT_S):
                self._keys.extend(self._parser.flush())
        return self._keys.popleft() if self._keys else None

    def close(self) -> None:
        terminal_restore.write(self._fd, "\x1b[?2004l")
        terminal_restore.restore()


class WindowsKeyReader:
    """Written from the msvcrt documentation; not run on this project's machines."""

    def __init__(self) -> None:
        import msvcrt  # noqa: F401  (fails early on a non-Windows system)

    def read_key(self, timeout: float) -> Key | None:
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
            return {"K": LEFT, "M": RIGHT, "H": UP, "P": DOWN, "S": DELETE}.get(code, IGNORED)
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
