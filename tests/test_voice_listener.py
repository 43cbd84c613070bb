"""The listening thread on a real virtual microphone (PulseAudio null sink + PortAudio + Vosk)."""

from __future__ import annotations

import queue
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.audio.microphone import AudioSource, Microphone, MicrophoneUnavailable
from assistant.events import Event, Heard, Notice
from assistant.listening.listener import MICROPHONE_BACK, VoiceListener
from assistant.listening.recognizer import CommandRecognizer
from assistant.model.files import load_vosk_model
from tests.spoken_audio import speak_to_wav

PHRASES = ["감사합니다", "안녕하세요"]


@pytest.fixture(scope="module")
def korean_model(korean_model_dir: Path) -> Any:
    return load_vosk_model(korean_model_dir)


@pytest.fixture
def events() -> queue.SimpleQueue[Event]:
    return queue.SimpleQueue()


def play(text: str) -> None:
    subprocess.run(["paplay", str(speak_to_wav(text, voice="ko", speed=150))], check=True)


def next_event(events: queue.SimpleQueue[Event], timeout: float = 20) -> Event:
    return events.get(timeout=timeout)


@pytest.fixture
def listener_factory(
    virtual_audio: str, korean_model: Any, events: queue.SimpleQueue[Event]
) -> Iterator[Any]:
    started: list[VoiceListener] = []

    def make(
        speaking: threading.Event, open_source: Any = None, retry_s: float = 3.0
    ) -> VoiceListener:
        listener = VoiceListener(
            open_source or Microphone.open,
            lambda rate: CommandRecognizer(korean_model, PHRASES, rate),
            speaking,
            events,
            retry_s=retry_s,
        )
        listener.start()
        started.append(listener)
        return listener

    yield make
    for listener in started:
        listener.stop()


def wait_until_listening(events: queue.SimpleQueue[Event]) -> None:
    """The monitor source can take a moment to deliver its first audio."""
    threading.Event().wait(2.5)
    assert events.empty()


def test_a_phrase_played_into_the_microphone_is_heard(
    listener_factory: Any, events: queue.SimpleQueue[Event]
) -> None:
    listener_factory(threading.Event())
    wait_until_listening(events)
    play("안녕하세요")
    event = next_event(events)
    assert isinstance(event, Heard)
    assert event.text == "안녕하세요"
    assert 0.0 <= event.confidence <= 1.0


def test_nothing_is_heard_while_the_assistant_speaks(
    listener_factory: Any, events: queue.SimpleQueue[Event]
) -> None:
    speaking = threading.Event()
    speaking.set()
    listener_factory(speaking)
    wait_until_listening(events)
    play("감사합니다")  # the assistant's own voice through loudspeakers
    threading.Event().wait(1.5)
    assert events.empty(), "half-duplex: audio during speech must be dropped"
    speaking.clear()
    threading.Event().wait(0.5)
    play("감사합니다")
    event = next_event(events)
    assert isinstance(event, Heard) and event.text == "감사합니다"


def test_a_missing_microphone_is_told_once_then_found_again(
    listener_factory: Any, events: queue.SimpleQueue[Event]
) -> None:
    # Unplugging a headset cannot be done on a null sink, so the first attempts fail at the
    # stream boundary, exactly as Microphone.open reports a missing device.
    attempts = {"count": 0}

    def open_source() -> AudioSource:
        attempts["count"] += 1
        if attempts["count"] <= 3:
            raise MicrophoneUnavailable()
        return Microphone.open()

    listener_factory(threading.Event(), open_source=open_source, retry_s=0.2)
    first = next_event(events)
    assert isinstance(first, Notice) and "micro" in first.text.lower()
    back = next_event(events)
    assert back == Notice(MICROPHONE_BACK)
    assert attempts["count"] == 4
    threading.Event().wait(2.5)
    play("안녕하세요")
    heard = next_event(events)
    assert isinstance(heard, Heard) and heard.text == "안녕하세요"
