"""Study (issue 13): the commands cut in two, with an ideal recognizer behind the detector.

bench_detectors counts the commands the end-of-speech detector alone cuts in two. The product
also waits 600 ms instead of 220 when Vosk's early text (after 120 ms of silence) only opens
longer phrases (« mes… »), or is not understood alone and ENDS on such an opening (« je veux
l'étape… »; listening/unfinished.py). Without a French model, Vosk is replaced by an IDEAL
recognizer (oracle_recognizer.py): the words spoken in the audio it heard, up to the pause,
as the grammar writes them, others as « [unk] ». On bench_detectors' corpus (720 commands a
seed), for the end rule « avant » (GateSettings(hold_below_db=None, quiet_snr_db=None)) and
« nouvelle » (the default: weak frames hold, quiet speakers wait 240 ms):
- « seul »: the detector alone (the new rule checked equal to bench_detectors.detect);
- « idéal »: the product's CommandRecognizer (preroll, early result, UnfinishedWait with the
  Ameli memo's phrases and voice_setup's `complete` rule, whole text only: the wait of before)
  over the ideal recognizer; with the longer wait off it must give the detector's very events;
- « fins »: the same with the endings of 1 to 3 words, less those of --sans-fins (default:
  the product's COMMON_ENDINGS); lists the commands whose end now comes after the longer wait.
A cut left is « dans un mot » when the voice resumes inside the word holding the cut, else by
the text before it: « ouvre, pause trop longue » (waited 600 ms), « début complet » (opens a
longer phrase but is one or is understood alone: no wait), « n'ouvre rien ». Real Vosk may
hear less; people pause longer and elsewhere: this is what the wait removes at best.
First, over the memo's phrases and the text column of tests/data/natural_requests*.tsv (heard
ideally): how many wait, complete or not, and per ending how often it ends a sentence not
understood and how often the rest of a phrase follows it (--textes: only that).
Figures: README, « Entendre la fin de la parole dans une médiathèque bruyante ».

    python scripts/study_oracle_cuts.py [--graines 13 1301 1302 1303] [--regles nouvelle]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bench_detectors
import bench_library as library
from bench_common import AMELI, SAMPLE_RATE, median, percentile
from espeak_words import spoken_words
from oracle_recognizer import OracleRecognizer, RecordingDetector, count_texts, feed, heard_before

from assistant.audio.end_of_speech import SpeechEvent, SpeechEventKind
from assistant.audio.voice_activity import GateSettings
from assistant.conversation.understanding import Understanding
from assistant.guides.loader import load_guide
from assistant.listening.recognizer import PREROLL_SECONDS
from assistant.listening.unfinished import COMMON_ENDINGS, ENDING_WORDS
from assistant.settings import DetectorKind, RecognizerSettings

WEBRTC, WAIT_MS = DetectorKind.WEBRTC, RecognizerSettings().unfinished_wait_ms

MS = SAMPLE_RATE / 1000
PREROLL = round(PREROLL_SECONDS * SAMPLE_RATE)
RULES = {"avant": GateSettings(hold_below_db=None, quiet_snr_db=None), "nouvelle": GateSettings()}
VARIANTS = ("seul", "idéal", "fins", "entier", "même")
KINDS = ("n'ouvre rien", "début complet", "dans un mot", "ouvre, pause trop longue")
DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def kind_of(oracle: OracleRecognizer, heard: str, inside: bool) -> str:
    if inside:
        return KINDS[2]
    if oracle.waits.unfinished(heard):
        return KINDS[3]
    return KINDS[1] if heard in oracle.openings else KINDS[0]


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
    kind = kind_of(oracle, heard, inside)
    return Cut(command.condition, command.text, heard, gap, kind, oracle.complete(heard))


def waited_after(events: Sequence[SpeechEvent], end: int, oracle: OracleRecognizer) -> str | None:
    """The early text when the end after `end` was decided, if it was with the longer wait."""
    started, decided = None, []
    for e in events:
        if e.kind is SpeechEventKind.STARTED:
            started = e.sample
        elif started is not None and started < end <= e.detected_sample:
            decided.append(e.detected_sample)
    trailing, heard = oracle.ends.get(min(decided), (0, "")) if decided else (0, "")
    return heard if trailing >= WAIT_MS > RecognizerSettings().trailing_silence_ms else None


@dataclass
class Outcome:
    condition: str
    text: str
    tallies: dict[tuple[str, str], bench_detectors.Tally] = field(default_factory=dict)
    cuts: dict[tuple[str, str], Cut] = field(default_factory=dict)
    waited: dict[tuple[str, str], str] = field(default_factory=dict)
    """The early text of the commands whose end came after the longer wait."""


_state: dict[str, Any] = {}  # per worker process


def _init(seed: int, rules: Sequence[str], common: Sequence[str]) -> None:
    _state["pool"] = library.talker_pool(seed)
    _state["understanding"] = Understanding(load_guide(AMELI))
    _state["rules"], _state["common"] = rules, common


def _job(job: tuple[str, int, str, int]) -> Outcome:
    condition, index, text, seed = job
    command = library.make_command(condition, index, text, seed, _state["pool"])
    words = spoken_words(text, library.command_voice(condition, text, seed))
    length, understanding = len(command.audio) // 2, _state["understanding"]
    outcome, product = Outcome(condition, text), bench_detectors.detect(WEBRTC, command.audio)
    for rule in _state["rules"]:
        gate = RULES[rule]
        detector = RecordingDetector(gate)
        feed(detector.push, command.audio)
        alone = detector.events
        if gate == GateSettings() and alone != product:
            raise RuntimeError(f"« {text} »: the new rule is not the product's default")
        if OracleRecognizer(words, understanding, 0, gate, whole=False).run(command.audio) != alone:
            raise RuntimeError(f"« {text} »: the recognizer's detector differs from the detector")
        before = OracleRecognizer(words, understanding, WAIT_MS, gate, whole=False)
        common = _state["common"]
        after = OracleRecognizer(words, understanding, WAIT_MS, gate, ENDING_WORDS, common, False)
        whole = OracleRecognizer(
            words, understanding, WAIT_MS, gate, ENDING_WORDS, common, same=False
        )
        now = OracleRecognizer(words, understanding, WAIT_MS, gate, ENDING_WORDS, common)
        runs = [(alone, before), (before.run(command.audio), before)]
        runs += [(after.run(command.audio), after), (whole.run(command.audio), whole)]
        runs.append((now.run(command.audio), now))
        for variant, (events, oracle) in zip(VARIANTS, runs, strict=True):
            tally = bench_detectors.score(events, command.start, command.end, length)
            outcome.tallies[rule, variant] = tally
            if tally.cut:
                outcome.cuts[rule, variant] = describe(events, command, oracle)
            if variant != "seul" and (heard := waited_after(events, command.end, oracle)):
                outcome.waited[rule, variant] = heard
    return outcome


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _row(label: str, outcomes: Sequence[Outcome], rules: Sequence[str]) -> str:
    cells = []
    for key in ((r, v) for r in rules for v in VARIANTS):
        t = bench_detectors.Tally()
        for o in outcomes:
            t.add(o.tallies[key])
        cells.append(
            f"{t.cut} ({t.pct(t.cut):.2f}) ; {t.pct(t.seen):.1f} ; "
            f"{_ms(median(t.delays_ms))}, {_ms(percentile(t.delays_ms, 0.95))}"
        )
    return f"| {label} ({len(outcomes)}) | " + " | ".join(cells) + " |"


def header(rules: Sequence[str]) -> list[str]:
    cell = "coupées n (%) ; fin en 0,8 s % ; délai médian, p95 ms"
    columns = [f"{r}, {v} : {cell}" for r in rules for v in VARIANTS]
    return [
        "| condition (commandes) | " + " | ".join(columns) + " |",
        "|---" * (1 + len(columns)) + "|",
    ]


def report(seed: int, outcomes: Sequence[Outcome], rules: Sequence[str]) -> list[str]:
    lines = [f"== graine {seed}", *header(rules)]
    for condition in library.CONDITIONS:
        lines.append(_row(condition, [o for o in outcomes if o.condition == condition], rules))
    lines.append(_row("tout", outcomes, rules))
    for rule, variant in ((r, v) for r in rules for v in VARIANTS[1:]):
        cuts = [(o, o.cuts[rule, variant]) for o in outcomes if (rule, variant) in o.cuts]
        lines.append(f"règle {rule}, encore coupées ({variant}) ({len(cuts)}) :")
        for o, c in cuts:
            new = "" if (rule, "seul") in o.cuts else " (pas coupée par le détecteur seul)"
            lines.append(
                f"  {c.kind} | {c.condition} | « {c.text} » | dit avant : « {c.heard} » | "
                f"trou {_ms(c.gap_ms)} ms{new}"
            )
    return lines


def newly_waiting(everything: Sequence[Outcome], rule: str) -> list[str]:
    """The commands whose end now comes after the longer wait, and what the ending did."""
    new = [o for o in everything if (rule, "fins") in o.waited and (rule, "idéal") not in o.waited]
    delays = [(o.tallies[rule, "idéal"].delays_ms, o.tallies[rule, "fins"].delays_ms) for o in new]
    paid = [b[0] - a[0] for a, b in delays if a and b]
    lines = [
        f"règle {rule} : {len(new)} commandes attendent 600 ms de plus à la fin "
        f"(surcoût médian {_ms(median(paid))} ms) :"
    ]
    lines += [f"  {o.condition} | « {o.text} » | entendu « {o.waited[rule, 'fins']} »" for o in new]
    saved = [o for o in everything if (rule, "idéal") in o.cuts and (rule, "fins") not in o.cuts]
    worse = [o for o in everything if (rule, "fins") in o.cuts and (rule, "idéal") not in o.cuts]
    for label, some in (("rendues entières", saved), ("coupées en plus", worse)):
        lines.append(f"règle {rule}, {label} par les fins ({len(some)}) :")
        heard = [(o.cuts.get((rule, "idéal")) or o.cuts[rule, "fins"]).heard for o in some]
        lines += [
            f"  {o.condition} | « {o.text} » | « {h} »" for o, h in zip(some, heard, strict=True)
        ]
    return lines


def sentences() -> list[str]:
    """The text column of the natural request sets (nothing else is read)."""
    found = []
    for path in sorted(DATA.glob("natural_requests*.tsv")):
        rows = [r for r in path.read_text(encoding="utf-8").splitlines() if r and r[0] != "#"]
        column = rows[0].split("\t").index("sentence")
        found += [r.split("\t")[column] for r in rows[1:]]
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graines", type=int, nargs="+", default=(13, 1301, 1302, 1303))
    parser.add_argument("--bibliotheque", type=int, default=bench_detectors.LIBRARY_COMMANDS)
    parser.add_argument("--par-condition", type=int, default=bench_detectors.PER_CONDITION)
    parser.add_argument("--processus", type=int, default=2)
    parser.add_argument("--regles", nargs="+", choices=list(RULES), default=list(RULES))
    parser.add_argument("--sans-fins", nargs="*", default=sorted(COMMON_ENDINGS))
    parser.add_argument("--textes", action="store_true", help="only the written sentences")
    args = parser.parse_args(argv)
    understanding = Understanding(load_guide(AMELI))
    counts, endings = count_texts(understanding, sentences(), args.sans_fins)
    print("== textes", *(f"{k} : {n}" for k, n in sorted(counts.items())), sep="\n")
    table = sorted(endings.items(), key=lambda item: (-sum(item[1]), item[0]))
    print("fin : finit une demande non comprise, suivie du reste d'une phrase")
    print(", ".join(f"{e} {n}/{m}" for e, (n, m) in table if n or m))
    common = sorted(e for e, (n, m) in endings.items() if n and n >= m)
    print(f"fins trop courantes (finissent au moins aussi souvent) : {' | '.join(common)}")
    if args.textes:
        return 0
    every: dict[int, list[Outcome]] = {}
    rules = args.regles
    for seed in args.graines:
        jobs = bench_detectors.command_jobs(args.par_condition, seed, args.bibliotheque)
        init = (seed, rules, args.sans_fins)
        with ProcessPoolExecutor(args.processus, initializer=_init, initargs=init) as pool:
            every[seed] = list(pool.map(_job, jobs, chunksize=8))
        print("\n".join(report(seed, every[seed], rules)), flush=True)
    everything = [o for outcomes in every.values() for o in outcomes]
    print("== toutes les graines, toutes conditions", *header(rules), sep="\n")
    for seed, outcomes in every.items():
        print(_row(f"graine {seed}", outcomes, rules))
    print(_row("ensemble", everything, rules))
    shelf = [o for o in everything if o.condition == "bibliotheque"]
    print(_row("ensemble, bibliothèque", shelf, rules))
    for rule in rules:
        for variant in VARIANTS:
            cuts = [o.cuts[rule, variant] for o in everything if (rule, variant) in o.cuts]
            complete = sum(c.complete for c in cuts if c.kind == KINDS[0])
            kinds = Counter(c.kind for c in cuts)
            counts_ = ", ".join(f"{k} {kinds[k]}" for k in KINDS)
            print(
                f"règle {rule}, {variant} : {counts_} ; n'ouvre rien mais compris seul {complete}"
            )
        print("\n".join(newly_waiting(everything, rule)))
        for before, after in (("fins", "entier"), ("entier", "même")):
            for label, a, b in (("coupées en plus", after, before), ("rendues", before, after)):
                some = [o for o in everything if (rule, a) in o.cuts and (rule, b) not in o.cuts]
                print(f"règle {rule}, {label} par « {after} » après « {before} » ({len(some)}) :")
                for o in some:
                    print(f"  {o.condition} | « {o.text} » | « {o.cuts[rule, a].heard} »")
    return 0


if __name__ == "__main__":
    sys.exit(main())
