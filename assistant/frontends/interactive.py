"""The interactive loop: keyboard and voice at the same time, one conversation.

Input threads (keys, microphone) only post events to a queue; this loop is the single place
where commands reach the conversation, so the core never sees two commands at once.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Sequence
from typing import Protocol

from assistant.conversation import wording
from assistant.conversation.commands import Command, CommandName
from assistant.conversation.core import Reply
from assistant.events import Event, EventQueue, Heard, InputClosed, Notice
from assistant.frontends.keyboard import KeyTranslator
from assistant.frontends.session import Outcome, Session
from assistant.frontends.terminal_keys import KeyReader
from assistant.speaking.announcer import Announcer


def keyboard_thread(
    reader: KeyReader,
    translator: KeyTranslator,
    events: EventQueue,
    stop: threading.Event,
    echo: Callable[[str], None],
) -> threading.Thread:
    def run() -> None:
        try:
            while not stop.is_set():
                key = reader.read_key(0.2)
                if key is None:
                    continue
                for event in translator.press(key):
                    events.put(event)
                echo(translator.typed)
        except (EOFError, KeyboardInterrupt, OSError):
            events.put(InputClosed())

    thread = threading.Thread(target=run, name="keyboard", daemon=True)
    thread.start()
    return thread


class Display(Protocol):
    """What shows the conversation: the terminal's `Screen` or the window."""

    def show_turn(self, replies: Sequence[Reply]) -> None: ...

    def notice(self, text: str) -> None: ...

    def heard(self, text: str | None, command: Command) -> None:
        """What came in (a phrase heard or typed, None for a key) and what it meant."""


class InteractiveLoop:
    def __init__(
        self,
        session: Session,
        announcer: Announcer,
        screen: Display,
        events: EventQueue,
        *,
        listening: bool,
    ) -> None:
        self.session = session
        self.announcer = announcer
        self.screen = screen
        self.events = events
        self.listening = listening
        """True when a microphone is in use: beep after speaking, remind after silence."""
        self._quiet_since = time.monotonic()
        self._reminded = False

    def say(self, replies: Sequence[Reply]) -> None:
        self.screen.show_turn(replies)
        beep = self.listening and self.session.preferences.beep
        self.announcer.announce(replies, self.session.voice(), beep_after=beep)

    def _notice(self, text: str) -> None:
        self.screen.notice(text)
        self.announcer.announce([Reply(text, text)], self.session.voice())

    def _handle(self, event: Event) -> bool:
        """Returns False when the session should end."""
        if isinstance(event, InputClosed):
            return False
        if isinstance(event, Notice):
            if event.keyboard_only:
                # The model or the microphone is missing: from now on, name keys, not words.
                self.listening = False
                self.session.use_keyboard_wording(True)
            self._notice(event.text)
            return True
        outcome: Outcome
        if isinstance(event, Heard):
            outcome = self.session.handle_text(event.text)
            self.screen.heard(event.text, outcome.command)
        elif event.command is not None:
            outcome = self.session.handle(event.command)
            self.screen.heard(None, outcome.command)
        else:
            outcome = self.session.handle_text(event.text or "")
            self.screen.heard(event.text or "", outcome.command)
        self.say(outcome.replies)
        for warning in self.session.take_warnings():
            self._notice(warning)
        return not self.session.ended

    def poll(self, timeout: float) -> bool:
        """Handles at most one event, or reminds after a long silence; False at the end."""
        try:
            event = self.events.get(timeout=timeout) if timeout > 0 else self.events.get_nowait()
        except queue.Empty:
            self._after_silence()
            return True
        self._quiet_since, self._reminded = time.monotonic(), False
        return self._handle(event)

    def _after_silence(self) -> None:
        reminder_after = self.session.preferences.silence_reminder_s
        # Silence only counts once the assistant itself has finished talking.
        if self.announcer.speaking.is_set():
            self._quiet_since = time.monotonic()
        elif (
            self.listening
            and reminder_after
            and not self._reminded
            and time.monotonic() - self._quiet_since >= reminder_after
        ):
            self._reminded = True
            self.say(self.session.handle(Command(CommandName.SILENCE)).replies)

    def start(self) -> None:
        self.say(self.session.welcome)
        self._quiet_since = time.monotonic()

    def finish(self) -> int:
        if not self.session.ended:
            self.say([wording.GOODBYE])
        self.announcer.wait_until_quiet(timeout=5)
        return 0

    def run(self) -> int:
        self.start()
        try:
            while self.poll(0.2):
                pass
        except KeyboardInterrupt:
            pass
        return self.finish()
