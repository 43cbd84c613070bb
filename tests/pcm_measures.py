"""Measures on PCM sound for the playback tests: loudness span, envelope, correlation, a
tone, zero crossings. Shared by test_playback.py and test_pcm.py."""

from __future__ import annotations

import itertools
import math
from array import array

from assistant.audio.playback import Pcm

LOUD = 500
"""A sample above this (of 32767) is sound; the null sink's silence is exactly 0."""


def loud_span_s(pcm: Pcm) -> float:
    """Seconds from the first to the last loud sample."""
    loud = [i for i, sample in enumerate(array("h", pcm.data)) if abs(sample) > LOUD]
    return (loud[-1] - loud[0]) / pcm.sample_rate if loud else 0.0


def loud_part(pcm: Pcm) -> Pcm:
    samples = array("h", pcm.data)
    loud = [i for i, sample in enumerate(samples) if abs(sample) > LOUD]
    return Pcm(samples[loud[0] : loud[-1] + 1].tobytes(), pcm.sample_rate) if loud else pcm


def envelope(pcm: Pcm, window_s: float = 0.02, hop_s: float = 0.005) -> list[float]:
    """Mean absolute amplitude in overlapping windows: compares sounds across sample rates."""
    samples = array("h", pcm.data)
    size, hop = round(window_s * pcm.sample_rate), round(hop_s * pcm.sample_rate)
    return [
        sum(abs(s) for s in samples[i : i + size]) / size
        for i in range(0, len(samples) - size, hop)
    ]


def best_correlation(reference: list[float], recording: list[float]) -> float:
    """Highest Pearson correlation of `reference` against `recording` delayed by up to 200
    steps (1 s with the default envelope)."""

    def pearson(a: list[float], b: list[float]) -> float:
        mean_a, mean_b = sum(a) / len(a), sum(b) / len(b)
        cov = sum((x - mean_a) * (y - mean_b) for x, y in zip(a, b, strict=True))
        var = sum((x - mean_a) ** 2 for x in a) * sum((y - mean_b) ** 2 for y in b)
        return cov / math.sqrt(var) if var else 0.0

    n = len(reference)
    padded = recording + [0.0] * n
    return max(pearson(reference, padded[lag : lag + n]) for lag in range(min(200, len(recording))))


def tone(seconds: float, rate: int = 22050, hz: float = 440.0) -> Pcm:
    count = round(seconds * rate)
    wave = array("h", (round(8000 * math.sin(2 * math.pi * hz * i / rate)) for i in range(count)))
    return Pcm(wave.tobytes(), rate)


def crossings_per_second(pcm: Pcm) -> float:
    samples = array("h", pcm.data)
    flips = sum(1 for a, b in itertools.pairwise(samples) if (a < 0) != (b < 0))
    return flips / 2 / pcm.duration_s
