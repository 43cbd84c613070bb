"""Study (issue 13): the commands cut in two, with an ideal recognizer behind the detector.

The benchmark (bench_detectors, section 7) counts the commands cut in two by the default
end-of-speech detector alone. The product does more: when Vosk's early text (after 120 ms of
silence) is only the opening of longer grammar phrases (« mes… »), it waits 600 ms instead of
220 ms (listening/unfinished.py). Without a French Vosk model that cannot be measured with real
recognition, so here Vosk is replaced by an IDEAL recognizer: its text is exactly the words
spoken in the audio it heard, up to the pause (each word whose voice began before the
detector's last voiced frame), written as the recognizer writes them (`spoken_form`; words
outside the grammar as « [unk] »).

How, in audio time, on the benchmark's own corpus (bench_detectors.command_jobs, 720 commands a
seed: 200 in the library, 40 in each of 13 other conditions):
- the time of every word: from libespeak-ng itself, checked against the corpus WAV
  (espeak_words.py);
- « détecteur seul »: bench_detectors.detect, the benchmark's count;
- « + attente idéale »: the product's CommandRecognizer itself (preroll, early final result,
  its tries and limits, UnfinishedWait with the Ameli memo's listening phrases and the
  `complete` rule of frontends/voice_setup.py) with the ideal recognizer in place of Vosk,
  fed the same audio in 20 ms chunks. With the longer wait switched off it must give exactly
  the benchmark's events, which is checked on every command.

What the figure leaves out: real Vosk French early text may differ (a misheard or missing word,
a half word at a pause; a model whose lexicon splits « l'étape » in two words changes the
openings); the pauses are espeak-ng's, not people's (people hesitate longer and elsewhere);
a pause inside a word counts that word as said. It says how much of the remaining cutting the
rule can remove at best, not what it removes in a library.

Result (30 November 2026, seeds 13, 1301, 1302 and 1303, 720 commands each): the rule, at
best, keeps 9 of the 45 cut commands whole (1.56 % -> 1.25 % of 2,880; seed 13: 12 -> 10,
1.67 -> 1.39 %; library 4 -> 2 of 200), cuts no command that was whole, never ends a command
on its 600 ms, and changes 3 delays (seed 13, all conditions: median 222 ms, p95 471 -> 476).
It keeps « étape | trois », « l'étape | précédente », « parle | plus lentement ». Left cut:
21 sentences whose first part is not the opening of a phrase (« je voudrais aller à l'étape
quatre | s'il vous plaît »: 15 of them lose only « s'il vous plaît »), 7 whose first part is a
phrase or is understood alone (« lettre | par lettre », « une autre | fois », « autre |
chose »), 8 cut inside one word (« ex|plique », « plus d'ex|plications »). In the clean speech
those pauses are 15-55 ms of silence (a stop's closure); the 220 ms and more are the noise
hiding the voiceless consonants around it, not a pause of espeak-ng's.

    python scripts/study_oracle_cuts.py [--graines 13 1301 1302 1303] [--bibliotheque 200]
"""

from __future__ import annotations

import argparse
import json
import sys
from array import array
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import bench_detectors
import bench_library as library
from bench_common import AMELI, SAMPLE_RATE, median, percentile
from corpus_audio import render_speech
from espeak_words import Word, spoken_words

from assistant.audio.end_of_speech import EndOfSpeechDetector, SpeechEvent, SpeechEventKind
from assistant.conversation.commands import CommandName
from assistant.conversation.understanding import Understanding
from assistant.guides.loader import load_guide
from assistant.listening.recognizer import PREROLL_SECONDS, UNKNOWN_TOKENS, CommandRecognizer
from assistant.settings import RecognizerSettings

MS = SAMPLE_RATE / 1000
PREROLL = round(PREROLL_SECONDS * SAMPLE_RATE)
SILENT_WINDOW = 80
"""5 ms: a pause in the clean speech is a run of windows under render_speech's threshold."""


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
    """The recognizer's detector, keeping its events for bench_detectors.score."""

    def __init__(self, settings: RecognizerSettings) -> None:
        super().__init__(SAMPLE_RATE, settings.trailing_silence_ms, kind=settings.detector)
        self.events: list[SpeechEvent] = []

    def push(self, chunk: bytes) -> list[SpeechEvent]:
        found = super().push(chunk)
        self.events += found
        return found


