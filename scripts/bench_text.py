"""Section 1: understanding typed text, on the labelled corpus tests/data/utterances.tsv.

This is the ceiling of the voice path: the same sentences, perfectly heard.
"""

from __future__ import annotations

import time
from collections import Counter

from bench_common import AMELI, Figure, Section, Target
from bench_natural import DEVELOPMENT, UNTOUCHED, Request, read_split, score, timing_us
from make_test_audio import CATEGORIES, UTTERANCES_TSV, read_utterances

from assistant.conversation.commands import Command, CommandName
from assistant.conversation.understanding import Understanding
from assistant.conversation.wordforms import plain_words
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


_QUESTIONS = (CommandName.CHOOSE_PROCEDURE, CommandName.SUGGEST)
"""« Vous voulez : 1, … ? » and « Vous voulez que je répète ? », as tests/test_corpus.py counts."""


def run(section: Section) -> None:
    understanding = Understanding(load_guide(AMELI))
    utterances = read_utterances(UTTERANCES_TSV)
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses: list[str] = []
    asked = 0
    began = time.perf_counter()
    for utterance in utterances:
        got = understanding.understand(utterance.text)
        total[utterance.category] += 1
        if got == expected_command(utterance.command, utterance.argument):
            right[utterance.category] += 1
        elif utterance.category == "out_of_scope" and got.name in _QUESTIONS:
            asked += 1  # « Vous voulez : … ? » is a question, not an action: counted apart
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
    acted = total["out_of_scope"] - rejected - asked
    false_accepts = 100 * acted / max(1, total["out_of_scope"])
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
            "hors sujet qui reçoit « Vous voulez … ? » / out of scope asked about",
            100 * asked / max(1, total["out_of_scope"]),
            f"% de {total['out_of_scope']}",
            key="text_out_of_scope_asked",
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
    add_natural(section, understanding)


def new_sentences(requests: list[Request], learned: list[Request]) -> list[Request]:
    """The requests whose sentence, folded as understanding folds it, no learned set holds.
    Blind writers repeat each other (« Répétez, s'il vous plaît »): 58-63 % of a new set's
    command rows were already in earlier sets, against 12-20 % of its topic rows, and a
    figure on sentences learned word for word measures memory as much as understanding."""
    known = {plain_words(r.sentence) for r in learned}
    return [r for r in requests if plain_words(r.sentence) not in known]


def add_natural(section: Section, understanding: Understanding) -> None:
    """The natural requests: every development set pooled, the untouched set (targets), and
    its sentences that no learned set holds."""
    guide = load_guide(AMELI)
    development = [r for split in DEVELOPMENT for r in read_split(split)]
    untouched = [r for split in UNTOUCHED for r in read_split(split)]
    for split, name, requests in (
        ("dev", "développement", development),
        ("_".join(UNTOUCHED), "intouchée", untouched),
        ("new", "intouchée, phrases nouvelles", new_sentences(untouched, development)),
    ):
        if not requests:
            section.note(f"{name} : jeu absent")
            continue
        scores = score(understanding, split, requests, guide)
        is_untouched = split not in ("dev", "new")
        section.add(
            Figure(
                f"demandes naturelles ({name}) : sujet juste ou demandé / natural topics ({split})",
                100 * scores.topics_right / max(1, scores.topics),
                f"% de {scores.topics}",
                Target(">=", 90) if is_untouched else None,
                key=f"natural_topics_{split}",
            )
        )
        section.add(
            Figure(
                f"demandes naturelles ({name}) : commandes / natural commands ({split})",
                100 * scores.commands_right / max(1, scores.commands),
                f"% de {scores.commands}",
                Target(">=", 97) if is_untouched else None,
                key=f"natural_commands_{split}",
            )
        )
        section.add(
            Figure(
                f"demandes naturelles ({name}) : bavardage qui agit / chatter acting ({split})",
                100 * scores.chatter_acting / max(1, scores.chatter),
                f"% de {scores.chatter}",
                Target("<=", 2) if is_untouched else None,
                key=f"natural_chatter_acting_{split}",
            )
        )
        section.note(scores.line())
    requests = development + untouched
    median, p95 = timing_us(understanding, requests)
    section.add(
        Figure(
            "comprendre une phrase, médiane / understanding one sentence, median",
            median,
            f"µs (p95 {p95:.0f} µs)",
            Target("<=", 1000),
            key="understanding_median_us",
        )
    )
