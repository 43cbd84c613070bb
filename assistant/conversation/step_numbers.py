"""Steps named by number: « étape 3 », « l'étape numéro trois », « troisième étape », « 3 ».

Numbers are never guessed: a step is only taken from words that name one exactly. The tables
hold plain words (accents folded): number words have no filler or verb form to fold.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.conversation import vocabulary
from assistant.conversation.commands import Command, CommandName
from assistant.conversation.wordforms import Words, plain_words, stem


def _ordinal(number: str) -> str:
    last = number.split()[-1]
    root = {"cinq": "cinqu", "neuf": "neuv"}.get(last, last.removesuffix("e"))
    return number.removesuffix(last) + root + "ieme"


NUMBER_WORDS = {plain_words(n): i for i, n in enumerate(vocabulary.NUMBERS, 1)}
NUMBER_WORDS |= {("une",): 1, ("vingt", "un"): 21}
ORDINALS = {plain_words(_ordinal(n)): i for i, n in enumerate(vocabulary.NUMBERS, 1)}
ORDINALS |= {(w,): n for w, n in (("premier", 1), ("premiere", 1), ("second", 2), ("seconde", 2))}
SPOKEN_ORDINALS = frozenset(
    {w.replace("ieme", "ième") for n in vocabulary.NUMBERS for w in _ordinal(n).split()}
    | {"premier", "première", "second", "seconde"}
)
"""Ordinal words as a recognizer writes them, for the grammar: without them « la troisième
étape » could only be heard as « la [unk] étape »."""
NUMBER_STEMS = frozenset(stem(w) for n in vocabulary.NUMBERS for w in n.split())
STEP_WORDS = frozenset(plain_words(" ".join(vocabulary.STEP_WORDS)))


def step_command(words: Words) -> Command | None:
    """« étape 3 », « l'étape numéro trois », « troisième étape », « 3 »: GOTO_STEP."""
    if words[-1:] == ("etape",) and words[:-1] in ORDINALS:
        return Command(CommandName.GOTO_STEP, step_number=ORDINALS[words[:-1]])
    while words and words[0] in STEP_WORDS:
        words = words[1:]
    # isdecimal, not isdigit: « ² » or « 𑁒 » are digits that int() refuses.
    if len(words) == 1 and words[0].isdecimal() and len(words[0]) <= 3 and int(words[0]) > 0:
        return Command(CommandName.GOTO_STEP, step_number=int(words[0]))
    number = NUMBER_WORDS.get(words) or ORDINALS.get(words)
    return Command(CommandName.GOTO_STEP, step_number=number) if number else None


_MOVING = frozenset(
    stem(w)
    for w in (
        "va", "aller", "allez", "allons", "passe", "passez", "passer", "passons", "saute",
        "sautez", "sauter", "mets", "mettez", "mettre", "emmene", "emmenez", "emmener",
        "conduire", "conduisez", "retourne", "retournez", "revenez", "reviens", "lisez", "lire",
        "donnez", "montrez", "direct",
    )
)  # fmt: skip
"""Verbs that take the listener somewhere: with one of them, « à la cinq » names a step."""
_POINTERS = frozenset({"numero", "point"})


def step_asked(words: Words, fits_beside: Callable[[Words, int], bool]) -> Command | None:
    """A step asked for by its number amid a few other words: « passez à la cinquième étape,
    j'ai déjà fait le reste », « mettez-moi à la 5 », « aller numéro 4 ». Every number said
    must name the same step; `fits_beside(rest, budget)` judges the other words, allowing
    `budget` words of other content: two beside « étape », one beside a weaker pointer with
    a verb that moves, none without (« le numéro trois de la rue »)."""
    spans: list[tuple[int, int, int]] = []
    strong = False
    moving = any(stem(w) in _MOVING for w in words)
    index = 0
    while index < len(words):
        span = _reference_at(words, index, moving)
        if span is None:
            index += 1
            continue
        spans.append(span)
        strong = strong or "etape" in words[span[0] : span[1]]
        index = span[1]
    if len({number for _, _, number in spans}) != 1:
        return None
    taken = {i for first, last, _ in spans for i in range(first, last)}
    rest = tuple(w for i, w in enumerate(words) if i not in taken)
    if not fits_beside(rest, 2 if strong else 1 if moving else 0):
        return None
    return Command(CommandName.GOTO_STEP, step_number=spans[0][2])


def _reference_at(words: Words, index: int, moving: bool) -> tuple[int, int, int] | None:
    """(first, last, number) of a step named from `index` on, or None."""
    word = words[index]
    if (word,) in ORDINALS or (word,) in NUMBER_WORDS or word.isdecimal():
        if words[index + 1 : index + 2] == ("etape",):  # « cinquième étape »
            found = step_command(words[index : index + 2])
            return (index, index + 2, found.step_number or 0) if found else None
        if moving and index > 0 and words[index - 1] in ("la", "au"):  # « va à la trois »
            found = step_command(words[index : index + 1])
            return (index - 1, index + 1, found.step_number or 0) if found else None
        return None
    if word == "etape" or word in _POINTERS:
        skip = int(word == "point")  # « point 3 », « point numéro 3 »
        for size in (3, 2):  # « étape numéro 3 », « numéro 3 »
            found = step_command(words[index + skip : index + size])
            if found and found.step_number and words[index + size - 1 :][:1] != ("numero",):
                return index, index + size, found.step_number
    return None
