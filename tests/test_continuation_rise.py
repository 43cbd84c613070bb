"""The French continuation rise (assistant/audio/continuation.py) on real espeak-ng speech, in
audio time only.

espeak-ng says a comma as a pause of about 190 ms after a flat or rising pitch, then a silent
stretch that the detector counts too: with 220 ms of trailing silence, « la liste, s'il vous
plaît » came out as two utterances. The end of a command falls 4 to 5 semitones.
"""

from __future__ import annotations

import math
import wave
from array import array

import pytest

from assistant.audio.continuation import ContinuationCue, RiseSettings
from assistant.audio.end_of_speech import EndOfSpeechDetector, SpeechEvent, SpeechEventKind
from assistant.audio.frame_measures import pitch_hz
from assistant.audio.voice_activity import GatedVoiceClassifier, GateSettings, webrtc_speech
from tests.spoken_audio import espeak_available, speak_to_wav

RATE = 16000
MS = RATE // 1000
FRAME_BYTES = 20 * MS * 2
STARTED, ENDED = SpeechEventKind.STARTED, SpeechEventKind.ENDED
speech = pytest.mark.skipif(not espeak_available(), reason="espeak-ng ou sox absent")


def glide(start_hz: float, end_hz: float, ms: int) -> array[int]:
    """A voice-like tone (a pulse train's first harmonics) whose pitch moves from start to end."""
    out, phase = array("h"), 0.0
    for i in range(ms * MS):
        hz = start_hz + (end_hz - start_hz) * i / (ms * MS)
        phase += 2 * math.pi * hz / RATE
        out.append(round(sum(3000 / k * math.sin(k * phase) for k in range(1, 6))))
    return out


@pytest.mark.parametrize("hz", [85.0, 120.0, 210.0, 380.0])
def test_the_pitch_of_a_steady_voice_is_found_within_one_percent(hz: float) -> None:
    found, strength = pitch_hz(glide(hz, hz, 40), RATE)
    assert found == pytest.approx(hz, rel=0.01)
    assert strength > 0.9


def test_the_rise_rule_is_the_default() -> None:
    assert GateSettings().rise == RiseSettings(wait_ms=320, fall_semitones=1.0)


def test_silence_has_no_pitch() -> None:
    assert pitch_hz(array("h", bytes(1280)), RATE) == (0.0, 0.0)


def cue_after(tone: array[int]) -> ContinuationCue:
    cue = ContinuationCue(RiseSettings(), RATE)
    data = tone.tobytes()
    for at in range(0, len(data) - FRAME_BYTES + 1, FRAME_BYTES):
        cue.push(data[at : at + FRAME_BYTES], voiced=True)
    cue.push(bytes(FRAME_BYTES), voiced=False)  # the pause begins
    return cue


@pytest.mark.parametrize(
    ("start_hz", "end_hz", "wait_ms"),
    [
        (150.0, 115.0, 0),  # a fall: the end of a statement
        (120.0, 150.0, 320),  # a rise: a pause inside the phrase
        (130.0, 130.0, 320),  # flat: the same
    ],
)
def test_only_a_falling_pitch_keeps_the_usual_wait(
    start_hz: float, end_hz: float, wait_ms: int
) -> None:
    cue = cue_after(glide(start_hz, end_hz, 300))
    # Ten 40 ms windows over the last 220 ms: their middles are 100 to 280 ms into the tone.
    first, last = (start_hz + (end_hz - start_hz) * ms / 300 for ms in (100, 280))
    fall = cue.fall_semitones()
    assert fall is not None
    assert fall == pytest.approx(max(0.0, 12 * math.log2(first / last)), abs=0.1)
    assert cue.wait_ms() == wait_ms
    assert cue.estimates == 20  # ten 40 ms windows, once for the fall and once for the wait


def test_the_pitch_is_estimated_once_per_pause_and_again_after_the_voice_came_back() -> None:
    cue = cue_after(glide(150.0, 115.0, 300))
    assert [cue.wait_ms() for _ in range(5)] == [0] * 5
    assert cue.estimates == 10
    cue.push(glide(120.0, 140.0, 20).tobytes(), voiced=True)
    cue.push(bytes(FRAME_BYTES), voiced=False)
    assert cue.wait_ms() == 320
    assert cue.estimates == 20


def test_without_a_pitch_the_usual_wait_holds() -> None:
    cue = cue_after(array("h", bytes(2 * 300 * MS)))
    assert cue.fall_semitones() is None
    assert cue.wait_ms() == 0


def spoken(text: str) -> bytes:
    with wave.open(str(speak_to_wav(text, rate=RATE)), "rb") as handle:
        return handle.readframes(handle.getnframes())


BEFORE = GateSettings(rise=None)
"""The rule of before, still selectable."""


def detect(audio: bytes, settings: GateSettings) -> tuple[list[SpeechEvent], int]:
    """Events, and pitch estimates made (0 without the rule)."""
    classifier = GatedVoiceClassifier(webrtc_speech(RATE), settings, RATE)
    events = EndOfSpeechDetector(RATE, 220, classifier=classifier).push(audio)
    return events, 0 if classifier.cue is None else classifier.cue.estimates


@speech
@pytest.mark.parametrize(
    ("text", "comma_ms", "end_ms", "pauses"),
    [
        ("la liste, s'il vous plaît", 720, 1640, 2),
        # The pause inside « étape quatre » (100-140 ms) ends before the pitch is asked.
        ("l'étape quatre, s'il vous plaît", 1120, 2000, 2),
    ],
)
def test_a_comma_pause_no_longer_cuts_the_command_and_its_end_still_waits_220_ms(
    text: str, comma_ms: int, end_ms: int, pauses: int
) -> None:
    """Positions in ms of audio (espeak-ng's 0.3 s of lead silence included)."""
    audio = spoken(text)
    before, _ = detect(audio, BEFORE)
    assert [e.kind for e in before] == [STARTED, ENDED, STARTED, ENDED]
    assert before[1].sample == comma_ms * MS  # cut at the comma
    now, estimates = detect(audio, GateSettings())
    assert [e.kind for e in now] == [STARTED, ENDED]
    assert now[1].sample == end_ms * MS == before[3].sample
    assert now[1].detected_sample - now[1].sample == 220 * MS  # the end falls: no longer wait
    assert estimates == 10 * pauses  # ten windows 140 ms into each pause: the comma, the end


@speech
@pytest.mark.parametrize("text", ["mes paiements", "suivant", "répète", "attestation de droits"])
def test_a_command_that_ends_on_a_fall_ends_as_before(text: str) -> None:
    audio = spoken(text)
    before, _ = detect(audio, BEFORE)
    now, estimates = detect(audio, GateSettings())
    assert now == before
    assert now[-1].detected_sample - now[-1].sample == 220 * MS
    assert estimates == 10
