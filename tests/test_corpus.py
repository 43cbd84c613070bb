"""The labelled corpus against the real Ameli memo: intent accuracy and false accepts.

`tests/data/utterances.tsv` is also the benchmark's input (speech synthesised, then
recognised); here it is read as typed text, the upper bound of what the voice path can reach.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from assistant.conversation import vocabulary
from assistant.conversation.commands import Command, CommandName
from assistant.conversation.guide import Guide
from assistant.conversation.understanding import Understanding
from assistant.guides.loader import load_guide

DATA = Path(__file__).resolve().parent / "data" / "utterances.tsv"
AMELI = Path(__file__).resolve().parent.parent / "guides" / "ameli.yaml"
CATEGORIES = {"phrase", "synonym", "politeness", "near_miss", "out_of_scope"}
MIN_ACCURACY = 0.95
MAX_FALSE_ACCEPTS = 0.02
"""Out-of-scope utterances acted on (a procedure opened, a command done)."""
MAX_ASKED = 0.05
"""Out-of-scope utterances that get « Vous voulez : … ? »: 2.4 % on 30 November (fourth round);
a guard against the question band growing unnoticed, not a goal. It holds for the word
layers alone; the learned topics ask more (`MAX_ASKED_LEARNED`)."""
_QUESTIONS = (CommandName.CHOOSE_PROCEDURE, CommandName.SUGGEST)
"""« Vous voulez : … ? » about a procedure or a command: a question, not an action."""
MAX_ASKED_LEARNED = 0.15
"""With the learned topics, which only ever ask: 7.3 % on 30 November (sixth round), for
short room talk such as « il me faut une enveloppe » (messagerie's envelope), then about
11 % once commands are suggested too (« je reviens dans cinq minutes »: a pause?)."""


@dataclass(frozen=True)
class Utterance:
    text: str
    expected: Command
    category: str


def _expected(command: str, argument: str) -> Command:
    if command == "none":
        return Command(CommandName.NOT_UNDERSTOOD)
    name = CommandName(command)
    if name is CommandName.GOTO_STEP:
        return Command(name, step_number=int(argument))
    if name is CommandName.OPEN_PROCEDURE:
        return Command(name, procedure_id=argument)
    assert argument == "", f"{command} takes no argument"
    return Command(name)


def _label(command: Command) -> str:
    argument = command.step_number or command.procedure_id or ""
    return f"{command.name.value} {argument}".strip()


def read_corpus() -> list[Utterance]:
    with DATA.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0] == ["text", "command", "argument", "category"]
    return [
        Utterance(text, _expected(command, argument), category)
        for text, command, argument, category in rows[1:]
    ]


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide(AMELI)


@pytest.fixture(scope="module")
def corpus() -> list[Utterance]:
    return read_corpus()


def test_the_corpus_is_well_formed(corpus: list[Utterance], guide: Guide) -> None:
    assert len(corpus) >= 300
    counts = Counter(u.category for u in corpus)
    assert set(counts) == CATEGORIES
    assert counts["out_of_scope"] >= 100
    assert all(u.text == u.text.strip() and u.text for u in corpus)
    assert len({u.text.lower() for u in corpus}) == len(corpus), "duplicate utterances"
    ids = {procedure.id for procedure in guide.procedures}
    assert {u.expected.procedure_id for u in corpus if u.expected.procedure_id} <= ids
    out_of_scope = {
        u.category == "out_of_scope"
        for u in corpus
        if u.expected.name is CommandName.NOT_UNDERSTOOD
    }
    assert out_of_scope == {True}


def test_the_corpus_holds_every_command_and_procedure_phrase(
    corpus: list[Utterance], guide: Guide
) -> None:
    labelled = {(u.text, u.expected) for u in corpus}
    for name, phrases in vocabulary.PHRASES.items():
        assert {(p, Command(name)) for p in phrases} <= labelled, name
    for procedure in guide.procedures:
        command = Command(CommandName.OPEN_PROCEDURE, procedure_id=procedure.id)
        missing = {p for p in procedure.phrases if (p, command) not in labelled}
        assert missing == set(), f"add these phrases of {procedure.id} to {DATA.name}"


@pytest.mark.parametrize("learned", [False, True], ids=["words only", "with learned topics"])
def test_accuracy_and_false_accepts(corpus: list[Utterance], guide: Guide, learned: bool) -> None:
    assert guide.learned is not None, "the Ameli memo ships with its learned topics"
    understanding = Understanding(guide if learned else replace(guide, learned=None))
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses = []
    asked = 0
    for utterance in corpus:
        got = understanding.understand(utterance.text)
        total[utterance.category] += 1
        if got == utterance.expected:
            right[utterance.category] += 1
        elif utterance.category == "out_of_scope" and got.name in _QUESTIONS:
            asked += 1  # a question, not an action: counted apart
        else:
            misses.append(f"  {utterance.text!r}: {_label(got)} ≠ {_label(utterance.expected)}")
    in_scope = sum(total.values()) - total["out_of_scope"]
    accuracy = (sum(right.values()) - right["out_of_scope"]) / in_scope
    wrong = total["out_of_scope"] - right["out_of_scope"]
    false_accepts = (wrong - asked) / total["out_of_scope"]
    asked_share = asked / total["out_of_scope"]
    print(f"\nintent accuracy {accuracy:.1%} on {in_scope} in-scope utterances")
    print(f"false accepts {false_accepts:.1%} on {total['out_of_scope']} out-of-scope utterances")
    print(f"asked « Vous voulez : … ? » {asked_share:.1%} of out-of-scope utterances")
    for category in sorted(total):
        print(f"  {category:12} {right[category]}/{total[category]}")
    print("\n".join(misses))
    assert accuracy >= MIN_ACCURACY
    assert false_accepts <= MAX_FALSE_ACCEPTS
    assert asked_share <= (MAX_ASKED_LEARNED if learned else MAX_ASKED)
