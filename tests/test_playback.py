"""Playback on a real PulseAudio null sink, checked by recording the sink's monitor.

Everything is measured in audio samples, never in wall-clock time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from array import array
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest

from assistant.audio.playback import (
    NO_OUTPUT,
    Pcm,
    Player,
    SpeechUnavailable,
    beep_sound,
    list_output_devices,
)
from assistant.settings import VoiceSettings
from assistant.speaking.speaker import LiveSpeaker, open_speaker
from assistant.speaking.tts_render import TtsRenderer
from tests.pcm_measures import (
    LOUD,
    best_correlation,
    crossings_per_second,
    envelope,
    loud_part,
    loud_span_s,
    tone,
)

PROJECT_DIR = Path(__file__).resolve().parent.parent
RECORD_RATE = 16000


class MonitorRecording:
    """Records the default input, the null sink's monitor, while the `with` block runs."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def __enter__(self) -> MonitorRecording:
        import sounddevice

        # 'low' latency: with the default, the first second of a recording is lost (measured).
        self._stream = sounddevice.RawInputStream(
            samplerate=RECORD_RATE, channels=1, dtype="int16", latency="low", callback=self._keep
        )
        self._stream.start()
        deadline = time.monotonic() + 10
        while not self.chunks and time.monotonic() < deadline:
            time.sleep(0.005)  # an idle null sink sometimes takes ~2 s to deliver anything
        assert self.chunks, "the monitor of the virtual sink delivers nothing"
        return self

    def _keep(self, indata: Any, _frames: int, _time: Any, _status: Any) -> None:
        self.chunks.append(bytes(indata))

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stream.stop()
        self._stream.close()

    def pcm(self) -> Pcm:
        return Pcm(b"".join(self.chunks), RECORD_RATE)

    def heard_anything(self) -> bool:
        return any(max(array("h", chunk), default=0) > LOUD for chunk in self.chunks[-20:])


@pytest.fixture(scope="module")
def long_speech(renderer: TtsRenderer) -> Pcm:
    parts = [
        renderer.render(f"Étape {n} : vérifiez votre numéro de sécurité sociale.", VoiceSettings())
        for n in range(1, 6)
    ]
    return Pcm(b"".join(part.data for part in parts), parts[0].sample_rate)


def test_played_speech_reaches_the_sink_intact(virtual_audio: str, sentence: Pcm) -> None:
    with MonitorRecording() as recording:
        finished = Player().play(sentence)
    heard = recording.pcm()
    assert finished
    assert loud_span_s(heard) == pytest.approx(loud_span_s(sentence), abs=0.05)
    assert 0.6 < loud_part(heard).rms() / loud_part(sentence).rms() < 1.6
    assert best_correlation(envelope(sentence), envelope(heard)) > 0.9


def test_play_returns_only_once_the_last_sample_has_been_heard(virtual_audio: str) -> None:
    beep = tone(1.0)  # ends abruptly: any sound still queued at return would be missing
    with MonitorRecording() as recording:
        assert Player().play(beep)
    assert loud_span_s(recording.pcm()) > 0.98


def test_interrupt_cuts_a_long_utterance_at_once(virtual_audio: str, long_speech: Pcm) -> None:
    player = Player()
    with MonitorRecording() as recording:
        playing = threading.Thread(target=lambda: results.append(player.play(long_speech)))
        results: list[bool] = []
        playing.start()
        while not recording.heard_anything():
            time.sleep(0.01)
        time.sleep(0.3)
        player.interrupt()
        playing.join(timeout=30)
    assert results == [False]
    assert long_speech.duration_s > 10
    assert loud_span_s(recording.pcm()) < 1.5


def test_an_interruption_between_sentences_is_kept_until_rearmed(virtual_audio: str) -> None:
    player = Player()
    player.interrupt()
    with MonitorRecording() as recording:
        assert not player.play(tone(0.5))
        player.rearm()
        assert player.play(tone(0.5))
    assert loud_span_s(recording.pcm()) == pytest.approx(0.5, abs=0.05)


def test_live_speaker_says_every_sentence_then_can_be_interrupted(
    virtual_audio: str, renderer: TtsRenderer
) -> None:
    first, second = "Bonjour.", "Voici la deuxième phrase du mémo."
    alone = [renderer.render(text, VoiceSettings()) for text in (first, second)]
    speaker = open_speaker(muted=False)
    assert isinstance(speaker, LiveSpeaker)
    assert speaker.describe().startswith("Voix française : French")
    with MonitorRecording() as recording:
        assert speaker.say(f"{first} {second}", VoiceSettings())
    heard = loud_span_s(recording.pcm())
    expected = alone[0].duration_s + loud_span_s(alone[1])
    assert heard == pytest.approx(expected, rel=0.1)
    assert speaker.say("", VoiceSettings())

    results: list[bool] = []
    text = " ".join(f"Phrase numéro {n} du long mémo." for n in range(30))
    with MonitorRecording() as recording:
        talking = threading.Thread(
            target=lambda: results.append(speaker.say(text, VoiceSettings()))
        )
        talking.start()
        while not recording.heard_anything():
            time.sleep(0.01)
        speaker.interrupt()
        talking.join(timeout=30)
    speaker.close()
    assert results == [False]
    assert loud_span_s(recording.pcm()) < 1.5  # the whole text lasts over a minute


def test_the_listening_beep_is_short_soft_and_660_hz(virtual_audio: str) -> None:
    beep = beep_sound()
    samples = array("h", beep.data)
    assert 0.11 < beep.duration_s < 0.13
    assert max(abs(s) for s in samples) < 0.25 * 32767
    assert abs(samples[0]) < 50 and abs(samples[-1]) < 50  # faded: no click
    assert crossings_per_second(beep) == pytest.approx(660, rel=0.05)
    speaker = open_speaker(muted=False)
    with MonitorRecording() as recording:
        speaker.beep()
    speaker.close()
    assert loud_span_s(recording.pcm()) == pytest.approx(0.1, abs=0.03)


def test_output_devices_are_listed(virtual_audio: str) -> None:
    devices = list_output_devices()
    assert devices
    assert all(rate > 0 and name for _, name, rate in devices)
    assert Player(devices[0][0]).device_name == devices[0][1]


def test_an_unknown_output_device_is_named_in_a_french_message(virtual_audio: str) -> None:
    expected = r"^La sortie audio « haut-parleur inconnu » est introuvable\."
    with pytest.raises(SpeechUnavailable, match=expected):
        Player("haut-parleur inconnu")


def test_no_audio_server_gives_a_french_message_not_a_traceback() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from assistant.audio.playback import list_output_devices\n"
            "from assistant.speaking.speaker import SpeechUnavailable, open_speaker\n"
            "print(list_output_devices())\n"
            "try:\n"
            "    open_speaker(muted=False)\n"
            "except SpeechUnavailable as problem:\n"
            "    print(problem)\n",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=PROJECT_DIR,
        env={
            **os.environ,
            "PYTHONPATH": str(PROJECT_DIR),
            "PULSE_SERVER": "unix:/nonexistent/pulse/native",
        },
    )
    assert result.returncode == 0, result.stderr
    devices, *messages = result.stdout.splitlines()
    if devices != "[]":
        pytest.skip(f"this machine has a sound card besides PulseAudio: {devices}")
    assert messages == [NO_OUTPUT]
    assert "Traceback" not in result.stderr
