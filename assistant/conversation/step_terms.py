"""« C'est quoi, les neuf carrés ? »: a word of the memo's steps asked about is explaining.

People stop on a word the assistant just said (« les neuf petits carrés », « l'onglet ») and
ask what it is. Those words are in the steps' text, not in any procedure's vocabulary, so the
topic layer finds nothing and the sentence was not understood. Asked with « c'est quoi » or
« ça veut dire quoi », and with no other meaning-bearing word, it asks to explain the step.
Not « ça sert à quoi »: that asks what the site is for (`Topics.about_the_site`).
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.conversation.guide import Guide
from assistant.conversation.wordforms import Words, holds, plain_words

_WHAT_IS = tuple(
    tuple(phrase.split())
    for phrase in ("c est quoi", "qu est ce que c est", "veut dire quoi", "ca veut dire")
)
_ASKING_WORDS = frozenset(w for phrase in _WHAT_IS for w in phrase)
"""The words of the question, which name nothing themselves."""


class StepTerms:
    """The meaning-bearing tokens of the memo's steps that no procedure owns."""

    def __init__(
        self,
        guide: Guide | None,
        tokens: Callable[[str], Words],
        owned: Callable[[str], bool],
        passing: Callable[[str], bool],
    ) -> None:
        """`tokens` is the topic layer's (`Topics.tokens`), so both layers read alike.
        `owned` tells a token that names something else (a procedure, the library, an
        ache): asked about, it is not a step's word. `passing` tells a word of a command's
        keywords (« petit », « mot »): it neither counts for nor against, but alone it is no
        step's word (« c'est quoi les mots que je peux dire ? » asks for help)."""
        texts = [
            text
            for procedure in (guide.procedures if guide else ())
            for step in procedure.steps
            for text in (step.say, step.screen or "", step.explain or "")
        ]
        self._tokens, self._passing = tokens, passing
        terms = (t for text in texts for t in tokens(text))
        self._terms = frozenset(t for t in terms if not owned(t) and not passing(t))

    def asked(self, text: str) -> bool:
        """Whether `text` asks what a step's word is, and nothing else."""
        plain = plain_words(text)
        if not any(holds(plain, phrase) for phrase in _WHAT_IS):
            return False
        said = [t for t in self._tokens(text) if t not in _ASKING_WORDS and not self._passing(t)]
        return bool(said) and self._terms.issuperset(said)
