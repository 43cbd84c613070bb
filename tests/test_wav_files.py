"""Audio input from WAV files of every common kind: widths, rates, channels, odd headers,
and a French error for the unusable ones."""

from __future__ import annotations

import struct
import subprocess
import wave
from array import array
from pathlib import Path

import pytest

from assistant.audio.microphone import (
    WavFileSource,
    WavInputError,
)
from tests.spoken_audio import espeak_available, speak_to_wav
from tests.wav_samples import fmt, reference, riff, samples, sox, wav_to_chunks

needs_espeak = pytest.mark.skipif(not espeak_available(), reason="espeak-ng ou sox absent")

# --- WAV files -----------------------------------------------------------------------------


@needs_espeak
def test_a_16_bit_mono_wav_comes_back_unchanged_in_tenth_of_second_chunks() -> None:
    path = speak_to_wav("mes paiements")
    chunks = list(wav_to_chunks(path))
    assert {len(chunk) for chunk in chunks[:-1]} == {3200}
    assert b"".join(chunks) == reference(path).tobytes()


@needs_espeak
@pytest.mark.parametrize("bits", ["24", "32"])
def test_24_and_32_bit_files_keep_their_16_most_significant_bits(tmp_path: Path, bits: str) -> None:
    original = speak_to_wav("répète")
    converted = sox(original, tmp_path / f"s{bits}.wav", "-b", bits)
    assert samples(converted) == reference(original)


@needs_espeak
def test_an_8_bit_file_is_widened(tmp_path: Path) -> None:
    original = speak_to_wav("répète")
    converted = sox(original, tmp_path / "u8.wav", "-b", "8", "-e", "unsigned")
    widened, expected = samples(converted), reference(original)
    assert len(widened) == len(expected)
    # 8 bits keep 1/256 of the 16-bit scale, plus sox's dither.
    assert max(abs(a - b) for a, b in zip(widened, expected, strict=True)) <= 512


@needs_espeak
def test_a_stereo_44100_hz_file_keeps_its_rate_and_is_mixed_to_mono(tmp_path: Path) -> None:
    original = speak_to_wav("suivant")
    converted = sox(original, tmp_path / "st.wav", "-r", "44100", "-c", "2")
    source = WavFileSource(converted)
    assert source.sample_rate == 44100
    with wave.open(str(converted), "rb") as wav:
        frames = array("h", wav.readframes(wav.getnframes()))
    assert samples(converted) == array(
        "h", ((frames[i] + frames[i + 1]) // 2 for i in range(0, len(frames), 2))
    )


def test_channels_are_averaged(tmp_path: Path) -> None:
    left, right = [1000, -2000, 30000], [3000, 2000, 32000]
    data = array("h", [v for pair in zip(left, right, strict=True) for v in pair]).tobytes()
    path = tmp_path / "stereo.wav"
    path.write_bytes(riff((b"fmt ", fmt(channels=2)), (b"data", data)))
    assert list(samples(path)) == [2000, 0, 31000]


@needs_espeak
def test_espeak_stdout_output_with_its_unfinished_header_is_read_to_the_end(tmp_path: Path) -> None:
    raw = subprocess.run(
        ["espeak-ng", "-v", "fr", "--stdout", "mes paiements"], check=True, capture_output=True
    ).stdout
    path = tmp_path / "pipe.wav"
    path.write_bytes(raw)
    assert struct.unpack("<I", raw[40:44])[0] > len(raw)
    assert samples(path).tobytes() == raw[44:]


@needs_espeak
def test_large_metadata_before_the_sound_is_skipped(tmp_path: Path) -> None:
    original = speak_to_wav("oui")
    data = reference(original).tobytes()
    path = tmp_path / "tagged.wav"
    path.write_bytes(riff((b"fmt ", fmt()), (b"LIST", b"x" * 2_000_001), (b"data", data)))
    assert samples(path).tobytes() == data


def test_the_source_says_when_the_file_is_exhausted(tmp_path: Path) -> None:
    path = tmp_path / "short.wav"
    path.write_bytes(riff((b"fmt ", fmt()), (b"data", bytes(4000))))
    source = WavFileSource(path, chunk_seconds=0.1)
    assert [len(source.read(0.0) or b"") for _ in range(2)] == [3200, 800]
    assert not source.exhausted
    assert source.read(0.0) is None
    assert source.exhausted


def _bad_files() -> dict[str, bytes]:
    sound = bytes(3200)
    whole = riff((b"fmt ", fmt()), (b"data", sound))
    huge_fmt = b"RIFF\0\0\0\0WAVEfmt " + struct.pack("<I", 0xFFFFFF00) + fmt()
    return {
        "empty": b"",
        "not_a_wav": "Bonjour, ceci est un mémo, pas un son.\n".encode() * 10,
        "mp3": b"ID3\x03\x00\x00\x00\x00\x00\x00" + bytes(400),
        "header_cut": whole[:30],
        "data_cut": whole[: len(whole) - 1600],
        "no_sound": riff((b"fmt ", fmt()), (b"data", b"")),
        "float": riff((b"fmt ", fmt(tag=3, bits=32)), (b"data", sound)),
        "adpcm": riff((b"fmt ", fmt(tag=0x11, bits=4)), (b"data", sound)),
        "no_fmt": riff((b"data", sound)),
        "zero_channels": riff((b"fmt ", fmt(channels=0)), (b"data", sound)),
        "absurd_rate": riff((b"fmt ", fmt(rate=4_000_000_000)), (b"data", sound)),
        "bad_align": riff((b"fmt ", fmt()[:12] + struct.pack("<HH", 7, 16)), (b"data", sound)),
        "huge_fmt": huge_fmt,
        "huge_chunk": riff((b"fmt ", fmt())) + b"LIST" + struct.pack("<I", 0xFFFFFFF0) + sound,
    }


@pytest.mark.parametrize("kind", sorted(_bad_files()))
def test_unusable_files_give_a_french_error_naming_the_file(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.wav"
    path.write_bytes(_bad_files()[kind])
    with pytest.raises(WavInputError) as caught:
        list(wav_to_chunks(path))
    message = str(caught.value)
    assert message.startswith(f"Le fichier son « {kind}.wav » ")
    assert any(word in message for word in ("vide", "WAV", "coupé", "abîmé", "format", "aucun"))


def test_a_missing_file_gives_a_french_error(tmp_path: Path) -> None:
    with pytest.raises(WavInputError) as caught:
        WavFileSource(tmp_path / "absent.wav")
    assert str(caught.value) == "Je ne peux pas ouvrir le fichier son « absent.wav »."
