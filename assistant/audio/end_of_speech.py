"""Our own end-of-speech detector.

Vosk 0.3.45 has no endpointer settings and waits for 0.5 s of trailing silence before it
gives a result. A command of two words is over well before that, so we decide ourselves when
the listener has stopped talking, and ask Vosk for its final result at once.

Energy based: each ~20 ms frame is compared with a noise floor that follows the room slowly
while nobody speaks. Pure Python on int16 samples, no I/O, no clock: positions are counted in
audio samples, so the same audio always gives the same events.
"""

from __future__ import annotations

import enum
import math
import operator
import sys
from array import array
from dataclasses import dataclass

FULL_SCALE_SQUARED = 32768.0 * 32768.0
FLOOR_FALL = 0.3
"""How fast the noise floor follows a quieter room (fraction of the gap per frame)."""
FLOOR_RISE = 0.05
"""How fast it follows a louder one; slow, so that a word onset is not taken for noise."""


class SpeechEventKind(str, enum.Enum):
    STARTED = "speech_started"
    ENDED = "speech_ended"


@dataclass(frozen=True)
class SpeechEvent:
    """A boundary of speech, in audio samples counted from the first pushed sample."""

    kind: SpeechEventKind
    sample: int
    """Where the boundary is: the first voiced sample for a start, the end of the last voiced
    frame for an end."""
    detected_sample: int
    """How much audio had been pushed when the detector decided; `detected_sample - sample`
    is the detector's own latency, in audio."""


class EndOfSpeechDetector:
    """Push int16 mono little-endian audio; get speech start and end events back."""

    def __init__(
        self,
        sample_rate: int,
        trailing_silence_ms: int = 220,
        *,
        frame_ms: int = 20,
        start_frames: int = 3,
        start_db: float = 10.0,
        continue_db: float = 6.0,
        min_level_dbfs: float = -55.0,
        max_speech_ms: int = 8000,
    ) -> None:
        """`start_db` above the noise floor starts a voiced frame; once speech has started a
        frame only needs `continue_db`, so that soft word endings are kept (hysteresis).
        `min_level_dbfs` keeps dither in digital silence from counting as speech.
        `max_speech_ms` ends an endless « speech », which is a noise that suddenly began."""
        if sample_rate <= 0:
            raise ValueError("sample_rate must be positive")
        self.sample_rate = sample_rate
        self._frame_samples = max(1, sample_rate * frame_ms // 1000)
        self._end_frames = max(1, math.ceil(trailing_silence_ms / frame_ms))
        self._start_frames = start_frames
        self._start_db = start_db
        self._continue_db = continue_db
        self._min_level = min_level_dbfs
        self._max_speech_frames = max(1, max_speech_ms // frame_ms)
        self.reset()

    def reset(self) -> None:
        """Forget everything, including the noise floor and the sample count."""
        self._pending = b""
        self._position = 0
        self._floor: float | None = None
        self._in_speech = False
        self._voiced_run = 0
        self._silent_run = 0
        self._speech_frames = 0
        self._last_voiced_end = 0

    @property
    def in_speech(self) -> bool:
        return self._in_speech

    @property
    def position(self) -> int:
        """Samples analysed so far."""
        return self._position

    def push(self, chunk: bytes) -> list[SpeechEvent]:
        data = self._pending + chunk
        frame_bytes = self._frame_samples * 2
        whole = len(data) - len(data) % frame_bytes
        self._pending = data[whole:]
        events: list[SpeechEvent] = []
        for offset in range(0, whole, frame_bytes):
            event = self._frame(data[offset : offset + frame_bytes])
            if event is not None:
                events.append(event)
        return events

    def _frame(self, frame: bytes) -> SpeechEvent | None:
        level = frame_level_dbfs(frame)
        start = self._position
        self._position += self._frame_samples
        if self._floor is None:
            self._floor = level
        if not self._in_speech:
            return self._frame_outside_speech(level, start)
        return self._frame_inside_speech(level)

    def _frame_outside_speech(self, level: float, start: int) -> SpeechEvent | None:
        assert self._floor is not None
        if level > max(self._floor + self._start_db, self._min_level):
            self._voiced_run += 1
            if self._voiced_run < self._start_frames:
                return None
            self._in_speech = True
            self._silent_run = 0
            self._speech_frames = self._voiced_run
            self._last_voiced_end = self._position
            first = start - (self._voiced_run - 1) * self._frame_samples
            self._voiced_run = 0
            return SpeechEvent(SpeechEventKind.STARTED, first, self._position)
        self._voiced_run = 0
        rate = FLOOR_FALL if level < self._floor else FLOOR_RISE
        self._floor += (level - self._floor) * rate
        return None

    def _frame_inside_speech(self, level: float) -> SpeechEvent | None:
        assert self._floor is not None
        if level < self._floor:
            self._floor += (level - self._floor) * FLOOR_FALL
        self._speech_frames += 1
        if level > max(self._floor + self._continue_db, self._min_level):
            self._silent_run = 0
            self._last_voiced_end = self._position
        else:
            self._silent_run += 1
        too_long = self._speech_frames >= self._max_speech_frames
        if self._silent_run < self._end_frames and not too_long:
            return None
        self._in_speech = False
        if too_long:
            # What lasts this long is the room, not a command: take it as the new floor.
            self._floor = level
        return SpeechEvent(SpeechEventKind.ENDED, self._last_voiced_end, self._position)


def frame_level_dbfs(frame: bytes) -> float:
    """Mean power of int16 little-endian samples, in dB relative to full scale."""
    samples = array("h", frame)
    if sys.byteorder == "big":
        samples.byteswap()
    if not samples:
        return -120.0
    power = sum(map(operator.mul, samples, samples)) / len(samples)
    return 10.0 * math.log10(power / FULL_SCALE_SQUARED + 1e-12)
