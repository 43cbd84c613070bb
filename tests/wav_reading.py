"""An independent reading of WAV files, to compare WavFileSource with, and the check every
property applies to a file: chunks, or a French WavInputError. Shared by
test_properties_wav_input.py and test_properties_wav_headers.py."""

from __future__ import annotations

import itertools
import re
import struct
from dataclasses import dataclass
from pathlib import Path

from hypothesis import event
from hypothesis.control import currently_in_test_context

from assistant.audio.microphone import WavFileSource, WavInputError

CHUNK_SECONDS = 0.1


# Words of Python or of the RIFF format: if one reaches the listener, a message leaked.
_NOT_FRENCH = re.compile(
    r"\b(error|errno|struct|unpack|riff|chunk|fmt|bytes|none|file|not|invalid)\b", re.IGNORECASE
)


_names = (f"f{n}.wav" for n in itertools.count())


def write(folder: Path, data: bytes) -> Path:
    path = folder / next(_names)
    path.write_bytes(data)
    return path


# --- an independent reading, to compare with ------------------------------------------------


@dataclass(frozen=True)
class Header:
    tag: int
    channels: int
    rate: int
    bits: int
    data: bytes
    """The sound bytes that are really in the file, whole frames only."""


def reference_samples(header: Header) -> list[int]:
    """What the source must give: the top 16 bits of each sample, channels averaged (floor)."""
    width = header.bits // 8
    frame_size = width * header.channels
    out = []
    for start in range(0, len(header.data) - frame_size + 1, frame_size):
        frame = header.data[start : start + frame_size]
        values = []
        for channel in range(header.channels):
            sample = frame[channel * width : (channel + 1) * width]
            if width == 1:
                values.append((sample[0] - 128) * 256)
            else:
                values.append(int.from_bytes(sample[-2:], "little", signed=True))
        out.append(sum(values) // header.channels)
    return out


def read_all(path: Path) -> list[bytes] | WavInputError:
    try:
        source = WavFileSource(path, CHUNK_SECONDS)
    except WavInputError as error:
        return error
    chunks = []
    try:
        while (chunk := source.read(0)) is not None:
            chunks.append(chunk)
            assert len(chunks) < 100_000, "a source that never ends"
        assert source.exhausted
        assert source.read(0) is None, "read after the end must stay at the end"
        frames_per_chunk = max(1, round(source.sample_rate * CHUNK_SECONDS))
    finally:
        source.close()
    for chunk in chunks:
        assert isinstance(chunk, bytes) and chunk, "no empty chunk before the end"
        assert len(chunk) % 2 == 0, "int16 mono: an even number of bytes"
        assert len(chunk) <= 2 * frames_per_chunk
    assert chunks, "an accepted file has sound"
    return chunks


def assert_french(error: WavInputError, path: Path) -> None:
    message = str(error)
    assert message.endswith("."), message
    assert f"« {path.name} »" in message, message
    assert message.startswith(("Le fichier son", "Je ne peux pas ouvrir")), message
    assert not _NOT_FRENCH.search(message.replace(path.name, "")), message


def check_file(path: Path, expected: Header | None = None) -> list[bytes] | WavInputError:
    """Every file: chunks, or a French WavInputError; never another exception."""
    outcome = read_all(path)
    if currently_in_test_context():
        event("refused" if isinstance(outcome, WavInputError) else "accepted")
    if isinstance(outcome, WavInputError):
        assert_french(outcome, path)
    else:
        if expected is not None:
            decoded = list(struct.unpack(f"<{sum(map(len, outcome)) // 2}h", b"".join(outcome)))
            assert decoded == reference_samples(expected)
    return outcome
