"""The privacy tests' fake home, network guard and strace, shared by test_privacy_network.py
and test_privacy_files.py (how they work: see the docstrings there)."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.spoken_audio import espeak_available

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


def strace_works() -> bool:
    if shutil.which("strace") is None:
        return False
    # Containers often forbid ptrace: then strace cannot trace anything.
    return subprocess.run(["strace", "-f", "-o", os.devnull, "true"]).returncode == 0


needs_strace = pytest.mark.skipif(
    not strace_works(), reason="strace absent ou interdit (ptrace) : apt-get install strace"
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


def make_sandbox(tmp_path: Path) -> Sandbox:
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


TYPED = "\n".join([
    "mes paiements", "suivant", "plus lentement", FAKE_SOCIAL_SECURITY_NUMBER,
    # « mot de passe » names « Se connecter » loosely: the assistant asks, « non » goes on.
    f"mon mot de passe est {FAKE_PASSWORD}", "non", "suivant",
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
