"""The audio part of the soak: hours of generated speech replayed through `--entree-audio`.

Run by `python scripts/soak.py --audio-heures H`, in a child process, with the French model if
installed, else the Korean stand-in (which checks the mechanics and memory, not accuracy).
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench_common import PROJECT_DIR, Rows, korean_model_dir, megabytes, rss_kb

KOREAN_MEMO = PROJECT_DIR / "tests" / "data" / "coreen.yaml"
SPOKEN = (("mes paiements", "fr"), ("suivant", "fr"), ("répète", "fr"), ("감사합니다", "ko"),
          ("explique", "fr"), ("안녕하세요", "ko"), ("aide", "fr"))  # fmt: skip
"""French commands, and the Korean test memo's phrases so the stand-in model hears something."""


def find_model(given: Path | None) -> tuple[Path, bool] | None:
    """The model folder and whether it is the Korean stand-in."""
    if given is not None:
        return given, "ko" in given.as_posix().lower()
    french = PROJECT_DIR / "models" / "vosk-model-small-fr-0.22"
    if (french / "am" / "final.mdl").is_file():
        return french, False
    korean = korean_model_dir()
    return None if korean is None else (korean, True)


def long_recording(target: Path, hours: float) -> float:
    """A WAV of `hours` hours: spoken commands, each followed by three seconds of room noise."""
    import wave
    from array import array

    from tests.spoken_audio import speak_to_wav

    cycle, noise = array("h"), random.Random(7)
    for text, voice in SPOKEN:
        with wave.open(str(speak_to_wav(text, voice=voice)), "rb") as spoken:
            cycle.frombytes(spoken.readframes(spoken.getnframes()))
        cycle.extend(noise.randint(-60, 60) for _ in range(3 * 16000))
    wanted, written = int(hours * 3600 * 16000), 0
    with wave.open(str(target), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        while written < wanted:
            part = cycle[: wanted - written]
            out.writeframes(part.tobytes())
            written += len(part)
    return written / 16000


def audio_soak(hours: float, model: Path, stand_in: bool, mode: str) -> tuple[Rows, bool]:
    """Replays the recording in a child process, reading its memory from /proc meanwhile."""
    import subprocess
    import threading

    folder = Path(tempfile.mkdtemp(prefix="memo-vocal-soak-audio-"))
    print(f"Fabrication de {hours} h d'audio…", file=sys.stderr)
    wav = folder / "soak.wav"
    audio_seconds = long_recording(wav, hours)
    guide = ["--guide", str(KOREAN_MEMO)] if stand_in else []
    command = [sys.executable, "-m", "assistant", "--muet", "--json", *guide]
    command += ["--modele", str(model), "--reconnaissance", mode, "--entree-audio", str(wav)]
    began = time.perf_counter()
    errors = (folder / "stderr.txt").open("w", encoding="utf-8")
    child = subprocess.Popen(command, cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=errors,
                             text=True, encoding="utf-8")  # fmt: skip
    counts: Counter[str] = Counter()
    loaded = threading.Event()
    at_output: list[int] = []  # the last one is read before the process exits
    loaded_at = [0.0]

    def read_output() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            at_output.append(rss_kb(child.pid))
            if not loaded.is_set():  # the welcome comes once the model is loaded
                loaded_at[0] = time.perf_counter()
                loaded.set()
            counts["heard" if "heard" in json.loads(line) else "replies"] += 1

    reader = threading.Thread(target=read_output, daemon=True)
    reader.start()
    while not loaded.wait(0.2) and child.poll() is None:
        pass
    samples = [rss_kb(child.pid)]
    while child.poll() is None:
        samples.append(rss_kb(child.pid) or samples[-1])
        time.sleep(0.5)
    decode_seconds = time.perf_counter() - loaded_at[0]
    reader.join()
    errors.close()
    wav.unlink()
    if child.returncode != 0:
        print((folder / "stderr.txt").read_text(encoding="utf-8")[-2000:], file=sys.stderr)
    end_kb = at_output[-1] if at_output else 0
    rows = [
        ("Modèle", f"{'coréen (mécanique seulement)' if stand_in else 'français'}, {mode}"),
        ("Audio rejoué", f"{audio_seconds / 3600:.2f} h"),
        ("Chargement du modèle", f"{loaded_at[0] - began:.1f} s"),
        ("Facteur temps réel (RTF)", f"{decode_seconds / audio_seconds:.3f}"),
        ("Phrases entendues / réponses", f"{counts['heard']} / {counts['replies']}"),
        ("Mémoire après chargement (RSS)", megabytes(samples[0])),
        ("Mémoire à la fin (RSS)", megabytes(end_kb)),
        ("Croissance", megabytes(end_kb - samples[0])),
        # A plateau is the decoder's working memory; a steady climb would be a leak.
        (
            "RSS à 25, 50, 75 et 100 %",
            " / ".join(megabytes(samples[len(samples) * q // 4 - 1]) for q in (1, 2, 3, 4)),
        ),
        ("Maximum (RSS)", megabytes(max(samples + at_output))),
    ]
    ok = child.returncode == 0
    return [*rows, ("Verdict", "OK" if ok else f"ÉCHEC (code {child.returncode})")], ok
