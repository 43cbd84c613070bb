"""Odd paths given to --guide and valider: each gets an accurate French message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.guides.catalog import resolve_guide
from assistant.guides.loader import MAX_MEMO_BYTES, GuideError, check_guide_file

PROJECT = Path(__file__).resolve().parent.parent


def refusal(path: Path) -> str:
    with pytest.raises(GuideError) as caught:
        resolve_guide(str(path))
    return str(caught.value)


def test_directory_fifo_and_link_loop_are_named_for_what_they_are(tmp_path: Path) -> None:
    fifo = tmp_path / "tube.yaml"
    os.mkfifo(fifo)
    loop = tmp_path / "boucle.yaml"
    loop.symlink_to(loop)
    assert "c'est un dossier" in refusal(tmp_path)
    assert "pas un fichier ordinaire" in refusal(fifo)
    assert "renvoie sur lui-même" in refusal(loop)
    for path in (tmp_path, fifo, loop):
        assert "aucun mémo ne porte ce nom" not in refusal(path)
    assert "renvoie sur lui-même" in check_guide_file(loop)[0].message


def test_a_huge_memo_is_refused_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "enorme.yaml"
    huge.write_text("procedures:\n" + "  - a\n" * (MAX_MEMO_BYTES // 4), encoding="utf-8")
    problems = check_guide_file(huge)
    assert len(problems) == 1 and "trop gros" in problems[0].message


def test_a_memo_name_that_is_not_utf8_gets_no_traceback(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/\xffmemo.yaml"
    with open(name, "wb") as memo:
        memo.write((PROJECT / "guides" / "ameli.yaml").read_bytes())
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update(HOME=str(tmp_path), LC_ALL="C.UTF-8", PYTHONIOENCODING="utf-8:strict")
    run = subprocess.run(
        [sys.executable, "-m", "assistant", "valider", name],
        capture_output=True,
        env=env,
        cwd=PROJECT,
        timeout=60,
    )
    assert b"Traceback" not in run.stderr, run.stderr.decode(errors="replace")
    assert run.returncode == 0
    assert "le mémo est valide" in run.stdout.decode("utf-8")
