"""A real full disk for tests: a small tmpfs, mounted for the test and filled to the last byte.

Symlinks to /dev/full are no stand-in any more: the models folder never follows links, and a
real disk fails differently (a write that half succeeds, a rename that fails). Mounting needs
root, as on the build machine and in CI; elsewhere these tests are skipped.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

SIZE_KB = 256


@contextlib.contextmanager
def full_disk(where: Path, folders: tuple[str, ...] = ()) -> Iterator[Path]:
    """Mount a tmpfs at `where`, create `folders` in it, then fill it up completely."""
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("Un vrai disque plein demande Linux et les droits d'administrateur.")
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SIZE_KB}k,mode=0777", "tmpfs", str(where)],
        capture_output=True,
    )
    if mounted.returncode:
        pytest.skip(f"Montage d'un tmpfs impossible : {mounted.stderr.decode().strip()}")
    try:
        for folder in folders:
            (where / folder).mkdir(parents=True, exist_ok=True)
        with (where / ".remplissage").open("wb", buffering=0) as filler:
            try:
                while True:
                    filler.write(b"\0" * 4096)
            except OSError as error:
                assert error.errno == errno.ENOSPC
            try:
                while True:
                    filler.write(b"\0")
            except OSError:
                pass
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)
