"""WAV input on any file: int16 mono chunks, or a WavInputError in French; nothing else.

`--entree-audio` takes whatever file a librarian or a bug report brings. The source is fed
real files written by sox in every awkward format (float, ADPCM, µ-law, 8, 24 and 32 bits,
6 channels, WAVE_FORMAT_EXTENSIBLE), the same files cut short or sprinkled with random
bytes, headers built field by field with any value (huge sizes included) and plain noise.
A file that is accepted must decode to exactly what an independent reading of it gives.
"""

from __future__ import annotations

import itertools
import random
import re
import shutil
import struct
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from assistant.audio.microphone import WavFileSource, WavInputError
from tests.property_cases import budget, case_report

CASES: Counter[str] = Counter()
"""Files actually tried per property, reported at the end of the module."""

FILES = budget(300)
CHUNK_SECONDS = 0.1

# (name, sox options): what people and programs really save as « .wav ».
SOX_FORMATS = (
    ("pcm16", ["-b", "16", "-e", "signed"]),
    ("pcm8", ["-b", "8", "-e", "unsigned"]),
    ("pcm24", ["-b", "24", "-e", "signed"]),
    ("pcm32", ["-b", "32", "-e", "signed"]),
    ("float32", ["-b", "32", "-e", "floating-point"]),
    ("float64", ["-b", "64", "-e", "floating-point"]),
    ("ms_adpcm", ["-e", "ms-adpcm"]),
    ("ima_adpcm", ["-e", "ima-adpcm"]),
    ("mu_law", ["-e", "mu-law"]),
    ("a_law", ["-e", "a-law"]),
    ("gsm", ["-e", "gsm-full-rate", "-r", "8000", "-c", "1"]),
    ("six_channels", ["-b", "16", "-c", "6"]),
    ("stereo24_48k", ["-b", "24", "-c", "2", "-r", "48000"]),
)
UNSUPPORTED = {"float32", "float64", "ms_adpcm", "ima_adpcm", "mu_law", "a_law", "gsm"}
# Words of Python or of the RIFF format: if one reaches the listener, a message leaked.
_NOT_FRENCH = re.compile(
    r"\b(error|errno|struct|unpack|riff|chunk|fmt|bytes|none|file|not|invalid)\b", re.IGNORECASE
)


report_cases = case_report(CASES)


@pytest.fixture(scope="module")
def wav_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("wav")


@pytest.fixture(scope="module")
def sox_files(wav_dir: Path) -> dict[str, bytes]:
    """Half a second of a real sweep with a pause, in every format sox can write as WAV."""
    if shutil.which("sox") is None:
        pytest.skip("sox absent : apt-get install sox.")
    source = wav_dir / "source.wav"
    subprocess.run(
        ["sox", "-q", "-n", "-r", "16000", "-c", "2", "-b", "16", str(source),
         "synth", "0.5", "sine", "300-3000", "sine", "440", "pad", "0.05", "0.05"],
        check=True,
    )  # fmt: skip
    made: dict[str, bytes] = {}
    for name, options in SOX_FORMATS:
        target = wav_dir / f"{name}.wav"
        subprocess.run(["sox", "-q", str(source), *options, str(target)], check=True)
        made[name] = target.read_bytes()
    return made


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


# --- real files from sox, whole, cut short and damaged -------------------------------------


@pytest.mark.parametrize(("name", "options"), SOX_FORMATS, ids=[name for name, _ in SOX_FORMATS])
def test_every_sox_format_is_read_or_refused_in_french(
    sox_files: dict[str, bytes], wav_dir: Path, name: str, options: list[str]
) -> None:
    CASES["sox formats"] += 1
    outcome = check_file(write(wav_dir, sox_files[name]))
    assert isinstance(outcome, WavInputError) == (name in UNSUPPORTED)
    if isinstance(outcome, WavInputError):
        assert "format non pris en charge" in str(outcome)


@FILES
@given(st.data())
def test_sox_files_cut_short_or_damaged_give_chunks_or_french(
    sox_files: dict[str, bytes], wav_dir: Path, data: st.DataObject
) -> None:
    CASES["sox damaged"] += 1
    original = sox_files[data.draw(st.sampled_from(sorted(sox_files)))]
    damaged = original
    if data.draw(st.booleans()):
        damaged = original[: data.draw(st.integers(min_value=0, max_value=len(original)))]
    for _ in range(data.draw(st.integers(min_value=0, max_value=3))):
        at = data.draw(st.integers(min_value=0, max_value=max(0, min(len(damaged), 120))))
        noise = data.draw(st.binary(min_size=1, max_size=8))
        damaged = damaged[:at] + noise + damaged[at + len(noise) :]
    check_file(write(wav_dir, damaged))


# --- headers built field by field ----------------------------------------------------------

_u16 = st.integers(min_value=0, max_value=0xFFFF)
_u32 = st.integers(min_value=0, max_value=0xFFFFFFFF)


