"""What the core answers when it shows a place: a step, the menu, or the help for here.

Apart from core.py so that the dispatch there reads as one list of cases; these few moves are
what its cases end with. Each one records its replies, so that « répète » says them again.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.conversation import wording
from assistant.conversation.commands import CommandName as Cmd
from assistant.conversation.guide import Guide, Procedure
from assistant.conversation.state import Mode, State, Turn, help_for, here, hint
from assistant.conversation.wording import Reply


def say(state: State, replies: tuple[Reply, ...]) -> Turn:
    return Turn(replace(state, last_replies=replies), replies)


def elsewhere(guide: Guide, state: State, name: Cmd) -> Turn:
    """« épelle » outside a step; « explique » where the help is the explanation."""
    if name is Cmd.SPELL:
        return say(state, (wording.join(wording.NOTHING_TO_SPELL, hint(guide, state)),))
    return say(state, (help_for(guide, state),))


def show_step(state: State, procedure: Procedure, index: int, *lead: Reply) -> Turn:
    shown = replace(
        state,
        mode=Mode.STEP,
        procedure_id=procedure.id,
        step_index=index,
        resume_offer=None,
        mode_before_question=None,
        choices=(),
    )
    return say(shown, (*lead, *wording.step(procedure, index)))


def goto_step(state: State, procedure: Procedure, number: int, *lead: Reply) -> Turn:
    if 1 <= number <= len(procedure.steps):
        return show_step(state, procedure, number - 1, *lead)
    return say(state, (wording.step_count(len(procedure.steps)),))


def show_menu(guide: Guide, state: State) -> Turn:
    shown = replace(state, mode=Mode.MENU, resume_offer=None, mode_before_question=None)
    return say(shown, here(guide, shown))
