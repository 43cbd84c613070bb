"""An utterance as understanding reads it: normalised words, and the frames around a command.

People wrap commands in fillers (« euh »), polite frames (« est-ce que vous pouvez ») and
determiners (« les paiements »); recognisers and keyboards spell verbs many ways. Here they
are folded once, so every layer of `understanding` compares the same words.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from assistant.conversation import vocabulary
from assistant.conversation.wordforms import Words, plain_words

_FILLERS: dict[str, list[Words]] = {}
for _filler in sorted({plain_words(f) for f in vocabulary.FILLERS} - {()}, key=len, reverse=True):
    _FILLERS.setdefault(_filler[0], []).append(_filler)
_FOLDED = {
    plain_words(form)[0]: plain_words(canonical)[0]
    for canonical, forms in vocabulary.VERB_FORMS.items()
    for form in forms
}
_DROPPED = frozenset(vocabulary.DROPPED_WORDS)


def words_of(text: str, limit: int | None = None) -> Words:
    """The normalised words; stops once there are more than `limit`."""
    plain = plain_words(text)
    kept: list[str] = []
    index = 0
    while index < len(plain) and (limit is None or len(kept) <= limit):
        fillers = _FILLERS.get(plain[index], ())
        filler = next((f for f in fillers if plain[index : index + len(f)] == f), None)
        if filler and not (filler == ("bon",) and kept[-1:] == ["est"]):
            index += len(filler)
            continue
        word = _FOLDED.get(plain[index], plain[index])
        index += 1
        if word not in _DROPPED and kept[-1:] != [word]:  # « oui oui », « stop stop »
            kept.append(word)
    return tuple(kept)


def normalize(text: str) -> str:
    """Lowercase, no accents or punctuation, fillers removed, verb forms folded."""
    return " ".join(words_of(text))


def _index(frames: Iterable[Words], edge: int) -> dict[str, tuple[Words, ...]]:
    """Frames by their first (edge 0) or last (edge -1) word, longest first."""
    index: dict[str, list[Words]] = {}
    for frame in sorted(set(frames), key=len, reverse=True):
        index.setdefault(frame[edge], []).append(frame)
    return {word: tuple(found) for word, found in index.items()}


DETERMINERS = {words_of(d) for d in vocabulary.DETERMINERS} - {()}
_PREFIXES = _index({words_of(p) for p in vocabulary.POLITE_PREFIXES} - {()} | DETERMINERS, 0)
_SUFFIXES = _index({words_of(s) for s in vocabulary.POLITE_SUFFIXES} - {()}, -1)


def _peelings(words: Words) -> Iterator[Words]:
    for frame in _PREFIXES.get(words[0], ()):
        if words[: len(frame)] == frame:
            yield words[len(frame) :]
    for frame in _SUFFIXES.get(words[-1], ()):
        if words[-len(frame) :] == frame:
            yield words[: -len(frame)]


def cores_of(words: Words) -> list[Words]:
    """The words with frames peeled off either end, in every order, fewest peeled first."""
    cores = [words]
    for core in cores:  # grows while walked: breadth first
        cores.extend(p for p in _peelings(core) if p and p not in cores)
    return cores
