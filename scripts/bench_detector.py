"""Our end-of-speech detector alone, on every file of the spoken corpus, in audio time.

It decides when a result comes out whatever the model, so these figures hold even without the
French model. Per file, with the recognizer's own settings and the microphone's chunks:
- cut: it declared the end while the sentence was still going on (a pause or a soft syllable
  under the noise): the product would act on half a command;
- unheard: it never noticed that speech had started (the noise is as loud as the voice);
- late: speech noticed, but no end declared within the 0.8 s after the sentence (background
  talk or noise bursts keep it « in speech »);
- delay: from the true end of speech to its decision.

A fresh detector per file, with only 0.3 s of room before the voice: the first command after
start-up. The gated WebRTC detector needs to have heard the room (0.5 s was enough in babble),
so at 10 dB it misses more here than in section 5 (scripts/bench_detectors.py), whose files
have 1 s of room before the voice, as when the assistant has been listening for a while.
"""

from __future__ import annotations

import wave
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from bench_common import CHUNK_SECONDS, SAMPLE_RATE, Figure, Section, Target, median, percentile
from bench_speech import condition_name
from make_test_audio import LEAD_SAMPLES, Condition, SpokenSample

from assistant.audio.end_of_speech import EndOfSpeechDetector, SpeechEvent, SpeechEventKind
from assistant.settings import RecognizerSettings

MS = SAMPLE_RATE / 1000
CHUNK_SAMPLES = round(SAMPLE_RATE * CHUNK_SECONDS)
FINE_CHUNK_SAMPLES = round(SAMPLE_RATE * 0.02)
"""One detector frame: decisions fall on frame edges, so frames are never cut differently."""


@dataclass
class Tally:
    files: int = 0
    cut: list[str] = field(default_factory=list)
    unheard: int = 0
    late: int = 0
    delays_ms: list[float] = field(default_factory=list)
    answers_ms: list[float] = field(default_factory=list)
    """From the end of speech to the end of the chunk where the detector decided: when the
    recognizer's result comes out (tests/test_latency_guards.py holds it to that)."""
    answers_fine_ms: list[float] = field(default_factory=list)
    """The same with FINE_CHUNK_SAMPLES chunks: what a smaller microphone block would give."""

    def share(self, count: int) -> float:
        return 100 * count / self.files if self.files else 0.0

    def line(self) -> str:
        delay = median(self.delays_ms)
        shown = "—" if delay is None else f"{delay:.0f} ms"
        return (
            f"coupées {self.share(len(self.cut)):4.1f} %, pas entendues "
            f"{self.share(self.unheard):4.1f} %, fin pas vue en 0,8 s "
            f"{self.share(self.late):4.1f} %, délai médian {shown} ({self.files} fichiers)"
        )

    def add(self, sample: SpokenSample, events: list[SpeechEvent]) -> None:
        self.files += 1
        end = sample.speech_end_sample
        ends = [e.detected_sample for e in events if e.kind is SpeechEventKind.ENDED]
        if not any(e.kind is SpeechEventKind.STARTED and e.sample < end for e in events):
            self.unheard += 1
            return
        if any(LEAD_SAMPLES < decided < end for decided in ends):
            self.cut.append(f"{sample.path.name} « {sample.text} »")
        after = [decided for decided in ends if decided >= end]
        if after:
            self.delays_ms.append((after[0] - end) / MS)
            chunk_end = -(-after[0] // CHUNK_SAMPLES) * CHUNK_SAMPLES
            self.answers_ms.append((chunk_end - end) / MS)
            fine_end = -(-after[0] // FINE_CHUNK_SAMPLES) * FINE_CHUNK_SAMPLES
            self.answers_fine_ms.append((fine_end - end) / MS)
        else:
            self.late += 1


def _events(sample: SpokenSample, trailing_silence_ms: int) -> list[SpeechEvent]:
    detector = EndOfSpeechDetector(SAMPLE_RATE, trailing_silence_ms)
    step = CHUNK_SAMPLES * 2
    with wave.open(str(sample.path), "rb") as wav:
        data = wav.readframes(wav.getnframes())
    return [
        e
        for offset in range(0, len(data), step)
        for e in detector.push(data[offset : offset + step])
    ]


def _other_trailing(samples: Sequence[SpokenSample], current: int) -> str:
    """The trade-off the setting makes: fewer cut commands against a later answer."""
    shown = []
    for trailing in (current + 80, current + 180):
        tally = Tally()
        for sample in samples:
            tally.add(sample, _events(sample, trailing))
        delay = median(tally.delays_ms)
        shown.append(
            f"{trailing} ms → coupées {tally.share(len(tally.cut)):.1f} %, "
            f"fin pas vue {tally.share(tally.late):.1f} %, "
            f"délai médian {'—' if delay is None else f'{delay:.0f} ms'}"
        )
    return " ; ".join(shown)


def run(section: Section, samples: Sequence[SpokenSample]) -> None:
    trailing = RecognizerSettings().trailing_silence_ms
    tallies: dict[str, Tally] = defaultdict(Tally)
    for sample in samples:
        events = _events(sample, trailing)
        tallies["tout"].add(sample, events)
        tallies[condition_name(sample.condition)].add(sample, events)
    every = tallies.pop("tout", Tally())
    if not every.files:
        return
    for label, count, key in (
        (
            "détecteur seul : phrases coupées / detector alone: commands cut",
            len(every.cut),
            "detector_cut_pct",
        ),
        (
            "détecteur seul : parole pas entendue / speech never detected",
            every.unheard,
            "detector_unheard_pct",
        ),
        (
            "détecteur seul : fin pas vue en 0,8 s / end not seen within 0.8 s",
            every.late,
            "detector_late_pct",
        ),
    ):
        section.add(Figure(label, every.share(count), f"% de {every.files} fichiers", key=key))
    section.add(
        Figure(
            "détecteur seul : délai de décision / decision delay",
            median(every.delays_ms),
            "ms d'audio, médiane",
            Target("<=", 300),
            key="detector_delay_ms_median",
        )
    )
    section.add(
        Figure(
            "  idem, 95e centile / same, p95",
            percentile(every.delays_ms, 0.95),
            "ms d'audio",
            key="detector_delay_ms_p95",
        )
    )
    clean = tallies.get(condition_name(Condition("fr", 0, 0, None, None)), Tally())
    section.add(
        Figure(
            "fin de parole → résultat, parole propre / end of speech → result, clean",
            median(clean.answers_ms),
            "ms d'audio, médiane",
            Target("<=", 300),
            key="answer_clean_ms_median",
        )
    )
    section.add(
        Figure(
            "  idem, micro par blocs de 20 ms / same, 20 ms microphone chunks",
            median(clean.answers_fine_ms),
            "ms d'audio, médiane",
            key="answer_clean_20ms_chunks_ms_median",
        )
    )
    for name, tally in sorted(tallies.items()):
        section.note(f"détecteur, {name:<16} {tally.line()}")
    if every.cut:
        section.note("Coupées, par exemple : " + " ; ".join(every.cut[:6]))
        section.note(
            "Autres silences finaux (tout le corpus) : " + _other_trailing(samples, trailing)
        )
    section.details["detector"] = {
        name: {
            "files": t.files,
            "cut": len(t.cut),
            "unheard": t.unheard,
            "late": t.late,
            "delay_ms_median": median(t.delays_ms),
        }
        for name, t in tallies.items()
    }
