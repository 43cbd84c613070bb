"""The learned topics file beside a memo (`ameli.yaml` → `ameli.topics.json`), read and checked.

Optional: a memo without one is understood by its words alone. A broken one is reported like
any mistake in the memo, with the file's name and a French sentence, since a memo writer who
added a procedure must learn the model again (`scripts/train_topics.py`).
"""

from __future__ import annotations

import json
from pathlib import Path

from assistant.conversation.guide import Guide
from assistant.conversation.learned_topics import LearnedTopics, from_data

SUFFIX = ".topics.json"
MAX_BYTES = 5_000_000
"""The Ameli model is under 1 MB; a bigger file is not one of ours."""


def learned_path(memo: Path) -> Path:
    """Where the learned topics of the memo at `memo` are kept."""
    return memo.with_name(memo.stem + SUFFIX)


def read_learned(memo: Path, guide: Guide) -> tuple[LearnedTopics | None, str | None]:
    """The learned topics beside `memo` (None when there are none), or the French sentence
    that says why the file cannot be used."""
    path = learned_path(memo)
    if not path.is_file():
        return None, None
    try:
        if path.stat().st_size > MAX_BYTES:
            return None, "ce fichier est bien trop gros pour un modèle de sujets appris."
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None, "ce fichier ne peut pas être lu."
    except json.JSONDecodeError as error:
        return None, f"ce fichier n'est pas du JSON valide (ligne {error.lineno})."
    try:
        return from_data(data, tuple(procedure.id for procedure in guide.procedures)), None
    except ValueError as error:
        return None, f"{error}."
