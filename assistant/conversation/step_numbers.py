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
NUMBER_STEMS = frozenset(stem(w) for n in vocabulary.NUMBERS for w in n.split())
STEP_WORDS = frozenset(plain_words(" ".join(vocabulary.STEP_WORDS)))


def step_command(words: Words) -> Command | None:
    """« étape 3 », « l'étape numéro trois », « troisième étape », « 3 »: GOTO_STEP."""
    if words[-1:] == ("etape",) and words[:-1] in ORDINALS:
        return Command(CommandName.GOTO_STEP, step_number=ORDINALS[words[:-1]])
    while words and words[0] in STEP_WORDS:
        words = words[1:]
    if len(words) == 1 and words[0].isdigit() and len(words[0]) <= 3 and int(words[0]) > 0:
        return Command(CommandName.GOTO_STEP, step_number=int(words[0]))
    number = NUMBER_WORDS.get(words) or ORDINALS.get(words)
    return Command(CommandName.GOTO_STEP, step_number=number) if number else None


def step_within(words: Words, says_nothing: Callable[[Words], bool]) -> Command | None:
    """« on va directement à la sixième étape »: a step named with « étape » amid words that
    go with any command (`says_nothing`); a bare number amid other words is never taken."""
    for start, word in enumerate(words):
        if word != "etape":
            continue
        for first, last in ((start - 1, start + 1), (start, start + 2), (start, start + 3)):
            found = step_command(words[max(0, first) : last]) if first >= 0 else None
            rest = words[: max(0, first)] + words[last:]
            if found and says_nothing(rest):
                return found
    return None
