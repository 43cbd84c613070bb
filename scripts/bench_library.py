"""The end-of-speech corpus: French commands in white, pink and talker babble, and a library.

Reproducible from a seed, built in memory. Speech comes from make_test_audio (espeak-ng, its
own silences cut off, so the true end of speech is exact); every command is brought to
-20 dBFS and gets 1 s of room before it (the detector is always listening in a real room) and
1.5 s after. « library »: 4 to 6 espeak-ng voices reading other sentences at once, each at
-6..0 dB, softened by distance (low-pass at 3.5 kHz), 10 dB under the speaker, plus door
thumps and chair scrapes (about 9 a minute, up to the speaker's own level).
"""

from __future__ import annotations

import math
import random
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from corpus_audio import SAMPLE_RATE, mix_at_snr, pink_noise, render_speech, white_noise
from make_test_audio import UTTERANCES_TSV, read_utterances

LEAD = SAMPLE_RATE
TRAIL = int(1.5 * SAMPLE_RATE)
SPEECH_RMS = 3277.0
"""-20 dBFS over the spoken part."""
VOICES = ("fr", "fr-be", "fr-ch", "fr+f3", "fr-ch+m3")
TALKER_RMS = 3000.0
LIBRARY_SNR = 10.0
TRANSIENTS_PER_S = 9 / 60
SNRS = (20.0, 10.0, 5.0, 0.0)
CONDITIONS = (
    "propre",
    *(f"{kind}{snr:g}" for kind in ("blanc", "rose", "brouhaha") for snr in SNRS),
    "bibliotheque",
)
"""propre = clean; blanc/rose = white/pink noise; brouhaha = 4 talkers; then the library."""


@dataclass(frozen=True)
class Command:
    condition: str
    text: str
    audio: bytes
    start: int
    """First sample of speech."""
    end: int
    """First sample after the speech."""


def command_texts(count: int, seed: int) -> list[str]:
    rows = read_utterances(UTTERANCES_TSV)
    kinds = ("phrase", "synonym", "politeness", "near_miss")
    texts = sorted({u.text for u in rows if u.category in kinds})
    return sorted(random.Random(f"{seed}|commands").sample(texts, min(count, len(texts))))


def talker_pool(seed: int, size: int = 24) -> list[array[int]]:
    """Out-of-scope sentences in random French voices, all at the same level."""
    rows = read_utterances(UTTERANCES_TSV)
    chatter = sorted({u.text for u in rows if u.category == "out_of_scope"})
    rng = random.Random(f"{seed}|talkers")
    pool = []
    for text in rng.sample(chatter, min(size, len(chatter))):
        clip = render_speech(text, *_voice(rng))
        pool.append(_scaled(clip, TALKER_RMS))
    return pool


def _voice(rng: random.Random) -> tuple[str, int, int]:
    return rng.choice(VOICES), rng.randint(130, 200), rng.randint(30, 70)


def _rms(samples: Sequence[float]) -> float:
    return math.sqrt(math.fsum(x * x for x in samples) / max(1, len(samples)))


def _scaled(samples: Sequence[float], rms: float) -> array[int]:
    gain = rms / max(1e-9, _rms(samples))
    return array("h", (max(-32768, min(32767, round(x * gain))) for x in samples))


