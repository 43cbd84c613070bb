"""Audio data and the sound card: PCM buffers, the player that can be cut at once, the beep.

Why sounddevice's RawOutputStream and not pyttsx3's own playback: pyttsx3 plays through
`aplay` and `stop()` cannot interrupt it, nor does it say when the sound really ended. Our
stream callback feeds int16 samples from memory; when `interrupt()` sets the flag, the next
callback (≤ ~10 ms at low latency) aborts the stream and drops what is buffered. PortAudio's
finished callback fires once the last buffer has been played, which is the moment the voice
loop may open the microphone again. No numpy: the buffers are bytes and `array('h')`.
"""

from __future__ import annotations

import math
import sys
import threading
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NO_OUTPUT = "Aucune sortie audio disponible. Vérifiez que le haut-parleur est branché."
OUTPUT_FAILED = "La sortie audio ne répond pas."
UNREADABLE = "La voix de synthèse a produit un son illisible."
OUTPUT_LATENCY_S = 0.05
"""Measured on PulseAudio: 'low' (9 ms) underran every second or so (audible gaps, alsa-lib
messages on stderr); 50 ms never did, and the first sound still came ~50 ms after play()."""


class SpeechUnavailable(Exception):
    """Speech cannot be produced; str() is a short French message for the user."""


@dataclass(frozen=True)
class Pcm:
    """A block of sound in memory."""

    data: bytes
    """Signed 16-bit samples in the machine's byte order, channels interleaved."""
    sample_rate: int
    channels: int = 1

    @property
    def duration_s(self) -> float:
        return len(self.data) / (2 * self.channels * self.sample_rate)

    def rms(self) -> float:
        """Root mean square amplitude, on the 0..32767 scale."""
        samples = array("h", self.data[: len(self.data) - len(self.data) % 2])
        if not samples:
            return 0.0
        return math.sqrt(sum(s * s for s in samples) / len(samples))


def silence(seconds: float, sample_rate: int, channels: int = 1) -> Pcm:
    return Pcm(bytes(2 * channels * round(seconds * sample_rate)), sample_rate, channels)


