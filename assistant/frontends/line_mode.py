"""The line mode: one typed command per line in, the replies out.

Used when standard input is not a terminal (`printf 'suivant\\n' | memo-vocal --muet`), which is
how tests and scripts drive the whole product. Each line waits for its replies to be spoken, so
a listener hears every answer in order.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator, Sequence
from typing import TextIO

from assistant.conversation import wording
from assistant.conversation.commands import CommandName
from assistant.conversation.core import Reply
from assistant.frontends.session import Outcome, Session

Speak = Callable[[Sequence[Reply]], None]
MAX_LINE_CHARS = 10_000
"""A command is a few words; a 50 MB line once took 4.3 GB before being understood."""
TOO_LONG = "Cette ligne est trop longue (plus de 10 000 caractères) : je l'ignore."


def _clean(text: str) -> str:
    """Bytes that were not UTF-8 (kept as surrogates by Python in the C locale) become « ? »,
    so what is written back, in text or JSON, is always valid UTF-8."""
    return text.encode("utf-8", "replace").decode("utf-8")


def _lines(source: TextIO) -> Iterator[str | None]:
    """Each line of `source`, or None for a line too long, whose rest is skipped unkept."""
    reconfigure = getattr(source, "reconfigure", None)
    if reconfigure is not None:  # invalid UTF-8 is replaced, whatever the locale
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors="replace")
    while raw := source.readline(MAX_LINE_CHARS + 1):
        if len(raw) <= MAX_LINE_CHARS or raw.endswith("\n"):
            yield _clean(raw)
            continue
        while (rest := source.readline(64 * 1024)) and not rest.endswith("\n"):
            pass
        yield None


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
            line = None if line is None else _clean(line)
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
        for raw in _lines(source):
            if raw is None:
                emit(None, None, (Reply(TOO_LONG, TOO_LONG),))
                continue
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
