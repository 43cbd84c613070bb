"""A yes or a no said in a sentence answers a yes-or-no question, and nothing else.

Asked « Voulez-vous quitter ? », people say « oui, j'ai fini pour aujourd'hui » or
« surtout pas, je n'ai pas terminé », not a bare « oui ». The sentence answers that
question; the same sentence in a step does what its other words say, or nothing.
"""

from __future__ import annotations

import pytest

from assistant.conversation import core as conversation
from assistant.conversation.commands import Command, CommandName
from assistant.conversation.core import Mode, Place
from assistant.conversation.wordforms import plain_words
from assistant.conversation.yes_no import answer_in
from tests.test_conversation import GUIDE, in_payments
from tests.test_understanding_in_context import UNDERSTANDING

N = CommandName

YES_SENTENCES = [
    "Oui, j'ai fini pour aujourd'hui.",
    "ouais c'est bon je m'en vais",
    "Bien sûr, ma fille m'attend.",
    "Tout à fait, merci madame.",
    "Absolument, on a terminé.",
    "oui oui je veux partir",
    "Mais oui, je vous l'ai déjà dit.",  # « dit » asked to repeat the question
]
NO_SENTENCES = [
    "Non, je n'ai pas terminé.",
    "Surtout pas, il me reste la fin.",
    "Pas du tout, on continue.",
    "Ah non, je me suis trompé.",
    "Je ne crois pas, non.",
    "Absolument pas, je reste.",
    "Pantoute, j'ai pas fini.",  # Québec: « pas du tout »
]


def asked_to_quit() -> conversation.Turn:
    turn = conversation.handle(GUIDE, in_payments(2).state, Command(N.QUIT))
    assert turn.state.mode is Mode.CONFIRM_QUIT
    return turn


@pytest.mark.parametrize("sentence", YES_SENTENCES)
def test_a_sentence_holding_a_yes_ends_when_asked_to_quit(sentence: str) -> None:
    turn = conversation.handle(GUIDE, asked_to_quit().state, UNDERSTANDING.understand(sentence))
    assert turn.state.mode is Mode.ENDED


@pytest.mark.parametrize("sentence", NO_SENTENCES)
def test_a_sentence_holding_a_no_goes_back_to_the_step(sentence: str) -> None:
    turn = conversation.handle(GUIDE, asked_to_quit().state, UNDERSTANDING.understand(sentence))
    assert turn.state.mode is Mode.STEP and turn.state.step_index == 1


@pytest.mark.parametrize(
    "sentence",
    ["je sais pas si c'est oui ou non", "oui ou non, je sais pas", "il fait beau aujourd'hui"],
)
def test_both_or_neither_is_no_answer_and_the_question_stays(sentence: str) -> None:
    assert answer_in(plain_words(sentence)) is None
    turn = conversation.handle(GUIDE, asked_to_quit().state, UNDERSTANDING.understand(sentence))
    assert turn.state.mode is Mode.CONFIRM_QUIT


@pytest.mark.parametrize(
    "sentence", ["Non, je n'ai pas terminé.", "Oui, j'ai fini pour aujourd'hui."]
)
def test_in_a_step_the_same_sentence_does_what_its_other_words_say(sentence: str) -> None:
    step = in_payments(2).state
    heard = UNDERSTANDING.understand(sentence)
    assert heard.name in (N.NOT_UNDERSTOOD, N.QUIT, N.NO, N.YES)
    assert conversation.handle(GUIDE, step, heard).state.step_index == step.step_index


def test_the_offer_to_resume_takes_a_sentence_too() -> None:
    offered = conversation.start(GUIDE, resume=Place("paiements", 3)).state
    assert offered.mode is Mode.OFFER_RESUME
    taken = conversation.handle(GUIDE, offered, UNDERSTANDING.understand("oui bien sûr"))
    assert taken.state.mode is Mode.STEP and taken.state.step_index == 2
    refused = conversation.handle(GUIDE, offered, UNDERSTANDING.understand("non merci pas ça"))
    assert refused.state.mode is Mode.MENU


def test_a_negated_agreement_is_a_no() -> None:
    assert answer_in(plain_words("je ne suis pas d'accord")) is N.NO
    assert answer_in(plain_words("d'accord")) is N.YES


@pytest.mark.parametrize(
    "sentence",
    [
        "Je suis à quelle étape exactement ?",
        "Qu'est-ce que je dois faire exactement, là ?",
        "Il faut absolument que je finisse cette démarche.",
        "C'est certainement la bonne page ?",
    ],
)
def test_an_adverb_inside_a_sentence_is_no_yes_and_does_not_quit(sentence: str) -> None:
    """« exactement », « absolument »… answer yes only said first; later they qualify a verb.
    Heard as a yes, these questions ended the session at « Voulez-vous quitter ? »."""
    assert answer_in(plain_words(sentence)) is None
    turn = conversation.handle(GUIDE, asked_to_quit().state, UNDERSTANDING.understand(sentence))
    assert turn.state.mode is not Mode.ENDED


@pytest.mark.parametrize(
    "sentence", ["Exactement, j'ai fini.", "Euh, absolument.", "Ben évidemment"]
)
def test_the_same_adverb_said_first_is_a_yes(sentence: str) -> None:
    assert answer_in(plain_words(sentence)) is N.YES


@pytest.mark.parametrize("said", ["merci", "s'il vous plaît", "euh", "hum hum"])
def test_words_that_ask_nothing_are_not_answered_and_the_reading_goes_on(said: str) -> None:
    """« suivant… s'il vous plaît » cut in two by a pause left « s'il vous plaît » alone, and
    « Je n'ai pas compris » then broke into the step being read. Asked to quit, the question
    stays."""
    heard = UNDERSTANDING.understand(said)
    assert heard.only_fillers and heard == Command(N.NOT_UNDERSTOOD)
    step = in_payments(2).state
    assert conversation.handle(GUIDE, step, heard) == conversation.Turn(step, ())
    asked = asked_to_quit().state
    assert conversation.handle(GUIDE, asked, heard) == conversation.Turn(asked, ())


@pytest.mark.parametrize("said", ["", "bonjour", "[unk]", "il fait beau"])
def test_other_words_not_understood_are_still_answered(said: str) -> None:
    heard = UNDERSTANDING.understand(said)
    assert not heard.only_fillers
    assert conversation.handle(GUIDE, in_payments(2).state, heard).replies


@pytest.mark.parametrize(
    "sentence",
    ["Pas tout de suite.", "Pas encore, il me reste une étape.", "Euh, pas maintenant.",
     "Jamais de la vie !", "On continue.", "Continuez, s'il vous plaît."],
)  # fmt: skip
def test_not_now_or_going_on_is_a_no_and_stays_on_the_same_step(sentence: str) -> None:
    """« Pas tout de suite » was the next step (« suite »), and « on continue » too: asked to
    quit, both skipped the step being read."""
    turn = conversation.handle(GUIDE, asked_to_quit().state, UNDERSTANDING.understand(sentence))
    assert turn.state.mode is Mode.STEP and turn.state.step_index == 1
    assert turn.replies[0].speech.startswith("D'accord, on continue.")


@pytest.mark.parametrize(
    "sentence",
    ["J'ai pas encore de compte, comment j'en ouvre un ?", "je reviens tout de suite"],
)
def test_not_yet_later_in_a_sentence_is_no_answer(sentence: str) -> None:
    """Said later, « pas encore » denies something else (41 sentences of the sets)."""
    assert answer_in(plain_words(sentence)) is None
