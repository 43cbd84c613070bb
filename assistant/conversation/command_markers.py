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

import re
from collections.abc import Callable
from itertools import pairwise

from assistant.conversation.command_reasons import of_oneself
from assistant.conversation.commands import Command, CommandName
from assistant.conversation.marker_texts import MARKER_TEXTS, MOVE_TEXTS, VOICE_TEXTS
from assistant.conversation.wordforms import (
    NOT_IMPERFECT,
    SPOKEN_SPLIT,
    Words,
    holds,
    plain_words,
    stem,
)

_VOICE_WORDS = frozenset(plain_words("voix son volume parlez parler débit vitesse casque"))
_ANYWHERE, _FIRST_OR_VOICED, _LAST_OR_TO_US = 0, 1, 2
"""Where a marker counts: anywhere; first in the sentence or in one about the voice; last
in the sentence or in one said to us."""
_BY_FIRST_WORD: dict[str, list[tuple[Words, CommandName, int]]] = {}
for _kind, _texts in (
    (_ANYWHERE, MARKER_TEXTS),
    (_FIRST_OR_VOICED, VOICE_TEXTS),
    (_LAST_OR_TO_US, MOVE_TEXTS),
):
    for _name, _text in _texts.items():
        for _phrase in (plain_words(t) for t in _text.split("|")):
            _BY_FIRST_WORD.setdefault(_phrase[0], []).append((_phrase, _name, _kind))
_RESTARTING_TEXTS = (
    "recommencez recommencer recommence recommençons refaire refait refais refaites reprendre"
    " reprenez reprends reprenons remettez remettre redémarrez repartir repartez"
)
_BEGINNING_TEXTS = "début | commencement | zéro | départ | à la base | première étape"
_BEGINNING_TEXTS += "| premier point | tout | depuis la première | en entier | entière"
_BEGINNING_TEXTS += "| cette démarche | cette procédure"
_BEGINNINGS = tuple(plain_words(text) for text in _BEGINNING_TEXTS.split("|"))


def spoken_words() -> frozenset[str]:
    """Every word of the markers as spelt, for the recognizer's grammar."""
    texts = [*MARKER_TEXTS.values(), *VOICE_TEXTS.values(), *MOVE_TEXTS.values()]
    texts.append(_RESTARTING_TEXTS)
    texts += [_BEGINNING_TEXTS, "case départ"]
    words = SPOKEN_SPLIT.split(" ".join(texts).replace("|", " ").lower())
    return frozenset(w for w in words if w.isalpha())


# The verbs above by how they start, to take every form said (« recommenciez »).
_RESTARTING_VERBS = (
    "recommen", "refai", "repren", "remet", "revenon", "redemarr", "repart", "repars",
)  # fmt: skip
_GOING_BACK = ("retour", "revenir", "reviens", "revenez", "retourn")
_BACK_TO = frozenset({
    *(("au", beginning) for beginning in ("debut", "depart", "commencement")),
    ("au", "tout", "debut"), ("a", "zero"),
})  # fmt: skip
"""Going back to the beginning, said right after the verb (« retour au tout début »): not
« tout » alone, as « je reviens tout de suite » is."""
_MENU = frozenset({"menu", "guide", "sommaire", "liste", "choix", "themes", "sujets"})
"""« revenir au début du menu » goes back to the menu, not to the first step."""
_OF_OTHERS = frozenset({"il", "ils", "elle", "elles", "sa", "ses", "leur", "leurs", "ont", "dit"})
"""Someone else, or what they said: then the sentence must also speak to us (« vous »,
« épelez »). Not « a », which is also « à » once accents are folded, nor « son », which is
also the sound."""
_SECOND_PERSON = frozenset({"tu", "te", "toi", "ton", "ta", "tes"})
"""« tu » and its forms: said to the listener, who may be the assistant."""
_ASKING_THE_LISTENER = frozenset({
    ("tu", "peux"), ("tu", "pourrais"), ("peux", "tu"), ("pourrais", "tu"), ("tu", "veux"),
})  # fmt: skip
"""How a sentence opens when it asks the listener for something."""
_WHO = "(vous|toi|moi|lui|elle|nous|qui)"
_QUEUE = re.compile(
    rf"\bsuivante? c est {_WHO}\b|\bc est {_WHO} (le|la) suivante?\b|\bqui est (le|la) suivante?\b"
    r"|\battend\w* qui\b|\bsuivante?\b.*\bc est a (vous|toi|moi|qui|lui|elle)\b"
    r"|\ba qui le tour\b|\bc est a qui\b"
)
"""Who is « le suivant » in a queue, or who is waited for (« on attend qui ? »), in plain
words."""
_LETTER = "[b-df-hj-np-tv-z]"
_LETTERS_COUNTED = re.compile(
    rf"\b(deux|un seul|une seule) {_LETTER}( ou\b|$)|\bavec combien de {_LETTER}\b"
    rf"|\bcombien de {_LETTER}( et| dans| ou|$)|\b(un|une) [a-z] ou (un|une) [a-z]\b"
)
"""A letter counted, in plain words. Not « a » nor « y », which are words of their own."""
_NOT_ASKED = frozenset({"marche", "va", "s", "se", "fonctionne", "sert", "ecrit", "on", "je"})
"""After « comment ça », what asks something else (« comment ça marche »)."""
_TOLD = (("de", "plus", "en", "plus"), ("de", "moins", "en", "moins"), ("c", "est", "de"))
_STRESSED = frozenset({"moi", "toi", "lui", "eux"})
"""After « que », someone compared (« plus fort que toi »): not « vous », as in « ce que vous
dites »."""
_BEFORE_WHAT_I_AM = frozenset({
    "plus", "pas", "tout", "toute", "tres", "si", "trop", "un", "une", "encore",
})  # fmt: skip
"""Between « je suis » and what I am (« je suis plus tout jeune »)."""
_THE_ROOM = frozenset({stem("monde"), stem("gens")})
_IMPERSONAL = frozenset({"faut", "y", "en", "reste", "me", "manque"})
"""« il faut », « il y a », « il en reste », « il me faut »: no one else is spoken of."""
_TOLD_PAST = frozenset({"ai", "avons"})
_TOLD_AS_A_STORY = frozenset({CommandName.SPELL, CommandName.RESTART})
"""« j'ai appris à lire lettre par lettre », « j'ai recommencé à zéro »: a past told, for
these two unless said to us. For the others the past is the reason (« j'ai tapé le code, la
prochaine étape », « encore une fois, j'ai pas bien entendu »)."""
_NOT_ORDERS = frozenset({"chez", "assez", "nez", "rez"})
"""Words ending as « recommencez » does, which speak to no one."""
_ORDERS_IN_ES = frozenset({"dites", "redites", "faites", "refaites"})
"""The orders to « vous » that do not end in -ez (« dites-moi ce que je peux demander »)."""
_STORY_ENDINGS = ("ait", "aient")
_WE_TOLD_ENDING = "ions"
"""« nous recommencions »: told only with « nous », or it is a noun (« les explications »)."""
_NOT_STORY = NOT_IMPERFECT | {"etait", "etais"}
"""« où on en était » asks to resume."""


