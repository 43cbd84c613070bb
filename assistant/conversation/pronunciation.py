"""How written French becomes the words given to the speech engine; the screen never sees this.

Pure: a `Lexicon` maps written forms to spoken forms (« CEAM » → « C E A M »), codes are read
one digit at a time, and `spell_out` names letters for « épelle ». Everything goes through plain
words, never engine markup, so the same text works with espeak-ng, SAPI5 and NSSpeech.

Matching rules, chosen so that a writer can predict them:
- whole words only: « RIB » never changes « RIBAMBELLE », « site » never changes « sites »;
- a written form with a capital letter matches exactly that spelling (an acronym); one in
  lower case matches any case, and a capital first letter is kept (« Email » → « Courriel »);
- the longest written form wins where several start at the same place (« www.site.fr »
  before « site.fr » before « site »).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

_DIGITS = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf")

CODE_MIN_DIGITS = 5
"""From five digits (a postal code, a phone number in one block), or with a leading zero
(« 06 »), digits are a code to type, read one at a time; « 6 mois » and « 27 » stay numbers."""
_CODE = re.compile(rf"(?<![\w,.])(?:0\d+|\d{{{CODE_MIN_DIGITS},}})(?![\w]|[,.]\d)")


@dataclass(frozen=True)
class Lexicon:
    """Written form → spoken form, applied to every sentence the assistant says."""

    entries: tuple[tuple[str, str], ...] = ()
    _pattern: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        written = sorted({w for w, _ in self.entries if w.strip()}, key=len, reverse=True)
        if not written:
            return
        # Case-exact forms and any-case forms need different flags: one group each.
        parts = [f"(?:{re.escape(w)})" if _exact(w) else f"(?i:{re.escape(w)})" for w in written]
        pattern = re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])")
        object.__setattr__(self, "_pattern", pattern)

    def extended(self, more: Iterable[tuple[str, str]]) -> Lexicon:
        """This lexicon with `more` added; a written form given again replaces the old one."""
        added = tuple(more)
        replaced = {written for written, _ in added}
        kept = tuple(entry for entry in self.entries if entry[0] not in replaced)
        return Lexicon(kept + added)

    def spoken(self, text: str) -> str:
        """The text the speech engine receives for `text`."""
        if self._pattern is not None:
            text = self._pattern.sub(self._replacement, text)
        return _CODE.sub(lambda match: read_digits(match.group()), text)

    def _replacement(self, match: re.Match[str]) -> str:
        found = match.group()
        for written, said in self.entries:
            if found == written:
                return said
        folded = found.casefold()
        for written, said in reversed(self.entries):  # the memo's own entries win
            if not _exact(written) and written.casefold() == folded:
                return said[:1].upper() + said[1:] if found[:1].isupper() else said
        return found  # cannot happen: the pattern only holds the entries


def _exact(written: str) -> bool:
    return any(char.isupper() for char in written)


def read_digits(code: str) -> str:
    """« 95000 » → « neuf cinq zéro zéro zéro »: a code is typed one digit at a time."""
    return " ".join(_DIGITS[int(char)] for char in code if char.isdigit())


_SYMBOLS = {
    ".": "point", "-": "tiret", "@": "arobase", "/": "barre oblique", ":": "deux-points",
    "_": "tiret du bas", "\\": "barre oblique inversée", ",": "virgule", ";": "point-virgule",
    "'": "apostrophe", "’": "apostrophe", "?": "point d'interrogation",
    "!": "point d'exclamation", "&": "et commercial", "+": "plus", "=": "égal", "#": "dièse",
    "%": "pour cent", "*": "étoile", "(": "parenthèse ouvrante", ")": "parenthèse fermante",
    '"': "guillemet", "«": "guillemet", "»": "guillemet", "€": "euro", "$": "dollar",
    "~": "tilde", "<": "plus petit que", ">": "plus grand que",
}  # fmt: skip
_MARKS = {
    "\u0301": "accent aigu", "\u0300": "accent grave", "\u0302": "accent circonflexe",
    "\u0308": "tréma", "\u0327": "cédille", "\u0303": "tilde",
}  # fmt: skip
_LIGATURES = {"œ": "o e collés", "æ": "a e collés", "ß": "double s"}


def spell_out(text: str) -> str:
    """Say `text` letter by letter: « site.fr » → « s, i, t, e, point, f, r. ».

    « MSA, MGEN » lists two words to type, so each is spelled on its own.
    """
    words = [word.strip() for word in text.split(", ") if word.strip()]
    return " Puis : ".join(_spell_word(word) for word in words)


def _spell_word(word: str) -> str:
    letters = [char for char in word if char.isalpha()]
    # « MSA » in capitals: saying « majuscule » after every letter would drown the letters.
    all_capitals = len(letters) > 1 and all(char.isupper() for char in letters)
    names = ", ".join(_name(char, note_capital=not all_capitals) for char in word)
    return ("En majuscules : " if all_capitals else "") + names + "."


def _name(char: str, note_capital: bool) -> str:
    if char in "0123456789":
        return _DIGITS[int(char)]
    if char.isspace():
        return "espace"
    if char in _SYMBOLS:
        return _SYMBOLS[char]
    if not char.isalpha():
        return char
    decomposed = unicodedata.normalize("NFD", char)
    marks = [_MARKS[mark] for mark in decomposed[1:] if mark in _MARKS]
    name = _LIGATURES.get(char.lower()) or " ".join([decomposed[0], *marks])
    return f"{name} majuscule" if char.isupper() and note_capital else name
