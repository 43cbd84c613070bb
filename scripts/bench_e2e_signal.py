"""Reading an end-to-end session off its recording: where each command was played, and when
the assistant's reply began.

Everything here counts samples of the sink monitor's recording, never the wall clock: the
sound server's clock is the one the person hears. Pure functions over int16 sequences, so the
benchmark and the test read the recording the same way.
"""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass

from bench_audio import AUDIBLE, RATE

HOP = 80
"""5 ms: the coarse search compares loudness envelopes at this step."""
WINDOW = 400
"""25 ms of loudness per envelope value."""
FINE_SPAN = 4000
"""Samples of the command compared one by one around the coarse match (0.25 s of speech)."""
MIN_MATCH = 0.8
"""Normalised correlation under this: the command is not found in the recording."""
REPLY_GAP_S = 1.5
"""Quiet longer than this ends a reply: a second burst after it is a second reply. With 0.7 s,
about 1 session in 2 of 40 commands saw a pause that long inside a reply (between its
sentences, on a loaded machine): the next command was then played over the reply's end."""


@dataclass(frozen=True)
class Located:
    start: int
    """Recording sample where the WAV's first sample landed."""
    score: float
    """Normalised cross-correlation at that offset, 1.0 for an exact copy."""


def _envelope(samples: Sequence[int], lo: int, hi: int) -> list[float]:
    """Loudness every HOP samples over a window of WINDOW: wide enough to be smooth across
    pitch periods, so a match that falls between two hops still scores high."""
    lo, hi = max(0, lo), max(0, min(hi, len(samples)))
    sums = list(itertools.accumulate(map(abs, samples[lo : hi + WINDOW]), initial=0))
    last = len(sums) - 1
    return [float(sums[min(i + WINDOW, last)] - sums[i]) for i in range(0, hi - lo, HOP)]


def _correlation(a: Sequence[float], b: Sequence[float]) -> float:
    energy = math.sqrt(math.fsum(map(operator.mul, a, a)) * math.fsum(map(operator.mul, b, b)))
    return math.fsum(map(operator.mul, a, b)) / energy if energy else 0.0


def locate(recording: Sequence[int], wav: Sequence[int], lo: int, hi: int) -> Located | None:
    """Where `wav` starts in `recording`, searched for between samples `lo` and `hi`.

    Two steps keep it cheap in pure Python: loudness envelopes at 5 ms find the offset to within
    a hop, then the samples themselves, over the first quarter second of speech, pin it down.
    """
    loud = [i for i, x in enumerate(wav) if abs(x) > AUDIBLE]
    if not loud:
        return None
    # Only the voice is compared: the reply may already sound during the WAV's silent tail.
    voiced, last = loud[0], loud[-1] + 1
    lo, hi = max(0, lo), min(hi, len(recording) - len(wav))
    if hi <= lo:
        return None
    wav_env = _envelope(wav, voiced, last)
    rec_env = _envelope(recording, lo + voiced, hi + last)
    best_hop = max(
        range(len(rec_env) - len(wav_env) + 1),
        key=lambda k: _correlation(wav_env, rec_env[k : k + len(wav_env)]),
        default=None,
    )
    if best_hop is None:
        return None
    coarse = lo + best_hop * HOP
    piece = [float(x) for x in wav[voiced : voiced + FINE_SPAN]]
    candidates = range(max(lo, coarse - 2 * HOP), min(hi, coarse + 2 * HOP) + 1)
    scored = [
        (_correlation(piece, recording[s + voiced : s + voiced + len(piece)]), s)
        for s in candidates
    ]
    score, start = max(scored, default=(0.0, coarse))
    return Located(start, score) if score >= MIN_MATCH else None


def residual(
    recording: Sequence[int], wav: Sequence[int], start: int, lo: int, hi: int
) -> list[float]:
    """The recording minus the played command (scaled by least squares), over [lo, hi):
    what is left is the assistant's voice, even when the command itself carried noise."""
    overlap = recording[start : start + len(wav)]
    gain = math.fsum(map(operator.mul, overlap, wav)) / (
        math.fsum(map(operator.mul, wav, wav)) or 1.0
    )
    out: list[float] = []
    for i in range(max(0, lo), min(hi, len(recording))):
        j = i - start
        played = wav[j] if 0 <= j < len(wav) else 0
        out.append(recording[i] - gain * played)
    return out


def bursts(signal: Sequence[float], gap_s: float = REPLY_GAP_S) -> list[tuple[int, int]]:
    """(first, last) audible sample of each burst; bursts closer than `gap_s` are merged."""
    gap = round(gap_s * RATE)
    found: list[tuple[int, int]] = []
    for i, x in enumerate(signal):
        if abs(x) <= AUDIBLE:
            continue
        if found and i - found[-1][1] <= gap:
            found[-1] = (found[-1][0], i)
        else:
            found.append((i, i))
    return found


@dataclass(frozen=True)
class Played:
    """One command sent to the sink."""

    samples: Sequence[int]
    speech_end: int
    """First sample after the voice, inside the WAV."""
    sent: int
    """Recording length when it was sent; it lands a little later."""
    returned: int
    """Recording length when the player had finished: it lies between the two."""


@dataclass(frozen=True)
class Heard:
    """One command as the recording shows it."""

    speech_end: int
    """Recording sample where the played voice stopped."""
    replies: list[tuple[int, int]]
    """Bursts of the assistant's voice from the command's start up to the next command,
    as recording samples."""
    score: float
    intact: bool
    """The end of the voice lies where its start says: false when the sound server stretched
    or cut the command on the way, so that its speech end is unsure."""

    @property
    def latency_ms(self) -> float | None:
        """End of speech → first sample of the first reply, or None without a reply."""
        if not self.replies:
            return None
        return 1000 * (self.replies[0][0] - self.speech_end) / RATE

    @property
    def early(self) -> bool:
        """A reply began before the command had ended: it answered a part of it."""
        return bool(self.replies) and self.replies[0][0] < self.speech_end


def _intact(recording: Sequence[int], command: Played, start: int) -> bool:
    """Finds the last half second of the voice on its own; an added reply does not move the
    match, a gap or a skip in the playback does."""
    first = max(0, command.speech_end - 2 * FINE_SPAN)
    expected = start + first
    tail = locate(
        recording, command.samples[first : command.speech_end], expected - HOP, expected + HOP
    )
    return tail is not None and abs(tail.start - expected) <= 2


def read_session(recording: Sequence[int], played: Sequence[Played]) -> list[Heard | None]:
    """None for a command that cannot be found in the recording (lost by the sound server)."""
    found = [
        locate(recording, c.samples, c.sent - RATE // 4, c.returned + RATE // 4) for c in played
    ]
    heard: list[Heard | None] = []
    for k, (command, where) in enumerate(zip(played, found, strict=True)):
        if where is None:
            heard.append(None)
            continue
        following = next((f.start for f in found[k + 1 :] if f is not None), len(recording))
        voice = residual(recording, command.samples, where.start, where.start, following)
        replies = [(where.start + a, where.start + b) for a, b in bursts(voice)]
        intact = _intact(recording, command, where.start)
        heard.append(Heard(where.start + command.speech_end, replies, where.score, intact))
    return heard
