"""Study (issue 13): the commands cut in two, with an ideal recognizer behind the detector.

bench_detectors counts the commands the end-of-speech detector alone cuts in two. The product
also waits 600 ms instead of 220 when Vosk's early text (after 120 ms of silence) only opens
longer phrases (« mes… », listening/unfinished.py). Without a French model, Vosk is replaced by
an IDEAL recognizer: the words spoken in the audio it heard, up to the pause (each word whose
voice began before the detector's last voiced frame; timed by libespeak-ng, espeak_words.py),
as the grammar writes them, others as « [unk] ». On bench_detectors' corpus (720 commands a
seed), for the end rule « avant » (GateSettings(hold_below_db=None, quiet_snr_db=None)) and
« nouvelle » (the default: weak frames hold, quiet speakers wait 240 ms):
- « seul »: the detector alone (the new rule checked equal to bench_detectors.detect);
- « idéal »: the product's CommandRecognizer (preroll, early result, UnfinishedWait with the
  Ameli memo's phrases and voice_setup's `complete` rule) over the ideal recognizer; with the
  longer wait off it must give the detector's very events, checked on every command.
A cut left is « dans un mot » when the voice resumes inside the word holding the cut, else by
the text before it: « ouvre, pause trop longue » (waited 600 ms), « début complet » (opens a
longer phrase but is one or is understood alone: no wait), « n'ouvre rien ». Real Vosk may
hear less; people pause longer and elsewhere: this is what the wait removes at best.
Figures: README, « Entendre la fin de la parole dans une médiathèque bruyante ».

    python scripts/study_oracle_cuts.py [--graines 13 1301 1302 1303] [--bibliotheque 200]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import bench_detectors
import bench_library as library
from bench_common import AMELI, SAMPLE_RATE, median, percentile
from espeak_words import Word, spoken_words

from assistant.audio.end_of_speech import EndOfSpeechDetector, SpeechEvent, SpeechEventKind
from assistant.audio.voice_activity import GatedVoiceClassifier, GateSettings, webrtc_speech
from assistant.conversation.commands import CommandName
from assistant.conversation.understanding import Understanding
from assistant.guides.loader import load_guide
from assistant.listening.recognizer import PREROLL_SECONDS, UNKNOWN_TOKENS, CommandRecognizer
from assistant.settings import DetectorKind, RecognizerSettings

WEBRTC, WAIT_MS = DetectorKind.WEBRTC, RecognizerSettings().unfinished_wait_ms

MS = SAMPLE_RATE / 1000
PREROLL = round(PREROLL_SECONDS * SAMPLE_RATE)
RULES = {"avant": GateSettings(hold_below_db=None, quiet_snr_db=None), "nouvelle": GateSettings()}
VARIANTS = ("seul", "idéal")
KINDS = ("n'ouvre rien", "début complet", "dans un mot", "ouvre, pause trop longue")


def heard_before(
    words: Sequence[Word], grammar: Sequence[str], begin: int, pause: int
) -> list[str]:
    """The ideal text of the audio from `begin`, paused at `pause`: each word whose voice began
    before the pause and ended after `begin`; a word outside the grammar as « [unk] »."""
    known = set(grammar)
    heard = []
    for w in (w for w in words if w.start < pause and w.end > begin):
        parts = w.text.split("-")  # « vingt-trois » is written « vingt trois » in the grammar
        if w.text not in known and all(part in known for part in parts):
            heard += parts
        else:
            heard.append(w.text if w.text in known else UNKNOWN_TOKENS[0])
    return heard


class _AllKnowing:
    """The model's lexicon as seen by CommandRecognizer: every word known, none split."""

    def vosk_model_find_word(self, word: str) -> int:
        return 0


class RecordingDetector(EndOfSpeechDetector):
    """The WebRTC detector with the end rule `gate`, keeping its events."""

    def __init__(self, gate: GateSettings) -> None:
        vad = GatedVoiceClassifier(webrtc_speech(SAMPLE_RATE), gate, SAMPLE_RATE)
        super().__init__(SAMPLE_RATE, RecognizerSettings().trailing_silence_ms, classifier=vad)
        self.events: list[SpeechEvent] = []

    def push(self, chunk: bytes) -> list[SpeechEvent]:
        found = super().push(chunk)
        self.events += found
        return found


def feed(push: Callable[[bytes], object], audio: bytes) -> None:
    for at in range(0, len(audio), 2 * bench_detectors.CHUNK):
        push(audio[at : at + 2 * bench_detectors.CHUNK])


