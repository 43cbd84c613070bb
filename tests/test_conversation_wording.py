"""What the core says, independent of any state: spelling letter by letter, and the rules every
fixed sentence follows (short, polite, ending so that the voice pauses)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.conversation import wording
from assistant.conversation.guide import Procedure, Step
from assistant.conversation.pronunciation import spell_out
from assistant.conversation.wording import Reply


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("ameli.fr", "a, m, e, l, i, point, f, r."),
        ("https://a-b", "h, t, t, p, s, deux-points, barre oblique, barre oblique, a, tiret, b."),
        ("nom@site.fr", "n, o, m, arobase, s, i, t, e, point, f, r."),
        ("mon_nom", "m, o, n, tiret du bas, n, o, m."),
        ("75 001", "sept, cinq, espace, zéro, zéro, un."),
        ("été", "e accent aigu, t, e accent aigu."),
        ("à ç è ê ë î ï ô ù û", None),
        ("œuf", "o e collés, u, f."),
        ("MonCompte", "M majuscule, o, n, C majuscule, o, m, p, t, e."),
        ("Été", "E accent aigu majuscule, t, e accent aigu."),
        ("A", "A majuscule."),
        ("CEAM", "En majuscules : C, E, A, M."),
        ("MSA, MGEN", "En majuscules : M, S, A. Puis : En majuscules : M, G, E, N."),
        ("a§b", "a, §, b."),
        ("", ""),
    ],
)
def test_spell_out_names_every_character(text: str, spoken: str | None) -> None:
    if spoken is None:  # every French accent, named in full
        spoken = (
            "a accent grave, espace, c cédille, espace, e accent grave, espace, "
            "e accent circonflexe, espace, e tréma, espace, i accent circonflexe, espace, "
            "i tréma, espace, o accent circonflexe, espace, u accent grave, espace, "
            "u accent circonflexe."
        )
    assert spell_out(text) == spoken


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789.-/@:", min_size=1, max_size=30))
def test_spell_out_gives_one_name_per_character_and_no_digits(text: str) -> None:
    spoken = spell_out(text)
    assert spoken.endswith(".")
    assert len(spoken.removesuffix(".").split(", ")) == len(text)
    assert not re.search(r"[0-9]", spoken), "digits are said as words"


def _fixed_replies() -> list[Reply]:
    return [value for value in vars(wording).values() if isinstance(value, Reply)]


def test_every_fixed_sentence_ends_so_that_the_voice_pauses() -> None:
    replies = _fixed_replies()
    assert len(replies) > 20
    for reply in replies:
        assert reply.speech.endswith((".", "?")), reply.speech
        assert reply.screen.strip()


def test_every_fixed_sentence_uses_vous_and_stays_short() -> None:
    for reply in _fixed_replies():
        assert not re.search(r"\b(tu|toi|ton|ta|tes|te)\b", reply.speech.lower()), reply.speech
        for sentence in re.split(r"(?<=[.?!])\s", reply.speech):
            assert len(sentence.split()) <= 14, sentence


def test_guide_texts_get_a_final_full_stop_and_lose_their_line_breaks() -> None:
    procedure_title = "Mes paiements"
    assert wording.announce(procedure_title) == Reply("Mes paiements.", "Mes paiements")
    assert wording.explanation("Une ligne\n  puis une autre") == Reply(
        "Une ligne puis une autre.", "Explication :\nUne ligne puis une autre"
    )
    assert wording.welcome("Titre.", "").speech.endswith("avec le mémo : Titre.")


def _procedure(*steps: Step) -> Procedure:
    return Procedure("essai", "Essai", ("essai",), steps)


def test_spell_hint_only_when_the_step_says_what_is_spelled() -> None:
    said_it = _procedure(Step("Tapez ameli.fr.", spell="ameli.fr"))
    not_said = _procedure(Step("Ouvrez le site.", spell="ameli.fr"))
    assert wording.SPELL_HINT in wording.step(said_it, 0)[-1].speech
    assert wording.SPELL_HINT not in wording.step(not_said, 0)[-1].speech


def test_explain_hint_once_per_procedure_at_the_first_explained_step() -> None:
    procedure = _procedure(
        Step("Un."), Step("Deux.", explain="Plus."), Step("Trois.", explain="Encore.")
    )
    hinted = [wording.EXPLAIN_HINT in wording.step(procedure, i)[-1].speech for i in range(3)]
    assert hinted == [False, True, False]


def test_two_secret_steps_in_a_row_warn_in_full_once() -> None:
    procedure = _procedure(Step("Tapez le numéro.", secret=True), Step("Tapez.", secret=True))
    assert wording.step(procedure, 0)[0] == wording.SECRET_WARNING
    assert wording.step(procedure, 1)[0] == wording.SECRET_AGAIN
