"""`--entree-audio FICHIER.wav`: a recorded session replayed exactly, without a microphone.

Tests, benchmarks and bug reports use it: each recognized command is printed with its
confidence, then each reply, and the run ends with the file.
"""

from __future__ import annotations

import sys

from assistant.audio.microphone import WavFileSource, WavInputError
from assistant.conversation import wording
from assistant.conversation.core import Reply
from assistant.frontends.line_mode import LineWriter
from assistant.frontends.session import Session
from assistant.frontends.voice_setup import build_recognizer, load_model
from assistant.model.files import ModelProblem
from assistant.settings import RunSettings
from assistant.speaking.announcer import Announcer


def run_replay(
    session: Session, settings: RunSettings, announcer: Announcer, writer: LineWriter
) -> int:
    assert settings.audio_input is not None
    try:
        source = WavFileSource(settings.audio_input)
    except WavInputError as problem:
        sys.stderr.write(f"{problem}\n")
        return 1
    try:
        model = load_model(settings.model_path)
    except ModelProblem as problem:
        sys.stderr.write(f"{problem}\n")
        return 1
    recognizer = build_recognizer(model, session, settings.recognizer, source.sample_rate)

    def speak(replies: tuple[Reply, ...]) -> None:
        announcer.announce_and_wait(replies, session.voice())

    writer.write(None, session, None, session.welcome)
    speak(session.welcome)
    try:
        while not session.ended:
            chunk = source.read(0)
            if chunk is None:
                if source.exhausted:
                    break
                continue
            recognition = recognizer.feed(chunk)
            if recognition is None:
                continue
            writer.heard(recognition.text, recognition.confidence, recognition.accepted)
            if not recognition.accepted or not recognition.text:
                continue
            outcome = session.handle_text(recognition.text)
            writer.write(recognition.text, session, outcome, outcome.replies)
            speak(outcome.replies)
    finally:
        source.close()
    if not session.ended:
        writer.write(None, session, None, (wording.GOODBYE,))
    return 0
