"""One person's session: the pure conversation core plus what must outlive the process.

Every front end (typed lines, keyboard, voice) goes through `Session`, so they behave alike.
It owns the only side effects of a turn that are not sound or screen: remembering the place
and the preferences for the next session.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from assistant import journal, user_files
from assistant.conversation import core as conversation
from assistant.conversation import state as conversation_state
from assistant.conversation.commands import Command, CommandName
from assistant.conversation.core import Place, Reply, State
from assistant.conversation.guide import Guide
from assistant.conversation.understanding import Understanding
from assistant.settings import Preferences, VoiceSettings
from assistant.speaking.lexicon import lexicon_for


@dataclass(frozen=True)
class Outcome:
    """What one input produced."""

    command: Command
    replies: tuple[Reply, ...]


@dataclass(frozen=True)
class Memory:
    """Where preferences and the place are kept; None folders mean the user's own folders."""

    enabled: bool = True
    config_dir: Path | None = None
    state_dir: Path | None = None


class Session:
    def __init__(
        self,
        guide: Guide,
        guide_name: str,
        preferences: Preferences,
        memory: Memory | None = None,
        *,
        keyboard: bool = False,
    ) -> None:
        self.guide = guide
        self.guide_name = guide_name
        self.understanding = Understanding(guide)
        self.lexicon = lexicon_for(guide)
        self.preferences = preferences
        self.memory = memory or Memory()
        self._pending_warnings: list[str] = []
        self._told_warnings: set[str] = set()
        saved = user_files.load_place(self.memory.state_dir) if self.memory.enabled else None
        resume = saved.place if saved and saved.guide_name == guide_name else None
        first = conversation.start(
            guide,
            resume=resume,
            rate_level=preferences.rate_level,
            volume_level=preferences.volume_level,
            keyboard=keyboard,
        )
        self.state: State = first.state
        self.welcome: tuple[Reply, ...] = first.replies
        self._saved_place = resume

    @property
    def ended(self) -> bool:
        return self.state.mode is conversation.Mode.ENDED

    def use_keyboard_wording(self, keyboard: bool) -> None:
        """No microphone listens any more (or again): later replies name keys (or words)."""
        self.state = conversation.with_keyboard(self.state, keyboard)

    def remember_display(self, text_size: int, theme: str, on_top: bool) -> None:
        """The window's size, colours and « au premier plan », kept for the next time."""
        wanted = replace(self.preferences, text_size=text_size, theme=theme, on_top=on_top)
        wanted = wanted.checked()
        if wanted != self.preferences:
            self.preferences = wanted
            if self.memory.enabled:
                self._note(user_files.save_preferences(wanted, self.memory.config_dir))

    def voice(self) -> VoiceSettings:
        """How to speak now: the levels are part of the conversation state."""
        return VoiceSettings(self.state.rate_level, self.state.volume_level)

    def spoken(self, text: str) -> str:
        """What the speech engine receives for `text`: the screen keeps the written form."""
        return self.lexicon.spoken(text)

    def handle_text(self, text: str) -> Outcome:
        located = conversation_state.current(self.guide, self.state)
        on_secret_step = located is not None and located[0].steps[located[1]].secret
        # On a step that asks for a password or a number, someone may say it aloud anyway.
        journal.heard("(étape confidentielle : non noté)" if on_secret_step else text)
        return self.handle(self.understanding.understand(text))

    def handle(self, command: Command) -> Outcome:
        offered = self.state.mode is conversation.Mode.OFFER_RESUME
        turn = conversation.handle(self.guide, self.state, command)
        self.state = turn.state
        if offered and command.name is CommandName.NO:
            self._forget_place()  # « non » to « Voulez-vous reprendre ? »: not next time either
        self._remember()
        journal.said(reply.speech for reply in turn.replies)
        return Outcome(command, turn.replies)

    def place(self) -> Place | None:
        return conversation.place_of(self.guide, self.state)

    def take_warnings(self) -> list[str]:
        """French sentences about saving problems, each to be told once by the front end."""
        pending, self._pending_warnings = self._pending_warnings, []
        return pending

    def _forget_place(self) -> None:
        if self.memory.enabled and self._saved_place is not None:
            user_files.forget_place(self.memory.state_dir)
            self._saved_place = None

    def _remember(self) -> None:
        if not self.memory.enabled:
            return
        place = self.place()
        if place is None and self.state.mode is conversation.Mode.PROCEDURE_DONE:
            self._forget_place()  # a finished procedure is not worth resuming next time
        elif place is not None and place != self._saved_place:
            saved = user_files.SavedPlace(self.guide_name, place)
            self._note(user_files.save_place(saved, self.memory.state_dir))
            self._saved_place = place
        levels = (self.state.rate_level, self.state.volume_level)
        if levels != (self.preferences.rate_level, self.preferences.volume_level):
            self.preferences = replace(
                self.preferences, rate_level=levels[0], volume_level=levels[1]
            )
            self._note(user_files.save_preferences(self.preferences, self.memory.config_dir))

    def _note(self, warning: str | None) -> None:
        # Told once: a full disk would otherwise interrupt every single step.
        if warning and warning not in self._told_warnings:
            self._told_warnings.add(warning)
            self._pending_warnings.append(warning)
