"""The conversation's state, and pure queries on it: where the listener is, how to say it.

`conversation` re-exports the types and holds the transitions; keeping the queries here keeps
each module short enough to read in one go.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

from assistant.conversation import choosing, suggesting, wording
from assistant.conversation.commands import CommandName
from assistant.conversation.guide import Guide, Procedure
from assistant.conversation.wording import Reply
from assistant.settings import clamp_level


@dataclass(frozen=True)
class Place:
    """Where the listener is in the memo; the only thing ever saved for resuming."""

    procedure_id: str
    step_number: int
    """1-based."""


class Mode(str, enum.Enum):
    WELCOME = "welcome"
    MENU = "menu"
    STEP = "step"
    PROCEDURE_DONE = "procedure_done"
    CONFIRM_QUIT = "confirm_quit"
    OFFER_RESUME = "offer_resume"
    CHOOSE_PROCEDURE = "choose_procedure"
    """Asking which of two or three procedures the listener meant."""
    CONFIRM_COMMAND = "confirm_command"
    """Asking whether the listener meant one command (« Vous voulez que je répète ? »)."""
    ENDED = "ended"


@dataclass(frozen=True)
class State:
    """Everything the core remembers between two commands; a new one after each turn."""

    mode: Mode
    procedure_id: str | None = None
    """The procedure being read (STEP, PROCEDURE_DONE); in the menu, the last one opened."""
    step_index: int = 0
    """0-based index into the current procedure's steps."""
    paused: bool = False
    """Never true in CONFIRM_QUIT or ENDED."""
    misunderstood_in_a_row: int = 0
    """0, 1 or 2: from two on, the listener gets the useful words."""
    last_replies: tuple[Reply, ...] = ()
    """What was said last, for « répète »."""
    rate_level: int = 0
    """-3 (slowest) .. +3 (fastest)."""
    volume_level: int = 0
    """-3 (quietest) .. +3 (loudest)."""
    mode_before_question: Mode | None = None
    """In CONFIRM_QUIT, ENDED, CHOOSE_PROCEDURE and CONFIRM_COMMAND: where the listener was
    when asked."""
    resume_offer: Place | None = None
    """The place offered for resuming, while that offer stands."""
    silence_reminded: bool = False
    """The listener has had the one reminder since their last command."""
    keyboard: bool = False
    """No microphone listens: replies name keys to press, never words to say."""
    choices: tuple[str, ...] = ()
    """In CHOOSE_PROCEDURE: the two or three procedure ids offered, in menu order."""
    suggested: CommandName | None = None
    """In CONFIRM_COMMAND: the command asked about."""


@dataclass(frozen=True)
class Turn:
    """The outcome of one command."""

    state: State
    """Pass it to the next `handle` call."""
    replies: tuple[Reply, ...]
    """Said and shown in order; empty only after a SILENCE that needs no reminder."""


QUESTIONS = (Mode.CONFIRM_QUIT, Mode.OFFER_RESUME, Mode.CHOOSE_PROCEDURE, Mode.CONFIRM_COMMAND)
IN_PROCEDURE = (Mode.STEP, Mode.PROCEDURE_DONE)


LEVELS = {  # command: (speed rather than volume, up)
    CommandName.SLOWER: (True, False),
    CommandName.FASTER: (True, True),
    CommandName.LOUDER: (False, True),
    CommandName.QUIETER: (False, False),
}


def adjusted(state: State, name: CommandName) -> Turn:
    speed, up = LEVELS[name]
    old = state.rate_level if speed else state.volume_level
    new = clamp_level(old + (1 if up else -1))
    changed = replace(state, rate_level=new) if speed else replace(state, volume_level=new)
    # Not stored in last_replies: « répète » must still give what was asked to be slower.
    return Turn(changed, (wording.level(speed, up, new != old),))


def silenced(guide: Guide, state: State) -> Turn:
    """The one reminder after a long silence; a question is asked again."""
    if state.silence_reminded or state.paused or state.mode is Mode.ENDED:
        return Turn(state, ())
    then = here(guide, state) if state.mode in QUESTIONS else (hint(guide, state),)
    return Turn(replace(state, silence_reminded=True), (wording.join(wording.STILL_HERE, *then),))


def locate(guide: Guide, procedure_id: str | None, index: int) -> tuple[Procedure, int] | None:
    """The procedure and 0-based step index, if both exist in this guide."""
    procedure = guide.procedure(procedure_id) if procedure_id else None
    if procedure is None or not 0 <= index < len(procedure.steps):
        return None
    return procedure, index


