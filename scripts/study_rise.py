"""Study of the French continuation rise as an end-of-speech cue (issue 13), in audio time.

A pause inside a French phrase usually follows a rising or flat pitch, the end of a statement a
falling one. Does espeak-ng's speech, which makes the corpus, show it where the detector stops?
`--pentes`: the detector of before (`BEFORE`, no rise rule) is replayed frame by frame over
the corpus of study_speaker_end (cached per seed); each trailing silence of 100 ms or more that
it counts inside an utterance is a « point »: a pause inside the command (the voice came back,
or the end was decided, before the command's end), or the end. At each point the pitch of the
last voiced 200 ms is measured, on the noisy audio (what the detector hears) and on the same
voice rendered clean; the distributions are printed. Without `--pentes`: the real detector
with each `RiseSettings` (« wait ms/fall semitones »), scored as study_speaker_end does.

    python scripts/study_rise.py --pentes                    # distributions, tuning seeds
    python scripts/study_rise.py                             # the grid, tuning seeds 13 1301
    python scripts/study_rise.py --graines 1302 1303 --reglages 320/1   # verify, once
"""

from __future__ import annotations

import argparse
import math
import time
from array import array
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import bench_library as library
import study_speaker_end as study
import study_starts
from bench_common import SAMPLE_RATE, percentile
from bench_detectors import Tally
from corpus_audio import render_speech

from assistant.audio.continuation import RiseSettings
from assistant.audio.end_of_speech import EndOfSpeechDetector, SpeechEventKind
from assistant.audio.frame_measures import pitch_hz
from assistant.audio.voice_activity import (
    FRAME_MS,
    GatedVoiceClassifier,
    GateSettings,
    webrtc_speech,
)

FRAME = SAMPLE_RATE * FRAME_MS // 1000
BEFORE = GateSettings(rise=None)  # the default before this study
WINDOW = 2 * FRAME  # 40 ms: two periods of a low voice


def contour(audio: bytes, end: int, frames: int, strength: float) -> list[tuple[float, float]]:
    """(ms before `end`, semitones re 100 Hz) of the pitched 40 ms windows ending every 20 ms
    before `end`, oldest first."""
    points = []
    for k in range(frames - 1, -1, -1):
        last = end - k * FRAME
        if last - WINDOW < 0:
            continue
        hz, c = pitch_hz(array("h", audio[2 * (last - WINDOW) : 2 * last]), SAMPLE_RATE)
        if c >= strength and hz > 0:
            points.append((-k * FRAME_MS * 1.0, 12 * math.log2(hz / 100)))
    return points


def slope(points: Sequence[tuple[float, float]]) -> float | None:
    """Least-squares slope, semitones per second; None under three points."""
    if len(points) < 3:
        return None
    mt = math.fsum(t for t, _ in points) / len(points)
    ms = math.fsum(s for _, s in points) / len(points)
    den = math.fsum((t - mt) ** 2 for t, _ in points)
    return 1000 * math.fsum((t - mt) * (s - ms) for t, s in points) / den if den else None


@dataclass(frozen=True)
class Point:
    condition: str
    kind: str  # « pause » (voice back before the command's end) or « fin »
    run_ms: int  # the longest trailing silence the detector counted there
    cut: bool  # the detector ended the utterance there, inside the command
    ended: bool  # the detector ended the utterance there
    noisy: tuple[tuple[float, float], ...]  # the contour on the noisy audio
    clean: tuple[tuple[float, float], ...]  # the same on the voice alone


def clean_audio(seed: int, index: int, condition: str) -> bytes | None:
    """The clean voice of command `index` of a half (study_starts.build_half's order)."""
    if condition == "propre":
        return None
    shelf = library.command_texts(200, seed)
    texts = library.command_texts(40, seed)
    text = shelf[index] if condition == "bibliotheque" else texts[(index - len(shelf)) % 40]
    voice = library.command_voice(condition, text, seed)
    speech = library._scaled(render_speech(text, *voice), library.SPEECH_RMS)
    return bytes(2 * library.LEAD) + speech.tobytes() + bytes(2 * library.TRAIL)


