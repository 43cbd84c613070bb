"""A rough French sound key, so spellings a recogniser confuses (« repaie », « répète ») meet."""

from __future__ import annotations

import functools
import re

Words = tuple[str, ...]

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
