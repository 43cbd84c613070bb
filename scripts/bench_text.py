"""Section 1: understanding typed text, on the labelled corpus tests/data/utterances.tsv.

This is the ceiling of the voice path: the same sentences, perfectly heard.
"""

from __future__ import annotations

import time
from collections import Counter

from bench_common import AMELI, Figure, Section, Target
from make_test_audio import CATEGORIES, UTTERANCES_TSV, read_utterances

from assistant.conversation.commands import Command, CommandName
from assistant.conversation.understanding import Understanding
from assistant.guides.loader import load_guide

MIN_ACCURACY = 0.95
MAX_FALSE_ACCEPTS = 0.02


def expected_command(command: str, argument: str) -> Command:
    """The corpus's (command, argument) columns as the Command the product should give."""
    if command == "none":
        return Command(CommandName.NOT_UNDERSTOOD)
    name = CommandName(command)
    if name is CommandName.GOTO_STEP:
        return Command(name, step_number=int(argument))
    if name is CommandName.OPEN_PROCEDURE:
        return Command(name, procedure_id=argument)
    return Command(name)


def run(section: Section) -> None:
    understanding = Understanding(load_guide(AMELI))
    utterances = read_utterances(UTTERANCES_TSV)
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses: list[str] = []
    began = time.perf_counter()
    for utterance in utterances:
        got = understanding.understand(utterance.text)
        total[utterance.category] += 1
        if got == expected_command(utterance.command, utterance.argument):
            right[utterance.category] += 1
        else:
            misses.append(f"{utterance.text} → {got.name.value}")
    per_sentence_us = (time.perf_counter() - began) / max(1, len(utterances)) * 1e6
    for category in CATEGORIES:
        if total[category]:
            section.add(
                Figure(
                    f"justes, catégorie {category} / correct, {category}",
                    100 * right[category] / total[category],
                    f"% de {total[category]}",
                    key=f"text_accuracy_{category}",
                )
            )
    in_scope = sum(total.values()) - total["out_of_scope"]
    intent = 100 * (sum(right.values()) - right["out_of_scope"]) / max(1, in_scope)
    section.add(
        Figure(
            "intention juste / intent accuracy",
            intent,
            f"% de {in_scope}",
            Target(">=", 100 * MIN_ACCURACY),
            key="text_intent_accuracy",
        )
    )
    rejected = right["out_of_scope"]
    false_accepts = 100 * (total["out_of_scope"] - rejected) / max(1, total["out_of_scope"])
    section.add(
        Figure(
            "acceptations à tort, hors sujet / false accepts, out of scope",
            false_accepts,
            f"% de {total['out_of_scope']}",
            Target("<=", 100 * MAX_FALSE_ACCEPTS),
            key="text_false_accepts",
        )
    )
    section.add(
        Figure(
            "temps par phrase / time per sentence",
            per_sentence_us,
            "µs",
            key="text_time_per_sentence_us",
        )
    )
    section.details["misses"] = misses
    if misses:
        section.note(f"{len(misses)} erreurs, par exemple : " + " ; ".join(misses[:5]))
