"""How scripts/adversaire.py runs one hostile case: a private temporary home, the program in a
child process with a time limit, and what it said, whether it printed a traceback or hung."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
LIMIT_S = 60.0
CRASH_CODES = (134, -6, -11, 139)


@dataclass
class Result:
    case: str
    outcome: str
    traceback: bool
    hung: bool


@dataclass
class Home:
    root: Path

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "MEMO_VOCAL"))}
        env.update(HOME=str(self.root / "home"), TMPDIR=str(self.root / "tmp"), LC_ALL="C.UTF-8")
        env.update(extra)
        return env


@contextlib.contextmanager
def private_home() -> Iterator[Home]:
    with tempfile.TemporaryDirectory(prefix="adversaire-") as folder:
        root = Path(folder)
        (root / "home").mkdir()
        (root / "tmp").mkdir()
        yield Home(root)


def run(
    case: str,
    args: list[str],
    home: Home,
    stdin: bytes = b"",
    stdout: int | None = subprocess.PIPE,
    env: dict[str, str] | None = None,
    signal_after: tuple[int, float] | None = None,
    python: list[str] | None = None,
) -> Result:
    command = python or [sys.executable, "-m", "assistant", *args]
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=env or home.env(),
        cwd=PROJECT,
        # As scripts/demarrer.sh starts it: Ctrl-C ignored across Python's own start.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    if signal_after is not None:
        time.sleep(signal_after[1])
        process.send_signal(signal_after[0])
    try:
        out, err = process.communicate(stdin, timeout=LIMIT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return Result(case, f"BLOQUÉ après {LIMIT_S:.0f} s", False, True)
    text = (out or b"").decode("utf-8", "replace") + err.decode("utf-8", "replace")
    traceback = (
        "Traceback" in text or "Exception ignored" in text or process.returncode in CRASH_CODES
    )
    lines = [line for line in err.decode("utf-8", "replace").splitlines() if line.strip()]
    lines = lines or (out or b"").decode("utf-8", "replace").strip().splitlines()[-1:]
    said = lines[0].strip() if lines else ""
    return Result(case, f"code {process.returncode} : {said[:90]}", traceback, False)


def wav_header(size: int = 32000) -> bytes:
    import struct

    fmt = struct.pack("<HHIIHH", 1, 1, 16000, 32000, 2, 16)
    return b"RIFF" + struct.pack("<I", 36 + size) + b"WAVEfmt " + struct.pack("<I", 16) + fmt
