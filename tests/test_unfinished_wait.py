"""The longer wait after an unfinished phrase (listening/unfinished.py), in audio samples only.

Real espeak-ng Korean speech and the real Korean model, fed in 20 ms chunks as a microphone
would. In the grammar, « 다시 » alone is only the opening of « 다시 다음 », as « mes » is of
« mes paiements »: said with a pause longer than the 220 ms of trailing silence, the phrase is
cut in two unless the detector waits longer once Vosk's early text is that opening. Whole
phrases must keep exactly their timing, and the wait must end.
"""

from __future__ import annotations

from typing import Any

import pytest

from assistant.audio.end_of_speech import EndOfSpeechDetector
from assistant.cli.arguments import build_parser, recognizer_settings_from
from assistant.conversation.commands import CommandName as N
from assistant.conversation.understanding import Understanding
from assistant.guides.loader import load_guide
from assistant.listening.recognizer import CommandRecognizer, Recognition
from assistant.listening.unfinished import UnfinishedWait, openings_of
from assistant.settings import RecognizerSettings
from tests.spoken_audio import espeak_available
from tests.test_early_final import CHUNK, LIBC, MS, PHRASES, RATE, silence, voice
from tests.test_recognizer import korean
from tests.test_understanding_in_context import AMELI

needs_espeak = pytest.mark.skipif(not espeak_available(), reason="espeak-ng ou sox absent")
WAIT_MS = RecognizerSettings().unfinished_wait_ms
NORMAL_MS = RecognizerSettings().trailing_silence_ms


@pytest.fixture(scope="module")
def model(korean_model: Any) -> Any:
    return korean_model


def results(model: Any, audio: bytes, wait_ms: int) -> list[Recognition]:
    settings = RecognizerSettings(unfinished_wait_ms=wait_ms)
    if LIBC is not None:
        LIBC.srand(13)
    recognizer = CommandRecognizer(model, list(PHRASES), RATE, settings)
    found = []
    for at in range(0, len(audio), CHUNK):
        if (result := recognizer.feed(audio[at : at + CHUNK])) is not None:
            found.append(result)
    return found


def own_wait(audio: bytes) -> int:
    """Samples from the end of the voice to the end of speech, for the detector alone."""
    *_, end = EndOfSpeechDetector(RATE, NORMAL_MS).push(audio)
    return end.detected_sample - end.sample


def test_the_openings_are_the_strict_prefixes_that_are_not_phrases() -> None:
    phrases = ["mes paiements", "mes", "lettre par lettre", "l'étape quatre", "suivant"]
    assert openings_of(phrases) == {"lettre", "lettre par", "l'étape"}
    wait = UnfinishedWait(phrases, 220, 500)
    assert [wait.trailing_ms(h) for h in (None, "", "mes", "lettre  par", "suivant")] == [
        220,
        220,
        220,
        500,
        220,
    ]
    # Never shorter than the normal trailing silence, whatever the setting.
    assert UnfinishedWait(phrases, 220, 150).trailing_ms("lettre par") == 220


def test_an_opening_understood_alone_keeps_the_normal_wait() -> None:
    # In the Ameli memo « carte » opens « carte vitale » but is a request of its own (it asks
    # which card procedure): waiting 600 ms after it would be paid each time it is said.
    understanding = Understanding(load_guide(AMELI))
    phrases = understanding.listening_phrases()
    complete = lambda text: understanding.understand(text).name is not N.NOT_UNDERSTOOD  # noqa: E731
    waits = UnfinishedWait(phrases, 220, 600, complete)
    assert {"carte", "mes"} <= openings_of(phrases)
    assert waits.trailing_ms("carte") == 220
    assert waits.trailing_ms("mes") == 600
    assert waits.openings < openings_of(phrases)


def test_the_default_waits_longer_and_the_option_can_switch_it_off() -> None:
    assert WAIT_MS > NORMAL_MS
    parser = build_parser()
    assert recognizer_settings_from(parser.parse_args([])).unfinished_wait_ms == WAIT_MS
    off = recognizer_settings_from(parser.parse_args(["--attente-inachevee", "0"]))
    assert off.unfinished_wait_ms == 0
    assert UnfinishedWait(["mes paiements"], NORMAL_MS, off.unfinished_wait_ms).long_ms == NORMAL_MS


@needs_espeak
@pytest.mark.parametrize("pause_ms", [300, 400])
def test_a_pause_after_an_opening_gives_one_whole_phrase_with_the_wait(
    model: Any, pause_ms: int
) -> None:
    audio = silence(300) + voice("다시") + silence(pause_ms) + voice("다음") + silence(900)
    cut = results(model, audio, 0)
    whole = results(model, audio, WAIT_MS)
    assert [r.heard for r in cut] == ["다시", "다음"]
    assert [r.heard for r in whole] == ["다시 다음"]
    # The phrase ends where its second half did without the wait: only the pause is bridged.
    assert whole[0].speech_end_sample == cut[1].speech_end_sample
    assert whole[0].result_sample == cut[1].result_sample


@needs_espeak
@pytest.mark.parametrize("text", ["안녕하세요", "감사합니다", "다음", "이전"])
def test_a_whole_phrase_keeps_exactly_its_timing(model: Any, text: str) -> None:
    audio = silence(300) + korean(text) + silence(800)
    (without,) = results(model, audio, 0)
    (with_wait,) = results(model, audio, WAIT_MS)
    assert without.heard == with_wait.heard == text
    assert with_wait == without  # every sample position, the confidence, the text


@needs_espeak
def test_the_wait_after_an_opening_alone_is_bounded(model: Any) -> None:
    audio = silence(300) + voice("다시") + silence(WAIT_MS + 600)
    (without,) = results(model, audio, 0)
    (with_wait,) = results(model, audio, WAIT_MS)
    assert without.heard == with_wait.heard == "다시"
    assert without.speech_end_sample == with_wait.speech_end_sample
    # espeak-ng's Korean « 다시 » does not end on a falling pitch: the detector alone waits
    # GateSettings().rise.wait_ms there, not 220 ms (audio/continuation.py).
    assert without.end_of_speech_sample - without.speech_end_sample == own_wait(audio)
    assert with_wait.end_of_speech_sample - with_wait.speech_end_sample == WAIT_MS * MS
    assert with_wait.result_sample == with_wait.end_of_speech_sample
    # The next utterance starts with the normal trailing silence again.
    after = results(model, audio + korean("다음") + silence(800), WAIT_MS)
    assert [r.heard for r in after] == ["다시", "다음"]
    assert after[1].end_of_speech_sample - after[1].speech_end_sample == NORMAL_MS * MS


@needs_espeak
def test_a_reset_during_the_wait_restores_the_normal_trailing_silence(model: Any) -> None:
    """The assistant starts speaking while the listener is between « 다시 » and the rest."""
    settings = RecognizerSettings(unfinished_wait_ms=WAIT_MS)
    recognizer = CommandRecognizer(model, list(PHRASES), RATE, settings)
    opening = silence(300) + voice("다시") + silence(200)
    for at in range(0, len(opening), CHUNK):
        assert recognizer.feed(opening[at : at + CHUNK]) is None
    assert recognizer._detector.trailing_silence_ms == WAIT_MS  # waiting for the rest
    recognizer.reset()
    audio = silence(300) + korean("다음") + silence(800)
    found = [
        r for at in range(0, len(audio), CHUNK) if (r := recognizer.feed(audio[at : at + CHUNK]))
    ]
    assert [r.heard for r in found] == ["다음"]
    assert found[0].end_of_speech_sample - found[0].speech_end_sample == NORMAL_MS * MS
