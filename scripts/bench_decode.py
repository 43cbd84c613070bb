"""Feeding spoken test files to a recognizer, in worker processes, counting in audio samples.

One pass gives what both the accuracy (section 2) and the latency (section 3) need: what was
heard, how much audio had been fed when each result came out, and the CPU time spent. CPU
time, not wall time, makes the real-time factor independent of whatever else the machine does.

`baseline=True` feeds a plain Vosk recognizer with the same grammar: a result comes only when
Vosk's own endpointing fires (0.5 s of trailing silence at best in 0.3.45), which is what the
product would do without our end-of-speech detector.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
import wave
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bench_common import CHUNK_SECONDS

BASELINE_PAD_S = 1.5
"""Extra silence after each file for Vosk's own rules, which wait 0.5 s, 1 s or 2 s."""


@dataclass(frozen=True)
class Setup:
    """One way of recognizing: the product's recognizer with some settings, or plain Vosk."""

    phrases: tuple[str, ...]
    mode: str = "grammaire"
    min_confidence: float | None = None
    """None: the product's default."""
    use_decoys: bool | None = None
    """None: the product's default."""
    baseline: bool = False
    chunk_seconds: float = CHUNK_SECONDS


@dataclass(frozen=True)
class Heard:
    text: str
    confidence: float
    accepted: bool
    at_sample: int
    """Audio fed, in samples, when this result came out."""
    speech_end_sample: int | None
    """Where the recognizer's detector put the end of speech (None for plain Vosk)."""
    decided_sample: int | None
    """Audio fed when the detector decided that speech had ended (None for plain Vosk)."""


@dataclass(frozen=True)
class Decoded:
    path: str
    heard: tuple[Heard, ...]
    audio_s: float
    cpu_s: float
    wall_s: float
    result_chunk_cpu_ms: tuple[float, ...]
    """CPU time of the feed calls that returned a result: the wait after the last chunk."""


_model: Any = None


def load_model(model_dir: str) -> None:
    """Load the model this process decodes with (once per worker)."""
    global _model
    import vosk

    vosk.SetLogLevel(-2)  # -1 still prints a warning per unknown grammar word, per file
    _model = vosk.Model(model_dir)


def _chunks(path: str, seconds: float, pad_s: float) -> Iterator[bytes]:
    with wave.open(path, "rb") as wav:
        rate = wav.getframerate()
        size = max(1, round(rate * seconds))
        while frames := wav.readframes(size):
            yield frames
    pad = bytes(2 * size)
    for _ in range(round(pad_s / seconds)):
        yield pad


def _product_recognizer(setup: Setup, rate: int) -> Any:
    from assistant.listening.recognizer import CommandRecognizer
    from assistant.settings import RecognizerMode, RecognizerSettings

    settings = RecognizerSettings(mode=RecognizerMode(setup.mode))
    if setup.min_confidence is not None:
        settings = replace(settings, min_confidence=setup.min_confidence)
    if setup.use_decoys is not None:
        settings = replace(settings, use_decoys=setup.use_decoys)
    return CommandRecognizer(_model, list(setup.phrases), rate, settings)


def _confidence(result: dict[str, Any]) -> float:
    words = result.get("result") or []
    return sum(float(w.get("conf", 0.0)) for w in words) / len(words) if words else 0.0


def decode(setup: Setup, path: str, rate: int = 16000) -> Decoded:
    heard: list[Heard] = []
    result_cpu: list[float] = []
    fed = 0
    cpu_began, wall_began = time.process_time(), time.perf_counter()
    if setup.baseline:
        import vosk

        vosk_recognizer = vosk.KaldiRecognizer(
            _model, rate, json.dumps(list(setup.phrases), ensure_ascii=False)
        )
        vosk_recognizer.SetWords(True)
        for chunk in _chunks(path, setup.chunk_seconds, BASELINE_PAD_S):
            before = time.process_time()
            ended = vosk_recognizer.AcceptWaveform(chunk)
            fed += len(chunk) // 2
            if ended:
                result_cpu.append(1000 * (time.process_time() - before))
                result = json.loads(vosk_recognizer.Result())
                text = str(result.get("text", ""))
                if text:
                    heard.append(Heard(text, _confidence(result), True, fed, None, None))
    else:
        recognizer = _product_recognizer(setup, rate)
        for chunk in _chunks(path, setup.chunk_seconds, 0.0):
            before = time.process_time()
            recognition = recognizer.feed(chunk)
            fed += len(chunk) // 2
            if recognition is not None:
                result_cpu.append(1000 * (time.process_time() - before))
                heard.append(
                    Heard(
                        recognition.text,
                        float(recognition.confidence),
                        bool(recognition.accepted),
                        fed,
                        recognition.speech_end_sample,
                        recognition.end_of_speech_sample,
                    )
                )
    return Decoded(
        path,
        tuple(heard),
        fed / rate,
        time.process_time() - cpu_began,
        time.perf_counter() - wall_began,
        tuple(result_cpu),
    )


def _decode_job(job: tuple[Setup, str]) -> Decoded:
    return decode(*job)


class DecoderPool:
    """Worker processes that each load the model once, then decode any setup."""

    def __init__(self, model_dir: Path, workers: int | None = None) -> None:
        # spawn, not fork: the benchmark process may already run the speech and monitor threads.
        self._pool = ProcessPoolExecutor(
            max(1, workers or os.cpu_count() or 1),
            multiprocessing.get_context("spawn"),
            initializer=load_model,
            initargs=(str(model_dir),),
        )

    def run(self, setup: Setup, paths: Sequence[Path]) -> list[Decoded]:
        """Every file with `setup`, results in the order of `paths`."""
        jobs = [(setup, str(path)) for path in paths]
        return list(self._pool.map(_decode_job, jobs, chunksize=4))

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)
