"""WAV bytes for the audio input tests: the samples a replay reads, the samples a file holds,
hand-made RIFF headers, and sox conversions. Shared by test_wav_files.py and test_microphone.py."""

from __future__ import annotations

import struct
import subprocess
import wave
from array import array
from collections.abc import Iterator
from pathlib import Path

from assistant.audio.microphone import WavFileSource


def wav_to_chunks(path: Path) -> Iterator[bytes]:
    """The chunks a replay gets from a WAV file standing in for the microphone."""
    source = WavFileSource(path)
    try:
        while (chunk := source.read()) is not None:
            yield chunk
    finally:
        source.close()


def samples(path: Path) -> array[int]:
    out = array("h")
    for chunk in wav_to_chunks(path):
        out.frombytes(chunk)
    return out


def reference(path: Path) -> array[int]:
    with wave.open(str(path), "rb") as wav:
        return array("h", wav.readframes(wav.getnframes()))


def riff(*chunks: tuple[bytes, bytes], size: int | None = None) -> bytes:
    body = b"WAVE" + b"".join(
        cid + struct.pack("<I", len(data)) + data + b"\0" * (len(data) & 1) for cid, data in chunks
    )
    return b"RIFF" + struct.pack("<I", len(body) if size is None else size) + body


def fmt(tag: int = 1, channels: int = 1, rate: int = 16000, bits: int = 16) -> bytes:
    align = channels * bits // 8
    return struct.pack("<HHIIHH", tag, channels, rate, (rate * align) & 0xFFFFFFFF, align, bits)


def sox(source: Path, target: Path, *options: str) -> Path:
    subprocess.run(["sox", "-q", str(source), *options, str(target)], check=True)
    return target
