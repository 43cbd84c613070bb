"""Preferences and the place in the memo: saved, reloaded, and never fatal."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant import user_files
from assistant.conversation.core import Place
from assistant.settings import Preferences


def test_preferences_round_trip(tmp_path: Path) -> None:
    wanted = Preferences(
        rate_level=-2, volume_level=3, beep=False, barge_in=True, silence_reminder_s=30
    )
    assert user_files.save_preferences(wanted, tmp_path) is None
    assert user_files.load_preferences(tmp_path) == user_files.LoadResult(wanted)


def test_missing_preferences_give_defaults_without_warning(tmp_path: Path) -> None:
    assert user_files.load_preferences(tmp_path) == user_files.LoadResult(Preferences())


def test_corrupt_preferences_fall_back_keep_a_copy_and_say_so(tmp_path: Path) -> None:
    path = tmp_path / user_files.PREFERENCES_FILE
    path.write_text("rate_level: [1, 2\n", encoding="utf-8")
    result = user_files.load_preferences(tmp_path)
    assert result.preferences == Preferences()
    assert result.warning is not None and "abîmés" in result.warning
    assert (tmp_path / "reglages.yaml.abime").read_text(encoding="utf-8") == "rate_level: [1, 2\n"
    assert not path.exists()


def test_out_of_range_and_wrong_types_are_corrected(tmp_path: Path) -> None:
    (tmp_path / user_files.PREFERENCES_FILE).write_text(
        "rate_level: 12\nvolume_level: oui\nbeep: 3\nsilence_reminder_s: -5\n", encoding="utf-8"
    )
    preferences = user_files.load_preferences(tmp_path).preferences
    assert preferences == Preferences(rate_level=3, volume_level=0, beep=True, silence_reminder_s=0)


def test_place_round_trip_and_forget(tmp_path: Path) -> None:
    saved = user_files.SavedPlace("ameli", Place("paiements", 3))
    assert user_files.save_place(saved, tmp_path) is None
    assert user_files.load_place(tmp_path) == saved
    text = (tmp_path / user_files.PLACE_FILE).read_text(encoding="utf-8")
    assert "paiements" in text and "etape: 3" in text
    assert user_files.forget_place(tmp_path) is True
    assert user_files.load_place(tmp_path) is None
    assert user_files.forget_place(tmp_path) is False


@pytest.mark.parametrize(
    "content",
    [
        "",
        "memo: ameli\n",
        "memo: ameli\nprocedure: paiements\netape: 0\n",
        "memo: ameli\nprocedure: paiements\netape: true\n",
        "- liste\n",
        "{{{{",
        "\xff",
    ],
)
def test_odd_place_files_are_ignored(tmp_path: Path, content: str) -> None:
    (tmp_path / user_files.PLACE_FILE).write_text(content, encoding="utf-8")
    assert user_files.load_place(tmp_path) is None


def _mount_tmpfs(target: Path, options: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)], capture_output=True
    )
    return result.returncode == 0


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A real, tiny file system filled to the last byte."""
    target = tmp_path / "plein"
    target.mkdir()
    if not _mount_tmpfs(target, "size=64k"):
        pytest.skip("monter un petit disque demande les droits root (mount tmpfs)")
    try:
        with contextlib.suppress(OSError), (target / "remplissage").open("wb") as filler:
            while True:
                filler.write(b"\0" * 4096)
        yield target
    finally:
        subprocess.run(["umount", str(target)], check=False)


@pytest.fixture
def read_only_disk(tmp_path: Path) -> Iterator[Path]:
    target = tmp_path / "lecture-seule"
    target.mkdir()
    if not _mount_tmpfs(target, "size=64k,ro"):
        pytest.skip("monter un disque en lecture seule demande les droits root (mount tmpfs)")
    try:
        yield target
    finally:
        subprocess.run(["umount", str(target)], check=False)


def test_full_disk_gives_a_french_warning_and_leaves_no_temporary_file(full_disk: Path) -> None:
    warning = user_files.save_preferences(Preferences(rate_level=2), full_disk)
    assert warning is not None and "plein" in warning
    assert sorted(path.name for path in full_disk.iterdir()) == ["remplissage"]
    place_warning = user_files.save_place(user_files.SavedPlace("ameli", Place("x", 1)), full_disk)
    assert place_warning is not None


def test_read_only_disk_gives_a_french_warning(read_only_disk: Path) -> None:
    warning = user_files.save_preferences(Preferences(), read_only_disk)
    assert warning is not None and "protégé" in warning
    assert user_files.forget_place(read_only_disk) is False


def test_a_file_where_the_folder_should_be_gives_a_french_warning(tmp_path: Path) -> None:
    blocker = tmp_path / "bloque"
    blocker.write_text("", encoding="utf-8")
    warning = user_files.save_place(user_files.SavedPlace("ameli", Place("x", 1)), blocker)
    assert warning is not None
