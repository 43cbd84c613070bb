"""Study of the default detector's starts (issue 13): tune on one half, check on the other.

Why the library missed a command and why chairs started utterances, and what fixed it, is in
the README (« Entendre la fin de la parole… »). This script gives the figures behind it, in
audio time, for two settings of the WebRTC detector behind the level gate:
- « avant »: the settings of before (100 ms of voiced frames in a row, no pitch, the first
  command's own frames could raise the room's level at start-up);
- « après »: the product's defaults (`GateSettings()`).

Each half is built from its own seed with bench_library (new seeds, not the benchmark's 13):
200 library commands, 40 commands in each of the 13 other conditions, 10 min of the library
with nobody speaking (doors and chairs) and 2 min of its talk alone. « démarrage »: the same
noisy commands with only 0.3 s of room before the voice, as the first command after start-up.

    python scripts/study_starts.py [--graines 1301 1302] [--bibliotheque 200]
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import bench_detectors
import bench_library as library
from bench_common import SAMPLE_RATE, median, percentile

from assistant.audio.end_of_speech import EndOfSpeechDetector, SpeechEvent, SpeechEventKind
from assistant.audio.voice_activity import GatedVoiceClassifier, GateSettings, webrtc_speech
from assistant.settings import RecognizerSettings

BEFORE = GateSettings(start_gap_ms=0, min_pitched_frames=0)
"""The default of before this study."""
SETTINGS = {"avant": BEFORE, "après": GateSettings()}
STARTUP_LEAD_S = 0.3
STARTUP_CONDITIONS = ("blanc5", "rose5", "brouhaha5", "blanc10", "brouhaha10", "bibliotheque")
ROOM_S = 600.0
TALK_S = 120.0


@dataclass
class Half:
    seed: int
    commands: list[library.Command]
    room: bytes
    """The library with nobody speaking, doors and chairs included."""
    talk: bytes
    """The same without doors and chairs."""


def build_half(seed: int, library_commands: int, per_condition: int) -> Half:
    pool = library.talker_pool(seed)
    commands = [
        library.make_command("bibliotheque", i, text, seed, pool)
        for i, text in enumerate(library.command_texts(library_commands, seed))
    ]
    texts = library.command_texts(per_condition, seed)
    for condition in library.CONDITIONS:
        if condition != "bibliotheque":
            commands += [
                library.make_command(condition, i, text, seed, pool) for i, text in enumerate(texts)
            ]
    room = library.speechless_library(ROOM_S, seed, pool)
    talk = library.speechless_library(TALK_S, seed, pool, doors=False)
    return Half(seed, commands, room, talk)


def detect(settings: GateSettings, audio: bytes) -> list[SpeechEvent]:
    classifier = GatedVoiceClassifier(webrtc_speech(SAMPLE_RATE), settings, SAMPLE_RATE)
    detector = EndOfSpeechDetector(
        SAMPLE_RATE, RecognizerSettings().trailing_silence_ms, classifier=classifier
    )
    step = 2 * bench_detectors.CHUNK
    return [e for at in range(0, len(audio), step) for e in detector.push(audio[at : at + step])]


@dataclass
class Scores:
    tallies: dict[str, bench_detectors.Tally] = field(default_factory=dict)
    """Condition → tally; « tout » is every condition, « démarrage » the short-lead copies."""
    false_starts: dict[str, tuple[int, float]] = field(default_factory=dict)
    """« salle » (doors and chairs) or « voix » → (count, per minute)."""
    cpu_pct: float = 0.0

    def add(self, key: str, tally: bench_detectors.Tally) -> None:
        self.tallies.setdefault(key, bench_detectors.Tally()).add(tally)


def evaluate(settings: GateSettings, half: Half, library_commands: int | None = None) -> Scores:
    """`library_commands`: score only the first ones of the library (the old sample size)."""
    scores, cpu, samples = Scores(), 0.0, 0
    for c in half.commands:
        if c.condition == "bibliotheque" and library_commands is not None:
            library_commands -= 1
            if library_commands < 0:
                continue
        began = time.process_time()
        events = detect(settings, c.audio)
        cpu += time.process_time() - began
        samples += len(c.audio) // 2
        tally = bench_detectors.score(events, c.start, c.end, len(c.audio) // 2)
        scores.add(c.condition, tally)
        scores.add("tout", tally)
        if c.condition in STARTUP_CONDITIONS:
            skip = c.start - round(STARTUP_LEAD_S * SAMPLE_RATE)
            audio = c.audio[2 * skip :]
            events = detect(settings, audio)
            tally = bench_detectors.score(events, c.start - skip, c.end - skip, len(audio) // 2)
            scores.add(f"démarrage {c.condition}", tally)
            scores.add("démarrage", tally)
    for name, audio in (("salle", half.room), ("voix", half.talk)):
        began = time.process_time()
        events = detect(settings, audio)
        cpu += time.process_time() - began
        samples += len(audio) // 2
        count = sum(e.kind is SpeechEventKind.STARTED for e in events)
        scores.false_starts[name] = (count, count * 60.0 * SAMPLE_RATE / (len(audio) // 2))
    scores.cpu_pct = 100.0 * cpu / max(1.0, samples / SAMPLE_RATE)
    return scores


def _cell(tally: bench_detectors.Tally | None) -> str:
    if tally is None or not tally.files:
        return "—"
    return (
        f"{tally.pct(tally.missed):.1f} / {tally.pct(tally.seen):.1f} / "
        f"{tally.pct(tally.cut):.1f} (n={tally.files})"
    )


def report(title: str, scores: Scores) -> list[str]:
    every = scores.tallies["tout"]
    delay, p95 = median(every.delays_ms), percentile(every.delays_ms, 0.95)
    lines = [f"{title}  (manquées % / fin vue en 0,8 s % / coupées %)"]
    for key in ("bibliotheque", "brouhaha10", "tout", "démarrage"):
        lines.append(f"  {key:<28}{_cell(scores.tallies.get(key))}")
    for condition in STARTUP_CONDITIONS:
        key = f"démarrage {condition}"
        lines.append(f"    {key:<26}{_cell(scores.tallies.get(key))}")
    lines.append(
        f"  délai médian {math.nan if delay is None else delay:.0f} ms, "
        f"p95 {math.nan if p95 is None else p95:.0f} ms (toutes conditions)"
    )
    for name, (count, per_min) in scores.false_starts.items():
        lines.append(f"  faux départs, {name}: {count} ({per_min:.2f} par minute)")
    lines.append(f"  processeur du détecteur: {scores.cpu_pct:.2f} % d'un cœur")
    return lines


def _build(job: tuple[int, int, int]) -> Half:
    return build_half(*job)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graines", type=int, nargs=2, default=(1301, 1302))
    parser.add_argument("--bibliotheque", type=int, default=200)
    parser.add_argument("--par-condition", type=int, default=40)
    args = parser.parse_args(argv)
    jobs = [(seed, args.bibliotheque, args.par_condition) for seed in args.graines]
    with ProcessPoolExecutor(2) as pool:
        halves = list(pool.map(_build, jobs))
    for half, role in zip(halves, ("réglage", "vérification"), strict=True):
        for name, settings in SETTINGS.items():
            lines = report(f"== graine {half.seed} ({role}), {name}", evaluate(settings, half))
            print("\n".join(lines))
        for name, settings in SETTINGS.items():
            small = evaluate(settings, half, library_commands=40).tallies["bibliotheque"]
            print(f"  {name}, bibliothèque sur les 40 premières commandes: {_cell(small)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
