"""Ctrl-C at any moment of the start: never a KeyboardInterrupt traceback.

The program is started as `scripts/demarrer.sh` starts it (Ctrl-C ignored until Mémo vocal's
first line runs: Python's own start is out of reach). The same fixed delays every run (no
randomness, no dependence on the machine's speed for the verdict): whatever the start is doing
at that moment, the ending must be quiet.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.cli import main as cli_main

PROJECT = Path(__file__).resolve().parent.parent
DELAYS_S = [0.0, 0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.13, 0.16, 0.2, 0.25, 0.3, 0.4, 0.6, 1.0]


@pytest.mark.parametrize("delay_s", DELAYS_S)
def test_ctrl_c_during_the_start_is_quiet(delay_s: float, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = str(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant", "--muet", "--sans-memoire"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=PROJECT,
        # As scripts/demarrer.sh starts it: Ctrl-C ignored across Python's own start.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    time.sleep(delay_s)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert b"Traceback" not in err, err.decode()
    assert b"KeyboardInterrupt" not in err
    assert process.returncode in (0, 130, -signal.SIGINT), (process.returncode, out, err)


def test_ctrl_c_works_again_once_the_session_has_started(tmp_path: Path) -> None:
    """Started as demarrer.sh does (Ctrl-C ignored), Ctrl-C must still end a running session."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = str(tmp_path)
    for command in (["-m", "assistant"], ["-c", "from assistant.cli.main import main; main()"]):
        process = subprocess.Popen(
            [sys.executable, *command, "--muet", "--sans-memoire"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=PROJECT,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
        )
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline().startswith(b"Bonjour")  # waiting for a command now
        process.send_signal(signal.SIGINT)  # stdin stays open: only the signal can end it
        assert process.wait(timeout=60) in (0, 130)  # goodbye from the line loop or main()
        assert b"Au revoir" in process.stdout.read()
        assert b"Traceback" not in process.stderr.read()
        assert process.stdin is not None
        process.stdin.close()


class _InterruptedWhenNamed:
    """A class attribute whose naming is interrupted, as Ctrl-C at 0.13 s hit a dataclass
    field of assistant/guides/schema.py being named during an import (CI, 1 Dec 2026)."""

    def __set_name__(self, owner: type, name: str) -> None:
        raise KeyboardInterrupt


def test_ctrl_c_while_a_class_is_made_is_quiet(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Python wraps that KeyboardInterrupt in a RuntimeError: it must end as Ctrl-C does. The
    moment cannot be hit on purpose from outside, so the class is made inside `_main`."""

    def start(argv: object) -> int:
        type("Draft", (), {"words": _InterruptedWhenNamed()})
        return 0

    monkeypatch.setattr(cli_main, "_main", start)
    assert cli_main.main([]) == 130
    assert "Au revoir." in capsys.readouterr().out


def test_another_runtime_error_is_not_taken_for_ctrl_c(monkeypatch: pytest.MonkeyPatch) -> None:
    def start(argv: object) -> int:
        raise RuntimeError("a real defect")

    monkeypatch.setattr(cli_main, "_main", start)
    with pytest.raises(RuntimeError, match="a real defect"):
        cli_main.main([])
