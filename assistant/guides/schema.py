"""What a memo file contains, with French key names for writers who are not programmers.

Turns the YAML node tree into `Guide`, `Procedure` and `Step`, keeping what could be read of
each procedure even when part of it is wrong, so the checks across procedures still run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yaml.nodes import MappingNode, Node

from assistant.conversation.guide import Guide, Procedure, Step
from assistant.guides.nodes import Issue, Located, NodeReader, fold, is_text, kind_of

GUIDE_KEYS = ("titre", "introduction", "procedures", "prononciation", "mots_difficiles")
PROCEDURE_KEYS = ("id", "titre", "phrases", "mots", "etapes")
STEP_KEYS = ("dire", "expliquer", "ecran", "epeler", "secret")
_HOMES = {
    **dict.fromkeys(GUIDE_KEYS, "le haut du mémo"),
    **dict.fromkeys(PROCEDURE_KEYS, "une procédure"),
    **dict.fromkeys(STEP_KEYS, "une étape"),
    "titre": "le haut du mémo ou une procédure",
}
_TOP = "le haut du mémo"
_ID_PATTERN = re.compile(r"[a-z0-9_]+")


@dataclass
class ProcedureDraft:
    """What could be read of one procedure."""

    label: str
    """« la procédure « Mes aides » », or « la procédure n° 2 » when the title is unreadable."""
    short: str
    """« « Mes aides » » or « la procédure n° 2 », to follow « de »."""
    id: Located | None
    title: Located | None
    phrases: list[Located]
    procedure: Procedure | None
    """None as soon as anything inside is wrong."""
    words: list[Located] = field(default_factory=list)
    """The `mots:` entries, as written."""


@dataclass
class GuideDraft:
    issues: list[Issue]
    procedures: list[ProcedureDraft] = field(default_factory=list)
    guide: Guide | None = None
    """Built only when no issue at all was found."""


def walk_guide(root: Node) -> GuideDraft:
    """Reads a whole memo from its root node."""
    reader = NodeReader(root)
    draft = GuideDraft(reader.issues)
    if reader.refused(root):
        return draft
    if not isinstance(root, MappingNode):
        names = ", ".join(GUIDE_KEYS)
        reader.add(root, f"le mémo doit être un groupe de clés ({names}), pas {kind_of(root)}.")
        return draft
    values = reader.fields(root, GUIDE_KEYS, _TOP, _HOMES)
    title = reader.text(
        values.get("titre"), root, "« titre »", _TOP, "le mémo n'a pas de titre (clé « titre »)."
    )
    introduction = reader.text(
        values.get("introduction"),
        root,
        "« introduction »",
        _TOP,
        "le mémo n'a pas d'introduction (clé « introduction »).",
    )
    items = reader.items(
        values.get("procedures"),
        root,
        "« procedures »",
        _TOP,
        "le mémo n'a aucune procédure (clé « procedures »).",
    )
    for number, item in enumerate(items, start=1):
        procedure = _walk_procedure(reader, item, number)
        if procedure is not None:
            draft.procedures.append(procedure)
    pronunciation = _walk_pronunciation(reader, values.get("prononciation"))
    hard_words = _walk_hard_words(reader, values.get("mots_difficiles"), root)
    # Every missing piece has left an issue, so no issue means everything is there.
    if reader.issues or title is None or introduction is None:
        return draft
    complete = tuple(each.procedure for each in draft.procedures if each.procedure is not None)
    draft.guide = Guide(title.text, introduction.text, complete, pronunciation, hard_words)
    return draft


def _walk_pronunciation(reader: NodeReader, node: Node | None) -> tuple[tuple[str, str], ...]:
    """`prononciation:` maps what is written to what is said: « CEAM: C E A M »."""
    owner = "« prononciation »"
    if node is None or reader.refused(node):
        return ()
    if not isinstance(node, MappingNode):
        reader.wrong_type(node, owner, _TOP, "un groupe de lignes « écrit: dit »")
        return ()
    entries: list[tuple[str, str]] = []
    for key_node, value_node in node.value:
        written = reader.text(key_node, node, "une forme écrite", owner, None)
        said = reader.text(value_node, node, f"la façon de dire « {key_node.value} »", owner, None)
        if written is not None and said is not None:
            entries.append((written.text, said.text))
    return tuple(entries)


def _walk_hard_words(reader: NodeReader, node: Node | None, root: Node) -> tuple[str, ...]:
    """`mots_difficiles:` adds words that `valider` expects to be explained where first used."""
    if node is None:
        return ()
    items = reader.items(node, root, "« mots_difficiles »", _TOP, "la liste est vide.")
    words = (reader.text(each, root, "un mot", "« mots_difficiles »", None) for each in items)
    return tuple(word.text for word in words if word is not None)


def _walk_procedure(reader: NodeReader, node: Node, number: int) -> ProcedureDraft | None:
    label = f"la procédure n° {number}"
    if reader.refused(node):
        return None
    if not isinstance(node, MappingNode):
        names = ", ".join(PROCEDURE_KEYS)
        reader.add(node, f"{label} doit être un groupe de clés ({names}), pas {kind_of(node)}.")
        return None
    issues_before = len(reader.issues)
    named = _peek_title(node)
    short = label if named is None else f"« {named} »"
    label = label if named is None else f"la procédure {short}"
    values = reader.fields(node, PROCEDURE_KEYS, label, _HOMES)
    title = reader.text(
        values.get("titre"), node, "« titre »", label, f"{label} n'a pas de titre (clé « titre »)."
    )
    procedure_id = reader.text(
        values.get("id"), node, "« id »", label, f"{label} n'a pas d'identifiant (clé « id »)."
    )
    if procedure_id is not None and not _ID_PATTERN.fullmatch(procedure_id.text):
        reader.issues.append(Issue(procedure_id.line, _bad_id_message(procedure_id.text, label)))
        procedure_id = None
    phrase_nodes = reader.items(
        values.get("phrases"),
        node,
        "« phrases »",
        label,
        f"{label} n'a aucune phrase pour la demander (clé « phrases »).",
    )
    phrases = [
        reader.text(
            each, node, f"la phrase {index}", label, f"la phrase {index} de {short} est vide."
        )
        for index, each in enumerate(phrase_nodes, start=1)
    ]
    words = _walk_words(reader, values.get("mots"), node, label, short)
    step_nodes = reader.items(
        values.get("etapes"),
        node,
        "« etapes »",
        label,
        f"{label} n'a aucune étape (clé « etapes »).",
    )
    steps = [
        _walk_step(reader, each, f"l'étape {index} de {short}")
        for index, each in enumerate(step_nodes, start=1)
    ]
    readable_phrases = [each for each in phrases if each is not None]
    draft = ProcedureDraft(label, short, procedure_id, title, readable_phrases, None, words)
    if len(reader.issues) == issues_before and procedure_id is not None and title is not None:
        draft.procedure = Procedure(
            procedure_id.text,
            title.text,
            tuple(each.text for each in readable_phrases),
            tuple(each for each in steps if each is not None),
            tuple(each.text for each in words),
        )
    return draft


def _walk_words(
    reader: NodeReader, node: Node | None, parent: Node, label: str, short: str
) -> list[Located]:
    """The optional `mots:` list: words people use for the procedure, one or a few each."""
    if node is None:
        return []
    missing = f"la liste « mots » de {short} est vide : écrivez des mots ou retirez la clé."
    items = reader.items(node, parent, "« mots »", label, missing)
    found = [
        reader.text(each, parent, f"le mot {index}", label, f"le mot {index} de {short} est vide.")
        for index, each in enumerate(items, start=1)
    ]
    return [each for each in found if each is not None]


def _peek_title(node: MappingNode) -> str | None:
    """The title as written, so that even problems above it can name the procedure."""
    for key_node, value_node in node.value:
        if is_text(key_node) and fold(key_node.value) == "titre" and is_text(value_node):
            return value_node.value.strip() or None
    return None


def _bad_id_message(value: str, label: str) -> str:
    suggestion = re.sub(r"[^a-z0-9]+", "_", fold(value)).strip("_")
    example = f" : par exemple « {suggestion} »" if suggestion else ""
    return (
        f"l'identifiant « {value} » de {label} ne doit contenir que des lettres minuscules "
        f"sans accent, des chiffres et « _ »{example}."
    )


def _walk_step(reader: NodeReader, node: Node, owner: str) -> Step | None:
    if reader.refused(node):
        return None
    if not isinstance(node, MappingNode):
        if is_text(node):
            example = "par exemple « - dire: Ouvrez ameli.fr »"
            message = f"{owner} doit commencer par « dire: » ({example})."
        else:
            message = f"{owner} doit être un groupe de clés comme « dire: … », pas {kind_of(node)}."
        reader.add(node, message)
        return None
    values = reader.fields(node, STEP_KEYS, owner, _HOMES)
    missing_say = f"{owner} n'a pas de texte à dire (clé « dire »)."
    say = reader.text(values.get("dire"), node, "« dire »", owner, missing_say)
    explain, screen, spell = (
        reader.text(values.get(key), node, f"« {key} »", owner, None)
        for key in ("expliquer", "ecran", "epeler")
    )
    secret = reader.flag(values.get("secret"), "« secret »", owner)
    if say is None or secret is None:
        return None
    return Step(say.text, _text_of(explain), _text_of(screen), _text_of(spell), secret)


def _text_of(located: Located | None) -> str | None:
    return None if located is None else located.text
