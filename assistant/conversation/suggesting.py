"""The question « Vous voulez que je répète ? », asked when a sentence was not understood but
sounds like one command (« Hein ? Refaites-moi la phrase. »): a yes does it, a no goes back.

Pure: what to say, and what an answer means. The core (`core`) owns the state and applies
the decision. Only commands that a « oui » can safely confirm are ever suggested
(`commands.SUGGESTABLE`).
"""

from __future__ import annotations

from typing import Literal

from assistant.conversation.commands import Command, CommandName
from assistant.conversation.wording import Reply

N = CommandName
WHAT = {
    N.NEXT: "passer à l'étape suivante",
    N.PREVIOUS: "revenir à l'étape précédente",
    N.REPEAT: "que je répète",
    N.RESTART: "reprendre la démarche au début",
    N.MENU: "revenir à la liste des démarches",
    N.HELP: "de l'aide",
    N.PAUSE: "une pause",
    N.RESUME: "que je reprenne",
    N.SLOWER: "que je parle plus lentement",
    N.FASTER: "que je parle plus vite",
    N.LOUDER: "que je parle plus fort",
    N.QUIETER: "que je parle moins fort",
    N.WHERE: "savoir où vous en êtes",
    N.EXPLAIN: "que j'explique l'étape autrement",
    N.SPELL: "que j'épelle",
}
"""Each command that may be suggested (`commands.SUGGESTABLE`), as it ends « Vous voulez … ? »."""

Decision = Literal["do", "back", "retry", "other"]


def question(name: CommandName) -> Reply:
    """« Vous voulez que je répète ? Dites oui ou non. »"""
    what = WHAT[name]
    return Reply(f"Vous voulez {what} ? Dites oui ou non.", f"Vous voulez {what} ?\n\nOui ou non ?")


def help_suggestion(name: CommandName) -> Reply:
    what = WHAT[name]
    text = f"Je vous demande si vous voulez {what}. Dites oui, ou non pour revenir où vous étiez."
    return Reply(text, text)


def decide(command: Command) -> Decision:
    """do: the suggested command; back: « non »; retry: not an answer, ask again; other: a
    command of its own (« suivant »), handled where the listener was."""
    said = command.yes_or_no()
    if said is CommandName.YES:
        return "do"
    if said is CommandName.NO:
        return "back"
    if command.name in (CommandName.NOT_UNDERSTOOD, CommandName.SUGGEST):  # silence: the core
        return "retry"
    return "other"
