"""Where the listener's voice comes from: the microphone, or a WAV file standing in for it.

Both give int16 mono little-endian chunks (CHUNK_SECONDS from a microphone, 0.1 s from a file)
at their own sample rate; Vosk resamples, so no audio is converted here except to mono 16 bits.
"""

from __future__ import annotations

import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType, TracebackType
from typing import Any, Protocol

from assistant.audio.wav_reading import WavInputError, WavReader

__all__ = [
    "AudioSource",
    "InputDevice",
    "Microphone",
    "MicrophoneUnavailable",
    "WavFileSource",
    "WavInputError",
    "list_input_devices",
    "reinitialize_portaudio",
]

CHUNK_SECONDS = 0.02
"""A result can only come out at the end of a chunk, and PortAudio hands a chunk over about one
chunk after its last sample: measured end to end (scripts/bench_e2e_stages.py), 50 ms chunks
cost 20 ms (median) of waiting for the chunk's end plus 29 ms of capture, 20 ms chunks about
30 ms less in all. Each chunk costs CPU in PortAudio and Python, but at silence 20 ms chunks
stay well under the 5 % budget (README, « Performances »)."""
NO_MICROPHONE = "Je n'entends pas de micro. Branchez le casque ou le micro, puis réessayez."
STALL_SECONDS = 2.0
"""A live stream delivers a chunk every CHUNK_SECONDS; nothing for this long means it is gone
(seen when PulseAudio dies: the stream stays « active » but silent, 4 times in 30)."""
STARTUP_SECONDS = 6.0
"""The first chunk after opening comes about 2 s late on PulseAudio."""
CLOSE_WAIT_SECONDS = 1.0


class MicrophoneUnavailable(Exception):
    """No microphone, or it stopped working; `str()` is a French sentence for the listener."""

    def __init__(self, message: str = NO_MICROPHONE) -> None:
        super().__init__(message)


class AudioSource(Protocol):
    sample_rate: int

    def read(self, timeout: float) -> bytes | None:
        """The next int16 mono chunk, or None if none came within `timeout` seconds."""
        ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class InputDevice:
    index: int
    """PortAudio device number, accepted by `Microphone.open`."""
    name: str
    default_samplerate: int
    is_default: bool


def _sounddevice() -> ModuleType:
    """Imported late: without the PortAudio library the keyboard mode must still work."""
    try:
        import sounddevice
    except OSError as error:
        raise MicrophoneUnavailable() from error
    module: ModuleType = sounddevice
    return module


def reinitialize_portaudio() -> None:
    """Refresh PortAudio's device list, frozen when it started (a headset plugged in later
    is invisible until then). Only call it when no stream is open."""
    sd = _sounddevice()
    sd._terminate()
    sd._initialize()


def list_input_devices() -> list[InputDevice]:
    sd = _sounddevice()
    try:
        devices = list(sd.query_devices())
    except sd.PortAudioError:
        return []
    default = _default_input_index(sd)
    return [
        InputDevice(index, str(info["name"]), int(info["default_samplerate"]), index == default)
        for index, info in enumerate(devices)
        if int(info["max_input_channels"]) > 0
    ]


def _default_input_index(sd: ModuleType) -> int | None:
    try:
        return int(sd.query_devices(kind="input")["index"])
    except (sd.PortAudioError, ValueError):
        return None


def _resolve_device(device: str | int | None) -> InputDevice:
    inputs = list_input_devices()
    if not inputs:
        raise MicrophoneUnavailable()
    if isinstance(device, str) and device.strip().isdigit():
        device = int(device)
    for candidate in inputs:
        if device is None and candidate.is_default:
            return candidate
        if isinstance(device, int) and candidate.index == device:
            return candidate
        if isinstance(device, str) and device.strip().lower() in candidate.name.lower():
            return candidate
    if device is None:
        raise MicrophoneUnavailable()
    raise MicrophoneUnavailable(
        f"Je ne trouve pas le micro « {device} ». Branchez-le, ou choisissez un autre micro."
    )


class Microphone:
    """A live microphone; open it with `Microphone.open()` and keep it open."""

    def __init__(self, device: InputDevice, chunk_seconds: float = CHUNK_SECONDS) -> None:
        sd = _sounddevice()
        self.sample_rate = device.default_samplerate
        self.name = device.name
        self._queue: queue.SimpleQueue[bytes] = queue.SimpleQueue()
        self._finished = False
        self._closed = False
        self._last_arrival = time.monotonic()
        self._started = False
        self._port_audio_error = sd.PortAudioError
        try:
            self._stream = sd.RawInputStream(
                device=device.index,
                samplerate=self.sample_rate,
                channels=1,
                dtype="int16",
                blocksize=max(1, round(self.sample_rate * chunk_seconds)),
                # The default high latency delays the first callback by 1-2 s and drops audio.
                latency="low",
                callback=self._callback,
                finished_callback=self._on_finished,
            )
            self._stream.start()
        except (sd.PortAudioError, ValueError) as error:
            raise MicrophoneUnavailable() from error

    @classmethod
    def open(
        cls, device: str | int | None = None, *, chunk_seconds: float = CHUNK_SECONDS
    ) -> Microphone:
        """`device`: a number, part of a name (« USB »), or None for the default input."""
        return cls(_resolve_device(device), chunk_seconds)

    def _callback(self, data: Any, frames: int, when: Any, status: Any) -> None:
        # Runs on PortAudio's real-time thread: copy and hand over, nothing that can block.
        self._queue.put(bytes(data))
        self._last_arrival = time.monotonic()
        self._started = True

    def _on_finished(self) -> None:
        self._finished = True

    def read(self, timeout: float) -> bytes | None:
        if self._finished and self._queue.empty() and not self._closed:
            raise MicrophoneUnavailable()
        try:
            chunk = self._queue.get(timeout=timeout)
        except queue.Empty:
            if self._closed:
                return None
            if self._finished or not self._active():
                raise MicrophoneUnavailable() from None
            limit = STALL_SECONDS if self._started else STARTUP_SECONDS
            if time.monotonic() - self._last_arrival > limit:
                raise MicrophoneUnavailable() from None
            return None
        return chunk

    def _active(self) -> bool:
        try:
            return bool(self._stream.active)
        except self._port_audio_error:
            return False

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        # After the device vanished, PortAudio's close can block for ever inside the ALSA
        # PulseAudio plugin (about 1 time in 8): never let that freeze the assistant.
        closer = threading.Thread(target=self._stream.close, daemon=True)
        closer.start()
        closer.join(timeout=CLOSE_WAIT_SECONDS)

    def __enter__(self) -> Microphone:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


class WavFileSource:
    """A WAV file read as if it were a microphone, as fast as it is asked for."""

    def __init__(self, path: Path, chunk_seconds: float = 0.1) -> None:
        self._reader = WavReader(path)
        self.sample_rate = self._reader.sample_rate
        self._frames_per_chunk = max(1, round(self.sample_rate * chunk_seconds))
        self.exhausted = False
        """True once the whole file has been read."""

    def read(self, timeout: float = 0.0) -> bytes | None:
        if self.exhausted:
            return None
        chunk = self._reader.read_mono(self._frames_per_chunk)
        if not chunk:
            self.exhausted = True
            self._reader.close()
            return None
        return chunk

    def close(self) -> None:
        self.exhausted = True
        self._reader.close()
