"""Breadth-first walk over every state the core can reach on a small guide, checking invariants.

Every command (each name, GOTO_STEP with several numbers, OPEN_PROCEDURE for each id and an
unknown one) is tried from every state reached, from a plain start, a start with a place to
resume and a start with the voice at its limits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

import pytest

from assistant.conversation import core as conversation
from assistant.conversation import wording
from assistant.conversation.commands import SUGGESTABLE, Command, CommandName
from assistant.conversation.confirming import meant, topic_instead
from assistant.conversation.core import Mode, Place, State, Turn
from assistant.conversation.guide import Guide, Procedure, Step
from assistant.conversation.keys_wording import for_keys
from assistant.settings import LEVEL_MAX, LEVEL_MIN

GUIDE = Guide(
    title="Petit mémo",
    introduction="Un mémo pour les essais.",
    procedures=(
        Procedure("seule", "Une seule étape", ("une seule",), (Step("Touchez le bouton."),)),
        Procedure(
            "deux",
            "Deux étapes",
            ("deux",),
            (
                Step("Ouvrez le site.", explain="Le site est sur internet.", spell="site.fr"),
                Step("Tapez votre code.", secret=True, screen="Une case vide."),
            ),
        ),
    ),
)
DEPTH = 5
ROOTS = (
    conversation.start(GUIDE),
    conversation.start(GUIDE, resume=Place("deux", 2)),
    conversation.start(GUIDE, resume=Place("deux", 3)),  # invalid: ignored
    conversation.start(GUIDE, rate_level=LEVEL_MAX, volume_level=LEVEL_MIN),
    conversation.start(GUIDE, keyboard=True),
    conversation.start(GUIDE, resume=Place("deux", 2), keyboard=True),
)
COMMANDS = (
    *(Command(name) for name in CommandName if name is not CommandName.OPEN_PROCEDURE),
    *(Command(CommandName.GOTO_STEP, step_number=number) for number in (0, 1, 2, 3)),
    *(Command(CommandName.OPEN_PROCEDURE, procedure_id=p.id) for p in GUIDE.procedures),
    Command(CommandName.OPEN_PROCEDURE, procedure_id="inconnue"),
    # « carte vitale »: two or three procedures fit, so the core asks which one.
    Command(CommandName.CHOOSE_PROCEDURE, choices=("seule", "deux")),
    Command(CommandName.CHOOSE_PROCEDURE, choices=("deux", "inconnue")),
    # The words fit one procedure too loosely to open it: the core asks « Vous voulez : … ? ».
    Command(CommandName.CHOOSE_PROCEDURE, choices=("deux",)),
    Command(CommandName.NEXT, answer=CommandName.YES),  # « d'accord »: a yes to a question
    # A sentence holding a yes or a no (« oui, j'ai fini », « surtout pas, on continue »).
    Command(CommandName.NOT_UNDERSTOOD, answer=CommandName.YES),
    Command(CommandName.NOT_UNDERSTOOD, answer=CommandName.NO),
    Command(CommandName.NOT_UNDERSTOOD, only_fillers=True),  # « merci »: no answer
    Command(CommandName.QUIT, answer=CommandName.YES),
    Command(CommandName.NEXT, goes_on=True),  # « continuez »: after a pause, takes the step up
    # Not understood, but sounds like a command: « Vous voulez que je répète ? ». Resuming is
    # only asked while paused; quitting never (it has its own question).
    *(
        Command(CommandName.SUGGEST, suggested=name)
        for name in (CommandName.REPEAT, CommandName.RESUME, CommandName.MENU, CommandName.QUIT)
    ),
    # The words named procedures, the learned topics heard a command: asked in a step, the
    # procedures handled elsewhere (« Je ne sais plus comment on vous commande »).
    Command(CommandName.SUGGEST, suggested=CommandName.HELP, procedure_id="deux"),
    Command(CommandName.SUGGEST, suggested=CommandName.RESUME, choices=("seule", "deux")),
    # A number typed then Entrée: a menu number, or the answer to the question.
    *(Command(CommandName.OPEN_PROCEDURE, step_number=number) for number in (1, 3)),
)
LEVEL_COMMANDS = {CommandName.SLOWER, CommandName.FASTER, CommandName.LOUDER, CommandName.QUIETER}
SECRET_STEPS = {
    wording.step(procedure, index)[-1]
    for procedure in GUIDE.procedures
    for index, step in enumerate(procedure.steps)
    if step.secret
}
TUTOIEMENT = re.compile(r"\b(tu|toi|ton|ta|tes|te)\b")
SAY_A_WORD = re.compile(r"\b(Dites|dites suivant|dites menu|vous pouvez dire)\b")
"""What a person at the keyboard must never be told: nothing hears them."""


@dataclass
class Exploration:
    states: set[State]
    transitions: int
    new_per_depth: list[int]


# A second secret step in a row gets a short reminder instead of the full warning.
SECRET_WARNINGS = (wording.SECRET_WARNING, wording.SECRET_AGAIN)


def explore() -> Exploration:
    seen = {root.state for root in ROOTS}
    frontier = list(seen)
    transitions = 0
    new_per_depth = []
    for _ in range(DEPTH):
        following: list[State] = []
        for state in frontier:
            for command in COMMANDS:
                turn = conversation.handle(GUIDE, state, command)
                transitions += 1
                check_transition(state, command, turn)
                if turn.state not in seen:
                    check_repeat(turn.state)
                    seen.add(turn.state)
                    following.append(turn.state)
        frontier = following
        new_per_depth.append(len(following))
    return Exploration(seen, transitions, new_per_depth)


@pytest.fixture(scope="module")
def exploration() -> Exploration:
    return explore()


def check_state(state: State) -> None:
    assert LEVEL_MIN <= state.rate_level <= LEVEL_MAX
    assert LEVEL_MIN <= state.volume_level <= LEVEL_MAX
    assert 0 <= state.misunderstood_in_a_row <= 2
    assert state.last_replies, "« répète » must always have something to say"
    procedure = GUIDE.procedure(state.procedure_id) if state.procedure_id else None
    if state.mode in (Mode.STEP, Mode.PROCEDURE_DONE):
        assert procedure is not None
        assert 0 <= state.step_index < len(procedure.steps)
    if state.mode is Mode.PROCEDURE_DONE:
        assert procedure is not None and state.step_index == len(procedure.steps) - 1
    if state.mode is Mode.MENU and state.procedure_id is not None:
        assert procedure is not None
    if state.mode is Mode.WELCOME:
        assert state.procedure_id is None
    questions = (Mode.CONFIRM_QUIT, Mode.ENDED, Mode.CHOOSE_PROCEDURE, Mode.CONFIRM_COMMAND)
    if state.mode in questions:
        assert state.mode_before_question not in (None, *questions)
        # While paused, only resuming is ever suggested; no other question keeps the pause.
        assert not state.paused or state.suggested is CommandName.RESUME
    else:
        assert state.mode_before_question is None
    if state.mode is Mode.CONFIRM_COMMAND:
        assert state.suggested in SUGGESTABLE
        assert (state.suggested is CommandName.RESUME) == state.paused
    else:
        assert state.suggested is None
    if state.mode is Mode.CHOOSE_PROCEDURE:
        # One to three procedures of this memo, in menu order, never an unknown one; one is
        # a « Vous voulez : … ? » asked when the words fit too loosely to open it.
        assert 1 <= len(state.choices) <= 3
        order = [p.id for p in GUIDE.procedures]
        assert [order.index(c) for c in state.choices] == sorted(
            order.index(c) for c in state.choices
        )
    else:
        assert state.choices == ()
    asked_to_resume = Mode.OFFER_RESUME in (state.mode, state.mode_before_question)
    assert (state.resume_offer is not None) == asked_to_resume
    if state.resume_offer is not None:
        offered = GUIDE.procedure(state.resume_offer.procedure_id)
        assert offered is not None and 1 <= state.resume_offer.step_number <= len(offered.steps)


def check_place(before: State, after: State) -> None:
    place = conversation.place_of(GUIDE, after)
    if after.mode is Mode.STEP:
        assert place == Place(str(after.procedure_id), after.step_index + 1)
    elif after.mode is Mode.OFFER_RESUME:
        assert place == after.resume_offer
    elif after.mode is Mode.CHOOSE_PROCEDURE and Mode.OFFER_RESUME in (
        before.mode,
        before.mode_before_question,
    ):
        assert place is None, "asking for another procedure declines the offer"
    elif after.mode in (Mode.CONFIRM_QUIT, Mode.ENDED, Mode.CHOOSE_PROCEDURE, Mode.CONFIRM_COMMAND):
        assert place == conversation.place_of(GUIDE, before), "a question keeps the place"
    else:
        assert place is None


def check_words(replies: tuple[conversation.Reply, ...]) -> None:
    for index, reply in enumerate(replies):
        assert reply.speech and reply.screen
        assert reply.speech == reply.speech.strip() and "  " not in reply.speech
        assert reply.speech.endswith((".", "?", "!")), reply.speech
        assert not TUTOIEMENT.search(reply.speech.lower()), reply.speech
        if reply in SECRET_STEPS:
            assert index > 0 and replies[index - 1] in SECRET_WARNINGS


def check_keyboard_words(state: State, replies: tuple[conversation.Reply, ...]) -> None:
    if not state.keyboard:
        return
    for reply in replies:
        assert not SAY_A_WORD.search(reply.speech), reply.speech
        assert not SAY_A_WORD.search(reply.screen), reply.screen
        assert for_keys(reply) == reply, "the keyboard wording is idempotent"


def check_transition(state: State, command: Command, turn: Turn) -> None:
    assert turn.state.keyboard == state.keyboard
    check_keyboard_words(turn.state, turn.replies)
    check_state(turn.state)
    check_place(state, turn.state)
    check_words(turn.replies)
    assert conversation.handle(GUIDE, state, command) == turn, "not deterministic"
    after = turn.state
    if command.name is CommandName.SILENCE:
        assert after.last_replies == state.last_replies
        assert len(turn.replies) <= 1
        if state.silence_reminded or state.paused or state.mode is Mode.ENDED:
            assert turn.replies == ()
        assert replace(after, silence_reminded=state.silence_reminded) == state
        return
    if command.only_fillers:  # « merci », « euh »: nothing asked, nothing said or changed
        assert turn.replies == () and after == state
        return
    assert turn.replies, f"{command} in {state.mode} said nothing"
    assert not after.silence_reminded
    if state.mode is Mode.ENDED:
        assert after.mode is Mode.ENDED and turn.replies == (wording.GOODBYE,)
    questions = (*conversation.YES_NO_QUESTIONS, Mode.CHOOSE_PROCEDURE)
    answered = command.answer is not None and state.mode in questions
    topic = topic_instead(command) if command.name is CommandName.SUGGEST else None
    if topic is not None and meant(state, command) == topic:
        assert state.mode is not Mode.STEP or state.paused != (
            command.suggested is CommandName.RESUME
        )
        assert turn == conversation.handle(GUIDE, state, topic), "the procedures named, instead"
    elif command.name in (CommandName.NOT_UNDERSTOOD, CommandName.SUGGEST):
        # A sentence holding a yes or a no may answer the question, or ask it again; a
        # suggestion is a question, or (a question already open) not understood.
        asked = command.name is CommandName.SUGGEST and after.mode is Mode.CONFIRM_COMMAND
        grew = after.misunderstood_in_a_row >= min(state.misunderstood_in_a_row, 1)
        assert answered or asked or grew
    elif after.mode is not Mode.ENDED:
        assert after.misunderstood_in_a_row == 0
    if command.name in LEVEL_COMMANDS:
        assert after.last_replies == state.last_replies
        moved = abs(after.rate_level - state.rate_level) + abs(
            after.volume_level - state.volume_level
        )
        assert moved <= 1
        assert after.mode is state.mode and after.paused == state.paused
    else:
        assert (after.rate_level, after.volume_level) == (state.rate_level, state.volume_level)
        assert after.last_replies == turn.replies
    if after.mode is Mode.ENDED:
        assert state.mode in (Mode.CONFIRM_QUIT, Mode.ENDED)
        assert state.mode is Mode.ENDED or command.yes_or_no() is CommandName.YES


def check_repeat(state: State) -> None:
    """Whatever was said last, « répète » says it again, exactly, and changes nothing else."""
    repeated = conversation.handle(GUIDE, state, Command(CommandName.REPEAT))
    assert repeated.replies == state.last_replies
    assert repeated.state == replace(state, misunderstood_in_a_row=0, silence_reminded=False) or (
        state.mode is Mode.ENDED
    )


def reached_modes(states: set[State]) -> Iterator[tuple[Mode, bool]]:
    for state in states:
        yield state.mode, state.paused


def test_every_reachable_state_keeps_the_invariants(exploration: Exploration) -> None:
    print(f"\nExplored {len(exploration.states)} states, {exploration.transitions} transitions")
    # Each depth still finds new states: the walk is not stopping on a closed little loop.
    assert all(count > 0 for count in exploration.new_per_depth)


def test_the_walk_reaches_every_mode_paused_and_not(exploration: Exploration) -> None:
    reached = set(reached_modes(exploration.states))
    for mode in Mode:
        assert (mode, False) in reached
    for mode in (Mode.WELCOME, Mode.MENU, Mode.STEP, Mode.PROCEDURE_DONE, Mode.OFFER_RESUME):
        assert (mode, True) in reached


def test_the_walk_reaches_every_voice_limit(exploration: Exploration) -> None:
    rates = {state.rate_level for state in exploration.states}
    volumes = {state.volume_level for state in exploration.states}
    assert {LEVEL_MIN, LEVEL_MAX} <= rates
    assert {LEVEL_MIN, LEVEL_MAX} <= volumes


def test_the_walk_reaches_every_step_and_both_misunderstanding_counts(
    exploration: Exploration,
) -> None:
    steps = {(s.procedure_id, s.step_index) for s in exploration.states if s.mode is Mode.STEP}
    assert steps == {("seule", 0), ("deux", 0), ("deux", 1)}
    assert {s.misunderstood_in_a_row for s in exploration.states} == {0, 1, 2}


def test_the_walk_reaches_keyboard_states_in_every_mode(exploration: Exploration) -> None:
    modes = {state.mode for state in exploration.states if state.keyboard}
    assert modes == set(Mode)


def test_keyboard_welcome_names_keys() -> None:
    turn = conversation.start(GUIDE, keyboard=True)
    said = " ".join(reply.speech for reply in turn.replies)
    assert "Appuyez sur Entrée" in said
    help_turn = conversation.handle(GUIDE, turn.state, Command(CommandName.HELP))
    assert "Entrée : " in help_turn.replies[0].screen
    assert "Q : arrêter" in help_turn.replies[0].screen
