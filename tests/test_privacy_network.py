"""Privacy on a shared library PC: no network.

The product runs with a guard loaded into every Python process it starts (a `sitecustomize`
on PYTHONPATH) that refuses and records any Internet connection, name look-up or datagram,
and, where strace can trace, under strace, which sees every connect() and sendto() system
call of every process and thread, whatever language made it. Control cases show both would
catch a real attempt. Local Unix sockets stay allowed, as PulseAudio needs one; the text mode
must not open any socket at all.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.privacy_sandbox import (
    PROJECT_DIR,
    TYPED,
    Sandbox,
    make_sandbox,
    needs_espeak,
    needs_strace,
    new_files,
    strace_works,
)
from tests.spoken_audio import speak_to_wav


@pytest.fixture
def sandbox(tmp_path: Path) -> Sandbox:
    return make_sandbox(tmp_path)


@pytest.fixture
def tcp_server() -> Iterator[tuple[int, list[str]]]:
    """A real listening socket on this machine, and the connections it received."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    accepted: list[str] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, peer = server.accept()
            except TimeoutError:
                continue
            accepted.append(f"{peer}")
            connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], accepted
    stop.set()
    thread.join()
    server.close()


# --- the detectors detect ------------------------------------------------------------------

ATTEMPTS = """\
import socket, sys, urllib.request
port = int(sys.argv[1])
for attempt in (
    lambda: socket.create_connection(("127.0.0.1", port), timeout=2),
    lambda: socket.socket().connect(("127.0.0.1", port)),
    lambda: socket.getaddrinfo("alphacephei.com", 443),
    lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("127.0.0.1", port)),
    lambda: urllib.request.urlopen("http://127.0.0.1:%d/" % port, timeout=2),
):
    try:
        attempt()
        print("PASSED")
    except OSError:
        print("REFUSED")
"""


def test_control_the_guard_refuses_and_records_real_attempts(
    sandbox: Sandbox, tcp_server: tuple[int, list[str]], tmp_path: Path
) -> None:
    port, accepted = tcp_server
    result = subprocess.run(
        [sys.executable, "-c", ATTEMPTS, str(port)],
        capture_output=True, text=True, env=sandbox.env, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["REFUSED"] * 5
    attempts = sandbox.attempts()
    assert len(attempts) >= 5, attempts
    for what in ("create_connection", "connect", "getaddrinfo", "sendto"):
        assert any(f" {what} " in line for line in attempts), (what, attempts)
    assert accepted == [], "the guard let a connection through"
    # The same code without the guard really connects: the server is real.
    free = {**sandbox.env, "PYTHONPATH": str(PROJECT_DIR)}
    subprocess.run([sys.executable, "-c", ATTEMPTS, str(port)], env=free, timeout=60)
    assert accepted


def test_control_the_guard_lets_local_audio_sockets_through(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    path = tmp_path / "s"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen()
    code = f"import socket; socket.socket(socket.AF_UNIX).connect({str(path)!r}); print('ok')"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=sandbox.env, timeout=60
    )
    server.close()
    assert result.stdout.strip() == "ok", result.stderr
    assert [line.split(" ", 1)[1].split(" ")[0:2] for line in sandbox.attempts()] == [
        ["unix", "connect"]
    ]


@needs_strace
def test_control_strace_sees_connections_made_by_any_program(
    sandbox: Sandbox, tcp_server: tuple[int, list[str]]
) -> None:
    port, accepted = tcp_server
    # Bash's own C code, no Python at all, in a child process of the traced one.
    script = f"exec 3<>/dev/tcp/127.0.0.1/{port}; exec 3>&-"
    subprocess.run(
        ["strace", "-f", "-qq", "-o", str(sandbox.trace), "-e", "trace=connect,sendto,sendmsg",
         "bash", "-c", f"bash -c '{script}'"],
        check=True, timeout=60,
    )  # fmt: skip
    calls = sandbox.internet_calls()
    assert any(f"sin_port=htons({port})" in call for call in calls), calls
    assert accepted


def test_the_text_mode_opens_no_socket_and_tries_no_network(sandbox: Sandbox) -> None:
    traced = strace_works()
    result = sandbox.run(["--muet", "--json"], TYPED, traced=traced)
    assert result.returncode == 0, result.stderr
    assert '"procedure": "paiements"' in result.stdout, "the session did not really run"
    assert any("-m assistant" in line for line in sandbox.guarded_processes())
    assert sandbox.attempts() == []
    if traced:
        assert sandbox.socket_calls() == [], "the text mode needs no socket at all"


@needs_espeak
def test_the_audio_replay_mode_makes_no_network_connection(
    sandbox: Sandbox, korean_model_dir: Path
) -> None:
    """Vosk, the voice and everything they start, on a real spoken file; local audio allowed."""
    traced = strace_works()
    spoken = speak_to_wav("mes paiements")
    voice_out = sandbox.work_dir / "voix.wav"
    before = sandbox.files()
    args = ["--json", "--entree-audio", str(spoken), "--modele", str(korean_model_dir),
            "--sortie-audio", str(voice_out)]  # fmt: skip
    result = sandbox.run(args, traced=traced)
    assert result.returncode == 0, result.stderr
    assert '"heard"' in result.stdout, "the recognizer did not run"
    assert voice_out.stat().st_size > 44, "the voice did not run"
    guarded = sandbox.guarded_processes()
    assert any("-m assistant" in line for line in guarded), guarded
    assert any("pyttsx3" in line for line in guarded), "the speech worker process is guarded too"
    refused = [line for line in sandbox.attempts() if " unix " not in line]
    assert refused == []
    if traced:
        assert sandbox.internet_calls() == []
    created = new_files(before, sandbox.files())
    allowed = {"work/voix.wav", ".config/memo-vocal/reglages.yaml",
               ".local/state/memo-vocal/reprise.yaml",
               ".cache/memo-vocal/modeles-verifies.json"}  # fmt: skip
    # The last one: fingerprints of models that loaded well (model/health.py), no user data.
    assert set(created) <= allowed
