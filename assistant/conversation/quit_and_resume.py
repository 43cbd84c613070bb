"""Applying the answers to the core's own yes-or-no questions: « Voulez-vous vraiment
quitter ? » and, at the start, the offer to resume where the listener stopped.

Apart from core.py so that its dispatch reads as one list of cases. Pure, like the core it
serves: the core passes its own `handle` (or `navigate`), so that anything that is not an
answer is handled exactly as if no question had been asked. « Vous voulez que je répète ? »
is `confirming`; « Vous voulez : 1, … ? » stays in the core, which it shares with the menu.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.conversation import wording
from assistant.conversation.commands import Command
from assistant.conversation.commands import CommandName as Cmd
from assistant.conversation.confirming import Handler
from assistant.conversation.guide import Guide
from assistant.conversation.showing import goto_step, say, show_menu, show_step
from assistant.conversation.state import Mode, State, Turn, help_for, here, offered, position


def goes_on(command: Command) -> bool:
    """« reprenez », « continuez »: carry on where we are, after a pause or a quit question."""
    return command.name is Cmd.RESUME or (command.name is Cmd.NEXT and command.goes_on)


def confirm_quit(guide: Guide, state: State, command: Command, handle: Handler) -> Turn:
    answer = command.yes_or_no()
    if answer is Cmd.YES:
        return say(replace(state, mode=Mode.ENDED), (wording.GOODBYE,))
    if command.name is Cmd.QUIT and answer is None:
        return say(state, (wording.QUIT_QUESTION,))
    back = replace(state, mode=state.mode_before_question or Mode.MENU, mode_before_question=None)
    if answer is Cmd.NO or goes_on(command):  # « on continue »: no, and not the next step
        return say(back, (wording.GOING_ON, *here(guide, back)))
    return handle(guide, back, command)


def offer(guide: Guide, state: State, command: Command, navigate: Handler) -> Turn:
    """`navigate`, not `handle`: a pause or a quit asked instead is done from the offer."""
    name = command.name
    found = offered(guide, state)
    answer = command.yes_or_no()
    if found is None or name is Cmd.MENU or answer is Cmd.NO:
        return show_menu(guide, state)
    procedure, index = found
    if name in (Cmd.NEXT, Cmd.RESUME) or answer is Cmd.YES:
        return show_step(state, procedure, index, wording.announce(procedure.title, "resume"))
    if name is Cmd.RESTART:
        return show_step(state, procedure, 0, wording.announce(procedure.title, "restart"))
    if name is Cmd.GOTO_STEP and command.step_number is not None:
        return goto_step(
            state, procedure, command.step_number, wording.announce(procedure.title, "resume")
        )
    if name in (Cmd.OPEN_PROCEDURE, Cmd.CHOOSE_PROCEDURE):
        return navigate(guide, replace(state, mode=Mode.MENU, resume_offer=None), command)
    if name in (Cmd.PAUSE, Cmd.QUIT):
        return navigate(guide, state, command)
    if name is Cmd.EXPLAIN:
        return say(state, (help_for(guide, state),))
    lead = (position(guide, state),) if name is Cmd.WHERE else ()
    return say(state, (*lead, *here(guide, state)))
