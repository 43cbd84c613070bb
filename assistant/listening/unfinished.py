"""A longer wait after an unfinished phrase (« mes… », « l'étape… »), never a shorter one.

The end-of-speech detector ends an utterance after 220 ms of silence. espeak-ng pauses about
as long inside « l'étape quatre » or « lettre par lettre », and people hesitate longer, so the
phrase is cut in two. Vosk's final result is already computed after 120 ms of silence (the
recognizer's EARLY_FINAL_MS): when that text is only the opening of longer grammar phrases,
and not a phrase itself, the detector waits longer for this utterance. It also waits when the
text is not understood alone but its last 1 to 3 words are such an opening (« je voudrais
aller à l'étape… »): people put words before a command. A text understood alone (« retour au
menu ») never waits by its ending, and a few endings are too common after other words to be
worth the wait (COMMON_ENDINGS, chosen by scripts/study_oracle_cuts.py).

Never shorter than 220 ms: an earlier trial (scripts/bench_detector_adaptive.py) shortened the
wait when Vosk's partial result was a whole phrase, and cut more, because the first hypothesis
at the end of a word is often a shorter command. But a whole request, surely heard in the
early text, whose longer phrases all ask the same (`UnfinishedWait.whole`: « répète », not
« carte vitale » before « perdue ») spares the detector the pitch's wait (audio/continuation.py:
320 ms after a flat pitch): nothing that may follow would change what is done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

__all__ = ["COMMON_ENDINGS", "ENDING_WORDS", "UnfinishedWait", "longer_phrases", "openings_of"]

ENDING_WORDS = 3
"""The longest ending looked at, in words: « … lettre par », « … j'en suis à »."""

COMMON_ENDINGS = frozenset(
    {"bien", "ça", "demander", "étape", "fais", "faites", "nouveau", "passer", "petite"}
    | {"tout", "une nouvelle", "va", "vérifier", "voir"}
)
"""Openings that wait when they are the whole text, not as the ending of a longer one: in
the natural requests of tests/data, each ends a sentence not understood at least as often as
the rest of a phrase follows it (« la quatrième étape », « ça va »). The others wait (« la »
30 times at the end, 199 before « suite », « liste »…). scripts/study_oracle_cuts.py --textes."""


def openings_of(phrases: Iterable[str]) -> frozenset[str]:
    """The strict word prefixes of the phrases that are not phrases themselves: « mes » and
    « lettre par » for « mes paiements » and « lettre par lettre »."""
    whole = {" ".join(p.split()) for p in phrases}
    return frozenset(longer_phrases(whole)) - whole


def longer_phrases(phrases: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Each strict word prefix of the phrases, phrase or not, and the phrases it opens."""
    longer: dict[str, list[str]] = {}
    for phrase in phrases:
        words = phrase.split()
        for count in range(1, len(words)):
            longer.setdefault(" ".join(words[:count]), []).append(phrase)
    return {prefix: tuple(sorted(opened)) for prefix, opened in longer.items()}


class UnfinishedWait:
    """The trailing silence for one hypothesis: `long_ms` after an opening, else `normal_ms`."""

    def __init__(
        self,
        phrases: Iterable[str],
        normal_ms: int,
        long_ms: int,
        complete: Callable[[str], bool] | None = None,
        ending_words: int = ENDING_WORDS,
        common: Iterable[str] = COMMON_ENDINGS,
        request: Callable[[str], object] | None = None,
    ) -> None:
        """`long_ms` at or below `normal_ms` switches the longer wait off. An opening that is
        `complete` said alone (« carte » opens « carte vitale » but is understood alone) keeps
        the normal wait: its 600 ms would be paid each time it is said. `ending_words`: the
        longest ending that waits after other words (0: only the whole text); `common`:
        openings that never do. Without `complete`, only the phrases count as understood.
        `request(text)`: what a text asks, equal for texts that ask the same (« répète » and
        « répète s'il te plaît »); without it, no opening is ever `whole`."""
        self.phrases = frozenset(" ".join(p.split()) for p in phrases)
        self._longer = longer_phrases(self.phrases)
        self._request = request
        openings = openings_of(self.phrases) if long_ms > normal_ms else frozenset()
        self.openings = frozenset(o for o in openings if complete is None or not complete(o))
        self.endings = frozenset(
            o for o in self.openings - set(common) if len(o.split()) <= ending_words
        )
        """The openings that also wait at the end of a text not understood alone."""
        self.ending_words = ending_words
        self.normal_ms = normal_ms
        self.long_ms = max(normal_ms, long_ms)
        self._complete = complete
        self._last: tuple[str, bool] = ("", False)
        """The last text judged: the same early text is asked about at every audio chunk."""
        self._whole_last: tuple[str, bool] = ("", False)
        """The same for `whole`."""

    def unfinished(self, heard: str) -> bool:
        text = " ".join(heard.split())
        if text in self.openings:
            return True
        if text != self._last[0]:
            self._last = (text, self._ends_on_opening(text) and not self._understood(text))
        return self._last[1]

    def whole(self, heard: str | None) -> bool:
        """`heard` (None: no text yet) is understood alone, and every longer phrase it opens
        asks the same (« suivant », « répète », not « carte vitale », which opens « carte
        vitale perdue »): what may follow a pause after it changes nothing."""
        text = " ".join(heard.split()) if heard is not None else ""
        if text != self._whole_last[0]:  # asked at every chunk, about the same early text
            whole = bool(text) and self._understood(text) and self._same_as_longer(text)
            self._whole_last = (text, whole)
        return self._whole_last[1]

    def _same_as_longer(self, text: str) -> bool:
        longer = self._longer.get(text, ())
        if self._request is None or not longer:
            return not longer
        asked = self._request(text)
        return all(self._request(phrase) == asked for phrase in longer)

    def ending(self, heard: str) -> str | None:
        """The longest ending of `heard`, after at least one other word, that waits."""
        words = heard.split()
        longest = min(len(words) - 1, self.ending_words)
        ends = (" ".join(words[-n:]) for n in range(longest, 0, -1))
        return next((e for e in ends if e in self.endings), None)

    def _ends_on_opening(self, text: str) -> bool:
        return bool(self.endings) and self.ending(text) is not None

    def _understood(self, text: str) -> bool:
        return text in self.phrases or (self._complete is not None and self._complete(text))

    def trailing_ms(self, heard: str | None) -> int:
        """`heard`: Vosk's text once the voice paused, None while no result is ready."""
        if heard is not None and self.unfinished(heard):
            return self.long_ms
        return self.normal_ms