def replay(clip: study.Clip) -> list[tuple[int, int, int, bool]]:
    """(last voiced sample, longest silence ms, sample where it stopped, ended there) of each
    trailing silence begun inside an utterance of the product's detector."""
    classifier = GatedVoiceClassifier(webrtc_speech(SAMPLE_RATE), BEFORE, SAMPLE_RATE)
    detector = EndOfSpeechDetector(SAMPLE_RATE, 220, classifier=classifier)
    runs: list[tuple[int, int, int, bool]] = []
    longest = 0
    for at in range(0, len(clip.audio) - 2 * FRAME + 1, 2 * FRAME):
        last = detector.last_voiced_end
        events = detector.push(clip.audio[at : at + 2 * FRAME])
        silence = detector.silence_so_far_ms
        ended = any(e.kind is SpeechEventKind.ENDED for e in events)
        if longest and (silence == 0 or ended):
            runs.append((last, longest + (FRAME_MS if ended else 0), at // 2 + FRAME, ended))
        longest = 0 if silence == 0 or ended else max(longest, silence)
    return runs


def points_of(job: tuple[int, int, int, float]) -> list[Point]:
    seed, first, count, strength = job
    clips = study.load_half(seed)
    out = []
    for index in range(first, min(first + count, len(clips))):
        clip = clips[index]
        if clip.condition in ("salle", "voix"):
            continue
        clean = clean_audio(seed, index, clip.condition) or clip.audio
        for last, run_ms, stop, ended in replay(clip):
            if (run_ms < 100 and not ended) or last < clip.start:
                continue
            if stop < clip.end:
                kind = "pause"  # the voice came back, or the end was decided, inside the command
            elif ended:
                kind = "fin"
            else:
                continue  # a pause after the command's end: distant voices kept it going
            noisy = tuple(contour(clip.audio, last, 10, strength))
            alone = tuple(contour(clean, last, 10, strength))
            cut = ended and stop < clip.end
            out.append(Point(clip.condition, kind, run_ms, cut, ended, noisy, alone))
    return out


MEASURES = ("pente 100", "pente 200", "fin - max")


def measure(name: str, points: Sequence[tuple[float, float]]) -> float | None:
    """Semitones per second over the last 100 or 200 ms; or the last pitch minus the highest
    of the last 200 ms, semitones."""
    if name == "pente 100":
        return slope([p for p in points if p[0] > -100])
    if name == "pente 200":
        return slope(points)
    return points[-1][1] - max(s for _, s in points) if len(points) >= 2 else None


def spread(values: Sequence[float | None]) -> str:
    known = sorted(v for v in values if v is not None)
    if not known:
        return "—"
    qs = [percentile(known, q) for q in (0.1, 0.25, 0.5, 0.75, 0.9)]
    return f"n={len(known):4d}/{len(values):4d} " + " ".join(f"{q or 0.0:7.1f}" for q in qs)


def flagged(values: Sequence[float | None], threshold: float) -> str:
    """Share of the points whose measure is at least `threshold` (« rising or flat »)."""
    count = sum(v is not None and v >= threshold for v in values)
    return f"{count}/{len(values)} ({100 * count / max(1, len(values)):.0f} %)"


def groups(points: Sequence[Point]) -> dict[str, list[Point]]:
    return {
        "coupure (pause, fin décidée)": [p for p in points if p.cut],
        "pause 100 ms et plus": [p for p in points if p.kind == "pause"],
        "fin décidée": [p for p in points if p.kind == "fin" and p.ended],
    }


RISES = {  # the settings tried on the tuning seeds: « wait ms / fall semitones »
    f"{wait}/{fall:g}": RiseSettings(wait_ms=wait, fall_semitones=fall)
    for wait in (280, 320, 360, 420)
    for fall in (0.6, 1.0, 1.5)
}


def scores_of(job: tuple[int, RiseSettings | None]) -> tuple[study.Scores, int, float]:
    """The real detector with `rise` over one seed's half: scores, pitch estimates made, and
    the CPU seconds they took (measured apart, on the same windows)."""
    seed, rise = job
    scores, cpu, audio_s, estimates = study.Scores(), 0.0, 0.0, 0
    settings = GateSettings(rise=rise)
    for clip in study.load_half(seed):
        classifier = GatedVoiceClassifier(webrtc_speech(SAMPLE_RATE), settings, SAMPLE_RATE)
        detector = EndOfSpeechDetector(SAMPLE_RATE, 220, classifier=classifier)
        began = time.process_time()
        step = 2 * FRAME
        events = [e for at in range(0, len(clip.audio), step)
                  for e in detector.push(clip.audio[at : at + step])]  # fmt: skip
        cpu += time.process_time() - began
        estimates += 0 if classifier.cue is None else classifier.cue.estimates
        audio_s += len(clip.audio) / 2 / SAMPLE_RATE
        scores.add(clip, events)
    scores.cpu_us = 1e6 * cpu / audio_s
    return scores, estimates, audio_s


def merged(parts: Sequence[study.Scores]) -> study.Scores:
    total = study.Scores()
    for part in parts:
        for key, tally in part.tallies.items():
            total.tallies.setdefault(key, Tally()).add(tally)
        for key, (count, _) in part.starts.items():
            total.starts[key] = (total.starts.get(key, (0, 0.0))[0] + count, 0.0)
    minutes = {"salle": study_starts.ROOM_S / 60, "voix": study_starts.TALK_S / 60}
    for key, (count, _) in total.starts.items():
        total.starts[key] = (count, count / (minutes[key] * len(parts)))
    total.cpu_us = sum(p.cpu_us for p in parts) / len(parts)
    return total


def window_cost_us() -> float:
    """CPU of one pitch estimate on a 40 ms window of a vowel, µs (median of 200)."""
    vowel = array(
        "h", (round(3000 * math.sin(2 * math.pi * 120 * i / SAMPLE_RATE)) for i in range(WINDOW))
    )
    times = []
    for _ in range(200):
        began = time.process_time()
        pitch_hz(vowel, SAMPLE_RATE)
        times.append(time.process_time() - began)
    return 1e6 * sorted(times)[100]


def distributions(seeds: Sequence[int], files: int, strength: float) -> None:
    jobs = [(s, at, 60, strength) for s in seeds for at in range(0, files, 60)]
    with ProcessPoolExecutor(2) as pool:
        points = [p for some in pool.map(points_of, jobs) for p in some]
    for scope in ("toutes", "bibliotheque"):
        chosen = [p for p in points if scope == "toutes" or p.condition == scope]
        print(f"== {scope} : p10 p25 p50 p75 p90")
        for name in MEASURES:
            for label, some in groups(chosen).items():
                for side in ("bruit", "propre"):
                    values = [measure(name, p.noisy if side == "bruit" else p.clean) for p in some]
                    print(f"  {name:<10} {label:<30} {side:<6} {spread(values)}")
    print("== « fin - max » au moins X demi-tons (bruit), toutes conditions")
    for threshold in (-2.0, -1.5, -1.2, -1.0, -0.8, -0.6, -0.4):
        shares = [flagged([measure("fin - max", p.noisy) for p in some], threshold)
                  for some in groups(points).values()]  # fmt: skip
        print(f"  {threshold:5.1f} : " + " ; ".join(shares))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graines", type=int, nargs="+", default=(13, 1301))
    parser.add_argument("--pentes", action="store_true", help="les distributions seulement")
    parser.add_argument("--force", type=float, default=0.6, help="autocorrélation minimale")
    parser.add_argument("--fichiers", type=int, default=1440, help="par graine (essai rapide)")
    parser.add_argument("--reglages", nargs="*", default=list(RISES), help="« attente/chute »")
    args = parser.parse_args(argv)
    if args.pentes:
        distributions(args.graines, args.fichiers, args.force)
        return 0
    print(f"une estimation de hauteur (40 ms) : {window_cost_us():.0f} µs de processeur")
    for name in ["aucune", *args.reglages]:
        wait, fall = name.split("/") if "/" in name else ("0", "0")
        rise = None if name == "aucune" else RiseSettings(int(wait), fall_semitones=float(fall))
        with ProcessPoolExecutor(2) as pool:
            parts = list(pool.map(scores_of, [(seed, rise) for seed in args.graines]))
        total = merged([p for p, _, _ in parts])
        estimates = sum(e for _, e, _ in parts) / sum(a for _, _, a in parts)
        print(f"{name:<10}{study.summary(total)} | {estimates:.2f} estimations/s", flush=True)
        if len(args.reglages) == 1:
            print(study.full(f"{name}, graines {args.graines}", total))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
