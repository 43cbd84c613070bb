"""The interactive loop: keyboard and voice at the same time, one conversation.

Input threads (keys, microphone) only post events to a queue; this loop is the single place
where commands reach the conversation, so the core never sees two commands at once.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Sequence

from assistant.conversation import wording
from assistant.conversation.commands import Command, CommandName
from assistant.conversation.core import Reply
from assistant.events import Event, EventQueue, Heard, InputClosed, Notice
from assistant.frontends.keyboard import KeyTranslator
from assistant.frontends.screen import Screen
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


class InteractiveLoop:
    def __init__(
        self,
        session: Session,
        announcer: Announcer,
        screen: Screen,
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
        elif event.command is not None:
            outcome = self.session.handle(event.command)
        else:
            outcome = self.session.handle_text(event.text or "")
        self.say(outcome.replies)
        for warning in self.session.take_warnings():
            self._notice(warning)
        return not self.session.ended

    def run(self) -> int:
        self.say(self.session.welcome)
        reminder_after = self.session.preferences.silence_reminder_s
        quiet_since = time.monotonic()
        reminded = False
        try:
            while True:
                try:
                    event = self.events.get(timeout=0.2)
                except queue.Empty:
                    # Silence only counts once the assistant itself has finished talking.
                    if self.announcer.speaking.is_set():
                        quiet_since = time.monotonic()
                    elif (
                        self.listening
                        and reminder_after
                        and not reminded
                        and time.monotonic() - quiet_since >= reminder_after
                    ):
                        reminded = True
                        self.say(self.session.handle(Command(CommandName.SILENCE)).replies)
                    continue
                quiet_since, reminded = time.monotonic(), False
                if not self._handle(event):
                    break
        except KeyboardInterrupt:
            pass
        if not self.session.ended:
            self.say([wording.GOODBYE])
        self.announcer.wait_until_quiet(timeout=5)
        return 0
