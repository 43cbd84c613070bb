"""Real French test speech, made with espeak-ng and converted by sox.

Shared by the tests so that every test that needs a spoken command makes it the same way.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

CACHE_DIR = Path(tempfile.gettempdir()) / "memo-vocal-test-speech"


def espeak_available() -> bool:
    return shutil.which("espeak-ng") is not None and shutil.which("sox") is not None


def speak_to_wav(
    text: str,
    *,
    voice: str = "fr",
    speed: int = 160,
    pitch: int = 50,
    rate: int = 16000,
    lead_silence_s: float = 0.3,
    trail_silence_s: float = 0.8,
) -> Path:
    """Return a mono 16-bit WAV of `text` at `rate` Hz, padded with silence on both sides.

    Cached by content, because the same phrases are spoken by many tests.
    """
    # v2: no dither (-D), so the same phrase always gives the same bytes.
    key = f"v2|{text}|{voice}|{speed}|{pitch}|{rate}|{lead_silence_s}|{trail_silence_s}"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    target = CACHE_DIR / f"{digest}.wav"
    if target.exists():
        return target
    raw = subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch), "--stdout", text],
        check=True,
        capture_output=True,
    ).stdout
    # A unique name: two test processes may render the same phrase at the same moment.
    partial = target.with_suffix(f".{os.getpid()}.{threading.get_ident()}.part.wav")
    subprocess.run(
        [
            "sox",
            "-q",
            "-D",
            "-t",
            "wav",
            "-",
            "-r",
            str(rate),
            "-c",
            "1",
            "-b",
            "16",
            "-e",
            "signed",
            str(partial),
            "gain",
            "-n",
            "-1",
            "pad",
            str(lead_silence_s),
            str(trail_silence_s),
        ],
        input=raw,
        check=True,
        capture_output=True,
    )
    partial.replace(target)
    return target
