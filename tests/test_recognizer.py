"""The command recognizer's mechanics, with the real Korean Vosk model.

The Korean model is the only one a registry can install; its accuracy on espeak-ng's Korean
voice means nothing, so these tests check what happens when (grammar, results per utterance,
positions in audio, defences), not how well it hears. French accuracy is in
test_recognizer_french.py.
"""

from __future__ import annotations

import json
import subprocess
import wave
from array import array
from typing import Any

import pytest

from assistant.audio.end_of_speech import EndOfSpeechDetector, SpeechEventKind
from assistant.audio.microphone import Microphone
from assistant.audio.voice_activity import GatedVoiceClassifier, GateSettings, webrtc_speech
from assistant.listening.recognizer import CommandRecognizer, Recognition, snap_to_phrase
from assistant.settings import RecognizerMode, RecognizerSettings
from tests.spoken_audio import espeak_available, speak_to_wav

RATE = 16000
CHUNK = RATE // 10 * 2
KOREAN = ("안녕하세요", "사람", "감사합니다", "다음", "이전")
needs_espeak = pytest.mark.skipif(not espeak_available(), reason="espeak-ng ou sox absent")


@pytest.fixture(scope="module")
def model(korean_model: Any) -> Any:
    return korean_model


def korean(text: str, rate: int = RATE, **options: float) -> bytes:
    path = speak_to_wav(text, voice="ko", rate=rate, **options)  # type: ignore[arg-type]
    with wave.open(str(path), "rb") as wav:
        return wav.readframes(wav.getnframes())


def spoken_end(audio: bytes) -> int:
    samples = array("h", audio)
    return max(i for i, value in enumerate(samples) if abs(value) > 300) + 1


def chunks_of(audio: bytes, size: int = CHUNK) -> list[bytes]:
    return [audio[i : i + size] for i in range(0, len(audio), size)]


def feed_all(recognizer: CommandRecognizer, audio: bytes) -> list[tuple[int, Recognition]]:
    """(index of the chunk that returned it, result) for every result."""
    return [
        (index, result)
        for index, chunk in enumerate(chunks_of(audio))
        if (result := recognizer.feed(chunk)) is not None
    ]


# --- Building the grammar ------------------------------------------------------------------


def test_the_grammar_keeps_accents_as_they_are(model: Any) -> None:
    recognizer = CommandRecognizer(model, ["répète", "Précédent !", "안녕하세요"], RATE)
    assert recognizer.grammar is not None
    assert '"répète"' in recognizer.grammar
    assert "\\u" not in recognizer.grammar
    assert json.loads(recognizer.grammar) == ["répète", "précédent", "안녕하세요", "<UNK>"]


def test_words_the_model_does_not_know_are_reported_once(model: Any) -> None:
    recognizer = CommandRecognizer(model, ["안녕하세요", "사람 zzqxw", "répète", "zzqxw"], RATE)
    assert recognizer.unknown_words == ("répète", "zzqxw")
    assert recognizer.unknown_token == "<UNK>"


def test_a_joined_word_is_split_only_when_the_model_knows_the_parts(model: Any) -> None:
    recognizer = CommandRecognizer(model, ["사람-다음", "사람-zzqx"], RATE)
    assert recognizer.phrases == ("사람 다음", "사람-zzqx")
    assert recognizer.unknown_words == ("사람-zzqx",)


def test_decoys_are_known_words_that_are_not_command_words(model: Any) -> None:
    settings = RecognizerSettings(decoys=("감사합니다", "사람", "zzqx"))
    recognizer = CommandRecognizer(model, ["안녕하세요", "사람"], RATE, settings)
    assert recognizer.decoys == ("감사합니다",)
    assert recognizer.grammar is not None
    assert json.loads(recognizer.grammar)[-1] == "감사합니다"
    without = RecognizerSettings(decoys=settings.decoys, use_decoys=False)
    assert CommandRecognizer(model, ["안녕하세요"], RATE, without).decoys == ()


def test_the_french_decoys_are_dropped_by_a_model_that_does_not_know_them(model: Any) -> None:
    assert CommandRecognizer(model, KOREAN, RATE).decoys == ()


# --- One final result per utterance ---------------------------------------------------------


