"""What the terminal shows, for a person with low vision or the librarian standing by.

A terminal cannot change its font, so « large » here means short lines, blank space, and one
screen per turn: the screen is cleared, what led to the current reply is shown above a rule,
and the current reply (the step, the menu, the question) comes last, alone, under a thick
rule, with the typed line and how to use it just below. What does not fit above is left out
(it was said aloud), so the step is never scrolled away.
"""

from __future__ import annotations

import shutil
import textwrap
import threading
from collections.abc import Sequence
from typing import TextIO

from assistant.conversation.commands import Command
from assistant.conversation.core import Reply
from assistant.frontends.keyboard import HINT

MAX_WIDTH = 60
CLEAR = "\x1b[H\x1b[2J"
ERASE_LINE = "\r\x1b[2K"


def _wrapped(text: str, width: int, title_first: bool) -> list[str]:
    paragraphs = text.splitlines()
    lines: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        if not paragraph.strip():
            if lines and lines[-1]:
                lines.append("")
            continue
        shown = (
            paragraph.upper() if title_first and index == 0 and len(paragraphs) > 1 else paragraph
        )
        lines.extend(textwrap.wrap(shown, width=width) or [""])
    return lines


class Screen:
    """Large plain text for an interactive terminal; safe to call from several threads."""

    def __init__(self, stream: TextIO, *, clear: bool = True, about: str = "") -> None:
        self.stream = stream
        self.clear = clear
        self.about = about
        """Which voice and output are used: for the librarian, under the hint."""
        self._lock = threading.Lock()
        self._replies: tuple[Reply, ...] = ()
        self._notices: list[str] = []
        self._typed = ""

    def _size(self) -> tuple[int, int]:
        size = shutil.get_terminal_size((80, 24))
        return min(MAX_WIDTH, size.columns - 4), max(10, size.lines)

    def show_turn(self, replies: Sequence[Reply]) -> None:
        """One turn's replies: the last one is the one that matters now."""
        if not replies:
            return
        with self._lock:
            self._replies, self._notices = tuple(replies), []
            self._draw()

    def show(self, reply: Reply) -> None:
        self.show_turn([reply])

    def notice(self, text: str) -> None:
        """A short message about the assistant itself (microphone, voice, saving)."""
        with self._lock:
            self._notices.append(text)
            self._draw()

    def heard(self, text: str | None, command: Command) -> None:
        """The terminal shows the typed line already; the reply says the rest."""

    def prompt(self, typed: str) -> None:
        """Redraws the typed line only (called for every key)."""
        with self._lock:
            self._typed = typed
            self.stream.write(ERASE_LINE + self._prompt_line())
            self.stream.flush()

    def _prompt_line(self) -> str:
        return f"  > {self._typed}"

    def _draw(self) -> None:
        width, rows = self._size()
        main = _wrapped(self._replies[-1].screen, width, True) if self._replies else []
        footer = ["━" * width, *main, "━" * width, HINT, *([self.about] if self.about else [])]
        room = rows - len(footer) - 2  # the prompt line, and one line of margin
        above: list[str] = []
        earlier = [_wrapped(reply.screen, width, False) for reply in self._replies[:-1]]
        earlier += [
            [f"⚠ {line}" for line in _wrapped(text, width - 2, False)] for text in self._notices
        ]
        for block in reversed(earlier):  # the most recent first, as long as they fit
            if len(block) + 1 > room:
                break
            above = [*block, "", *above]
            room -= len(block) + 1
        lines = [*above, *footer]
        start = CLEAR if self.clear else "\n"
        self.stream.write(start + "".join(f"  {line}\n" for line in lines) + self._prompt_line())
        self.stream.flush()
