"""Keys in, commands out, for the interactive keyboard mode (terminal and window alike).

Single keys act at once, because the person may not read: Entrée, espace or → for « suivant »,
← for « précédent », R répète, M menu, H or ? aide, Q quitter. A shortcut acts only when the
typed line is empty, and never stays in it: M, then 3, then Entrée opens procedure 3.
Anything else is typed, shown, and sent with Entrée; Échap clears it. A typed number goes to
the core, which reads it as the answer to its question (« 1 ou 2 ? ») when one is open.

Typing a word that starts with a shortcut letter (« menu », « répète », « mes paiements »)
first fires the shortcut; when the rest of the line alone means nothing, the letter is put
back in front, so the word still works, and is not done twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.conversation.commands import Command, CommandName
from assistant.events import KeyboardEvent

ENTER = "enter"
SPACE = "space"
LEFT = "left"
RIGHT = "right"
UP = "up"
DOWN = "down"
BACKSPACE = "backspace"
DELETE = "delete"
ESCAPE = "escape"
BIGGER = "bigger"
"""Ctrl + : larger text (the window only)."""
SMALLER = "smaller"
"""Ctrl − : smaller text (the window only)."""
IGNORED = "ignored"
"""A terminal code that means nothing here (F-keys, replies of the terminal…)."""

_SHORTCUTS = {
    "r": CommandName.REPEAT,
    "m": CommandName.MENU,
    "h": CommandName.HELP,
    "?": CommandName.HELP,
    "q": CommandName.QUIT,
}
HINT = "Tapez une phrase puis Entrée. Échap pour effacer."


@dataclass(frozen=True)
class Pasted:
    """Text pasted at once: typed as it is, its letters are never shortcuts."""

    text: str


Key = str | Pasted


class KeyTranslator:
    """Pure: remembers only the line being typed."""

    def __init__(
        self,
        procedure_ids: Sequence[str],
        understand: Callable[[str], Command] | None = None,
    ) -> None:
        self._procedure_ids = tuple(procedure_ids)
        self._understand = understand
        self.typed = ""
        self._shortcut: str | None = None
        """The shortcut letter that acted just before this line was started."""

    def press(self, key: Key) -> list[KeyboardEvent]:
        if isinstance(key, Pasted):
            return self._paste(key.text)
        if not self.typed and key in (ENTER, SPACE, RIGHT, LEFT):
            self._shortcut = None
            name = CommandName.PREVIOUS if key == LEFT else CommandName.NEXT
            return [KeyboardEvent(Command(name))]
        if key == ENTER:
            return self._submit()
        if key == BACKSPACE:
            self.typed = self.typed[:-1]
            return []
        if key == ESCAPE:
            self._clear()
            return []
        if key == SPACE:
            key = " "
        if len(key) != 1 or not key.isprintable():
            return []
        shortcut = _SHORTCUTS.get(key.lower()) if not self.typed else None
        if shortcut is not None:
            self._shortcut = key
            return [KeyboardEvent(Command(shortcut))]
        self.typed += key
        return []

    def _paste(self, text: str) -> list[KeyboardEvent]:
        events: list[KeyboardEvent] = []
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for number, line in enumerate(lines):
            if number:  # a line break in the paste sends what came before it
                events.extend(self._submit() if self.typed.strip() else [])
            self.typed += "".join(char for char in line if char.isprintable())
        return events

    def _submit(self) -> list[KeyboardEvent]:
        line = self.typed.strip()
        shortcut = self._shortcut
        self._clear()
        if line.isdigit():
            number = int(line)
            if 1 <= number <= len(self._procedure_ids):
                # A menu number, or the answer to « Vous voulez : 1, …, ou 2 ? »: the core
                # knows which, the keyboard does not.
                return [KeyboardEvent(Command(CommandName.OPEN_PROCEDURE, step_number=number))]
        if not line:
            return []
        if shortcut is not None and self._understand is not None:
            return self._with_shortcut_letter(shortcut, line)
        return [KeyboardEvent(text=line)]

    def _with_shortcut_letter(self, letter: str, line: str) -> list[KeyboardEvent]:
        assert self._understand is not None
        whole = letter + line
        meant = self._understand(whole)
        if meant == Command(_SHORTCUTS[letter.lower()]):
            return []  # « menu » typed: the M already showed it
        if meant.name is not CommandName.NOT_UNDERSTOOD:
            return [KeyboardEvent(text=whole)]  # « mes paiements »: the letter belongs to it
        return [KeyboardEvent(text=line)]  # R, then « quitter »: the shortcut was meant

    def _clear(self) -> None:
        self.typed = ""
        self._shortcut = None
