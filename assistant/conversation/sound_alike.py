"""Known phrases by how they sound: « repaie » heard for « répète » still repeats.

A recogniser or a keyboard may spell a phrase in a way no table holds. Every whole phrase
understanding knows is also kept under its rough French sound key (`sounds.sound_keys`): the
same sound is the same phrase, and a near sound (a letter or two away) is the nearest
phrase, unless two commands are equally near, which would be a guess.
"""

from __future__ import annotations

from collections.abc import Mapping

from assistant.conversation.commands import Command
from assistant.conversation.sounds import TOO_FAR, sound_distance, sound_keys
from assistant.conversation.wordforms import Words


class SoundAlike:
    """The phrases of `exact` by their sound, ready to match."""

    def __init__(self, exact: Mapping[Words, Command]) -> None:
        self._by_sound: dict[Words, Command | None] = {}
        self._by_length: dict[int, list[tuple[Words, Command]]] = {}
        for words, command in exact.items():
            sound = sound_keys(words)
            known = self._by_sound.setdefault(sound, command)
            if known != command:
                self._by_sound[sound] = None  # two commands sound alike: neither is guessed
            self._by_length.setdefault(len(sound), []).append((sound, command))

    def same(self, words: Words) -> Command | None:
        """The command of the phrase that sounds exactly like `words`."""
        return self._by_sound.get(sound_keys(words))

    def nearest(self, words: Words) -> Command | None:
        """The command of the one phrase that sounds nearest to `words`, if near enough."""
        sound = sound_keys(words)
        best: Command | None = None
        best_cost = TOO_FAR
        for known, command in self._by_length.get(len(sound), ()):
            cost = sound_distance(sound, known)
            if cost < best_cost:
                best, best_cost = command, cost
            elif cost == best_cost and command != best:
                best = None  # a tie between two commands is a guess
        return best
