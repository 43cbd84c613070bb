"""The pronunciation layer: the lexicon's matching rules and codes read digit by digit."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assistant.conversation.pronunciation import Lexicon, read_digits
from assistant.speaking.lexicon import package_lexicon

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
