"""Commands said in a person's own words: « je suis revenu, on reprend », « vous criez ».

The strict layer (`understanding`) knows whole phrases. This one is its fallback: a command
is taken when EVERY meaning-bearing word of the sentence is a keyword of that one command
(« Revenez à la liste des sujets »: « revenez » is neutral, « liste » and « sujets » are
MENU). One word that belongs elsewhere, or to nothing, and nothing is taken: a sentence with
other content (« je rends ces livres où ») is someone else's talk, or a topic request.
Words are compared by their Snowball stem, as in `topics`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from assistant.conversation import topic_words
from assistant.conversation.commands import Command, CommandName
from assistant.conversation.wordforms import plain_words, stem

_C = CommandName

# fmt: off
KEYWORDS: Mapping[CommandName, tuple[str, ...]] = MappingProxyType({
    _C.NEXT: ("suivant", "suivante", "suite", "continuer", "prêt", "prête", "ensuite",
              "étape suivante", "après"),
    _C.PREVIOUS: ("précédent", "précédente", "reculer", "recule", "retour",
                  "arrière", "avant", "celle d'avant", "étape d'avant", "oups"),
    _C.REPEAT: ("répéter", "redire", "redites", "redis", "entendu", "dit", "dit quoi", "relire",
                "rien entendu", "pas entendu", "pardon", "encore une fois"),
    _C.MENU: ("menu", "sommaire", "liste", "sujets", "sujet", "choix", "rubriques",
              "démarches", "accueil", "autre sujet"),
    _C.HELP: ("aide", "aider", "aidez", "comprenez", "commandes", "quoi dire",
              "comment ça marche", "mode d'emploi", "parle", "parler", "dire"),
    _C.WHERE: ("où en est", "où j'en suis", "combien d'étapes", "quelle étape", "combien",
               "en est où"),
    _C.EXPLAIN: ("expliquer", "explication", "veut dire", "signifie", "compris",
                 "comprends", "détails", "en dire plus"),
    _C.SPELL: ("épeler", "épelez", "épelle", "lettres", "orthographe", "lettre par lettre",
               "s'écrit", "l'écrire", "l'écrit"),
    _C.PAUSE: ("pause", "attendre", "attendez", "instant", "moment", "minute", "minutes",
               "seconde", "secondes", "patientez", "patienter", "stop", "absenter", "cherche",
               "arrêtez-vous", "arrête-toi"),
    _C.RESUME: ("reprendre", "reprenez", "reprend", "revenu", "revenue", "revoilà", "reparler",
                "reprise", "lecture"),
    _C.QUIT: ("quitter", "arrêter", "arrête", "arrêtez", "éteindre", "éteignez", "au revoir",
              "programme", "assistant", "fini", "terminé"),
    _C.SLOWER: ("lentement", "ralentir", "ralentissez", "ralentis", "trop vite", "doucement",
                "moins vite"),
    _C.FASTER: ("accélérer", "accélérez", "rapide", "rapidement", "plus vite", "vite"),
    _C.LOUDER: ("plus fort", "son", "volume", "monter", "montez", "augmenter", "augmentez",
                "entends mal", "entends pas", "entends rien", "trop bas"),
    _C.NO: ("reste", "pas maintenant"),
    _C.QUIETER: ("baisser", "baissez", "moins fort", "crier", "criez", "hurlez", "trop fort"),
})
"""Meaning-bearing words of each command; a few are said together (« trop vite »)."""

NEUTRAL: tuple[str, ...] = (
    "revenez", "mot", "mot-là", "mettez", "lire", "exactement", "un peu", "peu", "tout",
    "aujourd'hui", "là", "vous", "étape", "avec", "revenez", "revient", "revenir", "étiez",
    "ah", "oh", "dois", "sais", "sait", "voir", "fait", "faire", "allez", "autre",
    "quand", "bien", "tout", "juste",
)
"""Words that go with any command and decide none (« mettez plus fort », « ce mot-là »)."""
# fmt: on

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
        self._longest = max((len(k) for k in self._owner), default=1)
        keyword_stems = {k[0] for k in self._owner if len(k) == 1}
        self._neutral = {s for w in NEUTRAL for s in _stems(normalize(w))} - keyword_stems

    def spoken_words(self) -> frozenset[str]:
        """Keywords of one word, as a recogniser writes them, for the grammar."""
        return frozenset(e.lower() for entries in KEYWORDS.values() for e in entries if e.isalpha())

    def command(self, text: str) -> Command | None:
        words = plain_words(text)
        stems = tuple(stem(w) for w in words)
        found: set[CommandName] = set()
        index = 0
        while index < len(stems):
            # Keywords of several words are matched word for word, stop words included.
            for size in range(min(self._longest, len(stems) - index), 0, -1):
                owners = self._owner.get(stems[index : index + size])
                if owners is not None:
                    break
            else:
                if words[index] not in _STOPS and stems[index] not in self._neutral:
                    return None  # a word that is no command's: not for us
                index += 1
                continue
            found = found & owners if found else set(owners)
            if not found:
                return None  # words of two different commands
            index += size
        return Command(found.pop()) if len(found) == 1 else None
