"""Says replies aloud on a worker thread, so the main loop never waits for speech.

A new announcement interrupts the one being spoken: when the person presses « suivant » twice,
they want the next step now, not the end of the previous one. `speaking` is set from the first
word to the end of the listening beep, which is what the microphone needs for half-duplex.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.conversation.core import Reply
from assistant.settings import VoiceSettings
from assistant.speaking.speaker import Speaker, SpeechUnavailable


@dataclass(frozen=True)
class _Job:
    texts: tuple[str, ...]
    settings: VoiceSettings
    beep_after: bool
    generation: int


class Announcer:
    def __init__(
        self,
        speaker: Speaker,
        on_failure: Callable[[str], None],
        pronounce: Callable[[str], str] | None = None,
    ) -> None:
        """`on_failure` receives a French message once, when speech stops working;
        `pronounce` turns each reply into what the engine says (the memo's lexicon)."""
        self._speaker = speaker
        self._pronounce = pronounce or (lambda text: text)
        self._on_failure = on_failure
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._generation = 0
        self._pending = 0
        self._lock = threading.Lock()
        self._failed = False
        self.speaking = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._thread = threading.Thread(target=self._run, name="speech", daemon=True)
        self._thread.start()

    def announce(
        self, replies: Sequence[Reply], settings: VoiceSettings, *, beep_after: bool = False
    ) -> None:
        texts = tuple(self._pronounce(r.speech) for r in replies if r.speech.strip())
        if not texts:
            return
        with self._lock:
            self._generation += 1
            self._pending += 1
            generation = self._generation
            # Set before the worker picks the job up, so no audio slips through half-duplex.
            self.speaking.set()
            self._idle.clear()
        self._speaker.interrupt()
        self._jobs.put(_Job(texts, settings, beep_after, generation))

    def describe(self) -> str:
        """Which voice and which output are used, in French, for the start-up screen."""
        return self._speaker.describe()

    def announce_and_wait(self, replies: Sequence[Reply], settings: VoiceSettings) -> None:
        """For the modes that read one command at a time: the next waits for the voice."""
        self.announce(replies, settings)
        self.wait_until_quiet()

    def interrupt(self) -> None:
        with self._lock:
            self._generation += 1
        self._speaker.interrupt()

    def wait_until_quiet(self, timeout: float | None = None) -> bool:
        return self._idle.wait(timeout)

    def close(self) -> None:
        self.interrupt()
        self._jobs.put(None)
        self._thread.join(timeout=5)
        self._speaker.close()

    def _current(self, generation: int) -> bool:
        with self._lock:
            return generation == self._generation

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            if self._current(job.generation):
                self._speak(job, job.generation)
            with self._lock:
                self._pending -= 1
                if self._pending == 0:
                    self.speaking.clear()
                    self._idle.set()

    def _speak(self, job: _Job, generation: int) -> None:
        if self._failed:
            return
        try:
            for text in job.texts:
                if not self._current(generation) or not self._speaker.say(text, job.settings):
                    return
            if job.beep_after and self._current(generation):
                self._speaker.beep()
        except SpeechUnavailable as problem:
            # The text is already on screen; say once that the voice is gone, then go on silently.
            self._failed = True
            self._on_failure(str(problem))
