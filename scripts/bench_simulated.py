"""Section 5: every natural request and a simulated user through a simulated noisy recognizer.

See simulate_channel.py for the channel (grammar words only, [unk], sound-alike substitutions
from espeak-ng phonemes, deletions, insertions) and simulate_user.py for the walks.
"""

from __future__ import annotations

from bench_common import AMELI, Figure, Section, Target
from bench_natural import read_requests
from simulate_channel import RATES, NoisyChannel, grammar_words, sentence_figures
from simulate_user import walk_all

from assistant.conversation.understanding import Understanding
from assistant.guides.loader import load_guide

SEED = 0


def run(section: Section) -> None:
    guide = load_guide(AMELI)
    understanding = Understanding(guide)
    requests = [(r.kind, r.expected, r.sentence) for r in read_requests()]
    channel = NoisyChannel(grammar_words(understanding), [s for _, _, s in requests])
    section.note(
        "TEO | sujets justes ou demandés | commandes | bavardage qui agit | démarches finies "
        "| tours par étape | actions fausses / 100 tours"
    )
    rows = {}
    for rate in RATES:
        figures = sentence_figures(understanding, channel, requests, rate, SEED, guide=guide)
        walks = walk_all(guide, understanding, channel, rate, SEED)
        rows[rate] = {
            "topics": figures.topics,
            "commands": figures.commands,
            "chatter_acting": figures.chatter_acting,
            "completed": walks.completed,
            "turns_per_step": walks.turns_per_step,
            "wrong_per_100_turns": walks.wrong_per_100_turns,
        }
        section.note(
            f"{rate:>3} % | {figures.topics:5.1f} % | {figures.commands:5.1f} % | "
            f"{figures.chatter_acting:4.1f} % | {walks.completed:5.1f} % | "
            f"{walks.turns_per_step:4.2f} | {walks.wrong_per_100_turns:4.2f}"
        )
        if rate == 20:
            section.add(
                Figure(
                    "TEO 20 % : démarches finies / 20 % WER: procedures completed",
                    walks.completed,
                    "%",
                    Target(">=", 95),
                    key="simulated_completed_20",
                )
            )
            section.add(
                Figure(
                    "TEO 20 % : actions fausses / 20 % WER: wrong actions",
                    walks.wrong_per_100_turns,
                    "pour 100 tours",
                    Target("<=", 1),
                    key="simulated_wrong_per_100_turns_20",
                )
            )
    section.details["simulated"] = rows
    section.note(
        "Simulé, pas mesuré : le vrai modèle français n'est pas sur la machine de mesure ; la "
        "confiance de Vosk et les leurres ne sont pas simulés."
    )
