"""Text in, command out: what the listener said or typed, turned into one `Command`.

Pure and fast: every table is normalised once in `Understanding.__init__`. It never raises,
and when in doubt it answers NOT_UNDERSTOOD or asks: acting on words meant for someone else
is worse than asking again. The layers, in order:
1. strict: after fillers (« euh ») and polite frames (« est-ce que vous pouvez ») are peeled,
   the whole utterance is a known phrase, or sounds like one (« repaie » for « répète »);
2. keywords (`command_words`): every meaning-bearing word belongs to one command; then
   markers (`command_markers`) that ask one command whatever else is said (« lettre par
   lettre »), unless the sentence is a story or about someone else;
3. topics (`topics`): the meaning-bearing words name a procedure; a loose fit is a question;
4. a step named by its number amid other words (`step_numbers.step_asked`), a command said
   in passing (« plus fort, je suis dur d'oreille ») or with its reason (`command_reasons`),
   tried last and only when no procedure was asked for clearly;
5. a second opinion learned from people's sentences (`learned_topics`): a question (« Vous
   voulez : … ? »), or a sure command said to us; a whole known phrase is never doubted.
A clear yes or no in the sentence is carried along for a question (`Command.answer`).
"""

from __future__ import annotations

import functools
from dataclasses import replace

from assistant.conversation import command_markers, command_words, topic_words, vocabulary
from assistant.conversation.command_markers import marked_command, said_to_us, spelled_object
from assistant.conversation.command_reasons import command_with_reason
from assistant.conversation.command_words import CommandWords, other_content
from assistant.conversation.commands import TOPIC_NAMES, Command, CommandName
from assistant.conversation.guide import Guide
from assistant.conversation.learned_topics import second_opinion
from assistant.conversation.sound_alike import SoundAlike
from assistant.conversation.step_numbers import SPOKEN_ORDINALS, step_asked, step_command
from assistant.conversation.step_terms import StepTerms
from assistant.conversation.topics import Topics
from assistant.conversation.utterance import DETERMINERS, cores_of, words_of
from assistant.conversation.utterance import normalize as normalize
from assistant.conversation.wordforms import Words, phrase_at, plain_words, stem, unelided
from assistant.conversation.wordforms import spoken_form as spoken_form
from assistant.conversation.yes_no import answer_in

_MAX_WORDS = 30
"""Longer input is never a command, even with every frame; rejected before any work."""
_MAX_HALVES_WORDS = 10
"""Longest utterance read as two commands in a row; beyond, it is a sentence."""
_MAX_LEARNED_WORDS = 60
"""Longest utterance the learned topics read: a longer one is a conversation, not a request."""
_NOT_UNDERSTOOD = Command(CommandName.NOT_UNDERSTOOD)
_WHAT_IS = ("c", "est", "quoi")

_MOVES = frozenset({
    CommandName.SLOWER, CommandName.FASTER, CommandName.LOUDER, CommandName.QUIETER,
    CommandName.PAUSE,
})  # fmt: skip
"""Commands whose phrase, said in a sentence, leaves one other word too little for a topic
(« plus bas dans la rue »). Not the others: topic requests use « j'ai fini », « j'ai touché »
or « qu'est-ce qu'on peut faire » around their words."""
_GOING_ON = frozenset({"continu", "continuon", "poursuiv", "poursuivr", "poursuis"})
"""Stems of NEXT said as « go on » (`Command.goes_on`)."""


