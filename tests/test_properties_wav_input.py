"""WAV input on any file: int16 mono chunks, or a WavInputError in French; nothing else.

`--entree-audio` takes whatever file a librarian or a bug report brings. The source is fed
real files written by sox in every awkward format (float, ADPCM, µ-law, 8, 24 and 32 bits,
6 channels, WAVE_FORMAT_EXTENSIBLE), the same files cut short or sprinkled with random
bytes, and paths that are no file at all. Headers built field by field and plain noise:
test_properties_wav_headers.py.
A file that is accepted must decode to exactly what an independent reading of it gives.
"""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.audio.microphone import WavInputError
from tests.property_cases import budget, case_report
from tests.wav_reading import (
    assert_french,
    check_file,
    read_all,
    write,
)

CASES: Counter[str] = Counter()
"""Files actually tried per property, reported at the end of the module."""

FILES = budget(300)

report_cases = case_report(CASES)


@pytest.fixture(scope="module")
def wav_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("wav")


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


def test_empty_missing_and_folder_paths_are_refused_in_french(wav_dir: Path) -> None:
    empty = write(wav_dir, b"")
    for path in (empty, wav_dir / "absent.wav", wav_dir):
        CASES["paths"] += 1
        outcome = read_all(path)
        assert isinstance(outcome, WavInputError)
        assert_french(outcome, path)
