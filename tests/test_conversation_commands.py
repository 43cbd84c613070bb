"""The conversation core's other commands: répète, pause, voice, aide, misunderstandings,
où suis-je, explique, épelle, quitter, oui/non outside a question, silence, and the end."""

from __future__ import annotations

import pytest

from assistant.conversation import core as conversation
from assistant.conversation.commands import Command, CommandName
from assistant.conversation.core import Mode, Turn
from assistant.settings import LEVEL_MAX, LEVEL_MIN
from tests.test_conversation import GUIDE, SECRET, cmd, in_payments, play, said

N = CommandName
STEP_HELP = (
    "Voici ce que vous pouvez dire. Dites suivant pour avancer. Dites précédent pour revenir. "
    "Dites répète pour réentendre l'étape. Dites pause pour prendre votre temps. "
    "Dites menu pour changer de démarche. Dites plus lentement ou plus fort pour régler ma voix. "
    "Dites quitter pour arrêter."
)


def then(turn: Turn, *names: CommandName) -> Turn:
    for name in names:
        turn = conversation.handle(GUIDE, turn.state, cmd(name))
    return turn


# Répète


@pytest.mark.parametrize(
    "before",
    [(), (N.HELP,), (N.NOT_UNDERSTOOD,), (N.MENU,), (N.NEXT,), (N.NEXT, N.WHERE), (N.QUIT,)],
)
def test_repeat_says_exactly_what_was_said_last(before: tuple[CommandName, ...]) -> None:
    last = play(*before)
    repeated = then(last, N.REPEAT)
    assert repeated.replies == last.replies
    assert then(repeated, N.REPEAT).replies == last.replies
    assert repeated.state.mode is last.state.mode


def test_repeat_after_a_voice_change_says_the_step_again() -> None:
    step = in_payments(2)
    slower = then(step, N.SLOWER)
    assert said(slower) == ["Je parle plus lentement."]
    assert then(slower, N.REPEAT).replies == step.replies


# Recommence and menu


def test_restart_goes_back_to_step_one_and_menu_leaves_the_procedure() -> None:
    assert said(then(in_payments(4), N.RESTART)) == [
        "Je recommence au début : Mes paiements.",
        "Étape 1 sur 5. Action numéro 1.",
    ]
    menu = then(in_payments(4), N.MENU)
    assert menu.state.mode is Mode.MENU
    assert conversation.place_of(GUIDE, menu.state) is None


# Pause


def test_pause_waits_and_next_resumes_to_the_next_step() -> None:
    paused = then(in_payments(2), N.PAUSE)
    assert said(paused) == ["Je fais une pause. Prenez votre temps. Dites suivant pour continuer."]
    assert paused.state.paused
    assert then(paused, N.SILENCE).replies == ()
    assert said(then(paused, N.PAUSE)) == ["Je suis déjà en pause. Dites suivant pour continuer."]
    resumed = then(paused, N.NEXT)
    assert said(resumed) == ["Étape 3 sur 5. Action numéro 3."]
    assert not resumed.state.paused


def test_resume_after_a_pause_says_the_step_again() -> None:
    turn = then(in_payments(2), N.PAUSE, N.RESUME)
    assert said(turn) == ["Je reprends.", "Étape 2 sur 5. Action numéro 2."]
    assert not turn.state.paused


def test_while_paused_help_where_repeat_and_voice_keep_the_pause() -> None:
    paused = then(in_payments(2), N.PAUSE)
    assert said(then(paused, N.HELP)) == [
        "Je suis en pause. Prenez votre temps. Dites suivant pour continuer. "
        "Dites quitter pour arrêter."
    ]
    assert said(then(paused, N.WHERE)) == ["Étape 2 sur 5 de : Mes paiements.", "Je suis en pause."]
    for name in (N.HELP, N.WHERE, N.REPEAT, N.LOUDER, N.NOT_UNDERSTOOD):
        assert then(paused, name).state.paused, name


def test_quit_while_paused_asks_and_no_comes_back_unpaused() -> None:
    asked = then(in_payments(2), N.PAUSE, N.QUIT)
    assert asked.state.mode is Mode.CONFIRM_QUIT and not asked.state.paused
    back = then(asked, N.NO)
    assert said(back) == ["D'accord, on continue.", "Étape 2 sur 5. Action numéro 2."]


def test_resume_when_not_paused_says_so() -> None:
    assert said(then(in_payments(2), N.RESUME)) == [
        "Je ne suis pas en pause. Dites suivant pour continuer, ou aide."
    ]


# Speed and volume

