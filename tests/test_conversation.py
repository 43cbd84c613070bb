"""The conversation core: start, the offer to resume, the menu and opening a procedure.

Moving within a procedure is in test_conversation_procedure.py, the other commands in
test_conversation_commands.py, spelling and wording in test_conversation_wording.py. The guides
are built here, so the core is shown to take everything about the memo from the guide.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.conversation import core as conversation
from assistant.conversation.commands import Command, CommandName
from assistant.conversation.core import Mode, Place, Turn
from assistant.conversation.guide import Guide, Procedure, Step

N = CommandName
CONNECT = Procedure(
    "connexion",
    "Se connecter",
    ("se connecter",),
    (
        Step(
            "Ouvrez le site",
            explain="Le site est une page sur internet.",
            spell="ameli.fr",
            screen="Une page blanche avec un logo.",
        ),
        Step("Tapez votre mot de passe.", secret=True),
    ),
)
PAYMENTS = Procedure(
    "paiements",
    "Mes paiements",
    ("mes paiements",),
    tuple(Step(f"Action numéro {number}.") for number in range(1, 6)),
)
LOG_OUT = Procedure("fin", "Se déconnecter", ("partir",), (Step("Touchez Se déconnecter."),))
GUIDE = Guide("Mémo d'essai", "Ce mémo sert aux essais.", (CONNECT, PAYMENTS, LOG_OUT))
WELCOME = (
    "Bonjour. Je suis Mémo vocal. Je vais vous guider pas à pas avec le mémo : Mémo d'essai. "
    "Ce mémo sert aux essais."
)
THREE_WORDS = (
    "Quatre mots à retenir. Dites suivant pour avancer. Dites répète pour réentendre. "
    "Dites explique pour en savoir plus. Dites aide pour savoir quoi dire."
)
MENU_ITEMS = "Voici les démarches. 1, Se connecter. 2, Mes paiements. 3, Se déconnecter."
SECRET = (
    "Attention, étape secrète. Tapez l'information vous-même. "
    "Ne la dites jamais à voix haute. Cachez votre écran."
)


def cmd(name: CommandName, number: int | None = None, procedure: str | None = None) -> Command:
    return Command(name, step_number=number, procedure_id=procedure)


def play(
    *commands: Command | CommandName, guide: Guide = GUIDE, resume: Place | None = None
) -> Turn:
    """The last turn after starting and handling each command in order."""
    turn = conversation.start(guide, resume=resume)
    for command in commands:
        command = command if isinstance(command, Command) else Command(command)
        turn = conversation.handle(guide, turn.state, command)
    return turn


def said(turn: Turn) -> list[str]:
    return [reply.speech for reply in turn.replies]


def in_payments(step_number: int) -> Turn:
    return play(cmd(N.OPEN_PROCEDURE, procedure="paiements"), cmd(N.GOTO_STEP, step_number))


# Start


def test_start_says_who_it_is_the_three_words_and_the_menu() -> None:
    turn = play()
    assert said(turn) == [
        WELCOME,
        THREE_WORDS,
        f"{MENU_ITEMS} Dites le numéro de la démarche. Ou dites suivant pour : Se connecter.",
    ]
    assert turn.state.mode is Mode.WELCOME
    assert turn.state.last_replies == turn.replies
    assert turn.replies[0].screen == "Mémo vocal\nMémo d'essai\n\nCe mémo sert aux essais."
    assert turn.replies[2].screen == (
        "Les démarches :\n1. Se connecter\n2. Mes paiements\n3. Se déconnecter\n\n"
        "Dites ou tapez le numéro."
    )
    assert conversation.place_of(GUIDE, turn.state) is None


def test_start_with_a_long_menu_invites_to_start_and_shows_the_list() -> None:
    procedures = tuple(
        Procedure(f"p{number}", f"Démarche {number}", (), (Step("Faites-le."),))
        for number in range(1, 7)
    )
    turn = play(guide=Guide("Gros mémo", "", procedures))
    assert said(turn)[0] == (
        "Bonjour. Je suis Mémo vocal. Je vais vous guider pas à pas avec le mémo : Gros mémo."
    )
    assert said(turn)[2] == (
        "Il y a 6 démarches. Dites suivant pour commencer par : Démarche 1. "
        "Ou dites menu pour entendre la liste."
    )
    assert "6. Démarche 6" in turn.replies[2].screen


@pytest.mark.parametrize(("given", "kept"), [(9, 3), (-9, -3), (2, 2), (0, 0)])
def test_start_keeps_the_voice_levels_within_limits(given: int, kept: int) -> None:
    state = conversation.start(GUIDE, rate_level=given, volume_level=-given).state
    assert (state.rate_level, state.volume_level) == (kept, -kept)


# Offer to resume


def test_start_with_a_place_offers_to_resume_there() -> None:
    turn = play(resume=Place("paiements", 3))
    assert said(turn) == [
        WELCOME,
        THREE_WORDS,
        "Voulez-vous reprendre à l'étape 3 de : Mes paiements ? Dites oui ou non.",
    ]
    assert turn.state.mode is Mode.OFFER_RESUME
    assert conversation.place_of(GUIDE, turn.state) == Place("paiements", 3)


@pytest.mark.parametrize(
    "place", [Place("inconnue", 1), Place("paiements", 0), Place("paiements", 6)]
)
def test_an_invalid_place_to_resume_is_ignored(place: Place) -> None:
    assert play(resume=place) == play()


@pytest.mark.parametrize("answer", [N.YES, N.NEXT, N.RESUME])
def test_yes_to_the_offer_goes_to_that_step(answer: CommandName) -> None:
    turn = play(answer, resume=Place("paiements", 3))
    assert said(turn) == ["Je reprends : Mes paiements.", "Étape 3 sur 5. Action numéro 3."]
    assert conversation.place_of(GUIDE, turn.state) == Place("paiements", 3)
    assert turn.state.resume_offer is None


def test_no_to_the_offer_gives_the_menu() -> None:
    turn = play(N.NO, resume=Place("paiements", 3))
    assert turn.state.mode is Mode.MENU
    assert said(turn)[0].startswith(MENU_ITEMS)
    assert conversation.place_of(GUIDE, turn.state) is None


def test_the_offer_understands_restart_a_step_number_and_another_procedure() -> None:
    offer = Place("paiements", 3)
    assert said(play(N.RESTART, resume=offer)) == [
        "Je recommence au début : Mes paiements.",
        "Étape 1 sur 5. Action numéro 1.",
    ]
    assert said(play(cmd(N.GOTO_STEP, 2), resume=offer))[1] == "Étape 2 sur 5. Action numéro 2."
    out_of_range = play(cmd(N.GOTO_STEP, 7), resume=offer)
    assert said(out_of_range) == ["Cette démarche a 5 étapes."]
    assert out_of_range.state.mode is Mode.OFFER_RESUME
    other = play(cmd(N.OPEN_PROCEDURE, procedure="fin"), resume=offer)
    assert said(other) == ["Se déconnecter.", "Étape 1 sur 1. Touchez Se déconnecter."]


def test_the_offer_stays_open_for_help_where_and_misunderstanding() -> None:
    offer = Place("paiements", 3)
    assert said(play(N.HELP, resume=offer)) == [
        "La dernière fois, vous étiez à l'étape 3 de : Mes paiements. "
        "Dites oui pour reprendre à cet endroit. Dites non pour voir le menu."
    ]
    assert said(play(N.WHERE, resume=offer)) == [
        "Vous êtes au début.",
        "Voulez-vous reprendre à l'étape 3 de : Mes paiements ? Dites oui ou non.",
    ]
    confused = play(N.NOT_UNDERSTOOD, N.NOT_UNDERSTOOD, resume=offer)
    assert said(confused) == ["Je n'ai pas compris. Dites oui ou non."]
    for turn in (play(N.HELP, resume=offer), confused, play(N.PREVIOUS, resume=offer)):
        assert turn.state.mode is Mode.OFFER_RESUME


def test_a_pause_during_the_offer_keeps_it_for_later() -> None:
    paused = play(N.PAUSE, resume=Place("paiements", 3))
    assert paused.state.paused and paused.state.mode is Mode.OFFER_RESUME
    assert said(conversation.handle(GUIDE, paused.state, cmd(N.WHERE))) == [
        "Vous êtes au début.",
        "Je suis en pause.",
    ]
    assert said(conversation.handle(GUIDE, paused.state, cmd(N.HELP)))[0].startswith(
        "Je suis en pause."
    )
    accepted = conversation.handle(GUIDE, paused.state, cmd(N.NEXT))
    assert said(accepted)[0] == "Je reprends : Mes paiements."


def test_quit_during_the_offer_then_no_asks_the_offer_again() -> None:
    turn = play(N.QUIT, N.NO, resume=Place("paiements", 3))
    assert said(turn) == [
        "D'accord, on continue.",
        "Voulez-vous reprendre à l'étape 3 de : Mes paiements ? Dites oui ou non.",
    ]
    assert turn.state.mode is Mode.OFFER_RESUME


# Menu and opening a procedure


def test_opening_a_procedure_says_its_title_then_step_one() -> None:
    turn = play(cmd(N.OPEN_PROCEDURE, procedure="paiements"))
    assert said(turn) == ["Mes paiements.", "Étape 1 sur 5. Action numéro 1."]
    assert turn.replies[1].screen == "Mes paiements — étape 1 sur 5\nAction numéro 1."
    assert conversation.place_of(GUIDE, turn.state) == Place("paiements", 1)


def test_a_step_screen_description_and_explanation_are_announced() -> None:
    turn = play(cmd(N.OPEN_PROCEDURE, procedure="connexion"))
    # « épelle » is not offered: the step does not say « ameli.fr », so the letters would
    # spell something the listener never heard.
    assert said(turn)[1] == "Étape 1 sur 2. Ouvrez le site. Pour en savoir plus, dites explique."
    assert turn.replies[1].screen == (
        "Se connecter — étape 1 sur 2\nOuvrez le site\n\nÀ l'écran : Une page blanche avec un logo."
    )


@pytest.mark.parametrize("procedure_id", ["inconnue", None])
def test_an_unknown_procedure_is_said_politely(procedure_id: str | None) -> None:
    turn = play(N.MENU, cmd(N.OPEN_PROCEDURE, procedure=procedure_id))
    assert said(turn) == ["Je ne connais pas cette démarche. Dites menu pour entendre la liste."]
    assert turn.state.mode is Mode.MENU


@pytest.mark.parametrize("number", [1, 2, 3])
def test_a_number_in_the_menu_opens_that_procedure(number: int) -> None:
    turn = play(N.MENU, cmd(N.GOTO_STEP, number))
    assert turn.state.procedure_id == GUIDE.procedures[number - 1].id
    assert turn.state.step_index == 0 and turn.state.mode is Mode.STEP


@pytest.mark.parametrize("number", [0, 4, None])
def test_a_wrong_number_in_the_menu_gives_the_range(number: int | None) -> None:
    turn = play(cmd(N.GOTO_STEP, number))
    assert said(turn) == ["Choisissez un numéro entre 1 et 3."]
    assert turn.state.mode is Mode.WELCOME


def test_a_guide_with_one_procedure_says_so() -> None:
    turn = play(cmd(N.GOTO_STEP, 2), guide=Guide("Mini", "", (LOG_OUT,)))
    assert said(turn) == ["Choisissez 1, la seule démarche."]


def test_next_at_the_welcome_starts_the_first_procedure() -> None:
    assert said(play(N.NEXT)) == [
        "Se connecter.",
        "Étape 1 sur 2. Ouvrez le site. Pour en savoir plus, dites explique.",
    ]


def test_the_menu_offers_the_procedure_after_the_last_one_opened() -> None:
    menu = play(cmd(N.OPEN_PROCEDURE, procedure="connexion"), N.MENU)
    assert said(menu) == [
        f"{MENU_ITEMS} Dites le numéro de la démarche. Ou dites suivant pour : Mes paiements."
    ]
    assert said(conversation.handle(GUIDE, menu.state, cmd(N.NEXT)))[0] == "Mes paiements."
    last = play(cmd(N.OPEN_PROCEDURE, procedure="fin"), N.MENU)
    assert said(last) == [f"{MENU_ITEMS} Dites le numéro de la démarche."]
    assert said(conversation.handle(GUIDE, last.state, cmd(N.NEXT))) == [
        "Choisissez un numéro entre 1 et 3."
    ]


def test_restart_in_the_menu_gives_the_welcome_again() -> None:
    turn = play(N.MENU, N.RESTART)
    assert said(turn)[:2] == [WELCOME, THREE_WORDS]
    assert turn.state.mode is Mode.WELCOME


def test_the_core_takes_nothing_about_the_memo_from_its_own_code() -> None:
    package = Path(conversation.__file__).parent
    for source in package.glob("*.py"):
        assert "ameli" not in source.read_text(encoding="utf-8").lower(), source.name
