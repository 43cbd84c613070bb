"""A downloaded archive is unpacked only when safe: links, escapes, bombs and lying sizes
are refused, and an archive without a model leaves nothing."""

from __future__ import annotations

import io
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.model.files import MODEL_NAME
from assistant.model.problems import (
    DamagedArchive,
    NotAModel,
    UnsafeArchive,
)
from tests.model_site import (
    Site,
    assert_installed,
    build_zip,
    fetch,
    model_entries,
    served_site,
    sha,
)
from tests.test_model_files import fake_model_files


@pytest.fixture
def site() -> Iterator[Site]:
    with served_site() as served:
        yield served


@pytest.fixture
def dest(tmp_path: Path) -> Path:
    return tmp_path / "models"


def symlink_entry() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(f"{MODEL_NAME}/graph/lien")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


@pytest.mark.parametrize(
    ("entry", "why"),
    [
        ("../evil", "elle contient un chemin interdit (../evil)."),
        (f"{MODEL_NAME}/am/../../../evil", f"elle contient un chemin interdit ({MODEL_NAME}/am/"),
        ("/tmp/evil", "elle contient un chemin interdit (/tmp/evil)."),
        ("C:/evil", "elle contient un chemin interdit (C:/evil)."),
        ("..\\evil", "elle contient un chemin interdit (..\\evil)."),
        (symlink_entry(), f"elle contient un lien symbolique ({MODEL_NAME}/graph/lien)."),
        (f"{MODEL_NAME}/am/final.mdl", f"elle contient une entrée inattendue ({MODEL_NAME}/am/"),
        (f"{MODEL_NAME}/AM/Final.mdl", f"elle contient une entrée inattendue ({MODEL_NAME}/AM/"),
        (f"{MODEL_NAME}/am/final.mdl/x", "elle contient une entrée inattendue"),
        (f"{MODEL_NAME}/.cache", f"elle contient un nom de fichier inattendu ({MODEL_NAME}/.c"),
    ],
    ids=[
        "parent",
        "parent-inside",
        "absolute",
        "drive-letter",
        "backslash",
        "symlink",
        "duplicate",
        "duplicate-other-case",
        "file-used-as-folder",
        "hidden-name",
    ],
)
def test_dangerous_entries_are_refused(
    site: Site, tmp_path: Path, dest: Path, entry: str | zipfile.ZipInfo, why: str
) -> None:
    archive = build_zip([*model_entries(), (entry, b"/etc/passwd")])
    with pytest.raises(UnsafeArchive) as caught:
        fetch(dest, [site.serve("/fr.zip", archive)], sha(archive))
    assert str(caught.value).startswith(f"L'archive du modèle a été refusée par sécurité : {why}")
    assert list(dest.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["models"]
    assert not Path("/tmp/evil").exists()


def test_decompression_bomb_in_one_file(site: Site, dest: Path) -> None:
    archive = build_zip([*model_entries(), (f"{MODEL_NAME}/graph/HCLG.fst", bytes(50_000_000))])
    with pytest.raises(UnsafeArchive) as caught:
        fetch(dest, [site.serve("/fr.zip", archive)], sha(archive))
    assert "elle se décompresse en beaucoup trop de données" in str(caught.value)
    assert list(dest.iterdir()) == []


def test_decompression_bomb_spread_over_many_files(site: Site, dest: Path) -> None:
    padding = [(f"{MODEL_NAME}/ivector/bloc{i}.mat", bytes(1024 * 1024)) for i in range(40)]
    archive = build_zip([*model_entries(), *padding])
    with pytest.raises(UnsafeArchive) as caught:
        fetch(dest, [site.serve("/fr.zip", archive)], sha(archive))
    assert "elle se décompresse en beaucoup trop de données" in str(caught.value)
    assert list(dest.iterdir()) == []


def test_sizes_that_lie_are_caught_while_writing(site: Site, dest: Path) -> None:
    name = f"{MODEL_NAME}/am/final.mdl"
    files = fake_model_files()
    files["am/final.mdl"] = b"\x00B" + bytes(3_000_000)
    archive = bytearray(build_zip(model_entries(files)))
    with zipfile.ZipFile(io.BytesIO(bytes(archive))) as bundle:
        local = bundle.getinfo(name).header_offset
    end = archive.rindex(b"PK\x05\x06")
    central = archive.index(name.encode(), int.from_bytes(archive[end + 16 : end + 20], "little"))
    # The local header (size at +22) and the central directory (at +24) both claim 1,000 bytes.
    for offset in (local + 22, central - 46 + 24):
        assert int.from_bytes(archive[offset : offset + 4], "little") == 3_000_002
        archive[offset : offset + 4] = (1000).to_bytes(4, "little")
    data = bytes(archive)
    with pytest.raises(DamagedArchive):
        fetch(dest, [site.serve("/fr.zip", data)], sha(data))
    assert list(dest.iterdir()) == []


def test_archive_without_a_model_leaves_nothing(site: Site, dest: Path) -> None:
    archive = build_zip([(f"{MODEL_NAME}/README", b"pas de modele ici\n")])
    with pytest.raises(NotAModel) as caught:
        fetch(dest, [site.serve("/fr.zip", archive)], sha(archive))
    assert str(caught.value).startswith(
        "L'archive téléchargée ne contient pas un modèle utilisable. Le dossier "
    )
    assert list(dest.iterdir()) == []


def test_real_model_files_pass_the_archive_limits(
    site: Site, dest: Path, korean_model_dir: Path
) -> None:
    # The Korean model is 253 MB: its acoustic model and i-vector files whole, the start of
    # its graphs (magic number included), so real Kaldi data goes through zip and back.
    files = {
        name: (korean_model_dir / name).read_bytes()
        for name in ("am/final.mdl", "conf/mfcc.conf", "conf/model.conf", "ivector/final.ie")
    }
    for name in ("graph/HCLr.fst", "graph/Gr.fst"):
        with (korean_model_dir / name).open("rb") as whole:
            files[name] = whole.read(4_000_000)
    archive = build_zip(model_entries(files))
    fetch(dest, [site.serve("/ko.zip", archive)], sha(archive))
    assert_installed(dest, files)