LEVELS = [
    (N.SLOWER, "rate_level", -1, "Je parle plus lentement.", "C'est déjà le plus lent possible."),
    (N.FASTER, "rate_level", 1, "Je parle plus vite.", "C'est déjà le plus rapide possible."),
    (N.LOUDER, "volume_level", 1, "Je parle plus fort.", "C'est déjà le plus fort possible."),
    (N.QUIETER, "volume_level", -1, "Je parle moins fort.", "C'est déjà le moins fort possible."),
]


@pytest.mark.parametrize(("name", "field", "way", "changed", "limit"), LEVELS)
def test_voice_changes_are_confirmed_up_to_the_limit(
    name: CommandName, field: str, way: int, changed: str, limit: str
) -> None:
    turn = in_payments(2)
    for expected in (1, 2, 3):
        turn = then(turn, name)
        assert said(turn) == [changed]
        assert getattr(turn.state, field) == way * expected
    at_limit = then(turn, name)
    assert said(at_limit) == [limit]
    assert getattr(at_limit.state, field) == (LEVEL_MAX if way > 0 else LEVEL_MIN)
    assert at_limit.state.mode is Mode.STEP and at_limit.state.step_index == 1


# Aide


def test_help_inside_a_step_lists_only_what_the_step_offers() -> None:
    assert said(then(in_payments(2), N.HELP)) == [STEP_HELP]
    rich = said(play(N.NEXT, N.HELP))[0]
    assert "Dites explique pour en savoir plus. Dites épelle pour entendre les lettres." in rich


def test_help_at_the_welcome_in_the_menu_and_when_done() -> None:
    assert said(play(N.HELP)) == [
        "Je lis le mémo à voix haute, étape par étape. Voici ce que vous pouvez dire. "
        "Dites un numéro pour choisir une démarche. Dites suivant pour commencer : Se connecter. "
        "Dites menu pour réentendre la liste. Dites quitter pour arrêter."
    ]
    assert said(play(N.MENU, N.HELP))[0].startswith(
        "Voici ce que vous pouvez dire. Dites un numéro"
    )
    done = then(in_payments(5), N.NEXT, N.HELP)
    assert said(done) == [
        "Cette démarche est terminée. Dites suivant pour passer à : Se déconnecter. "
        "Dites recommence pour refaire cette démarche. "
        "Dites menu pour choisir une autre démarche. Dites quitter pour arrêter."
    ]


# Misunderstandings


@pytest.mark.parametrize(
    ("before", "useful"),
    [
        ((N.NEXT,), "suivant, répète, ou aide"),
        ((), "un numéro, suivant, ou aide"),
        ((cmd(N.OPEN_PROCEDURE, procedure="fin"), N.MENU), "un numéro, menu, ou aide"),
        ((cmd(N.OPEN_PROCEDURE, procedure="connexion"), N.NEXT, N.NEXT), "suivant, menu, ou aide"),
        ((cmd(N.OPEN_PROCEDURE, procedure="fin"), N.NEXT), "menu, quitter, ou aide"),
    ],
)
def test_the_second_misunderstanding_in_a_row_gives_three_useful_words(
    before: tuple[Command | CommandName, ...], useful: str
) -> None:
    first = play(*before, N.NOT_UNDERSTOOD)
    assert said(first) == ["Je n'ai pas compris."]
    second = then(first, N.SILENCE, N.NOT_UNDERSTOOD)
    assert said(second) == [f"Je n'ai pas compris. Vous pouvez dire : {useful}."]
    assert said(then(second, N.NOT_UNDERSTOOD)) == said(second)
    assert said(then(second, N.WHERE, N.NOT_UNDERSTOOD)) == ["Je n'ai pas compris."]


# Où suis-je, explique, épelle


def test_where_says_the_step_the_menu_or_the_finished_procedure() -> None:
    assert said(then(in_payments(2), N.WHERE)) == ["Étape 2 sur 5 de : Mes paiements."]
    assert said(play(N.WHERE)) == ["Vous êtes au menu."]
    assert said(play(N.MENU, N.WHERE)) == ["Vous êtes au menu."]
    done = then(in_payments(5), N.NEXT, N.WHERE)
    assert said(done) == ["Vous avez terminé : Mes paiements."]


def test_explain_gives_the_explanation_or_says_there_is_none_and_repeats() -> None:
    turn = play(N.NEXT, N.EXPLAIN)
    assert said(turn) == ["Le site est une page sur internet."]
    assert turn.replies[0].screen == "Explication :\nLe site est une page sur internet."
    assert said(then(in_payments(2), N.EXPLAIN)) == [
        "Il n'y a pas d'explication de plus pour cette étape.",
        "Étape 2 sur 5. Action numéro 2.",
    ]
    assert said(play(N.NEXT, N.NEXT, N.EXPLAIN)) == [
        "Il n'y a pas d'explication de plus pour cette étape.",
        SECRET,
        "Étape 2 sur 2. Tapez votre mot de passe.",
    ]
    assert said(play(N.EXPLAIN)) == said(play(N.HELP))


