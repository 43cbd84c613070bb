"""Banc d'essai de Mémo vocal : compréhension, reconnaissance, délais et coût, avec leurs cibles.

    python scripts/benchmark.py [--modele CHEMIN] [--json FICHIER] [--rapide]
        [--graines-simulees N]

Without the French model it still runs everything it can, on the Korean model as a labelled
stand-in. The sections live in scripts/bench_*.py; this file only orders them and reports.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SCRIPTS_DIR = Path(__file__).resolve().parent
for folder in (SCRIPTS_DIR.parent, SCRIPTS_DIR):  # the project and its sibling modules
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import bench_common as common  # noqa: E402
import bench_detectors  # noqa: E402
import bench_end_to_end  # noqa: E402
import bench_rate  # noqa: E402
import bench_reply  # noqa: E402
import bench_simulated  # noqa: E402
import bench_text  # noqa: E402
import bench_voice  # noqa: E402
from bench_audio import AudioUnavailable, PrivateSink  # noqa: E402
from bench_common import Section  # noqa: E402
from bench_report import Line, print_table, write_json  # noqa: E402
from bench_resources import add_resources  # noqa: E402
from simulate_seeds import SEED_COUNT  # noqa: E402


def _timed(section: Section, work: Callable[[], object]) -> None:
    began = time.perf_counter()
    try:
        work()
    finally:
        section.seconds += time.perf_counter() - began


def _end_to_end(latency: Section, sink: PrivateSink | None, rapide: bool, count: int) -> None:
    """The headline delay, measured on the real program; with 50 ms chunks too unless rapide."""
    with tempfile.TemporaryDirectory(prefix="memo-vocal-bout-en-bout-") as work:
        bench_end_to_end.run(
            latency,
            sink,
            common.korean_model_dir(),
            Path(work),
            min(count, 8) if rapide else count,
            compare_chunks=not rapide,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Banc d'essai de Mémo vocal.")
    parser.add_argument("--modele", type=Path, metavar="CHEMIN", help="dossier du modèle Vosk")
    parser.add_argument("--json", type=Path, metavar="FICHIER", help="écrire les résultats")
    parser.add_argument("--rapide", action="store_true", help="petits échantillons (essai)")
    parser.add_argument(
        "--par-categorie",
        type=int,
        default=30,
        metavar="N",
        help="phrases parlées par catégorie avec le modèle français (0 : toutes)",
    )
    parser.add_argument(
        "--essais", type=int, default=50, metavar="N", help="mesures du premier son de la réponse"
    )
    parser.add_argument("--graine", type=int, default=0, help="graine du corpus parlé")
    parser.add_argument(
        "--graines-simulees",
        type=int,
        default=SEED_COUNT,
        metavar="N",
        help="graines de la reconnaissance simulée, de 0 à N-1 (environ 5 s chacune)",
    )
    parser.add_argument(
        "--bout-en-bout",
        type=int,
        default=40,
        metavar="N",
        help="commandes dites au vrai programme pour le délai de bout en bout (0 : aucune)",
    )
    args = parser.parse_args(argv)
    began = time.perf_counter()
    model = bench_voice.choose_model(args.modele)
    header = [
        Line(
            "model",
            "Modèle / model",
            model.how if model.french else f"{model.how} ; remplaçant / stand-in : {model.path}",
        ),
        Line("french_model", "Modèle français / French model", "oui" if model.french else "non"),
        Line("python", "Python", f"{platform.python_version()} ({sys.executable})"),
        Line("os", "Système / OS", common.os_description()),
        Line("cpu", "Processeur / CPU", common.cpu_description()),
        Line("vosk", "Vosk", common.vosk_version()),
        Line("load_at_start", "Charge au départ / load", common.load_average()),
    ]
    text = Section("1. Compréhension du texte / Understanding text")
    speech = Section("2. Compréhension de la parole / Understanding speech")
    latency = Section("3. Délais / Latency")
    cost = Section("4. Coût / Cost")
    rate = Section("5. Voix / Voice rate")
    simulated = Section("6. Reconnaissance simulée / Simulated noisy recognition")
    detectors = Section("7. Détecteurs de fin de parole / End-of-speech detectors")
    _timed(text, lambda: bench_text.run(text))
    _timed(simulated, lambda: bench_simulated.run(simulated, args.graines_simulees))
    with tempfile.TemporaryDirectory(prefix="memo-vocal-banc-") as work:
        _timed(
            speech,
            lambda: bench_voice.run(
                model,
                Path(work),
                speech,
                latency,
                rapide=args.rapide,
                per_category=args.par_categorie or None,
                seed=args.graine,
            ),
        )
    runs = 10 if args.rapide else max(1, args.essais)
    try:
        sink: PrivateSink | None = PrivateSink().__enter__()
    except AudioUnavailable as problem:
        sink = None
        latency.note(f"Pas de sortie audio ({problem}) : mesuré jusqu'au son rendu seulement.")
    try:
        _timed(latency, lambda: bench_reply.run(latency, sink, runs))
        if args.bout_en_bout > 0:
            _timed(latency, lambda: _end_to_end(latency, sink, args.rapide, args.bout_en_bout))
        _timed(cost, lambda: add_resources(latency, cost, sink, model, rapide=args.rapide))
    finally:
        if sink is not None:
            sink.__exit__(None, None, None)
    _timed(rate, lambda: bench_rate.run(rate))
    _timed(detectors, lambda: bench_detectors.run(detectors, rapide=args.rapide))
    header.append(Line("load_at_end", "Charge à la fin / load", common.load_average()))
    seconds = time.perf_counter() - began
    header.append(Line("duration", "Durée / duration", f"{seconds:.0f} s"))
    sections = [text, simulated, speech, latency, cost, rate, detectors]
    print_table(header, sections, sys.stdout)
    if args.json:
        write_json(args.json, header, sections, seconds)
        print(f"\nRésultats écrits dans {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
