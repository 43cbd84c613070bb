"""The interactive start-up screen, in a real pseudo-terminal as a person would see it."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def screen_until(text: str, *arguments: str, home: Path) -> str:
    """Starts `memo-vocal` on a pty and returns what it showed once `text` appeared."""
    master, slave = os.openpty()
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config")}
    env["XDG_STATE_HOME"] = str(home / "state")
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant", "--sans-memoire", *arguments],
        stdin=slave, stdout=slave, stderr=slave, cwd=PROJECT_DIR, env=env,
    )  # fmt: skip
    os.close(slave)
    shown = b""
    try:
        while text.encode() not in shown:
            ready, _, _ = select.select([master], [], [], 30)
            assert ready, f"nothing more shown; so far: {shown.decode(errors='replace')}"
            shown += os.read(master, 4096)
    finally:
        process.kill()
        process.wait(timeout=10)
        os.close(master)
    return shown.decode(errors="replace")


def test_the_start_up_screen_says_which_voice_and_output_are_used(tmp_path: Path) -> None:
    shown = screen_until("Voix coupée (mode muet).", "--muet", "--clavier", home=tmp_path)
    assert "Traceback" not in shown


def test_a_wav_output_is_named_on_the_start_up_screen(tmp_path: Path) -> None:
    wav = tmp_path / "voix.wav"
    shown = screen_until(str(wav), "--clavier", "--sortie-audio", str(wav), home=tmp_path)
    assert "enregistrée dans" in shown