def current(guide: Guide, state: State) -> tuple[Procedure, int] | None:
    return locate(guide, state.procedure_id, state.step_index)


def offered(guide: Guide, state: State) -> tuple[Procedure, int] | None:
    offer = state.resume_offer
    return locate(guide, offer.procedure_id, offer.step_number - 1) if offer else None


def next_procedure(guide: Guide, state: State) -> Procedure | None:
    """What « suivant » opens outside a step: the procedure after the last one opened."""
    ids = [procedure.id for procedure in guide.procedures]
    if state.procedure_id not in ids:
        return guide.procedures[0]
    position = ids.index(state.procedure_id) + 1
    return guide.procedures[position] if position < len(ids) else None


def where(state: State) -> wording.Where:
    if state.mode in QUESTIONS:
        return "question"
    if state.paused:
        return "paused"
    if state.mode is Mode.STEP:
        return "step"
    return "done" if state.mode is Mode.PROCEDURE_DONE else "menu"


def here(guide: Guide, state: State) -> tuple[Reply, ...]:
    """Says again where the listener is, as if they had just arrived."""
    found, offer = current(guide, state), offered(guide, state)
    if state.mode is Mode.OFFER_RESUME and offer is not None:
        return (wording.offer_resume(offer[0].title, offer[1] + 1),)
    if state.mode is Mode.CONFIRM_QUIT:
        return (wording.QUIT_QUESTION,)
    if state.mode is Mode.CHOOSE_PROCEDURE:
        return (choosing.question([_title(guide.procedure(c)) or c for c in state.choices]),)
    if state.mode is Mode.CONFIRM_COMMAND and state.suggested is not None:
        return (suggesting.question(state.suggested),)
    if state.mode is Mode.ENDED:
        return (wording.GOODBYE,)
    if state.mode is Mode.STEP and found is not None:
        return wording.step(*found)
    following = _title(next_procedure(guide, state))
    if state.mode is Mode.PROCEDURE_DONE and found is not None:
        return (wording.done(found[0].title, following),)
    titles = [procedure.title for procedure in guide.procedures]
    if state.mode is Mode.WELCOME:
        return (wording.invitation(titles),)
    return (wording.menu(titles, following),)


def position(guide: Guide, state: State) -> Reply:
    """Answers « où suis-je »."""
    found = current(guide, state)
    if found is not None and state.mode is Mode.STEP:
        return wording.where_step(found[0].title, found[1] + 1, len(found[0].steps))
    if found is not None and state.mode is Mode.PROCEDURE_DONE:
        return wording.where_done(found[0].title)
    return wording.WHERE_START if state.mode is Mode.OFFER_RESUME else wording.WHERE_MENU


def hint(guide: Guide, state: State) -> Reply:
    """What to say now, in one sentence."""
    return wording.hint(where(state), _title(next_procedure(guide, state)))


def help_for(guide: Guide, state: State) -> Reply:
    found, offer = current(guide, state), offered(guide, state)
    if state.paused:
        return wording.HELP_PAUSED
    if state.mode is Mode.CONFIRM_QUIT:
        return wording.HELP_QUIT
    if state.mode is Mode.CHOOSE_PROCEDURE:
        return choosing.help_choice(len(state.choices))
    if state.mode is Mode.CONFIRM_COMMAND and state.suggested is not None:
        return suggesting.help_suggestion(state.suggested)
    if state.mode is Mode.OFFER_RESUME and offer is not None:
        return wording.help_offer(offer[0].title, offer[1] + 1)
    if found is not None and state.mode is Mode.STEP:
        return wording.help_step(found[0].steps[found[1]])
    following = _title(next_procedure(guide, state))
    if found is not None and state.mode is Mode.PROCEDURE_DONE:
        return wording.help_done(following)
    return wording.help_menu(following, at_welcome=state.mode is Mode.WELCOME)


def _title(procedure: Procedure | None) -> str | None:
    return procedure.title if procedure is not None else None


def place_of(guide: Guide, state: State) -> Place | None:
    mode = state.mode
    if mode in (Mode.CONFIRM_QUIT, Mode.ENDED, Mode.CHOOSE_PROCEDURE, Mode.CONFIRM_COMMAND):
        mode = state.mode_before_question or Mode.MENU
    if mode is Mode.OFFER_RESUME:
        return state.resume_offer
    found = current(guide, state)
    return Place(found[0].id, found[1] + 1) if found and mode is Mode.STEP else None
