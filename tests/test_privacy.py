"""Privacy on a shared library PC: no network, and nothing written but two small files.

Network. The product runs with a guard loaded into every Python process it starts (a
`sitecustomize` on PYTHONPATH) that refuses and records any Internet connection, name
look-up or datagram, and, where strace can trace, under strace, which sees every connect()
and sendto() system call of every process and thread, whatever language made it. Control
cases show both would catch a real attempt. Local Unix sockets stay allowed, as PulseAudio
needs one; the text mode must not open any socket at all.

Files. Each run gets a fake home (HOME, XDG_*, TMPDIR, working folder); everything in it is
compared before and after. A session may leave the preferences and the place to resume, no
other file, and neither may contain anything the person typed.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from assistant.guides.loader import load_guide
from assistant.settings import THEME_NAMES
from tests.spoken_audio import espeak_available, speak_to_wav

PROJECT_DIR = Path(__file__).resolve().parent.parent
AMELI = PROJECT_DIR / "guides" / "ameli.yaml"
FAKE_SOCIAL_SECURITY_NUMBER = "1 85 05 78 006 084 36"
"""Invented, in the shape of a French number: what a person might type by mistake."""
FAKE_PASSWORD = "Tournesol1907"

GUARD = '''\
"""Loaded by every Python process of the test: refuses and records Internet access."""
import os
import socket

_LOG = os.environ["MEMO_VOCAL_NETWORK_LOG"]
_LOCAL = (getattr(socket, "AF_UNIX", None),)


def _record(what, detail, log_path=_LOG):
    with open(log_path, "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()} {what} {detail!r}\\n")


try:
    with open("/proc/self/cmdline", "rb") as _cmdline:
        _command = _cmdline.read().replace(b"\\0", b" ").decode(errors="replace")
except OSError:
    _command = "?"
_record("loaded", _command, _LOG + ".loaded")  # proves the guard ran in this process


def _refuse(what):
    def refused(*args, **kwargs):
        _record(what, args)
        raise OSError(f"réseau interdit pendant le test : {what}")
    return refused


_connect, _connect_ex = socket.socket.connect, socket.socket.connect_ex


def _guarded(original, what):
    def guarded(self, address):
        if self.family in _LOCAL:
            _record("unix " + what, address)  # allowed: PulseAudio is a local socket
            return original(self, address)
        return _refuse(what)(address)
    return guarded


socket.socket.connect = _guarded(_connect, "connect")
socket.socket.connect_ex = _guarded(_connect_ex, "connect_ex")
socket.socket.sendto = _refuse("sendto")
socket.socket.sendmsg = _refuse("sendmsg")
socket.create_connection = _refuse("create_connection")
socket.getaddrinfo = _refuse("getaddrinfo")
socket.gethostbyname = _refuse("gethostbyname")
socket.gethostbyname_ex = _refuse("gethostbyname_ex")
socket.gethostbyaddr = _refuse("gethostbyaddr")
'''
_INTERNET = re.compile(r"sa_family=AF_INET6?\b")
_SOCKET_CALL = re.compile(r"^\d+\s+(socket|connect|sendto|sendmsg)\(", re.MULTILINE)


def _strace_works() -> bool:
    if shutil.which("strace") is None:
        return False
    # Containers often forbid ptrace: then strace cannot trace anything.
    return subprocess.run(["strace", "-f", "-o", os.devnull, "true"]).returncode == 0


needs_strace = pytest.mark.skipif(
    not _strace_works(), reason="strace absent ou interdit (ptrace) : apt-get install strace"
)
needs_espeak = pytest.mark.skipif(not espeak_available(), reason="espeak-ng ou sox absent")


@dataclass
class Sandbox:
    """A fake home for one run, the network guard, and what the run did."""

    root: Path
    env: dict[str, str]
    network_log: Path
    trace: Path

    @property
    def work_dir(self) -> Path:
        return self.root / "work"

    def files(self) -> dict[str, str]:
        """Every file under the fake home, with a hash of its content."""
        found = {}
        for path in sorted(self.root.rglob("*")):
            if path.is_file() and path not in (self.network_log, self.trace):
                relative = path.relative_to(self.root).as_posix()
                found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
        return found

    def run(
        self, args: list[str], stdin: str = "", *, traced: bool = False
    ) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "assistant", *args]
        if traced:
            command = ["strace", "-f", "-qq", "-o", str(self.trace),
                       "-e", "trace=socket,connect,sendto,sendmsg", *command]  # fmt: skip
        return subprocess.run(
            command,
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=self.env,
            cwd=self.work_dir,
            timeout=180,
        )

    def guarded_processes(self) -> list[str]:
        """The command line of every Python process that loaded the guard."""
        loaded = Path(f"{self.network_log}.loaded")
        return loaded.read_text(encoding="utf-8").splitlines() if loaded.exists() else []

    def attempts(self) -> list[str]:
        """What the guard refused or noted, one line per attempt."""
        if not self.network_log.exists():
            return []
        return self.network_log.read_text(encoding="utf-8").splitlines()

    def internet_calls(self) -> list[str]:
        """System calls that reach for an Internet address, from any process or thread."""
        text = self.trace.read_text(encoding="utf-8")
        return [line for line in text.splitlines() if _INTERNET.search(line) and "(" in line]

    def socket_calls(self) -> list[str]:
        return _SOCKET_CALL.findall(self.trace.read_text(encoding="utf-8"))


@pytest.fixture
def sandbox(tmp_path: Path) -> Sandbox:
    guard_dir = tmp_path / "guard"
    guard_dir.mkdir()
    (guard_dir / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    root = tmp_path / "home"
    folders = {
        "HOME": root,
        "XDG_CONFIG_HOME": root / ".config",
        "XDG_STATE_HOME": root / ".local" / "state",
        "XDG_DATA_HOME": root / ".local" / "share",
        "XDG_CACHE_HOME": root / ".cache",
        "TMPDIR": root / "tmp",
    }
    for folder in (*folders.values(), root / "work"):
        folder.mkdir(parents=True, exist_ok=True)
    # Someone else's things in the same home, which must stay untouched.
    (root / ".bashrc").write_text("# shell\n", encoding="utf-8")
    (folders["XDG_CONFIG_HOME"] / "autre-logiciel.ini").write_text("[x]\n", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith("XDG_")}
    env.update({key: str(value) for key, value in folders.items()})
    env["PYTHONPATH"] = os.pathsep.join([str(guard_dir), str(PROJECT_DIR)])
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["MEMO_VOCAL_NETWORK_LOG"] = str(tmp_path / "network.log")
    return Sandbox(root, env, tmp_path / "network.log", tmp_path / "trace.txt")


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


# --- the product ---------------------------------------------------------------------------

TYPED = "\n".join([
    "mes paiements", "suivant", "plus lentement", FAKE_SOCIAL_SECURITY_NUMBER,
    f"mon mot de passe est {FAKE_PASSWORD}", "suivant",
]) + "\n"  # fmt: skip


def secrets_in(text: str) -> list[str]:
    digits = FAKE_SOCIAL_SECURITY_NUMBER.replace(" ", "")
    plain = re.sub(r"\s", "", text)
    found = [word for word in (digits, FAKE_PASSWORD.lower()) if word in plain.lower()]
    return found + (["mot de passe"] if "mot de passe" in text else [])


def new_files(before: dict[str, str], after: dict[str, str]) -> dict[str, str]:
    changed = {name for name in before if after.get(name) != before[name]}
    assert not changed, f"files that were there before were changed or removed: {changed}"
    return {name: digest for name, digest in after.items() if name not in before}


def test_the_text_mode_opens_no_socket_and_tries_no_network(sandbox: Sandbox) -> None:
    traced = _strace_works()
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
    traced = _strace_works()
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
               ".local/state/memo-vocal/reprise.yaml"}  # fmt: skip
    assert set(created) <= allowed


def test_a_session_leaves_only_the_settings_and_the_place(sandbox: Sandbox) -> None:
    before = sandbox.files()
    result = sandbox.run(["--muet"], TYPED)
    assert result.returncode == 0, result.stderr
    created = new_files(before, sandbox.files())
    settings = ".config/memo-vocal/reglages.yaml"
    place = ".local/state/memo-vocal/reprise.yaml"
    assert set(created) == {settings, place}, "only these two files, nothing in tmp or cache"
    for name in created:
        text = (sandbox.root / name).read_text(encoding="utf-8")
        assert secrets_in(text) == [], f"{name} holds typed text"
    saved_place = yaml.safe_load((sandbox.root / place).read_text(encoding="utf-8"))
    ids = {procedure.id for procedure in load_guide(AMELI).procedures}
    assert saved_place == {"memo": "ameli", "procedure": "paiements", "etape": 3}
    assert saved_place["procedure"] in ids
    saved_settings = yaml.safe_load((sandbox.root / settings).read_text(encoding="utf-8"))
    assert saved_settings["rate_level"] == -1, "« plus lentement » is what was remembered"
    # Levels and switches, and the window's colour theme: one of two fixed names.
    assert all(
        isinstance(value, (int, bool)) or value in THEME_NAMES for value in saved_settings.values()
    )


def test_without_memory_nothing_at_all_is_written(sandbox: Sandbox) -> None:
    before = sandbox.files()
    result = sandbox.run(["--muet", "--sans-memoire"], TYPED)
    assert result.returncode == 0, result.stderr
    assert new_files(before, sandbox.files()) == {}


def test_the_journal_is_written_only_where_documented(sandbox: Sandbox) -> None:
    where = subprocess.run(
        [sys.executable, "-c", "from assistant.journal import journal_path; print(journal_path())"],
        capture_output=True, text=True, env=sandbox.env, check=True,
    ).stdout.strip()  # fmt: skip
    journal = Path(where).relative_to(sandbox.root).as_posix()
    before = sandbox.files()
    result = sandbox.run(["--muet", "--journal"], TYPED)
    assert result.returncode == 0, result.stderr
    created = new_files(before, sandbox.files())
    assert set(created) == {
        ".config/memo-vocal/reglages.yaml",
        ".local/state/memo-vocal/reprise.yaml",
        journal,
    }
    logged = (sandbox.root / journal).read_text(encoding="utf-8")
    # What a journal is for: it keeps what was typed, so it is off unless asked for.
    assert "entendu : mes paiements" in logged
    assert secrets_in(logged)


@pytest.mark.skipif(os.name != "posix", reason="Unix permissions")
def test_only_the_user_can_read_the_journal(sandbox: Sandbox) -> None:
    result = sandbox.run(["--muet", "--journal"], TYPED)
    assert result.returncode == 0, result.stderr
    for path in sandbox.root.rglob("memo-vocal/**/*"):
        if path.is_file():
            assert path.stat().st_mode & 0o077 == 0, f"{path} is readable by other accounts"
