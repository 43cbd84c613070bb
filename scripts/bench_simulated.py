"""Section 6: every natural request and a simulated user through a simulated noisy recognizer.

See simulate_channel.py for the channel (grammar words only, [unk], sound-alike substitutions
from espeak-ng phonemes, deletions, insertions), simulate_user.py for the walks, and
simulate_seeds.py for why several seeds, each figure as the mean beside the worst seed.
"""

from __future__ import annotations

from bench_common import AMELI, Figure, Section, Target
from bench_natural import read_requests
from simulate_channel import RATES, NoisyChannel, grammar_words
from simulate_seeds import SEED_COUNT, as_json, header, line, measure_seeds, summarize

from assistant.conversation.understanding import Understanding
from assistant.guides.loader import load_guide

TARGET_RATE = 20


def run(section: Section, seeds: int = SEED_COUNT) -> None:
    guide = load_guide(AMELI)
    understanding = Understanding(guide)
    requests = [(r.kind, r.expected, r.sentence) for r in read_requests()]
    channel = NoisyChannel(grammar_words(understanding), [s for _, _, s in requests])
    chosen = list(range(max(1, seeds)))
    section.note(header(chosen).replace("\n", "\n     "))
    details: dict[str, object] = {}
    for rate in RATES:
        rows = measure_seeds(guide, understanding, channel, requests, rate, chosen)
        summary = summarize(rows)
        details[str(rate)] = as_json(summary, rows)
        section.note(line(rate, summary))
        if rate != TARGET_RATE:
            continue
        for what, row, suffix in (
            ("moyenne des graines / mean over seeds", summary.mean, ""),
            ("pire graine / worst seed", summary.worst, "_worst_seed"),
        ):
            section.add(
                Figure(
                    f"TEO 20 % : démarches finies, {what}",
                    row.completed,
                    "%",
                    Target(">=", 95),
                    key=f"simulated_completed_20{suffix}",
                )
            )
            section.add(
                Figure(
                    f"TEO 20 % : actions fausses, {what}",
                    row.wrong_per_100_turns,
                    "pour 100 tours",
                    Target("<=", 1),
                    key=f"simulated_wrong_per_100_turns_20{suffix}",
                )
            )
    section.details["simulated"] = details
    section.note(
        "Simulé, pas mesuré : le vrai modèle français n'est pas sur la machine de mesure ; la "
        "confiance de Vosk et les leurres ne sont pas simulés."
    )
