"""`memo-vocal` in a terminal on a desktop opens the window; `--terminal` keeps the console."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from tests.pty_app import PtyApp
from tests.window_harness import xvfb_display

__all__ = ["xvfb_display"]
TITLE = "Mémo vocal — Ameli sur tablette et smartphone"


def window_shown(display: str) -> bool:
    found = subprocess.run(
        ["xwininfo", "-display", display, "-name", TITLE], capture_output=True, text=True
    )
    return "IsViewable" in found.stdout


def test_a_desktop_gets_the_window(xvfb_display: str, tmp_path: Path) -> None:
    base = [sys.executable, "-m", "assistant", "--clavier", "--muet", "--sans-memoire"]
    app = PtyApp(home=tmp_path, command=base, env={"DISPLAY": xvfb_display})
    try:
        deadline = time.monotonic() + 20
        while not window_shown(xvfb_display) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert window_shown(xvfb_display)
        assert "Les démarches" not in app.settle(), "the menu is in the window, not the terminal"
    finally:
        app.close()


def test_terminal_option_keeps_the_console(xvfb_display: str, tmp_path: Path) -> None:
    base = [sys.executable, "-m", "assistant", "--terminal", "--clavier", "--muet"]
    app = PtyApp(home=tmp_path, command=[*base, "--sans-memoire"], env={"DISPLAY": xvfb_display})
    try:
        app.expect("Les démarches")
        assert not window_shown(xvfb_display)
    finally:
        app.close()
