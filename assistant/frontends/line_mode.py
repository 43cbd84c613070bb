"""The line mode: one typed command per line in, the replies out.

Used when standard input is not a terminal (`printf 'suivant\\n' | memo-vocal --muet`), which is
how tests and scripts drive the whole product. Each line waits for its replies to be spoken, so
a listener hears every answer in order.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TextIO

from assistant.conversation import wording
from assistant.conversation.commands import CommandName
from assistant.conversation.core import Reply
from assistant.frontends.session import Outcome, Session

Speak = Callable[[Sequence[Reply]], None]


def _said(replies: Sequence[Reply]) -> str:
    return " ".join(reply.speech for reply in replies if reply.speech)


class LineWriter:
    """Prints replies as plain text, or as one JSON object per input line."""

    def __init__(self, stream: TextIO, json_output: bool) -> None:
        self.stream = stream
        self.json_output = json_output

    def write(
        self, line: str | None, session: Session, outcome: Outcome | None, replies: Sequence[Reply]
    ) -> None:
        if self.json_output:
            place = session.place()
            command: str | None = None
            if outcome and outcome.command.name is not CommandName.NOT_UNDERSTOOD:
                command = outcome.command.name.value
            record = {
                "input": line,
                "command": command,
                "procedure": place.procedure_id if place else None,
                "step": place.step_number if place else None,
                "text": _said(replies),
                # exactly what the speech engine receives, after the pronunciation lexicon
                "spoken": " ".join(session.spoken(r.speech) for r in replies if r.speech),
            }
            self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            for reply in replies:
                if reply.speech:
                    self.stream.write(reply.speech + "\n")
        self.stream.flush()

    def heard(self, text: str, confidence: float, accepted: bool) -> None:
        """What the recognizer heard, before the replies; JSON mode adds it to its records."""
        if self.json_output:
            record = {"heard": text, "confidence": round(confidence, 3), "accepted": accepted}
            self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            if not text:
                self.stream.write("Entendu : rien de clair (ignoré)\n")
            else:
                verdict = "" if accepted else ", ignoré"
                self.stream.write(f"Entendu : « {text} » (confiance {confidence:.2f}{verdict})\n")
        self.stream.flush()


def run_line_mode(session: Session, source: TextIO, writer: LineWriter, speak: Speak) -> int:
    def emit(line: str | None, outcome: Outcome | None, replies: Sequence[Reply]) -> None:
        notices = tuple(Reply(text, text) for text in session.take_warnings())
        writer.write(line, session, outcome, (*replies, *notices))
        speak((*replies, *notices))

    emit(None, None, session.welcome)
    try:
        for raw in source:
            line = raw.strip()
            if not line:
                continue
            outcome = session.handle_text(line)
            emit(line, outcome, outcome.replies)
            if session.ended:
                return 0
    except KeyboardInterrupt:
        pass
    # End of input or Ctrl-C without « quitter »: still a polite, clean ending.
    emit(None, None, (wording.GOODBYE,))
    return 0
