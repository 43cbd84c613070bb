"""The only two files the assistant writes for a user: preferences and the place in the memo.

A library PC is shared, so neither file holds anything personal: levels and switches, and the
memo, procedure and step to resume. Nothing said or heard is ever written here.
Every failure becomes a French warning, because losing a preference must never end a session.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import platformdirs
import yaml

from assistant.conversation.core import Place
from assistant.settings import Preferences

APP_NAME = "memo-vocal"
PREFERENCES_FILE = "reglages.yaml"
PLACE_FILE = "reprise.yaml"
MAX_FILE_BYTES = 16 * 1024
"""Both files hold a few lines (under 300 bytes); anything far bigger is not ours. Checked
before parsing: a 10 MB settings file delayed the first word by 42 s."""


class _Damaged(Exception):
    """The file is there but cannot be used: set it aside."""


class _Unreachable(Exception):
    """The file or its folder cannot be read at all (no permission, not a folder…)."""


def user_config_dir() -> Path:
    return platformdirs.user_config_path(APP_NAME)


def user_state_dir() -> Path:
    return platformdirs.user_state_path(APP_NAME)


@dataclass(frozen=True)
class SavedPlace:
    """Where the user stopped: which memo, which procedure, which step."""

    guide_name: str
    place: Place


@dataclass(frozen=True)
class LoadResult:
    preferences: Preferences
    warning: str | None = None
    """French sentence to show and say once, when the file had to be set aside."""


def _read_mapping(path: Path) -> Mapping[str, Any] | None:
    """None when the file does not exist; _Damaged or _Unreachable when it cannot be used."""
    try:
        with path.open("rb") as handle:
            if not os.path.isfile(path):  # a pipe or a device: never read, never wait
                raise _Unreachable
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError:
        raise _Unreachable from None
    if len(raw) > MAX_FILE_BYTES:
        raise _Damaged
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError, RecursionError):
        raise _Damaged from None
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise _Damaged
    return data


def _set_aside(path: Path) -> bool:
    """Keep a copy of a damaged file so a helper can look at it, then start afresh.
    False when even that failed (read-only folder)."""
    try:
        os.replace(path, path.with_name(path.name + ".abime"))
    except OSError:
        return False
    return True


def load_preferences(config_dir: Path | None = None) -> LoadResult:
    path = (config_dir or user_config_dir()) / PREFERENCES_FILE
    try:
        data = _read_mapping(path)
    except _Unreachable:
        return LoadResult(
            Preferences(),
            f"Je ne peux pas lire vos réglages dans {path.parent}. "
            "J'utilise les réglages par défaut.",
        )
    except _Damaged:
        kept = (
            "Une copie est gardée à côté."
            if _set_aside(path)
            else "Le fichier n'a pas pu être mis de côté."
        )
        return LoadResult(
            Preferences(),
            f"Vos réglages étaient abîmés. J'utilise les réglages par défaut. {kept}",
        )
    if data is None:
        return LoadResult(Preferences())
    defaults = Preferences()
    values: dict[str, Any] = {}
    for name, default in asdict(defaults).items():
        value = data.get(name, default)
        # bool is a subclass of int: check it first so « oui » never becomes a speech rate.
        if isinstance(default, bool):
            values[name] = value if isinstance(value, bool) else default
        elif isinstance(default, str):
            values[name] = value if isinstance(value, str) else default
        else:
            is_int = isinstance(value, int) and not isinstance(value, bool)
            values[name] = value if is_int else default
    return LoadResult(Preferences(**values).checked())


def _write_atomically(path: Path, text: str, what: str) -> str | None:
    """Return a French warning instead of raising: a full or read-only disk must not stop
    a session."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".yaml")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
    except OSError:
        return f"Je n'ai pas pu enregistrer {what}. Le disque est peut-être plein ou protégé."
    return None


def save_preferences(preferences: Preferences, config_dir: Path | None = None) -> str | None:
    path = (config_dir or user_config_dir()) / PREFERENCES_FILE
    text = "# Réglages de Mémo vocal. Aucune donnée personnelle.\n" + yaml.safe_dump(
        asdict(preferences), allow_unicode=True, sort_keys=True
    )
    return _write_atomically(path, text, "vos réglages")


def load_place(state_dir: Path | None = None) -> SavedPlace | None:
    """A damaged or odd place file is simply forgotten: offering a wrong place is worse."""
    path = (state_dir or user_state_dir()) / PLACE_FILE
    try:
        data = _read_mapping(path)
    except _Unreachable:
        return None
    except _Damaged:
        _set_aside(path)
        return None
    if not data:
        return None
    guide_name, procedure_id, step = data.get("memo"), data.get("procedure"), data.get("etape")
    if not (isinstance(guide_name, str) and isinstance(procedure_id, str)):
        return None
    if not isinstance(step, int) or isinstance(step, bool) or step < 1:
        return None
    return SavedPlace(guide_name, Place(procedure_id=procedure_id, step_number=step))


def save_place(saved: SavedPlace, state_dir: Path | None = None) -> str | None:
    path = (state_dir or user_state_dir()) / PLACE_FILE
    content = {
        "memo": saved.guide_name,
        "procedure": saved.place.procedure_id,
        "etape": saved.place.step_number,
    }
    text = "# Où vous en étiez dans le mémo. Effacez avec : memo-vocal --oublier\n"
    return _write_atomically(
        path, text + yaml.safe_dump(content, allow_unicode=True), "l'étape où vous en êtes"
    )


def forget_place(state_dir: Path | None = None) -> bool:
    """True when there was something to erase."""
    path = (state_dir or user_state_dir()) / PLACE_FILE
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError:
        # A read-only folder: nothing can be erased, and the caller says so.
        return False
    return True


def forget_place_message(state_dir: Path | None = None) -> str:
    """What `--oublier` did, in French: erased, nothing to erase, or could not erase."""
    path = (state_dir or user_state_dir()) / PLACE_FILE
    try:
        path.unlink()
    except FileNotFoundError:
        return "Il n'y avait aucune étape retenue."
    except OSError:
        return (
            f"Je n'ai pas pu effacer l'étape retenue : le dossier {path.parent} est protégé. "
            f"Supprimez le fichier {path} à la main."
        )
    return "L'étape retenue est effacée."
