"""Section 3, audio-time part: end of speech → final result, and the real-time factor.

Delays are counted in samples of the WAV, from `speech_end_sample` (where the voice stops in
the file) to the audio fed when the recognizer returned its result. They include the microphone's
chunking (CHUNK_SECONDS) and nothing of the machine's speed: they are the same on any PC.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bench_common import SAMPLE_RATE, Figure, Section, Target, median, percentile
from bench_decode import Decoded
from make_test_audio import SpokenSample

RTF_TARGET = 0.05
DETECTOR_DELAY_TARGET_MS = 300.0
"""The whole reply must start ≤ 300 ms after the end of speech; the detector's share of it."""


@dataclass(frozen=True)
class Delays:
    after_end_ms: list[float]
    """First result of each file that gave one, minus the end of speech."""
    early: list[str]
    """Files with a result before the speech had ended: a command cut in two."""
    silent_files: int
    """Files that gave no result at all."""


def delays(samples: Sequence[SpokenSample], decoded: Sequence[Decoded]) -> Delays:
    after: list[float] = []
    early: list[str] = []
    silent = 0
    for sample, result in zip(samples, decoded, strict=True):
        if not result.heard:
            silent += 1
            continue
        if any(h.at_sample < sample.speech_end_sample for h in result.heard):
            early.append(f"{sample.path.name} « {sample.text} »")
        first = result.heard[0].at_sample
        after.append(1000 * (first - sample.speech_end_sample) / SAMPLE_RATE)
    return Delays(after, early, silent)


def real_time_factor(decoded: Sequence[Decoded]) -> float | None:
    audio = sum(d.audio_s for d in decoded)
    return sum(d.cpu_s for d in decoded) / audio if audio else None


def result_chunk_ms(decoded: Sequence[Decoded]) -> float | None:
    return median([ms for d in decoded for ms in d.result_chunk_cpu_ms])


def add_end_of_speech(
    section: Section,
    ours: Delays,
    vosk: Delays | None,
    stand_in: bool,
    fine_chunks: Delays | None = None,
) -> None:
    section.add(
        Figure(
            "fin de parole → résultat, notre détecteur / end of speech → result, ours",
            median(ours.after_end_ms),
            "ms d'audio, médiane",
            Target("<=", DETECTOR_DELAY_TARGET_MS),
            stand_in,
            key="eos_to_result_ours_ms_median",
        )
    )
    section.add(
        Figure(
            "  idem, 95e centile / same, p95",
            percentile(ours.after_end_ms, 0.95),
            "ms d'audio",
            None,
            stand_in,
            key="eos_to_result_ours_ms_p95",
        )
    )
    section.add(
        Figure(
            "  fichiers coupés avant la fin de parole / files cut before speech ended",
            float(len(ours.early)),
            f"sur {len(ours.after_end_ms) + ours.silent_files}",
            Target("<=", 0),
            stand_in,
            key="results_before_end_of_speech",
        )
    )
    section.add(
        Figure(
            "  fichiers sans aucun résultat / files with no result at all",
            float(ours.silent_files),
            f"sur {len(ours.after_end_ms) + ours.silent_files}",
            None,
            stand_in,
            key="files_without_result",
        )
    )
    if ours.early:
        section.note("Commande coupée en deux (résultat avant la fin) : " + " ; ".join(ours.early))
    if fine_chunks is not None:
        section.add(
            Figure(
                "  notre détecteur, blocs de 20 ms / ours, 20 ms chunks",
                median(fine_chunks.after_end_ms),
                "ms d'audio, médiane",
                None,
                stand_in,
                key="eos_to_result_ours_20ms_chunks_ms_median",
            )
        )
    if vosk is None:
        return
    ours_median, vosk_median = median(ours.after_end_ms), median(vosk.after_end_ms)
    section.add(
        Figure(
            "fin de parole → résultat, Vosk seul / same, Vosk's own endpointing",
            vosk_median,
            "ms d'audio, médiane",
            None,
            stand_in,
            key="eos_to_result_vosk_ms_median",
        )
    )
    gain = None if ours_median is None or vosk_median is None else vosk_median - ours_median
    section.add(
        Figure(
            "  gain de notre détecteur / gain of our detector",
            gain,
            "ms d'audio",
            Target(">=", 200),
            stand_in,
            key="eos_gain_ms",
        )
    )
    ratio = None if ours_median is None or not vosk_median else ours_median / vosk_median
    section.add(
        Figure(
            "  rapport à Vosk seul / ratio to Vosk alone",
            ratio,
            "× le délai de Vosk seul, médianes",
            Target("<=", 0.5),
            stand_in,
            key="eos_ratio_to_vosk",
        )
    )
    if vosk.silent_files:
        section.note(
            f"Vosk seul n'a rien rendu pour {vosk.silent_files} fichiers, même après "
            "1,5 s de silence ajouté : sans notre détecteur, ces commandes resteraient "
            "sans réponse."
        )


def add_cpu_ratio(
    section: Section, ours: Sequence[Decoded], vosk: Sequence[Decoded], stand_in: bool
) -> None:
    """Processor time of the product's recognizer over a bare Vosk loop, same files."""
    theirs = sum(d.cpu_s for d in vosk)
    section.add(
        Figure(
            "  processeur, rapport à Vosk seul / CPU, ratio to Vosk alone",
            sum(d.cpu_s for d in ours) / theirs if theirs else None,
            "× le temps processeur de Vosk seul, mêmes fichiers",
            Target("<=", 1.0),
            stand_in,
            key="cpu_ratio_to_vosk",
        )
    )


def add_rtf(section: Section, mode: str, decoded: Sequence[Decoded], stand_in: bool) -> None:
    section.add(
        Figure(
            f"facteur temps réel, mode {mode} / real-time factor (CPU)",
            real_time_factor(decoded),
            "s CPU par s d'audio",
            Target("<=", RTF_TARGET),
            stand_in,
            key=f"rtf_{mode}",
        )
    )
    section.add(
        Figure(
            f"  attente du dernier bloc, mode {mode} / last chunk processing",
            result_chunk_ms(decoded),
            "ms CPU, médiane",
            None,
            stand_in,
            key=f"result_chunk_ms_{mode}",
        )
    )
