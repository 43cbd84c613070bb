"""Reads values out of a YAML node tree and notes, with its line, everything that is wrong.

It works on nodes from `yaml.compose`, never on constructed Python objects: each value keeps
its line number, and no tag can ever run code. Reading goes on after a problem so that the
memo writer sees every mistake at once, not one per try. What a memo contains is decided in
`guide_schema`.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_CORE = "tag:yaml.org,2002:"
_STR = _CORE + "str"
_NULL = _CORE + "null"
_BOOL = _CORE + "bool"
_ALLOWED_TAGS = frozenset(
    _CORE + name
    for name in ("null", "bool", "int", "float", "str", "timestamp", "seq", "map", "merge", "value")
)
_KIND_OF_TAG = {
    "int": "un nombre",
    "float": "un nombre",
    "bool": "un oui/non",
    "timestamp": "une date",
}
# YAML 1.1 already reads yes/no/true/false/on/off; French writers will also write oui/non.
_TRUE_WORDS = frozenset({"oui", "vrai"})
_FALSE_WORDS = frozenset({"non", "faux"})
_LIST_HINT = " (un élément par ligne, chacun précédé de « - »)"
_QUOTE_HINT = " (si c'est du texte, mettez-le entre guillemets)"


@dataclass(frozen=True)
class Issue:
    line: int
    """1-based."""
    message: str


@dataclass(frozen=True)
class Located:
    """A text value and the line it was written on."""

    text: str
    line: int


def fold(text: str) -> str:
    """Lowercase without accents, to recognise « Étapes » as the key « etapes »."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def line_of(node: Node) -> int:
    return node.start_mark.line + 1


def kind_of(node: Node) -> str:
    """What the writer put there, in words: « une liste », « un nombre »…"""
    if isinstance(node, SequenceNode):
        return "une liste"
    if isinstance(node, MappingNode):
        return "un groupe de clés"
    if node.tag == _NULL:
        return "vide"
    return _KIND_OF_TAG.get(node.tag.removeprefix(_CORE), "du texte")


