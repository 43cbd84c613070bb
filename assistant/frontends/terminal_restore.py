"""Giving the terminal back as it was (echo, line editing), however the program ends.

The key reader switches the terminal to single keys. If the program then ended without
switching back, the person's terminal would show nothing they type. So the settings saved
before the switch are put back:
- on a normal close, and by `atexit` after a Python crash;
- on SIGHUP (the terminal window closed) and SIGTERM, by a handler that restores first and
  then ends the session like Ctrl-C;
- when the process dies without running any Python code (a C library such as Vosk calling
  abort(), or SIGKILL), by a tiny guard process: it waits on a pipe that only this process
  holds, and restores the settings when the pipe closes without a « done » byte.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import subprocess
import sys
import threading
from typing import Any

_GUARD = """
import os, signal, sys, termios
for name in ("SIGINT", "SIGHUP", "SIGTERM", "SIGQUIT", "SIGTSTP"):
    signal.signal(getattr(signal, name), signal.SIG_IGN)
fd, saved = int(sys.argv[1]), eval(sys.argv[2])
if os.read(0, 1) != b"d":
    try:
        termios.tcsetattr(fd, termios.TCSANOW, saved)
    except termios.error:
        pass
"""
"""Runs with `python -I -S`: no site, no project import, so it starts in milliseconds."""

_lock = threading.Lock()
_saved: tuple[int, list[Any]] | None = None
_guard: subprocess.Popen[bytes] | None = None


def protect(fd: int) -> None:
    """Saves the terminal's settings now; call before changing them."""
    import termios

    global _saved, _guard
    with _lock:
        if _saved is not None:
            return
        _saved = (fd, termios.tcgetattr(fd))
        atexit.register(restore)
        _install_handlers()
        _guard = _start_guard(fd, _saved[1])


def _start_guard(fd: int, settings: list[Any]) -> subprocess.Popen[bytes] | None:
    # A copy of the terminal's descriptor: the guard's own 0 is the pipe, not the terminal.
    try:
        copy = os.dup(fd)
    except OSError:
        return None
    try:
        return subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", _GUARD, str(copy), repr(settings)],
            stdin=subprocess.PIPE,
            pass_fds=(copy,),
        )
    except OSError:
        return None
    finally:
        os.close(copy)


def restore() -> None:
    """Puts the saved settings back; safe to call many times, from any path."""
    import termios

    global _saved, _guard
    with _lock:
        if _saved is not None:
            fd, settings = _saved
            with contextlib.suppress(termios.error, OSError):
                termios.tcsetattr(fd, termios.TCSADRAIN, settings)
            _saved = None
        if _guard is not None and _guard.stdin is not None:
            with contextlib.suppress(OSError):
                _guard.stdin.write(b"d")
                _guard.stdin.close()
            with contextlib.suppress(subprocess.TimeoutExpired):
                _guard.wait(timeout=1)
            _guard = None


def write(fd: int, text: str) -> None:
    """A control sequence for the terminal itself; a closed terminal is not an error."""
    with contextlib.suppress(OSError):
        os.write(fd, text.encode())


def _end_session(_signal: int, _frame: object) -> None:
    restore()
    raise KeyboardInterrupt


def _install_handlers() -> None:
    if threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGHUP", "SIGTERM"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, _end_session)
