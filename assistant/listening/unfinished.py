"""A longer wait after an unfinished phrase (« mes… », « l'étape… »), never a shorter one.

The end-of-speech detector ends an utterance after 220 ms of silence. espeak-ng pauses about
as long inside « l'étape quatre » or « lettre par lettre », and people hesitate longer, so the
phrase is cut in two. Vosk's final result is already computed after 120 ms of silence (the
recognizer's EARLY_FINAL_MS): when that text is only the opening of longer grammar phrases,
and not a phrase itself, the detector waits longer for this utterance.

Only lengthened: an earlier trial (scripts/bench_detector_adaptive.py) also shortened the wait
when Vosk's partial result was a whole phrase, and cut more, because the first hypothesis at
the end of a word is often a shorter command. A whole phrase keeps exactly today's timing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

__all__ = ["UnfinishedWait", "openings_of"]


def openings_of(phrases: Iterable[str]) -> frozenset[str]:
    """The strict word prefixes of the phrases that are not phrases themselves: « mes » and
    « lettre par » for « mes paiements » and « lettre par lettre »."""
    whole = {" ".join(p.split()) for p in phrases}
    prefixes = {
        " ".join(words[:count])
        for words in (phrase.split() for phrase in whole)
        for count in range(1, len(words))
    }
    return frozenset(prefixes - whole)


class UnfinishedWait:
    """The trailing silence for one hypothesis: `long_ms` after an opening, else `normal_ms`."""

    def __init__(
        self,
        phrases: Iterable[str],
        normal_ms: int,
        long_ms: int,
        complete: Callable[[str], bool] | None = None,
    ) -> None:
        """`long_ms` at or below `normal_ms` switches the longer wait off. An opening that is
        `complete` said alone (« carte » opens « carte vitale » but is understood alone) keeps
        the normal wait: its 600 ms would be paid each time it is said."""
        openings = openings_of(phrases) if long_ms > normal_ms else frozenset()
        self.openings = frozenset(o for o in openings if complete is None or not complete(o))
        self.normal_ms = normal_ms
        self.long_ms = max(normal_ms, long_ms)

    def unfinished(self, heard: str) -> bool:
        return " ".join(heard.split()) in self.openings

    def trailing_ms(self, heard: str | None) -> int:
        """`heard`: Vosk's text once the voice paused, None while no result is ready."""
        if heard is not None and self.unfinished(heard):
            return self.long_ms
        return self.normal_ms