def is_text(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _STR


def meant_key(key: str, known: tuple[str, ...], homes: Mapping[str, str]) -> str | None:
    """The known key that `key` most likely meant: « Étapes » or « etape » for « etapes ».
    None for a key of another level (`homes`), which is rather a line indented wrongly."""
    plain = fold(key)
    if plain in known:
        return plain
    if plain in homes:
        return None
    guesses = difflib.get_close_matches(plain, known, n=1, cutoff=0.6)
    return guesses[0] if guesses else None


def unknown_key_message(
    key: str, known: tuple[str, ...], owner: str, homes: Mapping[str, str]
) -> str:
    plain = fold(key)
    meant = meant_key(key, known, homes)
    if meant == plain:
        return f"dans {owner}, écrivez la clé « {key} » sans accent ni majuscule : « {plain} »."
    if meant is not None:
        return f"clé inconnue « {key} » dans {owner} : vouliez-vous dire « {meant} » ?"
    if plain in homes:
        return (
            f"la clé « {key} » n'a pas sa place dans {owner} : elle va dans {homes[plain]}. "
            "Vérifiez le nombre d'espaces en début de ligne."
        )
    names = ", ".join(f"« {name} »" for name in known)
    return f"clé inconnue « {key} » dans {owner} : les clés possibles sont {names}."


def _foreign_tag_message(tag: str) -> str:
    if tag.startswith("!"):  # a local tag: most likely a text that begins with « ! »
        return "un texte ne peut pas commencer par « ! » : mettez tout le texte entre guillemets."
    shown = tag.replace(_CORE, "!!")
    return f"l'étiquette « {shown} » n'est pas autorisée dans un mémo : retirez-la."


class NodeReader:
    """Reads typed values from nodes; each wrong value becomes an `Issue` and gives None."""

    def __init__(self, root: Node) -> None:
        self.issues: list[Issue] = []
        self._refused: set[int] = set()
        self._refuse_foreign_tags(root)

    def add(self, node: Node, message: str) -> None:
        self.issues.append(Issue(line_of(node), message))

    def _refuse_foreign_tags(self, root: Node) -> None:
        """Notes every tag outside plain YAML (such as !!python/object) once, wherever it is."""
        seen: set[int] = set()
        pending = [root]
        while pending:
            node = pending.pop()
            if id(node) in seen:
                continue  # an alias points back to a node already seen
            seen.add(id(node))
            if node.tag not in _ALLOWED_TAGS:
                self._refused.add(id(node))
                self.add(node, _foreign_tag_message(node.tag))
            if isinstance(node, SequenceNode):
                pending.extend(node.value)
            elif isinstance(node, MappingNode):
                for key_node, value_node in node.value:
                    pending.extend((key_node, value_node))

    def refused(self, node: Node) -> bool:
        """True for a node with a foreign tag, already reported: nothing more is said of it."""
        return id(node) in self._refused

    def wrong_type(self, node: Node, name: str, owner: str, expected: str) -> None:
        hint = _QUOTE_HINT if isinstance(node, ScalarNode) and expected == "du texte" else ""
        if expected == "une liste":
            hint = _LIST_HINT
        self.add(node, f"dans {owner}, {name} doit être {expected}, pas {kind_of(node)}{hint}.")

    def fields(
        self, node: MappingNode, known: tuple[str, ...], owner: str, homes: Mapping[str, str]
    ) -> dict[str, Node]:
        """The known keys of a mapping; duplicate and unknown keys become issues."""
        first_lines: dict[str, int] = {}
        values: dict[str, Node] = {}
        stand_ins: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if self.refused(key_node):
                continue
            if not isinstance(key_node, ScalarNode):
                self.add(key_node, f"dans {owner}, une clé doit être un simple mot.")
                continue
            key = key_node.value
            if key in first_lines:
                self.add(
                    key_node,
                    f"la clé « {key} » apparaît deux fois dans {owner} "
                    f"(déjà ligne {first_lines[key]}) : gardez-en une seule.",
                )
                continue
            first_lines[key] = line_of(key_node)
            if key in known:
                values[key] = value_node
                continue
            self.add(key_node, unknown_key_message(key, known, owner, homes))
            meant = meant_key(key, known, homes)
            if meant is not None:
                stand_ins.setdefault(meant, value_node)
        # A misspelt key still has its content checked, and is not also reported missing.
        return {**stand_ins, **values}

    def text(
        self, node: Node | None, parent: Node, name: str, owner: str, missing: str | None
    ) -> Located | None:
        """A text value; `missing` is the sentence for a required one that is absent or empty,
        None for an optional one."""
        if node is None:
            if missing is not None:
                self.add(parent, missing)
            return None
        if self.refused(node):
            return None
        if isinstance(node, ScalarNode) and node.tag in (_STR, _NULL):
            text = node.value.strip() if node.tag == _STR else ""
            if text:
                return Located(text, line_of(node))
            empty = f"dans {owner}, {name} est vide : écrivez un texte ou retirez la ligne."
            self.add(node, missing if missing is not None else empty)
            return None
        self.wrong_type(node, name, owner, "du texte")
        return None

    def items(
        self, node: Node | None, parent: Node, name: str, owner: str, missing: str
    ) -> list[Node]:
        """The elements of a required, non-empty list; [] after noting an issue."""
        if node is None or (isinstance(node, ScalarNode) and node.tag == _NULL):
            self.add(parent if node is None else node, missing)
            return []
        if self.refused(node):
            return []
        if not isinstance(node, SequenceNode):
            self.wrong_type(node, name, owner, "une liste")
            return []
        if not node.value:
            self.add(node, missing)
        return list(node.value)

    def flag(self, node: Node | None, name: str, owner: str) -> bool | None:
        """A yes/no value, False when absent."""
        if node is None:
            return False
        if self.refused(node):
            return None
        if isinstance(node, ScalarNode):
            word = fold(node.value)
            if node.tag == _BOOL:
                return word in ("yes", "true", "on")
            if node.tag == _STR and word in _TRUE_WORDS | _FALSE_WORDS:
                return word in _TRUE_WORDS
        self.add(node, f"dans {owner}, {name} doit valoir oui ou non (true/false).")
        return None
