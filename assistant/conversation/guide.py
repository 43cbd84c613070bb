"""The memo as the rest of the program sees it: immutable, already validated.

Loading and checking YAML lives in `guide_loader`; this module only holds the shapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.conversation.learned_topics import LearnedTopics


@dataclass(frozen=True)
class Step:
    """One action the listener performs, said in one short sentence."""

    say: str
    """What the assistant says for this step (YAML key `dire`)."""

    explain: str | None = None
    """Longer explanation given on « explique » (YAML key `expliquer`)."""

    screen: str | None = None
    """What the screen shows at this point, for the listener and the helper standing by
    (YAML key `ecran`)."""

    spell: str | None = None
    """Text spelled letter by letter on « épelle », such as a web address (YAML key `epeler`)."""

    secret: bool = False
    """The step asks for a password, a social security number or bank details: the assistant
    warns before it to type them, never say them aloud, and hide the screen (YAML key `secret`)."""


@dataclass(frozen=True)
class Procedure:
    """A task the listener can ask for by name, such as « Mes paiements »."""

    id: str
    """Stable identifier used in saved places and JSON output, such as `paiements`."""

    title: str
    """Title said aloud and shown on screen (YAML key `titre`)."""

    phrases: tuple[str, ...]
    """What a person might say to reach it (YAML key `phrases`)."""

    steps: tuple[Step, ...]
    """At least one step, in order (YAML key `etapes`)."""

    words: tuple[str, ...] = ()
    """Meaning-bearing words people use for it, beyond the phrases: « banque », « iban »
    (YAML key `mots`, optional). A word written with spaces (« mot de passe ») counts as one."""


@dataclass(frozen=True)
class Guide:
    """A whole memo: a title and its procedures."""

    title: str
    """Title of the memo (YAML key `titre`)."""

    introduction: str
    """Short spoken introduction said at the welcome (YAML key `introduction`)."""

    procedures: tuple[Procedure, ...]
    """At least one procedure, in menu order (YAML key `procedures`)."""

    pronunciation: tuple[tuple[str, str], ...] = ()
    """The memo's own written → spoken forms, added to the assistant's lexicon (YAML key
    `prononciation`); only what is said changes, never what is shown."""

    hard_words: tuple[str, ...] = ()
    """Words this memo must explain the first time it uses them, added to the package's list
    for `memo-vocal valider` (YAML key `mots_difficiles`)."""

    learned: LearnedTopics | None = field(default=None, compare=False)
    """Topics learned from people's sentences (file `<memo>.topics.json` beside the memo,
    optional): a second opinion on what the words found, which can only ask."""

    def procedure(self, procedure_id: str) -> Procedure | None:
        for candidate in self.procedures:
            if candidate.id == procedure_id:
                return candidate
        return None