class IdealKaldi:
    """In place of Vosk: its final result is the words spoken in what it heard, up to the pause
    (the detector's last voiced frame)."""

    def __init__(self, recognizer: OracleRecognizer) -> None:
        self._recognizer = recognizer
        self._heard = 0

    def AcceptWaveform(self, chunk: bytes) -> bool:
        self._heard += len(chunk) // 2
        return False

    def FinalResult(self) -> str:
        end = self._recognizer.position
        words = self._recognizer.words_between(end - self._heard, end)
        self._heard = 0
        return json.dumps(
            {"text": " ".join(words), "result": [{"word": w, "conf": 1.0} for w in words]},
            ensure_ascii=False,
        )


class OracleRecognizer(CommandRecognizer):
    """The product's recognizer with the ideal recognizer behind it."""

    def __init__(
        self, words: Sequence[Word], understanding: Understanding, settings: RecognizerSettings
    ) -> None:
        self.spoken = tuple(words)
        super().__init__(  # as frontends/voice_setup.build_recognizer does
            _AllKnowing(),
            understanding.listening_phrases(),
            SAMPLE_RATE,
            settings,
            understanding.listening_words(),
            complete=lambda text: (
                understanding.understand(text).name is not CommandName.NOT_UNDERSTOOD
            ),
        )
        self.detector = RecordingDetector(self.settings)
        self._detector = self.detector

    def _new_kaldi(self) -> Any:
        return IdealKaldi(self)

    @property
    def position(self) -> int:
        return self._position

    def words_between(self, begin: int, end: int) -> list[str]:
        """Words heard in [begin, end) whose voice began before the pause."""
        return heard_before(self.spoken, self.grammar_words, begin, min(end, self.pause))

    @property
    def pause(self) -> int:
        return self._detector.last_voiced_end

    def wait_after(self, text: str) -> int:
        return self._waits.trailing_ms(text)


def run_recognizer(recognizer: OracleRecognizer, audio: bytes) -> list[SpeechEvent]:
    step = 2 * bench_detectors.CHUNK
    for at in range(0, len(audio), step):
        recognizer.feed(audio[at : at + step])
    return recognizer.detector.events


@dataclass(frozen=True)
class Cut:
    condition: str
    text: str
    heard: str
    """The ideal early text before the pause where the command was cut."""
    wait_ms: int
    """UnfinishedWait's trailing silence for it."""
    pause_ms: float | None
    """The silence in the clean speech at the cut, None when there is none (noise cut it)."""
    gap_ms: float | None
    """From that last voice to the next start the detector saw (None: it saw none)."""
    word: str
    """The word whose span (first phoneme to the next phoneme) holds the cut, "" between words:
    a stop's closure (« étape | trois ») is inside its word."""


def first_cut(events: Sequence[SpeechEvent], start: int, end: int) -> int | None:
    """Where the first utterance over the command that ended before its true end stopped
    (its last voiced sample)."""
    return next(
        (
            e.sample
            for e in events
            if e.kind is SpeechEventKind.ENDED and start < e.sample and e.detected_sample < end
        ),
        None,
    )


