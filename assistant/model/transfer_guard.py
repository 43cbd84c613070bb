"""Limits on one download: a total deadline, a minimum rate, and a size cap.

A socket timeout applies to each read only: a server sending one byte per second (headers or
body) never trips it and the download never ends. A watchdog thread measures what really
arrives; when the rate stays too low for a whole window, or the deadline passes, it shuts the
sockets down, which wakes the blocked read, and the reason is reported in French.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
import urllib.request
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from assistant.model.problems import DeadlinePassed, DownloadProblem, TooSlow

ARCHIVE_BYTES = 42_233_323
"""The size of the official French model archive."""


@dataclass(frozen=True)
class DownloadLimits:
    total_s: float = 3600.0
    """All addresses and attempts together: an hour is 12 KB/s for the 42 MB model."""
    min_rate_bytes_s: float = 1024.0
    rate_window_s: float = 30.0
    """Below `min_rate_bytes_s` for this long: this attempt stops and the next one starts."""
    read_timeout_s: float = 30.0
    """Per socket operation, also when connecting."""
    max_bytes: int = ARCHIVE_BYTES + 1024 * 1024
    """The partial file never grows beyond the expected size plus a margin."""


class Watchdog:
    """Shuts this attempt's sockets down when it is too slow or past the deadline."""

    def __init__(self, limits: DownloadLimits, deadline: float) -> None:
        self._limits = limits
        self._deadline = deadline
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._window_bytes = 0
        self._stop = threading.Event()
        self.reason: DownloadProblem | None = None
        self._thread = threading.Thread(target=self._watch, name="download-watchdog", daemon=True)

    def track(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.reason is not None:
                self._shut(sock)

    def received(self, count: int) -> None:
        with self._lock:
            self._window_bytes += count

    def opener(self) -> urllib.request.OpenerDirector:
        return urllib.request.build_opener(_HTTP(self.track), _HTTPS(self.track))

    def __enter__(self) -> Watchdog:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        window = self._limits.rate_window_s
        window_start = time.monotonic()
        while not self._stop.wait(min(0.2, window / 5)):
            now = time.monotonic()
            problem: DownloadProblem | None = None
            if now >= self._deadline:
                problem = DeadlinePassed(self._limits.total_s)
            elif now - window_start >= window:
                with self._lock:
                    slow = self._window_bytes < self._limits.min_rate_bytes_s * window
                    self._window_bytes = 0
                window_start = now
                if slow:
                    problem = TooSlow(self._limits.min_rate_bytes_s, window)
            if problem is not None:
                with self._lock:
                    self.reason = problem
                    for sock in self._sockets:
                        self._shut(sock)
                return

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):  # Already closed: nothing left to wake.
            sock.shutdown(socket.SHUT_RDWR)


def _tracked(base: type[http.client.HTTPConnection], track: Any) -> Any:
    class Tracked(base):  # type: ignore[valid-type,misc]
        def connect(self) -> None:
            super().connect()
            track(self.sock)

    return Tracked


class _HTTP(urllib.request.HTTPHandler):
    def __init__(self, track: Any) -> None:
        super().__init__()
        self._track = track

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_tracked(http.client.HTTPConnection, self._track), req)


class _HTTPS(urllib.request.HTTPSHandler):
    def __init__(self, track: Any) -> None:
        super().__init__()
        self._track = track

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_tracked(http.client.HTTPSConnection, self._track), req)
