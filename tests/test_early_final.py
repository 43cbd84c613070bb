"""Vosk's final result computed before the end is decided (recognizer.EARLY_FINAL_MS), in audio
time only: it must be ready well before the decision, and change neither the decision nor,
when the voice comes back after a pause, the result.

Real espeak-ng Korean speech and the real Korean model, fed in 20 ms chunks as a microphone
would. Why: on the real program, Vosk's FinalResult took 32 ms (median, p95 64 ms) between the
detector's decision and the reply (scripts/bench_e2e_stages.py, issue 13).
"""

from __future__ import annotations

import ctypes
import os
from typing import Any

import pytest

from assistant.audio.end_of_speech import EndOfSpeechDetector
from assistant.listening import recognizer as recognizer_module
from assistant.listening.recognizer import CommandRecognizer, Recognition
from assistant.settings import RecognizerSettings
from tests.spoken_audio import espeak_available
from tests.test_recognizer import korean

LIBC = ctypes.CDLL(None) if os.name == "posix" else None
"""Kaldi dithers the audio with libc's rand() (vosk-api issues 868, 895): seeded before each
decoding, the recognizers compared hear the same dither."""

RATE = 16000
MS = RATE // 1000
NORMAL_MS = RecognizerSettings().trailing_silence_ms
CHUNK = 2 * 20 * MS
PHRASES = ("안녕하세요", "감사합니다", "다음", "이전", "다시 다음")
needs_espeak = pytest.mark.skipif(not espeak_available(), reason="espeak-ng ou sox absent")


@pytest.fixture(scope="module")
def model(korean_model: Any) -> Any:
    return korean_model


def silence(ms: int) -> bytes:
    return bytes(2 * ms * MS)


def voice(text: str) -> bytes:
    """The word from where the detector hears its voice start to where it hears it end
    (espeak-ng's Korean words fade out for about 0.3 s), so that the pause the detector hears
    is the one we make."""
    audio = korean(text)
    start, end = (e.sample for e in EndOfSpeechDetector(RATE).push(audio + silence(600)))
    return audio[2 * start : 2 * end]


def results(model: Any, audio: bytes, early: bool, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every result for `audio`, and how many times Vosk was asked for a final result."""
    if not early:
        monkeypatch.setattr(recognizer_module, "EARLY_FINAL_MS", 10**9)
    if LIBC is not None:
        LIBC.srand(13)  # Kaldi dithers with rand(): each run hears the same audio
    recognizer = CommandRecognizer(model, list(PHRASES), RATE)
    asked = [0]
    final_result = recognizer._kaldi.FinalResult

    def counted() -> str:
        asked[0] += 1
        return str(final_result())

    recognizer._kaldi.FinalResult = counted
    found: list[Recognition] = []
    for at in range(0, len(audio), CHUNK):
        if (result := recognizer.feed(audio[at : at + CHUNK])) is not None:
            found.append(result)
    monkeypatch.undo()
    return [found, asked[0]]


@needs_espeak
@pytest.mark.parametrize("text", ["안녕하세요", "감사합니다", "다음"])
def test_the_final_result_is_ready_100_ms_of_audio_before_the_decision(
    model: Any, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    audio = silence(300) + korean(text) + silence(600)
    (early,), _ = results(model, audio, True, monkeypatch)
    (late,), _ = results(model, audio, False, monkeypatch)
    # Ready when 120 ms of the detector's 220 ms of silence have passed.
    assert early.result_sample - early.final_sample >= 80 * MS
    assert late.result_sample == late.final_sample
    # The early text, a whole phrase, spares the end the pitch's wait (espeak-ng's Korean
    # ends flat): 220 ms after the voice. Without it, the detector alone decides, never sooner.
    assert early.end_of_speech_sample - early.speech_end_sample == NORMAL_MS * MS
    assert early.result_sample == early.end_of_speech_sample
    assert late.end_of_speech_sample >= early.end_of_speech_sample
    assert late.result_sample == late.end_of_speech_sample


@needs_espeak
def test_a_pause_inside_a_command_gives_the_same_result_as_without_early_final(
    model: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """160 ms of silence between two words: enough for an early final result, not for the
    detector's end. The voice comes back, so that result is dropped and Vosk hears the whole
    command again: the result is exactly the one Vosk gives without early final results."""
    audio = silence(300) + voice("다시") + silence(160) + voice("다음") + silence(600)
    early, asked_early = results(model, audio, True, monkeypatch)
    late, asked_late = results(model, audio, False, monkeypatch)
    assert len(early) == len(late) == 1
    assert (early[0].heard, early[0].confidence) == (late[0].heard, late[0].confidence)
    assert early[0].end_of_speech_sample == late[0].end_of_speech_sample
    assert asked_late == 1
    assert asked_early == 2  # one in the pause, dropped; one at the end, used
    assert early[0].result_sample - early[0].final_sample >= 80 * MS
