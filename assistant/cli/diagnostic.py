"""`memo-vocal diagnostic`: a check a librarian can run and read.

One line per item, « OK » or the problem and what to do, in French. Nothing here raises: a
failing item is a line of the report, never the end of it.
"""

from __future__ import annotations

import array
import math
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

LEVEL_TEST_S = 2.0
MICROPHONE_START_S = 3.0
HEARD_RMS = 200
"""Above the hiss of an idle input, below quiet speech at arm's length (int16 RMS)."""


@dataclass(frozen=True)
class Check:
    label: str
    ok: bool
    detail: str


def _python() -> Check:
    version = platform.python_version()
    ok = sys.version_info >= (3, 10)
    detail = version if ok else f"{version} : installez Python 3.10 ou plus récent"
    return Check("Python", ok, detail)


def _model(model_path: Path | None) -> list[Check]:
    from assistant.model.files import ModelProblem, load_vosk_model, locate_model

    try:
        location = locate_model(model_path)
        started = time.perf_counter()
        model = load_vosk_model(location.path)
        seconds = time.perf_counter() - started
    except ModelProblem as problem:
        return [Check("Modèle vocal", False, str(problem))]
    loaded = Check(
        "Modèle vocal",
        True,
        f"{location.path} ({location.source}), chargé en {seconds:.1f} s",
    )
    return [loaded, _known_words(model)]


def _known_words(model: object) -> Check:
    """The default memo's grammar words the model knows: a model of another language loads
    fine and hears nothing right, so loading is not enough."""
    from assistant.conversation.understanding import Understanding
    from assistant.guides.catalog import DEFAULT_GUIDE, resolve_guide
    from assistant.guides.loader import load_guide
    from assistant.listening.recognizer import CommandRecognizer
    from assistant.model.problems import unknown_share_message

    understanding = Understanding(load_guide(resolve_guide(DEFAULT_GUIDE)))
    phrases, words = understanding.listening_phrases(), understanding.listening_words()
    recognizer = CommandRecognizer(model, phrases, 16000, None, words)
    ok, text = unknown_share_message(len(recognizer.unknown_words), len(recognizer.grammar_words))
    return Check("Mots du mémo", ok, text)


def _rms(chunks: list[bytes]) -> float:
    samples = array.array("h", b"".join(chunks))
    if not samples:
        return 0.0
    return math.sqrt(sum(sample * sample for sample in samples) / len(samples))


def _microphone(device: str | int | None, out: TextIO) -> list[Check]:
    from assistant.audio.microphone import Microphone, MicrophoneUnavailable, list_input_devices

    try:
        devices = list_input_devices()
    except MicrophoneUnavailable as problem:
        return [Check("Micros", False, str(problem))]
    if not devices:
        return [Check("Micros", False, "aucun micro : branchez un casque avec micro")]
    names = ", ".join(f"{d.index} {d.name} ({d.default_samplerate} Hz)" for d in devices)
    checks = [Check("Micros", True, names)]
    try:
        with Microphone.open(device) as microphone:
            # Ask for speech only once audio really flows: some devices take a second to start.
            microphone.read(MICROPHONE_START_S)
            out.write("  Parlez maintenant, pendant 2 secondes…\n")
            out.flush()
            chunks: list[bytes] = []
            deadline = time.monotonic() + LEVEL_TEST_S
            while time.monotonic() < deadline:
                chunk = microphone.read(0.2)
                if chunk:
                    chunks.append(chunk)
    except MicrophoneUnavailable as problem:
        return [*checks, Check("Test du micro", False, str(problem))]
    level = _rms(chunks)
    if level >= HEARD_RMS:
        return [*checks, Check("Test du micro", True, f"le micro entend (niveau {level:.0f})")]
    return [
        *checks,
        Check(
            "Test du micro",
            False,
            f"le micro n'entend presque rien (niveau {level:.0f}) : vérifiez qu'il n'est pas "
            "coupé, rapprochez-le de la bouche, ou choisissez-en un autre avec --micro",
        ),
    ]


def _voice_and_output(device: str | int | None) -> list[Check]:
    from assistant.audio.playback import Player
    from assistant.settings import VoiceSettings
    from assistant.speaking.speaker import LiveSpeaker, SpeechUnavailable
    from assistant.speaking.tts_render import TtsRenderer

    try:
        player = Player(device)
    except SpeechUnavailable as problem:
        return [Check("Sortie son", False, str(problem))]
    output = Check("Sortie son", True, player.device_name)
    try:
        renderer = TtsRenderer()
    except SpeechUnavailable as problem:
        return [output, Check("Voix", False, f"{problem} Installez espeak-ng.")]
    voice = Check(
        "Voix",
        renderer.french_voice_found,
        renderer.voice_description
        if renderer.french_voice_found
        else f"{renderer.voice_description} : installez une voix française",
    )
    speaker = LiveSpeaker(renderer, player)
    try:
        speaker.say("Bonjour. Ceci est un essai de la voix de Mémo vocal.", VoiceSettings())
        spoken = Check("Phrase de test", True, "dite à voix haute")
    except SpeechUnavailable as problem:
        spoken = Check("Phrase de test", False, str(problem))
    finally:
        speaker.close()
    return [output, voice, spoken]


def run_diagnostic(
    out: TextIO,
    model_path: Path | None = None,
    microphone: str | int | None = None,
    speaker: str | int | None = None,
) -> int:
    out.write("Diagnostic de Mémo vocal\n")
    steps: list[Callable[[], list[Check]]] = [
        lambda: [_python()],
        lambda: _model(model_path),
        lambda: _microphone(microphone, out),
        lambda: _voice_and_output(speaker),
    ]
    all_ok = True
    for step in steps:
        try:
            checks = step()
        except Exception as error:  # a diagnostic must report, never crash
            checks = [Check("Erreur inattendue", False, f"{type(error).__name__} : {error}")]
        for check in checks:
            all_ok = all_ok and check.ok
            status = "OK" if check.ok else "PROBLÈME"
            detail = check.detail.replace("\n", "\n" + " " * 11)
            out.write(f"  {status:8} {check.label} : {detail}\n")
            out.flush()
    out.write("Tout est prêt.\n" if all_ok else "Corrigez les lignes PROBLÈME ci-dessus.\n")
    return 0 if all_ok else 1
