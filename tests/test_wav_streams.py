"""--entree-audio on something that is not a plain file: refused at once, in French."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


def replay(source: str, tmp_path: Path, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = str(tmp_path)
    return subprocess.run(
        [sys.executable, "-m", "assistant", "--muet", "--sans-memoire", "--entree-audio", source],
        input=stdin.decode("latin-1"),
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT,
        timeout=60,
    )


@pytest.mark.parametrize("kind", ["fifo", "stdin", "zero"])
def test_streams_and_devices_are_refused_at_once(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        source = str(tmp_path / "tube.wav")
        os.mkfifo(source)  # nobody writes to it: it used to block forever
    else:
        source = "/dev/stdin" if kind == "stdin" else "/dev/zero"
    result = replay(source, tmp_path, stdin=b"RIFF....WAVE")
    assert "Traceback" not in result.stderr, result.stderr
    assert "n'est pas un fichier ordinaire" in result.stderr + result.stdout
    assert "vide" not in result.stderr + result.stdout
    assert result.returncode != 0
