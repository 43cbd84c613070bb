"""« carte vitale » fits two procedures: the core asks which one, and every answer works."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.conversation import core as conversation
from assistant.conversation.commands import Command, CommandName
from assistant.conversation.core import Mode, Turn
from assistant.conversation.guide import Guide
from assistant.conversation.understanding import Understanding
from assistant.guides.loader import load_guide

AMELI = Path(__file__).resolve().parent.parent / "guides" / "ameli.yaml"
GUIDE: Guide = load_guide(AMELI)
UNDERSTANDING = Understanding(GUIDE)
QUESTION = "Vous voulez : 1, commander une carte Vitale, ou 2, carte Vitale perdue ou volée ?"


def asked(before: str = "menu") -> Turn:
    turn = conversation.start(GUIDE)
    turn = conversation.handle(GUIDE, turn.state, UNDERSTANDING.understand(before))
    return conversation.handle(GUIDE, turn.state, UNDERSTANDING.understand("carte vitale"))


def answer(text: str, turn: Turn | None = None) -> Turn:
    turn = turn or asked()
    return conversation.handle(GUIDE, turn.state, UNDERSTANDING.understand(text))


def test_carte_vitale_alone_asks_which_one() -> None:
    turn = asked()
    assert turn.state.mode is Mode.CHOOSE_PROCEDURE
    assert turn.state.choices == ("carte_vitale", "carte_perdue")
    assert [reply.speech for reply in turn.replies] == [QUESTION]
    assert "1. Commander une carte Vitale" in turn.replies[0].screen


@pytest.mark.parametrize(
    ("said", "opened"),
    [
        ("1", "carte_vitale"),
        ("2", "carte_perdue"),
        ("un", "carte_vitale"),
        ("deux", "carte_perdue"),
        ("numéro deux", "carte_perdue"),
        ("la première", "carte_vitale"),
        ("la deuxième", "carte_perdue"),
        ("le second", "carte_perdue"),
        ("commander une carte vitale", "carte_vitale"),
        ("la carte perdue", "carte_perdue"),
        ("elle est volée", "carte_perdue"),
        ("mes paiements", "paiements"),  # something else, clearly asked: it is done
    ],
)
def test_each_way_of_answering_opens_the_procedure(said: str, opened: str) -> None:
    turn = answer(said)
    assert turn.state.mode is Mode.STEP and turn.state.procedure_id == opened
    assert turn.state.step_index == 0 and turn.state.choices == ()


def test_a_number_typed_then_entree_answers_through_the_core() -> None:
    typed = Command(CommandName.OPEN_PROCEDURE, step_number=2)
    turn = conversation.handle(GUIDE, asked().state, typed)
    assert turn.state.procedure_id == "carte_perdue" and turn.state.mode is Mode.STEP
    # The same key in the menu still opens the menu's second procedure.
    menu = answer("menu", conversation.start(GUIDE))
    opened = conversation.handle(GUIDE, menu.state, typed)
    assert opened.state.procedure_id == GUIDE.procedures[1].id


def test_no_goes_back_where_the_listener_was() -> None:
    turn = answer("non")
    assert turn.state.mode is Mode.MENU and turn.state.choices == ()
    assert turn.replies[0].speech.startswith("D'accord.")
    in_step = asked("mes paiements")
    back = answer("non", in_step)
    assert back.state.mode is Mode.STEP and back.state.procedure_id == "paiements"


ONE_CHOICE = "on m'a volé mon sac"
"""Fits carte_perdue too loosely to open it: « Vous voulez : … ? Dites oui ou non. »"""
ONE_QUESTION = "Vous voulez : carte Vitale perdue ou volée ? Dites oui ou non."
QUESTIONS = [
    ("carte vitale", QUESTION, "Je n'ai pas compris. Dites 1 ou 2. Ou dites non.", "oui"),
    (ONE_CHOICE, ONE_QUESTION, "Je n'ai pas compris. Dites oui ou non.", "suivant"),
]


def asked_with(sentence: str) -> Turn:
    turn = conversation.start(GUIDE)
    turn = conversation.handle(GUIDE, turn.state, UNDERSTANDING.understand("mes paiements"))
    return conversation.handle(GUIDE, turn.state, UNDERSTANDING.understand(sentence))


@pytest.mark.parametrize(("sentence", "question", "way_out", "no_answer"), QUESTIONS)
@pytest.mark.parametrize("said", ["euh je sais pas", "trois", "NO_ANSWER"])
def test_something_else_gets_a_clear_way_out_and_the_question_again(
    sentence: str, question: str, way_out: str, no_answer: str, said: str
) -> None:
    said = no_answer if said == "NO_ANSWER" else said  # « oui » is no answer to « 1 ou 2 ? »
    turn = answer(said, asked_with(sentence))
    assert turn.state.mode is Mode.CHOOSE_PROCEDURE
    assert [reply.speech for reply in turn.replies] == [way_out, question]


@pytest.mark.parametrize(("sentence", "question", "way_out", "no_answer"), QUESTIONS)
def test_silence_says_the_question_again_once(
    sentence: str, question: str, way_out: str, no_answer: str
) -> None:
    silence = Command(CommandName.SILENCE)
    first = conversation.handle(GUIDE, asked_with(sentence).state, silence)
    assert [reply.speech for reply in first.replies] == [f"Je suis toujours là. {question}"]
    assert first.state.mode is Mode.CHOOSE_PROCEDURE
    assert conversation.handle(GUIDE, first.state, silence).replies == ()


def test_repeat_and_help_keep_the_question_open() -> None:
    repeated = answer("répète")
    assert [reply.speech for reply in repeated.replies] == [QUESTION]
    helped = answer("aide")
    assert helped.state.mode is Mode.CHOOSE_PROCEDURE and "Dites 1 ou 2" in helped.replies[0].speech


def test_quitting_during_the_question_asks_to_quit_then_comes_back() -> None:
    quitting = answer("quitter")
    assert quitting.state.mode is Mode.CONFIRM_QUIT
    back = answer("non", quitting)
    assert back.state.mode is Mode.MENU


def test_three_close_procedures_are_offered_with_three_numbers() -> None:
    command = Command(CommandName.CHOOSE_PROCEDURE, choices=("releves", "paiements", "banque"))
    menu = answer("menu", conversation.start(GUIDE))
    turn = conversation.handle(GUIDE, menu.state, command)
    assert turn.state.choices == ("paiements", "releves", "banque")  # menu order
    assert turn.replies[0].speech.startswith("Vous voulez : 1, mes paiements et remboursements,")
    assert "ou 3, changer de coordonnées bancaires ?" in turn.replies[0].speech
    third = conversation.handle(GUIDE, turn.state, Command(CommandName.GOTO_STEP, step_number=3))
    assert third.state.procedure_id == "banque"


def test_at_the_keyboard_the_question_names_keys() -> None:
    turn = conversation.start(GUIDE, keyboard=True)
    turn = conversation.handle(GUIDE, turn.state, UNDERSTANDING.understand("menu"))
    turn = conversation.handle(GUIDE, turn.state, UNDERSTANDING.understand("carte vitale"))
    assert turn.state.mode is Mode.CHOOSE_PROCEDURE
    screen = turn.replies[0].screen
    assert screen.endswith("Tapez le numéro puis Entrée, ou tapez non.")
    assert "Dites" not in screen and "dites" not in screen
