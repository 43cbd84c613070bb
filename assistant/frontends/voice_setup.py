"""Wiring the voice path: find and load the model, build the recognizer, start listening.

The model takes a second or two to load, so interactive mode loads it on a background thread
while the welcome is being spoken; until then, and if it fails, the keyboard works.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

from assistant.audio.microphone import AudioSource, Microphone
from assistant.conversation.commands import CommandName
from assistant.events import EventQueue, Notice
from assistant.frontends.session import Session
from assistant.listening.listener import VoiceListener
from assistant.listening.recognizer import CommandRecognizer
from assistant.model.files import ModelProblem, load_vosk_model, locate_model
from assistant.model.problems import unknown_share_message
from assistant.settings import ListeningSettings, RecognizerSettings
from assistant.speaking.announcer import Announcer

UNKNOWN_WORDS_SHOWN = 30
KEYBOARD_ONLY = "Je fonctionne au clavier : Entrée pour suivant, R pour répéter, H pour l'aide."


def load_model(model_path: Path | None) -> Any:
    """Raises ModelProblem with a French message."""
    return load_vosk_model(locate_model(model_path).path)


def build_recognizer(
    model: Any, session: Session, settings: RecognizerSettings, sample_rate: int
) -> CommandRecognizer:
    understanding = session.understanding
    recognizer = CommandRecognizer(
        model,
        understanding.listening_phrases(),
        sample_rate,
        settings,
        understanding.listening_words(),
        complete=lambda text: understanding.understand(text).name is not CommandName.NOT_UNDERSTOOD,
        request=understanding.understand,
    )
    unknown = recognizer.unknown_words
    if unknown:
        # Vosk silently drops words it does not know: say so once, for the memo writer.
        words = ", ".join(unknown[:UNKNOWN_WORDS_SHOWN])
        more = (
            f" et {len(unknown) - UNKNOWN_WORDS_SHOWN} autres"
            if len(unknown) > UNKNOWN_WORDS_SHOWN
            else ""
        )
        sys.stderr.write(
            f"{len(unknown)} mots inconnus du modèle vocal ne seront pas reconnus : "
            f"{words}{more}.\n"
        )
        # The share says more than the list: most words unknown means the wrong language.
        sys.stderr.write(unknown_share_message(len(unknown), len(recognizer.grammar_words))[1])
        sys.stderr.write("\n")
    return recognizer


class BackgroundListener:
    """Loads the model, then listens; `stop()` works at any moment."""

    def __init__(
        self,
        session: Session,
        settings: ListeningSettings,
        announcer: Announcer,
        events: EventQueue,
    ) -> None:
        self._session = session
        self._settings = settings
        self._announcer = announcer
        self._events = events
        self._stopped = threading.Event()
        self._listener: VoiceListener | None = None
        self._lock = threading.Lock()
        threading.Thread(target=self._start, name="model-loading", daemon=True).start()

    def _start(self) -> None:
        try:
            model = load_model(self._settings.model_path)
        except ModelProblem as problem:
            self._events.put(Notice(f"{problem} {KEYBOARD_ONLY}", keyboard_only=True))
            return

        def open_source() -> AudioSource:
            return Microphone.open(self._settings.microphone)

        def make_recognizer(sample_rate: int) -> CommandRecognizer:
            return build_recognizer(model, self._session, self._settings.recognizer, sample_rate)

        listener = VoiceListener(
            open_source,
            make_recognizer,
            self._announcer.speaking,
            self._events,
            barge_in=self._settings.barge_in,
        )
        with self._lock:
            if self._stopped.is_set():
                return
            self._listener = listener
            listener.start()

    def stop(self) -> None:
        with self._lock:
            self._stopped.set()
            if self._listener is not None:
                self._listener.stop()


def start_listener(
    session: Session, settings: ListeningSettings, announcer: Announcer, events: EventQueue
) -> BackgroundListener:
    return BackgroundListener(session, settings, announcer, events)
