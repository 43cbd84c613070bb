"""The recognizer with the French model on every command phrase, spoken by espeak-ng.

Skipped when the French model is not installed (it cannot be downloaded on the offline build
machine). « Recognized as that phrase » is checked as « understood as the same command »:
French homophones (« répéter », « répétez ») cannot be told apart by ear, and need not be.
"""

from __future__ import annotations

import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.conversation.commands import CommandName
from assistant.listening.recognizer import CommandRecognizer, Recognition
from assistant.settings import RecognizerMode, RecognizerSettings
from tests.spoken_audio import espeak_available, speak_to_wav

pytestmark = pytest.mark.skipif(not espeak_available(), reason="espeak-ng ou sox absent")

AMELI = Path(__file__).resolve().parent.parent / "guides" / "ameli.yaml"
RATE = 16000
VOICES = ("fr", "fr-be", "fr-ch")
OUT_OF_GRAMMAR = (
    "le chat dort sur le canapé",
    "il fait beau aujourd'hui",
    "je voudrais un café s'il vous plaît",
    "la boulangerie ferme à midi",
    "mon fils arrive demain matin",
    "combien coûte ce livre",
)


@pytest.fixture(scope="module")
def model(french_model_dir: Path) -> Any:
    import vosk

    vosk.SetLogLevel(-1)
    return vosk.Model(str(french_model_dir))


@pytest.fixture(scope="module")
def understanding() -> Any:
    from assistant.conversation.understanding import Understanding
    from assistant.guides.loader import load_guide

    return Understanding(load_guide(AMELI))


def chunks(text: str, voice: str) -> Iterator[bytes]:
    with wave.open(str(speak_to_wav(text, voice=voice, rate=RATE)), "rb") as wav:
        while frames := wav.readframes(RATE // 10):
            yield frames


def hear(recognizer: CommandRecognizer, text: str, voice: str) -> list[Recognition]:
    recognizer.reset()
    return [r for chunk in chunks(text, voice) if (r := recognizer.feed(chunk)) is not None]


def test_the_model_knows_every_command_word(model: Any, understanding: Any) -> None:
    recognizer = CommandRecognizer(model, understanding.listening_phrases(), RATE)
    assert recognizer.unknown_words == ()
    assert recognizer.unknown_token == "[unk]"


@pytest.mark.parametrize("voice", VOICES)
def test_every_command_phrase_is_heard_as_its_command(
    model: Any, understanding: Any, voice: str
) -> None:
    phrases = understanding.listening_phrases()
    recognizer = CommandRecognizer(model, phrases, RATE)
    missed = []
    for phrase in phrases:
        results = hear(recognizer, phrase, voice)
        heard = [r.text for r in results]
        wanted = understanding.understand(phrase)
        if len(results) != 1 or not results[0].accepted:
            missed.append(f"{phrase!r} → {heard} (rejeté ou coupé)")
        elif understanding.understand(results[0].text) != wanted:
            missed.append(f"{phrase!r} → {heard}")
    assert missed == []


@pytest.mark.parametrize("mode", list(RecognizerMode))
@pytest.mark.parametrize("sentence", OUT_OF_GRAMMAR)
def test_sentences_meant_for_someone_else_trigger_nothing(
    model: Any, understanding: Any, mode: RecognizerMode, sentence: str
) -> None:
    recognizer = CommandRecognizer(
        model, understanding.listening_phrases(), RATE, RecognizerSettings(mode=mode)
    )
    for result in hear(recognizer, sentence, "fr"):
        if result.accepted:
            assert understanding.understand(result.text).name is CommandName.NOT_UNDERSTOOD


def test_corrected_mode_snaps_common_commands(model: Any, understanding: Any) -> None:
    phrases = understanding.listening_phrases()
    settings = RecognizerSettings(mode=RecognizerMode.CORRECTED)
    recognizer = CommandRecognizer(model, phrases, RATE, settings)
    for phrase in ("suivant", "répète", "mes paiements", "plus fort", "au revoir", "oui"):
        [result] = hear(recognizer, phrase, "fr")
        assert result.accepted, (phrase, result.heard)
        assert understanding.understand(result.text) == understanding.understand(phrase)
