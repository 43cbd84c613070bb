"""What is shown, for a person with low vision or the librarian standing by.

A terminal cannot change its font, so « large » here means short lines, blank space around
the current step, and the step title in capitals: readable from a step back.
"""

from __future__ import annotations

import shutil
import textwrap
from typing import TextIO

from assistant.conversation.core import Reply

MAX_WIDTH = 60


class Screen:
    """Large plain text for an interactive terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def show(self, reply: Reply) -> None:
        width = min(MAX_WIDTH, shutil.get_terminal_size((80, 24)).columns - 4)
        lines: list[str] = []
        for index, paragraph in enumerate(reply.screen.splitlines()):
            if not paragraph.strip():
                continue
            text = (
                paragraph.upper()
                if index == 0 and len(reply.screen.splitlines()) > 1
                else paragraph
            )
            lines.extend(textwrap.wrap(text, width=width) or [""])
            lines.append("")
        rule = "─" * width
        self.stream.write(
            "\n" + rule + "\n\n" + "\n".join("  " + line for line in lines) + rule + "\n"
        )
        self.stream.flush()

    def notice(self, text: str) -> None:
        """A short message about the assistant itself (microphone, voice, saving)."""
        self.stream.write(f"\n  ⚠ {text}\n")
        self.stream.flush()
