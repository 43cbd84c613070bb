"""Settings: what the user chose, checked once at start-up, then frozen.

`Preferences` are remembered per user between sessions (see `user_files`); `RunSettings` are
built from the command line for one run only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

LEVEL_MIN = -3
LEVEL_MAX = 3


def clamp_level(level: int) -> int:
    return max(LEVEL_MIN, min(LEVEL_MAX, level))


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

    def checked(self) -> Preferences:
        return Preferences(
            rate_level=clamp_level(self.rate_level),
            volume_level=clamp_level(self.volume_level),
            beep=self.beep,
            barge_in=self.barge_in,
            silence_reminder_s=max(0, self.silence_reminder_s),
        )


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
    recognizer_mode: str = "grammaire"
    """« grammaire » (Vosk grammar) or « corrige » (free transcription snapped to a phrase)."""
    min_confidence: float | None = None
    """Word confidence below which a recognition is ignored; None keeps the recognizer default."""
    journal: bool = False
    """--journal: keep a log of what was heard and said, for troubleshooting."""
    remember: bool = True
    """Save preferences and the place in the memo for the next session."""