def without_trailing_silence(pcm: Pcm, keep_s: float = 0.05) -> Pcm:
    """The same sound, ending `keep_s` after its last audible sample."""
    samples, channels = array("h", pcm.data), pcm.channels
    last = len(samples) - 1
    while last >= 0 and abs(samples[last]) < 64:  # -54 dBFS: inaudible
        last -= 1
    end = min(len(samples), (last // channels + 1 + round(keep_s * pcm.sample_rate)) * channels)
    return Pcm(samples[:end].tobytes(), pcm.sample_rate, channels)


def without_leading_silence(pcm: Pcm) -> Pcm:
    """The same sound from its first audible sample on. espeak-ng starts a sentence with 0 to
    45 ms of silence (the closure before « C » in « Cliquez »): at the start of a reply it only
    delays the first sound the person hears. A sound with nothing audible is kept whole."""
    samples, channels = array("h", pcm.data), pcm.channels
    first = next((i for i, s in enumerate(samples) if abs(s) >= 64), None)  # as above: -54 dBFS
    if first is None:
        return pcm
    return Pcm(samples[first - first % channels :].tobytes(), pcm.sample_rate, channels)


def beep_sound(sample_rate: int = 22050) -> Pcm:
    """A short soft « I'm listening » tone: 120 ms at 660 Hz, faded in and out over 30 ms so it
    does not click, at a fifth of full scale so it never startles."""
    count, fade = round(0.12 * sample_rate), round(0.03 * sample_rate)
    samples = array("h", bytes(2 * count))
    for i in range(count):
        ramp = min(1.0, i / fade, (count - 1 - i) / fade)
        envelope = 0.5 - 0.5 * math.cos(math.pi * ramp)
        samples[i] = round(0.2 * 32767 * envelope * math.sin(2 * math.pi * 660 * i / sample_rate))
    return Pcm(samples.tobytes(), sample_rate)


def resample(pcm: Pcm, sample_rate: int) -> Pcm:
    """Linear interpolation; only used when a device refuses the engine's rate (usually an
    upsampling from 22,050 Hz, where no anti-aliasing filter is needed)."""
    if pcm.sample_rate == sample_rate or not pcm.data:
        return Pcm(pcm.data, sample_rate, pcm.channels)
    channels, source = pcm.channels, array("h", pcm.data)
    frames_in = len(source) // channels
    frames_out = max(1, frames_in * sample_rate // pcm.sample_rate)
    step = pcm.sample_rate / sample_rate
    out = array("h", bytes(2 * frames_out * channels))
    for i in range(frames_out):
        position = i * step
        left = min(int(position), frames_in - 1)
        right, weight = min(left + 1, frames_in - 1), position - int(position)
        for c in range(channels):
            a, b = source[left * channels + c], source[right * channels + c]
            out[i * channels + c] = round(a + (b - a) * weight)
    return Pcm(out.tobytes(), sample_rate, channels)


def write_wav(path: Path, pcm: Pcm) -> None:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(pcm.channels)
        wav.setsampwidth(2)
        wav.setframerate(pcm.sample_rate)
        wav.writeframes(pcm.data)


def read_audio_file(path: Path) -> Pcm:
    """Read the engine's 16-bit output: WAV (espeak, SAPI5) or AIFF (macOS writes AIFF whatever
    the file name says, pyttsx3 issue #361)."""
    raw = path.read_bytes()
    if raw[:4] == b"FORM":
        return _read_aiff(raw)
    with wave.open(str(path), "rb") as wav:
        if wav.getsampwidth() != 2:
            raise SpeechUnavailable(UNREADABLE)
        frames = wav.readframes(wav.getnframes())
        return Pcm(frames, wav.getframerate(), wav.getnchannels())


def _read_aiff(raw: bytes) -> Pcm:
    channels, rate, bits, little_endian, data = 1, 0, 0, False, b""
    pos = 12
    while pos + 8 <= len(raw):
        kind, size = raw[pos : pos + 4], int.from_bytes(raw[pos + 4 : pos + 8], "big")
        body = raw[pos + 8 : pos + 8 + size]
        if kind == b"COMM":
            channels = int.from_bytes(body[0:2], "big")
            bits = int.from_bytes(body[6:8], "big")
            exponent = int.from_bytes(body[8:10], "big") & 0x7FFF
            rate = round(int.from_bytes(body[10:18], "big") * 2.0 ** (exponent - 16383 - 63))
            little_endian = body[18:22] == b"sowt"
        elif kind == b"SSND":
            data = body[8 + int.from_bytes(body[0:4], "big") :]
        pos += 8 + size + (size & 1)
    if bits != 16 or rate <= 0:
        raise SpeechUnavailable(UNREADABLE)
    samples = array("h", data[: len(data) - len(data) % 2])
    if little_endian != (sys.byteorder == "little"):
        samples.byteswap()
    return Pcm(samples.tobytes(), rate, channels)


def _sounddevice() -> Any:
    try:
        import sounddevice
    except OSError as error:  # the PortAudio library itself is missing
        raise SpeechUnavailable(NO_OUTPUT) from error
    return sounddevice


def list_output_devices() -> list[tuple[int, str, float]]:
    """(index, name, default sample rate) of every device that can play sound."""
    try:
        devices = _sounddevice().query_devices()
    except Exception:
        return []
    return [
        (index, str(info["name"]), float(info["default_samplerate"]))
        for index, info in enumerate(devices)
        if info["max_output_channels"] > 0
    ]


class Player:
    """Plays PCM on one output device; `interrupt()` may be called from any thread."""

    def __init__(self, device: str | int | None = None) -> None:
        self._sd = _sounddevice()
        try:
            info = self._sd.query_devices(device, kind="output")
        except (ValueError, self._sd.PortAudioError) as error:
            if device is None:
                raise SpeechUnavailable(NO_OUTPUT) from error
            raise SpeechUnavailable(
                f"La sortie audio « {device} » est introuvable. "
                "Vérifiez le nom ou le numéro du périphérique."
            ) from error
        self.device_index: int = int(info["index"])
        self.device_name: str = str(info["name"])
        self._fallback_rate = int(info["default_samplerate"])
        self._rates: dict[tuple[int, int], int] = {}
        self._stop = threading.Event()
        self._one_at_a_time = threading.Lock()
        self._playable_rate(22050, 1)  # fails now if the device cannot play at all

    def interrupt(self) -> None:
        """Stop the current sound at once; also refuses further sounds until `rearm()`, so an
        interruption that lands between two sentences is not lost."""
        self._stop.set()

    def rearm(self) -> None:
        self._stop.clear()

    def play(self, pcm: Pcm) -> bool:
        """Block until the sound has been played (True) or interrupted (False)."""
        if self._stop.is_set():
            return False
        if not pcm.data:
            return True
        with self._one_at_a_time:
            rate = self._playable_rate(pcm.sample_rate, pcm.channels)
            return self._play(resample(pcm, rate) if rate != pcm.sample_rate else pcm)

    def _play(self, pcm: Pcm) -> bool:
        data, frame_bytes = memoryview(pcm.data), 2 * pcm.channels
        position, end, interrupted, finished = 0, len(data), False, threading.Event()

        def feed(outdata: Any, frames: int, _time: Any, _status: Any) -> None:
            nonlocal position, interrupted
            if self._stop.is_set():
                interrupted = True
                raise self._sd.CallbackAbort
            wanted = frames * frame_bytes
            chunk = data[position : position + wanted]
            outdata[: len(chunk)] = chunk
            outdata[len(chunk) :] = bytes(wanted - len(chunk))
            position += wanted
            if position >= end:
                raise self._sd.CallbackStop

        try:
            stream = self._sd.RawOutputStream(
                samplerate=pcm.sample_rate,
                device=self.device_index,
                channels=pcm.channels,
                dtype="int16",
                latency=OUTPUT_LATENCY_S,
                callback=feed,
                finished_callback=finished.set,
            )
            # Measured on ALSA/PulseAudio: when the callback stops, the last `latency` seconds
            # still queued are dropped, so a beep lost half its length. Feeding that much
            # silence after the sound means only silence is dropped, and the finished callback
            # then fires when the last real sample has been played.
            end += frame_bytes * math.ceil((stream.latency + 0.01) * pcm.sample_rate)
            with stream:
                if not finished.wait(pcm.duration_s + 5.0):
                    stream.abort()
                    raise SpeechUnavailable(OUTPUT_FAILED)
        except self._sd.PortAudioError as error:
            raise SpeechUnavailable(OUTPUT_FAILED) from error
        return not interrupted

    def _playable_rate(self, rate: int, channels: int) -> int:
        """The engine's rate when the device takes it, else the device's own rate."""
        if (rate, channels) not in self._rates:
            for candidate in (rate, self._fallback_rate):
                try:
                    self._sd.check_output_settings(
                        device=self.device_index,
                        channels=channels,
                        dtype="int16",
                        samplerate=candidate,
                    )
                except (ValueError, self._sd.PortAudioError):
                    continue
                self._rates[(rate, channels)] = candidate
                break
            else:
                raise SpeechUnavailable(NO_OUTPUT)
        return self._rates[(rate, channels)]
