"""`memo-vocal --entree-audio`: real speech through real Vosk decoding, end to end.

The French model cannot be installed on the build machines, so the end-to-end path runs on the
Korean model with a test memo whose phrases are Korean words, spoken by espeak-ng's Korean
voice. Everything else (detector, recognizer, command layer, conversation, output) is the
product's own French path.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.spoken_audio import speak_to_wav

PROJECT_DIR = Path(__file__).resolve().parent.parent
KOREAN_MEMO = PROJECT_DIR / "tests" / "data" / "coreen.yaml"


def replay(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    return subprocess.run(
        [sys.executable, "-m", "assistant", "--muet", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=PROJECT_DIR,
        timeout=120,
    )


def korean_replay(
    wav: Path, model: Path, tmp_path: Path, *options: str
) -> subprocess.CompletedProcess[str]:
    """The Korean test memo heard from `wav` with the Korean stand-in model."""
    return replay(
        [*options, "--guide", str(KOREAN_MEMO), "--entree-audio", str(wav), "--modele", str(model)],
        tmp_path,
    )


def session_wav(tmp_path: Path, words: list[str]) -> Path:
    parts = [speak_to_wav(word, voice="ko", speed=150) for word in words]
    target = tmp_path / "seance.wav"
    subprocess.run(["sox", *map(str, parts), str(target)], check=True)
    return target


def test_spoken_phrases_open_their_procedures(korean_model_dir: Path, tmp_path: Path) -> None:
    wav = session_wav(tmp_path, ["감사합니다", "안녕하세요", "감사합니다"])
    result = korean_replay(wav, korean_model_dir, tmp_path, "--json")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    heard = [record for record in records if "heard" in record]
    assert [record["heard"] for record in heard] == ["감사합니다", "안녕하세요", "감사합니다"]
    assert all(0.0 <= record["confidence"] <= 1.0 and record["accepted"] for record in heard)
    opened = [(r["command"], r["procedure"], r["step"]) for r in records if r.get("input")]
    assert opened == [
        ("open_procedure", "merci", 1),
        ("open_procedure", "bonjour", 1),
        ("open_procedure", "merci", 1),
    ]
    assert "Première étape des salutations." in result.stdout
    # Vosk's own warnings stay off the screen; unknown words are told once, in French.
    assert "WARNING" not in result.stderr
    assert result.stderr.count("mots inconnus du modèle vocal") == 1


def test_plain_output_shows_each_command_with_its_confidence(
    korean_model_dir: Path, tmp_path: Path
) -> None:
    wav = session_wav(tmp_path, ["안녕하세요"])
    result = korean_replay(wav, korean_model_dir, tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    heard = next(index for index, line in enumerate(lines) if line.startswith("Entendu : « "))
    assert "안녕하세요" in lines[heard] and "confiance" in lines[heard]
    assert "Première étape des salutations." in "\n".join(lines[heard + 1 :])


def test_a_bad_wav_is_refused_in_french(korean_model_dir: Path, tmp_path: Path) -> None:
    broken = tmp_path / "casse.wav"
    broken.write_bytes(b"RIFF\x10\x00\x00\x00WAVEfmt ")
    result = replay(["--entree-audio", str(broken), "--modele", str(korean_model_dir)], tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr.strip()


@pytest.mark.parametrize("kind", ["absent", "vide", "fichier"])
def test_a_missing_or_broken_model_is_explained_in_french(tmp_path: Path, kind: str) -> None:
    model = tmp_path / "modele"
    if kind == "vide":
        model.mkdir()
    elif kind == "fichier":
        model.write_text("pas un modèle", encoding="utf-8")
    wav = speak_to_wav("suivant")
    result = replay(["--entree-audio", str(wav), "--modele", str(model)], tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "modèle" in result.stderr.lower()
