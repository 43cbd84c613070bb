"""`memo-vocal ecouter`: the Ameli memo written as one WAV per step, or said aloud."""

from __future__ import annotations

import io
import math
import wave
from array import array
from pathlib import Path

import pytest

from assistant.cli.listen_memo import INDEX_NAME, listen
from assistant.cli.main import main
from assistant.guides.loader import load_guide
from assistant.speaking import phonemes

AMELI = Path(__file__).resolve().parent.parent / "guides" / "ameli.yaml"
pytestmark = pytest.mark.skipif(not phonemes.available(), reason="espeak-ng absent")


def rms(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        assert wav.getnchannels() == 1 and wav.getsampwidth() == 2
        samples = array("h", wav.readframes(wav.getnframes()))
    return math.sqrt(sum(s * s for s in samples) / len(samples)) if samples else 0.0


def test_one_wav_per_step_of_the_ameli_memo_none_silent(tmp_path: Path) -> None:
    assert main(["ecouter", str(AMELI), "--dossier", str(tmp_path)]) == 0
    steps = sum(len(procedure.steps) for procedure in load_guide(AMELI).procedures)
    wavs = sorted(tmp_path.glob("*.wav"))
    assert len(wavs) == steps
    assert [path.name for path in wavs][:2] == [
        "01-presentation-etape-01.wav",
        "01-presentation-etape-02.wav",
    ]
    loudness = {path.name: rms(path) for path in wavs}
    assert min(loudness.values()) > 300, min(loudness.items(), key=lambda item: item[1])
    index = (tmp_path / INDEX_NAME).read_text(encoding="utf-8").splitlines()
    assert len(index) == steps + 1
    assert all(line.split("\t")[0] in loudness for line in index[1:])


def test_one_procedure_only(tmp_path: Path) -> None:
    out = io.StringIO()
    assert listen(AMELI, "messagerie", tmp_path, out) == 0
    assert sorted(path.name for path in tmp_path.glob("*.wav")) == [
        "05-messagerie-etape-01.wav",
        "05-messagerie-etape-02.wav",
    ]
    assert "2 fichiers WAV écrits" in out.getvalue()


def test_an_unknown_procedure_is_told_with_the_known_ones(tmp_path: Path) -> None:
    out = io.StringIO()
    assert listen(AMELI, "inconnue", tmp_path, out) == 1
    assert "Aucune procédure « inconnue »" in out.getvalue() and "messagerie" in out.getvalue()


def test_said_aloud_in_order(virtual_audio: str) -> None:
    out = io.StringIO()
    assert listen(AMELI, "messagerie", None, out) == 0
    lines = out.getvalue().splitlines()
    assert [line.split(" : ")[0] for line in lines] == [
        "Ma messagerie et poser une question, étape 1",
        "Ma messagerie et poser une question, étape 2",
    ]