class IdealKaldi:
    """In place of Vosk: the words spoken in what it heard, up to the last voiced frame."""

    def __init__(self, recognizer: OracleRecognizer) -> None:
        self._recognizer = recognizer
        self._heard = 0

    def AcceptWaveform(self, chunk: bytes) -> bool:
        self._heard += len(chunk) // 2
        return False

    def FinalResult(self) -> str:
        r = self._recognizer
        pause = min(r._position, r._detector.last_voiced_end)
        words = heard_before(r.spoken, r.grammar_words, r._position - self._heard, pause)
        self._heard = 0
        result = [{"word": w, "conf": 1.0} for w in words]
        return json.dumps({"text": " ".join(words), "result": result}, ensure_ascii=False)


class OracleRecognizer(CommandRecognizer):
    """The product's recognizer with the ideal recognizer behind it."""

    def __init__(
        self, words: Sequence[Word], understanding: Understanding, wait_ms: int, gate: GateSettings
    ) -> None:
        self.spoken = tuple(words)
        self.complete: Callable[[str], bool] = lambda text: (
            understanding.understand(text).name is not CommandName.NOT_UNDERSTOOD
        )
        super().__init__(  # as frontends/voice_setup.build_recognizer does
            _AllKnowing(),
            understanding.listening_phrases(),
            SAMPLE_RATE,
            RecognizerSettings(unfinished_wait_ms=wait_ms),
            understanding.listening_words(),
            complete=self.complete,
        )
        self._detector = self.detector = RecordingDetector(gate)
        split = [p.split() for p in self.phrases]  # openings of longer phrases, phrases or not:
        self.openings = {" ".join(w[:n]) for w in split for n in range(1, len(w))}

    def _new_kaldi(self) -> Any:
        return IdealKaldi(self)

    def run(self, audio: bytes) -> list[SpeechEvent]:
        feed(self.feed, audio)
        return self.detector.events

    def kind_of(self, heard: str, inside: bool) -> str:
        if inside:
            return KINDS[2]
        if self._waits.unfinished(heard):
            return KINDS[3]
        return KINDS[1] if heard in self.openings else KINDS[0]


@dataclass(frozen=True)
class Cut:
    condition: str
    text: str
    heard: str
    """The ideal early text before the pause where the command was cut."""
    gap_ms: float | None
    """From that last voice to the next start the detector saw (None: it saw none)."""
    kind: str
    complete: bool  # the text before the pause is understood alone


def describe(
    events: Sequence[SpeechEvent], command: library.Command, oracle: OracleRecognizer
) -> Cut:
    ends = [e for e in events if e.kind is SpeechEventKind.ENDED and command.start < e.sample]
    at = next(e.sample for e in ends if e.detected_sample < command.end)
    # Vosk hears an utterance from PREROLL before the chunk where its start was found.
    found = max(
        (e.detected_sample for e in events if e.kind is SpeechEventKind.STARTED and e.sample < at),
        default=0,
    )
    heard = " ".join(heard_before(oracle.spoken, oracle.grammar_words, found - PREROLL, at))
    resumed = min(
        (e.sample for e in events if e.kind is SpeechEventKind.STARTED and e.sample >= at),
        default=None,
    )
    # A word's span runs to the next phoneme: a stop's closure (« étape | trois ») is its own.
    holder = next((w for w in oracle.spoken if w.start <= at < w.end), None)
    inside = holder is not None and resumed is not None and resumed < holder.end
    gap = None if resumed is None else (resumed - at) / MS
    kind = oracle.kind_of(heard, inside)
    return Cut(command.condition, command.text, heard, gap, kind, oracle.complete(heard))


@dataclass
class Outcome:
    condition: str
    text: str
    tallies: dict[tuple[str, str], bench_detectors.Tally] = field(default_factory=dict)
    cuts: dict[tuple[str, str], Cut] = field(default_factory=dict)


_state: dict[str, Any] = {}  # per worker process


def _init(seed: int) -> None:
    _state["pool"] = library.talker_pool(seed)
    _state["understanding"] = Understanding(load_guide(AMELI))


