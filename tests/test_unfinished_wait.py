"""The longer wait after an unfinished phrase (listening/unfinished.py), in audio samples only.

Real espeak-ng Korean speech and the real Korean model, fed in 20 ms chunks as a microphone
would. In the grammar, « 다시 » alone is only the opening of « 다시 다음 », as « mes » is of
« mes paiements »: said with a pause longer than the 220 ms of trailing silence, the phrase is
cut in two unless the detector waits longer once Vosk's early text is that opening. Whole
phrases must keep exactly their timing, and the wait must end.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.audio.end_of_speech import EndOfSpeechDetector
from assistant.cli.arguments import build_parser, recognizer_settings_from
from assistant.conversation.commands import CommandName as N
from assistant.conversation.understanding import Understanding
from assistant.guides.loader import load_guide
from assistant.listening.recognizer import CommandRecognizer, Recognition
from assistant.listening.unfinished import COMMON_ENDINGS, UnfinishedWait, openings_of
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


@pytest.fixture(scope="module")
def ameli() -> tuple[list[str], Callable[[str], bool]]:
    """The memo's grammar phrases and voice_setup's `complete` rule."""
    understanding = Understanding(load_guide(AMELI))
    complete = lambda text: understanding.understand(text).name is not N.NOT_UNDERSTOOD  # noqa: E731
    return understanding.listening_phrases(), complete


@pytest.mark.parametrize(
    ("heard", "ending"),
    [
        ("je voudrais aller à l'étape", "l'étape"),  # … quatre: cut in the library
        ("je veux l'étape", "l'étape"),  # … précédente
        ("[unk] l'étape", "l'étape"),
        ("je veux voir mes", "voir mes"),  # the longest ending that opens a phrase
    ],
)
def test_a_text_not_understood_that_ends_on_an_opening_waits(
    ameli: tuple[list[str], Callable[[str], bool]], heard: str, ending: str
) -> None:
    phrases, complete = ameli
    waits = UnfinishedWait(phrases, 220, 600, complete)
    assert not complete(heard)
    assert heard not in waits.openings  # the whole text opens no phrase: no wait before
    assert UnfinishedWait(phrases, 220, 600, complete, ending_words=0).trailing_ms(heard) == 220
    assert waits.ending(heard) == ending
    assert waits.trailing_ms(heard) == 600


@pytest.mark.parametrize(
    "heard",
    [
        "retour au menu",
        "suivant",
        "je voudrais aller à l'étape quatre",
        "je ne comprends pas",  # « pas » opens « pas assez fort », but this is a request
        "vous pouvez répéter",
    ],
)
def test_a_text_understood_alone_keeps_the_normal_wait(
    ameli: tuple[list[str], Callable[[str], bool]], heard: str
) -> None:
    phrases, complete = ameli
    assert complete(heard)
    assert UnfinishedWait(phrases, 220, 600, complete).trailing_ms(heard) == 220


def test_todays_whole_text_cases_are_unchanged(
    ameli: tuple[list[str], Callable[[str], bool]],
) -> None:
    phrases, complete = ameli
    before = UnfinishedWait(phrases, 220, 600, complete, ending_words=0)
    after = UnfinishedWait(phrases, 220, 600, complete)
    assert after.openings == before.openings
    assert before.endings == frozenset()
    cases = ["mes", "l'étape", "carte", "suivant", "", "lettre par"]
    assert [after.trailing_ms(h) for h in cases] == [600, 600, 220, 220, 220, 220]
    assert [before.trailing_ms(h) for h in cases] == [600, 600, 220, 220, 220, 220]
    assert all(after.trailing_ms(o) == before.trailing_ms(o) == 600 for o in before.openings)
    assert after.trailing_ms(None) == 220


@pytest.fixture(scope="module")
def ameli_waits(
    ameli: tuple[list[str], Callable[[str], bool]],
) -> tuple[UnfinishedWait, UnfinishedWait]:
    """The wait of before (whole text only) and today's, built once: they ask `complete`."""
    phrases, complete = ameli
    before = UnfinishedWait(phrases, 220, 600, complete, ending_words=0)
    return before, UnfinishedWait(phrases, 220, 600, complete)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.data())
def test_a_text_understood_alone_never_waits_and_the_old_rule_is_kept(
    ameli: tuple[list[str], Callable[[str], bool]],
    ameli_waits: tuple[UnfinishedWait, UnfinishedWait],
    data: st.DataObject,
) -> None:
    phrases, complete = ameli
    words = sorted({w for p in phrases for w in p.split()} | {"[unk]"})
    pieces = st.sampled_from([*phrases, *words])
    heard = " ".join(data.draw(st.lists(pieces, min_size=1, max_size=4)))
    before, after = ameli_waits
    assert before.trailing_ms(heard) == (600 if heard in before.openings else 220)
    if complete(heard):
        assert after.trailing_ms(heard) == 220
    else:
        ends = after.ending(heard) is not None or heard in after.openings
        assert after.trailing_ms(heard) == (600 if ends else 220)


def test_a_common_ending_waits_only_as_the_whole_text(
    ameli_waits: tuple[UnfinishedWait, UnfinishedWait],
) -> None:
    # « la troisième étape » with « troisième » outside the grammar: Vosk hears « la [unk]
    # étape », finished; « étape » ends such requests more often than « étape suivante » goes on.
    _, after = ameli_waits
    assert "étape" in COMMON_ENDINGS and "étape" in after.openings
    assert after.trailing_ms("étape") == 600
    assert [after.trailing_ms(h) for h in ("la [unk] étape", "[unk] étape")] == [220, 220]
    assert after.trailing_ms("la [unk] l'étape") == 600


def test_common_endings_and_the_longest_ending() -> None:
    # Without `complete`, only a phrase is understood: « retour à l'étape » ends on an
    # opening but is a phrase, so it keeps the normal wait.
    phrases = ["la liste", "l'étape quatre", "retour à l'étape", "dis moi la suite", "a b c d e"]
    waits = UnfinishedWait(phrases, 220, 500, common={"la"})
    assert waits.openings - waits.endings == {"la", "a b c d"}
    assert {"l'étape", "retour à", "dis moi la", "a b c"} < waits.endings
    assert [waits.trailing_ms(h) for h in ("la", "euh la", "euh l'étape")] == [500, 220, 500]
    assert waits.trailing_ms("retour à l'étape") == 220
    assert waits.trailing_ms("euh dis moi la") == 500
    # An ending of four words is not looked at (three at most), unless asked for.
    assert waits.trailing_ms("x a b c d") == 220
    assert UnfinishedWait(phrases, 220, 500, ending_words=4).trailing_ms("x a b c d") == 500
    # The longer wait switched off switches the endings off too.
    assert UnfinishedWait(phrases, 220, 0).trailing_ms("euh l'étape") == 220


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
