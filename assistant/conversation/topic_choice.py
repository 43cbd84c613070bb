"""From a sentence's scores to what it asks for: one procedure to open, two or three to ask
about, or none.

Apart from `topics`, which learns the vocabularies and scores a sentence against them: the
decision is where the thresholds of `topic_thresholds` meet the scores, and a change of
threshold should be read here without the stemming around it. `Topics.choose` says what the
words are about (the site itself, something else, other people) and asks this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.conversation.topic_thresholds import (
    CLOSE,
    MAX_CHOICES,
    MIN_COVERAGE,
    MIN_COVERAGE_ASKED,
    MIN_COVERAGE_ONE_WORD,
    MIN_COVERAGE_ONE_WORD_ASKED,
    MIN_COVERAGE_TO_ASK,
    MIN_COVERAGE_TO_ASK_TOLD,
    MIN_SCORE,
)


@dataclass(frozen=True)
class Choice:
    """What a sentence asks for, from its words."""

    procedure_ids: tuple[str, ...]
    """None fits clearly: (); one to open; two or three, in menu order, to ask about."""
    one_word: bool
    """Found from a single word of the sentence: too little to leave a step on."""
    sure: bool = True
    """False: the words fit, but too little of the sentence to open without asking."""


@dataclass(frozen=True)
class Score:
    procedure_id: str
    weight: float
    """Sum of the weights of the sentence's words in this procedure's vocabulary."""
    coverage: float
    """Share of the sentence's meaning-bearing weight this procedure explains, 0 to 1."""
    matched: int = 1
    """How many of the sentence's tokens are in the procedure's vocabulary."""


def chosen(
    scores: Sequence[Score], order: Sequence[str], *, asked: bool, elsewhere: bool
) -> Choice:
    """`scores` best first; `order` the procedures in menu order; `asked`: the sentence asks
    for something (« je voudrais »); `elsewhere`: it speaks of something else or of others."""
    coverage = MIN_COVERAGE_ASKED if asked else MIN_COVERAGE
    one_word = MIN_COVERAGE_ONE_WORD_ASKED if asked else MIN_COVERAGE_ONE_WORD
    candidates = [
        s
        for s in scores
        if s.weight >= MIN_SCORE and s.coverage >= (coverage if s.matched > 1 else one_word)
    ]
    sure = bool(candidates)
    if not candidates and not elsewhere:  # « ma sœur a déménagé », « … mon parapluie »
        candidates = [
            s
            for s in scores
            if s.weight >= MIN_SCORE
            and s.coverage >= (MIN_COVERAGE_TO_ASK if asked else MIN_COVERAGE_TO_ASK_TOLD)
        ]
    if not candidates:
        return Choice((), False)
    best = candidates[0].weight
    close = [s for s in candidates if s.weight >= CLOSE * best]
    if len(close) > MAX_CHOICES:
        return Choice((), False)
    place = {procedure_id: index for index, procedure_id in enumerate(order)}
    ids = sorted((s.procedure_id for s in close), key=place.__getitem__)
    return Choice(tuple(ids), all(s.matched == 1 for s in close), sure)
