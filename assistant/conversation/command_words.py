"""Commands said in a person's own words: « je suis revenu, on reprend », « vous criez ».

The strict layer (`understanding`) knows whole phrases. This one is its fallback: a command
is taken when EVERY meaning-bearing word of the sentence is a keyword of that one command
(« Revenez à la liste des sujets »: « revenez » is neutral, « liste » and « sujets » are
MENU). One word that belongs elsewhere, or to nothing, and nothing is taken: a sentence with
other content (« je rends ces livres où ») is someone else's talk, or a topic request.
Words are compared by their Snowball stem, as in `topics`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant.conversation import command_reasons, topic_words
from assistant.conversation.command_keywords import KEYWORDS as KEYWORDS
from assistant.conversation.command_keywords import NEUTRAL as NEUTRAL
from assistant.conversation.command_keywords import ORDERS as ORDERS
from assistant.conversation.command_reasons import of_oneself
from assistant.conversation.commands import Command, CommandName
from assistant.conversation.step_numbers import NUMBER_STEMS
from assistant.conversation.wordforms import NOT_IMPERFECT, plain_words, stem

MAX_FOREIGN = 2
"""Words of other content a command said in passing may come with (« allez plus vite, vous
traînez »); more, and the sentence is about something else."""
_TELLING = ("ait", "aient", "ais")
"""Imperfect-tense endings: « le prof parlait trop fort » tells of the past; an order never
is in the imperfect. Such a word is never neutral."""
_TELLING_BESIDE_A_STEP = ("ait", "aient")
"""The same, around a step's number, where « ais » (« je connais ») is no story."""
_JOINED = {
    frozenset({CommandName.RESUME, CommandName.RESTART}): CommandName.RESTART,
    frozenset({CommandName.RESUME, CommandName.PREVIOUS}): CommandName.PREVIOUS,
}
"""Two commands' words that say one: « reprendre » with « début » takes it up again from
the start; « y retourner » with « l'étape d'avant » goes back to it."""
_BESIDE_A_STEP = frozenset({
    CommandName.NEXT, CommandName.PREVIOUS, CommandName.REPEAT, CommandName.RESTART,
    CommandName.RESUME, CommandName.YES, CommandName.NO,
})  # fmt: skip
"""Commands whose words may come with a step's number: « revenez à l'étape 2 », « j'ai déjà
fait le début, passez à l'étape 4 »."""
_NEGATIONS = frozenset({"ne", "n", "pas", "jamais"})
_DENIED = frozenset((w,) for w in _NEGATIONS)
_DEGREES = frozenset((w,) for w in (
    "si", "trop", "assez", "plus", "tres", "aussi", "bien", "tout",
    "le", "la", "les", "l", "me", "m", "te", "t", "lui", "vous", "y", "en",
))  # fmt: skip
"""Between a negation and the word it denies: a degree (« pas si vite ») or a pronoun
(« jamais le finir »)."""
_ASKING = frozenset({"pouvez", "pourriez", "voulez", "voudriez", "peux", "pourrais", "veux"})

# A stop word that is a whole keyword (« dire », « aide ») stays; inside a keyword of several
# words (« où j'en suis »), stop words are dropped on both sides alike.
_SINGLE_KEYWORDS = {e for entries in KEYWORDS.values() for e in entries if len(plain_words(e)) == 1}
_ALL_KEYWORD_WORDS = {w for e in _SINGLE_KEYWORDS for w in plain_words(e)}
_STOPS = (
    frozenset(w for phrase in topic_words.GRAMMAR_WORDS for w in plain_words(phrase))
    - _ALL_KEYWORD_WORDS
)


def _stems(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in plain_words(text))


