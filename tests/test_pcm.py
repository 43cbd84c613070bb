"""Sound as samples, without a sound device: resampling, reading the engine's WAV and AIFF
files, silence and trimming it."""

from __future__ import annotations

import shutil
import subprocess
from array import array
from pathlib import Path

import pytest

from assistant.audio.playback import (
    Pcm,
    read_audio_file,
    resample,
    silence,
    without_leading_silence,
    without_trailing_silence,
    write_wav,
)
from tests.pcm_measures import crossings_per_second, tone


def test_resampling_keeps_duration_and_pitch() -> None:
    source = tone(0.5, rate=22050, hz=440)
    for rate in (44100, 48000, 16000):
        converted = resample(source, rate)
        assert converted.sample_rate == rate
        assert converted.duration_s == pytest.approx(0.5, abs=0.001)
        assert crossings_per_second(converted) == pytest.approx(440, rel=0.02)
    assert resample(source, 22050) == source


def test_engine_files_are_read_as_wav_and_as_aiff(tmp_path: Path, sentence: Pcm) -> None:
    wav = tmp_path / "phrase.wav"
    write_wav(wav, sentence)
    assert read_audio_file(wav) == sentence
    if shutil.which("sox") is None:
        pytest.skip("sox absent : apt-get install sox")
    aiff = tmp_path / "phrase.aiff"  # what macOS writes, whatever the file name says
    subprocess.run(["sox", str(wav), str(aiff)], check=True)
    assert aiff.read_bytes()[:4] == b"FORM"
    assert read_audio_file(aiff) == sentence


def test_silence_is_silent_and_sized_in_samples() -> None:
    gap = silence(0.3, 22050)
    assert gap.duration_s == pytest.approx(0.3) and gap.rms() == 0.0


def test_trailing_silence_is_trimmed_to_a_short_tail() -> None:
    sound = tone(0.4)
    padded = Pcm(sound.data + silence(0.3, sound.sample_rate).data, sound.sample_rate)
    assert without_trailing_silence(padded).duration_s == pytest.approx(0.45, abs=0.002)
    only_silence = without_trailing_silence(silence(0.3, 22050))
    assert only_silence.duration_s == pytest.approx(0.05, abs=0.001)


def test_a_reply_starts_at_its_first_audible_sample(sentence: Pcm) -> None:
    """espeak-ng's silence before « Cliquez » (about 45 ms) would only delay the reply."""
    samples = array("h", sentence.data)
    lead = next(i for i, s in enumerate(samples) if abs(s) >= 64)
    assert lead >= round(0.01 * sentence.sample_rate)  # espeak-ng does begin with silence
    trimmed = array("h", without_leading_silence(sentence).data)
    assert abs(trimmed[0]) >= 64
    assert trimmed == samples[lead:]  # nothing audible is lost
    assert without_leading_silence(silence(0.3, 22050)).duration_s == pytest.approx(0.3)
