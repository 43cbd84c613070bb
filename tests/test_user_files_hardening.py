"""User files that are huge, deeply nested, unreachable or unwritable: each gets a message that
says what really happened, and the next start always works."""

from __future__ import annotations

import os
import pwd
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import user_files
from assistant.conversation.core import Place
from assistant.settings import Preferences

PROJECT = Path(__file__).resolve().parent.parent


def deep(levels: int) -> str:
    return "a: " + "[" * levels + "]" * levels + "\n"


@pytest.mark.parametrize("name", [user_files.PREFERENCES_FILE, user_files.PLACE_FILE])
@pytest.mark.parametrize("content", [deep(5000), "rate_level: 1\n" + "#" * 10_000_000 + "\n"])
def test_deep_or_huge_file_is_set_aside_and_the_next_start_is_clean(
    tmp_path: Path, name: str, content: str
) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    if name == user_files.PREFERENCES_FILE:
        loaded = user_files.load_preferences(tmp_path)
        assert loaded.preferences == Preferences()
        assert loaded.warning is not None and "copie est gardée" in loaded.warning
        assert user_files.load_preferences(tmp_path).warning is None
    else:
        assert user_files.load_place(tmp_path) is None
    assert (tmp_path / (name + ".abime")).is_file()
    assert not (tmp_path / name).exists()


def test_settings_folder_that_cannot_be_reached_is_not_called_damaged(tmp_path: Path) -> None:
    folder = Path("/dev/null/memo-vocal")
    loaded = user_files.load_preferences(folder)
    assert loaded.preferences == Preferences()
    assert loaded.warning is not None
    assert "abîmé" not in loaded.warning and "copie" not in loaded.warning
    assert str(folder) in loaded.warning


def test_a_place_that_could_not_be_saved_is_not_called_settings(tmp_path: Path) -> None:
    blocker = tmp_path / "bloque"
    blocker.write_text("", encoding="utf-8")
    warning = user_files.save_place(user_files.SavedPlace("ameli", Place("x", 1)), blocker)
    assert warning is not None and "réglages" not in warning and "étape" in warning


def test_forget_on_a_read_only_folder_says_it_could_not(tmp_path: Path) -> None:
    user_files.save_place(user_files.SavedPlace("ameli", Place("x", 1)), tmp_path)
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(tmp_path)], check=True)
    else:
        tmp_path.chmod(0o555)
    try:
        message = user_files.forget_place_message(tmp_path)
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(tmp_path)], check=True)
        tmp_path.chmod(0o755)
    assert (tmp_path / user_files.PLACE_FILE).exists()
    assert "aucune" not in message and "pas pu" in message


def test_without_home_the_account_home_folder_is_used() -> None:
    """The README says so: with HOME unset, the account's own home (from the system) is used."""
    env = {k: v for k, v in os.environ.items() if k != "HOME" and not k.startswith("XDG_")}
    code = "from assistant import user_files as u\nprint(u.user_config_dir(), u.user_state_dir())"
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT,
        timeout=60,
    )
    home = pwd.getpwuid(os.getuid()).pw_dir
    assert run.stdout.split() == [f"{home}/.config/memo-vocal", f"{home}/.local/state/memo-vocal"]
