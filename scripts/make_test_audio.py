"""Build the spoken test corpus of the Mémo vocal benchmark, reproducibly from a seed.

Every labelled phrase of tests/data/utterances.tsv is spoken by espeak-ng, clean and in white noise,
pink noise and library babble at several SNRs. The whole cross product of voices, speeds, pitches
and noises would be hundreds of thousands of files, so each phrase gets every noise setting once,
with one voice/speed/pitch per noise kind drawn from a balanced, seeded schedule (see _schedule).
manifest.jsonl records each file's labels, its condition and the sample where speech ends.

    python scripts/make_test_audio.py [--sortie DOSSIER] [--graine N] [--rapide] [--par-categorie N]
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import functools
import itertools
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from array import array
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:  # run as `python scripts/…`: make `tests` importable
    sys.path.insert(0, str(PROJECT_DIR))

if str(Path(__file__).resolve().parent) not in sys.path:  # loaded by path (tests): siblings
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_audio import (  # noqa: E402
    SAMPLE_RATE,
    babble,
    mix_at_snr,
    pink_noise,
    render_speech,
    white_noise,
    write_wav,
)

from tests.spoken_audio import espeak_available  # noqa: E402

UTTERANCES_TSV = PROJECT_DIR / "tests" / "data" / "utterances.tsv"
DEFAULT_OUT_DIR = Path(tempfile.gettempdir()) / "memo-vocal-test-audio"
MANIFEST_NAME = "manifest.jsonl"
LEAD_SAMPLES = int(0.3 * SAMPLE_RATE)
TRAIL_SAMPLES = int(0.8 * SAMPLE_RATE)
CATEGORIES = ("phrase", "synonym", "politeness", "near_miss", "out_of_scope")
NOISE_KINDS = ("white", "pink", "babble")
BABBLE_SENTENCES = 24
"""Plenty for four talkers; rendering all 246 out_of_scope phrases cost 5 s before any work."""
BABBLE_RMS = 3000.0
"""Every babble sentence is brought to this level so that no talker dominates."""


@dataclass(frozen=True)
class Condition:
    voice: str
    speed: int
    """espeak-ng words per minute."""
    pitch: int
    """espeak-ng pitch, 0–99."""
    noise: str | None
    """One of NOISE_KINDS, or None for clean speech."""
    snr_db: float | None
    """Speech-to-noise ratio over the spoken part; None for clean speech."""


@dataclass(frozen=True)
class Utterance:
    text: str
    command: str
    argument: str
    category: str


@dataclass(frozen=True)
class SpokenSample:
    path: Path
    text: str
    command: str
    argument: str
    category: str
    condition: Condition
    speech_end_sample: int
    """Index of the first sample after the speech; the 0.8 s of trailing silence starts here."""


@functools.cache
def voice_works(voice: str) -> bool:
    """mbrola voices are listed by espeak-ng even when mbrola is missing; they then say nothing."""
    done = subprocess.run(["espeak-ng", "-v", voice, "--stdout", "a"], capture_output=True)
    return done.returncode == 0 and len(done.stdout) > 1000


def conditions(rapide: bool) -> list[Condition]:
    noises: list[tuple[str | None, float | None]] = [(None, None)]
    if rapide:
        voices, speeds, pitches = ["fr"], [130, 210], [35, 65]
        noises += [("white", 10.0), ("pink", 20.0), ("babble", 5.0)]
    else:
        voices = ["fr", "fr-be", "fr-ch"] + [v for v in ("mb-fr1", "mb-fr4") if voice_works(v)]
        speeds, pitches = [130, 165, 210], [35, 65]
        noises += [(kind, snr) for kind in NOISE_KINDS for snr in (20.0, 10.0, 5.0)]
    grid = itertools.product(noises, voices, speeds, pitches)
    return [Condition(v, sp, p, n, snr) for (n, snr), v, sp, p in grid]


def read_utterances(path: Path) -> list[Utterance]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    fields = [f.name for f in dataclasses.fields(Utterance)]
    utterances = [Utterance(*((r.get(f) or "").strip() for f in fields)) for r in rows]
    utterances = [u for u in utterances if u.text]
    unknown = {u.category for u in utterances} - set(CATEGORIES)
    if unknown:
        raise ValueError(f"Catégories inconnues dans {path} : {', '.join(sorted(unknown))}")
    return utterances


_babble_pool: list[tuple[str, array[int]]] = []


def _set_babble_pool(pool: list[tuple[str, array[int]]]) -> None:
    _babble_pool[:] = pool


def _babble_clip(spec: tuple[str, str, int, int]) -> tuple[str, array[int]]:
    text = spec[0]
    clip = render_speech(*spec)
    rms = math.sqrt(math.fsum(x * x for x in clip) / len(clip))
    return text, array("h", [round(x * BABBLE_RMS / rms) for x in clip])


def _speak_one(job: tuple[Path, int, int, Utterance, list[Condition]]) -> list[SpokenSample]:
    """One job per phrase, so that no two processes render the same cached espeak-ng file."""
    out_dir, seed, index, utterance, conds = job
    samples = []
    for c in conds:
        speech = render_speech(utterance.text, c.voice, c.speed, c.pitch)
        end = LEAD_SAMPLES + len(speech)
        padded = array("h", bytes(2 * LEAD_SAMPLES)) + speech + array("h", bytes(2 * TRAIL_SAMPLES))
        noise_tag = "clean" if c.noise is None else f"{c.noise}{c.snr_db:g}db"
        name = f"{index:04d}-{utterance.category}-{c.voice}-s{c.speed}-p{c.pitch}-{noise_tag}.wav"
        rng = random.Random(f"{seed}|{name}")
        audio, n = padded, len(padded)
        noise: Sequence[float] = []
        if c.noise == "white":
            noise = white_noise(rng, n)
        elif c.noise == "pink":
            noise = pink_noise(rng, n)
        elif c.noise == "babble":
            noise = babble(rng, n, [a for t, a in _babble_pool if t != utterance.text])
        if c.snr_db is not None:
            audio = mix_at_snr(padded, noise, c.snr_db, span=(LEAD_SAMPLES, end))
        write_wav(out_dir / name, audio)
        fields = asdict(utterance)
        samples.append(SpokenSample(out_dir / name, **fields, condition=c, speech_end_sample=end))
    return samples


def _schedule(
    utterances: list[Utterance], conds: list[Condition], seed: int
) -> list[list[Condition]]:
    """Per noise kind, every voice/speed/pitch is used equally often, in a seeded order.

    A phrase keeps one voice across the SNRs of a kind: curves over SNR then compare the very same
    speech, and there are 60 % fewer espeak-ng runs.
    """
    kinds = list(dict.fromkeys(c.noise for c in conds))
    voices = list(dict.fromkeys((c.voice, c.speed, c.pitch) for c in conds))
    plan: list[list[Condition]] = [[] for _ in utterances]
    for k, kind in enumerate(kinds):
        # The cycle goes on across kinds, so that the voices stay balanced over the corpus.
        first = k * len(utterances)
        order = [voices[(first + i) % len(voices)] for i in range(len(utterances))]
        random.Random(f"{seed}|schedule|{kind}").shuffle(order)
        snrs = list(dict.fromkeys(c.snr_db for c in conds if c.noise == kind))
        for per_utterance, (voice, speed, pitch) in zip(plan, order, strict=True):
            per_utterance += [Condition(voice, speed, pitch, kind, snr) for snr in snrs]
    return plan


def build_corpus(
    out_dir: Path,
    seed: int,
    rapide: bool,
    progress: bool = True,
    *,
    utterances_tsv: Path = UTTERANCES_TSV,
    per_category: int | None = None,
    workers: int | None = None,
) -> list[SpokenSample]:
    """Speak every phrase (the first `per_category` of each category; 2 when `rapide`)."""
    utterances = read_utterances(utterances_tsv)
    chatter = sorted({u.text for u in utterances if u.category == "out_of_scope"})
    if len(chatter) < 3:
        raise ValueError(f"Il faut au moins 3 phrases out_of_scope dans {utterances_tsv}.")
    if rapide or per_category is not None:
        keep = 2 if per_category is None else per_category
        utterances = [
            u for c in CATEGORIES for u in [u for u in utterances if u.category == c][:keep]
        ]
    conds = conditions(rapide)
    voices = sorted({(c.voice, c.speed, c.pitch) for c in conds})
    pick = random.Random(f"{seed}|babble")
    chatter = pick.sample(chatter, min(len(chatter), BABBLE_SENTENCES))
    # Rendered here, before any worker starts, so the espeak-ng cache has a single writer.
    babble_pool = [_babble_clip((text, *pick.choice(voices))) for text in chatter]
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in load_manifest(out_dir) if (out_dir / MANIFEST_NAME).exists() else []:
        old.path.unlink(missing_ok=True)
    plan = zip(utterances, _schedule(utterances, conds, seed), strict=True)
    jobs = [(out_dir, seed, i, u, cs) for i, (u, cs) in enumerate(plan)]
    total, began = sum(len(job[4]) for job in jobs), time.perf_counter()
    samples: list[SpokenSample] = []
    workers = workers or os.cpu_count() or 1
    with ProcessPoolExecutor(
        workers, initializer=_set_babble_pool, initargs=(babble_pool,)
    ) as pool:
        shown = -1
        for done in pool.map(_speak_one, jobs):
            samples.extend(done)
            if progress and 100 * len(samples) // total != shown:  # at most 100 lines in CI logs
                shown = 100 * len(samples) // total
                _show_progress(len(samples), total, time.perf_counter() - began)
    write_manifest(out_dir, samples)
    return samples


def _show_progress(done: int, total: int, elapsed: float) -> None:
    left = elapsed / done * (total - done)
    end = "\n" if done == total else ""
    line = f"\rCorpus vocal : {done}/{total} fichiers, encore {left:.0f} s   "
    print(line, end=end, file=sys.stderr, flush=True)


def write_manifest(out_dir: Path, samples: list[SpokenSample]) -> None:
    with (out_dir / MANIFEST_NAME).open("w", encoding="utf-8") as handle:
        for s in samples:
            row = {"file": s.path.name, **asdict(s), **asdict(s.condition)}
            del row["path"], row["condition"]
            row["speech_end_sample"] = row.pop("speech_end_sample")  # last, as in the brief
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def load_manifest(out_dir: Path) -> list[SpokenSample]:
    """Read back a corpus built earlier, so the benchmark need not rebuild it."""
    samples = []
    condition_fields = [f.name for f in dataclasses.fields(Condition)]
    for line in (out_dir / MANIFEST_NAME).read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        condition = Condition(**{f: row.pop(f) for f in condition_fields})
        samples.append(SpokenSample(out_dir / row.pop("file"), condition=condition, **row))
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fabrique le corpus vocal du banc d'essai.")
    add = parser.add_argument
    add("--sortie", type=Path, default=DEFAULT_OUT_DIR, help="dossier des fichiers WAV")
    add("--graine", type=int, default=0, help="graine du hasard (même graine, mêmes fichiers)")
    add("--rapide", action="store_true", help="petit sous-ensemble, pour les tests")
    add("--par-categorie", type=int, help="ne garder que les N premières phrases par catégorie")
    add("--phrases", type=Path, default=UTTERANCES_TSV, help="fichier TSV des phrases")
    args = parser.parse_args(argv)
    if not espeak_available():
        print("Il faut espeak-ng et sox : sudo apt-get install espeak-ng sox", file=sys.stderr)
        return 1
    if not args.phrases.is_file():
        print(f"Fichier de phrases introuvable : {args.phrases}", file=sys.stderr)
        return 1
    began = time.perf_counter()
    try:
        samples = build_corpus(
            args.sortie,
            args.graine,
            args.rapide,
            utterances_tsv=args.phrases,
            per_category=args.par_categorie,
        )
    except (ValueError, subprocess.CalledProcessError) as error:
        print(f"Échec de la fabrication du corpus : {error}", file=sys.stderr)
        return 1
    seconds = time.perf_counter() - began
    print(f"{len(samples)} fichiers écrits dans {args.sortie} en {seconds:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
