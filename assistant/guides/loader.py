"""Reads a memo file, checks it and turns it into a `Guide`.

Memo writers are not programmers: every problem in a file is reported at once, each with its
line and a short French sentence, and nothing here ever ends in a traceback.
"""

from __future__ import annotations

import errno
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from assistant.conversation.commands import CommandName
from assistant.conversation.guide import Guide
from assistant.guides.learned_file import learned_path, read_learned
from assistant.guides.nodes import Issue, Located
from assistant.guides.routing_checks import routing_issues
from assistant.guides.schema import ProcedureDraft, walk_guide


@dataclass(frozen=True)
class GuideProblem:
    """One mistake in a memo file, told to the person who wrote it."""

    file: str
    """The path as the user gave it."""
    line: int | None
    """1-based; None only when the file itself cannot be read."""
    message: str
    """Plain, polite, short French sentence."""

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.file} : {self.message}"
        return f"{self.file}, ligne {self.line} : {self.message}"


class GuideError(Exception):
    """A memo that cannot be used; `str()` gives every problem, one per line."""

    def __init__(self, problems: Iterable[GuideProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


MAX_MEMO_BYTES = 1_000_000
"""The Ameli memo is 15 KB; checked before reading. A 1.9 MB list memo still took 20 s and
340 MB to check, so the limit stays well below that."""


class _Unreadable(Exception):
    """The file cannot be turned into a YAML node tree; carries the French message."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


_QUOTE_IT = "mettez tout le texte entre guillemets"
# (words in PyYAML's message, French explanation, point at where the construct began)
_SYNTAX_EXPLANATIONS = (
    ("'\\t'", "une tabulation est utilisée : remplacez-la par des espaces", False),
    (
        "mapping values are not allowed",
        "un deux-points « : » est mal placé : si le texte contient « : », "
        f"{_QUOTE_IT} ; sinon, vérifiez le nombre d'espaces en début de ligne",
        False,
    ),
    ("could not find expected ':'", "il manque un deux-points « : » après le nom de la clé", True),
    ("scanning a quoted scalar", "un guillemet ouvert ici n'est jamais fermé", True),
    ("double-quoted scalar", "un texte entre guillemets contient une barre « \\ » invalide", False),
    ("scanning an alias", f"un texte ne peut pas commencer par « * » : {_QUOTE_IT}", True),
    ("scanning an anchor", f"un texte ne peut pas commencer par « & » : {_QUOTE_IT}", True),
    ("block scalar", "après « | » ou « > », le texte doit commencer à la ligne suivante", True),
    ("cannot start any token", f"un texte ne peut pas commencer par ce signe : {_QUOTE_IT}", False),
    (
        "mapping keys are not allowed",
        f"un texte ne peut pas commencer par « ? » : {_QUOTE_IT}",
        False,
    ),
    (
        "sequence entries are not allowed",
        "un tiret « - » est mal placé : vérifiez le nombre d'espaces en début de ligne",
        False,
    ),
    ("found undefined alias", "« * » renvoie à un repère « & » qui n'existe pas", False),
    ("duplicate anchor", "le même repère « & » est défini deux fois", False),
    (
        "expected a single document",
        "le fichier contient plusieurs mémos séparés par « --- » : gardez-en un seul",
        False,
    ),
    ("expected ',' or '}'", "une accolade « { » ouverte ici n'est jamais fermée", True),
    ("expected ',' or ']'", "un crochet « [ » ouvert ici n'est jamais fermé", True),
    ("expected <block end>", "le nombre d'espaces en début de ligne n'est pas cohérent", False),
)
_SYNTAX_FALLBACK = (
    "la mise en forme est incorrecte : vérifiez les espaces en début de ligne, "
    "les deux-points « : » et les guillemets"
)


def check_guide_file(path: Path) -> list[GuideProblem]:
    """Every problem in the memo at `path`; [] when it is valid."""
    return _examine(path)[1]


def load_guide(path: Path, learned: bool = True) -> Guide:
    """The memo at `path`, or GuideError listing every problem in it. Without `learned`, its
    learned topics are not read (to learn them again, when they no longer fit)."""
    guide, problems = _examine(path, learned)
    if guide is None:
        raise GuideError(problems)
    return guide


def _examine(path: Path, learned: bool = True) -> tuple[Guide | None, list[GuideProblem]]:
    name = str(path)
    try:
        root = _compose(_read_text(path))
        draft = walk_guide(root)
        issues = draft.issues + _check_across_procedures(draft.procedures)
        if draft.guide is not None and not issues:  # understanding needs a whole memo
            issues += routing_issues(draft.guide, draft.procedures)
    except _Unreadable as unreadable:
        return None, [GuideProblem(name, unreadable.line, unreadable.message)]
    except Exception as error:  # a bug must still reach the writer as a sentence, not a traceback
        message = (
            "le mémo n'a pas pu être vérifié à cause d'une erreur interne "
            f"({type(error).__name__}). Merci de signaler ce problème."
        )
        return None, [GuideProblem(name, None, message)]
    problems = [GuideProblem(name, issue.line, issue.message) for issue in issues]
    problems.sort(key=lambda problem: problem.line or 0)
    if problems or draft.guide is None or not learned:
        return draft.guide if not problems else None, problems
    model, why_not = read_learned(path, draft.guide)
    if why_not:
        return None, [GuideProblem(str(learned_path(path)), None, why_not)]
    return replace(draft.guide, learned=model), []


def _read_text(path: Path) -> str:
    if path.is_dir():
        raise _Unreadable("c'est un dossier, pas un fichier de mémo.")
    if path.exists() and not path.is_file():  # a pipe or a device would block the read forever
        raise _Unreadable("ce n'est pas un fichier ordinaire.")
    try:
        # A memo is a few dozen KB; a 10 MB one made `valider` run 98 s and take 2.9 GB.
        if path.stat().st_size > MAX_MEMO_BYTES:
            raise _Unreadable(
                f"ce fichier est bien trop gros pour un mémo (plus de {MAX_MEMO_BYTES // 1_000_000}"
                " Mo) : vérifiez que c'est le bon fichier."
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise _Unreadable("ce fichier n'existe pas : vérifiez son nom et son dossier.") from None
    except PermissionError:
        raise _Unreadable("ce fichier ne peut pas être lu : l'accès est refusé.") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _Unreadable("ce chemin est un lien qui renvoie sur lui-même.") from None
        raise _Unreadable("ce fichier ne peut pas être lu.") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Unreadable(
            "ce fichier n'est pas enregistré en UTF-8 : enregistrez-le de nouveau en choisissant "
            "l'encodage UTF-8."
        ) from None
    if not text.strip():
        raise _Unreadable("ce fichier est vide.")
    return text


def _compose(text: str) -> yaml.Node:
    try:
        # SafeLoader and compose only: a node tree, never a constructed Python object.
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        raise _syntax_problem(error) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        raise _Unreadable(
            f"le fichier contient un caractère invisible interdit (code {error.character!r}) : "
            "supprimez-le.",
            line,
        ) from None
    except yaml.YAMLError:
        raise _Unreadable(_SYNTAX_FALLBACK + ".") from None
    except RecursionError:
        raise _Unreadable("le fichier est imbriqué trop profondément pour être lu.") from None
    if root is None:
        raise _Unreadable("ce fichier ne contient que des commentaires, aucun mémo.")
    return root


def _syntax_problem(error: yaml.MarkedYAMLError) -> _Unreadable:
    words = f"{error.context or ''} {error.problem or ''}"
    explanation, at_start = next(
        ((french, start) for clue, french, start in _SYNTAX_EXPLANATIONS if clue in words),
        (_SYNTAX_FALLBACK, False),
    )
    mark = error.context_mark if at_start and error.context_mark else error.problem_mark
    if mark is None:
        return _Unreadable(f"{explanation}.")
    return _Unreadable(f"{explanation} (colonne {mark.column + 1}).", mark.line + 1)


def _check_across_procedures(procedures: list[ProcedureDraft]) -> list[Issue]:
    """Same id twice, words that would open two procedures, or words that are a command."""
    issues: list[Issue] = []
    owners_of_ids: dict[str, ProcedureDraft] = {}
    owners_of_words: dict[str, tuple[ProcedureDraft, int]] = {}
    for procedure in procedures:
        if procedure.id is not None:
            first = owners_of_ids.setdefault(procedure.id.text, procedure)
            if first is not procedure and first.id is not None:
                issues.append(
                    Issue(
                        procedure.id.line,
                        f"l'identifiant « {procedure.id.text} » de {procedure.label} est déjà "
                        f"celui de {first.label} (ligne {first.id.line}) : choisissez-en un autre.",
                    )
                )
        # The title is heard as well as the phrases (see `understanding`), so it is checked too.
        spoken = [
            (f"la phrase « {each.text} » de {procedure.short}", each) for each in procedure.phrases
        ]
        if procedure.title is not None:
            spoken.insert(0, (f"le titre de {procedure.label}", procedure.title))
        for said, words in spoken:
            message = _spoken_problem(said, words, procedure, owners_of_words)
            if message is not None:
                issues.append(Issue(words.line, message))
    return issues


def _spoken_problem(
    said: str,
    words: Located,
    procedure: ProcedureDraft,
    owners: dict[str, tuple[ProcedureDraft, int]],
) -> str | None:
    """Words must lead to this procedure only: not empty, not a command, not shared."""
    from assistant.conversation.understanding import command_phrase_collision, normalize

    key = normalize(words.text)
    if not key:
        return f"{said} ne contient aucun mot à reconnaître."
    command = command_phrase_collision(words.text)
    if command is not None:
        return f"{said} est déjà une commande ({_command_word(command)}) : choisissez-en une autre."
    other, other_line = owners.setdefault(key, (procedure, words.line))
    if other is procedure:
        return None  # the same words twice in one procedure do no harm
    return (
        f"{said} désigne déjà {other.short} (ligne {other_line}) : "
        "des mêmes mots ne peuvent mener qu'à une seule procédure."
    )


def _command_word(command: CommandName) -> str:
    """The usual French word for a built-in command, as the listener would say it."""
    from assistant.conversation.vocabulary import PHRASES

    if command is CommandName.GOTO_STEP:
        return "aller à une étape"
    phrases = PHRASES.get(command)
    return phrases[0] if phrases else f"{command.value}"
