"""Word forms shared by understanding's layers: plain words, French stems, content words.

Typed text often has no accents, so everything is compared accent-free; the Snowball French
stemmer (snowballstemmer) makes « déménagé », « déménager » and « déménagement » one form
without lists of conjugations.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import snowballstemmer

from assistant.conversation import topic_words

Words = tuple[str, ...]

_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "’": "'"})
_NOT_ALNUM = re.compile(r"[\W_]+")
_DIGIT_EDGE = re.compile(r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])")
_STEMMER = snowballstemmer.stemmer("french")
_NOT_SPOKEN = re.compile(r"[^\w' -]|[\d_]")
SPOKEN_SPLIT = re.compile(r"[\s'\-.,;:!?«»()]+")


@functools.lru_cache(maxsize=4096)  # every layer asks it of the same few strings
def plain_words(text: str) -> Words:
    """Lowercase words: accents and punctuation gone, « étape3 » split in two.

    Letters of other scripts are kept (recomposed), so a memo may use phrases in any language
    its speech model knows; only accents are folded away."""
    # Lowercased again after NFKD: « 𝐒𝐔𝐈𝐕𝐀𝐍𝐓 » (bold letters) only become capitals there.
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_LIGATURES)).lower()
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    bare = unicodedata.normalize("NFC", bare)
    return tuple(_DIGIT_EDGE.sub(" ", _NOT_ALNUM.sub(" ", bare)).split())


@functools.lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """The French stem of an accent-free word; typed text often has no accents, so the
    stemmer only ever sees unaccented words, and « payé » and « paye » meet."""
    found = str(_STEMMER.stemWord(word))
    if len(found) > 3 and found.endswith("e"):  # « volee » → « vole » → « vol »
        found = found[:-1]
    return found[:-1] + "i" if found.endswith("y") else found  # « pay » / « pai »


STOPS = frozenset(w for phrase in topic_words.STOP_WORDS for w in plain_words(phrase))
GRAMMAR = frozenset(w for phrase in topic_words.GRAMMAR_WORDS for w in plain_words(phrase))
REQUESTS = frozenset(w for phrase in topic_words.REQUEST_WORDS for w in plain_words(phrase))


NOT_IMPERFECT = frozenset({"fait", "refait", "plait", "sait", "tait", "parfait"})
"""Present-tense words that end as the imperfect does (« ait »): « j'ai déjà fait » tells no
story, « le prof parlait trop fort » does."""


def holds(words: Words, phrase: Words) -> bool:
    """Whether `phrase` stands in `words`, word for word."""
    return any(words[i : i + len(phrase)] == phrase for i in range(len(words) - len(phrase) + 1))


def content_words(text: str) -> Words:
    """The words of `text` that may carry meaning, in order, as written (accents folded)."""
    return tuple(w for w in plain_words(text) if w not in STOPS)


_ELIDED = ("qu", "j", "l", "d", "n")
"""Letters a missing apostrophe leaves on a long word; not « s » (« savant » is no « s'avant »)
nor « c », « m », « t », whose elisions come before short words listed below."""
_VOWELS = frozenset("aeiouyh")
_SHORT_ELISIONS = {
    "jai": ("j", "ai"), "cest": ("c", "est"), "quest": ("qu", "est"), "quon": ("qu", "on"),
    "quil": ("qu", "il"), "nai": ("n", "ai"), "nest": ("n", "est"), "sil": ("s", "il"),
    "jy": ("j", "y"), "jen": ("j", "en"), "cetait": ("c", "etait"), "jetais": ("j", "etais"),
    "secrit": ("s", "ecrit"),
}  # fmt: skip
"""Elisions before a grammar word: too short to guess (« cas » is not « c'as »); and « secrit »,
no French word, the spelling question « ça s'écrit comment » typed without its apostrophe."""


def unelided(words: Words, known: frozenset[str]) -> Words:
    """Typed without apostrophes: « jai », « cest », « letape » → « j ai », « c est »,
    « l etape »: a short form from the list, or an unknown word whose rest after the elided
    letter is a known word of four letters or more. A word `known` as it is stays whole (a
    memo's phrase « jetais » is heard as its writer spelt it)."""
    found: list[str] = []
    for word in words:
        if word in _SHORT_ELISIONS and word not in known:
            found += _SHORT_ELISIONS[word]
            continue
        head = next((h for h in _ELIDED if word.startswith(h)), "") if word not in known else ""
        rest = word[len(head) :]
        if head and rest[:1] in _VOWELS and len(rest) >= 4 and rest in known:
            found += (head, rest)
        else:
            found.append(word)
    return tuple(found)


def spoken_form(phrase: str) -> str:
    """A phrase as the recogniser writes it: lowercase words, accents and apostrophes kept.

    The one spelling shared by the Vosk grammar, the recognizer's checks and the phrases
    understanding listens for, so that what Vosk returns is found as it is."""
    text = phrase.lower().replace("’", "'").replace("`", "'")
    return " ".join(w for w in _NOT_SPOKEN.sub(" ", text).split() if w.strip("'-"))


def phrase_at(phrase: Words, words: Words, index: int) -> bool:
    """`phrase` stands at `index`. « ferme-la » is a phrase; « ferme la session » is not: a
    phrase ending in « la » or « le » must not run on into a word of content."""
    end = index + len(phrase)
    if words[index:end] != phrase:
        return False
    following = words[end : end + 1]
    return phrase[-1] not in ("la", "le") or not following or following[0] in STOPS
