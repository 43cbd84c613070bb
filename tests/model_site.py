"""A real HTTP server on 127.0.0.1 serving model archives, and the zips it serves.

Shared by the test_model_* download files; each keeps its own `site` and `dest` fixtures.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import socket
import threading
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from assistant.model.download import download_model
from assistant.model.files import MODEL_NAME, check_model_dir
from tests.test_model_files import fake_model_files

Entries = list[tuple[str | zipfile.ZipInfo, bytes]]


def model_entries(files: dict[str, bytes] | None = None) -> Entries:
    chosen = fake_model_files() if files is None else files
    return [(f"{MODEL_NAME}/{name}", data) for name, data in chosen.items()]


def build_zip(entries: Entries) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate-name case.
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
            for name, data in entries:
                bundle.writestr(name, data)
    return buffer.getvalue()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Route:
    data: bytes
    status: int = 200
    cuts_left: int = 0
    """Requests still to be cut halfway, like a library Wi-Fi dropping out."""


class Site:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str | None]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.requests.append((self.path, self.headers.get("Range")))
                route = site.routes.get(self.path)
                if route is None or route.status != 200:
                    self.send_error(404 if route is None else route.status)
                    return
                start = int(self.headers.get("Range", "bytes=0-")[6:].rstrip("-"))
                if start >= len(route.data):
                    self.send_response(416)
                    self.send_header("Content-Range", f"bytes */{len(route.data)}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = route.data[start:]
                self.send_response(206 if start else 200)
                if start:
                    end = len(route.data) - 1
                    self.send_header("Content-Range", f"bytes {start}-{end}/{len(route.data)}")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if route.cuts_left:
                    route.cuts_left -= 1
                    self.wfile.write(body[: len(body) // 2])
                    self.close_connection = True
                    return
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def serve(self, path: str, data: bytes, status: int = 200, cuts: int = 0) -> str:
        self.routes[path] = Route(data, status, cuts)
        return self.url(path)


def refused_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/modele.zip"


def fetch(dest: Path, urls: list[str], sha256: str, retries: int = 3) -> Path:
    return download_model(
        dest, urls, sha256, progress=False, retries=retries, backoff_s=0, check_health=False
    )


def assert_installed(dest: Path, files: dict[str, bytes] | None = None) -> None:
    expected = fake_model_files() if files is None else files
    model = dest / MODEL_NAME
    check_model_dir(model)
    for name, data in expected.items():
        assert (model / name).read_bytes() == data
    assert sorted(p.name for p in dest.iterdir()) == [MODEL_NAME]


@contextlib.contextmanager
def served_site() -> Iterator[Site]:
    """A Site for one test, shut down after it."""
    served = Site()
    try:
        yield served
    finally:
        served.server.shutdown()
        served.server.server_close()


@pytest.fixture
def site() -> Iterator[Site]:
    """A real HTTP server on 127.0.0.1 serving the test archives, shut down after the test."""
    with served_site() as served:
        yield served


@pytest.fixture
def dest(tmp_path: Path) -> Path:
    """Where the model is installed: a fresh folder per test."""
    return tmp_path / "models"
