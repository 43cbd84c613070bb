"""The memos installed next to the program, and how a name typed by the user finds one."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from assistant.guides.loader import GuideError, GuideProblem, load_guide

GUIDES_DIR = Path(__file__).resolve().parents[2] / "guides"
DEFAULT_GUIDE = "ameli"
_SUFFIX = ".yaml"


@dataclass(frozen=True)
class GuideEntry:
    """One memo file found in the memo folder."""

    name: str
    """What the user types to choose it, such as `ameli`."""
    path: Path
    title: str | None
    """The memo's title, or None when the file has problems (`memo-vocal valider` says which)."""


def list_guides(directory: Path = GUIDES_DIR) -> list[GuideEntry]:
    """Every *.yaml memo in `directory`, sorted by name; [] when the folder is missing."""
    entries = []
    for path in _memo_files(directory):
        try:
            title: str | None = load_guide(path).title
        except GuideError:
            title = None
        entries.append(GuideEntry(path.stem, path, title))
    return entries


def resolve_guide(name_or_path: str, directory: Path = GUIDES_DIR) -> Path:
    """The file for an existing path, or for a memo name such as `ameli` or `ameli.yaml`."""
    given = Path(name_or_path).expanduser()
    if given.is_file():
        return given
    wanted = name_or_path.strip().removesuffix(_SUFFIX).casefold()
    for path in _memo_files(directory):
        if path.stem.casefold() == wanted:
            return path
    not_a_memo = _not_a_memo_file(given)
    if not_a_memo is not None:
        raise GuideError([GuideProblem(name_or_path, None, not_a_memo)])
    names = ", ".join(path.stem for path in _memo_files(directory))
    if names:
        message = f"aucun mémo ne porte ce nom. Mémos disponibles : {names}."
    else:
        message = f"aucun mémo ne porte ce nom, et le dossier {directory} n'en contient aucun."
    raise GuideError([GuideProblem(name_or_path, None, message)])


def _not_a_memo_file(given: Path) -> str | None:
    """What is really at a path that exists but is no memo file (directory, pipe, link loop)."""
    try:
        info = os.stat(given)
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "ce chemin est un lien qui renvoie sur lui-même : indiquez le vrai fichier."
        if isinstance(error, PermissionError):
            return "ce chemin ne peut pas être lu : l'accès est refusé."
        return None
    if stat.S_ISDIR(info.st_mode):
        return "c'est un dossier, pas un mémo : indiquez le fichier .yaml qu'il contient."
    if not stat.S_ISREG(info.st_mode):
        return (
            "ce n'est pas un fichier ordinaire (tube ou périphérique) : indiquez un fichier .yaml."
        )
    return None


def _memo_files(directory: Path) -> list[Path]:
    try:
        candidates = sorted(directory.glob("*" + _SUFFIX))
    except OSError:
        return []
    return [
        path
        for path in candidates
        if path.is_file() and not path.stem.casefold().startswith("readme")
    ]
