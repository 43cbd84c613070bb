"""An offline start does not wait: a failed download is remembered for a day, or until
`memo-vocal telecharger-modele` is typed by hand."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import time
from pathlib import Path

import pytest

from assistant.model import attempts
from assistant.model.download import run_download_command

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture
def no_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if (PROJECT / "models" / "vosk-model-small-fr-0.22").exists():
        pytest.skip("Le modèle français est installé dans le projet.")
    monkeypatch.delenv("MEMO_VOCAL_MODELE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path


def refused_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}/fr.zip"


def test_a_failure_is_remembered_for_a_day(no_model: Path) -> None:
    assert attempts.model_state() == "absent"
    attempts.remember_failure()
    assert attempts.model_state() == "recent-failure"
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(attempts.failure_stamp(), (two_days_ago, two_days_ago))
    assert attempts.model_state() == "absent"


def test_typing_the_download_command_forgets_the_failure(no_model: Path) -> None:
    attempts.remember_failure()
    code = run_download_command(
        no_model / "models", io.StringIO(), urls=[refused_url()], progress=False, retries=1
    )
    assert code == 1
    assert attempts.model_state() == "absent"


def test_start_script_skips_the_download_after_a_recent_failure(no_model: Path) -> None:
    attempts.remember_failure()
    env = {k: v for k, v in os.environ.items() if k != "MEMO_VOCAL_MODELE"}
    env.update(
        HOME=str(no_model),
        XDG_CACHE_HOME=str(no_model / "cache"),
        XDG_DATA_HOME=str(no_model / "data"),
    )
    run = subprocess.run(
        ["bash", "scripts/installer.sh"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "nouvel essai de téléchargement demain" in run.stdout
    assert "Téléchargement du modèle" not in run.stdout