class CommandWords:
    """The keyword table stemmed once; `command` answers in a few dictionary look-ups."""

    def __init__(self, normalize: Callable[[str], str]) -> None:
        """`normalize` is the one understanding applies to sentences (verb forms folded,
        fillers gone), so keywords are spelt the way sentences will be."""
        self._owner: dict[tuple[str, ...], set[CommandName]] = {}
        for name, entries in KEYWORDS.items():
            for entry in entries:
                self._owner.setdefault(_stems(normalize(entry)), set()).add(name)
        self._owner.pop((), None)
        self._keyword_stems = frozenset(s for keyword in self._owner for s in keyword)
        self._longest = max((len(k) for k in self._owner), default=1)
        keyword_stems = {k[0] for k in self._owner if len(k) == 1}
        self._orders = {s for w in ORDERS for s in _stems(normalize(w))}
        self._neutral = {s for w in NEUTRAL for s in _stems(normalize(w))} - keyword_stems
        # Listed as neutral, a word is no keyword even when it shares a keyword's stem
        # (« faire quoi exactement » is no « exact », « autre chose » no « autrement »). It
        # then counts as other content, as its stem is not in `_neutral`: read as truly
        # neutral, « Qu'est-ce que ça veut dire, exactement ? » was explained outright but
        # « comment on en commande une autre » lost its procedure (tried 30 November).
        self._neutral_words = {w for n in NEUTRAL for w in plain_words(normalize(n))}

    def in_a_keyword(self, token: str) -> bool:
        """Whether the stem `token` is a word of some keyword (« mot » of « quels mots »)."""
        return token in self._keyword_stems

    def spoken_words(self) -> frozenset[str]:
        """Keywords of one word, as a recogniser writes them, for the grammar."""
        return frozenset(e.lower() for entries in KEYWORDS.values() for e in entries if e.isalpha())

    def command(self, text: str) -> Command | None:
        """Every meaning-bearing word is a keyword of the same one command."""
        scan = self._scan(plain_words(text), strict=True)
        return Command(scan.commands.pop()) if scan and len(scan.commands) == 1 else None

    def lenient(self, text: str, vetoed: Callable[[str], bool]) -> Command | None:
        """The same, with a few words of other content around the command (« plus fort, je
        suis dur d'oreille »): at most `MAX_FOREIGN` of them, no more than the keyword words
        and none beside a one-word keyword; none a number, nor one that `vetoed` (the
        library, aches, other people, a procedure). Only asked once no procedure fits the
        sentence, so topics keep their words."""
        scan = self._scan(plain_words(text), strict=False)
        if scan is None or len(scan.commands) != 1:
            return None
        words = plain_words(text)
        order_said = scan.strong and _said_as_order(words, scan.strong_at)
        allowed = min(MAX_FOREIGN, scan.hits) if scan.hits > 1 else int(order_said)
        if len(scan.foreign) > allowed or any(other_content(f, vetoed) for f in scan.foreign):
            return None
        return Command(scan.commands.pop())

    def mentioned(self, words: tuple[str, ...]) -> frozenset[CommandName]:
        """The commands whose keywords are among `words`, every one of them: « j'ai pas
        compris, expliquez autrement » names repeating and explaining. (It was the one
        command all keywords shared, and nothing when two commands were named.)"""
        return frozenset(name for _, _, owners in self.keywords_in(words) for name in owners)

    def gives_way(self, words: tuple[str, ...], at: int, size: int, name: CommandName) -> bool:
        """Whether a whole phrase of `name`, `size` words long at `at`, is no command here: a
        keyword runs on past it (« j'ai pas compris | l'étape »: explaining), or it is a
        manner said of what I did (« je suis allé trop vite »)."""
        end = at + size
        runs_on = any(k < end < k + n for k, n, _ in self.keywords_in(words))
        return runs_on or of_oneself(words, at, {name})

    def keywords_in(self, words: tuple[str, ...]) -> list[tuple[int, int, set[CommandName]]]:
        """Where each keyword said starts, its length and its commands, longest first."""
        stems = tuple(stem(w) for w in words)
        found: list[tuple[int, int, set[CommandName]]] = []
        index = 0
        while index < len(stems):
            size, owners = self._keyword_at(words, stems, index)
            negated = size == 1 and owners is not None and _negated(words, index, owners)
            if owners is not None and not negated and not of_oneself(words, index, owners):
                found.append((index, size, owners))
            index += size
        return found

    def fits_beside_step(
        self, words: tuple[str, ...], budget: int, vetoed: Callable[[str], bool]
    ) -> bool:
        """Words said around a step's number (« passez à la cinquième étape, j'ai déjà fait
        le reste »): no keyword but of a command that moves through the steps, no story in
        the imperfect, at most `budget` words of other content and none that is a number or
        `vetoed` (« on s'est arrêtés à la deuxième étape de la randonnée » is not for us)."""
        foreign = 0
        for word in words:
            if word.endswith(_TELLING_BESIDE_A_STEP) and word not in NOT_IMPERFECT:
                return False  # « passait »: a story
            word_stem = stem(word)
            if word in _STOPS or word_stem in self._neutral:
                continue
            owners = self._owner.get((word_stem,))
            if owners is not None:
                if not owners & _BESIDE_A_STEP:
                    return False
            elif other_content(word_stem, vetoed):
                return False
            else:
                foreign += 1
        return foreign <= budget

    def _keyword_at(
        self, words: tuple[str, ...], stems: tuple[str, ...], index: int
    ) -> tuple[int, set[CommandName] | None]:
        """The longest keyword starting at `index` (its size and owners), or (1, None)."""
        # Keywords of several words are matched word for word, stop words included. « vous »
        # after its verb asks (« pouvez-vous parler lentement »): no statement of the voice.
        asked = index > 0 and words[index] in ("vous", "tu") and words[index - 1] in _ASKING
        for size in range(min(self._longest, len(stems) - index), 0, -1):
            owners = self._owner.get(stems[index : index + size])
            if (size == 1 and words[index] in self._neutral_words) or (size > 1 and asked):
                owners = None
            if owners is not None:
                return size, owners
        return 1, None

    def _scan(self, words: tuple[str, ...], strict: bool) -> _Scan | None:
        stems = tuple(stem(w) for w in words)
        scan = _Scan(set(), 0, [])
        first_at = -1
        index = 0
        while index < len(stems):
            size, owners = self._keyword_at(words, stems, index)
            if owners is None:
                told = words[index].endswith(_TELLING)  # « parlait »: a story, not an order
                if words[index] not in _STOPS and (told or stems[index] not in self._neutral):
                    if strict:
                        return None  # a word that is no command's: not for us
                    scan.foreign.append(stems[index])
                index += 1
                continue
            if size == 1 and _negated(words, index, owners):
                index += 1  # « je suis pas si rapide » asks for nothing faster
                continue
            if of_oneself(words, index, owners):
                index += size  # « je suis allé trop vite » asks for no slower voice
                continue
            if not scan.commands:
                first_at = index
            elif joined := _JOINED.get(frozenset({*scan.commands, *owners})):
                owners = {joined}  # « reprenez au début »: from the start
                scan.commands = set(owners)
            elif not scan.commands & owners:
                attention = words[first_at] in command_reasons.ATTENTION_WORDS
                if strict or first_at != 0 or scan.hits != 1 or not attention:
                    return None  # words of two different commands
                # « Attendez, je reviens en arrière »: a first word said to get attention.
                scan.commands, scan.hits = set(), 0
            scan.commands = scan.commands & owners if scan.commands else set(owners)
            if not scan.strong and size == 1 and stems[index] in self._orders:
                scan.strong, scan.strong_at = True, index
            scan.hits += size
            index += size
        return scan if scan.commands else None


