"""`memo-vocal telecharger-modele`: fetch the French model, check it, install it.

Library connections are slow and drop: a partial download is kept in a `.part` file and
resumed with an HTTP Range request, each address is retried with a growing pause, then the
next address is tried. Nothing is unpacked before its SHA-256 matches the pinned value.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from assistant.model.attempts import forget_failure
from assistant.model.files import (
    MODEL_NAME,
    PROJECT_DIR,
    ModelProblem,
    check_model_dir,
    user_models_dir,
)
from assistant.model.health import check_model_health
from assistant.model.http_fetch import download_with_retries, own_file_size
from assistant.model.install import (
    check_writable,
    install_archive,
    remove_stale_staging,
    sha256_of,
)
from assistant.model.problems import (
    AGAIN,
    ChecksumMismatch,
    DamagedArchive,
    DownloadInterrupted,
    DownloadProblem,
    NoNetwork,
    NotAModel,
    ServerProblem,
    TooSlow,
    UnsafeArchive,
    WrongLocalArchive,
)
from assistant.model.transfer_guard import ARCHIVE_BYTES, DownloadLimits

DEFAULT_URLS = (
    f"https://alphacephei.com/vosk/models/{MODEL_NAME}.zip",
    f"https://huggingface.co/rhasspy/vosk-models/resolve/main/fr/{MODEL_NAME}.zip",
)
MODEL_SHA256 = "cabf6180e177eb9b3a9a9d43a437bd5e549f3a7d09525e5d69a3fed787be12ad"
PART_SUFFIX = ".zip.part"
DEFAULT_LIMITS = DownloadLimits()


def download_model(
    dest_dir: Path,
    urls: Sequence[str] = DEFAULT_URLS,
    sha256: str = MODEL_SHA256,
    progress: bool = True,
    retries: int = 3,
    *,
    backoff_s: float = 1.0,
    check_health: bool = True,
    limits: DownloadLimits = DEFAULT_LIMITS,
) -> Path:
    """Install the model into `dest_dir/MODEL_NAME` and return that folder.

    `retries` is the number of attempts per address; the pause doubles after each failure.
    `check_health` also tries an installed model in a child process (model/health.py) before
    trusting it; tests of the download itself, on stand-in models, turn it off.
    """
    target = dest_dir / MODEL_NAME
    if _installed(target, check_health) is None:
        return target
    check_writable(dest_dir)
    remove_stale_staging(dest_dir)
    sha256 = sha256.lower()
    archive = _local_archive(dest_dir, sha256)
    if archive is None:
        archive = dest_dir / (MODEL_NAME + PART_SUFFIX)
        # A finished archive from an earlier run (disk full while unpacking) needs no network.
        if not (own_file_size(archive) and sha256_of(archive) == sha256):
            _fetch(urls, sha256, archive, progress, retries, backoff_s, limits)
    try:
        installed = install_archive(archive, dest_dir)
    except (UnsafeArchive, DamagedArchive, NotAModel):
        if archive.name.endswith(PART_SUFFIX):
            archive.unlink()  # Its hash was right, but it will never install.
        raise
    if archive.name.endswith(PART_SUFFIX):
        archive.unlink()
    return installed


def _installed(target: Path, check_health: bool) -> ModelProblem | None:
    """None when `target` holds a model that really loads and decodes (see model/health.py)."""
    try:
        check_model_dir(target)
        if check_health:
            check_model_health(target)
    except ModelProblem as problem:
        return problem
    return None


def _local_archive(dest_dir: Path, sha256: str) -> Path | None:
    """The official zip copied by hand (USB stick) next to the model: checked, never fetched."""
    archive = dest_dir / f"{MODEL_NAME}.zip"
    if own_file_size(archive) is None:
        return None
    if sha256_of(archive) != sha256:
        raise WrongLocalArchive(archive)
    return archive


def _fetch(
    urls: Sequence[str],
    sha256: str,
    part: Path,
    progress: bool,
    retries: int,
    backoff_s: float,
    limits: DownloadLimits,
) -> None:
    failures: list[DownloadProblem] = []
    deadline = time.monotonic() + limits.total_s
    for url in urls:
        for _ in range(2):
            resumed = bool(own_file_size(part))
            try:
                download_with_retries(url, part, progress, retries, backoff_s, limits, deadline)
            except (NoNetwork, ServerProblem, DownloadInterrupted, TooSlow) as problem:
                failures.append(problem)
                break
            if sha256_of(part) == sha256:
                return
            part.unlink(missing_ok=True)
            if not resumed:  # A stale partial file may be to blame: once more from zero.
                failures.append(ChecksumMismatch(url))
                break
    raise _most_telling(failures)


def _most_telling(failures: list[DownloadProblem]) -> DownloadProblem:
    order = (ChecksumMismatch, ServerProblem, TooSlow, DownloadInterrupted, NoNetwork)
    for kind in order:
        for failure in reversed(failures):
            if isinstance(failure, kind):
                return failure
    return failures[-1] if failures else NoNetwork("aucune adresse")


def default_download_dir(project_dir: Path = PROJECT_DIR) -> Path:
    """The project's models/ folder when it can be written, else the user's own folder."""
    models = project_dir / "models"
    if models.is_dir():
        try:
            with tempfile.TemporaryFile(dir=models):
                return models
        except OSError:
            pass
    return user_models_dir()


def run_download_command(
    dest_dir: Path | None,
    out: TextIO,
    *,
    urls: Sequence[str] = DEFAULT_URLS,
    sha256: str = MODEL_SHA256,
    progress: bool = True,
    retries: int = 3,
    check_health: bool = True,
    limits: DownloadLimits = DEFAULT_LIMITS,
) -> int:
    """`memo-vocal telecharger-modele`; returns the exit code."""
    forget_failure()  # typed by hand: the start-up may try again
    dest = dest_dir if dest_dir is not None else default_download_dir()
    target = dest / MODEL_NAME
    problem = _installed(target, check_health)
    if problem is None:
        print(f"Le modèle est déjà installé : {target}", file=out)
        return 0
    if target.exists():
        print(f"{problem.what} Il va être remplacé.", file=out)
    size_mb = round(ARCHIVE_BYTES / 1_000_000)
    print(
        f"Téléchargement du modèle de reconnaissance vocale ({size_mb} Mo) vers : {dest}", file=out
    )
    try:
        installed = download_model(
            dest, urls, sha256, progress, retries, check_health=check_health, limits=limits
        )
    except ModelProblem as problem:
        print(problem, file=out)
        return 1
    except KeyboardInterrupt:
        print(f"Téléchargement interrompu. {AGAIN}", file=out)
        return 130
    print(f"Le modèle est installé : {installed}", file=out)
    return 0