def clean_pause_ms(clip: array[int], at: int) -> float | None:
    """The run of silent 5 ms windows of the clean speech (`at` in its samples) that holds the
    cut or begins at most 100 ms after it."""
    threshold = max(1, max(map(abs, clip), default=0) // 200)
    windows = [
        max(map(abs, clip[i : i + SILENT_WINDOW])) <= threshold
        for i in range(0, len(clip), SILENT_WINDOW)
    ]
    here = max(0, at // SILENT_WINDOW)
    for w in range(here, min(len(windows), here + 20)):
        if windows[w]:
            lo = w
            while lo > 0 and windows[lo - 1]:
                lo -= 1
            hi = w
            while hi + 1 < len(windows) and windows[hi + 1]:
                hi += 1
            return (hi - lo + 1) * SILENT_WINDOW / MS
    return None


@dataclass
class Outcome:
    condition: str
    base: bench_detectors.Tally
    ideal: bench_detectors.Tally
    long_end: bool
    """The final end was decided after the longer wait (its cost)."""
    cuts: dict[str, Cut] = field(default_factory=dict)
    """« seul » / « idéal » → where that variant cut the command."""


_state: dict[str, Any] = {}


def _init(seed: int) -> None:
    _state["pool"] = library.talker_pool(seed)
    _state["understanding"] = Understanding(load_guide(AMELI))


def _describe(
    events: Sequence[SpeechEvent],
    command: library.Command,
    words: Sequence[Word],
    recognizer: OracleRecognizer,
    clip: array[int],
) -> Cut:
    at = first_cut(events, command.start, command.end)
    if at is None:
        raise RuntimeError(f"« {command.text} »: cut, but no utterance ended before its end")
    # Vosk hears an utterance from PREROLL before the chunk where its start was found.
    found = max(
        (e.detected_sample for e in events if e.kind is SpeechEventKind.STARTED and e.sample < at),
        default=0,
    )
    heard = heard_before(words, recognizer.grammar_words, found - PREROLL, at)
    holder = next((w.text for w in words if w.start <= at < w.end), "")
    resumed = min(
        (e.sample for e in events if e.kind is SpeechEventKind.STARTED and e.sample >= at),
        default=None,
    )
    return Cut(
        command.condition,
        command.text,
        " ".join(heard),
        recognizer.wait_after(" ".join(heard)),
        clean_pause_ms(clip, at - command.start),
        None if resumed is None else (resumed - at) / MS,
        holder,
    )


def _job(job: tuple[str, int, str, int]) -> Outcome:
    condition, index, text, seed = job
    command = library.make_command(condition, index, text, seed, _state["pool"])
    voice = library.command_voice(condition, text, seed)
    words = spoken_words(text, voice)
    clip = render_speech(text, *voice)
    length = len(command.audio) // 2
    default = RecognizerSettings()
    base = bench_detectors.detect(default.detector, command.audio)
    off = run_recognizer(
        OracleRecognizer(words, _state["understanding"], RecognizerSettings(unfinished_wait_ms=0)),
        command.audio,
    )
    if off != base:
        raise RuntimeError(f"« {text} »: the recognizer's detector differs from the benchmark's")
    oracle = OracleRecognizer(words, _state["understanding"], default)
    ideal = run_recognizer(oracle, command.audio)
    ends = [
        e for e in ideal if e.kind is SpeechEventKind.ENDED and e.detected_sample >= command.end
    ]
    waited = ends[0].detected_sample - ends[0].sample if ends else 0
    long_end = waited > default.trailing_silence_ms * MS
    outcome = Outcome(
        condition,
        bench_detectors.score(base, command.start, command.end, length),
        bench_detectors.score(ideal, command.start, command.end, length),
        long_end,
    )
    for name, events, tally in (("seul", base, outcome.base), ("idéal", ideal, outcome.ideal)):
        if tally.cut:
            outcome.cuts[name] = _describe(events, command, words, oracle, clip)
    return outcome


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _row(label: str, outcomes: Sequence[Outcome]) -> str:
    base, ideal = bench_detectors.Tally(), bench_detectors.Tally()
    for o in outcomes:
        base.add(o.base)
        ideal.add(o.ideal)
    changed = sum(o.base.delays_ms != o.ideal.delays_ms for o in outcomes)
    return (
        f"| {label} ({base.files}) | {base.cut} ({base.pct(base.cut):.2f}) | "
        f"{ideal.cut} ({ideal.pct(ideal.cut):.2f}) | "
        f"{base.pct(base.seen):.1f} → {ideal.pct(ideal.seen):.1f} | "
        f"{_ms(median(base.delays_ms))}, {_ms(percentile(base.delays_ms, 0.95))} → "
        f"{_ms(median(ideal.delays_ms))}, {_ms(percentile(ideal.delays_ms, 0.95))} | "
        f"{changed} | {sum(o.long_end for o in outcomes)} |"
    )


HEADER = (
    "| condition (commandes) | coupées, seul n (%) | coupées, idéal n (%) | fin vue en 0,8 s % "
    "| délai médian, p95 ms | délai changé | fin après l'attente longue |",
    "|---|---|---|---|---|---|---|",
)


def report(seed: int, outcomes: Sequence[Outcome]) -> list[str]:
    lines = [f"== graine {seed} : détecteur seul → + attente idéale", *HEADER]
    for condition in library.CONDITIONS:
        lines.append(_row(condition, [o for o in outcomes if o.condition == condition]))
    lines.append(_row("tout", outcomes))
    for name, title in (("seul", "coupées par le détecteur seul"), ("idéal", "encore coupées")):
        cuts = [o.cuts[name] for o in outcomes if name in o.cuts]
        lines.append(
            f"{title} ({len(cuts)}) : condition | texte | dit avant la coupure → attente | "
            "silence du texte propre, trou vu par le détecteur, où"
        )
        for o in outcomes:
            if name not in o.cuts:
                continue
            c, new = o.cuts[name], name == "idéal" and "seul" not in o.cuts
            where = f"dans « {c.word} »" if c.word else "entre deux mots"
            lines.append(
                f"  {c.condition} | « {c.text} » | « {c.heard} » → {c.wait_ms} ms | "
                f"{_ms(c.pause_ms)} ms, {_ms(c.gap_ms)} ms, {where}"
                + (" (nouvelle)" if new else "")
            )
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
    print("== toutes les graines, toutes conditions", *HEADER, sep="\n")
    for seed, outcomes in every.items():
        print(_row(f"graine {seed}", outcomes))
    print(_row("ensemble", [o for outcomes in every.values() for o in outcomes]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
