"""A command said with its reason: « faites une pause, je cherche mes lunettes ».

People rarely give an order bare: they say why (« parlez moins fort, tout le monde se
retourne », « attendez, le téléphone sonne »). The strict layer wants the whole sentence to be
a command, and the keyword layer wants every word to be a command's, so both reject these.

Here a sentence is taken as a command when one end of it is a clear command on its own and
the rest is a reason, not another request. Recognisers drop punctuation, so the split is
tried at every word. What keeps chatter out:
- the command part is clear: a known phrase of two words or more, or a single word that can
  only be an order (« répétez », « pause »), never a word of everyday talk (« suite », « fin »);
- the rest names no procedure, no other command, no number and no unknown word;
- the rest speaks of no other person, no other time or place, and does not say « tu »: « ma
  fille parle trop vite », « parlez moins fort, il y a des gens » and « on continue demain »
  are said of or to someone else;
- the command does not govern the rest (« expliquez-moi le chemin de la gare »), nor is it
  the subject of a sentence (« la pause déjeuner est à midi »).
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from assistant.conversation import vocabulary
from assistant.conversation.commands import Command, CommandName
from assistant.conversation.wordforms import Words, stem

ORDER_WORDS: frozenset[str] = frozenset({
    "repete", "continue", "recule", "explique", "epelle", "reprends", "pause",
    "stop", "menu", "sommaire", "aide", "chut", "silence", "ralentis", "accelere", "redis",
    "relis", "patientez", "precedent", "precedente", "suivant", "suivante",
})  # fmt: skip
"""Single words, as normalised, that are an order whatever surrounds them. Not « attends »:
people say it to each other all the time (« attends, je cherche mes clés »)."""

GOVERNED = frozenset({
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "a", "mon", "ma",
    "mes", "ton", "ta", "tes", "son", "sa", "ses", "ce", "cet", "cette", "ces", "pour", "avec",
    "dans", "sur", "en", "ici", "comme", "que", "qui", "moi", "nous", "lui", "leur", "me", "m",
})  # fmt: skip
"""A command part that starts with one of these is a noun phrase (« la suite du livre »);
a rest that starts with one is the command's object (« expliquez-moi le chemin de la gare »,
« stop au gaspillage »), not a reason."""

ARTICLES = GOVERNED - {"un", "une", "en", "pour", "avec", "dans", "sur", "ici"}
"""« un peu moins fort » is an order; « la pause déjeuner » is a noun phrase."""

ELSEWHEN = frozenset({
    "demain", "hier", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "soir", "matin", "midi", "tot", "tard", "fois", "heure", "heures", "ensemble", "ici",
    "tu", "toi", "te", "ton", "ta", "tes",
})  # fmt: skip
"""Another time or place, or « tu »: said of plans, or to someone else."""

_ASKING = frozenset({"dit", "veux", "voudrais", "prefere", "demande", "aimerais", "suis", "ai"})
_GONE = frozenset(
    f"{verb}{ending}"
    for verb in ("all", "pass", "mont", "descendu", "sorti", "rentr", "entr", "arriv", "parti")
    for ending in (("", "e", "s", "es") if verb.endswith(("u", "i")) else ("e", "ee", "es", "ees"))
)
"""Verbs of going, as « je suis » takes them (« je suis allé trop vite »); not a state (« je
suis perdue, moins vite »)."""
VOICE_COMMANDS = frozenset({
    CommandName.SLOWER, CommandName.FASTER, CommandName.LOUDER, CommandName.QUIETER,
})  # fmt: skip


def of_oneself(words: Words, at: int, names: Collection[CommandName]) -> bool:
    """The voice commands `names`, said at `at`, are of what I did, not of the voice: « je
    lis plus vite en braille », « j'ai cliqué trop vite », « je suis allé trop vite » (« je »
    or « j'ai » and a verb, or « je suis » and a verb of going, then the manner); not when
    the verb asks (« j'ai dit plus fort », « je voudrais plus lentement »)."""
    if not VOICE_COMMANDS.issuperset(names) or at < 2:
        return False
    subject, verb = words[at - 2], words[at - 1]
    if subject == "suis":
        return verb in _GONE
    return subject in ("je", "j", "ai") and verb not in _ASKING


MAX_REASON_WORDS = 8
"""A longer rest is a story, not a reason given in passing."""

ATTENTION_WORDS = frozenset({"attends", "pardon", "excusez", "excuse", "dites", "chut"})
"""Said first to be heard (« attendez, … reculez d'une étape »): not a request of its own.
« chut » too, before what it asks (« Chut, plus bas », « Chut, moins fort »: quieter)."""

NUMBER_WORDS = frozenset(w for n in vocabulary.NUMBERS for w in n.split()) - {"un", "une"}
"""« un peu moins fort » is no amount."""

_NEVER_WITH_REASON = frozenset({
    CommandName.YES, CommandName.NO, CommandName.GOTO_STEP, CommandName.OPEN_PROCEDURE,
    CommandName.CHOOSE_PROCEDURE,
})  # fmt: skip
"""Answers and step numbers are only taken said plainly; procedures are the topic layer's."""


def command_with_reason(
    words: Words,
    strict: Callable[[Words], Command | None],
    is_other_request: Callable[[Words, CommandName], bool],
    is_person: Callable[[str], bool],
) -> Command | None:
    """The one command said at an end of `words` with a reason at the other, or None.

    `strict` reads a part as a whole command; `is_other_request` says whether the rest asks
    for something (a procedure, another command, a number, an unknown word); `is_person`
    whether a stem speaks of other people. Two different commands found: None."""
    if not ELSEWHEN.isdisjoint(words):
        return None  # another time, place or person addressed, wherever it is said
    found: set[Command] = set()
    for cut in range(1, len(words)):
        for part, rest, order_first in (
            (words[:cut], words[cut:], True),
            (words[cut:], words[:cut], False),
        ):
            if not _clear(part) or len(rest) > MAX_REASON_WORDS or part[0] in ARTICLES:
                continue
            if part[-1] in GOVERNED or (not order_first and rest[-1] in GOVERNED):
                continue
            if order_first and governs(rest):
                continue
            command = strict(part)
            if command is None or command.name in _NEVER_WITH_REASON:
                continue
            if not order_first and rest[0] in ATTENTION_WORDS:
                rest = rest[1:]
            if not order_first and part[0] not in ORDER_WORDS | {"on"}:
                continue  # « je me lève trop vite »: the end of a sentence about oneself
            if coming(rest) or is_other_request(rest, command.name):
                continue
            if any(is_person(stem(w)) for w in rest):
                continue
            found.add(command)
    return found.pop() if len(found) == 1 else None


def governs(rest: Words) -> bool:
    """What follows an order is its object (« expliquez-moi le chemin »), not « un peu »."""
    return bool(rest) and rest[0] in GOVERNED and rest[:2] != ("un", "peu")


def coming(words: Words) -> bool:
    """« j'arrive »: said to someone who waits; « je n'arrive pas à suivre » is not, nor
    « on arrive bientôt à la fin ? » (« on »: we, the step by step)."""
    return any(
        w == "arrive" and words[i + 1 : i + 2] != ("pas",) and words[i - 1 : i] != ("on",)
        for i, w in enumerate(words)
    )


def _clear(part: Words) -> bool:
    if part[0].isdigit() or part[0] in NUMBER_WORDS:
        return False  # « deux minutes et j'arrive »: numbers are never guessed
    return len(part) >= 2 or (len(part) == 1 and part[0] in ORDER_WORDS)
