"""The listening thread: microphone → recognizer → events for the interactive loop.

Half-duplex by default: while the assistant speaks, audio is dropped and the recognizer reset,
so it never answers its own voice, even through loudspeakers. A lost microphone is reported
once and reopened every few seconds; the keyboard keeps working meanwhile.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from assistant.audio.microphone import AudioSource, MicrophoneUnavailable, reinitialize_portaudio
from assistant.events import EventQueue, Heard, Notice
from assistant.listening.recognizer import CommandRecognizer

MICROPHONE_BACK = "Le micro fonctionne de nouveau. Je vous écoute."
ECHO_TAIL_S = 0.15
"""Audio still dropped after speech ends: the room's echo and the sound card's buffer."""


class VoiceListener:
    def __init__(
        self,
        open_source: Callable[[], AudioSource],
        make_recognizer: Callable[[int], CommandRecognizer],
        speaking: threading.Event,
        events: EventQueue,
        *,
        barge_in: bool = False,
        retry_s: float = 3.0,
    ) -> None:
        self._open_source = open_source
        self._make_recognizer = make_recognizer
        self._speaking = speaking
        self._events = events
        self._barge_in = barge_in
        self._retry_s = retry_s
        self._stop = threading.Event()
        self._problem_told = False
        """The user was told the microphone is missing; tell them when it is back."""
        self._thread = threading.Thread(target=self._run, name="listening", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=3)

    def _open(self) -> AudioSource | None:
        """Keeps trying until a microphone opens or the session ends; tells the user once."""
        while not self._stop.is_set():
            try:
                return self._open_source()
            except MicrophoneUnavailable as problem:
                self._tell_problem(str(problem))
            if self._stop.wait(self._retry_s):
                return None
            # PortAudio froze its device list at start-up: a headset plugged in since is unseen.
            reinitialize_portaudio()
        return None

    def _tell_problem(self, text: str) -> None:
        if not self._problem_told:
            self._events.put(Notice(text))
            self._problem_told = True

    def _run(self) -> None:
        recognizers: dict[int, CommandRecognizer] = {}
        while not self._stop.is_set():
            source = self._open()
            if source is None:
                return
            if self._problem_told:
                self._events.put(Notice(MICROPHONE_BACK))
                self._problem_told = False
            # A headset plugged in later may run at another rate than the one it replaces.
            rate = source.sample_rate
            if rate not in recognizers:
                recognizers[rate] = self._make_recognizer(rate)
            try:
                self._listen(source, recognizers[rate])
            except MicrophoneUnavailable as problem:
                self._tell_problem(str(problem))
            finally:
                source.close()

    def _listen(self, source: AudioSource, recognizer: CommandRecognizer) -> None:
        recognizer.reset()
        muted_until = 0.0
        while not self._stop.is_set():
            chunk = source.read(0.1)
            if chunk is None:
                continue
            if self._speaking.is_set() and not self._barge_in:
                muted_until = time.monotonic() + ECHO_TAIL_S
                recognizer.reset()
                continue
            if time.monotonic() < muted_until:
                continue
            recognition = recognizer.feed(chunk)
            if recognition is not None and recognition.accepted and recognition.text:
                self._events.put(Heard(recognition.text, recognition.confidence))
