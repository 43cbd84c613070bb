"""The conversation core: a state and a command in, a new state and replies out.

Pure and deterministic: no I/O, no clock, no randomness. Every French sentence it says comes
from `wording`. CONTRACT STUB — to be implemented.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from assistant.commands import Command
from assistant.guide import Guide


@dataclass(frozen=True)
class Reply:
    """One thing to say aloud and show on screen."""

    speech: str
    """Plain French sentence(s) for the speech engine."""
    screen: str
    """Text for the large-print screen; often the same as `speech`."""


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
    ENDED = "ended"


@dataclass(frozen=True)
class State:
    mode: Mode
    procedure_id: str | None = None
    step_index: int = 0
    """0-based index into the current procedure's steps."""
    paused: bool = False
    misunderstood_in_a_row: int = 0
    last_replies: tuple[Reply, ...] = ()
    """What was said last, for « répète »."""
    rate_level: int = 0
    """-3 (slowest) .. +3 (fastest)."""
    volume_level: int = 0
    """-3 (quietest) .. +3 (loudest)."""
    mode_before_question: Mode | None = None
    """Where to go back to after « non » to a yes/no question."""
    resume_offer: Place | None = None
    silence_reminded: bool = False


@dataclass(frozen=True)
class Turn:
    state: State
    replies: tuple[Reply, ...]


def start(
    guide: Guide, *, resume: Place | None = None, rate_level: int = 0, volume_level: int = 0
) -> Turn:
    raise NotImplementedError


def handle(guide: Guide, state: State, command: Command) -> Turn:
    raise NotImplementedError


def place_of(guide: Guide, state: State) -> Place | None:
    raise NotImplementedError