def marked_command(words: Words, is_person: Callable[[str], bool]) -> Command | None:
    """The one command whose markers `words` (plain, unelided) hold, or None. `is_person`
    is asked of stems. A story told before the marker (« on recommençait tout depuis le
    début », « j'ai recommencé à zéro ») asks nothing; told after it, it is the reason, in
    a sentence said to us for the imperfect (« Dites-le encore une fois, mon voisin
    parlait »), in any for the past (« on reprend à zéro, j'ai tout oublié »)."""
    found: dict[CommandName, int] = {}  # each command and where its first marker starts
    to_the_listener = False  # a marker that says « tu » itself (« tu sais faire quoi »)
    spelling = next((i for i, w in enumerate(words) if w.startswith("epel")), None)
    if spelling is not None:  # « épelez », « l'épeler »
        found[CommandName.SPELL] = spelling
    if _what_was_said(words):
        found[CommandName.EXPLAIN] = 0
    restarting = _restarts(words)
    if restarting is not None:
        found.setdefault(CommandName.RESTART, restarting)
    to_us = said_to_us(words)
    voiced = to_us or not _VOICE_WORDS.isdisjoint(words)
    for start, word in enumerate(words):  # one look-up per word: understanding runs often
        for phrase, name, kind in _BY_FIRST_WORD.get(word, ()):
            end = start + len(phrase)
            if words[start:end] != phrase:
                continue
            first, last = start == 0 or voiced, end == len(words) or to_us
            if of_oneself(words, start, {name}):
                continue  # « je suis allé trop vite »: not the voice
            if (True, first, last)[kind]:
                found.setdefault(name, start)
                to_the_listener |= not _SECOND_PERSON.isdisjoint(phrase)
    if found.keys() == {CommandName.REPEAT, CommandName.EXPLAIN}:
        del found[CommandName.REPEAT]  # « redites-le autrement »: said again, differently
    if len(found) != 1:
        return None
    name, at = found.popitem()
    before = words[: at + 1]  # the marker's own verb tells too (« on recommençait »)
    past = not _TOLD_PAST.isdisjoint(before) and name in _TOLD_AS_A_STORY
    past = past and "faut" not in before  # « j'ai fermé la page, il faut tout refaire »: now
    told = _told(before if to_us else words)
    if name is CommandName.QUIETER:  # « Pas si fort, tout le monde entend »: why, not who
        is_person = _not_the_room(is_person)
    # « tu » is the one asked when the marker says it, or when the sentence opens by asking
    # the listener (« tu peux attendre que je note ça ? »); not for the voice, which people
    # on the phone ask of each other (« Tu peux parler moins vite, Jeannot »).
    asking = words[:2] in _ASKING_THE_LISTENER or holds(words, ("s", "il", "te", "plait"))
    asking = asking and name not in VOICE_TEXTS
    if to_the_listener or asking:
        is_person = _not_the_listener(is_person)
    if told or ((_of_others(_without_please(words), is_person) or past) and not to_us):
        return None
    return Command(name)