@needs_espeak
def test_two_utterances_give_two_results_each_after_its_end_of_speech(model: Any) -> None:
    first, second = korean("안녕하세요"), korean("사람")
    audio = first + bytes(RATE * 2) + second
    settings = RecognizerSettings(min_confidence=0.0)
    # Both are whole phrases once heard: their end never waits on the pitch.
    pitchless = GatedVoiceClassifier(webrtc_speech(RATE), GateSettings(rise=None), RATE)
    detector = EndOfSpeechDetector(RATE, settings.trailing_silence_ms, classifier=pitchless)
    end_chunks = [
        index
        for index, chunk in enumerate(chunks_of(audio))
        for event in detector.push(chunk)
        if event.kind is SpeechEventKind.ENDED
    ]

    results = feed_all(CommandRecognizer(model, KOREAN, RATE, settings), audio)

    assert [index for index, _ in results] == end_chunks
    assert len(results) == 2
    ends = [spoken_end(first), len(first) // 2 + RATE + spoken_end(second)]
    for (_, result), end in zip(results, ends, strict=True):
        assert end <= result.end_of_speech_sample <= result.result_sample
        assert result.speech_end_sample <= result.end_of_speech_sample
        assert result.heard
        assert 0.0 <= result.confidence <= 1.0
        assert result.accepted and result.text == result.heard


@needs_espeak
def test_silence_alone_gives_no_result(model: Any) -> None:
    assert feed_all(CommandRecognizer(model, KOREAN, RATE), bytes(RATE * 2 * 3)) == []


@needs_espeak
def test_a_result_below_the_confidence_threshold_is_rejected(model: Any) -> None:
    settings = RecognizerSettings(min_confidence=1.01)
    [(_, result)] = feed_all(CommandRecognizer(model, KOREAN, RATE, settings), korean("다음"))
    assert result.heard
    assert not result.accepted
    assert result.text == ""


@needs_espeak
def test_a_decoy_that_was_heard_is_rejected(model: Any) -> None:
    settings = RecognizerSettings(decoys=("사람",), min_confidence=0.0)
    recognizer = CommandRecognizer(model, ["안녕하세요", "다음"], RATE, settings)
    [(_, result)] = feed_all(recognizer, korean("사람"))
    assert "사람" in result.heard.split()
    assert not result.accepted


def test_unknown_word_tokens_and_doubt_are_rejected(model: Any) -> None:
    recognizer = CommandRecognizer(model, KOREAN, RATE, RecognizerSettings(min_confidence=0.5))
    assert recognizer.judge("다음", ["다음"], 0.9) == "다음"
    # In grammar mode an unknown word is kept as « [unk] » for understanding to weigh;
    # an utterance of unknown words only is nothing.
    assert recognizer.judge("다음 <UNK>", ["다음", "<UNK>"], 0.9) == "다음 [unk]"
    assert recognizer.judge("[unk]", ["[unk]"], 1.0) == ""
    assert recognizer.judge("<UNK> <UNK>", ["<UNK>", "<UNK>"], 1.0) == ""
    assert recognizer.judge("다음", ["다음"], 0.4) == ""
    assert recognizer.judge("", [], 1.0) == ""


@needs_espeak
def test_reset_forgets_an_utterance_in_progress(model: Any) -> None:
    whole = korean("안녕하세요")
    interrupted = whole[: spoken_end(whole) * 2]
    settings = RecognizerSettings(min_confidence=0.0)
    recognizer = CommandRecognizer(model, KOREAN, RATE, settings)
    assert feed_all(recognizer, interrupted) == []

    recognizer.reset()

    assert feed_all(recognizer, bytes(RATE * 2)) == []
    [(_, result)] = feed_all(recognizer, korean("사람"))
    # Vosk's own Reset() would leave « 안녕하세요 » in its buffers, to come back here.
    assert "안녕하세요" not in result.heard


@needs_espeak
def test_the_microphone_s_own_rate_is_used_as_it_is(model: Any) -> None:
    settings = RecognizerSettings(min_confidence=0.0)
    recognizer = CommandRecognizer(model, KOREAN, 44100, settings)
    audio = korean("감사합니다", rate=44100)
    results = [r for c in chunks_of(audio, 4410 * 2) if (r := recognizer.feed(c)) is not None]
    assert len(results) == 1
    assert results[0].heard


def test_a_chunk_longer_than_half_a_second_is_refused(model: Any) -> None:
    with pytest.raises(ValueError, match="chunk"):
        CommandRecognizer(model, KOREAN, RATE).feed(bytes(RATE * 2))


@needs_espeak
def test_our_result_comes_before_vosk_s_own_endpoint(model: Any) -> None:
    import vosk

    audio = korean("안녕하세요") + bytes(RATE * 2 * 2)
    recognizer = CommandRecognizer(model, KOREAN, RATE)
    [(_, ours)] = feed_all(recognizer, audio)
    plain = vosk.KaldiRecognizer(model, RATE, recognizer.grammar)
    fed, vosk_end = 0, None
    for chunk in chunks_of(audio):
        fed += len(chunk) // 2
        if plain.AcceptWaveform(chunk):
            vosk_end = fed
            break
    assert vosk_end is not None
    assert ours.result_sample < vosk_end


# --- CORRECTED mode -------------------------------------------------------------------------


PHRASES = ("suivant", "précédent", "répète", "mes paiements", "attestation de droits", "oui")


@pytest.mark.parametrize(
    ("heard", "expected"),
    [
        ("suivant", "suivant"),
        ("suivante", "suivant"),
        ("mes paiement", "mes paiements"),
        ("Répète !", "répète"),
        ("attestation des droits", "attestation de droits"),
        ("le chat dort sur le canapé", None),
        ("bonjour", None),
        ("", None),
    ],
)
def test_a_free_transcription_snaps_to_the_nearest_phrase(heard: str, expected: str | None) -> None:
    assert snap_to_phrase(heard, PHRASES, 80.0) == expected


def test_the_cutoff_sets_how_close_a_snap_must_be() -> None:
    assert snap_to_phrase("suivante", PHRASES, 100.0) is None
    assert snap_to_phrase("suivant", PHRASES, 100.0) == "suivant"


def test_corrected_mode_rejects_what_is_closest_to_a_decoy(model: Any) -> None:
    settings = RecognizerSettings(
        mode=RecognizerMode.CORRECTED, decoys=("감사합니다",), min_confidence=0.0
    )
    recognizer = CommandRecognizer(model, ["안녕하세요", "다음"], RATE, settings)
    assert recognizer.grammar is None
    assert recognizer.judge("다음", ["다음"], 0.9) == "다음"
    assert recognizer.judge("감사합니다", ["감사합니다"], 0.9) == ""
    assert recognizer.judge("이전 없다", ["이전", "없다"], 0.9) == ""


@needs_espeak
def test_corrected_mode_gives_one_result_per_utterance(model: Any) -> None:
    settings = RecognizerSettings(mode=RecognizerMode.CORRECTED, min_confidence=0.0)
    recognizer = CommandRecognizer(model, KOREAN, RATE, settings)
    audio = korean("안녕하세요") + bytes(RATE * 2) + korean("이전")
    results = [result for _, result in feed_all(recognizer, audio)]
    assert len(results) == 2
    for result in results:
        assert result.heard
        assert result.text in (*KOREAN, "")
        assert result.accepted == bool(result.text)


# --- From the (virtual) microphone ----------------------------------------------------------


@needs_espeak
def test_speech_played_into_the_microphone_gives_a_final_result(
    model: Any, virtual_audio: str
) -> None:
    spoken = speak_to_wav("감사합니다", voice="ko", lead_silence_s=0.1)
    with Microphone.open() as microphone:
        recognizer = CommandRecognizer(model, KOREAN, microphone.sample_rate)
        for _ in range(100):
            if microphone.read(timeout=0.2) is not None:
                break
        player = subprocess.Popen(["paplay", str(spoken)])
        result, heard_samples = None, 0
        while result is None and heard_samples < 8 * microphone.sample_rate:
            chunk = microphone.read(timeout=1.0)
            if chunk is not None:
                heard_samples += len(chunk) // 2
                result = recognizer.feed(chunk)
        player.wait(timeout=30)
    assert result is not None
    assert result.heard
