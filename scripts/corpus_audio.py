"""The sounds of the spoken test corpus: espeak-ng speech cut to where the voice is, 16 kHz
mono WAV files, white, pink and babble noise, and mixing at an exact SNR.

Apart from make_test_audio.py, which chooses what to say in which condition and writes the
corpus; the benchmarks and tests that only need a sound import it from here."""

from __future__ import annotations

import functools
import math
import operator
import random
import sys
import wave
from array import array
from collections.abc import Sequence
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:  # run as `python scripts/…`: make `tests` importable
    sys.path.insert(0, str(PROJECT_DIR))

from tests.spoken_audio import speak_to_wav  # noqa: E402

SAMPLE_RATE = 16000
BABBLE_TALKERS = 4


def read_wav(path: Path) -> array[int]:
    with wave.open(str(path), "rb") as handle:
        return array("h", handle.readframes(handle.getnframes()))  # little-endian machines only


def write_wav(path: Path, samples: array[int]) -> None:
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(SAMPLE_RATE)
        handle.writeframes(samples.tobytes())


@functools.lru_cache(maxsize=4)  # a phrase is mixed at several SNRs in a row
def render_speech(text: str, voice: str, speed: int, pitch: int) -> array[int]:
    """Speech with espeak-ng's own silences cut off, so its end is where the voice stops."""
    wav = speak_to_wav(
        text,
        voice=voice,
        speed=speed,
        pitch=pitch,
        rate=SAMPLE_RATE,
        lead_silence_s=0,
        trail_silence_s=0,
    )
    samples = read_wav(wav)
    threshold = max(1, max(map(abs, samples), default=0) // 200)  # -46 dB under the peak
    first = next((i for i, x in enumerate(samples) if abs(x) > threshold), None)
    if first is None:
        raise ValueError(f"espeak-ng n'a rien dit pour « {text} » (voix {voice}).")
    last = next(i for i in range(len(samples) - 1, -1, -1) if abs(samples[i]) > threshold)
    return samples[first : last + 1]


def mix_at_snr(
    speech: Sequence[float],
    noise: Sequence[float],
    snr_db: float,
    span: tuple[int, int] | None = None,
) -> array[int]:
    """Add `noise` scaled so that speech/noise power over `span` (default: all) is `snr_db`.

    The sum is scaled down as a whole when it would clip: that keeps the ratio exact.
    """
    if len(speech) != len(noise):
        raise ValueError("speech and noise must have the same length")
    lo, hi = span if span is not None else (0, len(speech))
    speech_power = _energy(speech[lo:hi])
    noise_power = _energy(noise[lo:hi])
    if speech_power == 0 or noise_power == 0:
        raise ValueError("speech and noise must not be silent over the span")
    gain = math.sqrt(speech_power / noise_power / 10 ** (snr_db / 10))
    mixed = list(map(operator.add, speech, map(gain.__mul__, noise)))
    scale = min(1.0, 32767 / max(max(mixed), -min(mixed)))
    return array("h", map(round, map(scale.__mul__, mixed)))


def _energy(samples: Sequence[float]) -> float:
    return float(sum(map(operator.mul, samples, samples)))


def white_noise(rng: random.Random, n: int) -> array[int]:
    """Uniform rather than Gaussian: the spectrum is what masks speech, and this is 10× faster."""
    return array("h", rng.randbytes(2 * n))


def pink_noise(rng: random.Random, n: int) -> array[float]:
    """Paul Kellet's economy filter: close enough to 1/f for masking speech."""
    b0 = b1 = b2 = 0.0
    out = array("d", bytes(8 * n))
    for i, w in enumerate(white_noise(rng, n)):
        b0 = 0.99765 * b0 + w * 0.0990460
        b1 = 0.96300 * b1 + w * 0.2965164
        b2 = 0.57000 * b2 + w * 1.0526913
        out[i] = b0 + b1 + b2 + w * 0.1848
    return out


def babble(rng: random.Random, n: int, pool: Sequence[array[int]]) -> array[float]:
    """Several talkers, each chaining random sentences from a random offset, all at once."""
    tracks = []
    for _ in range(BABBLE_TALKERS):
        track = array("h")
        start = rng.randrange(SAMPLE_RATE)
        while len(track) < start + n:
            track.extend(rng.choice(pool))
            track.extend(bytes(2 * rng.randrange(SAMPLE_RATE // 4)))
        tracks.append(track[start : start + n])
    return array("d", map(sum, zip(*tracks, strict=True)))
