"""A whole request heard ends without waiting on the pitch (issue 13), in audio samples only.

The detector waits 320 ms instead of 220 when the voice did not stop on a falling pitch
(audio/continuation.py): a pause inside a French phrase. But once Vosk's early text (after
120 ms of silence) is a whole request alone, surely heard, whose longer phrases all ask the
same (« suivant », « répète »), nothing is left to wait for: the end comes after the usual
220 ms. espeak-ng's Korean voice ends every word flat, so the real Korean model and real speech
show both cases.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest

from assistant.audio.end_of_speech import EndOfSpeechDetector
from assistant.audio.voice_activity import GateSettings
from assistant.conversation.understanding import Understanding
from assistant.guides.loader import load_guide
from assistant.listening.recognizer import CommandRecognizer, Recognition
from assistant.listening.unfinished import UnfinishedWait
from assistant.settings import RecognizerSettings
from tests.test_early_final import CHUNK, LIBC, MS, RATE, needs_espeak, silence, voice
from tests.test_understanding_in_context import AMELI
from tests.test_unfinished_wait import ameli  # noqa: F401  (fixture)

NORMAL_MS = RecognizerSettings().trailing_silence_ms
RISE = GateSettings().rise


@pytest.fixture(scope="module")
def model(korean_model: Any) -> Any:
    return korean_model


@pytest.fixture(scope="module")
def understanding() -> Understanding:
    return Understanding(load_guide(AMELI))


def results(
    model: Any, audio: bytes, phrases: Sequence[str], same: bool = False, **settings: Any
) -> list[Recognition]:
    """`same`: every phrase asks what the longer ones it opens ask."""
    if LIBC is not None:
        LIBC.srand(13)  # Kaldi dithers with rand(): each run hears the same audio
    asks_the_same = (lambda text: "the same") if same else None
    recognizer = CommandRecognizer(
        model, list(phrases), RATE, RecognizerSettings(**settings), request=asks_the_same
    )
    found = []
    for at in range(0, len(audio), CHUNK):
        if (result := recognizer.feed(audio[at : at + CHUNK])) is not None:
            found.append(result)
    return found


def waited_ms(result: Recognition) -> float:
    return (result.end_of_speech_sample - result.speech_end_sample) / MS


def test_whole_is_understood_alone_and_opening_nothing() -> None:
    waits = UnfinishedWait(
        ["suivant", "la liste", "la liste des démarches", "mes paiements"], 220, 600
    )
    assert waits.whole("suivant") and waits.whole("  la   liste des démarches ")
    assert not waits.whole("la liste")  # a phrase, but it opens a longer one
    assert not waits.whole("mes")  # only an opening
    assert not waits.whole("bonjour") and not waits.whole("") and not waits.whole(None)


def test_an_opening_is_whole_when_every_longer_phrase_asks_the_same() -> None:
    meaning = {"répète": "R", "répète s'il te plaît": "R", "carte vitale": "?"}
    meaning["carte vitale perdue"] = "perdue"
    waits = UnfinishedWait(meaning, 220, 600, request=meaning.__getitem__)
    assert waits.whole("répète")
    assert not waits.whole("carte vitale")  # what follows would change the request
    assert waits.whole("carte vitale perdue") and waits.whole("répète s'il te plaît")


def test_the_memos_openings_that_ask_the_same_are_whole(
    ameli: tuple[list[str], Callable[[str], bool]],  # noqa: F811
    understanding: Understanding,
) -> None:
    phrases, complete = ameli
    waits = UnfinishedWait(phrases, 220, 600, complete, request=understanding.understand)
    for text in ("oui", "non", "répète", "la liste", "mes paiements", "suivant"):
        assert waits.whole(text), text
    for text in ("retour", "reprendre", "deux", "vingt"):  # « retour au menu », « … au début »
        assert not waits.whole(text), text


def test_whole_follows_the_complete_rule_even_with_the_longer_wait_off(
    ameli: tuple[list[str], Callable[[str], bool]],  # noqa: F811
) -> None:
    phrases, complete = ameli
    waits = UnfinishedWait(phrases, 220, 0, complete)
    assert waits.whole("je voudrais aller à l'étape quatre")  # understood, not a phrase
    assert waits.whole("suivant")
    assert not waits.whole("mes")
    assert not waits.whole("il fait beau aujourd'hui")


@needs_espeak
def test_a_flat_whole_phrase_ends_after_the_usual_silence(model: Any) -> None:
    assert RISE is not None
    audio = silence(300) + voice("다시") + silence(800)
    *_, alone = EndOfSpeechDetector(RATE, NORMAL_MS).push(audio)
    # Precondition: espeak-ng's Korean « 다시 » ends flat, the detector alone waits longer.
    assert (alone.detected_sample - alone.sample) / MS == RISE.wait_ms
    (heard,) = results(model, audio, ["다시", "이전"])
    assert heard.text == "다시"
    assert waited_ms(heard) == NORMAL_MS
    assert heard.result_sample == heard.end_of_speech_sample


@needs_espeak
def test_a_phrase_that_opens_a_longer_one_still_waits_on_the_pitch(model: Any) -> None:
    assert RISE is not None
    audio = silence(300) + voice("다시") + silence(800)
    # « 다시 », a phrase, opens « 다시 다음 » (« la liste » opens « la liste des démarches »).
    (heard,) = results(model, audio, ["다시", "다시 다음"], unfinished_wait_ms=0)
    assert heard.text == "다시"
    assert waited_ms(heard) == RISE.wait_ms
    # Unless every longer phrase it opens asks the same.
    (same,) = results(model, audio, ["다시", "다시 다음"], unfinished_wait_ms=0, same=True)
    assert same.text == "다시" and waited_ms(same) == NORMAL_MS


@needs_espeak
def test_a_doubtful_text_still_waits_on_the_pitch(model: Any) -> None:
    """Heard, but under the confidence the recognizer asks: not surely whole."""
    assert RISE is not None
    audio = silence(300) + voice("다시") + silence(800)
    (heard,) = results(model, audio, ["다시", "이전"], min_confidence=1.01)
    assert heard.heard == "다시" and not heard.accepted
    assert waited_ms(heard) == RISE.wait_ms


@needs_espeak
def test_the_pitch_is_not_even_estimated_once_a_whole_request_is_heard(model: Any) -> None:
    """The cue's ten pitch estimates (about 10 ms of Python) are saved for most commands."""
    audio = silence(300) + voice("다시") + silence(800)
    estimates = []
    for phrases in (["다시", "이전"], ["다시", "다시 다음"]):
        if LIBC is not None:
            LIBC.srand(13)
        recognizer = CommandRecognizer(model, phrases, RATE)
        found = [
            r
            for at in range(0, len(audio), CHUNK)
            if (r := recognizer.feed(audio[at : at + CHUNK]))
        ]
        assert [r.text for r in found] == ["다시"]
        cue = recognizer._detector._classifier.cue  # type: ignore[attr-defined]
        estimates.append(cue.estimates)
    assert estimates == [0, 10]  # whole: none; an opening of another phrase: ten
