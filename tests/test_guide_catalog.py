"""The memo catalog: which memos are installed, and which file a typed name means."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.guides import catalog as guide_catalog
from assistant.guides.catalog import (
    DEFAULT_GUIDE,
    GUIDES_DIR,
    GuideEntry,
    list_guides,
    resolve_guide,
)
from assistant.guides.loader import GuideError, GuideProblem

MEMO = """\
titre: {title}
introduction: Bonjour.
procedures:
  - id: essai
    titre: Essai
    phrases: [un essai]
    etapes:
      - dire: Ouvrez le site.
"""


def add_memo(directory: Path, name: str, title: str = "Un mémo") -> Path:
    path = directory / name
    path.write_text(MEMO.format(title=title), encoding="utf-8")
    return path


def test_the_default_memo_ships_in_the_guides_folder_and_is_valid() -> None:
    assert GUIDES_DIR.parent / "assistant" / "guides" / "catalog.py" == Path(guide_catalog.__file__)
    default = resolve_guide(DEFAULT_GUIDE)
    assert default == GUIDES_DIR / "ameli.yaml"
    [entry] = [each for each in list_guides() if each.name == DEFAULT_GUIDE]
    assert entry.title is not None  # None would mean the shipped memo has problems


def test_list_guides_sorted_with_titles_and_invalid_ones_untitled(tmp_path: Path) -> None:
    caf = add_memo(tmp_path, "caf.yaml", "La Caf pas à pas")
    ameli = add_memo(tmp_path, "ameli.yaml", "Ameli pas à pas")
    broken = tmp_path / "impots.yaml"
    broken.write_text("titre: [\n", encoding="utf-8")
    add_memo(tmp_path, "README.yaml")
    add_memo(tmp_path, "notes.txt")
    (tmp_path / "dossier.yaml").mkdir()
    assert list_guides(tmp_path) == [
        GuideEntry("ameli", ameli, "Ameli pas à pas"),
        GuideEntry("caf", caf, "La Caf pas à pas"),
        GuideEntry("impots", broken, None),
    ]


def test_list_guides_of_a_missing_folder_is_empty(tmp_path: Path) -> None:
    assert list_guides(tmp_path / "absent") == []


def test_resolve_by_name_with_or_without_suffix(tmp_path: Path) -> None:
    ameli = add_memo(tmp_path, "ameli.yaml")
    assert resolve_guide("ameli", tmp_path) == ameli
    assert resolve_guide("ameli.yaml", tmp_path) == ameli
    assert resolve_guide(" Ameli ", tmp_path) == ameli


def test_resolve_an_existing_path_anywhere(tmp_path: Path) -> None:
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    memo = add_memo(elsewhere, "mon_memo.yaml")
    assert resolve_guide(str(memo), tmp_path / "guides") == memo


def test_unknown_name_lists_the_available_memos(tmp_path: Path) -> None:
    add_memo(tmp_path, "caf.yaml")
    add_memo(tmp_path, "ameli.yaml")
    with pytest.raises(GuideError) as caught:
        resolve_guide("impots", tmp_path)
    assert caught.value.problems == (
        GuideProblem("impots", None, "aucun mémo ne porte ce nom. Mémos disponibles : ameli, caf."),
    )
    assert (
        str(caught.value) == "impots : aucun mémo ne porte ce nom. Mémos disponibles : ameli, caf."
    )


def test_unknown_name_in_an_empty_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(GuideError) as caught:
        resolve_guide("ameli", tmp_path)
    [problem] = caught.value.problems
    assert problem.line is None
    assert problem.message == (
        f"aucun mémo ne porte ce nom, et le dossier {tmp_path} n'en contient aucun."
    )


def test_a_folder_is_not_a_memo(tmp_path: Path) -> None:
    add_memo(tmp_path, "ameli.yaml")
    with pytest.raises(GuideError) as caught:
        resolve_guide(str(tmp_path), tmp_path)
    assert "c'est un dossier, pas un mémo" in str(caught.value)
