"""Inside the real program, for the benchmark only: time stamps at each stage of a voice reply.

`python -c LAUNCHER LOG MIC_RAW …` (see bench_e2e_stages.py) installs these wrappers, then runs
`python -m assistant` unchanged. Every stamp is `time.monotonic()`, the same clock as the
benchmark's `perf_counter` on Linux (CLOCK_MONOTONIC), so the two processes can be lined up.
The microphone's audio is written as it comes, so the benchmark can find each command in it and
count the detector's delay in samples. Nothing here changes what the program does; the cost of
a stamp is a few microseconds.
"""

from __future__ import annotations

import functools
import json
import threading
import time
from array import array
from collections.abc import Callable
from typing import Any

_lock = threading.Lock()
_log: Any = None
_mic: Any = None
_mic_samples = 0
_read_chunks = 0


def stamp(kind: str, **fields: Any) -> None:
    line = json.dumps({"t": time.monotonic(), "kind": kind, **fields})
    with _lock:
        _log.write(line + "\n")
        _log.flush()


def _wrap(owner: Any, name: str, around: Callable[..., Any]) -> None:
    original = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return around(original, *args, **kwargs)

    setattr(owner, name, wrapper)


def _mic_callback(original: Any, self: Any, data: Any, frames: int, when: Any, status: Any) -> Any:
    global _mic_samples
    now = time.monotonic()
    raw = bytes(data)
    with _lock:
        first = _mic_samples
        _mic_samples += len(raw) // 2
        _mic.write(raw)
        _mic.flush()
    stamp(
        "mic",
        at=now,
        first=first,
        n=len(raw) // 2,
        rate=self.sample_rate,
        adc=float(when.inputBufferAdcTime),
        cur=float(when.currentTime),
    )
    return original(self, data, frames, when, status)


def _mic_read(original: Any, self: Any, timeout: float) -> Any:
    global _read_chunks
    chunk = original(self, timeout)
    if chunk is not None:
        stamp("read", index=_read_chunks, n=len(chunk) // 2)
        _read_chunks += 1
    return chunk


def _feed(original: Any, self: Any, chunk: bytes) -> Any:
    began = time.monotonic()
    result = original(self, chunk)
    if result is not None:
        detector = self._detector
        stamp(
            "result",
            began=began,
            chunk_index=_read_chunks - 1,
            text=result.text,
            accepted=result.accepted,
            voiced_end=result.speech_end_sample,
            decided=result.end_of_speech_sample,
            detector_at=detector._position + len(detector._pending) // 2,
        )
    return result


def _finish(original: Any, self: Any, event: Any) -> Any:
    stamp("final_begin")
    result = original(self, event)
    stamp("final_end")
    return result


def _handle_text(original: Any, self: Any, text: str) -> Any:
    stamp("handle_begin")
    outcome = original(self, text)
    stamp("handle_end")
    return outcome


def _stamped(kind: str) -> Callable[..., Any]:
    def around(original: Any, *args: Any, **kwargs: Any) -> Any:
        stamp(kind)
        return original(*args, **kwargs)

    return around


def _submit(original: Any, self: Any, sentence: str, settings: Any) -> Any:
    future = original(self, sentence, settings)
    submitted = time.monotonic()

    def done(f: Any) -> None:
        if f.cancelled() or f.exception() is not None:
            return
        pcm = f.result()
        samples = array("h", pcm.data)
        lead = next((i for i, s in enumerate(samples) if abs(s) > 300), 0)
        stamp("rendered", submitted=submitted, chars=len(sentence), lead_s=lead / pcm.sample_rate)

    future.add_done_callback(done)
    return future


def _output_stream_class(sd: Any) -> Any:
    base = sd.RawOutputStream

    class Stamped(base):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, callback: Any = None, **kwargs: Any) -> None:
            first = [True]

            def feed(outdata: Any, frames: int, when: Any, status: Any) -> None:
                if first[0]:
                    first[0] = False
                    stamp(
                        "out_first_callback",
                        frames=frames,
                        dac=float(when.outputBufferDacTime),
                        cur=float(when.currentTime),
                    )
                callback(outdata, frames, when, status)

            stamp("out_open_begin")
            super().__init__(*args, callback=feed, **kwargs)
            stamp("out_open_end", latency=float(self.latency), blocksize=int(self.blocksize))

        def start(self) -> None:
            stamp("out_start_begin")
            super().start()
            stamp("out_start_end")

    return Stamped


def install(log_path: str, mic_path: str) -> None:
    global _log, _mic
    _log = open(log_path, "a", encoding="utf-8")  # noqa: SIM115  (open for the whole run)
    _mic = open(mic_path, "ab")  # noqa: SIM115
    import sounddevice

    from assistant.audio.microphone import Microphone
    from assistant.frontends.interactive import InteractiveLoop
    from assistant.frontends.session import Session
    from assistant.listening.recognizer import CommandRecognizer
    from assistant.speaking.announcer import Announcer
    from assistant.speaking.speaker import LiveSpeaker
    from assistant.speaking.tts_render import TtsRenderer

    _wrap(Microphone, "_callback", _mic_callback)
    _wrap(Microphone, "read", _mic_read)
    _wrap(CommandRecognizer, "feed", _feed)
    _wrap(CommandRecognizer, "_finish", _finish)
    _wrap(InteractiveLoop, "_handle", _stamped("loop_handle"))
    _wrap(Session, "handle_text", _handle_text)
    _wrap(Announcer, "announce", _stamped("announce"))
    _wrap(LiveSpeaker, "say", _stamped("say"))
    _wrap(TtsRenderer, "submit", _submit)
    sounddevice.RawOutputStream = _output_stream_class(sounddevice)
    _wrap(Announcer, "_speak", _stamped("speak_job"))
