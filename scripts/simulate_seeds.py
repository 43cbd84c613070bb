"""The simulated recognizer over several seeds: one seed misleads.

Adding or removing one word of the vocabulary re-draws every simulated error, so the same
understanding gave 0.34 to 0.87 wrong actions per 100 turns at 20 % depending on the seed.
Each rate is therefore run on several seeds, and every figure is reported as the mean over
the seeds beside the worst seed for that figure (the lowest accuracy or completion, the
highest chatter acting, turns per step or wrong actions). The worst is taken column by
column: two columns' worst may come from different seeds.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields

from simulate_channel import NoisyChannel, sentence_figures
from simulate_user import walk_all

from assistant.conversation.guide import Guide
from assistant.conversation.understanding import Understanding

SEED_COUNT = 10
"""Seeds 0 to 9: about 5 s each on the 2-core build machine, 46 to 54 s for the section
(1 December 2026)."""


@dataclass(frozen=True)
class SeedRow:
    """One seed's figures at one rate, in percent except turns per step and wrong / 100."""

    topics: float
    commands: float
    chatter_acting: float
    completed: float
    turns_per_step: float
    wrong_per_100_turns: float


HIGHER_IS_BETTER = {
    "topics": True,
    "commands": True,
    "chatter_acting": False,
    "completed": True,
    "turns_per_step": False,
    "wrong_per_100_turns": False,
}
"""Which way is worse, figure by figure: the worst seed is the minimum or the maximum."""


@dataclass(frozen=True)
class SeedSummary:
    """Several seeds at one rate: mean, median and worst of every figure."""

    seeds: tuple[int, ...]
    mean: SeedRow
    median: SeedRow
    worst: SeedRow
    worst_seed: Mapping[str, int]
    """For each figure, the seed that gave its worst value (the first such seed on ties)."""


def measure(
    guide: Guide,
    understanding: Understanding,
    channel: NoisyChannel,
    requests: Sequence[tuple[str, str, str]],
    rate: int,
    seed: int,
) -> SeedRow:
    figures = sentence_figures(understanding, channel, requests, rate, seed, guide=guide)
    walks = walk_all(guide, understanding, channel, rate, seed)
    return SeedRow(
        topics=figures.topics,
        commands=figures.commands,
        chatter_acting=figures.chatter_acting,
        completed=walks.completed,
        turns_per_step=walks.turns_per_step,
        wrong_per_100_turns=walks.wrong_per_100_turns,
    )


def measure_seeds(
    guide: Guide,
    understanding: Understanding,
    channel: NoisyChannel,
    requests: Sequence[tuple[str, str, str]],
    rate: int,
    seeds: Sequence[int],
) -> dict[int, SeedRow]:
    return {seed: measure(guide, understanding, channel, requests, rate, seed) for seed in seeds}


def summarize(rows: Mapping[int, SeedRow]) -> SeedSummary:
    """Mean, median and worst over the seeds, each figure on its own (no sums of medians)."""
    if not rows:
        raise ValueError("no seed to summarize")
    seeds = tuple(sorted(rows))
    mean: dict[str, float] = {}
    median: dict[str, float] = {}
    worst: dict[str, float] = {}
    worst_seed: dict[str, int] = {}
    for name in (item.name for item in fields(SeedRow)):
        values = [float(getattr(rows[seed], name)) for seed in seeds]
        mean[name] = statistics.fmean(values)
        median[name] = statistics.median(values)
        pick = min if HIGHER_IS_BETTER[name] else max
        worst[name] = pick(values)
        worst_seed[name] = seeds[values.index(worst[name])]
    return SeedSummary(seeds, SeedRow(**mean), SeedRow(**median), SeedRow(**worst), worst_seed)


HEADER = (
    "TEO | sujets justes ou demandés | commandes justes | bavardage qui agit | démarches finies "
    "| tours par étape | actions fausses / 100 tours"
)


def header(seeds: Sequence[int]) -> str:
    if len(seeds) == 1:
        return f"{HEADER}\n(graine {seeds[0]} seule : entre parenthèses, la même valeur)"
    named = f"{len(seeds)} graines ({min(seeds)} à {max(seeds)})"
    worst = "entre parenthèses, la pire graine, colonne par colonne"
    return f"{HEADER}\n(moyenne sur {named} ; {worst})"


def line(rate: int, summary: SeedSummary) -> str:
    """One rate: each figure as « mean (worst) »."""
    m, w = summary.mean, summary.worst
    return (
        f"{rate:>3} % | {m.topics:5.1f} ({w.topics:5.1f}) % | "
        f"{m.commands:5.1f} ({w.commands:5.1f}) % | "
        f"{m.chatter_acting:4.1f} ({w.chatter_acting:4.1f}) % | "
        f"{m.completed:5.1f} ({w.completed:5.1f}) % | "
        f"{m.turns_per_step:4.2f} ({w.turns_per_step:4.2f}) | "
        f"{m.wrong_per_100_turns:4.2f} ({w.wrong_per_100_turns:4.2f}, "
        f"graine {summary.worst_seed['wrong_per_100_turns']})"
    )


def as_json(summary: SeedSummary, rows: Mapping[int, SeedRow]) -> dict[str, object]:
    def figures(row: SeedRow) -> dict[str, float]:
        return {f.name: round(float(getattr(row, f.name)), 4) for f in fields(SeedRow)}

    return {
        "seeds": list(summary.seeds),
        "mean": figures(summary.mean),
        "median": figures(summary.median),
        "worst": figures(summary.worst),
        "worst_seed": dict(summary.worst_seed),
        "per_seed": {str(seed): figures(rows[seed]) for seed in summary.seeds},
    }
