"""Which procedure a sentence asks for, from its meaning-bearing words, not its exact phrasing.

People say what happened to them (« ma banque a changé », « j'ai plus ma carte »), not a
procedure's title. So each procedure has a vocabulary: the words of its title, of its phrases
and of its optional `mots:` list. Words are compared by their French stem (Snowball), so
« déménagé », « déménager » and « déménagement » meet without lists of conjugations.

A sentence is scored against every procedure:
- each of its words found in the procedure's vocabulary adds that word's weight: rare words
  weigh more (an IDF over the procedures), so « carte », shared by two procedures, is weak and
  « banque » or « pharmacie », owned by one, is strong;
- each other word counts against it (a word owned by another procedure as much as it weighs
  there, an unknown word a fixed amount): « mon neveu travaille dans une banque » is mostly
  about something else. Grammar words, requests (« je voudrais ») and the site's own words
  (« sécu », the site's name) count neither way.
A procedure is a candidate only with enough weight AND covering enough of the sentence. One
clear candidate is opened; two or three close ones are offered as a question; more, or none,
is « not understood »: a weak match is never forced onto a topic. That decision, where the
thresholds meet the scores, is `topic_choice`.

Pure and fast: every vocabulary is stemmed once, in `Topics.__init__`.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from assistant.conversation import topic_words
from assistant.conversation.guide import Guide
from assistant.conversation.topic_choice import Choice, Score, chosen
from assistant.conversation.topic_thresholds import (
    ABOUT_SITE_WORDS,
    DOMAIN_WEIGHT,
    ELSEWHERE_COST,
    PEOPLE_COST,
    TITLE_BONUS,
    UNKNOWN_COST,
)
from assistant.conversation.wordforms import (
    GRAMMAR,
    REQUESTS,
    SPOKEN_SPLIT,
    STOPS,
    Words,
    content_words,
    holds,
    plain_words,
    stem,
)


def _stems_of(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(stem(w) for w in content_words(" ".join(words)))


def _rarity(owners: int, count: int) -> float:
    """1 for a word of one procedure, 0 for a word of all: log(count / owners) / log(count),
    so the thresholds mean the same whatever the number of procedures."""
    return math.log(count / owners) / math.log(count) if count > 1 else 1.0


class Topics:
    """One memo's procedure vocabularies, stemmed and weighted, ready to score sentences."""

    def __init__(self, guide: Guide | None, normalize: Callable[[str], str] = str) -> None:
        """`normalize` is applied to every vocabulary text, as understanding applies it to
        sentences (verb forms folded, fillers gone)."""
        procedures = guide.procedures if guide else ()
        # Sentences arrive normalised (« lire » → « lis »): stop words are matched both ways.
        self._stops = STOPS | {w for p in topic_words.STOP_WORDS for w in plain_words(normalize(p))}
        self._ids = tuple(p.id for p in procedures)
        self._compounds: dict[str, list[Words]] = {}
        self._surface: dict[str, set[str]] = {}
        self._owners: dict[str, tuple[int, ...]] = {}
        for procedure in procedures:  # compounds first: « mot de passe » in a phrase is one
            for word in procedure.words:
                self._learn_compound(normalize(word))
        vocabularies: list[set[str]] = []
        self._titles: list[frozenset[str]] = []
        self._spoken = {
            word
            for procedure in procedures
            for text in (procedure.title, *procedure.phrases, *procedure.words)
            for word in SPOKEN_SPLIT.split(text.lower().replace("’", "'"))
            if word.isalpha()
            and self._counts(word, text in procedure.words and " " in text.strip())
        }
        for procedure in procedures:
            tokens: set[str] = set()
            for text in (procedure.title, *procedure.phrases, *procedure.words):
                tokens.update(self._learn(normalize(text)))
            vocabularies.append(tokens)
            self._titles.append(frozenset(self.tokens(normalize(procedure.title))))
        title_words = content_words(guide.title) if guide else ()
        domain = {stem(w) for w in content_words(" ".join(topic_words.DOMAIN_WORDS))}
        self._domain: set[str] | frozenset[str] = domain | {stem(w) for w in title_words}
        self._elsewhere = _stems_of(topic_words.ELSEWHERE_WORDS) - self._domain
        self._people = _stems_of(topic_words.PEOPLE_WORDS) - self._domain
        # A compound of site words (« assurance maladie ») is a site word too.
        self._domain |= {
            " ".join(c)
            for starts in self._compounds.values()
            for c in starts
            if all(part in self._domain for part in c)
        }
        count = max(1, len(procedures))
        owners: dict[str, list[int]] = {}
        for index, tokens in enumerate(vocabularies):
            for token in tokens:
                owners.setdefault(token, []).append(index)
        self._owners = {t: tuple(found) for t, found in owners.items()}
        self._weight = {
            token: min(DOMAIN_WEIGHT, _rarity(len(found), count) or DOMAIN_WEIGHT)
            if token in self._domain
            else _rarity(len(found), count)
            for token, found in self._owners.items()
        }
        for starts in self._compounds.values():
            starts.sort(key=len, reverse=True)
        # The procedure about the site itself: the one listing clearly the most site words.
        site_words = [len(v & self._domain) for v in vocabularies]
        most = max(site_words, default=0)
        self._about = site_words.index(most) if site_words.count(most) == 1 else None
        if most < ABOUT_SITE_WORDS:
            self._about = None
        about_words = vocabularies[self._about] if self._about is not None else set()
        self._about_words = frozenset(about_words & self._domain)

    def _counts(self, word: str, in_compound: bool) -> bool:
        """A word worth hearing: not a stop word, or part of a `mots:` compound (« passe »)."""
        folded = plain_words(word)
        stops = GRAMMAR if in_compound else self._stops | GRAMMAR
        return bool(folded) and not any(w in stops for w in folded)

    def _learn_compound(self, entry: str) -> None:
        """A `mots:` entry of several words (« mot de passe ») is heard as one token; only
        grammar words are left out of it, so « passe » counts there and nowhere else."""
        stems = tuple(stem(w) for w in plain_words(entry) if w not in GRAMMAR)
        starts = self._compounds.setdefault(stems[0], []) if len(stems) > 1 else []
        if len(stems) > 1 and stems not in starts:
            starts.append(stems)

    def _learn(self, text: str) -> set[str]:
        tokens = set(self.tokens(text))
        for word in content_words(text):
            self._surface.setdefault(stem(word), set()).add(word)
        return tokens

    def tokens(self, text: str) -> Words:
        """The sentence's stems, each once, with words said together (« mot de passe ») as
        one token; grammar and request words left out."""
        words = [w for w in plain_words(text) if w not in GRAMMAR and not w.isdigit()]
        stems = [stem(w) for w in words]
        found: list[str] = []
        index = 0
        while index < len(stems):
            starts = self._compounds.get(stems[index], ())
            compound = next((c for c in starts if tuple(stems[index : index + len(c)]) == c), None)
            size = len(compound) if compound else 1
            token = " ".join(compound) if compound else stems[index]
            if token not in found and (compound or words[index] not in self._stops):
                found.append(token)
            index += size
        return tuple(found)

    def scores(self, text: str) -> list[Score]:
        """Every procedure with at least one of the sentence's words, best first."""
        tokens = self.tokens(text)
        if not tokens or not self._ids:
            return []
        gains = [0.0] * len(self._ids)
        matched = [0] * len(self._ids)
        total_against = 0.0
        against_owned = [0.0] * len(self._ids)
        for token in tokens:
            owners = self._owners.get(token)
            if owners is None:
                unknown = (
                    ELSEWHERE_COST
                    if token in self._elsewhere
                    else PEOPLE_COST
                    if token in self._people
                    else UNKNOWN_COST
                )
                total_against += 0.0 if token in self._domain else unknown
                continue
            # « fermer ma session »: a compound explains each of its words, not one.
            weight = self._weight[token] * (token.count(" ") + 1)
            for index in owners:
                matched[index] += 1
                gains[index] += weight * (TITLE_BONUS if token in self._titles[index] else 1.0)
                against_owned[index] -= 0.0 if token in self._domain else weight
            total_against += 0.0 if token in self._domain else weight
        found = []
        for index, gain in enumerate(gains):
            if gain > 0:
                against = total_against + against_owned[index]
                coverage = gain / (gain + against)
                found.append(Score(self._ids[index], gain, coverage, matched[index]))
        found.sort(key=lambda s: -s.weight)
        return found

    def choose(self, text: str) -> Choice:
        """No id when no procedure is asked for clearly; one id to open; two or three to ask."""
        asked = not REQUESTS.isdisjoint(plain_words(text))
        tokens = self.tokens(text)
        if self._about is not None and tokens and all(t in self._about_words for t in tokens):
            # Site words only (« c'est quoi la sécu ? »): a question about the site.
            return Choice((self._ids[self._about],), len(tokens) == 1)
        people = not self._people.isdisjoint(tokens)
        elsewhere = not self._elsewhere.isdisjoint(tokens) or (people and not asked)
        return chosen(self.scores(text), self._ids, asked=asked, elsewhere=elsewhere)

    def about_the_site(self, text: str) -> str | None:
        """The procedure about the site itself, when `text` asks what the site is for, with
        its name, and no other procedure's word nor anything else (« mon fils m'a parlé du
        site de la sécu, mais c'est quoi au juste ? »). `text` is the whole sentence: « c'est
        quoi » is also a command's phrase."""
        tokens = self.tokens(text)
        if self._about is None or self._about_words.isdisjoint(tokens):
            return None
        if not any(holds(plain_words(text), phrase) for phrase in topic_words.WHAT_IS):
            return None
        for token in set(tokens) - self._about_words:
            if token in self._elsewhere or set(self._owners.get(token, ())) - {self._about}:
                return None
        return self._ids[self._about]

    def spoken_words(self) -> frozenset[str]:
        """The memo's meaning-bearing words as a recogniser writes them (lowercase, accents
        kept), for the grammar: « ma banque a changé » can only be understood if heard."""
        return frozenset(self._spoken)

    def vocabulary(self) -> dict[str, frozenset[str]]:
        """Every token → the words of the memo it was learnt from (for the grammar, checks)."""
        return {token: frozenset(words) for token, words in self._surface.items()}

    def about_else(self, token: str) -> bool:
        """A stem that speaks of something else than a command: the library, aches, other
        people, or a procedure (« plus bas dans la rue »)."""
        return token in self._elsewhere or token in self._people or token in self._owners

    def about_the_room(self, token: str) -> bool:
        """The library, aches, other people: what is said in the room, not to us."""
        return token in self._elsewhere or token in self._people

    def is_person(self, token: str) -> bool:
        return token in self._people

    def owners(self, token: str) -> tuple[str, ...]:
        return tuple(self._ids[i] for i in self._owners.get(token, ()))

    def weight(self, token: str) -> float:
        return self._weight.get(token, 0.0)

    @property
    def procedure_count(self) -> int:
        return len(self._ids)
