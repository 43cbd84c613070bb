"""Output that cannot be written: a closed pipe, /dev/full, a full disk under --sortie-audio
or --journal. Always a French sentence and a clear exit, never a traceback or a hang."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.full_disk import full_disk

PROJECT = Path(__file__).resolve().parent.parent
CANNOT_WRITE = "n'a pas pu écrire"


def private_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = str(home)
    return env


def run(args: list[str], tmp_path: Path, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # type: ignore[call-overload,no-any-return]
        [sys.executable, "-m", "assistant", *args],
        capture_output=kwargs.pop("capture", True),
        timeout=120,
        env=kwargs.pop("env", private_env(tmp_path)),
        cwd=PROJECT,
        **kwargs,
    )


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant", "--muet", "--sans-memoire"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=private_env(tmp_path),
        cwd=PROJECT,
    )
    assert process.stdout is not None and process.stdin is not None
    process.stdout.readline()
    process.stdout.close()  # like `| head -1`
    try:
        process.stdin.write(b"aide\n" * 2000)
        process.stdin.close()
    except BrokenPipeError:
        pass
    assert process.stderr is not None
    err = process.stderr.read()
    process.wait(timeout=120)
    assert b"Traceback" not in err
    assert b"Exception ignored" not in err
    assert process.returncode != 0


@pytest.mark.parametrize(
    "args",
    [
        ["--muet", "--sans-memoire"],
        ["--muet", "--sans-memoire", "--json"],
        ["guides"],
        ["valider", "guides/ameli.yaml"],
        ["--oublier"],
        ["--help"],
    ],
)
def test_dev_full_gives_a_french_message_and_a_failure(args: list[str], tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        result = run(
            args, tmp_path, input=b"suivant\n", stdout=full, capture=False, stderr=subprocess.PIPE
        )
    err = result.stderr.decode()
    assert CANNOT_WRITE in err
    assert "Traceback" not in err and "Exception ignored" not in err
    assert result.returncode != 0


def test_journal_on_a_full_disk_warns_once_and_carries_on(tmp_path: Path) -> None:
    with full_disk(tmp_path / "disque", folders=("etat",)) as disk:
        env = {**private_env(tmp_path), "XDG_STATE_HOME": str(disk / "etat")}
        result = run(
            ["--muet", "--sans-memoire", "--journal"],
            tmp_path,
            input="suivant\nrépète\nsuivant\n".encode(),
            env=env,
        )
    err = result.stderr.decode()
    assert "Traceback" not in err and "Logging error" not in err
    assert err.count("Je ne peux plus écrire le journal") == 1, err
    assert result.returncode == 0
    assert "Au revoir" in result.stdout.decode()


def test_audio_output_on_a_full_disk_stops_in_french(tmp_path: Path) -> None:
    with full_disk(tmp_path / "disque") as disk:
        result = run(
            ["--sans-memoire", "--sortie-audio", str(disk / "voix.wav")],
            tmp_path,
            input=b"suivant\nsuivant\n",
        )
    err = result.stderr.decode()
    assert "Traceback" not in err
    assert "disque" in err and "plein" in err
