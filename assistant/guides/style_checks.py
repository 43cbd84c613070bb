"""Advice for memo writers, on a memo that is already valid: easy French, one action per step.

These are warnings, never errors: the memo still works, but a listener may struggle. Each
names its line. The espeak-ng probe and the lexicon come from the caller (`cli/`), because
speech lives in a higher layer than memo reading.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from assistant.conversation.guide import Guide, Step
from assistant.conversation.pronunciation import Lexicon
from assistant.conversation.wording import spelled_in_step

MAX_WORDS = 20
"""Easy-to-read French (FALC): no sentence longer than this."""
HARD_WORDS: dict[str, str] = {
    "email": r"e-?mails?",
    "courriel": r"courriels?",
    "onglet": r"onglets?",
    "mutuelle": r"mutuelles?",
    "courriers indésirables": r"courriers? indésirables?",
    "valider": r"valid(?:er|ez)",
    "navigateur": r"navigateurs?",
    "identifiant": r"identifiants?",
    "bénéficiaire": r"bénéficiaires?",
    "attestation de droits": r"attestations? de droits",
    "relevé mensuel": r"relevés? mensuels?",
    "RIB": r"RIB",
    "IBAN": r"IBAN",
    "CEAM": r"CEAM",
    "messagerie": r"messageries?",
    "barre d'adresse": r"barre d'adresse",
}
"""Words a listener may not know, each with the forms that count as a use. A memo adds its
own under `mots_difficiles:`."""
_DEFINED_AFTER = re.compile(r"c'est|\best\b|\bsont\b|veut dire|autrement dit|\bsert\b", re.I)
"""« Un onglet est … »: the word comes before these."""
_DEFINED_BEFORE = re.compile(r"s'appelle(?:nt)?|qu'on appelle|\(", re.I)
"""« … qu'on appelle l'IBAN »: the word comes after these."""
_QUOTED = re.compile(r"«[^»]*»")
_IMPERATIVE = re.compile(r"\b(?:[a-zéèêàâîôû]+ez|faites|dites)\b(?!-vous)", re.I)
_TYPING = re.compile(r"\b(?:tape[zr]|saisi|recopi|entrez|écrivez|copiez)", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")

ForeignWords = Callable[[Sequence[str]], list[str]]
"""Returns the words, among those given, that the speech engine says in another language."""


@dataclass(frozen=True)
class StyleWarning:
    line: int
    message: str


@dataclass(frozen=True)
class Said:
    """One text of the memo that is spoken, with where it comes from."""

    text: str
    line: int
    key: str
    """« titre », « introduction », « dire » or « expliquer »."""
    procedure: int | None = None
    step: Step | None = None


@dataclass
class StyleReport:
    warnings: list[StyleWarning] = field(default_factory=list)
    sentence_lengths: list[int] = field(default_factory=list)
    several_actions: int = 0
    unexplained: int = 0


def sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(" ".join(text.split())) if part]


def word_count(sentence: str) -> int:
    return sum(1 for token in sentence.split() if any(char.isalnum() for char in token))


def actions_in(say: str) -> int:
    """Imperatives outside quotes (« Connectez-vous » is a button, not an action); a verb after
    « vous » is not an imperative (« vous pouvez »)."""
    text = _QUOTED.sub(" ", say)
    return sum(
        1 for match in _IMPERATIVE.finditer(text) if not text[: match.start()].endswith("vous ")
    )


def check_style(
    path: Path, guide: Guide, lexicon: Lexicon, foreign: ForeignWords | None
) -> StyleReport:
    """Warnings for the valid memo `guide` read from `path`, with the figures of `--stats`."""
    report = StyleReport()
    texts = list(_said(path, guide))
    for said in texts:
        for sentence in sentences(said.text):
            count = word_count(sentence)
            report.sentence_lengths.append(count)
            if count > MAX_WORDS:
                report.warnings.append(
                    StyleWarning(
                        said.line,
                        f"une phrase a {count} mots (au plus {MAX_WORDS}) : « {sentence} ».",
                    )
                )
        step = said.step
        if step is None or said.key != "dire":
            continue
        if actions_in(step.say) > 1:
            report.several_actions += 1
            report.warnings.append(
                StyleWarning(said.line, "cette étape demande plusieurs actions : coupez-la.")
            )
        if step.spell and not spelled_in_step(step):
            report.warnings.append(
                StyleWarning(
                    said.line,
                    f"le texte à épeler « {step.spell} » n'est pas dit dans l'étape : "
                    "la personne ne saura pas à quoi servent les lettres.",
                )
            )
        if step.secret and not _TYPING.search(step.say):
            report.warnings.append(
                StyleWarning(
                    said.line,
                    "cette étape est marquée « secret » mais ne fait rien taper : "
                    "l'avertissement serait inutile.",
                )
            )
    unexplained = _unexplained(texts, guide)
    report.unexplained = len(unexplained)
    report.warnings += unexplained
    if foreign is not None:
        report.warnings += _foreign(texts, lexicon, foreign)
    report.warnings.sort(key=lambda warning: warning.line)
    return report


def _unexplained(texts: list[Said], guide: Guide) -> list[StyleWarning]:
    """A hard word must be explained where it is first used in each procedure (a listener
    may open any procedure first): in a sentence that defines it, in the step or its
    explanation."""
    forms = dict(HARD_WORDS) | {word: re.escape(word) + "s?" for word in guide.hard_words}
    warnings = []
    for word, form in forms.items():
        pattern = re.compile(rf"(?<!\w){form}(?!\w)", 0 if word.isupper() else re.I)
        done: set[int | None] = set()
        for said in texts:
            if said.key == "titre" or said.procedure in done or not pattern.search(said.text):
                continue
            done.add(said.procedure)
            around = [said.text] + ([said.step.explain or ""] if said.step else [])
            defining = [s for text in around for s in sentences(text) if pattern.search(s)]
            if not any(_defines(pattern, s) for s in defining):
                warnings.append(
                    StyleWarning(said.line, f"le mot difficile « {word} » n'est pas expliqué ici.")
                )
    return warnings


def _defines(word: re.Pattern[str], sentence: str) -> bool:
    used = word.search(sentence)
    if used is None:
        return False
    after = _DEFINED_AFTER.search(sentence, used.end())
    before = _DEFINED_BEFORE.search(sentence, 0, used.start())
    return after is not None or before is not None


def _foreign(texts: list[Said], lexicon: Lexicon, foreign: ForeignWords) -> list[StyleWarning]:
    first_line: dict[str, int] = {}
    for said in texts:
        for word in re.findall(r"[\w.@-]*\w", lexicon.spoken(_QUOTED.sub(_unquote, said.text))):
            first_line.setdefault(word, said.line)
    return [
        StyleWarning(
            first_line[word],
            f"« {word} » serait dit avec une voix étrangère : "
            "ajoutez sa prononciation dans « prononciation: ».",
        )
        for word in foreign(list(first_line))
    ]


def _unquote(match: re.Match[str]) -> str:
    return match.group()[1:-1]


def _said(path: Path, guide: Guide) -> Iterator[Said]:
    """The spoken texts in memo order, each with its line (the memo is known to be valid)."""
    root = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    top = _mapping(root)
    yield Said(guide.title, _line(top.get("titre")), "titre")
    yield Said(guide.introduction, _line(top.get("introduction")), "introduction")
    procedure_nodes = top.get("procedures")
    nodes = procedure_nodes.value if isinstance(procedure_nodes, SequenceNode) else []
    for number, (procedure, node) in enumerate(zip(guide.procedures, nodes, strict=True)):
        keys = _mapping(node)
        yield Said(procedure.title, _line(keys.get("titre")), "titre", number)
        step_nodes = keys.get("etapes")
        steps = step_nodes.value if isinstance(step_nodes, SequenceNode) else []
        for step, step_node in zip(procedure.steps, steps, strict=True):
            step_keys = _mapping(step_node)
            yield Said(step.say, _line(step_keys.get("dire")), "dire", number, step)
            if step.explain:
                line = _line(step_keys.get("expliquer"))
                yield Said(step.explain, line, "expliquer", number, step)


def _mapping(node: Node | None) -> dict[str, Node]:
    if not isinstance(node, MappingNode):
        return {}
    return {key.value: value for key, value in node.value if isinstance(key, ScalarNode)}


def _line(node: Node | None) -> int:
    return 0 if node is None else node.start_mark.line + 1
