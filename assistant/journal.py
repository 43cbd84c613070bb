"""The optional troubleshooting journal (`--journal`).

Off by default: on a shared PC, what a person says may include private details, so nothing
heard or said is written anywhere unless the librarian asks for it. When on, it goes to one
file in the user's log folder, which `journal_path()` names and the README explains how to erase.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterable
from pathlib import Path

import platformdirs

_logger = logging.getLogger("memo_vocal.journal")
_logger.propagate = False


def journal_path() -> Path:
    return platformdirs.user_log_path("memo-vocal") / "journal.txt"


def configure(enabled: bool, path: Path | None = None) -> str | None:
    """Returns a French warning when the journal cannot be opened; the session goes on."""
    for handler in list(_logger.handlers):
        _logger.removeHandler(handler)
        handler.close()
    _logger.setLevel(logging.CRITICAL + 1)
    if not enabled:
        return None
    target = path or journal_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Only the user may read it: it holds what was said, on a PC other accounts share.
        os.close(os.open(target, os.O_CREAT | os.O_APPEND | os.O_WRONLY, 0o600))
        os.chmod(target, 0o600)
        handler = _FileOrNothing(target, encoding="utf-8")
    except OSError:
        return f"Je ne peux pas écrire le journal dans {target}. Je continue sans journal."
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    _logger.addHandler(handler)
    _logger.setLevel(logging.INFO)
    return None


class _FileOrNothing(logging.FileHandler):
    """A journal that cannot be written (full disk) says so once, in French, then stops:
    the default prints an English traceback for every line."""

    def handleError(self, record: logging.LogRecord) -> None:
        _logger.removeHandler(self)
        with contextlib.suppress(OSError):
            self.close()
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(
                f"Je ne peux plus écrire le journal dans {self.baseFilename} (disque plein ?). "
                "Je continue sans journal.\n"
            )


def heard(text: str) -> None:
    _logger.info("entendu : %s", text)


def said(texts: Iterable[str]) -> None:
    for text in texts:
        _logger.info("dit : %s", text)
