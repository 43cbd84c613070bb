"""Privacy on a shared library PC: nothing written but two small files.

Each run gets a fake home (HOME, XDG_*, TMPDIR, working folder); everything in it is
compared before and after. A session may leave the preferences and the place to resume, no
other file, and neither may contain anything the person typed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from assistant.guides.loader import load_guide
from assistant.settings import THEME_NAMES
from tests.privacy_sandbox import (
    AMELI,
    TYPED,
    Sandbox,
    make_sandbox,
    new_files,
    secrets_in,
)


@pytest.fixture
def sandbox(tmp_path: Path) -> Sandbox:
    return make_sandbox(tmp_path)


def test_a_session_leaves_only_the_settings_and_the_place(sandbox: Sandbox) -> None:
    before = sandbox.files()
    result = sandbox.run(["--muet"], TYPED)
    assert result.returncode == 0, result.stderr
    created = new_files(before, sandbox.files())
    settings = ".config/memo-vocal/reglages.yaml"
    place = ".local/state/memo-vocal/reprise.yaml"
    assert set(created) == {settings, place}, "only these two files, nothing in tmp or cache"
    for name in created:
        text = (sandbox.root / name).read_text(encoding="utf-8")
        assert secrets_in(text) == [], f"{name} holds typed text"
    saved_place = yaml.safe_load((sandbox.root / place).read_text(encoding="utf-8"))
    ids = {procedure.id for procedure in load_guide(AMELI).procedures}
    assert saved_place == {"memo": "ameli", "procedure": "paiements", "etape": 3}
    assert saved_place["procedure"] in ids
    saved_settings = yaml.safe_load((sandbox.root / settings).read_text(encoding="utf-8"))
    assert saved_settings["rate_level"] == -1, "« plus lentement » is what was remembered"
    # Numbers, switches and the name of a window theme: nothing a person typed or said.
    assert all(
        isinstance(value, (int, bool)) or value in THEME_NAMES for value in saved_settings.values()
    )


def test_without_memory_nothing_at_all_is_written(sandbox: Sandbox) -> None:
    before = sandbox.files()
    result = sandbox.run(["--muet", "--sans-memoire"], TYPED)
    assert result.returncode == 0, result.stderr
    assert new_files(before, sandbox.files()) == {}


def test_the_journal_is_written_only_where_documented(sandbox: Sandbox) -> None:
    where = subprocess.run(
        [sys.executable, "-c", "from assistant.journal import journal_path; print(journal_path())"],
        capture_output=True, text=True, env=sandbox.env, check=True,
    ).stdout.strip()  # fmt: skip
    journal = Path(where).relative_to(sandbox.root).as_posix()
    before = sandbox.files()
    result = sandbox.run(["--muet", "--journal"], TYPED)
    assert result.returncode == 0, result.stderr
    created = new_files(before, sandbox.files())
    assert set(created) == {
        ".config/memo-vocal/reglages.yaml",
        ".local/state/memo-vocal/reprise.yaml",
        journal,
    }
    logged = (sandbox.root / journal).read_text(encoding="utf-8")
    # What a journal is for: it keeps what was typed, so it is off unless asked for.
    assert "entendu : mes paiements" in logged
    assert secrets_in(logged)


@pytest.mark.skipif(os.name != "posix", reason="Unix permissions")
def test_only_the_user_can_read_the_journal(sandbox: Sandbox) -> None:
    result = sandbox.run(["--muet", "--journal"], TYPED)
    assert result.returncode == 0, result.stderr
    for path in sandbox.root.rglob("memo-vocal/**/*"):
        if path.is_file():
            assert path.stat().st_mode & 0o077 == 0, f"{path} is readable by other accounts"
