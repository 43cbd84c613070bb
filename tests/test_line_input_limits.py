"""Standard input that is not clean UTF-8, or a line of 50 MB: replaced or refused, never a
crash, and --json output that is always valid UTF-8."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


def run(
    data: bytes, tmp_path: Path, *extra: str, **env_extra: str
) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "LC_"))}
    env.update(HOME=str(tmp_path), **env_extra)
    return subprocess.run(
        [sys.executable, "-m", "assistant", "--muet", "--sans-memoire", *extra],
        input=data,
        capture_output=True,
        env=env,
        cwd=PROJECT,
        timeout=120,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000)),
    )


@pytest.mark.parametrize(
    "locale_env",
    [
        {"LC_ALL": "C.UTF-8"},
        {"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8:strict"},
        {"LC_ALL": "C"},
    ],
)
def test_invalid_utf8_is_replaced_and_json_stays_utf8(
    tmp_path: Path, locale_env: dict[str, str]
) -> None:
    result = run(b"\xff\xfesuivant\n\xc3(\nsuivant\n", tmp_path, "--json", **locale_env)
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    assert result.returncode == 0
    lines = result.stdout.decode("utf-8").splitlines()  # strict: must be valid UTF-8
    records = [json.loads(line) for line in lines]
    assert [r["command"] for r in records if r["input"] == "suivant"] == ["next"]


def test_a_50_mb_line_is_refused_before_any_work(tmp_path: Path) -> None:
    result = run(b"a" * 50_000_000 + b"\nsuivant\n", tmp_path)
    assert b"Traceback" not in result.stderr, result.stderr[-500:]
    assert result.returncode == 0
    out = result.stdout.decode()
    assert "trop longue" in out
    assert "vos remboursements de l'Assurance Maladie" in out  # the next line is still read
