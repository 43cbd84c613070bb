"""The messages that cross threads: input threads put them on one queue, one loop takes them.

Keyboard, microphone and model-loading threads only ever `put` an `Event`; the front end's loop
is the single place that turns them into commands for the session. So this module imports
nothing but the command type, and no thread needs to know who reads its events.
"""

from __future__ import annotations

import queue
from dataclasses import dataclass

from assistant.conversation.commands import Command


@dataclass(frozen=True)
class Heard:
    """A final recognition from the microphone."""

    text: str
    """The phrase as the recognizer wrote it, for the command layer."""
    confidence: float
    """Lowest per-word confidence, 0 to 1."""


@dataclass(frozen=True)
class Notice:
    """Something about the assistant itself, in French: said aloud and shown."""

    text: str
    keyboard_only: bool = False
    """Set when the voice path gave up: only the keyboard (or the window) works now."""


@dataclass(frozen=True)
class InputClosed:
    """The keyboard reached end of input or Ctrl-C."""


@dataclass(frozen=True)
class KeyboardEvent:
    """Either a command decided by a key, or a typed line for the command layer."""

    command: Command | None = None
    """Set when a key alone decided the command (Entrée, R, a digit then Entrée…)."""
    text: str | None = None
    """Set when a typed line must go through understanding."""


Event = Heard | KeyboardEvent | Notice | InputClosed
EventQueue = queue.SimpleQueue[Event]
