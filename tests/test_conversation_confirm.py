"""Words that fit one procedure too loosely to open it: « Vous voulez : … ? Dites oui ou non. »

In a step, a procedure found from a single word is asked about too, never opened: a misheard
word must not take the listener away from their step, and a question costs one « non ».
The way out and silence are tested with the two-choice question, in test_conversation_choice.
"""

from __future__ import annotations

import pytest

from assistant.conversation import core as conversation
from assistant.conversation.commands import Command, CommandName
from assistant.conversation.core import Mode, Turn
from tests.test_conversation_choice import GUIDE, UNDERSTANDING

LOOSE = "on m'a volé mon sac"
"""« volé » is carte_perdue's; « sac » is no procedure's: too little of the sentence to open."""
QUESTION = "Vous voulez : carte Vitale perdue ou volée ? Dites oui ou non."


def asked(where: str = "mes paiements") -> Turn:
    turn = conversation.start(GUIDE)
    turn = conversation.handle(GUIDE, turn.state, UNDERSTANDING.understand(where))
    return conversation.handle(GUIDE, turn.state, UNDERSTANDING.understand(LOOSE))


def answer(text: str, turn: Turn | None = None) -> Turn:
    turn = turn or asked()
    return conversation.handle(GUIDE, turn.state, UNDERSTANDING.understand(text))


def test_a_loose_fit_is_asked_about_in_a_step_and_in_the_menu() -> None:
    assert UNDERSTANDING.understand(LOOSE) == Command(
        CommandName.CHOOSE_PROCEDURE, choices=("carte_perdue",)
    )
    for where in ("mes paiements", "menu"):
        turn = asked(where)
        assert turn.state.mode is Mode.CHOOSE_PROCEDURE and turn.state.choices == ("carte_perdue",)
        assert [reply.speech for reply in turn.replies] == [QUESTION]
        assert turn.replies[0].screen.endswith("1. Carte Vitale perdue ou volée\n\nOui ou non ?")


@pytest.mark.parametrize("said", ["oui", "d'accord", "1", "un", "la carte perdue"])
def test_yes_or_the_number_opens_it(said: str) -> None:
    turn = answer(said)
    assert turn.state.mode is Mode.STEP and turn.state.procedure_id == "carte_perdue"
    assert turn.state.step_index == 0


def test_no_goes_back_to_the_step() -> None:
    turn = answer("non")
    assert turn.state.mode is Mode.STEP and turn.state.procedure_id == "paiements"


def test_a_single_word_never_leaves_a_step_without_asking() -> None:
    in_step = conversation.handle(
        GUIDE, conversation.start(GUIDE).state, UNDERSTANDING.understand("mes paiements")
    )
    one_word = Command(CommandName.OPEN_PROCEDURE, procedure_id="releves", one_word=True)
    turn = conversation.handle(GUIDE, in_step.state, one_word)
    assert turn.state.mode is Mode.CHOOSE_PROCEDURE and turn.state.choices == ("releves",)
    assert answer("non", turn).state.procedure_id == "paiements"


def test_at_the_keyboard_the_question_says_to_type_yes_or_no() -> None:
    turn = conversation.start(GUIDE, keyboard=True)
    turn = conversation.handle(GUIDE, turn.state, UNDERSTANDING.understand("menu"))
    turn = conversation.handle(GUIDE, turn.state, UNDERSTANDING.understand(LOOSE))
    speech = turn.replies[0].speech
    assert speech.endswith("Tapez oui ou non, puis Entrée.") and "Dites" not in speech
