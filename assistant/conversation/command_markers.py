"""Words that ask for one command whatever else is said: « épelez », « lettre par lettre »,
« on refait tout depuis le début », « fin de la pause ».

The other layers take a command when the rest of the sentence is grammar or a short reason.
But some requests carry an object or a long reason that names other things (« l'adresse du
site, vous pouvez la dire lettre après lettre ? », « recommencez au début, je me suis
perdu »), and the topic layer then hears « adresse » or « perdu ». These markers are too
specific to be said in passing, so they win, with two guards: the sentence is no story in the
imperfect (« on recommençait tout depuis le début »), and it speaks of no other person nor
of the past unless it speaks to us (« ma petite-fille apprend à épeler » is about her;
« recommencez au début pour ma fille » asks us).
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.conversation.commands import Command, CommandName
from assistant.conversation.wordforms import Words, stem

_SPELLING_PHRASES: tuple[Words, ...] = (
    ("lettre", "par", "lettre"),
    ("lettre", "apres", "lettre"),
    ("caractere", "par", "caractere"),
    ("lettres", "une", "par", "une"),
    ("une", "lettre", "a", "la", "fois"),
    ("comment", "ca", "s", "ecrit"),
    ("ca", "s", "ecrit", "comment"),
    ("c", "est", "ecrit", "comment"),
    ("comment", "on", "ecrit"),
    ("comment", "on", "l", "ecrit"),
)
_RESUMING_PHRASES: tuple[Words, ...] = (
    ("fin", "de", "la", "pause"),
    ("sortez", "de", "la", "pause"),
    ("pause", "est", "finie"),
    ("pause", "est", "terminee"),
    ("ou", "vous", "en", "etiez"),
    ("ou", "tu", "en", "etais"),
    ("ou", "on", "en", "etait"),
    ("ou", "on", "s", "etait", "arrete"),
    ("ou", "on", "s", "etait", "arretes"),
    ("remettez", "en", "marche"),
)
_RESTARTING_VERBS = ("recommen", "refai", "repren", "remet", "revenon", "redemarr", "repart")
_BEGINNINGS: tuple[Words, ...] = (
    ("debut",),
    ("commencement",),
    ("zero",),
    ("depart",),
    ("a", "la", "base"),
    ("premiere", "etape"),
    ("premier", "point"),
    ("tout",),
)
_OF_OTHERS = frozenset({
    "il", "ils", "elle", "elles", "sa", "son", "ses", "leur", "leurs", "ai", "avons", "ont",
})  # fmt: skip
"""Someone else, or a past told (« j'ai appris à lire lettre par lettre »; not « a », which
is also « à » once accents are folded): then the sentence must also speak to us (« vous »,
« épelez »)."""
_NOT_ORDERS = frozenset({"chez", "assez", "nez", "rez"})
"""Words ending as « recommencez » does, which speak to no one."""
_STORY_ENDINGS = ("ait", "aient", "ions")
_NOT_STORY = frozenset({"fait", "refait", "plait", "sait", "tait", "parfait", "etait", "etais"})


def marked_command(words: Words, is_person: Callable[[str], bool]) -> Command | None:
    """The one command whose markers `words` (plain, unelided) hold, or None. `is_person`
    is asked of stems."""
    found: set[CommandName] = set()
    if any(w.startswith("epel") for w in words) or _holds(words, _SPELLING_PHRASES):
        found.add(CommandName.SPELL)
    if _holds(words, _RESUMING_PHRASES):
        found.add(CommandName.RESUME)
    if _restarts(words):
        found.add(CommandName.RESTART)
    if len(found) != 1:
        return None
    told = any(w.endswith(_STORY_ENDINGS) and w not in _NOT_STORY for w in words)
    to_us = "vous" in words or any(w.endswith("ez") and w not in _NOT_ORDERS for w in words)
    of_others = not _OF_OTHERS.isdisjoint(words) or any(is_person(stem(w)) for w in words)
    if told or (of_others and not to_us):
        return None
    return Command(found.pop())


def _holds(words: Words, phrases: tuple[Words, ...]) -> bool:
    return any(
        words[index : index + len(phrase)] == phrase
        for phrase in phrases
        for index in range(len(words) - len(phrase) + 1)
    )


def _restarts(words: Words) -> bool:
    """A verb of doing again, then a beginning: « on refait tout depuis le début »."""
    for index, word in enumerate(words):
        if word.startswith(_RESTARTING_VERBS):
            return _holds(words[index + 1 :], _BEGINNINGS)
    return _holds(words, (("case", "depart"),))
