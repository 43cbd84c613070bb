"""Keys in, commands out, for the interactive keyboard mode.

Single keys act at once, because the person may not read: Entrée, espace or → for « suivant »,
← for « précédent », R répète, M menu, H or ? aide. A French command or a procedure number can
also be typed and sent with Entrée; the core reads a number as the answer to its question
(« 1 ou 2 ? ») when one is open. A shortcut letter also starts the typed line, so typing
« mes paiements » works: M shows the menu, and the whole line then opens the procedure.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.conversation.commands import Command, CommandName
from assistant.events import KeyboardEvent

ENTER = "enter"
SPACE = "space"
LEFT = "left"
RIGHT = "right"
UP = "up"
DOWN = "down"
BACKSPACE = "backspace"
ESCAPE = "escape"

_SHORTCUTS = {
    "r": CommandName.REPEAT,
    "m": CommandName.MENU,
    "h": CommandName.HELP,
    "?": CommandName.HELP,
}


class KeyTranslator:
    """Pure: remembers only the line being typed."""

    def __init__(self, procedure_ids: Sequence[str]) -> None:
        self._procedure_ids = tuple(procedure_ids)
        self.typed = ""
        self._shortcut_only = False
        """The line holds just the shortcut letter that already acted."""

    def press(self, key: str) -> list[KeyboardEvent]:
        if key in (ENTER, SPACE) and (not self.typed or self._shortcut_only):
            self._clear()
            return [KeyboardEvent(Command(CommandName.NEXT))]
        if key == RIGHT and not self.typed:
            return [KeyboardEvent(Command(CommandName.NEXT))]
        if key == LEFT and not self.typed:
            return [KeyboardEvent(Command(CommandName.PREVIOUS))]
        if key == ENTER:
            return [self._submit()]
        if key == BACKSPACE:
            self.typed = self.typed[:-1]
            self._shortcut_only = False
            return []
        if key == ESCAPE:
            self._clear()
            return []
        if key == SPACE:
            key = " "
        if len(key) != 1 or not key.isprintable():
            return []
        return self._type(key)

    def _type(self, char: str) -> list[KeyboardEvent]:
        shortcut = _SHORTCUTS.get(char.lower()) if not self.typed else None
        self.typed += char
        self._shortcut_only = shortcut is not None
        return [KeyboardEvent(Command(shortcut))] if shortcut else []

    def _submit(self) -> KeyboardEvent:
        line = self.typed.strip()
        self._clear()
        if line.isdigit():
            number = int(line)
            if 1 <= number <= len(self._procedure_ids):
                # A menu number, or the answer to « Vous voulez : 1, …, ou 2 ? »: the core
                # knows which, the keyboard does not.
                return KeyboardEvent(Command(CommandName.OPEN_PROCEDURE, step_number=number))
        return KeyboardEvent(text=line)

    def _clear(self) -> None:
        self.typed = ""
        self._shortcut_only = False
