"""After any end of the program, the terminal is as the shell left it: echo and line editing.

The program is ended in a real pseudo-terminal by the signals a session can really receive:
SIGHUP (the window closed), SIGTERM (the system), SIGABRT (what a C library such as Vosk
raises when it aborts), and a Python crash in a process holding the key reader.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest

from tests.pty_app import PtyApp, line_mode_on


@pytest.mark.parametrize("signal_number", [signal.SIGHUP, signal.SIGTERM, signal.SIGABRT])
def test_terminal_restored_after_a_signal(tmp_path: Path, signal_number: int) -> None:
    app = PtyApp(home=tmp_path)
    try:
        app.expect("Les démarches")
        assert not line_mode_on(app.terminal_settings())
        app.kill(signal_number)
        app.wait_end()
        assert line_mode_on(app.terminal_settings())
        assert app.terminal_settings() == app.initial
    finally:
        app.close()


CRASH = """
import sys
from assistant.frontends.terminal_keys import open_key_reader
reader = open_key_reader()
print("lecteur ouvert", flush=True)
sys.stdin.buffer.raw.read(1)  # waits until the test sends a byte
raise RuntimeError("a bug")
"""


def test_terminal_restored_after_a_crash(tmp_path: Path) -> None:
    app = PtyApp(home=tmp_path, command=[sys.executable, "-c", CRASH])
    try:
        app.expect("lecteur ouvert")
        assert not line_mode_on(app.terminal_settings())
        app.send(b"x")
        assert app.wait_end() != 0
        assert "RuntimeError" in app.text
        assert app.terminal_settings() == app.initial
    finally:
        app.close()