def _job(job: tuple[str, int, str, int]) -> Outcome:
    condition, index, text, seed = job
    command = library.make_command(condition, index, text, seed, _state["pool"])
    words = spoken_words(text, library.command_voice(condition, text, seed))
    length, understanding = len(command.audio) // 2, _state["understanding"]
    outcome, product = Outcome(condition, text), bench_detectors.detect(WEBRTC, command.audio)
    for rule, gate in RULES.items():
        detector = RecordingDetector(gate)
        feed(detector.push, command.audio)
        alone = detector.events
        if gate == GateSettings() and alone != product:
            raise RuntimeError(f"« {text} »: the new rule is not the product's default")
        if OracleRecognizer(words, understanding, 0, gate).run(command.audio) != alone:
            raise RuntimeError(f"« {text} »: the recognizer's detector differs from the detector")
        oracle = OracleRecognizer(words, understanding, WAIT_MS, gate)
        for variant, events in zip(VARIANTS, (alone, oracle.run(command.audio)), strict=True):
            tally = bench_detectors.score(events, command.start, command.end, length)
            outcome.tallies[rule, variant] = tally
            if tally.cut:
                outcome.cuts[rule, variant] = describe(events, command, oracle)
    return outcome


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _row(label: str, outcomes: Sequence[Outcome]) -> str:
    cells = []
    for key in ((r, v) for r in RULES for v in VARIANTS):
        t = bench_detectors.Tally()
        for o in outcomes:
            t.add(o.tallies[key])
        cells.append(
            f"{t.cut} ({t.pct(t.cut):.2f}) ; {_ms(median(t.delays_ms))}, "
            f"{_ms(percentile(t.delays_ms, 0.95))}"
        )
    return f"| {label} ({len(outcomes)}) | " + " | ".join(cells) + " |"


COLUMNS = [f"{r}, {v} : coupées n (%) ; délai médian, p95 ms" for r in RULES for v in VARIANTS]
HEADER = ("| condition (commandes) | " + " | ".join(COLUMNS) + " |", "|---|---|---|---|---|")


def report(seed: int, outcomes: Sequence[Outcome]) -> list[str]:
    lines = [f"== graine {seed}", *HEADER]
    for condition in library.CONDITIONS:
        lines.append(_row(condition, [o for o in outcomes if o.condition == condition]))
    lines.append(_row("tout", outcomes))
    for rule in RULES:
        cuts = [(o, o.cuts[rule, "idéal"]) for o in outcomes if (rule, "idéal") in o.cuts]
        lines.append(f"règle {rule}, encore coupées avec l'attente idéale ({len(cuts)}) :")
        for o, c in cuts:
            new = "" if (rule, "seul") in o.cuts else " (pas coupée par le détecteur seul)"
            lines.append(
                f"  {c.kind} | {c.condition} | « {c.text} » | dit avant : « {c.heard} » | "
                f"trou {_ms(c.gap_ms)} ms{new}"
            )
    for v, o in ((v, o) for v in VARIANTS for o in outcomes if ("avant", v) not in o.cuts):
        if worse := o.cuts.get(("nouvelle", v)):
            lines.append(f"entière avant, coupée ensuite ({v}) : {worse.condition} | « {o.text} »")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graines", type=int, nargs="+", default=(13, 1301, 1302, 1303))
    parser.add_argument("--bibliotheque", type=int, default=bench_detectors.LIBRARY_COMMANDS)
    parser.add_argument("--par-condition", type=int, default=bench_detectors.PER_CONDITION)
    parser.add_argument("--processus", type=int, default=2)
    args = parser.parse_args(argv)
    every: dict[int, list[Outcome]] = {}
    for seed in args.graines:
        jobs = bench_detectors.command_jobs(args.par_condition, seed, args.bibliotheque)
        with ProcessPoolExecutor(args.processus, initializer=_init, initargs=(seed,)) as pool:
            every[seed] = list(pool.map(_job, jobs, chunksize=8))
        print("\n".join(report(seed, every[seed])), flush=True)
    everything = [o for outcomes in every.values() for o in outcomes]
    print("== toutes les graines, toutes conditions", *HEADER, sep="\n")
    for seed, outcomes in every.items():
        print(_row(f"graine {seed}", outcomes))
    print(_row("ensemble", everything))
    for rule in RULES:
        for variant in VARIANTS:
            cuts = [o.cuts[rule, variant] for o in everything if (rule, variant) in o.cuts]
            complete = sum(c.complete for c in cuts if c.kind == KINDS[0])
            kinds = Counter(c.kind for c in cuts)
            counts = ", ".join(f"{k} {kinds[k]}" for k in KINDS)
            print(f"règle {rule}, {variant} : {counts} ; n'ouvre rien mais compris seul {complete}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
