"""`memo-vocal diagnostic` on this machine's real audio stack (a PulseAudio null sink)."""

from __future__ import annotations

import io
import subprocess
import threading
from pathlib import Path

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
