"""The question « Vous voulez : 1, …, ou 2, … ? », asked when words fit two or three procedures,
or « Vous voulez : … ? » when they fit one, but too loosely to open it without asking.

Pure: what to say, and what an answer means. The core (`core`) owns the state and applies the
decision. An answer may be the number (said, or typed then Entrée), « la première », the
procedure's name, or « non »; anything else gets a short, clear way out instead of a guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from assistant.conversation.commands import Command, CommandName
from assistant.conversation.guide import Guide
from assistant.conversation.wording import Reply, plain

Decision = Literal["open", "ask", "back", "retry", "other"]


@dataclass(frozen=True)
class Answer:
    """What an answer to the question means."""

    decision: Decision
    """open: `procedure_id`; ask: a new question with `choices`; back: « non »;
    retry: not an answer, say how to answer; other: a command to handle as usual."""
    procedure_id: str | None = None
    choices: tuple[str, ...] = ()


def known_choices(guide: Guide, choices: Sequence[str]) -> tuple[str, ...]:
    """The choices this memo has, in menu order, each once."""
    wanted = set(choices)
    return tuple(p.id for p in guide.procedures if p.id in wanted)


def answer(guide: Guide, choices: tuple[str, ...], command: Command) -> Answer:
    name, number = command.name, command.step_number
    said = command.yes_or_no()
    if len(choices) == 1 and said is CommandName.YES:  # « Vous voulez : X ? » « Oui. »
        return Answer("open", choices[0])
    by_number = name is CommandName.GOTO_STEP or (
        name is CommandName.OPEN_PROCEDURE and command.procedure_id is None and number is not None
    )
    if by_number:
        if number is not None and 1 <= number <= len(choices):
            return Answer("open", choices[number - 1])
        return Answer("retry")
    if name is CommandName.OPEN_PROCEDURE:
        return Answer("open", command.procedure_id)
    if name is CommandName.CHOOSE_PROCEDURE:
        common = [c for c in command.choices if c in choices]
        if len(common) == 1:  # « la carte perdue » after « carte vitale »
            return Answer("open", common[0])
        return Answer("ask", choices=known_choices(guide, command.choices))
    if said is CommandName.NO:  # « non, c'est pas ça »
        return Answer("back")
    if name in (CommandName.NOT_UNDERSTOOD, CommandName.YES, CommandName.NEXT):
        return Answer("retry")  # « oui » or « d'accord » does not say which one
    return Answer("other")


def _lowered(title: str) -> str:
    title = " ".join(title.split()).rstrip(" .")
    return title[:1].lower() + title[1:]


def _numbers(count: int) -> str:
    return " ou ".join(str(n) for n in range(1, count + 1)) if count < 3 else "1, 2 ou 3"


def question(titles: Sequence[str]) -> Reply:
    """« Vous voulez : 1, commander une carte Vitale, ou 2, carte Vitale perdue ou volée ? »;
    with one title, « Vous voulez : mes paiements et remboursements ? Dites oui ou non. »"""
    if len(titles) == 1:
        title = " ".join(titles[0].split()).rstrip(" .")
        screen = f"Vous voulez :\n1. {title}\n\nOui ou non ?"
        return Reply(f"Vous voulez : {_lowered(title)} ? Dites oui ou non.", screen)
    parts = [f"{number}, {_lowered(title)}" for number, title in enumerate(titles, 1)]
    said = ", ".join(parts[:-1]) + f", ou {parts[-1]}"
    lines = "\n".join(f"{n}. {' '.join(t.split())}" for n, t in enumerate(titles, 1))
    screen = f"Vous voulez :\n{lines}\n\nDites ou tapez le numéro, ou dites non."
    return Reply(f"Vous voulez : {said} ?", screen)


def retry(count: int) -> Reply:
    """Not an answer: the way out, said plainly."""
    if count == 1:
        return plain("Je n'ai pas compris. Dites oui ou non.")
    return plain(f"Je n'ai pas compris. Dites {_numbers(count)}. Ou dites non.")


def help_choice(count: int) -> Reply:
    if count == 1:
        return plain(
            "Je vous demande si c'est bien cette démarche. Dites oui pour l'ouvrir, "
            "ou non pour revenir où vous étiez."
        )
    text = (
        f"Je vous demande quelle démarche vous voulez. Dites {_numbers(count)}, "
        "ou le nom de la démarche. Dites non pour revenir où vous étiez."
    )
    return plain(text)
