"""The end-of-speech detector on real espeak-ng speech, in audio time only.

Each behaviour is checked with every detector the user can choose (`--detecteur`); the noisy
library itself is in tests/test_latency_guards.py.
"""

from __future__ import annotations

import random
import sys
import wave
from array import array
from dataclasses import replace

import pytest

from assistant.audio.end_of_speech import EndOfSpeechDetector, SpeechEvent, SpeechEventKind
from assistant.audio.voice_activity import GatedVoiceClassifier, GateSettings, webrtc_speech
from assistant.settings import DetectorKind
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


KINDS = pytest.mark.parametrize("kind", list(DetectorKind))


def detect(
    samples: array[int],
    kind: DetectorKind = DetectorKind.WEBRTC,
    trailing_silence_ms: int = 220,
    max_speech_ms: int = 8000,
) -> list[SpeechEvent]:
    detector = EndOfSpeechDetector(
        RATE, trailing_silence_ms, kind=kind, max_speech_ms=max_speech_ms
    )
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
@KINDS
def test_end_lands_within_300_ms_after_the_spoken_end(
    text: str, voice: dict[str, object], noise_rms: float, kind: DetectorKind
) -> None:
    samples = samples_of(text, **voice)
    if noise_rms:
        samples = add_noise(samples, noise_rms)
    spoken_start, spoken_end = spoken_span(samples_of(text, **voice))

    events = detect(samples, kind)

    assert [event.kind for event in events] == [SpeechEventKind.STARTED, SpeechEventKind.ENDED]
    started, ended = events
    assert abs(started.sample - spoken_start) <= 0.05 * RATE
    assert spoken_end <= ended.detected_sample <= spoken_end + 0.3 * RATE
    assert ended.sample <= ended.detected_sample


@KINDS
def test_the_trailing_silence_is_configurable(kind: DetectorKind) -> None:
    samples = samples_of("mes paiements")
    short = detect(samples, kind, trailing_silence_ms=120)[-1]
    long = detect(samples, kind, trailing_silence_ms=400)[-1]
    assert long.detected_sample - short.detected_sample == pytest.approx(
        0.28 * RATE, abs=0.04 * RATE
    )


@KINDS
def test_a_short_pause_inside_a_command_does_not_split_it(kind: DetectorKind) -> None:
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

    events = detect(phrase, kind)

    assert [event.kind for event in events] == [SpeechEventKind.STARTED, SpeechEventKind.ENDED]
    assert events[1].sample >= len(phrase) - int(0.8 * RATE) - int(0.05 * RATE)


@KINDS
def test_two_commands_apart_give_two_starts_and_two_ends(kind: DetectorKind) -> None:
    phrase = samples_of("suivant") + silence(0.5) + samples_of("précédent")
    kinds = [event.kind for event in detect(phrase, kind)]
    assert kinds == [SpeechEventKind.STARTED, SpeechEventKind.ENDED] * 2


@pytest.mark.parametrize("rms", [30.0, 300.0, 3000.0])
@KINDS
def test_steady_noise_alone_is_not_speech(rms: float, kind: DetectorKind) -> None:
    assert detect(add_noise(silence(4.0), rms), kind) == []


@KINDS
def test_speech_is_found_above_a_steady_noise(kind: DetectorKind) -> None:
    noisy = add_noise(silence(1.5) + samples_of("mes paiements"), 300.0)
    kinds = [event.kind for event in detect(noisy, kind)]
    assert kinds == [SpeechEventKind.STARTED, SpeechEventKind.ENDED]


@pytest.mark.parametrize("kind", [DetectorKind.ENERGY, DetectorKind.OLD_ENERGY])
def test_a_noise_that_never_stops_is_ended_after_the_maximum_length(kind: DetectorKind) -> None:
    """Steady hiss is not speech for the WebRTC VAD: only the level detectors start on it."""
    sudden = silence(0.5) + add_noise(silence(3.0), 3000.0)
    events = detect(sudden, kind, max_speech_ms=1000)
    assert [event.kind for event in events][:2] == [SpeechEventKind.STARTED, SpeechEventKind.ENDED]
    assert events[1].detected_sample <= int(1.7 * RATE)


@pytest.mark.parametrize(
    ("noise_rms", "quiet_snr_db", "trailing_ms", "waited_ms"),
    [
        (0.0, 15.0, 220, 220),  # clean: the speaker is far above the room
        (1200.0, 15.0, 220, 240),  # the speaker's median level is under room + 15 dB
        (1200.0, None, 220, 220),  # the rule of before
        (1200.0, 15.0, 400, 400),  # a longer wait asked for (an unfinished phrase) is kept
    ],
)
def test_a_speaker_barely_above_the_room_gets_a_longer_trailing_silence(
    noise_rms: float, quiet_snr_db: float | None, trailing_ms: int, waited_ms: int
) -> None:
    """In loud noise the soft consonants are hidden and a pause inside a command looks longer:
    240 ms instead of 220 cut fewer commands in two (scripts/study_speaker_end.py)."""
    samples = samples_of("mes paiements")
    if noise_rms:
        samples = add_noise(samples, noise_rms)
    settings = replace(GateSettings(), quiet_snr_db=quiet_snr_db)
    classifier = GatedVoiceClassifier(webrtc_speech(RATE), settings, RATE)
    events = EndOfSpeechDetector(RATE, trailing_ms, classifier=classifier).push(samples.tobytes())
    assert [event.kind for event in events] == [SpeechEventKind.STARTED, SpeechEventKind.ENDED]
    assert events[1].detected_sample - events[1].sample == waited_ms * RATE // 1000


@KINDS
def test_positions_do_not_depend_on_chunk_size(kind: DetectorKind) -> None:
    data = samples_of("mes paiements").tobytes()
    whole = EndOfSpeechDetector(RATE, kind=kind).push(data)
    small = EndOfSpeechDetector(RATE, kind=kind)
    pieces: list[SpeechEvent] = []
    for offset in range(0, len(data), 333 * 2):
        pieces += small.push(data[offset : offset + 333 * 2])
    assert pieces == whole


@KINDS
def test_reset_forgets_a_started_phrase(kind: DetectorKind) -> None:
    samples = samples_of("mes paiements")
    detector = EndOfSpeechDetector(RATE, kind=kind)
    half = len(samples) // 2
    assert [e.kind for e in detector.push(samples[:half].tobytes())] == [SpeechEventKind.STARTED]
    detector.reset()
    assert detector.push(silence(1.0).tobytes()) == []


def test_a_microphone_at_44_1_khz_gets_the_webrtc_detector_too() -> None:
    """Rates WebRTC's VAD does not take are brought down to 16 kHz for it."""
    path = speak_to_wav("mes paiements", rate=44100)
    with wave.open(str(path), "rb") as wav:
        data = wav.readframes(wav.getnframes())
    detector = EndOfSpeechDetector(44100)
    assert detector.kind is DetectorKind.WEBRTC
    assert [e.kind for e in detector.push(data)] == [SpeechEventKind.STARTED, SpeechEventKind.ENDED]


def test_without_webrtcvad_the_energy_detector_takes_over(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A broken install (the package missing) cannot be made for real inside the test run."""
    monkeypatch.setitem(sys.modules, "webrtcvad", None)
    detector = EndOfSpeechDetector(RATE)
    assert detector.kind is DetectorKind.ENERGY
    kinds = [e.kind for e in detector.push(samples_of("suivant").tobytes())]
    assert kinds == [SpeechEventKind.STARTED, SpeechEventKind.ENDED]
