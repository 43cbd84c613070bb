"""`scripts/tester.sh` runs every check even when one fails, and then fails itself.

The script is run for real, in a copy of the project layout where the installer, pytest, ruff
and mypy are stand-ins that only record their call: the point is the script's own logic.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "tester.sh"


def fake_project(tmp_path: Path, failing: str) -> Path:
    (tmp_path / "scripts").mkdir()
    shutil.copy(SCRIPT, tmp_path / "scripts" / "tester.sh")
    (tmp_path / "scripts" / "installer.sh").write_text("exit 0\n")
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for tool in ("python", "ruff", "mypy"):
        status = 1 if tool == failing else 0
        script = bin_dir / tool
        record = f'echo "{tool} $*" >> "$(dirname "$0")/calls"'
        script.write_text(f"#!/bin/sh\n{record}\nexit {status}\n")
        script.chmod(0o755)
    return tmp_path


@pytest.mark.parametrize("failing", ["python", "ruff", "mypy"])
def test_one_failure_does_not_hide_the_other_checks(tmp_path: Path, failing: str) -> None:
    project = fake_project(tmp_path, failing)
    run = subprocess.run(
        ["bash", str(project / "scripts" / "tester.sh"), "-k", "x"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    calls = (project / ".venv" / "bin" / "calls").read_text().splitlines()
    assert calls == [
        "python -m pytest -k x",
        "ruff check .",
        "ruff format --check .",
        "mypy ",
    ]
    assert run.returncode != 0
    assert "Échec" in run.stderr


def test_all_checks_passing_exits_zero(tmp_path: Path) -> None:
    project = fake_project(tmp_path, failing="none")
    run = subprocess.run(
        ["bash", str(project / "scripts" / "tester.sh")], capture_output=True, timeout=60
    )
    assert run.returncode == 0