@dataclass
class _Scan:
    commands: set[CommandName]
    """The commands every keyword met so far belongs to."""
    hits: int
    """Words of the sentence that are keywords."""
    foreign: list[str]
    """Stems of the words that belong to no command (lenient scan only)."""
    strong: bool = False
    """A keyword met is an order (« répétez », « pause »), not a word of everyday talk."""
    strong_at: int = 0
    """Where that order is in the sentence."""


def _said_as_order(words: tuple[str, ...], at: int) -> bool:
    """Not named as a thing (« le menu du jour », « l'aide aux devoirs »), nor governing an
    object (« attendez-moi à l'entrée »), nor put off to another time or place (« on
    recommence lundi »)."""
    named = at > 0 and words[at - 1] in command_reasons.ARTICLES
    governs = command_reasons.governs(words[at + 1 :])
    elsewhen = not command_reasons.ELSEWHEN.isdisjoint(words)
    return not (named or governs or elsewhen or "comme" in words)


def other_content(foreign: str, vetoed: Callable[[str], bool]) -> bool:
    """A stem that speaks of something else than a command: a number (« je reviens dans cinq
    minutes » is a time, and numbers are never guessed), « [unk] » (the recognizer heard a
    word it does not know, which may be anything), or one that `vetoed`."""
    return foreign in NUMBER_STEMS or foreign.isdigit() or foreign == "unk" or vetoed(foreign)


def _negated(words: tuple[str, ...], index: int, owners: set[CommandName]) -> bool:
    """A one-word keyword with « ne », « pas » or « jamais » just before it is denied, or
    with a degree or a pronoun between (« pas si rapide », « jamais le finir »). Across a
    verb, the negation denies the verb, not an order said after it (« moi pas compris,
    explique »); but a manner may go with that verb (« moi pas comprendre vite »), so a
    voice command is denied with any one word between."""
    before = words[max(0, index - 2) : index]
    if owners <= command_reasons.VOICE_COMMANDS:
        return not _NEGATIONS.isdisjoint(before)
    return before[-1:] in _DENIED or (before[:1] in _DENIED and before[1:] in _DEGREES)
