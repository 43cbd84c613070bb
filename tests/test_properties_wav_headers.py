"""WAV input on files built field by field: any valid PCM decodes exactly, cut anywhere it is
refused in French, and any header (huge sizes included) or plain noise gives int16 chunks or
a French WavInputError; nothing else."""

from __future__ import annotations

import random
import struct
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.audio.microphone import WavInputError
from tests.property_cases import budget, case_report
from tests.wav_reading import (
    Header,
    check_file,
    write,
)

CASES: Counter[str] = Counter()
"""Files actually tried per property, reported at the end of the module."""

FILES = budget(300)

report_cases = case_report(CASES)


@pytest.fixture(scope="module")
def wav_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("wav")


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
