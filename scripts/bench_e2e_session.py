"""The end-to-end session: the real program listening and speaking on a private sink, the
spoken commands played to it one by one, and the sink's monitor recorded throughout.

scripts/bench_end_to_end.py turns the recording into figures; tests/test_end_to_end_latency.py
checks the mechanism on a few commands.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench_audio import AUDIBLE, RATE, MonitorClock, PrivateSink
from bench_common import PROJECT_DIR
from bench_e2e_signal import REPLY_GAP_S, Heard, Played, read_session
from corpus_audio import render_speech, write_wav

KOREAN_MEMO = PROJECT_DIR / "tests" / "data" / "coreen.yaml"
VOICE = "ko"
SPEEDS = (130, 150, 170, 190, 210)
PITCHES = (35, 50, 65, 80)
LEAD_S = 0.3
"""Silence before the voice: about 28 ms of a new playback is lost on PulseAudio."""
TRAIL_S = 0.3
NO_REPLY_S = 3.0
"""No sound this long after a command: it got no reply."""
REPLY_LIMIT_S = 30.0
SETTLE_S = 2.5
"""After the microphone opens, its first chunk comes about 2 s late on PulseAudio."""
START_LIMIT_S = 90.0

_WITH_CHUNK = """
import runpy, sys
from assistant.audio.microphone import Microphone
Microphone.open.__func__.__kwdefaults__["chunk_seconds"] = float(sys.argv.pop(1))
runpy.run_module("assistant", run_name="__main__", alter_sys=True)
"""
"""`python -m assistant` with another microphone chunk, for the benchmark only."""


@dataclass(frozen=True)
class Command:
    text: str
    samples: array[int]
    speech_end: int
    """First sample after the voice, inside the WAV."""
    path: Path


def memo_phrases(memo: Path = KOREAN_MEMO) -> list[str]:
    from assistant.guides.loader import load_guide

    return [phrase for p in load_guide(memo).procedures for phrase in p.phrases]


def commands(
    folder: Path, count: int, voices: Sequence[tuple[int, int]] | None = None
) -> list[Command]:
    """`count` commands, the memo's phrases in turn, each voice (speed, pitch) in turn."""
    phrases = memo_phrases()
    voices = list(voices or [(s, p) for p in PITCHES for s in SPEEDS])
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(count):
        text = phrases[i % len(phrases)]
        speed, pitch = voices[(i // len(phrases)) % len(voices)]
        speech = render_speech(text, VOICE, speed, pitch)
        lead, trail = array("h", bytes(2 * round(LEAD_S * RATE))), round(TRAIL_S * RATE)
        samples = lead + speech + array("h", bytes(2 * trail))
        path = folder / f"{i:03d}-s{speed}-p{pitch}.wav"
        write_wav(path, samples)
        made.append(Command(text, samples, len(lead) + len(speech), path))
    return made


def _pulse_server() -> dict[str, str]:
    """A private HOME hides where the sound server listens and its cookie: name them."""
    info = subprocess.run(["pactl", "info"], capture_output=True, text=True).stdout
    found = {}
    for line in info.splitlines():
        if line.startswith("Server String:") and "PULSE_SERVER" not in os.environ:
            found["PULSE_SERVER"] = line.split(":", 1)[1].strip()
    cookie = Path.home() / ".config" / "pulse" / "cookie"
    if cookie.is_file() and "PULSE_COOKIE" not in os.environ:
        found["PULSE_COOKIE"] = str(cookie)
    return found


class Assistant:
    """The real program in a pseudo-terminal, with a private home: nothing of the person's."""

    def __init__(
        self,
        model_dir: Path,
        home: Path,
        chunk_s: float | None = None,
        launcher: Sequence[str] = (),
    ) -> None:
        """`launcher`: `-c CODE ARGS…` that runs the program another way (bench_e2e_stages)."""
        options = ["--guide", str(KOREAN_MEMO), "--modele", str(model_dir), "--sans-memoire"]
        options += ["--no-bip", "--rappel-silence", "0"]
        if launcher:
            args = [sys.executable, *launcher, *options]
        elif chunk_s is None:
            args = [sys.executable, "-m", "assistant", *options]
        else:
            args = [sys.executable, "-c", _WITH_CHUNK, str(chunk_s), *options]
        env = dict(os.environ, HOME=str(home), **_pulse_server())
        for var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
            env[var] = str(home / var.lower())
        master, slave = os.openpty()
        self.screen = bytearray()
        self.child = subprocess.Popen(
            args,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=PROJECT_DIR,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self._reader = threading.Thread(target=self._drain, args=(master,), daemon=True)
        self._reader.start()

    def _drain(self, fd: int) -> None:
        """An unread terminal would block the program; what it shows helps when a run fails."""
        try:
            while block := os.read(fd, 4096):
                self.screen += block
        except OSError:
            pass
        finally:
            os.close(fd)

    def stop(self) -> None:
        if self.child.poll() is None:
            os.kill(self.child.pid, signal.SIGTERM)
        try:
            self.child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(self.child.pid, signal.SIGKILL)
            self.child.wait()


class QuietWatch:
    """Scans the recording as it grows, for the loud samples after a given point."""

    def __init__(self, clock: MonitorClock, since: int) -> None:
        self._clock, self.since, self._scanned = clock, since, since
        self.last_loud: int | None = None

    def update(self) -> int:
        """Scans what came since the last call; returns the recording's length."""
        new = self._clock.audio(self._scanned)
        for i in range(len(new) - 1, -1, -1):
            if abs(new[i]) > AUDIBLE:
                self.last_loud = self._scanned + i
                break
        self._scanned += len(new)
        return self._scanned

    def wait(self, no_sound_s: float, quiet_s: float, limit_s: float, alive: Assistant) -> bool:
        """Until `quiet_s` of silence follows a sound, or `no_sound_s` with no sound at all.
        True if a sound was heard."""
        while alive.child.poll() is None:
            length = self.update()
            if self.last_loud is None and length - self.since >= no_sound_s * RATE:
                return False
            if self.last_loud is not None and length - self.last_loud >= quiet_s * RATE:
                return True
            if length - self.since >= limit_s * RATE:
                return self.last_loud is not None
            time.sleep(0.05)
        return self.last_loud is not None


def _recording_streams(sink: str) -> set[str]:
    """Ids of the streams recording the sink's monitor (ids, not a count: a stream of the
    previous session may still be listed for a moment)."""
    pactl = ["pactl", "list", "short"]
    sources = subprocess.run([*pactl, "sources"], capture_output=True, text=True).stdout
    monitor = next(
        (ln.split()[0] for ln in sources.splitlines() if ln.split()[1:2] == [f"{sink}.monitor"]), ""
    )
    outputs = subprocess.run([*pactl, "source-outputs"], capture_output=True, text=True).stdout
    return {ln.split()[0] for ln in outputs.splitlines() if ln.split()[1:2] == [monitor]}


def wait_until_listening(clock: MonitorClock, sink: str, before: set[str], alive: Assistant) -> str:
    """Empty when listening: the welcome has been spoken and the microphone is open."""
    began = time.monotonic()
    while _recording_streams(sink) <= before:
        if alive.child.poll() is not None or time.monotonic() - began > START_LIMIT_S:
            return "le programme n'a pas ouvert son micro"
        time.sleep(0.05)
    opened = time.monotonic()
    welcome = QuietWatch(clock, 0)
    if not welcome.wait(START_LIMIT_S, REPLY_GAP_S, START_LIMIT_S, alive):
        return "pas de message d'accueil entendu"
    time.sleep(max(0.0, SETTLE_S - (time.monotonic() - opened)))
    return "" if alive.child.poll() is None else "le programme s'est arrêté"


@dataclass
class Session:
    heard: list[Heard | None] = field(default_factory=list)
    problem: str = ""
    screen: str = ""
    recording: array[int] = field(default_factory=lambda: array("h"))
    played: list[Played] = field(default_factory=list)
    arrivals: list[tuple[float, int]] = field(default_factory=list)
    """(perf_counter, samples recorded) as the recording's blocks came in."""


def run_session(
    sink: PrivateSink | str,
    model_dir: Path,
    spoken: Sequence[Command],
    home: Path,
    chunk_s: float | None = None,
    launcher: Sequence[str] = (),
) -> Session:
    """Start the assistant, wait for its welcome to end, say every command, read the recording."""
    name = sink if isinstance(sink, str) else sink.name
    clock = MonitorClock(name)
    before = _recording_streams(name)
    assistant = Assistant(model_dir, home, chunk_s, launcher)
    session = Session()
    played = session.played
    try:
        session.problem = wait_until_listening(clock, name, before, assistant)
        for command in [] if session.problem else spoken:
            sent = clock.samples()
            subprocess.run(["paplay", "-d", name, str(command.path)], check=True)
            returned = clock.samples()
            played.append(Played(command.samples, command.speech_end, sent, returned))
            # The reply may begin during the command's silent tail: watch from its start.
            watch = QuietWatch(clock, max(sent, returned - round(TRAIL_S * RATE)))
            watch.wait(NO_REPLY_S, REPLY_GAP_S, REPLY_LIMIT_S, assistant)
            if assistant.child.poll() is not None:
                session.problem = "le programme s'est arrêté pendant la séance"
                break
        session.recording = recording = clock.audio()
        session.arrivals = clock.arrivals()
    finally:
        assistant.stop()
        clock.close()
        session.screen = assistant.screen.decode("utf-8", errors="replace")
    session.heard = read_session(recording, played)
    return session
