"""One address, fetched over HTTP into a `.part` file: resumed with Range, retried with a pause.

Apart from download.py, which chooses the addresses, checks the hash and installs: this is the
byte-level part (the request, the partial file, the watchdog and the size cap).
"""

from __future__ import annotations

import errno
import http.client
import os
import shutil
import ssl
import stat
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tqdm import tqdm  # type: ignore[import-untyped]

from assistant.model.problems import (
    DeadlinePassed,
    DiskFull,
    DownloadInterrupted,
    DownloadProblem,
    NoNetwork,
    ServerProblem,
    StrangeFile,
    UnsafeArchive,
    os_problem,
)
from assistant.model.transfer_guard import DownloadLimits, Watchdog

_CHUNK = 64 * 1024


class _Retryable(Exception):
    """A failure worth another attempt at the same address."""

    def __init__(self, problem: DownloadProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def own_file_size(path: Path) -> int | None:
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


def download_with_retries(
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
    offset = own_file_size(part) or 0
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
