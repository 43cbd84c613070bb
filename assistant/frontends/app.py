"""Starts one run: loads the memo, opens the voice, then picks the mode.

Modes, from the settings: replaying a WAV file (`--entree-audio`), the line mode when standard
input is not a terminal, else the interactive keyboard, with the microphone unless `--clavier`.
"""

from __future__ import annotations

import logging
import queue
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from assistant import journal
from assistant.conversation.core import Reply
from assistant.events import Event, Notice
from assistant.frontends.interactive import InteractiveLoop, keyboard_thread
from assistant.frontends.keyboard import KeyTranslator
from assistant.frontends.line_mode import LineWriter, run_line_mode
from assistant.frontends.quiet_audio import divert_native_stderr, silence_alsa
from assistant.frontends.screen import Screen
from assistant.frontends.session import Memory, Session
from assistant.guides.loader import GuideError, load_guide
from assistant.settings import RunSettings
from assistant.speaking.announcer import Announcer
from assistant.speaking.speaker import (
    SilentSpeaker,
    Speaker,
    SpeechUnavailable,
    open_speaker,
)

log = logging.getLogger(__name__)


def _open_speaker(settings: RunSettings, notices: list[str]) -> Speaker:
    try:
        return open_speaker(
            muted=settings.muted,
            output_device=settings.speaker_device,
            wav_path=settings.audio_output,
        )
    except SpeechUnavailable as problem:
        notices.append(str(problem))
        return SilentSpeaker()


def run_assistant(
    settings: RunSettings,
    startup_notice: str | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    source = stdin or sys.stdin
    out = stdout or sys.stdout
    journal_warning = journal.configure(settings.journal)
    try:
        guide = load_guide(settings.guide_path)
    except GuideError as error:
        sys.stderr.write(f"Ce mémo ne peut pas être lu.\n{error}\n")
        return 1
    notices = [text for text in (startup_notice, journal_warning) if text]
    root = _window_root(settings, source)
    interactive = root is not None or (settings.audio_input is None and source.isatty())
    if interactive:
        silence_alsa()
        divert_native_stderr()
    session = Session(
        guide,
        _guide_name(settings.guide_path),
        settings.preferences,
        Memory(enabled=settings.remember),
        keyboard=interactive and settings.keyboard_only,
    )

    def open_announcer() -> Announcer:
        def speech_failed(text: str) -> None:
            sys.stderr.write(f"{text}\n")

        return Announcer(
            _open_speaker(settings, notices), on_failure=speech_failed, pronounce=session.spoken
        )

    if root is not None:
        from assistant.frontends.window_run import run_window

        # The voice takes a quarter of a second to open: the window is shown before.
        return run_window(root, session, settings, open_announcer, notices)
    announcer = open_announcer()
    try:
        if settings.audio_input is not None:
            from assistant.frontends.replay_mode import run_replay

            return run_replay(session, settings, announcer, LineWriter(out, settings.json_output))
        if not interactive:

            def speak(replies: Sequence[Reply]) -> None:
                announcer.announce_and_wait(replies, session.voice())

            for notice in notices:
                sys.stderr.write(f"{notice}\n")
            return run_line_mode(session, source, LineWriter(out, settings.json_output), speak)
        return _run_interactive(session, settings, announcer, notices, out)
    finally:
        announcer.close()


def _window_root(settings: RunSettings, source: TextIO) -> Any:
    """The Tk root when the window is wanted and possible, else None (the terminal)."""
    wanted = settings.display == "window" or (
        settings.display == "auto"
        and settings.audio_input is None
        and not settings.json_output
        and source.isatty()
    )
    if not wanted:
        return None
    try:
        from assistant.frontends.window_run import WindowUnavailable, open_root
    except ImportError:  # Python built without Tk
        return None
    try:
        return open_root()
    except WindowUnavailable as problem:
        log.info("window unavailable: %s", problem)
        if settings.display == "window":
            sys.stderr.write("Je ne peux pas ouvrir la fenêtre ici. J'utilise le terminal.\n")
        return None


def _guide_name(path: Path) -> str:
    return path.stem


def _run_interactive(
    session: Session, settings: RunSettings, announcer: Announcer, notices: list[str], out: TextIO
) -> int:
    from assistant.frontends.terminal_keys import open_key_reader

    screen = Screen(out, about=announcer.describe())
    reader = open_key_reader()
    events: queue.SimpleQueue[Event] = queue.SimpleQueue()
    for notice in notices:
        events.put(Notice(notice))
    listener = None
    if not settings.keyboard_only:
        from assistant.frontends.voice_setup import start_listener

        listener = start_listener(session, settings.listening(), announcer, events)
    stop = threading.Event()
    translator = KeyTranslator(
        [procedure.id for procedure in session.guide.procedures],
        session.understanding.understand,
    )
    keyboard_thread(reader, translator, events, stop, screen.prompt)
    loop = InteractiveLoop(session, announcer, screen, events, listening=listener is not None)
    try:
        return loop.run()
    finally:
        stop.set()
        if listener is not None:
            listener.stop()
        reader.close()
