"""The French continuation rise: did the voice stop on a falling pitch, or not?

A French statement ends on a falling pitch (final lowering); a pause inside the phrase (before
« s'il vous plaît », between « l'étape » and « quatre ») follows a rising or flat one.
espeak-ng, which makes our test speech, does the same: at the end of a command the last pitch
is a median 3.1 semitones under the highest of its last 200 ms, before a pause inside it 0.6
(scripts/study_rise.py). So when the trailing silence is about to end an utterance, the pitch
of its last voiced 200 ms decides whether to wait a little longer.

The pitch is only estimated on at most 10 windows of 40 ms, once per pause of 140 ms or more
(`EARLY_FRAMES`, asked by the detector), never on every frame. Pure Python; no I/O, no clock.
"""

from __future__ import annotations

import math
import sys
from array import array
from collections import deque
from dataclasses import dataclass

from assistant.audio.frame_measures import FRAME_MS, pitch_hz

EARLY_FRAMES = 7
"""The detector asks for the pitch 140 ms into a pause, 80 ms before the decision needs it:
its ten estimates take about 15 ms of Python, which at the decision itself delayed every reply
(French espeak-ng commands end to end: median 239 -> 257 ms, the same ends in audio time).
Not sooner: by then the recognizer's early text (at 120 ms) says whether the request is
already whole, and then the pitch is not needed at all (CPU over a bare Vosk loop, 30 files:
0.46-0.50 before the pitch, 0.63-0.66 with it read in every pause)."""


@dataclass(frozen=True)
class RiseSettings:
    wait_ms: int = 320
    """The trailing silence needed when the voice did not stop on a fall."""
    window_ms: int = 200
    """The voiced audio looked at, just before the silence."""
    fall_semitones: float = 1.0
    """A fall: the last pitch at least this much under the highest of the window."""
    min_strength: float = 0.6
    """A window's pitch counts when its autocorrelation reaches this (a vowel: 0.6-1)."""


DEFAULT_RISE = RiseSettings()
"""The product's default (GateSettings.rise)."""


class ContinuationCue:
    """Keeps the frames up to the last voiced one; asked once per long pause."""

    def __init__(self, settings: RiseSettings, sample_rate: int) -> None:
        self.settings = settings
        self._sample_rate = sample_rate
        self._windows = max(1, settings.window_ms // FRAME_MS)
        self._frames: deque[bytes] = deque(maxlen=self._windows + 1)
        """The frames up to the last voiced one: windows are two frames long (40 ms)."""
        self._gap: deque[bytes] = deque(maxlen=self._windows + 1)
        """The frames since the last voiced one, in case the voice comes back."""
        self._wait: int | None = None
        """Decided for the current pause; None until asked."""
        self.estimates = 0
        """Pitch estimates made so far (their cost is measured by the benchmark)."""

    def forget(self) -> None:
        self._frames.clear()
        self._gap.clear()
        self._wait = None

    def push(self, frame: bytes, voiced: bool) -> None:
        if voiced:
            self._frames.extend(self._gap)
            self._gap.clear()
            self._frames.append(frame)
            self._wait = None
        else:
            self._gap.append(frame)

    def wait_ms(self) -> int:
        """The trailing silence this pause needs at least: `wait_ms` unless the voice stopped
        on a fall, or its pitch is unknown (fewer than two pitched windows); then 0."""
        if self._wait is None:
            fall = self.fall_semitones()
            rising = fall is not None and fall < self.settings.fall_semitones
            self._wait = self.settings.wait_ms if rising else 0
        return self._wait

    def fall_semitones(self) -> float | None:
        """How far the last pitch is under the highest one of the window, in semitones."""
        frames = list(self._frames)
        pitches = []
        for k in range(max(0, len(frames) - self._windows), len(frames)):
            audio = array("h", b"".join(frames[max(0, k - 1) : k + 1]))
            if sys.byteorder == "big":
                audio.byteswap()
            hz, strength = pitch_hz(audio, self._sample_rate)
            self.estimates += 1
            if hz > 0.0 and strength >= self.settings.min_strength:
                pitches.append(hz)
        if len(pitches) < 2:
            return None
        return 12.0 * math.log2(max(pitches) / pitches[-1])
