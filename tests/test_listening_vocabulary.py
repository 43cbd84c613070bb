"""The recognizer hears what understanding needs: every meaning-bearing word is in the grammar."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.conversation.understanding import Understanding, normalize
from assistant.conversation.wordforms import plain_words
from assistant.frontends.session import Memory, Session
from assistant.frontends.voice_setup import build_recognizer
from assistant.guides.loader import load_guide
from assistant.listening.recognizer import CommandRecognizer
from assistant.model.files import load_vosk_model
from assistant.model.problems import unknown_share_message
from assistant.settings import Preferences, RecognizerMode, RecognizerSettings

AMELI = Path(__file__).resolve().parent.parent / "guides" / "ameli.yaml"
UNDERSTANDING = Understanding(load_guide(AMELI))


def vocabulary_words() -> set[str]:
    """Every word a topic is recognised by (accents folded), from titles, phrases and mots."""
    return {word for words in UNDERSTANDING.topics.vocabulary().values() for word in words}


def folded(phrases: list[str]) -> set[str]:
    """The grammar's words as understanding reads them (« sortir » and « sors » are one)."""
    return {word for phrase in phrases for word in plain_words(normalize(phrase))}


def test_every_vocabulary_word_of_the_ameli_memo_is_in_its_listening_phrases() -> None:
    words = vocabulary_words()
    assert len(words) > 100  # banque, rib, déménager, perdue…
    heard = [*UNDERSTANDING.listening_phrases(), *UNDERSTANDING.listening_words()]
    assert words - folded(heard) == set()


def test_the_words_that_decide_a_topic_are_there_as_people_spell_them() -> None:
    phrases = {*UNDERSTANDING.listening_phrases(), *UNDERSTANDING.listening_words()}
    for word in ("banque", "rib", "déménager", "perdue", "volée", "attestation", "relevé"):
        assert word in phrases
    # Little words are there too, so that « je voudrais » is not heard as [unk]; words of
    # chatter are not, so that they come out as [unk] and count against any topic.
    assert {"je", "voudrais", "mon"} <= phrases
    assert not {"genou", "parapluie", "journal", "wifi"} & phrases


def test_the_vosk_grammar_built_for_the_memo_contains_every_vocabulary_word(
    korean_model_dir: Path,
) -> None:
    # The Korean model knows no French word, but the grammar is built from the phrases all
    # the same: what this checks is what Vosk is given.
    model = load_vosk_model(korean_model_dir)
    settings = RecognizerSettings(mode=RecognizerMode.GRAMMAR)
    recognizer = CommandRecognizer(
        model,
        UNDERSTANDING.listening_phrases(),
        16000,
        settings,
        UNDERSTANDING.listening_words(),
    )
    assert recognizer.grammar is not None
    grammar = json.loads(recognizer.grammar)
    assert vocabulary_words() - folded(grammar) == set()


def test_the_share_of_unknown_words_says_plainly_when_the_model_is_not_french() -> None:
    assert unknown_share_message(10, 100) == (
        True,
        "10 mots sur 100 (10%) ne sont pas connus du modèle vocal.",
    )
    fits, text = unknown_share_message(31, 100)
    assert not fits and "probablement pas un modèle français" in text


def test_start_up_reports_the_share_for_the_korean_model(
    korean_model_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = Session(load_guide(AMELI), "ameli", Preferences(), Memory(enabled=False))
    model = load_vosk_model(korean_model_dir)
    build_recognizer(model, session, RecognizerSettings(mode=RecognizerMode.GRAMMAR), 16000)
    warning = capsys.readouterr().err
    assert "ne sont pas connus du modèle vocal" in warning
    assert "probablement pas un modèle français" in warning
