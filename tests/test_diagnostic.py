"""`memo-vocal diagnostic` on this machine's real audio stack (a PulseAudio null sink)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
from pathlib import Path

from assistant.audio.playback import list_output_devices
from assistant.cli.actions import list_speakers
from assistant.cli.diagnostic import run_diagnostic
from tests.spoken_audio import speak_to_wav


class SpeakWhenAsked(io.StringIO):
    """Plays the WAV as soon as the diagnostic says « Parlez maintenant », like a person would."""

    def __init__(self, wav: Path) -> None:
        super().__init__()
        self._wav = wav
        self._player: threading.Thread | None = None

    def write(self, text: str) -> int:
        if "Parlez maintenant" in text and self._player is None:
            self._player = threading.Thread(
                target=subprocess.run, args=(["paplay", str(self._wav)],), kwargs={"check": True}
            )
            self._player.start()
        return super().write(text)

    def join(self) -> None:
        assert self._player is not None, "the level test never asked to speak"
        self._player.join()


def test_reports_every_item_with_the_real_components(
    korean_model_dir: Path, virtual_audio: str
) -> None:
    # Speech played into the sink during the 2-second level test is what its monitor hears.
    wav = speak_to_wav("bonjour, je teste le micro de la médiathèque", lead_silence_s=0.2)
    out = SpeakWhenAsked(wav)
    status = run_diagnostic(out, model_path=korean_model_dir)
    out.join()
    report = out.getvalue()
    lines = {
        line.split(":")[0].split(maxsplit=1)[1].strip(): line
        for line in report.splitlines()
        if line.startswith("  OK") or line.startswith("  PROBLÈME")
    }
    assert lines["Python"].startswith("  OK")
    assert lines["Modèle vocal"].startswith("  OK") and "chargé en" in lines["Modèle vocal"]
    assert lines["Micros"].startswith("  OK")
    assert lines["Test du micro"].startswith("  OK"), report
    assert lines["Voix"].startswith("  OK") and "française" in lines["Voix"]
    assert lines["Phrase de test"].startswith("  OK")
    # The Korean stand-in knows none of the memo's French words: said plainly, not « OK ».
    known = lines["Mots du mémo"]
    assert known.startswith("  PROBLÈME") and "pas un modèle français" in known, report
    assert status == 1, report


def test_a_missing_model_is_one_french_line_not_a_crash(tmp_path: Path, virtual_audio: str) -> None:
    out = io.StringIO()
    status = run_diagnostic(out, model_path=tmp_path / "absent")
    report = out.getvalue()
    assert status == 1
    assert "PROBLÈME Modèle vocal" in report
    assert "Traceback" not in report


def test_the_chosen_loudspeaker_is_the_one_tested(virtual_audio: str) -> None:
    out = io.StringIO()
    run_diagnostic(out, model_path=Path("/absent"), microphone="aucun", speaker="inconnu")
    report = out.getvalue()
    assert "PROBLÈME Sortie son : La sortie audio « inconnu » est introuvable." in report
    assert "Phrase de test" not in report


def test_the_command_line_passes_the_loudspeaker_to_the_diagnostic(virtual_audio: str) -> None:
    result = subprocess.run(
        [
            sys.executable, "-m", "assistant", "diagnostic",
            "--modele", "/absent", "--micro", "aucun", "--haut-parleur", "inconnu",
        ],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert "La sortie audio « inconnu » est introuvable." in result.stdout
    assert result.returncode == 1


def test_loudspeakers_are_listed_with_their_numbers(virtual_audio: str) -> None:
    out = io.StringIO()
    assert list_speakers(out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0] == "Sorties son disponibles (à choisir avec --haut-parleur NUMERO) :"
    numbers = {index for index, _, _ in list_output_devices()}
    assert {int(line.split(":")[0]) for line in lines[1:]} == numbers


def test_without_any_loudspeaker_the_list_says_what_to_do() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "haut-parleurs"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PULSE_SERVER": "unix:/nonexistent/pulse/native"},
    )
    assert result.returncode == 1
    assert "Aucune sortie son trouvée." in result.stdout
    assert "Traceback" not in result.stderr
