"""Audio input from a real microphone on a virtual PulseAudio device: listing, capture,
choosing by name or number, no audio server, a device lost or plugged in later."""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
import time
from array import array
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.audio.microphone import (
    NO_MICROPHONE,
    Microphone,
    MicrophoneUnavailable,
    list_input_devices,
)
from tests.spoken_audio import espeak_available, speak_to_wav
from tests.wav_samples import reference, samples, sox

PROJECT_DIR = Path(__file__).resolve().parent.parent
needs_espeak = pytest.mark.skipif(not espeak_available(), reason="espeak-ng ou sox absent")

# --- The microphone, on a PulseAudio null sink ----------------------------------------------

AUDIO_BUDGET_S = 10.0
"""Reading stops after this much audio, so a broken capture fails instead of hanging."""


def wait_until_live(microphone: Microphone) -> None:
    """PulseAudio delivers the first chunk about 2 s after opening; play nothing before the
    stream flows steadily."""
    for _ in range(100):
        if microphone.read(timeout=0.2) is not None:
            capture(microphone, 0.3)
            return
    pytest.fail("the microphone never delivered audio")


def capture(microphone: Microphone, seconds: float) -> array[int]:
    captured = array("h")
    while len(captured) < seconds * microphone.sample_rate:
        chunk = microphone.read(timeout=1.0)
        if chunk is not None:
            captured.frombytes(chunk)
    return captured


def envelope(values: array[int], frame: int) -> list[float]:
    return [
        math.sqrt(sum(v * v for v in values[i : i + frame]) / frame)
        for i in range(0, len(values) - frame + 1, frame)
    ]


def best_correlation(long: list[float], short: list[float]) -> float:
    def correlation(a: list[float], b: list[float]) -> float:
        mean_a, mean_b = sum(a) / len(a), sum(b) / len(b)
        num = sum((x - mean_a) * (y - mean_b) for x, y in zip(a, b, strict=True))
        den = math.sqrt(sum((x - mean_a) ** 2 for x in a) * sum((y - mean_b) ** 2 for y in b))
        return num / den if den else 0.0

    return max(
        correlation(long[lag : lag + len(short)], short)
        for lag in range(len(long) - len(short) + 1)
    )


def test_the_virtual_microphone_is_listed_with_one_default(virtual_audio: str) -> None:
    devices = list_input_devices()
    assert devices
    assert sum(device.is_default for device in devices) == 1
    assert all(device.default_samplerate >= 8000 for device in devices)


@needs_espeak
def test_speech_played_to_the_speaker_is_captured_whole(virtual_audio: str, tmp_path: Path) -> None:
    spoken = speak_to_wav("mes paiements, s'il vous plaît", lead_silence_s=0.1)
    with Microphone.open() as microphone:
        wait_until_live(microphone)
        player = subprocess.Popen(["paplay", str(spoken)])
        duration = len(reference(spoken)) / 16000
        captured = capture(microphone, duration + 1.0)
        player.wait(timeout=30)
        rate = microphone.sample_rate
    expected = samples(sox(spoken, tmp_path / "same_rate.wav", "-r", str(rate)))

    frame = rate // 100
    speech = slice(int(0.1 * rate), len(expected) - int(0.8 * rate))
    heard, said = envelope(captured, frame), envelope(expected[speech], frame)
    assert max(heard) > 0.5 * max(said)
    assert best_correlation(heard, said) > 0.95


def test_a_microphone_is_found_by_part_of_its_name_or_its_number(virtual_audio: str) -> None:
    device = next(d for d in list_input_devices() if d.name == "pulse")
    with Microphone.open("PULS") as by_name:
        assert by_name.name == "pulse"
    with Microphone.open(device.index) as by_number:
        assert by_number.name == "pulse"
        assert by_number.sample_rate == device.default_samplerate


def test_an_unknown_microphone_name_is_said_in_french(virtual_audio: str) -> None:
    with pytest.raises(MicrophoneUnavailable) as caught:
        Microphone.open("casque bleu")
    assert str(caught.value).startswith("Je ne trouve pas le micro « casque bleu ».")


