"""The conversation core inside a procedure: next, previous, step numbers, the end, secrets."""

from __future__ import annotations

import pytest

from assistant.conversation import core as conversation
from assistant.conversation.commands import CommandName
from assistant.conversation.core import Mode
from tests.test_conversation import GUIDE, SECRET, cmd, in_payments, play, said

N = CommandName


def test_next_and_previous_move_one_step() -> None:
    assert said(in_payments(2)) == ["Étape 2 sur 5. Action numéro 2."]
    assert said(play(cmd(N.OPEN_PROCEDURE, procedure="paiements"), N.NEXT, N.NEXT, N.PREVIOUS)) == [
        "Étape 2 sur 5. Action numéro 2."
    ]


def test_previous_at_the_first_step_says_so() -> None:
    turn = play(cmd(N.OPEN_PROCEDURE, procedure="paiements"), N.PREVIOUS)
    assert said(turn) == ["C'est la première étape."]
    assert turn.state.step_index == 0


@pytest.mark.parametrize(("number", "index"), [(1, 0), (3, 2), (5, 4)])
def test_goto_a_step_in_range(number: int, index: int) -> None:
    turn = in_payments(number)
    assert turn.state.step_index == index
    assert said(turn) == [f"Étape {number} sur 5. Action numéro {number}."]


@pytest.mark.parametrize("number", [0, 6, 99])
def test_goto_a_step_out_of_range_gives_the_count(number: int) -> None:
    turn = conversation.handle(GUIDE, in_payments(3).state, cmd(N.GOTO_STEP, number))
    assert said(turn) == ["Cette démarche a 5 étapes."]
    assert turn.state.step_index == 2


def test_goto_without_a_number_and_in_a_one_step_procedure() -> None:
    assert said(play(N.NEXT, cmd(N.GOTO_STEP))) == [
        "Dites étape, puis le numéro. Par exemple : étape 2."
    ]
    one = play(cmd(N.OPEN_PROCEDURE, procedure="fin"), cmd(N.GOTO_STEP, 2))
    assert said(one) == ["Cette démarche a une seule étape."]


def test_next_after_the_last_step_finishes_and_offers_the_next_procedure() -> None:
    turn = conversation.handle(GUIDE, in_payments(5).state, cmd(N.NEXT))
    assert said(turn) == [
        "Vous avez terminé : Mes paiements. Dites suivant pour passer à : Se déconnecter. "
        "Ou dites menu pour choisir une autre démarche."
    ]
    assert turn.state.mode is Mode.PROCEDURE_DONE
    assert conversation.place_of(GUIDE, turn.state) is None
    following = conversation.handle(GUIDE, turn.state, cmd(N.NEXT))
    assert said(following) == ["Se déconnecter.", "Étape 1 sur 1. Touchez Se déconnecter."]


def test_finishing_the_last_procedure_offers_the_menu_or_to_quit() -> None:
    done = play(cmd(N.OPEN_PROCEDURE, procedure="fin"), N.NEXT)
    assert said(done) == [
        "Vous avez terminé : Se déconnecter. "
        "Dites menu pour choisir une démarche, ou quitter pour arrêter."
    ]
    end = conversation.handle(GUIDE, done.state, cmd(N.NEXT))
    assert said(end) == [
        "C'est la fin du mémo. Dites menu pour choisir une démarche, ou quitter pour arrêter."
    ]
    assert end.state.mode is Mode.PROCEDURE_DONE


def test_after_a_procedure_previous_goes_back_to_its_last_step_and_restart_to_step_one() -> None:
    done = conversation.handle(GUIDE, in_payments(5).state, cmd(N.NEXT))
    back = conversation.handle(GUIDE, done.state, cmd(N.PREVIOUS))
    assert said(back) == ["Étape 5 sur 5. Action numéro 5."]
    again = conversation.handle(GUIDE, done.state, cmd(N.RESTART))
    assert said(again) == [
        "Je recommence au début : Mes paiements.",
        "Étape 1 sur 5. Action numéro 1.",
    ]


def test_a_secret_step_is_preceded_by_its_warning_each_time() -> None:
    turn = play(N.NEXT, N.NEXT)
    assert said(turn) == [SECRET, "Étape 2 sur 2. Tapez votre mot de passe."]
    assert turn.replies[0].screen == SECRET.replace(". ", ".\n")
    assert said(conversation.handle(GUIDE, turn.state, cmd(N.REPEAT)))[0] == SECRET
    from_goto = play(N.NEXT, cmd(N.GOTO_STEP, 2))
    assert said(from_goto)[0] == SECRET
