"""The recognizer hears what understanding needs: every meaning-bearing word is in the grammar."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.conversation.topics import plain_words
from assistant.conversation.understanding import Understanding, normalize
from assistant.guides.loader import load_guide
from assistant.listening.recognizer import CommandRecognizer
from assistant.model.files import load_vosk_model
from assistant.settings import RecognizerMode, RecognizerSettings

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
    assert "le" not in phrases and "faire" not in phrases  # words that never decide stay out


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