def run_python(code: str, env: dict[str, str], timeout: float = 60) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    return result.stdout


def test_without_any_audio_server_there_is_no_microphone_and_a_french_message() -> None:
    code = (
        "from assistant.audio.microphone import (\n"
        "    Microphone, MicrophoneUnavailable, list_input_devices)\n"
        "print(len(list_input_devices()))\n"
        "try:\n"
        "    Microphone.open()\n"
        "except MicrophoneUnavailable as error:\n"
        "    print(error)\n"
    )
    env = dict(os.environ, PULSE_SERVER="unix:/nonexistent")
    lines = run_python(code, env).splitlines()
    assert lines == [
        "0",
        "Je n'entends pas de micro. Branchez le casque ou le micro, puis réessayez.",
    ]


class PrivatePulse:
    """A PulseAudio server of our own, to kill or start at will; the shared one is left alone."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir()
        self._folder = folder
        # The shared fixture's PULSE_SINK and PULSE_SOURCE name devices this server lacks.
        inherited = {k: v for k, v in os.environ.items() if k not in ("PULSE_SINK", "PULSE_SOURCE")}
        self.client_env = dict(inherited, PULSE_SERVER=f"unix:{folder}/native")
        self._server: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self._server = subprocess.Popen(
            [
                "pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no",
                f"--load=module-native-protocol-unix socket={self._folder}/native",
                "--load=module-null-sink sink_name=private rate=16000 channels=1",
            ],
            env=dict(os.environ, PULSE_RUNTIME_PATH=str(self._folder), HOME=str(self._folder)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(100):
            info = subprocess.run(["pactl", "info"], env=self.client_env, capture_output=True)
            if info.returncode == 0:
                break
            time.sleep(0.1)
        subprocess.run(
            ["pactl", "set-default-source", "private.monitor"], env=self.client_env, check=True
        )

    def kill(self) -> None:
        if self._server is not None and self._server.poll() is None:
            self._server.kill()
            self._server.wait(timeout=10)


@pytest.fixture
def private_pulse(tmp_path: Path) -> Iterator[PrivatePulse]:
    if shutil.which("pulseaudio") is None:
        pytest.skip("PulseAudio absent : apt-get install pulseaudio pulseaudio-utils.")
    server = PrivatePulse(tmp_path / "pulse")
    yield server
    server.kill()


def python_child(code: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code],
        env=env,
        cwd=PROJECT_DIR,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


LOSE_THE_DEVICE = """
import sys
from assistant.audio.microphone import Microphone, MicrophoneUnavailable
microphone = Microphone.open()
for _ in range(100):
    if microphone.read(timeout=0.2) is not None:
        break
print("live", flush=True)
sys.stdin.readline()
try:
    for _ in range(200):
        microphone.read(timeout=0.1)
except MicrophoneUnavailable as error:
    print(error)
microphone.close()
"""


def test_a_microphone_that_disappears_while_listening_is_reported(
    private_pulse: PrivatePulse,
) -> None:
    private_pulse.start()
    reader = python_child(LOSE_THE_DEVICE, private_pulse.client_env)
    assert reader.stdout is not None
    assert reader.stdout.readline().strip() == "live"
    private_pulse.kill()
    out, _ = reader.communicate("\n", timeout=60)
    assert out.strip() == NO_MICROPHONE


PLUGGED_IN_LATER = """
import sys
from assistant.audio.microphone import list_input_devices, reinitialize_portaudio
print(len(list_input_devices()), flush=True)
sys.stdin.readline()
print(len(list_input_devices()))
reinitialize_portaudio()
print(len(list_input_devices()))
"""


def test_a_microphone_plugged_in_later_is_seen_after_reinitializing(
    private_pulse: PrivatePulse,
) -> None:
    child = python_child(PLUGGED_IN_LATER, private_pulse.client_env)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "0"
    private_pulse.start()
    out, _ = child.communicate("\n", timeout=60)
    before, after = (int(line) for line in out.split())
    assert before == 0
    assert after > 0
