"""Yes or no inside a sentence: « oui, je veux bien, j'ai terminé », « surtout pas, j'ai pas
fini ».

Asked « Voulez-vous quitter ? », people answer with a sentence, not a word. Such a sentence
holds one clear yes or one clear no, and the rest is their reason. The polarity is read here,
for any sentence; only a yes-or-no question takes it (`Command.answer`), so « oui, suivant »
in a step is still « suivant ». Words are plain (accents folded, apostrophes split).
"""

from __future__ import annotations

from assistant.conversation.commands import CommandName

Words = tuple[str, ...]

_NO_PHRASES: tuple[Words, ...] = (
    ("pas", "d", "accord"),
    ("absolument", "pas"),
    ("certainement", "pas"),
    ("pas", "question"),
    ("pas", "du", "tout"),
    ("surtout", "pas"),
    ("du", "tout"),
    ("pantoute",),  # « pas du tout » in Québec
    ("ne", "crois", "pas"),
    ("crois", "pas"),
    ("non",),
    ("nan",),
    ("nenni",),
    ("negatif",),
)
"""Longest first: « absolument pas » is a no before « absolument » can be a yes."""
_YES_PHRASES: tuple[Words, ...] = (
    ("tout", "a", "fait"),
    ("bien", "sur"),
    ("d", "accord"),
    ("c", "est", "bon"),
    ("oui",),
    ("ouais",),
    ("ouai",),
    ("ouaip",),
    ("yes",),
    ("ok",),
    ("okay",),
    ("dacord",),
    ("volontiers",),
    ("volontier",),
    ("affirmatif",),
    ("pardi",),
)
_OPENING_NO: tuple[Words, ...] = (
    ("pas", "tout", "de", "suite"),
    ("pas", "maintenant"),
    ("pas", "encore"),
    ("jamais", "de", "la", "vie"),
)
"""Answer no only said first (« pas encore, j'ai pas fini »): later they deny something else
(« la CAF a pas encore versé », « j'ai pas encore de compte, comment j'en ouvre un ? »)."""
_OPENING_YES: tuple[Words, ...] = (
    ("absolument",), ("exactement",), ("evidemment",), ("certainement",),
)  # fmt: skip
"""Adverbs that answer yes only said first (« exactement, j'ai fini »): later they qualify a
verb (« je dois faire quoi exactement ? », « il faut absolument que je finisse »)."""
_BEFORE_AN_ANSWER = frozenset({"euh", "ah", "oh", "eh", "ben", "bah", "bon", "hum", "mais"})


def answer_in(words: Words) -> CommandName | None:
    """YES or NO when the sentence holds words of one of them only; None when it holds none,
    or both (« je ne sais pas si c'est oui ou non »)."""
    found: set[CommandName] = set()
    index = 0
    while index < len(words):
        size = _match(words, index, _NO_PHRASES) or _opening(words, index, _OPENING_NO)
        if size:
            found.add(CommandName.NO)
        else:
            size = _match(words, index, _YES_PHRASES) or _opening(words, index, _OPENING_YES)
            if size:
                found.add(CommandName.YES)
        index += size or 1
    return found.pop() if len(found) == 1 else None


def _match(words: Words, index: int, phrases: tuple[Words, ...]) -> int:
    for phrase in phrases:
        if words[index : index + len(phrase)] == phrase:
            return len(phrase)
    return 0


def _opening(words: Words, index: int, phrases: tuple[Words, ...]) -> int:
    """The size of one of `phrases` at `index`, counted only when said first (after fillers)."""
    said_first = all(word in _BEFORE_AN_ANSWER for word in words[:index])
    return _match(words, index, phrases) if said_first else 0
