"""The end-of-speech detector on real espeak-ng speech, in audio time only."""

from __future__ import annotations

import random
import wave
from array import array

import pytest

from assistant.audio.end_of_speech import EndOfSpeechDetector, SpeechEvent, SpeechEventKind
from tests.spoken_audio import espeak_available, speak_to_wav

pytestmark = pytest.mark.skipif(not espeak_available(), reason="espeak-ng ou sox absent")

RATE = 16000
CHUNK_BYTES = RATE // 10 * 2
AUDIBLE = 300
"""A sample louder than this (-40 dB below espeak's normalised peak) is still speech."""


def samples_of(text: str, **voice: object) -> array[int]:
    path = speak_to_wav(text, rate=RATE, **voice)  # type: ignore[arg-type]
    with wave.open(str(path), "rb") as wav:
        return array("h", wav.readframes(wav.getnframes()))


def spoken_span(samples: array[int]) -> tuple[int, int]:
    loud = [i for i, value in enumerate(samples) if abs(value) > AUDIBLE]
    return loud[0], loud[-1] + 1


def silence(seconds: float) -> array[int]:
    return array("h", bytes(int(RATE * seconds) * 2))


def add_noise(samples: array[int], rms: float, seed: int = 7) -> array[int]:
    rng = random.Random(seed)
    noisy = [max(-32768, min(32767, int(v + rng.gauss(0.0, rms)))) for v in samples]
    return array("h", noisy)


def detect(samples: array[int], **settings: int) -> list[SpeechEvent]:
    detector = EndOfSpeechDetector(RATE, **settings)
    data = samples.tobytes()
    events: list[SpeechEvent] = []
    for offset in range(0, len(data), CHUNK_BYTES):
        events += detector.push(data[offset : offset + CHUNK_BYTES])
    return events


@pytest.mark.parametrize(
    ("text", "voice"),
    [
        ("mes paiements", {"voice": "fr"}),
        ("suivant", {"voice": "fr-be", "speed": 200}),
        ("répète", {"voice": "fr-ch", "pitch": 30}),
        ("attestation de droits", {"voice": "fr", "speed": 130}),
        ("oui", {"voice": "fr"}),
    ],
)
@pytest.mark.parametrize("noise_rms", [0.0, 60.0])
def test_end_lands_within_300_ms_after_the_spoken_end(
    text: str, voice: dict[str, object], noise_rms: float
) -> None:
    samples = samples_of(text, **voice)
    if noise_rms:
        samples = add_noise(samples, noise_rms)
    spoken_start, spoken_end = spoken_span(samples_of(text, **voice))

    events = detect(samples)

    assert [event.kind for event in events] == [SpeechEventKind.STARTED, SpeechEventKind.ENDED]
    started, ended = events
    assert abs(started.sample - spoken_start) <= 0.05 * RATE
    assert spoken_end <= ended.detected_sample <= spoken_end + 0.3 * RATE
    assert ended.sample <= ended.detected_sample


def test_the_trailing_silence_is_configurable() -> None:
    samples = samples_of("mes paiements")
    short = detect(samples, trailing_silence_ms=120)[-1]
    long = detect(samples, trailing_silence_ms=400)[-1]
    assert long.detected_sample - short.detected_sample == pytest.approx(
        0.28 * RATE, abs=0.04 * RATE
    )


def test_a_short_pause_inside_a_command_does_not_split_it() -> None:
    first = samples_of("mes", lead_silence_s=0.0, trail_silence_s=0.0)
    second = samples_of("paiements", lead_silence_s=0.0, trail_silence_s=0.0)
    first_start, first_end = spoken_span(first)
    second_start, second_end = spoken_span(second)
    phrase = (
        silence(0.4)
        + first[first_start:first_end]
        + silence(0.15)
        + second[second_start:second_end]
        + silence(0.8)
    )

    events = detect(phrase)

    assert [event.kind for event in events] == [SpeechEventKind.STARTED, SpeechEventKind.ENDED]
    assert events[1].sample >= len(phrase) - int(0.8 * RATE) - int(0.05 * RATE)


def test_two_commands_apart_give_two_starts_and_two_ends() -> None:
    phrase = samples_of("suivant") + silence(0.5) + samples_of("précédent")
    kinds = [event.kind for event in detect(phrase)]
    assert kinds == [SpeechEventKind.STARTED, SpeechEventKind.ENDED] * 2


@pytest.mark.parametrize("rms", [30.0, 300.0, 3000.0])
def test_steady_noise_alone_is_not_speech(rms: float) -> None:
    assert detect(add_noise(silence(4.0), rms)) == []


def test_speech_is_found_above_a_steady_noise() -> None:
    noisy = add_noise(silence(1.5) + samples_of("mes paiements"), 300.0)
    kinds = [event.kind for event in detect(noisy)]
    assert kinds == [SpeechEventKind.STARTED, SpeechEventKind.ENDED]


def test_a_noise_that_never_stops_is_ended_after_the_maximum_length() -> None:
    sudden = silence(0.5) + add_noise(silence(3.0), 3000.0)
    events = detect(sudden, max_speech_ms=1000)
    assert [event.kind for event in events][:2] == [SpeechEventKind.STARTED, SpeechEventKind.ENDED]
    assert events[1].detected_sample <= int(1.7 * RATE)


def test_positions_do_not_depend_on_chunk_size() -> None:
    data = samples_of("mes paiements").tobytes()
    whole = EndOfSpeechDetector(RATE).push(data)
    small = EndOfSpeechDetector(RATE)
    pieces: list[SpeechEvent] = []
    for offset in range(0, len(data), 333 * 2):
        pieces += small.push(data[offset : offset + 333 * 2])
    assert pieces == whole


def test_reset_forgets_a_started_phrase() -> None:
    samples = samples_of("mes paiements")
    detector = EndOfSpeechDetector(RATE)
    half = len(samples) // 2
    assert [e.kind for e in detector.push(samples[:half].tobytes())] == [SpeechEventKind.STARTED]
    detector.reset()
    assert detector.push(silence(1.0).tobytes()) == []
    assert not detector.in_speech
