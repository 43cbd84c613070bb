"""No English sound-library message on the person's screen, even when the sound lags.

A script in a real pseudo-terminal plays through PortAudio to the null sink, but feeds it far
too slowly, so the sound server runs dry (« busy ») again and again: ALSA then prints
« ALSA lib pcm.c:…:(snd_pcm_recover) underrun occurred » for each gap. The control run, without
the silencing, proves the messages really come and that the test would see them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.pty_app import PtyApp

STARVED_PLAYBACK = """
import sys, time
import sounddevice
if sys.argv[1] != "control":
    from assistant.frontends import quiet_audio
    quiet_audio.silence_alsa()
    if sys.argv[1] == "all":
        quiet_audio.divert_native_stderr()
stream = sounddevice.RawOutputStream(
    samplerate=22050, channels=1, dtype="int16", blocksize=256, latency="low"
)
stream.start()
for _ in range(6):
    stream.write(bytes(512))
    time.sleep(0.2)  # far longer than the sink's buffer: it runs dry every time
stream.stop()
stream.close()
print("Lecture finie.", file=sys.stderr, flush=True)
"""


def _server() -> dict[str, str]:
    """The test's own HOME hides the sound server's address: give it explicitly."""
    info = subprocess.run(["pactl", "info"], capture_output=True, text=True).stdout
    for line in info.splitlines():
        if line.startswith("Server String:"):
            return {"PULSE_SERVER": line.split(":", 1)[1].strip()}
    return {}


def play_starved(tmp_path: Path, how: str) -> str:
    command = [sys.executable, "-c", STARVED_PLAYBACK, how]
    app = PtyApp(home=tmp_path, command=command, env=_server())
    try:
        assert app.wait_end() == 0, app.text
        return app.text
    finally:
        app.close()


@pytest.mark.usefixtures("virtual_audio")
def test_control_the_starved_sink_makes_alsa_talk(tmp_path: Path) -> None:
    assert "ALSA lib" in play_starved(tmp_path, "control")


@pytest.mark.usefixtures("virtual_audio")
@pytest.mark.parametrize("how", ["alsa-handler", "all"])
def test_no_alsa_line_on_screen(tmp_path: Path, how: str) -> None:
    shown = play_starved(tmp_path, how)
    assert "ALSA lib" not in shown
    assert "Lecture finie." in shown, "Python's own messages still reach the screen"
