"""Remembering a failed download at start-up, so an offline start does not wait.

`scripts/demarrer.sh` (through scripts/installer.sh) downloads the model when it is missing.
Offline, each attempt cost about 6 s and printed the same error block at every launch. A
failure is now remembered for a day in the user's cache folder, or until
`memo-vocal telecharger-modele` is typed by hand, which forgets it.
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import platformdirs

from assistant.model.files import ModelProblem, locate_model

FAILURE_MEMORY_S = 24 * 3600
"""After a failed download at start-up, scripts/installer.sh waits this long before trying
again: offline, each attempt costs seconds and the same error block."""


def failure_stamp() -> Path:
    return platformdirs.user_cache_path("memo-vocal", appauthor=False) / "telechargement-echoue"


def remember_failure() -> None:
    with contextlib.suppress(OSError):
        failure_stamp().parent.mkdir(parents=True, exist_ok=True)
        failure_stamp().write_text(time.strftime("%Y-%m-%d %H:%M\n"), encoding="utf-8")


def model_state(now: float | None = None) -> str:
    """For scripts/installer.sh: `present`, `recent-failure` (do not try again yet) or
    `absent`. Only the folder checks: the child-process trial comes at the first load."""
    try:
        locate_model()
        return "present"
    except ModelProblem:
        pass
    try:
        age = (now or time.time()) - failure_stamp().stat().st_mtime
    except OSError:
        return "absent"
    return "recent-failure" if 0 <= age < FAILURE_MEMORY_S else "absent"


def forget_failure() -> None:
    with contextlib.suppress(OSError):
        failure_stamp().unlink()
