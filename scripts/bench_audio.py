"""A private PulseAudio null sink, and a clock on what reaches it.

The benchmark plays on its own sink (PULSE_SINK), so another program's sound on the machine
never counts as our first word, and it records that sink's monitor with `parec`: the moment a
sample crosses a threshold there is when the sound server got our voice. A real sound card
adds its own hardware buffer after that (a few ms to tens of ms).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from array import array
from types import TracebackType

RATE = 16000
BLOCK_BYTES = 320
"""10 ms per read: the resolution of the onset clock."""
AUDIBLE = 300
"""A sample louder than this (-40 dBFS) is sound, not the null sink's zeros."""


class AudioUnavailable(Exception):
    """No sound server can be had here; `str()` says why, in French."""


def _server_running() -> bool:
    return subprocess.run(["pactl", "info"], capture_output=True).returncode == 0


class PrivateSink:
    """`with PrivateSink() as sink:` — this process and its children play to `sink.name`, and
    record from its monitor. Starts PulseAudio like tests/conftest.py when none runs."""

    def __init__(self) -> None:
        self.name = f"memo_bench_{os.getpid()}"
        self._module = ""
        self._started_server = False
        self._saved_env: dict[str, str | None] = {}

    def __enter__(self) -> PrivateSink:
        if shutil.which("pactl") is None or shutil.which("pulseaudio") is None:
            raise AudioUnavailable(
                "PulseAudio absent (apt-get install pulseaudio pulseaudio-utils)"
            )
        if not _server_running():
            subprocess.run(
                [
                    "pulseaudio",
                    "-D",
                    "-n",
                    "--exit-idle-time=-1",
                    "--disallow-exit",
                    "--load=module-native-protocol-unix",
                ],
                capture_output=True,
            )
            self._started_server = True
            deadline = time.monotonic() + 10
            while not _server_running():
                if time.monotonic() > deadline:
                    raise AudioUnavailable("PulseAudio ne démarre pas")
                time.sleep(0.1)
        loaded = subprocess.run(
            [
                "pactl",
                "load-module",
                "module-null-sink",
                f"sink_name={self.name}",
                f"rate={RATE}",
                "channels=1",
            ],
            capture_output=True,
            text=True,
        )
        if loaded.returncode != 0:
            self.__exit__(None, None, None)
            raise AudioUnavailable(f"pas de sortie virtuelle : {loaded.stderr.strip()}")
        self._module = loaded.stdout.strip()
        for var, value in (("PULSE_SINK", self.name), ("PULSE_SOURCE", f"{self.name}.monitor")):
            self._saved_env[var] = os.environ.get(var)
            os.environ[var] = value
        if "sounddevice" in sys.modules:  # PortAudio froze its device list at import
            sd = sys.modules["sounddevice"]
            sd._terminate()
            sd._initialize()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for var, value in self._saved_env.items():
            if value is None:
                os.environ.pop(var, None)
            else:
                os.environ[var] = value
        if self._module:
            subprocess.run(["pactl", "unload-module", self._module], capture_output=True)
        if self._started_server and not _other_private_sinks():
            # Another process's sink on the same server (a second test run, a benchmark) would
            # lose its streams mid-run: the server is left for the last one.
            subprocess.run(["pulseaudio", "--kill"], capture_output=True)


def _other_private_sinks() -> bool:
    listed = subprocess.run(
        ["pactl", "list", "short", "sinks"], capture_output=True, text=True, check=False
    )
    return "memo_bench_" in listed.stdout


class MonitorClock:
    """Records the sink's monitor and tells when sound first reached it after a moment."""

    def __init__(self, sink: PrivateSink | str) -> None:
        """`sink`: the sink, or its name (as tests/conftest.py's `virtual_audio` gives)."""
        name = sink if isinstance(sink, str) else sink.name
        self._process = subprocess.Popen(
            [
                "parec",
                "-d",
                f"{name}.monitor",
                "--raw",
                "--format=s16le",
                f"--rate={RATE}",
                "--channels=1",
                "--latency-msec=10",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            bufsize=0,
        )
        self._blocks: list[tuple[float, bytes]] = []
        self._audio = bytearray()
        """Everything recorded, never forgotten: sample n is n / RATE s of the sink's clock."""
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._read, name="monitor", daemon=True)
        self._thread.start()
        self._wait_until_flowing()

    def _wait_until_flowing(self) -> None:
        """parec delivers its first block ~2 s after it starts (measured): until then a sound
        would be seen late, so the clock is not ready."""
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline:
            with self._lock:
                if len(self._blocks) >= 10:
                    return
            time.sleep(0.01)
        self.close()
        raise AudioUnavailable("le moniteur de la sortie virtuelle ne donne aucun son")

    def _read(self) -> None:
        assert self._process.stdout is not None
        while block := self._process.stdout.read(BLOCK_BYTES):
            with self._lock:
                self._blocks.append((time.perf_counter(), block))
                self._audio += block

    def onset_after(self, since: float, timeout: float) -> float | None:
        """perf_counter time of the first audible sample received after `since`."""
        deadline = time.perf_counter() + timeout
        checked = 0
        while time.perf_counter() < deadline:
            with self._lock:
                blocks = self._blocks[checked:]
            for received, block in blocks:
                checked += 1
                if received <= since:
                    continue
                samples = array("h", block)
                loud = next((i for i, s in enumerate(samples) if abs(s) > AUDIBLE), None)
                if loud is not None:  # the block's last sample arrived at `received`
                    return received - (len(samples) - loud) / RATE
            time.sleep(0.002)
        return None

    def samples(self) -> int:
        """How many samples have been recorded so far."""
        with self._lock:
            return len(self._audio) // 2

    def audio(self, start: int = 0) -> array[int]:
        """The recording from sample `start` on (the whole session: `forget` keeps it)."""
        with self._lock:
            end = len(self._audio) // 2
            return array("h", self._audio[2 * min(start, end) : 2 * end])

    def arrivals(self) -> list[tuple[float, int]]:
        """(perf_counter, samples recorded by then) for each block read since the last
        `forget`: lines the recording up with time stamps taken in another process."""
        with self._lock:
            blocks, recorded = list(self._blocks), len(self._audio) // 2
        total, found = recorded - sum(len(b) for _, b in blocks) // 2, []
        for received, block in blocks:
            total += len(block) // 2
            found.append((received, total))
        return found

    def forget(self) -> None:
        with self._lock:
            self._blocks.clear()

    def close(self) -> None:
        self._process.terminate()
        self._process.wait(timeout=5)
        self._thread.join(timeout=1)
