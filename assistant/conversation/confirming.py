"""Applying « Vous voulez que je répète ? » (`suggesting` says it and reads the answer).

Pure, like the core it serves: the core passes its own `handle`, so that a « oui » does the
command exactly as if it had been said, and any other command is handled where the listener
was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from assistant.conversation import choosing, suggesting, wording
from assistant.conversation.commands import SUGGESTABLE, Command
from assistant.conversation.commands import CommandName as Cmd
from assistant.conversation.guide import Guide
from assistant.conversation.showing import say
from assistant.conversation.state import QUESTIONS, Mode, State, Turn, here, hint

Handler = Callable[[Guide, State, Command], Turn]


def asked(guide: Guide, state: State, command: Command, handle: Handler) -> Turn:
    """Sounds like one command: « Vous voulez … ? », unless a question is open already. While
    paused, only resuming is suggested: the listener is away, the room talks."""
    wanted = command.suggested
    if not _fits(state, wanted) or state.mode in QUESTIONS:
        return handle(guide, state, Command(Cmd.NOT_UNDERSTOOD, answer=command.answer))
    asking = replace(state, mode=Mode.CONFIRM_COMMAND, mode_before_question=state.mode)
    asking = replace(asking, suggested=wanted, silence_reminded=False, misunderstood_in_a_row=0)
    return say(asking, here(guide, asking))


def meant(state: State, command: Command) -> Command:
    """A command suggested instead of procedures the words named is only asked about in a
    step, where it fits: elsewhere (the menu, a question) people ask for procedures, and
    those are handled."""
    topic = topic_instead(command) if command.name is Cmd.SUGGEST else None
    if topic is None:
        return command
    return command if state.mode is Mode.STEP and _fits(state, command.suggested) else topic


def _fits(state: State, wanted: Cmd | None) -> bool:
    """A command worth suggesting here: while paused, only resuming."""
    return wanted in SUGGESTABLE and (wanted is Cmd.RESUME) == state.paused


def topic_instead(command: Command) -> Command | None:
    """The procedures the words named, when a command was suggested instead of them."""
    if command.procedure_id is not None:
        return replace(command, name=Cmd.OPEN_PROCEDURE, suggested=None)
    if command.choices:
        return replace(command, name=Cmd.CHOOSE_PROCEDURE, suggested=None)
    return None


def answered(guide: Guide, state: State, command: Command, handle: Handler) -> Turn:
    """An answer to « Vous voulez que je répète ? »."""
    decision, wanted = suggesting.decide(command), state.suggested
    back = replace(state, mode=state.mode_before_question or Mode.MENU, suggested=None)
    back = replace(
        back, mode_before_question=None, misunderstood_in_a_row=0, silence_reminded=False
    )
    if decision == "retry":
        times = min(state.misunderstood_in_a_row + 1, 2)
        retry = replace(state, silence_reminded=False, misunderstood_in_a_row=times)
        return say(retry, (choosing.retry(1), *here(guide, state)))
    if decision == "do" and wanted is not None:  # « répète » after it: the place, not the question
        return handle(guide, replace(back, last_replies=here(guide, back)), Command(wanted))
    if decision == "back":
        return say(back, (wording.join(wording.ALL_RIGHT, hint(guide, back)),))
    return handle(guide, back, command)