class Understanding:
    """The command vocabulary plus one memo's procedure phrases, ready to match."""

    def __init__(self, guide: Guide | None) -> None:
        self._exact: dict[Words, Command] = {}
        self._learned = guide.learned if guide else None
        self._menu_order = {p.id: i for i, p in enumerate(guide.procedures if guide else ())}
        self.topics = Topics(guide, normalize)
        self._command_words = CommandWords(normalize)
        self._step_terms = StepTerms(
            guide, self.topics.tokens, self._names_something, self._command_words.in_a_keyword
        )
        spoken: dict[str, Command] = {}
        for name, phrases in vocabulary.PHRASES.items():
            for phrase in phrases:
                agreeing = phrase in vocabulary.AGREEING
                command = Command(name, answer=CommandName.YES if agreeing else None)
                self._learn(words_of(phrase), command)
                spoken[spoken_form(phrase)] = command
        for index, number in enumerate(vocabulary.NUMBERS, 1):
            for template in vocabulary.STEP_TEMPLATES:
                spoken[template.format(number)] = Command(CommandName.GOTO_STEP, step_number=index)
        for procedure in guide.procedures if guide else ():
            command = Command(CommandName.OPEN_PROCEDURE, procedure_id=procedure.id)
            for phrase in (*procedure.phrases, procedure.title):
                words = words_of(phrase)
                self._learn(words, command)
                while words[:1] and words[:1] in DETERMINERS:  # « mes paiements » → « paiements »
                    words = words[1:]
                    self._learn(words, command)
                spoken.setdefault(spoken_form(phrase), command)  # a command keeps its words
        self._sounds = SoundAlike(self._exact)
        self._phrases_from: dict[str, list[Words]] = {}
        for words, command in self._exact.items():
            if len(words) > 1 and command.name not in TOPIC_NAMES:
                self._phrases_from.setdefault(words[0], []).append(words)
        for starting in self._phrases_from.values():
            starting.sort(key=len, reverse=True)
        self._known = _known_words(guide)
        self._listening = sorted(p for p, c in spoken.items() if p and self.understand(p) == c)

    def _names_something(self, token: str) -> bool:
        """A topic token that names a procedure, the library or an ache."""
        return bool(self.topics.owners(token)) or self.topics.about_else(token)

    def _learn(self, words: Words, command: Command) -> None:
        if words and step_command(words) is None:
            self._exact.setdefault(words, command)  # built-ins come first and keep their words

    def understand(self, text: str) -> Command:
        plain = self._plain(text)
        if command_markers.someones_turn(plain):
            return _NOT_UNDERSTOOD  # « le suivant, c'est vous ? »: said in a queue, to someone
        found, whole_phrase = self._understood(plain, lenient=True)
        if self._learned is not None and not whole_phrase:  # a memo's own phrase is never doubted
            said, to_us = self._learned_words(plain), said_to_us(plain)
            named = functools.partial(self._named, tuple(said.split()))  # read only when needed
            aside = functools.partial(command_markers.aside, plain, self.topics.is_person)
            found = second_opinion(
                self._learned, found, said, self._menu_order, to_us, named, aside
            )
        words = plain[:_MAX_WORDS]
        if found.name is CommandName.NEXT and not _GOING_ON.isdisjoint(map(stem, words)):
            found = replace(found, goes_on=True)
        answer = None if found.yes_or_no() else answer_in(words)
        return found if answer is None else replace(found, answer=answer)

    def learned_input(self, text: str) -> str:
        """What the learned topics read (and `scripts/train_topics.py` learns from)."""
        return self._learned_words(self._plain(text))

    def _named(self, words: Words) -> frozenset[CommandName]:
        """The commands `words` name, by keywords or by a whole command phrase."""
        return self._command_words.mentioned(words) | self._phrases_in(words)[1]

    def _learned_words(self, plain: Words) -> str:
        words = words_of(" ".join(plain), limit=_MAX_LEARNED_WORDS)
        return "" if len(words) > _MAX_LEARNED_WORDS else " ".join(words)  # "": a conversation

    def _plain(self, text: str) -> Words:
        """Plain words, with missing apostrophes put back: what every layer starts from."""
        return unelided(plain_words(text), self._known)

    def _understood(self, plain: Words, lenient: bool) -> tuple[Command, bool]:
        """The command, and whether the utterance was a whole known phrase."""
        words = words_of(" ".join(plain), limit=_MAX_WORDS)
        if not words or len(words) > _MAX_WORDS:
            return replace(_NOT_UNDERSTOOD, only_fillers=bool(plain) and not words), False
        cores = cores_of(words)
        found = self._strict(cores) or self._agreeing_halves(words) or self._near(cores)
        if found:
            return found, True  # a whole phrase: no other layer is asked
        return self._in_a_sentence(plain, words, lenient), False

    def _in_a_sentence(self, plain: Words, words: Words, lenient: bool) -> Command:
        said = " ".join(words)  # the same normalised words for every layer
        others, phrased = self._phrases_in(words)
        if command_markers.letters_counted(words):
            return Command(CommandName.SPELL)  # « avec deux L ou un seul ? »
        if words[:3] == _WHAT_IS:  # « c'est quoi les autres rubriques ? »: what follows is asked
            phrased = phrased - {CommandName.EXPLAIN}
        found = self._agreeing(self._command_words.command(said), phrased)
        found = found or marked_command(plain, self.topics.is_person)
        about = None if found else self.topics.about_the_site(said)
        found = Command(CommandName.OPEN_PROCEDURE, procedure_id=about) if about else found
        if found is None and self._step_terms.asked(said):  # « c'est quoi, les neuf carrés ? »
            found = Command(CommandName.EXPLAIN)
        if found is None:
            found = self._topic(others)
            if found.one_word and not phrased.isdisjoint(_MOVES):  # « plus bas dans la rue »
                found = _NOT_UNDERSTOOD
        unsure = found.name in (CommandName.NOT_UNDERSTOOD, CommandName.CHOOSE_PROCEDURE)
        if unsure and lenient:
            # Last: a command said in passing (« plus fort, je suis dur d'oreille »); it wins
            # over a question about a procedure (« épelez, je sais pas l'écrire »).
            step = step_asked(words, self._fits_beside_step)
            if step:  # a step's number is never a word said in passing (« déjà fait, … »)
                return step
            if command_markers.told_what_it_is(words) and not said_to_us(plain):
                return found  # « il parle de plus en plus fort », « l'étape suivante, c'est de… »
            lenient_found = self._command_words.lenient(said, self.topics.about_else)
            lenient_found = lenient_found or spelled_object(words, _MAX_HALVES_WORDS)
            return self._agreeing(lenient_found or self._with_reason(words), phrased) or found
        return found

    def marker(self, text: str) -> Command | None:
        """The command `command_markers` reads in `text`, if any. The one layer that reads the
        person of the verb (« parlez » is said to us, « parle » of someone), which
        normalising folds away."""
        return marked_command(self._plain(text), self.topics.is_person)

    def _phrases_in(self, words: Words) -> tuple[Words, set[CommandName]]:
        """The words left once whole command phrases are taken out, and those commands:
        « je suis perdu, là » holds HELP's phrase, so « perdu » is not a lost card's word."""
        kept: list[str] = []
        names: set[CommandName] = set()
        index = 0
        while index < len(words):
            starting = self._phrases_from.get(words[index], ())
            phrase = next((p for p in starting if phrase_at(p, words, index)), ())
            said = self._exact[phrase] if phrase else None
            if said and self._command_words.gives_way(words, index, len(phrase), said.name):
                phrase, said = (), None
            kept += [] if phrase else [words[index]]
            names |= {said.name} if said and said.answer is None else set()  # « c'est bon, … »
            index += len(phrase) or 1
        return tuple(kept), names

    @staticmethod
    def _agreeing(found: Command | None, phrased: set[CommandName]) -> Command | None:
        """A command read from scattered words must not contradict a whole phrase said
        (« qu'est-ce que vous dites, cherche » is no pause)."""
        return found if found is None or not phrased or found.name in phrased else None

    def _fits_beside_step(self, rest: Words, budget: int) -> bool:
        # A procedure's word here counts as other content, not a veto: « c'est là que je
        # bloque » speaks of the step.
        return self._command_words.fits_beside_step(rest, budget, self.topics.about_the_room)

    def _with_reason(self, words: Words) -> Command | None:
        def other_request(rest: Words, command: CommandName) -> bool:
            tokens = self.topics.tokens(" ".join(rest))
            names_a_procedure = lambda token: bool(self.topics.owners(token))  # noqa: E731
            return bool(self._command_words.mentioned(rest) - {command}) or any(
                other_content(t, names_a_procedure) for t in tokens
            )

        strict = lambda part: self._strict(cores_of(part))  # noqa: E731
        return command_with_reason(words, strict, other_request, self.topics.is_person)

    def _topic(self, words: Words) -> Command:
        """No command and no phrase: which procedure the meaning-bearing words ask for."""
        chosen = self.topics.choose(" ".join(words))
        ids, one_word = chosen.procedure_ids, chosen.one_word
        if len(ids) == 1 and chosen.sure:
            return Command(CommandName.OPEN_PROCEDURE, procedure_id=ids[0], one_word=one_word)
        if ids:
            return Command(CommandName.CHOOSE_PROCEDURE, choices=ids, one_word=one_word)
        return _NOT_UNDERSTOOD

    def _strict(self, cores: list[Words]) -> Command | None:
        for core in cores:
            found = self._exact.get(core) or step_command(core)
            if found:
                return found
        return next(filter(None, map(self._sounds.same, cores)), None)

    def _agreeing_halves(self, words: Words) -> Command | None:
        """« plus fort, je n'entends rien »: two commands in a row, both the same."""
        if len(words) > _MAX_HALVES_WORDS:
            return None
        for cut in range(1, len(words)):
            first = self._strict(cores_of(words[:cut]))
            if first and first == self._strict(cores_of(words[cut:])):
                return first
        return None

    def _near(self, cores: list[Words]) -> Command | None:
        """A near miss (« repaie » for « répète »); never when every word is one the tables
        know: « demande » was said, not a misheard « paiements »."""
        cores = [core for core in cores if not self._known.issuperset(core)]
        return next(filter(None, map(self._sounds.nearest, cores)), None)

    def listening_phrases(self) -> list[str]:
        """Phrases for the Vosk grammar (without "[unk]"), each understood as its command."""
        return list(self._listening)

    def listening_words(self) -> list[str]:
        """Single words for the Vosk grammar: those topics and command keywords rely on
        (« ma banque a changé » needs « banque »), and the little words around them, which
        would otherwise come out as [unk] and count against the request."""
        words = self.topics.spoken_words() | self._command_words.spoken_words()
        words |= command_markers.spoken_words()
        words |= {w for w in topic_words.STOP_WORDS if w.isalpha()} | SPOKEN_ORDINALS
        return sorted(words - set(self._listening))


def _known_words(guide: Guide | None) -> frozenset[str]:
    """Every word some table or the memo spells, to split « jai » only into known words."""
    texts = [p for phrases in vocabulary.PHRASES.values() for p in phrases]
    texts += [k for keywords in command_words.KEYWORDS.values() for k in keywords]
    texts += [*command_words.NEUTRAL, *topic_words.STOP_WORDS, *topic_words.DOMAIN_WORDS]
    texts += [*topic_words.ELSEWHERE_WORDS, *topic_words.PEOPLE_WORDS]
    for procedure in guide.procedures if guide else ():
        texts += [procedure.title, *procedure.phrases, *procedure.words]
    return frozenset(w for text in texts for w in plain_words(text))


@functools.cache
def _built_in() -> Understanding:
    return Understanding(None)


def command_phrase_collision(phrase: str) -> CommandName | None:
    """The built-in command a procedure phrase would be heard as, if any."""
    # Strictly: a phrase a memo lists is a topic of its own, not a command said in passing.
    built_in = _built_in()
    name = built_in._understood(built_in._plain(phrase), lenient=False)[0].name
    return None if name is CommandName.NOT_UNDERSTOOD else name
