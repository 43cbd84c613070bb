"""The conversation core: a state and a command in, a new state and replies out.

Pure and deterministic: no I/O, no clock, no randomness. Every French sentence comes from
`wording`; titles and steps come from the guide, never from here. The state and the queries
on it live in `conversation_state`; the names are re-exported here as the contract.

Choices that are not obvious:
- « suivant » always moves forward: from the welcome or the menu it opens the procedure
  after the last one opened (the first one at the start), as it is the word everyone knows.
- Speed and volume changes are confirmed but do not replace what « répète » says: after
  « plus lentement », « répète » gives the step again, slower, which is why it was asked.
- While paused, asking for something (« suivant », « menu », « explique »…) resumes and does
  it; « aide », « où suis-je », « répète » and the voice settings leave the pause on.
- A pending yes/no question survives what concerns the question itself (« répète »,
  « aide », misunderstandings, silence, voice settings); any other command cancels it and is
  handled. Only an explicit « oui » ends the session. Asked whether to quit, « on continue »
  is a no: it goes on with the same step, not the next one.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.conversation import choosing, confirming, quit_and_resume, wording
from assistant.conversation.commands import Command
from assistant.conversation.commands import CommandName as Cmd
from assistant.conversation.guide import Guide
from assistant.conversation.keys_wording import worded as _worded
from assistant.conversation.showing import elsewhere, goto_step, say, show_menu, show_step
from assistant.conversation.state import (
    IN_PROCEDURE,
    LEVELS,
    Mode,
    Place,
    State,
    Turn,
    adjusted,
    current,
    help_for,
    here,
    hint,
    next_procedure,
    offered,
    place_of,
    position,
    silenced,
    where,
)
from assistant.conversation.wording import Reply
from assistant.settings import clamp_level

# The contract others import from here; the types are defined next to the queries on them.
__all__ = [
    "Mode",
    "Place",
    "Reply",
    "State",
    "Turn",
    "handle",
    "place_of",
    "start",
    "with_keyboard",
]

_SHORT_ANSWERS = {
    Cmd.YES: wording.VERY_WELL,
    Cmd.NO: wording.ALL_RIGHT,
    Cmd.RESUME: wording.NOT_PAUSED,
}


def start(
    guide: Guide,
    *,
    resume: Place | None = None,
    rate_level: int = 0,
    volume_level: int = 0,
    keyboard: bool = False,
) -> Turn:
    state = State(
        Mode.WELCOME,
        rate_level=clamp_level(rate_level),
        volume_level=clamp_level(volume_level),
        keyboard=keyboard,
    )
    if resume is not None and offered(guide, replace(state, resume_offer=resume)):
        state = replace(state, mode=Mode.OFFER_RESUME, resume_offer=resume)
    greeting = (wording.welcome(guide.title, guide.introduction), wording.THREE_COMMANDS)
    return _worded(say(state, greeting + here(guide, state)))


YES_NO_QUESTIONS = (Mode.CONFIRM_QUIT, Mode.OFFER_RESUME, Mode.CONFIRM_COMMAND)
"""Modes asking a yes-or-no question, where a sentence holding a yes or a no answers it."""


def handle(guide: Guide, state: State, command: Command) -> Turn:
    return _worded(_handle(guide, state, command))


def with_keyboard(state: State, keyboard: bool) -> State:
    """The microphone stopped (or started) listening: later replies name keys (or words)."""
    return replace(state, keyboard=keyboard)


def _handle(guide: Guide, state: State, command: Command) -> Turn:
    command = confirming.meant(state, command)
    name = command.name
    if name is Cmd.SILENCE:
        return silenced(guide, state)
    if command.only_fillers:  # « merci »: nothing asked, nothing said, the reading goes on
        return Turn(state, ())
    if command.one_word and state.mode is Mode.STEP and name is not Cmd.SUGGEST:
        # A lone word is not enough to leave a step (« mensuel » may be a misheard
        # « ensuite »): ask « Vous voulez : … ? » instead of opening.
        choices = command.choices or ((command.procedure_id or "",) if command.procedure_id else ())
        known = choosing.known_choices(guide, choices)
        if known:
            return _ask(guide, state, known)
        return handle(guide, state, Command(Cmd.NOT_UNDERSTOOD))
    if state.mode is Mode.ENDED:
        return Turn(replace(state, silence_reminded=False), (wording.GOODBYE,))
    if state.mode is Mode.CHOOSE_PROCEDURE and name not in (Cmd.REPEAT, Cmd.HELP, *LEVELS):
        return _choose(guide, state, command)
    if state.mode is Mode.CONFIRM_COMMAND and name not in (Cmd.REPEAT, Cmd.HELP, *LEVELS):
        return confirming.answered(guide, state, command, _handle)
    if name is Cmd.SUGGEST:
        return confirming.asked(guide, state, command, _handle)
    answering = command.answer is not None and state.mode in YES_NO_QUESTIONS
    if name is Cmd.NOT_UNDERSTOOD and not answering:  # « oui, j'ai fini » is an answer
        times = min(state.misunderstood_in_a_row + 1, 2)
        state = replace(state, silence_reminded=False, misunderstood_in_a_row=times)
        has_next = next_procedure(guide, state) is not None
        return say(state, (wording.not_understood(where(state), times, has_next),))
    state = replace(state, silence_reminded=False, misunderstood_in_a_row=0)
    if name is Cmd.REPEAT:
        return Turn(state, state.last_replies)
    if name in LEVELS:
        return adjusted(state, name)
    if name is Cmd.HELP:
        return say(state, (help_for(guide, state),))
    if state.mode is Mode.CONFIRM_QUIT:
        return quit_and_resume.confirm_quit(guide, state, command, _handle)
    if state.paused and name is Cmd.PAUSE:
        return say(state, (wording.ALREADY_PAUSED,))
    if state.paused and name is Cmd.WHERE:
        return say(state, (position(guide, state), wording.PAUSED_NOTE))
    if state.paused:
        state = replace(state, paused=False)
        if quit_and_resume.goes_on(command):
            return say(state, (wording.RESUMED, *here(guide, state)))
    if state.mode is Mode.OFFER_RESUME:
        return quit_and_resume.offer(guide, state, command, _navigate)
    return _navigate(guide, state, command)


def _navigate(guide: Guide, state: State, command: Command) -> Turn:
    """WELCOME, MENU, STEP and PROCEDURE_DONE; also what the offer shares with them."""
    name, number = command.name, command.step_number
    found = current(guide, state) if state.mode in IN_PROCEDURE else None
    if name is Cmd.OPEN_PROCEDURE and command.procedure_id is None and number is not None:
        return _in_menu(guide, state, replace(command, name=Cmd.GOTO_STEP))  # a typed number
    if name is Cmd.OPEN_PROCEDURE:
        procedure = guide.procedure(command.procedure_id or "")
        if procedure is None:
            return say(state, (wording.UNKNOWN_PROCEDURE,))
        return show_step(state, procedure, 0, wording.announce(procedure.title))
    if name is Cmd.CHOOSE_PROCEDURE:
        return _ask(guide, state, choosing.known_choices(guide, command.choices))
    if name is Cmd.MENU:
        return show_menu(guide, state)
    if name is Cmd.QUIT:
        asking = replace(state, mode=Mode.CONFIRM_QUIT, mode_before_question=state.mode)
        return say(asking, (wording.QUIT_QUESTION,))
    if name is Cmd.PAUSE:
        return say(replace(state, paused=True), (wording.PAUSE,))
    if name is Cmd.WHERE:
        return say(state, (position(guide, state),))
    if name in _SHORT_ANSWERS:
        return say(state, (wording.join(_SHORT_ANSWERS[name], hint(guide, state)),))
    if name is Cmd.NEXT and state.mode is not Mode.STEP:
        following = next_procedure(guide, state)
        if following is not None:
            return show_step(state, following, 0, wording.announce(following.title))
        count = len(guide.procedures)
        return say(state, (wording.END_OF_MEMO if found else wording.choose_between(count),))
    if found is None:
        return _in_menu(guide, state, command)
    procedure, index = found
    in_step = state.mode is Mode.STEP
    if name is Cmd.NEXT and index + 1 < len(procedure.steps):
        return show_step(state, procedure, index + 1)
    if name is Cmd.NEXT:
        finished = replace(state, mode=Mode.PROCEDURE_DONE)
        return say(finished, here(guide, finished))
    if name is Cmd.PREVIOUS and in_step and index == 0:
        return say(state, (wording.FIRST_STEP,))
    if name is Cmd.PREVIOUS:
        return show_step(state, procedure, index - 1 if in_step else index)
    if name is Cmd.GOTO_STEP and number is None:
        return say(state, (wording.ASK_STEP_NUMBER,))
    if name is Cmd.GOTO_STEP and number is not None:
        return goto_step(state, procedure, number)
    if name is Cmd.RESTART:
        return show_step(state, procedure, 0, wording.announce(procedure.title, "restart"))
    step = procedure.steps[index]
    if name is Cmd.EXPLAIN and in_step and step.explain:
        return say(state, (wording.explanation(step.explain),))
    if name is Cmd.EXPLAIN and in_step:
        return say(state, (wording.NO_EXPLANATION, *wording.step(procedure, index)))
    if name is Cmd.SPELL and in_step:
        return say(state, (wording.spelling(step.spell) if step.spell else wording.NO_SPELLING,))
    return elsewhere(guide, state, name)


def _ask(guide: Guide, state: State, choices: tuple[str, ...]) -> Turn:
    """Two or three procedures fit: ask which one; one fits loosely: ask whether it is it."""
    if not choices:
        return _navigate(guide, state, Command(Cmd.OPEN_PROCEDURE, procedure_id=""))
    before = state.mode_before_question if state.mode is Mode.CHOOSE_PROCEDURE else state.mode
    asking = replace(state, mode=Mode.CHOOSE_PROCEDURE, choices=choices, silence_reminded=False)
    asking = replace(asking, mode_before_question=before)
    return say(asking, here(guide, asking))


def _choose(guide: Guide, state: State, command: Command) -> Turn:
    """An answer to « Vous voulez : 1, …, ou 2, … ? »."""
    meant, before = choosing.answer(guide, state.choices, command), state.mode_before_question
    if meant.decision == "retry":
        heard = command.name is Cmd.NOT_UNDERSTOOD
        times = min(state.misunderstood_in_a_row + 1, 2) if heard else 0
        retry = replace(state, silence_reminded=False, misunderstood_in_a_row=times)
        return say(retry, (choosing.retry(len(state.choices)), *here(guide, state)))
    back = replace(state, mode=before or Mode.MENU, choices=(), mode_before_question=None)
    back = replace(back, silence_reminded=False, misunderstood_in_a_row=0)
    if meant.decision == "ask" and len(meant.choices) > 1:
        return _ask(guide, replace(state, misunderstood_in_a_row=0), meant.choices)
    if meant.decision in ("ask", "open"):
        opened = meant.procedure_id or (meant.choices[0] if meant.choices else "")
        return _navigate(guide, back, Command(Cmd.OPEN_PROCEDURE, procedure_id=opened))
    if meant.decision == "back":
        return say(back, (wording.join(wording.ALL_RIGHT, hint(guide, back)),))
    return handle(guide, back, command)


def _in_menu(guide: Guide, state: State, command: Command) -> Turn:
    number, count = command.step_number, len(guide.procedures)
    if command.name is Cmd.GOTO_STEP:
        # A number said or typed in the menu chooses a procedure.
        if number is None or not 1 <= number <= count:
            return say(state, (wording.choose_between(count),))
        procedure = guide.procedures[number - 1]
        return show_step(state, procedure, 0, wording.announce(procedure.title))
    if command.name is Cmd.RESTART:
        return start(
            guide,
            rate_level=state.rate_level,
            volume_level=state.volume_level,
            keyboard=state.keyboard,
        )
    if command.name is Cmd.PREVIOUS:
        return say(state, (wording.join(wording.WHERE_MENU, hint(guide, state)),))
    return elsewhere(guide, state, command.name)
