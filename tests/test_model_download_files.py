"""What the download finds or leaves on disk: an earlier `.part`, a zip copied by hand, a
broken model, a full disk, a read-only folder, and links where its own files should be."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.model.download import PART_SUFFIX
from assistant.model.files import MODEL_NAME, check_model_dir
from assistant.model.problems import (
    DiskFull,
    DownloadProblem,
    FolderNotWritable,
    WrongLocalArchive,
)
from tests.full_disk import full_disk
from tests.model_site import (
    Site,
    assert_installed,
    build_zip,
    dest,
    fetch,
    model_entries,
    refused_port,
    sha,
    site,
)

__all__ = ["dest", "site"]  # fixtures shared with the other download tests


def test_finished_archive_from_earlier_run_needs_no_network(dest: Path) -> None:
    archive = build_zip(model_entries())
    dest.mkdir()
    (dest / (MODEL_NAME + PART_SUFFIX)).write_bytes(archive)
    fetch(dest, [refused_port()], sha(archive))
    assert_installed(dest)


def test_zip_copied_from_a_usb_stick_is_checked_and_installed(dest: Path) -> None:
    archive = build_zip(model_entries())
    dest.mkdir()
    (dest / f"{MODEL_NAME}.zip").write_bytes(archive)
    fetch(dest, [refused_port()], sha(archive))
    check_model_dir(dest / MODEL_NAME)
    assert (dest / f"{MODEL_NAME}.zip").read_bytes() == archive  # The user's copy stays.


def test_wrong_zip_copied_by_hand_is_named(site: Site, dest: Path) -> None:
    dest.mkdir()
    (dest / f"{MODEL_NAME}.zip").write_bytes(build_zip(model_entries()))
    with pytest.raises(WrongLocalArchive) as caught:
        fetch(dest, [site.url("/fr.zip")], "0" * 64)
    assert str(caught.value) == (
        f"Le fichier {dest / MODEL_NAME}.zip n'est pas le bon modèle "
        "(empreinte SHA-256 différente).\n"
        "Supprimez-le ou remplacez-le par le bon fichier, puis relancez : "
        "memo-vocal telecharger-modele"
    )
    assert site.requests == []
    assert not (dest / MODEL_NAME).exists()


def test_broken_model_and_leftovers_are_replaced(site: Site, dest: Path) -> None:
    (dest / MODEL_NAME / "am").mkdir(parents=True)
    (dest / MODEL_NAME / "am" / "final.mdl").write_bytes(b"")
    (dest / f".{MODEL_NAME}.tmp-ancien" / "am").mkdir(parents=True)
    archive = build_zip(model_entries())
    fetch(dest, [site.serve("/fr.zip", archive)], sha(archive))
    assert_installed(dest)


def test_disk_full_is_said_plainly(site: Site, tmp_path: Path) -> None:
    archive = build_zip(model_entries())
    with full_disk(tmp_path / "disque", folders=("models",)) as disk:
        dest = disk / "models"
        with pytest.raises(DiskFull) as caught:
            fetch(dest, [site.serve("/fr.zip", archive)], sha(archive))
        message = str(caught.value)
        assert message.startswith("Il n'y a plus assez de place sur le disque pour le modèle")
        assert not (dest / MODEL_NAME).exists()


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """A folder nobody may write to, root included (chattr +i), as on a locked library PC."""
    if sys.platform == "win32":
        pytest.skip("Dossier en lecture seule : testé sous Linux.")
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode:
            pytest.skip("chattr +i indisponible ici.")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)


def test_read_only_folder_is_said_before_any_download(site: Site, dest: Path) -> None:
    dest.mkdir()
    url = site.serve("/fr.zip", b"")
    with read_only(dest), pytest.raises(FolderNotWritable) as caught:
        fetch(dest, [url], "0" * 64)
    assert str(caught.value).startswith(f"Impossible d'écrire dans le dossier {dest}")
    assert site.requests == []


# --- the partial file is never followed through a link (issue 12) ---------------------------


def test_part_file_that_is_a_symlink_is_refused_and_its_target_untouched(
    site: Site, dest: Path, tmp_path: Path
) -> None:
    archive = build_zip(model_entries())
    elsewhere = tmp_path / "ailleurs.txt"
    elsewhere.write_bytes(b"a moi")
    dest.mkdir()
    (dest / (MODEL_NAME + ".zip.part")).symlink_to(elsewhere)
    with pytest.raises(DownloadProblem) as caught:
        fetch(dest, [site.serve("/fr.zip", archive)], sha(archive))
    assert "n'est pas un fichier ordinaire" in str(caught.value)
    assert elsewhere.read_bytes() == b"a moi"
    assert site.requests == []


def test_part_file_that_is_a_fifo_is_refused_at_once(site: Site, dest: Path) -> None:
    archive = build_zip(model_entries())
    dest.mkdir()
    os.mkfifo(dest / (MODEL_NAME + ".zip.part"))
    with pytest.raises(DownloadProblem) as caught:
        fetch(dest, [site.serve("/fr.zip", archive)], sha(archive))
    assert "n'est pas un fichier ordinaire" in str(caught.value)


def test_hand_copied_archive_that_is_a_symlink_is_not_followed(
    site: Site, dest: Path, tmp_path: Path
) -> None:
    archive = build_zip(model_entries())
    outside = tmp_path / "dehors.zip"
    outside.write_bytes(archive)
    dest.mkdir()
    (dest / (MODEL_NAME + ".zip")).symlink_to(outside)
    with pytest.raises(DownloadProblem) as caught:
        fetch(dest, [site.serve("/fr.zip", archive)], sha(archive))
    assert "n'est pas un fichier ordinaire" in str(caught.value)