def _what_was_said(words: Words) -> bool:
    """« Comment ça, cliquer sur l'onglet ? »: the person repeats words of the step and asks
    what they mean. Not « comment ça marche / ça va / ça s'écrit »."""
    return words[:2] == ("comment", "ca") and len(words) > 2 and words[2] not in _NOT_ASKED


def _without_please(words: Words) -> Words:
    """The words without « s'il te plaît » / « s'il vous plaît », whose « il » is no one."""
    kept: list[str] = []
    index = 0
    while index < len(words):
        if words[index : index + 2] == ("s", "il") and words[index + 3 : index + 4] == ("plait",):
            index += 4
            continue
        kept.append(words[index])
        index += 1
    return tuple(kept)


def spelled_object(words: Words, longest: int) -> Command | None:
    """« épelez le code », « épelle l'adresse du site »: spelling is asked of what follows,
    in at most `longest` words."""
    spell = words[:1] == ("epelle",) and len(words) <= longest
    return Command(CommandName.SPELL) if spell else None


def aside(words: Words, is_person: Callable[[str], bool]) -> bool:
    """A story told (« il parlait trop vite »), someone else spoken of (« elle m'a répété
    trois fois la même chose ») or compared (« plus fort que toi »): the sentence is not a
    request made now. « tu » is no one else here: said to the listener, it is the request
    (« Hé, tu vas trop vite là », « Tais-toi un peu, je réfléchis »)."""
    compared = any(pair[0] == "que" and pair[1] in _STRESSED for pair in pairwise(words))
    addressed = lambda token: is_person(token) and token not in _SECOND_PERSON  # noqa: E731
    return _told(words) or compared or _of_others(words, addressed)


def _told(words: Words) -> bool:
    endings = (*_STORY_ENDINGS, _WE_TOLD_ENDING) if "nous" in words else _STORY_ENDINGS
    return any(w.endswith(endings) and w not in _NOT_STORY for w in words)


def _of_others(words: Words, is_person: Callable[[str], bool]) -> bool:
    personal = [w for w, after in zip(words, (*words[1:], ""), strict=True) if not (
        w == "il" and after in _IMPERSONAL
    )]  # fmt: skip
    people = (w for at, w in enumerate(words) if not _said_of_me(words, at))
    return not _OF_OTHERS.isdisjoint(personal) or any(is_person(stem(w)) for w in people)


def _not_the_room(is_person: Callable[[str], bool]) -> Callable[[str], bool]:
    """Other people, but not the room as a whole: « tout le monde », « les gens » hear the
    voice, and are the reason to lower it."""
    return lambda token: is_person(token) and token not in _THE_ROOM


def _not_the_listener(is_person: Callable[[str], bool]) -> Callable[[str], bool]:
    """Other people, but not « tu »: the marker itself asks the listener."""
    return lambda token: is_person(token) and token not in _SECOND_PERSON


def _said_of_me(words: Words, at: int) -> bool:
    """« je suis plus tout jeune », « je suis une maman »: what I am, not someone else."""
    before = words[:at]
    while before and before[-1] in _BEFORE_WHAT_I_AM:
        before = before[:-1]
    return before[-1:] == ("suis",) and "je" in before[-3:-1]  # « je (ne) suis »


def someones_turn(words: Words) -> bool:
    """« Le suivant, c'est vous, madame ? », « c'est toi la suivante », « qui est le
    suivant ? »: a queue at a desk, where « suivant » is a person, not the next step."""
    return _QUEUE.search(" ".join(words)) is not None


def letters_counted(words: Words) -> bool:
    """« C'est avec deux L ou un seul ? », « avec combien de L ? »: how a word is spelt,
    whatever else is said (« combien » alone asks where we are)."""
    return _LETTERS_COUNTED.search(" ".join(words)) is not None


def told_what_it_is(words: Words) -> bool:
    """« de plus en plus fort » (how something changes), « l'étape suivante dans ma recette,
    c'est de faire revenir les oignons » (what something is): told, never an order unless
    said to us (« vous parlez de plus en plus vite »)."""
    return any(holds(words, phrase) for phrase in _TOLD)


def said_to_us(words: Words) -> bool:
    """« vous », or an order (« répétez »): the sentence speaks to the assistant, not of it nor
    to a neighbour (« tu »: people in the room say it to each other)."""
    if "vous" in words or not _ORDERS_IN_ES.isdisjoint(words):
        return True
    return any(w.endswith("ez") and w not in _NOT_ORDERS for w in words)


def _restarts(words: Words) -> int | None:
    """Where a verb of doing again, then a beginning, starts: « on refait tout depuis le
    début »; None when there is none."""
    for index, word in enumerate(words):
        after = words[index + 1 :]
        back = next((len(b) for b in (after[:3], after[:2]) if b in _BACK_TO), 0)
        if word.startswith(_GOING_BACK) and back and _MENU.isdisjoint(after[back : back + 2]):
            return index  # « retour au tout début », not « revenir au début du menu »
        if word.startswith(_RESTARTING_VERBS):
            return index if any(holds(after, beginning) for beginning in _BEGINNINGS) else None
    return 0 if holds(words, ("case", "depart")) else None
