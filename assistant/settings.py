"""Settings: what the user chose, checked once at start-up, then frozen.

`Preferences` are remembered per user between sessions (see `user_files`); `RunSettings` are
built from the command line for one run only, and hand each layer its own typed part
(`VoiceSettings` to speech, `RecognizerSettings` to the recognizer), never raw strings.
This module imports nothing of the project: every layer may use it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path

LEVEL_MIN = -3
LEVEL_MAX = 3
"""Speed and volume are levels, from the slowest or quietest to the fastest or loudest."""


def clamp_level(level: int) -> int:
    """The one place that bounds a speed or volume level."""
    return max(LEVEL_MIN, min(LEVEL_MAX, level))


_RATE_FACTORS = (0.525, 0.6, 0.67, 0.74, 0.83, 0.94, 1.07)
"""Levels -3..+3 times the engine default (pyttsx3: 200). Chosen by measurement
(scripts/bench_rate.py, the Ameli steps through pyttsx3 and espeak-ng, audio time against
written words): level 0 ≈ 145 words/min, the pace advised for listeners new to synthetic
voices (the old 0.9 gave ≈ 180); -3 ≈ 100 and +3 ≈ 220 words/min."""


@dataclass(frozen=True)
class VoiceSettings:
    """How to speak; the levels come from the conversation core."""

    rate_level: int = 0
    """-3 (slowest) .. +3 (fastest)."""
    volume_level: int = 0
    """-3 (quietest) .. +3 (loudest): volume 0.4 .. 1.0."""

    def words_per_minute(self, engine_default: int) -> int:
        return round(engine_default * _RATE_FACTORS[clamp_level(self.rate_level) - LEVEL_MIN])

    def volume(self) -> float:
        return round(0.7 + 0.1 * clamp_level(self.volume_level), 2)


class RecognizerMode(str, enum.Enum):
    """How Vosk is asked to listen; the values are the French words of `--reconnaissance`."""

    GRAMMAR = "grammaire"
    """Vosk is limited to the command phrases: fast, and hears nothing else."""
    CORRECTED = "corrige"
    """Free transcription, snapped to the closest phrase: slower."""


class DetectorKind(str, enum.Enum):
    """How the end of speech is found; the values are the French words of `--detecteur`."""

    WEBRTC = "webrtc"
    """WebRTC's voice detector behind a level gate: holds up in a noisy library."""
    ENERGY = "energie"
    """Level only, with a noise floor that follows the room (no extra library)."""
    OLD_ENERGY = "ancien"
    """The level-only detector of before: often misses the end in babble. For comparison."""


@dataclass(frozen=True)
class RecognizerSettings:
    mode: RecognizerMode = RecognizerMode.GRAMMAR
    min_confidence: float = 0.6
    """Lowest per-word Vosk confidence of an accepted result (not yet measured in French)."""
    use_decoys: bool = True
    trailing_silence_ms: int = 220
    """Silence that ends an utterance; a pause inside « mes… paiements » must be shorter."""
    unfinished_wait_ms: int = 600
    """--attente-inachevee: silence that ends an utterance whose text so far is only the
    opening of longer phrases (« mes… »), or is not understood alone and ends on one (« je
    veux l'étape… »); texts understood alone keep `trailing_silence_ms`. At or below it: no
    longer wait. Chosen by scripts/bench_detector_adaptive.py (listening/unfinished.py)."""
    detector: DetectorKind = DetectorKind.WEBRTC
    """--detecteur: what decides that the listener has finished speaking."""
    correction_cutoff: float = 80.0
    """CORRECTED mode: lowest rapidfuzz ratio (0-100) for snapping to a phrase."""
    decoys: tuple[str, ...] | None = None
    """Words that must not become commands; None means the French ones of the vocabulary."""


TEXT_SIZE_DEFAULT = 32
TEXT_SIZE_MIN = 20
TEXT_SIZE_MAX = 60
"""The window's text size in points; Ctrl + and Ctrl − move it within these bounds."""
THEME_NAMES = ("clair", "contraste")
"""The window's themes: black on white, yellow on black."""


@dataclass(frozen=True)
class Preferences:
    """Remembered per user in a small YAML file. Holds no personal data."""

    rate_level: int = 0
    """Speech rate, -3 (slowest) to +3 (fastest)."""
    volume_level: int = 0
    """Speech volume, -3 (quietest) to +3 (loudest)."""
    beep: bool = True
    """A short soft beep when the assistant starts listening after speaking."""
    barge_in: bool = False
    """« stop » or « pause » interrupts speech; only sensible with a headset."""
    silence_reminder_s: int = 60
    """Seconds of silence before one gentle reminder; 0 switches reminders off."""
    text_size: int = TEXT_SIZE_DEFAULT
    """The window's step text, in points."""
    theme: str = THEME_NAMES[0]
    """The window's colours: « clair » or « contraste »."""
    on_top: bool = False
    """The window stays above the browser."""

    def checked(self) -> Preferences:
        return Preferences(
            rate_level=clamp_level(self.rate_level),
            volume_level=clamp_level(self.volume_level),
            beep=self.beep,
            barge_in=self.barge_in,
            silence_reminder_s=max(0, self.silence_reminder_s),
            text_size=max(TEXT_SIZE_MIN, min(TEXT_SIZE_MAX, self.text_size)),
            theme=self.theme if self.theme in THEME_NAMES else THEME_NAMES[0],
            on_top=self.on_top,
        )


@dataclass(frozen=True)
class ListeningSettings:
    """What the listening thread needs, and nothing else of the run."""

    model_path: Path | None = None
    """--modele: the Vosk model folder, when given explicitly."""
    microphone: str | int | None = None
    """--micro: input device name or number."""
    recognizer: RecognizerSettings = field(default_factory=RecognizerSettings)
    barge_in: bool = False
    """« stop » may interrupt speech (remembered preference)."""


@dataclass(frozen=True)
class RunSettings:
    """Everything one run needs to know, built from the command line."""

    guide_path: Path
    """The memo file to read."""
    preferences: Preferences = field(default_factory=Preferences)
    muted: bool = False
    """--muet: show and print, never speak."""
    keyboard_only: bool = False
    """--clavier: do not listen to the microphone."""
    json_output: bool = False
    """--json: one JSON object per reply in the line mode."""
    audio_input: Path | None = None
    """--entree-audio: take audio from this WAV file instead of the microphone."""
    audio_output: Path | None = None
    """--sortie-audio: write what is said into this WAV file instead of the speakers."""
    model_path: Path | None = None
    """--modele: the Vosk model folder, when given explicitly."""
    microphone: str | int | None = None
    """--micro: input device name or number."""
    speaker_device: str | int | None = None
    """--haut-parleur: output device name or number."""
    recognizer: RecognizerSettings = field(default_factory=RecognizerSettings)
    """--reconnaissance and --confiance-min, already checked."""
    journal: bool = False
    """--journal: keep a log of what was heard and said, for troubleshooting."""
    remember: bool = True
    """Save preferences and the place in the memo for the next session."""
    display: str = "auto"
    """« window » (--fenetre), « terminal » (--terminal), or « auto »: the window when a
    person runs it in a terminal on a desktop."""

    def listening(self) -> ListeningSettings:
        return ListeningSettings(
            model_path=self.model_path,
            microphone=self.microphone,
            recognizer=self.recognizer,
            barge_in=self.preferences.barge_in,
        )
