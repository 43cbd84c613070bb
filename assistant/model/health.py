"""Is a model folder safe to load? Tried once in a child process, then remembered.

Some broken models pass every folder check and then take the whole process down inside Kaldi:
`--num-ceps=0` or `--sample-frequency=-5` in `conf/mfcc.conf` abort it (exit 134, or an
English `ASSERTION_FAILED`), and a `conf/model.conf` holding only a space loads fine and then
hangs at the first decode. No Python code can catch that. So a child process loads the model
and decodes a second of silence and a short tone, in free and in grammar mode; only if it
says OK is the model loaded in the person's own process.

The verdict is kept in the user's cache folder, keyed by a fingerprint of the model's files,
so later starts cost one fingerprint (a few milliseconds) instead of a second model load.
Only good verdicts are kept: a broken model is tried again next time, in case it was repaired.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from assistant.model.files import ModelProblem, load_failure_advice, unreadable_folder

CHECK_TIMEOUT_S = 90.0
"""A healthy model loads in 1.5–3 s here; a slow library PC gets a wide margin."""
SMALL_FILE_BYTES = 1024 * 1024
"""Files up to this size (every `.conf`, the phone lists) are hashed whole."""
EDGE_BYTES = 64 * 1024
"""Bigger files (the graph, 180 MB in the Korean model) are known by their size, their date
and a hash of their first and last bytes: hashing them whole would cost a second per start."""
VERDICTS_NAME = "modeles-verifies.json"
KEPT_VERDICTS = 8
SAMPLE_RATE = 16000
_OK = "MODELE-OK"


@dataclass(frozen=True)
class Verdict:
    fingerprint: str
    from_cache: bool
    """True when the model was not tried again because it had passed before."""


def verdicts_file() -> Path:
    return platformdirs.user_cache_path("memo-vocal", appauthor=False) / VERDICTS_NAME


def fingerprint(path: Path) -> str:
    """Changes whenever a file of the model is added, removed, replaced or edited."""
    digest = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogateescape"))
    for file in sorted(path.rglob("*")):
        if not file.is_file():
            continue
        info = file.stat()
        name = file.relative_to(path).as_posix()
        digest.update(f"\0{name}\0{info.st_size}\0".encode("utf-8", "surrogateescape"))
        with file.open("rb") as data:
            if info.st_size <= SMALL_FILE_BYTES:
                digest.update(data.read())
            else:
                digest.update(str(info.st_mtime_ns).encode())
                digest.update(data.read(EDGE_BYTES))
                data.seek(-EDGE_BYTES, os.SEEK_END)
                digest.update(data.read(EDGE_BYTES))
    return digest.hexdigest()


def _passed_before(cache: Path) -> list[str]:
    try:
        known = json.loads(cache.read_text(encoding="utf-8"))["ok"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return [each for each in known if isinstance(each, str)] if isinstance(known, list) else []


def _remember(cache: Path, print_: str) -> None:
    known = [each for each in _passed_before(cache) if each != print_][-(KEPT_VERDICTS - 1) :]
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_name(cache.name + ".tmp")
        partial.write_text(json.dumps({"ok": [*known, print_]}), encoding="utf-8")
        os.replace(partial, cache)
    except OSError:
        pass  # Not remembered: the next start simply tries the model again.


def check_model_health(
    path: Path, *, cache: Path | None = None, timeout_s: float = CHECK_TIMEOUT_S
) -> Verdict:
    """Raise ModelProblem unless a child process could load `path` and decode with it."""
    cache = cache or verdicts_file()
    try:
        print_ = fingerprint(path)
    except OSError as error:
        raise unreadable_folder(path, error) from None
    if print_ in _passed_before(cache):
        return Verdict(print_, from_cache=True)
    command = [sys.executable, "-m", "assistant.model.health", str(path)]
    try:
        child = subprocess.run(
            command, capture_output=True, timeout=timeout_s, stdin=subprocess.DEVNULL, check=False
        )
    except subprocess.TimeoutExpired:
        raise ModelProblem(
            f"Le modèle du dossier {path} ne répond pas : il est sans doute abîmé.",
            load_failure_advice(path, sys.platform),
            detail=f"essai de décodage arrêté après {timeout_s:.0f} s",
        ) from None
    if child.returncode == 0 and child.stdout.decode(errors="replace").strip() == _OK:
        _remember(cache, print_)
        return Verdict(print_, from_cache=False)
    raise ModelProblem(
        f"Le modèle du dossier {path} n'a pas pu être chargé : il est sans doute abîmé.",
        load_failure_advice(path, sys.platform),
        detail=f"code {child.returncode}\n{child.stderr.decode(errors='replace')[-2000:]}",
    )


def _test_audio() -> bytes:
    """One second of silence, then 0.3 s of a 440 Hz tone: 16-bit mono at 16 kHz."""
    tone = [
        int(8000 * math.sin(2 * math.pi * 440 * index / SAMPLE_RATE))
        for index in range(SAMPLE_RATE * 3 // 10)
    ]
    return bytes(2 * SAMPLE_RATE) + struct.pack(f"<{len(tone)}h", *tone)


def _try_model(path: Path) -> None:
    """Run in the child: anything wrong ends it with an exception or a crash, never an OK."""
    import vosk

    vosk.SetLogLevel(-1)
    model = vosk.Model(str(path))
    audio = _test_audio()
    for grammar in (None, json.dumps(["suivant", "répète"], ensure_ascii=False)):
        recognizer = (
            vosk.KaldiRecognizer(model, SAMPLE_RATE)
            if grammar is None
            else vosk.KaldiRecognizer(model, SAMPLE_RATE, grammar)
        )
        for start in range(0, len(audio), 8000):
            recognizer.AcceptWaveform(audio[start : start + 8000])
        json.loads(recognizer.FinalResult())
    print(_OK, flush=True)


if __name__ == "__main__":
    _try_model(Path(sys.argv[1]))
