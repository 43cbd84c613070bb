"""Turning a downloaded archive into a model folder, safely and all at once.

The archive comes from the internet. Even with the right checksum, unpacking must not write
outside its folder, fill the disk, or leave half a model where `locate_model` would find it:
everything is unpacked into a hidden folder next to the destination, checked, then renamed
into place in one step.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

from assistant.model.files import (
    INCOMPLETE_MARKER,
    MODEL_NAME,
    ModelProblem,
    check_model_dir,
    write_manifest,
)
from assistant.model.problems import (
    DamagedArchive,
    DiskFull,
    NotAModel,
    UnsafeArchive,
    os_problem,
)

MAX_TOTAL_BYTES = 500 * 1024 * 1024
"""Never unpack more than this, whatever the archive says (the French model is far below)."""
MAX_TOTAL_RATIO = 20
"""Unpacked size / archive size; the Korean model measures 3.0, its largest file 5.6."""
MAX_ENTRY_RATIO = 100
"""Per file, for files above RATIO_FREE_BYTES: a zip bomb compresses about 1000 to 1."""
RATIO_FREE_BYTES = 1024 * 1024
MAX_ENTRIES = 1000
MAX_DEPTH = 8
STAGING_PREFIX = f".{MODEL_NAME}.tmp-"
_CHUNK = 1024 * 1024
# Real model paths are plain ASCII names; anything else is refused rather than interpreted.
_SAFE_COMPONENT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._+-]{0,99}")


def install_archive(archive: Path, dest_dir: Path) -> Path:
    """Unpack `archive` and move the model to `dest_dir/MODEL_NAME` in one rename."""
    target = dest_dir / MODEL_NAME
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=dest_dir))
    except OSError as error:
        raise os_problem(error, dest_dir) from None
    try:
        root = _extract(archive, staging)
        try:
            check_model_dir(root)
        except ModelProblem as problem:
            raise NotAModel(problem) from None
        write_manifest(root)
        _move_into_place(root, target, staging / "ancien")
        return target
    except OSError as error:
        raise os_problem(error, dest_dir) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def check_writable(folder: Path) -> None:
    """Create `folder` if needed and prove a file can be written there, before downloading."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise os_problem(error, folder) from None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        while block := data.read(1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


def remove_stale_staging(dest_dir: Path) -> None:
    """Folders left by an installation that was killed; they are never a usable model."""
    for leftover in dest_dir.glob(STAGING_PREFIX + "*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _entry_parts(name: str) -> list[str]:
    if name.startswith("/") or "\\" in name or ":" in name:
        raise UnsafeArchive(f"elle contient un chemin interdit ({name}).")
    parts = name.rstrip("/").split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise UnsafeArchive(f"elle contient un chemin interdit ({name}).")
    if len(parts) > MAX_DEPTH or not all(_SAFE_COMPONENT.fullmatch(part) for part in parts):
        raise UnsafeArchive(f"elle contient un nom de fichier inattendu ({name}).")
    return parts


def _plan(entries: list[zipfile.ZipInfo], cap: int) -> list[tuple[zipfile.ZipInfo, list[str]]]:
    """Check every entry before writing anything."""
    if len(entries) > MAX_ENTRIES:
        raise UnsafeArchive("elle contient beaucoup trop de fichiers.")
    planned: list[tuple[zipfile.ZipInfo, list[str]]] = []
    seen: set[str] = set()
    declared = 0
    for info in entries:
        parts = _entry_parts(info.orig_filename)
        key = "/".join(parts).casefold()  # Windows and macOS do not tell case apart.
        kind = stat.S_IFMT(info.external_attr >> 16)
        if kind == stat.S_IFLNK:
            raise UnsafeArchive(f"elle contient un lien symbolique ({info.filename}).")
        if key in seen or kind not in (0, stat.S_IFREG, stat.S_IFDIR):
            raise UnsafeArchive(f"elle contient une entrée inattendue ({info.filename}).")
        if info.flag_bits & 0x1 or info.compress_type not in (
            zipfile.ZIP_STORED,
            zipfile.ZIP_DEFLATED,
        ):
            raise UnsafeArchive(f"elle contient une entrée inattendue ({info.filename}).")
        seen.add(key)
        declared += info.file_size
        bomb = info.file_size > max(RATIO_FREE_BYTES, MAX_ENTRY_RATIO * info.compress_size)
        if bomb or declared > cap:
            raise UnsafeArchive("elle se décompresse en beaucoup trop de données.")
        planned.append((info, parts))
    files = {"/".join(parts).casefold() for info, parts in planned if not info.is_dir()}
    for _, parts in planned:
        for depth in range(1, len(parts)):
            if "/".join(parts[:depth]).casefold() in files:
                raise UnsafeArchive(f"elle contient une entrée inattendue ({'/'.join(parts)}).")
    return planned


def _extract(archive: Path, staging: Path) -> Path:
    cap = min(MAX_TOTAL_BYTES, MAX_TOTAL_RATIO * archive.stat().st_size)
    try:
        with zipfile.ZipFile(archive) as bundle:
            planned = _plan(bundle.infolist(), cap)
            if shutil.disk_usage(staging).free < sum(i.file_size for i, _ in planned):
                raise DiskFull(staging.parent)
            tops = {parts[0] for _, parts in planned}
            single_top = len(tops) == 1 and any(len(parts) > 1 for _, parts in planned)
            base = staging if single_top else staging / MODEL_NAME
            root = base / tops.pop() if single_top else base
            root.mkdir(parents=True, exist_ok=True)
            (root / INCOMPLETE_MARKER).touch()
            total = 0
            for info, parts in planned:
                total += _write_entry(bundle, info, base.joinpath(*parts), cap - total)
            (root / INCOMPLETE_MARKER).unlink()
            return root
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise DamagedArchive(repr(error)) from None


def _write_entry(bundle: zipfile.ZipFile, info: zipfile.ZipInfo, dest: Path, budget: int) -> int:
    """Copy one entry, counting the bytes really produced, not the ones declared."""
    if info.is_dir():
        dest.mkdir(parents=True, exist_ok=True)
        return 0
    dest.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with bundle.open(info) as source, dest.open("xb") as out:
        while chunk := source.read(_CHUNK):
            written += len(chunk)
            if written > info.file_size or written > budget:
                raise UnsafeArchive("elle se décompresse en beaucoup trop de données.")
            out.write(chunk)
    if written != info.file_size:
        raise DamagedArchive(f"{info.filename}: {written} octets au lieu de {info.file_size}")
    return written


def _move_into_place(root: Path, target: Path, aside: Path) -> None:
    # A folder cannot be renamed over a non-empty one: the broken old model goes aside first
    # (into the staging folder, deleted afterwards) and comes back if the rename fails.
    had_old = target.exists() or target.is_symlink()
    if had_old:
        os.replace(target, aside)
    try:
        _rename(root, target)
    except OSError:
        if had_old:
            os.replace(aside, target)
        raise


def _rename(source: Path, target: Path) -> None:
    # On Windows an antivirus often holds freshly written files open for a moment.
    for attempt in range(5):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == 4:
                raise
            time.sleep(0.5)
