"""The pronunciation layer: the lexicon's matching rules and codes read digit by digit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.conversation.pronunciation import Lexicon, read_digits
from assistant.guides.loader import GuideError, load_guide
from assistant.speaking.lexicon import lexicon_for, package_lexicon

LEXICON = Lexicon((("CEAM", "C E A M"), ("email", "courriel"), ("ameli.fr", "améli point f r")))


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Demandez la CEAM.", "Demandez la C E A M."),
        ("la ceam", "la ceam"),  # an acronym matches its own spelling only
        ("CEAMS", "CEAMS"),  # whole words only
        ("Email reçu, ouvrez vos email.", "Courriel reçu, ouvrez vos courriel."),
        ("Tapez ameli.fr.", "Tapez améli point f r."),
        ("Étape 1 sur 6. Tous les 6 mois.", "Étape 1 sur 6. Tous les 6 mois."),
        ("Le code 95000.", "Le code neuf cinq zéro zéro zéro."),
        ("Tapez 06.", "Tapez zéro six."),
        ("Il coûte 12,50 euros.", "Il coûte 12,50 euros."),
    ],
)
def test_the_lexicon_changes_only_what_it_names(written: str, spoken: str) -> None:
    assert LEXICON.spoken(written) == spoken


def test_the_longest_form_wins_and_the_memo_entries_replace_the_package_ones() -> None:
    lexicon = Lexicon((("ameli", "améli"), ("ameli.fr", "améli point f r")))
    assert lexicon.spoken("ameli.fr et ameli") == "améli point f r et améli"
    assert lexicon.extended([("ameli", "a m")]).spoken("ameli") == "a m"


def test_digits_are_named_one_by_one() -> None:
    assert read_digits("2027") == "deux zéro deux sept"


def test_the_package_lexicon_is_shipped_and_read() -> None:
    spoken = package_lexicon().spoken("La CEAM et la MGEN, sur ameli.fr, par email.")
    assert spoken == "La C E A M et la M G E N, sur améli point f r, par courriel."


def test_json_output_has_the_spoken_form_beside_the_shown_text() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "assistant", "--muet", "--json", "--sans-memoire"],
        input="suivant\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    first = json.loads(run.stdout.splitlines()[0])
    assert "ameli.fr" in first["text"] and "ameli.fr" not in first["spoken"]
    assert "améli point f r" in first["spoken"]


MEMO = """\
titre: Essai
introduction: Un mémo.
prononciation:
{section}
procedures:
  - id: essai
    titre: Payer la cantine
    phrases:
      - la cantine
    etapes:
      - dire: Ouvrez la CNAF.
"""


def test_a_memo_section_is_read_and_wins_over_the_package(tmp_path: Path) -> None:
    path = tmp_path / "essai.yaml"
    path.write_text(MEMO.format(section="  CNAF: C N A F\n  CEAM: cé eu a èm"), "utf-8")
    guide = load_guide(path)
    assert guide.pronunciation == (("CNAF", "C N A F"), ("CEAM", "cé eu a èm"))
    assert lexicon_for(guide).spoken("CNAF, CEAM") == "C N A F, cé eu a èm"


def test_a_wrong_section_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "essai.yaml"
    path.write_text(MEMO.format(section="  - CNAF"), "utf-8")
    with pytest.raises(GuideError) as error:
        load_guide(path)
    assert [problem.line for problem in error.value.problems] == [4]
    assert "« prononciation »" in str(error.value)
