"""Downloads that never end: a server trickling headers or body, an endless body, a slow but
steady one past the deadline. A real local HTTP server on 127.0.0.1 does each; the limits are
short ones passed as parameters, so nothing waits minutes.
"""

from __future__ import annotations

import contextlib
import socketserver
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.model.download import PART_SUFFIX, download_model
from assistant.model.files import MODEL_NAME
from assistant.model.problems import DeadlinePassed, TooSlow, UnsafeArchive
from assistant.model.transfer_guard import DownloadLimits

Behaviour = Callable[[socketserver.StreamRequestHandler], None]
LIMITS = DownloadLimits(
    total_s=30.0, min_rate_bytes_s=1000.0, rate_window_s=0.5, read_timeout_s=5.0, max_bytes=50_000
)


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@pytest.fixture
def serve() -> Iterator[Callable[[Behaviour], str]]:
    servers: list[Server] = []

    def start(behaviour: Behaviour) -> str:
        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                self.rfile.readline()
                while self.rfile.readline().strip():
                    pass
                with contextlib.suppress(OSError):  # The client hung up, as it should.
                    behaviour(self)

        server = Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/fr.zip"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def trickle(handler: socketserver.StreamRequestHandler, data: bytes, pause_s: float) -> None:
    for byte in data:
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()
        time.sleep(pause_s)


HEADERS = b"HTTP/1.0 200 OK\r\nContent-Length: 40000\r\n\r\n"


def fetch(dest: Path, url: str, limits: DownloadLimits = LIMITS) -> Path:
    return download_model(
        dest,
        [url],
        "0" * 64,
        progress=False,
        retries=2,
        backoff_s=0,
        check_health=False,
        limits=limits,
    )


def test_headers_one_byte_at_a_time_give_up_in_french(
    serve: Callable[[Behaviour], str], tmp_path: Path
) -> None:
    url = serve(lambda handler: trickle(handler, HEADERS * 100, 0.05))
    with pytest.raises(TooSlow) as caught:
        fetch(tmp_path, url)
    assert str(caught.value).startswith("Le téléchargement est beaucoup trop lent")


def test_body_one_byte_at_a_time_gives_up_in_french(
    serve: Callable[[Behaviour], str], tmp_path: Path
) -> None:
    def slow_body(handler: socketserver.StreamRequestHandler) -> None:
        handler.wfile.write(HEADERS)
        trickle(handler, b"x" * 40000, 0.05)

    with pytest.raises(TooSlow):
        fetch(tmp_path, serve(slow_body))


def test_endless_body_leaves_no_huge_part_file(
    serve: Callable[[Behaviour], str], tmp_path: Path
) -> None:
    def endless(handler: socketserver.StreamRequestHandler) -> None:
        handler.wfile.write(b"HTTP/1.0 200 OK\r\n\r\n")
        while True:
            handler.wfile.write(b"x" * 8192)

    with pytest.raises(UnsafeArchive):
        fetch(tmp_path, serve(endless))
    part = tmp_path / (MODEL_NAME + PART_SUFFIX)
    assert not part.exists() or part.stat().st_size <= LIMITS.max_bytes


def test_steady_but_too_long_stops_at_the_deadline(
    serve: Callable[[Behaviour], str], tmp_path: Path
) -> None:
    def steady(handler: socketserver.StreamRequestHandler) -> None:
        handler.wfile.write(HEADERS)
        for _ in range(4000):
            handler.wfile.write(b"x" * 100)
            handler.wfile.flush()
            time.sleep(0.02)  # About 5 KB/s: above the minimum rate, below the deadline's need.

    limits = DownloadLimits(
        total_s=1.5,
        min_rate_bytes_s=1000.0,
        rate_window_s=0.5,
        read_timeout_s=5.0,
        max_bytes=50_000,
    )
    with pytest.raises(DeadlinePassed) as caught:
        fetch(tmp_path, serve(steady), limits)
    assert str(caught.value).startswith("Le téléchargement a été arrêté : il durait depuis plus de")
