"""What the assistant leaves on disk after being killed, and where it writes without HOME."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def env_for(home: Path, tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = str(home)
    env["TMPDIR"] = str(tmp)
    return env


def ours(folder: Path) -> list[str]:
    """PulseAudio's client keeps its own pulse-* folder there; only Mémo vocal's count."""
    return [p.name for p in folder.iterdir() if p.name.startswith("memo-vocal")]


def test_speech_files_after_sigkill_are_cleaned_at_the_next_start(tmp_path: Path) -> None:
    home, tmp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    tmp.mkdir()
    command = [sys.executable, "-m", "assistant", "--sans-memoire", "--sortie-audio"]
    killed = subprocess.Popen(
        [*command, str(tmp_path / "a.wav")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env_for(home, tmp),
        cwd=PROJECT,
    )
    assert killed.stdout is not None
    killed.stdout.readline()  # the welcome is written: the voice is rendering
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=60)
    assert ours(tmp) == []  # nothing in the shared temporary folder
    voices = home / ".cache" / "memo-vocal" / "voix"
    assert voices.is_dir() and (voices / str(killed.pid)).exists()
    again = subprocess.run(
        [*command, str(tmp_path / "b.wav")],
        input=b"suivant\n",
        capture_output=True,
        env=env_for(home, tmp),
        cwd=PROJECT,
        timeout=120,
    )
    assert again.returncode == 0, again.stderr.decode()
    assert list(voices.iterdir()) == []
    assert ours(tmp) == []
