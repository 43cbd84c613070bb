"""A rough French sound key, so spellings a recogniser confuses (« repaie », « répète ») meet."""

from __future__ import annotations

import functools
import re

from rapidfuzz.distance import OSA

Words = tuple[str, ...]

_MAX_COST = 2
TOO_FAR = _MAX_COST + 1

_SOUND_RULES = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"eaux?|aux?$|au", "o"),
        (r"ph", "f"),
        (r"qu", "k"),
        (r"ch", "x"),
        (r"c(?=[eiy])", "s"),
        (r"c", "k"),
        (r"gu(?=[eiy])", "g"),
        (r"g(?=[eiy])", "j"),
        (r"h", ""),
        (r"y", "i"),
        (r"z", "s"),
        (r"(?<=..)e[rz]$", "e"),  # « quiter », « répétez »: the ending sounds like « é »
        (r"([^aeiou])\1+", r"\1"),
        (r"[ae]?i[nm](?=[^aeiou]|$)", "in"),
        (r"[ae]i", "e"),
        (r"[ae][nm](?=[^aeiou]|$)", "an"),
        (r"o[nm](?=[^aeiou]|$)", "on"),
    )
)
_DOUBLED = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=4096)
def sound_key(word: str) -> str:
    """A rough French sound key, so spellings the recogniser confuses meet."""
    if word.isdigit():
        return word
    key = word
    for pattern, replacement in _SOUND_RULES:
        key = pattern.sub(replacement, key)
    for mute in ("sx", "e", "td"):  # plural, mute « e », mute final consonant
        if len(key) > 2 and key[-1] in mute:
            key = key[:-1]
    return _DOUBLED.sub(r"\1", key) or word


def sound_keys(words: Words) -> Words:
    return tuple(sound_key(word) for word in words)


def _budget(length: int) -> int:
    """Letters a word may be off by: none for short words, where one letter changes the word."""
    return 0 if length < 5 else 1 if length < 9 else 2


def sound_distance(heard: Words, known: Words) -> int:
    """Letters changed between two sound keys of the same length, word by word; `TOO_FAR`
    when a word is off by more than its budget or the total by more than two."""
    total = 0
    for said, meant in zip(heard, known, strict=True):
        if said != meant:
            budget = _budget(min(len(said), len(meant)))
            cost = OSA.distance(said, meant, score_cutoff=budget) if budget else TOO_FAR
            if cost > budget:
                return TOO_FAR
            total += cost
    return total if total <= _MAX_COST else TOO_FAR
