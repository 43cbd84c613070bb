"""`memo-vocal valider` advice: each warning shown by a small memo, and the Ameli figures."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from assistant.cli.actions import check_guide
from assistant.conversation.pronunciation import Lexicon
from assistant.guides.loader import load_guide
from assistant.guides.style_checks import check_style
from assistant.speaking import phonemes

AMELI = Path(__file__).resolve().parent.parent / "guides" / "ameli.yaml"
MEMO = """\
titre: Essai
introduction: Un mémo pour essayer.
{extra}procedures:
  - id: essai
    titre: Payer la cantine
    phrases:
      - la cantine
    etapes:
      - dire: Touchez « Accueil ».
{step}
"""


def warnings_for(tmp_path: Path, step: str, extra: str = "") -> list[tuple[int, str]]:
    path = tmp_path / "essai.yaml"
    path.write_text(MEMO.format(step=step, extra=extra), encoding="utf-8")
    foreign = phonemes.foreign_words if phonemes.available() else None
    report = check_style(path, load_guide(path), Lexicon(), foreign)
    return [(warning.line, warning.message) for warning in report.warnings]


def test_a_clean_memo_gets_no_warning(tmp_path: Path) -> None:
    assert warnings_for(tmp_path, "      - dire: Touchez « Suite ».") == []


def test_a_sentence_over_twenty_words(tmp_path: Path) -> None:
    long = " ".join(["mot"] * 21)
    assert warnings_for(tmp_path, f"      - dire: Touchez {long}.") == [
        (10, f"une phrase a 22 mots (au plus 20) : « Touchez {long}. »."),
    ]


@pytest.mark.parametrize(
    ("say", "several"),
    [
        ("Tapez votre code, puis validez.", True),
        ("Touchez « Oui ». Sinon, touchez « Non ».", True),
        ("Si vous avez un compte, touchez « Connectez-vous ».", False),
        ("Vous pouvez aussi demander une attestation.", False),
    ],
)
def test_a_step_with_several_actions(tmp_path: Path, say: str, several: bool) -> None:
    found = warnings_for(tmp_path, f"      - dire: {say}")
    expected = [(10, "cette étape demande plusieurs actions : coupez-la.")]
    assert [w for w in found if "plusieurs actions" in w[1]] == (expected if several else [])


@pytest.mark.skipif(not phonemes.available(), reason="espeak-ng absent")
def test_a_word_said_in_another_language(tmp_path: Path) -> None:
    found = warnings_for(tmp_path, "      - dire: Ouvrez Firefox.")
    assert (10, "« Firefox » serait dit avec une voix étrangère : "
            "ajoutez sa prononciation dans « prononciation: ».") in found  # fmt: skip


@pytest.mark.skipif(not phonemes.available(), reason="espeak-ng absent")
def test_the_memo_pronunciation_section_silences_that_warning(tmp_path: Path) -> None:
    path = tmp_path / "essai.yaml"
    extra = "prononciation:\n  Firefox: faïeur fox\n"
    path.write_text(MEMO.format(step="      - dire: Ouvrez Firefox.", extra=extra), "utf-8")
    guide = load_guide(path)
    report = check_style(path, guide, Lexicon(guide.pronunciation), phonemes.foreign_words)
    assert report.warnings == []


def test_a_hard_word_not_explained(tmp_path: Path) -> None:
    assert warnings_for(tmp_path, "      - dire: Touchez l'onglet « Suite ».") == [
        (10, "le mot difficile « onglet » n'est pas expliqué ici."),
    ]
    explained = (
        "      - dire: Touchez l'onglet « Suite ».\n"
        "        expliquer: Un onglet est un mot en haut de la page."
    )
    assert warnings_for(tmp_path, explained) == []


def test_the_memo_can_add_hard_words(tmp_path: Path) -> None:
    extra = "mots_difficiles:\n  - espace santé\n"
    found = warnings_for(tmp_path, "      - dire: Touchez « Mon espace santé ».", extra)
    assert [message for _, message in found] == [
        "le mot difficile « espace santé » n'est pas expliqué ici."
    ]


def test_a_spelling_the_step_does_not_say(tmp_path: Path) -> None:
    step = "      - dire: Ouvrez le site.\n        epeler: ameli.fr"
    assert warnings_for(tmp_path, step) == [
        (
            10,
            "le texte à épeler « ameli.fr » n'est pas dit dans l'étape : "
            "la personne ne saura pas à quoi servent les lettres.",
        )
    ]


def test_a_secret_step_that_types_nothing(tmp_path: Path) -> None:
    step = "      - dire: Regardez la page.\n        secret: true"
    assert warnings_for(tmp_path, step) == [
        (
            10,
            "cette étape est marquée « secret » mais ne fait rien taper : "
            "l'avertissement serait inutile.",
        )
    ]
    typing = "      - dire: Tapez votre mot de passe.\n        secret: true"
    assert warnings_for(tmp_path, typing) == []


def test_valider_lists_warnings_with_file_and_line_and_still_succeeds(tmp_path: Path) -> None:
    path = tmp_path / "essai.yaml"
    path.write_text(MEMO.format(step="      - dire: Tapez, puis validez.", extra=""), "utf-8")
    out = io.StringIO()
    assert check_guide(path, out, stats=True) == 0
    text = out.getvalue()
    assert f"{path}, ligne 10 : attention, cette étape demande plusieurs actions" in text
    assert "1 étape(s) à plusieurs actions" in text


def test_the_ameli_memo_figures_meet_easy_french(capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    assert check_guide(AMELI, out, stats=True) == 0
    figures = re.search(
        r"(\d+) phrases, ([\d,]+) mots par phrase en moyenne, (\d+) au plus ; "
        r"(\d+) étape\(s\) à plusieurs actions ; (\d+) mot\(s\) difficile",
        out.getvalue(),
    )
    assert figures is not None, out.getvalue()
    assert float(figures[2].replace(",", ".")) <= 12 and int(figures[3]) <= 20
    assert figures[4] == "0" and figures[5] == "0"
    assert "remarque" not in out.getvalue()


def test_the_readme_example_follows_its_own_advice(tmp_path: Path) -> None:
    readme = (AMELI.parent / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", readme, re.S)
    example = tmp_path / "caf.yaml"
    example.write_text(next(block for block in blocks if "procedures:" in block), "utf-8")
    out = io.StringIO()
    assert check_guide(example, out) == 0
    assert "remarque" not in out.getvalue(), out.getvalue()