@st.composite
def valid_pcm(draw: st.DrawFn) -> tuple[bytes, Header]:
    """A correct PCM file of any width, channel count and rate, with or without extras."""
    channels = draw(st.sampled_from([1, 2, 6]) | st.integers(min_value=1, max_value=32))
    bits = draw(st.sampled_from([8, 16, 24, 32]))
    rate = draw(st.sampled_from([8000, 16000, 22050, 44100, 48000]) | st.integers(1000, 384_000))
    align = channels * bits // 8
    frames = draw(st.integers(min_value=1, max_value=3000))
    # Seeded noise: drawing every byte would make Hypothesis spend its time generating data.
    sound = random.Random(draw(st.integers(0, 2**32))).randbytes(frames * align)
    extensible = draw(st.booleans())
    fmt = struct.pack("<HHIIHH", 0xFFFE if extensible else 1, channels, rate, rate * align, align,
                      bits)  # fmt: skip
    if extensible:
        fmt += struct.pack("<HHI", 22, bits, 0) + struct.pack("<H", 1) + bytes(14)
    chunks = [(b"fmt ", fmt)]
    if draw(st.booleans()):
        chunks.insert(draw(st.integers(0, 1)), (b"LIST", draw(st.binary(max_size=301))))
    chunks.append((b"data", sound))
    body = b"WAVE" + b"".join(
        cid + struct.pack("<I", len(part)) + part + b"\0" * (len(part) & 1) for cid, part in chunks
    )
    header = Header(1, channels, rate, bits, sound)
    return b"RIFF" + struct.pack("<I", len(body)) + body, header


@FILES
@given(valid_pcm())
def test_any_valid_pcm_file_decodes_exactly(wav_dir: Path, made: tuple[bytes, Header]) -> None:
    CASES["valid pcm"] += 1
    data, header = made
    outcome = check_file(write(wav_dir, data), header)
    assert not isinstance(outcome, WavInputError), outcome


@FILES
@given(valid_pcm(), st.data())
def test_a_valid_file_cut_anywhere_is_refused_in_french(
    wav_dir: Path, made: tuple[bytes, Header], data: st.DataObject
) -> None:
    """A download or a copy stopped early: refused, rather than a piece of it played."""
    CASES["valid pcm cut"] += 1
    whole, header = made
    cut = data.draw(st.integers(min_value=0, max_value=len(whole) - 1))
    sound_end = len(whole) - (len(header.data) & 1)
    outcome = check_file(write(wav_dir, whole[:cut]), header)
    # Only the padding byte after an odd-sized sound may go missing unnoticed.
    assert isinstance(outcome, WavInputError) == (cut < sound_end)


@st.composite
def mostly(draw: st.DrawFn, usual: int, odd: st.SearchStrategy[int]) -> int:
    """The right value seven times out of eight, so that some files get past every check."""
    return draw(odd) if draw(st.integers(min_value=0, max_value=7)) == 7 else usual


@st.composite
def odd_headers(draw: st.DrawFn) -> bytes:
    """Any value in any header field, and chunks of any declared size, huge ones included."""
    channels = draw(mostly(2, st.sampled_from([0, 1, 6, 33, 0xFFFF]) | _u16))
    bits = draw(mostly(16, st.sampled_from([0, 4, 8, 12, 24, 32, 64]) | _u16))
    tag = draw(mostly(1, st.sampled_from([2, 3, 6, 7, 0x11, 0x31, 0xFFFE, 0]) | _u16))
    rate = draw(mostly(16000, st.sampled_from([0, 1, 999, 384_001, 0xFFFFFFFF]) | _u32))
    align = draw(mostly(channels * bits // 8 & 0xFFFF, st.sampled_from([0, 1, 3, 0xFFFF]) | _u16))
    fmt = struct.pack("<HHIIHH", tag, channels, rate, draw(_u32), align, bits)
    if tag == 0xFFFE or draw(st.booleans()):
        fmt += draw(st.binary(max_size=40))
    big = st.sampled_from([0, 1, 15, 16, 1025, 0x7FFF0000, 0x7FFFFFFF, 0xFFFFFFFF]) | _u32
    chunks = []
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        name = draw(st.sampled_from([b"LIST", b"fact", b"JUNK", b"fmt "]))
        chunks.append((name, draw(st.binary(max_size=5))))
    chunks.insert(draw(st.integers(0, len(chunks))), (b"fmt ", fmt))
    sound = draw(st.binary(max_size=2000))
    chunks.append((b"data", sound))
    body = b"WAVE"
    for cid, part in chunks:
        declared = draw(mostly(len(part), big))
        body += cid + struct.pack("<I", declared) + part + b"\0" * (len(part) & 1)
    riff_size = draw(mostly(len(body), big))
    return b"RIFF" + struct.pack("<I", riff_size) + body


@FILES
@given(odd_headers())
def test_any_header_gives_chunks_or_french(wav_dir: Path, data: bytes) -> None:
    CASES["odd headers"] += 1
    check_file(write(wav_dir, data))


@FILES
@given(
    st.one_of(
        st.binary(max_size=300),
        st.binary(max_size=300).map(lambda noise: b"RIFF" + noise),
        st.binary(max_size=300).map(lambda noise: b"RIFF\x00\x00\x00\x00WAVE" + noise),
    )
)
def test_random_bytes_give_chunks_or_french(wav_dir: Path, data: bytes) -> None:
    CASES["random bytes"] += 1
    check_file(write(wav_dir, data))


def test_empty_missing_and_folder_paths_are_refused_in_french(wav_dir: Path) -> None:
    empty = write(wav_dir, b"")
    for path in (empty, wav_dir / "absent.wav", wav_dir):
        CASES["paths"] += 1
        outcome = read_all(path)
        assert isinstance(outcome, WavInputError)
        assert_french(outcome, path)
