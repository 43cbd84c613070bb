"""`memo-vocal telecharger-modele`: fetch the French model, check it, install it.

Library connections are slow and drop: a partial download is kept in a `.part` file and
resumed with an HTTP Range request, each address is retried with a growing pause, then the
next address is tried. Nothing is unpacked before its SHA-256 matches the pinned value.
"""

from __future__ import annotations

import errno
import http.client
import os
import shutil
import ssl
import stat
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from tqdm import tqdm  # type: ignore[import-untyped]

from assistant.model.attempts import forget_failure
from assistant.model.files import (
    MODEL_NAME,
    PROJECT_DIR,
    ModelProblem,
    check_model_dir,
    user_models_dir,
)
from assistant.model.health import check_model_health
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
    DeadlinePassed,
    DiskFull,
    DownloadInterrupted,
    DownloadProblem,
    NoNetwork,
    NotAModel,
    ServerProblem,
    StrangeFile,
    TooSlow,
    UnsafeArchive,
    WrongLocalArchive,
    os_problem,
)
from assistant.model.transfer_guard import ARCHIVE_BYTES, DownloadLimits, Watchdog

DEFAULT_URLS = (
    f"https://alphacephei.com/vosk/models/{MODEL_NAME}.zip",
    f"https://huggingface.co/rhasspy/vosk-models/resolve/main/fr/{MODEL_NAME}.zip",
)
MODEL_SHA256 = "cabf6180e177eb9b3a9a9d43a437bd5e549f3a7d09525e5d69a3fed787be12ad"
PART_SUFFIX = ".zip.part"
DEFAULT_LIMITS = DownloadLimits()
_CHUNK = 64 * 1024


class _Retryable(Exception):
    """A failure worth another attempt at the same address."""

    def __init__(self, problem: DownloadProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


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
        if not (_own_file_size(archive) and sha256_of(archive) == sha256):
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


def _own_file_size(path: Path) -> int | None:
    """The size of `path`, None if absent; StrangeFile unless it is a plain file of ours.

    Links are never followed in the models folder: a `.part` pointing elsewhere would be
    appended to wherever it points, and a pipe would block the download forever.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise os_problem(error, path.parent) from None
    mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    if not stat.S_ISREG(info.st_mode) or not mine:
        raise StrangeFile(path)
    return info.st_size


def _open_part(part: Path, append: bool) -> int:
    """A descriptor on the partial file, opened without following a link (O_NOFOLLOW)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
    # O_NONBLOCK: a pipe with no reader fails at once (ENXIO) instead of blocking forever.
    for extra in ("O_NOFOLLOW", "O_NONBLOCK", "O_BINARY"):
        flags |= getattr(os, extra, 0)
    try:
        fd = os.open(part, flags, 0o600)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.ENXIO):
            raise StrangeFile(part, repr(error)) from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise StrangeFile(part)
    return fd


def _local_archive(dest_dir: Path, sha256: str) -> Path | None:
    """The official zip copied by hand (USB stick) next to the model: checked, never fetched."""
    archive = dest_dir / f"{MODEL_NAME}.zip"
    if _own_file_size(archive) is None:
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
            resumed = bool(_own_file_size(part))
            try:
                _download_with_retries(url, part, progress, retries, backoff_s, limits, deadline)
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


def _download_with_retries(
    url: str,
    part: Path,
    progress: bool,
    retries: int,
    backoff_s: float,
    limits: DownloadLimits,
    deadline: float,
) -> None:
    last: DownloadProblem = DownloadInterrupted("aucune tentative")
    for attempt in range(max(retries, 1)):
        if attempt:
            time.sleep(min(backoff_s * 2 ** (attempt - 1), max(0.0, deadline - time.monotonic())))
        if time.monotonic() >= deadline:
            raise DeadlinePassed(limits.total_s)
        failure: Exception | None = None
        with Watchdog(limits, deadline) as guard:
            try:
                _download_once(url, part, progress, limits, guard)
            except (_Retryable, DownloadProblem) as error:
                failure = error
        # A read woken by the watchdog fails in many ways; its reason is the real one.
        if isinstance(guard.reason, DeadlinePassed):
            raise guard.reason
        if guard.reason is not None:
            last = guard.reason
            continue
        if failure is None:
            return
        if not isinstance(failure, _Retryable):
            raise failure
        last = failure.problem
    raise last