def _talker(rng: random.Random, n: int, pool: Sequence[array[int]]) -> list[float]:
    track: list[float] = []
    start = rng.randrange(SAMPLE_RATE)
    while len(track) < start + n:
        track.extend(rng.choice(pool))
        track.extend([0.0] * rng.randrange(SAMPLE_RATE // 4))
    return track[start : start + n]


def talkers(rng: random.Random, n: int, pool: Sequence[array[int]], count: int) -> list[float]:
    tracks = [_talker(rng, n, pool) for _ in range(count)]
    return [sum(frame) for frame in zip(*tracks, strict=True)]


def _low_pass(samples: Sequence[float], cutoff_hz: float) -> list[float]:
    """One pole: enough to soften distant voices or shape a thump."""
    a = 1.0 - math.exp(-2 * math.pi * cutoff_hz / SAMPLE_RATE)
    out, y = [], 0.0
    for x in samples:
        y += a * (x - y)
        out.append(y)
    return out


def _biquad(samples: Sequence[float], cutoff_hz: float, high: bool) -> list[float]:
    """Second-order Butterworth low- or high-pass (RBJ cookbook, Q = 1/√2)."""
    w = 2 * math.pi * cutoff_hz / SAMPLE_RATE
    alpha = math.sin(w) / math.sqrt(2)
    cos = math.cos(w)
    b1 = -(1 + cos) if high else 1 - cos
    b0 = b2 = -b1 / 2
    a0, a1, a2 = 1 + alpha, -2 * cos, 1 - alpha
    b0, b1, b2, a1, a2 = b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0
    out, x1, x2, y1, y2 = [], 0.0, 0.0, 0.0, 0.0
    for x in samples:
        y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
        x1, x2, y1, y2 = x, x1, y, y1
        out.append(y)
    return out


def library_babble(rng: random.Random, n: int, pool: Sequence[array[int]]) -> list[float]:
    """4-6 distant talkers at -6..0 dB each."""
    tracks = [
        [x * 10 ** (rng.uniform(-6, 0) / 20) for x in _talker(rng, n, pool)]
        for _ in range(rng.randint(4, 6))
    ]
    return _low_pass([sum(frame) for frame in zip(*tracks, strict=True)], 3500.0)


def _transient(rng: random.Random) -> list[float]:
    """A door thump (low-passed burst, 60-200 ms) or a chair scrape (band-passed, 100-400 ms)."""
    if rng.random() < 0.5:
        n = int(SAMPLE_RATE * rng.uniform(0.06, 0.2))
        burst = _biquad([rng.gauss(0, 1) for _ in range(n)], rng.uniform(150, 400), high=False)
        shaped = [x * math.exp(-i / (n / 4)) for i, x in enumerate(burst)]
    else:
        n = int(SAMPLE_RATE * rng.uniform(0.1, 0.4))
        low, high = rng.uniform(300, 800), rng.uniform(2000, 4000)
        noise = [rng.gauss(0, 1) for _ in range(n)]
        band = _biquad(_biquad(noise, low, high=True), high, high=False)
        rate = rng.uniform(8, 25)
        shaped = [
            x
            * math.sin(math.pi * i / n)
            * (0.6 + 0.4 * math.sin(2 * math.pi * rate * i / SAMPLE_RATE))
            for i, x in enumerate(band)
        ]
    rms = _rms(shaped)
    return [x / rms for x in shaped]


def add_transients(rng: random.Random, audio: list[float]) -> int:
    """In place, at the speaker's level minus 0-12 dB; returns how many were added."""
    count = 0
    at = rng.expovariate(TRANSIENTS_PER_S)
    while at * SAMPLE_RATE < len(audio):
        gain = SPEECH_RMS * 10 ** (-rng.uniform(0, 12) / 20)
        first = int(at * SAMPLE_RATE)
        for i, x in enumerate(_transient(rng)[: len(audio) - first]):
            audio[first + i] += gain * x
        count += 1
        at += rng.expovariate(TRANSIENTS_PER_S)
    return count


def _int16(audio: Sequence[float]) -> bytes:
    peak = max(1.0, max(map(abs, audio)))
    scale = min(1.0, 32767 / peak)
    return array("h", (round(x * scale) for x in audio)).tobytes()


def command_voice(condition: str, text: str, seed: int) -> tuple[str, int, int]:
    """The espeak-ng voice, speed and pitch of a command: the same at every SNR."""
    kind = condition.rstrip("0123456789")
    return _voice(random.Random(f"{seed}|voice|{kind}|{text}"))


def make_command(
    condition: str, index: int, text: str, seed: int, pool: Sequence[array[int]]
) -> Command:
    kind = condition.rstrip("0123456789")
    speech = _scaled(render_speech(text, *command_voice(condition, text, seed)), SPEECH_RMS)
    n = LEAD + len(speech) + TRAIL
    padded = array("h", bytes(2 * LEAD)) + speech + array("h", bytes(2 * TRAIL))
    span = (LEAD, LEAD + len(speech))
    rng = random.Random(f"{seed}|{condition}|{index}")
    if kind == "propre":
        return Command(condition, text, padded.tobytes(), *span)
    if kind == "bibliotheque":
        noise: Sequence[float] = library_babble(rng, n, pool)
        snr = LIBRARY_SNR
    else:
        snr = float(condition[len(kind) :])
        if kind == "blanc":
            noise = white_noise(rng, n)
        elif kind == "rose":
            noise = pink_noise(rng, n)
        else:
            noise = talkers(rng, n, pool, 4)
    mixed = [float(x) for x in mix_at_snr(padded, noise, snr, span)]
    if kind == "bibliotheque":
        add_transients(rng, mixed)
    return Command(condition, text, _int16(mixed), *span)


def speechless_library(
    seconds: float, seed: int, pool: Sequence[array[int]], *, doors: bool = True
) -> bytes:
    """The library with nobody near the microphone, at the level it has under a speaker;
    `doors=False` leaves out the doors and chairs."""
    rng = random.Random(f"{seed}|speechless")
    noise = library_babble(rng, round(seconds * SAMPLE_RATE), pool)
    gain = SPEECH_RMS * 10 ** (-LIBRARY_SNR / 20) / _rms(noise)
    scaled = [x * gain for x in noise]
    if doors:
        add_transients(rng, scaled)
    return _int16(scaled)