def test_spell_gives_the_letters_or_says_there_is_nothing_to_spell() -> None:
    turn = play(N.NEXT, N.SPELL)
    assert said(turn) == ["J'épelle : a, m, e, l, i, point, f, r."]
    assert turn.replies[0].screen == "ameli.fr\n\na m e l i . f r"
    assert said(then(in_payments(2), N.SPELL)) == ["Il n'y a rien à épeler pour cette étape."]
    assert said(play(N.SPELL)) == [
        "Il n'y a rien à épeler ici. Dites le numéro d'une démarche, ou aide."
    ]


# Quitter, oui, non


def test_quit_asks_and_only_yes_ends() -> None:
    asked = then(in_payments(2), N.QUIT)
    assert said(asked) == ["Voulez-vous vraiment quitter ? Dites oui ou non."]
    assert asked.state.mode is Mode.CONFIRM_QUIT
    ended = then(asked, N.YES)
    assert said(ended) == ["Au revoir. À bientôt."]
    assert ended.state.mode is Mode.ENDED
    assert conversation.place_of(GUIDE, ended.state) == conversation.place_of(GUIDE, asked.state)
    for name in (N.NOT_UNDERSTOOD, N.QUIT, N.HELP, N.SILENCE, N.SLOWER, N.REPEAT):
        assert then(asked, name).state.mode is Mode.CONFIRM_QUIT, name
    assert said(then(asked, N.NOT_UNDERSTOOD)) == ["Je n'ai pas compris. Dites oui ou non."]
    assert said(then(asked, N.HELP)) == [
        "Je vous demande si vous voulez arrêter. Dites oui pour quitter Mémo vocal. "
        "Dites non pour continuer."
    ]


def test_no_to_quit_comes_back_and_another_command_cancels_the_question() -> None:
    assert said(then(in_payments(2), N.QUIT, N.NO)) == [
        "D'accord, on continue.",
        "Étape 2 sur 5. Action numéro 2.",
    ]
    moved_on = then(in_payments(2), N.QUIT, N.NEXT)
    assert said(moved_on) == ["Étape 3 sur 5. Action numéro 3."]
    assert moved_on.state.mode is Mode.STEP


@pytest.mark.parametrize(
    ("before", "answer", "expected"),
    [
        ((N.NEXT,), N.YES, "Très bien. Dites suivant pour continuer, ou aide."),
        ((N.NEXT,), N.NO, "D'accord. Dites suivant pour continuer, ou aide."),
        ((), N.YES, "Très bien. Dites le numéro d'une démarche, ou aide."),
    ],
)
def test_yes_or_no_outside_a_question_says_what_to_do(
    before: tuple[CommandName, ...], answer: CommandName, expected: str
) -> None:
    turn = play(*before, answer)
    assert said(turn) == [expected]
    assert turn.state.mode is play(*before).state.mode


def test_once_ended_every_command_says_goodbye_and_changes_nothing_that_matters() -> None:
    ended = then(in_payments(2), N.QUIT, N.YES)
    for name in N:
        turn = then(ended, name)
        assert turn.state.mode is Mode.ENDED
        assert said(turn) == ([] if name is N.SILENCE else ["Au revoir. À bientôt."])


# Silence


def test_silence_gets_one_gentle_reminder_until_the_next_command() -> None:
    step = in_payments(2)
    reminded = then(step, N.SILENCE)
    assert said(reminded) == ["Je suis toujours là. Dites suivant pour continuer, ou aide."]
    assert reminded.state.last_replies == step.state.last_replies
    assert then(reminded, N.SILENCE).replies == ()
    assert then(reminded, N.REPEAT).replies == step.replies
    assert said(then(reminded, N.WHERE, N.SILENCE)) == said(reminded)


@pytest.mark.parametrize(
    ("before", "reminder"),
    [
        ((), "Je suis toujours là. Dites le numéro d'une démarche, ou aide."),
        ((N.QUIT,), "Je suis toujours là. Voulez-vous vraiment quitter ? Dites oui ou non."),
    ],
)
def test_the_reminder_depends_on_where_the_listener_is(
    before: tuple[CommandName, ...], reminder: str
) -> None:
    assert said(play(*before, N.SILENCE)) == [reminder]