def _open(
    url: str, offset: int, guard: Watchdog, timeout_s: float
) -> http.client.HTTPResponse | None:
    headers = {"User-Agent": "memo-vocal"}
    if offset:
        headers["Range"] = f"bytes={offset}-"
    try:
        response: http.client.HTTPResponse = guard.opener().open(
            urllib.request.Request(url, headers=headers), timeout=timeout_s
        )
        return response
    except urllib.error.HTTPError as error:
        if error.code == 416 and offset:
            return None  # Nothing left to send: the file is whole, or the hash will say not.
        problem = ServerProblem(url, error.code)
        if error.code >= 500 or error.code in (408, 429):
            raise _Retryable(problem) from None
        raise problem from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, ssl.SSLError):
            raise NoNetwork(repr(error), secure=True) from None
        raise _Retryable(NoNetwork(repr(error))) from None
    except (OSError, http.client.HTTPException) as error:
        raise _Retryable(DownloadInterrupted(repr(error))) from None


def _start_offset(response: http.client.HTTPResponse, offset: int, part: Path) -> int:
    """Where the body starts; a server may ignore Range and send everything again."""
    if response.status == 206:
        first = response.headers.get("Content-Range", "").removeprefix("bytes ").split("-")[0]
        if first == str(offset):
            return offset
        part.unlink(missing_ok=True)
        raise _Retryable(DownloadInterrupted(f"Content-Range inattendu : {first}"))
    return 0


def _download_once(
    url: str, part: Path, progress: bool, limits: DownloadLimits, guard: Watchdog
) -> None:
    offset = _own_file_size(part) or 0
    response = _open(url, offset, guard, limits.read_timeout_s)
    if response is None:
        return
    with response:
        start = _start_offset(response, offset, part)
        length = response.headers.get("Content-Length")
        total = start + int(length) if length and length.isdigit() else None
        if (total or 0) > limits.max_bytes:
            raise UnsafeArchive("le fichier proposé par le serveur est bien trop gros.")
        if total is not None and shutil.disk_usage(part.parent).free < total - start:
            raise DiskFull(part.parent)
        received = _copy_body(response, part, start, total, progress, guard, limits.max_bytes)
    if total is not None and start + received < total:
        raise _Retryable(DownloadInterrupted(f"{start + received} octets sur {total}"))


def _copy_body(
    response: http.client.HTTPResponse,
    part: Path,
    start: int,
    total: int | None,
    progress: bool,
    guard: Watchdog,
    max_bytes: int,
) -> int:
    received = 0
    try:
        with (
            os.fdopen(_open_part(part, append=bool(start)), "wb") as out,
            tqdm(
                total=total,
                initial=start,
                unit="o",
                unit_scale=True,
                unit_divisor=1024,
                desc="Téléchargement du modèle",
                file=sys.stderr,
                disable=not progress,
            ) as bar,
        ):
            while True:
                try:
                    # read1: what has arrived, so a trickle is counted as it comes.
                    chunk = response.read1(min(_CHUNK, max_bytes + 1 - start - received))
                except (OSError, http.client.HTTPException) as error:
                    raise _Retryable(DownloadInterrupted(repr(error))) from None
                if not chunk:
                    return received
                if start + received + len(chunk) > max_bytes:
                    out.close()
                    part.unlink(missing_ok=True)  # Never the model: nothing worth keeping.
                    raise UnsafeArchive("le fichier proposé par le serveur est bien trop gros.")
                out.write(chunk)
                received += len(chunk)
                guard.received(len(chunk))
                bar.update(len(chunk))
    except OSError as error:
        raise os_problem(error, part.parent) from None


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
