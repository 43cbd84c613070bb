"""A rendered sentence is handed over at once, not at pyttsx3's next 10 ms poll (issue 13).

pyttsx3's espeak driver waits in a loop that sleeps 10 ms between checks; the engine makes it
check every millisecond (tts_engine.QuickPoll). Guarded by what the loop asks for, never by a
clock: every sleep it takes while real espeak-ng renders is at most QuickPoll.POLL_S, and the
sound is the same whole sentence.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator

import pytest

from assistant.settings import VoiceSettings
from assistant.speaking.tts_engine import QuickPoll
from assistant.speaking.tts_render import TtsRenderer


@pytest.fixture(scope="module")
def renderer() -> Iterator[TtsRenderer]:
    engine = TtsRenderer()
    yield engine
    engine.close()


def test_the_espeak_driver_never_sleeps_more_than_a_millisecond_while_rendering(
    renderer: TtsRenderer, monkeypatch: pytest.MonkeyPatch
) -> None:
    driver = sys.modules.get("pyttsx3.drivers.espeak")
    if driver is None:
        pytest.skip("pyttsx3 n'utilise pas espeak ici")
    assert isinstance(driver.time, QuickPoll)
    slept: list[float] = []
    real_sleep = time.sleep

    def recorded(seconds: float) -> None:
        slept.append(seconds)  # what really reaches the clock, from the driver or the engine
        real_sleep(seconds)

    monkeypatch.setattr(time, "sleep", recorded)
    pcm = renderer.render("Cliquez sur le bouton bleu, puis sur Mon compte.", VoiceSettings())
    assert slept, "the driver's loop did not run"
    assert max(slept) <= QuickPoll.POLL_S
    assert pcm.duration_s > 1.5  # the whole sentence, not a piece of it
    assert pcm.rms() > 300
