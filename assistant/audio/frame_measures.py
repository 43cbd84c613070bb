"""What a 20 ms frame measures: its level, and how much it sounds like a voice (its pitch).

Split from `voice_activity.py`, which decides from them, with the room's rolling median level;
pure Python on int16 mono frames.
"""

from __future__ import annotations

import bisect
import itertools
import math
import operator
import sys
from array import array
from collections import deque
from collections.abc import Sequence

FRAME_MS = 20
"""Every classifier works on 20 ms frames: one of the three sizes the WebRTC VAD accepts."""
FULL_SCALE_SQUARED = 32768.0 * 32768.0
SILENT_DBFS = -120.0
PITCH_HZ = (70.0, 500.0)
"""The range of a speaking voice's pitch, up to a high woman's or a child's voice (espeak-ng's
high French voices reach 450 Hz)."""
PITCH_RATE_HZ = 4000
"""Periodicity is looked for after averaging down to about this rate: the harmonics that carry
the pitch lie below 2 kHz, and it makes the search cheap (about 50 lags of 130 products)."""


def periodicity(samples: array[int], sample_rate: int) -> float:
    """How periodic the audio is at a voice's pitch: the highest normalised autocorrelation
    (0-1) over lags of 70-500 Hz. A vowel gives 0.6-1; a chair scrape, a door or a hiss
    (noise, however loud or modulated) gives much less. Give it 40 ms, so that two periods of
    a low voice fit."""
    step = max(1, round(sample_rate / PITCH_RATE_HZ))
    # Sums of `step` samples: a crude low-pass, enough since only the pitch matters.
    sums = [sum(samples[i : i + step]) for i in range(0, len(samples) - step + 1, step)]
    mean = math.fsum(sums) / max(1, len(sums))
    x = [v - mean for v in sums]
    squares = list(itertools.accumulate((v * v for v in x), initial=0.0))
    n, rate, best = len(x), sample_rate / step, 0.0
    for lag in range(max(1, round(rate / PITCH_HZ[1])), min(round(rate / PITCH_HZ[0]), n // 2) + 1):
        energy = squares[n - lag] * (squares[n] - squares[lag])
        if energy > 0.0:
            best = max(best, sum(map(operator.mul, x, x[lag:])) / math.sqrt(energy))
    return best


def frame_level_dbfs(frame: bytes) -> float:
    """Mean power of int16 little-endian samples, in dB relative to full scale."""
    samples = array("h", frame)
    if sys.byteorder == "big":
        samples.byteswap()
    if not samples:
        return SILENT_DBFS
    power = sum(map(operator.mul, samples, samples)) / len(samples)
    return 10.0 * math.log10(power / FULL_SCALE_SQUARED + 1e-12)


def pitch_hz(samples: Sequence[int], sample_rate: int) -> tuple[float, float]:
    """The voice's pitch (F0, Hz) and how sure it is (normalised autocorrelation, 0-1); (0, 0)
    without any. Averaged down to about 8 kHz (finer than `periodicity`, since here the lag
    itself matters), it takes the shortest lag that is a peak within 15 % of the best one: a
    clean vowel repeats at twice its period too, and that is not half its pitch."""
    step = max(1, round(sample_rate / 8000))
    sums = [sum(samples[i : i + step]) for i in range(0, len(samples) - step + 1, step)]
    mean = math.fsum(sums) / max(1, len(sums))
    x = [v - mean for v in sums]
    squares = list(itertools.accumulate((v * v for v in x), initial=0.0))
    n, rate = len(x), sample_rate / step
    low, high = max(1, round(rate / PITCH_HZ[1])), min(round(rate / PITCH_HZ[0]), n // 2)
    corr = [0.0] * (high + 2)
    for lag in range(low, high + 1):
        energy = squares[n - lag] * (squares[n] - squares[lag])
        if energy > 0.0:
            corr[lag] = sum(map(operator.mul, x, x[lag:])) / math.sqrt(energy)
    best = max(corr)
    if best <= 0.0:
        return 0.0, 0.0
    lag = next(
        k
        for k in range(low, high + 1)
        if corr[k] >= 0.85 * best and corr[k] >= corr[k - 1] and corr[k] >= corr[k + 1]
    )
    # A parabola through the peak and its neighbours: a lag is 1-6 % of a period at 8 kHz.
    a, b, c = corr[lag - 1], corr[lag], corr[lag + 1]
    curve = a - 2 * b + c
    shift = 0.5 * (a - c) / curve if curve < 0.0 else 0.0
    return rate / (lag + shift), b


class RollingMedian:
    """Median of the last `size` values; O(size) per push, fine for 200 values."""

    def __init__(self, size: int) -> None:
        self._size = max(1, size)
        self._order: deque[float] = deque()
        self._sorted: list[float] = []

    def push(self, value: float) -> None:
        self._order.append(value)
        bisect.insort(self._sorted, value)
        if len(self._order) > self._size:
            del self._sorted[bisect.bisect_left(self._sorted, self._order.popleft())]

    def __len__(self) -> int:
        return len(self._order)

    def median(self) -> float | None:
        n = len(self._sorted)
        if n == 0:
            return None
        if n % 2:
            return self._sorted[n // 2]
        return 0.5 * (self._sorted[n // 2 - 1] + self._sorted[n // 2])
