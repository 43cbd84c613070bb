"""The pyttsx3 engine and the one thread that owns it: text → 16-bit PCM, one piece at a time.

Why this shape (pyttsx3 2.99 traps, measured; see /work/shared/notes/measured-facts.md):
- pyttsx3 is not thread-safe and espeak-ng is process-wide (one synthesis callback), so ONE
  worker thread owns the engine and every `TtsRenderer` shares it.
- `save_to_file`, then wait for `finished-utterance`: on Linux `runAndWait()` returns before the
  file exists. Owning the samples lets playback.py cut speech at once, which `stop()` cannot.
- Short pieces: ~18 KB texts segfault the espeak driver, and the first piece can play while the
  next ones render.
- With a broken data folder libespeak-ng calls exit(1); a throw-away subprocess tries it first.
- "Audio saved to …" is printed by the driver on espeak's thread, buffered: a file-descriptor
  redirect cannot catch it without swallowing other threads' output, so the driver module's
  own `print` is replaced.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import platformdirs

from assistant.audio.playback import Pcm, SpeechUnavailable, read_audio_file
from assistant.settings import VoiceSettings

log = logging.getLogger(__name__)

RENDER_TIMEOUT_S = 20.0
"""espeak renders a 250-character piece in ~20 ms; silence this long means the engine is stuck."""
ENGINE_BROKEN = "La voix de synthèse ne répond plus."
ENGINE_MISSING = "La voix de synthèse ne démarre pas (espeak-ng absent ou abîmé)."


def _french_rank(voice: Any) -> int | None:
    """Lower is better; None when the voice is not French. Works for the espeak, SAPI5 and
    NSSpeech voice lists (ids like roa/fr, …TTS_MS_FR-FR_HORTENSE…, ….voice.thomas)."""
    ident, name = str(voice.id).lower(), str(getattr(voice, "name", "") or "").lower()
    langs = [str(lang).lower().replace("_", "-") for lang in (voice.languages or ())]
    if "mb-fr1" in ident or "mb-fr4" in ident:
        return 0  # mbrola: far more natural, only usable when the mbrola data is installed
    if any(lang in ("fr", "fr-fr") for lang in langs) or "fr-fr" in ident:
        return 1
    if any(lang.startswith("fr") for lang in langs) or "french" in name:
        return 2
    known = ("hortense", "thomas", "amelie", "amélie", "julie")  # SAPI5 / macOS French voices
    return 3 if not langs and any(key in name for key in known) else None


class EngineWorker:
    """The one thread per process that owns pyttsx3; reference-counted by TtsRenderer."""

    _lock = threading.Lock()
    _shared: EngineWorker | None = None
    _users = 0

    @classmethod
    def acquire(cls) -> EngineWorker:
        with cls._lock:
            if cls._shared is None:
                _check_espeak_starts()
                worker = EngineWorker()
                try:
                    worker.voice = worker.ready.result(timeout=RENDER_TIMEOUT_S)
                except TimeoutError as error:
                    raise SpeechUnavailable(ENGINE_MISSING) from error
                cls._shared = worker
            cls._users += 1
            return cls._shared

    @classmethod
    def release(cls) -> None:
        with cls._lock:
            cls._users -= 1
            if cls._users == 0 and cls._shared is not None:
                cls._shared.stop()
                cls._shared = None

    def __init__(self) -> None:
        self.ready: Future[tuple[Any, bool]] = Future()
        self.voice: tuple[Any, bool] = (None, False)
        """The pyttsx3 Voice in use, and whether it is French."""
        self._jobs: queue.SimpleQueue[tuple[str, VoiceSettings, Future[Pcm]] | None]
        self._jobs = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="tts-engine", daemon=True)
        self._thread.start()

    def submit(self, sentence: str, settings: VoiceSettings) -> Future[Pcm]:
        future: Future[Pcm] = Future()
        self._jobs.put((sentence, settings, future))
        return future

    def stop(self) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=RENDER_TIMEOUT_S)

    def _run(self) -> None:
        try:
            engine = _Engine()
            self.ready.set_result(engine.choose_voice())
        except Exception as error:
            log.warning("speech engine failed to start: %r", error)
            self.ready.set_exception(SpeechUnavailable(ENGINE_MISSING))
            return
        try:
            while (job := self._jobs.get()) is not None:
                sentence, settings, future = job
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    future.set_result(engine.render(sentence, settings))
                except Exception as error:
                    log.warning("speech rendering failed: %r", error)
                    known = isinstance(error, SpeechUnavailable)
                    future.set_exception(error if known else SpeechUnavailable(ENGINE_BROKEN))
        finally:
            engine.close()
            while not self._jobs.empty():  # submitted while closing: fail them, never hang
                late = self._jobs.get_nowait()
                if late and late[2].set_running_or_notify_cancel():
                    late[2].set_exception(SpeechUnavailable(ENGINE_BROKEN))


class QuickPoll:
    """The `time` module as pyttsx3's espeak driver sees it: its run loop sleeps 10 ms between
    checks, so a sentence rendered in 2 ms was handed over 10 ms later (12 ms to render the first
    sentence of a reply, scripts/bench_e2e_stages.py). Checking every millisecond hands it over
    at once; the loop only runs while a sentence renders."""

    POLL_S = 0.001

    def sleep(self, seconds: float) -> None:
        time.sleep(min(seconds, self.POLL_S))

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)


class _Engine:
    """pyttsx3 and its state; touched only by the worker thread."""

    def __init__(self) -> None:
        if sys.platform == "win32":  # SAPI5 is COM: each thread must initialise it itself
            import ctypes

            ctypes.windll.ole32.CoInitialize(None)  # type: ignore[attr-defined]
        import pyttsx3

        self.engine: Any = pyttsx3.init()
        driver = sys.modules.get(f"pyttsx3.drivers.{self.engine.driver_name}")
        if driver is not None:  # its prints ("Audio saved to …") go to the log, never stdout
            driver.__dict__["print"] = lambda *args, **_: log.debug("pyttsx3: %s", args)
            if self.engine.driver_name == "espeak" and "time" in driver.__dict__:
                driver.__dict__["time"] = QuickPoll()
        self.finished = threading.Event()
        self.errors: list[BaseException] = []
        self.engine.connect("finished-utterance", lambda **_: self.finished.set())
        self.engine.connect("error", lambda exception=None, **_: self.errors.append(exception))
        self.broken = False
        is_espeak = self.engine.driver_name == "espeak"
        self.espeak = sys.modules.get("pyttsx3.drivers._espeak") if is_espeak else None
        self._wait_until_idle()  # espeak reports the old rate until its queue has run
        self.default_rate = int(self.engine.getProperty("rate") or 200)
        self.folder = _voice_folder()

    def choose_voice(self) -> tuple[Any, bool]:
        voices = list(self.engine.getProperty("voices") or [])
        default_id = str(self.engine.getProperty("voice") or "")
        ranked = sorted(
            (rank, index, voice)
            for index, voice in enumerate(voices)
            if (rank := _french_rank(voice)) is not None
        )
        for _, _, voice in ranked[:4]:
            self.errors.clear()
            self.engine.setProperty("voice", voice.id)  # a refused voice reports an error
            try:
                probe = self._synthesise("Bonjour.")
            except SpeechUnavailable:
                continue
            current = str(self.engine.getProperty("voice") or "")
            if current.lower() == str(voice.id).lower() and probe.rms() > 100:
                log.info("French voice: %s", voice.id)
                return voice, True
        self.errors.clear()
        if default_id:
            self.engine.setProperty("voice", default_id)
        self._synthesise("Bonjour.")  # fails now rather than mid-session
        default = next((v for v in voices if str(v.id) == default_id), None)
        return default, False

    def render(self, text: str, settings: VoiceSettings) -> Pcm:
        if self.broken:
            raise SpeechUnavailable(ENGINE_BROKEN)
        self._wait_until_idle()
        self.errors.clear()
        self.engine.setProperty("rate", settings.words_per_minute(self.default_rate))
        self.engine.setProperty("volume", settings.volume())
        return self._synthesise(text)

    def _synthesise(self, text: str) -> Pcm:
        self._wait_until_idle()
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / "phrase.wav"
        path.unlink(missing_ok=True)
        self.finished.clear()
        self.engine.save_to_file(text, str(path))
        self.engine.runAndWait()
        # SAPI5 writes files synchronously and never reports finished-utterance for them.
        if self.engine.driver_name != "sapi5" and not self.finished.wait(RENDER_TIMEOUT_S):
            self.broken = True
            raise SpeechUnavailable(ENGINE_BROKEN)
        if self.errors:
            log.warning("speech engine error: %r", self.errors[0])
            raise SpeechUnavailable(ENGINE_BROKEN)
        return read_audio_file(path)

    def _wait_until_idle(self) -> None:
        """espeak runs every command (settings too) on its own thread, and pyttsx3 cancels what is
        still pending there when a loop starts: measured, that dropped rate changes and emptied
        sentences. Waiting until espeak is idle also lets its thread leave pyttsx3's callback,
        which otherwise could end our next loop before it synthesised anything."""
        deadline = time.monotonic() + RENDER_TIMEOUT_S
        while self.espeak is not None and self.espeak.IsPlaying():
            if time.monotonic() > deadline:
                self.broken = True
                raise SpeechUnavailable(ENGINE_BROKEN)
            time.sleep(0.0005)

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def voices_dir() -> Path:
    """The user's own folder for the sentence being rendered (README, « Vie privée »)."""
    return platformdirs.user_cache_path("memo-vocal", appauthor=False) / "voix"


def _voice_folder() -> Path:
    """One folder per running process, in the user's cache folder, never in the shared /tmp.

    A session killed (SIGKILL, power cut) cannot remove its folder: the next start removes
    every folder whose process is gone. A folder holds at most one sentence, as a WAV.
    """
    base = voices_dir()
    base.mkdir(parents=True, exist_ok=True, mode=0o700)
    for leftover in base.iterdir():
        if not _still_running(leftover.name):
            shutil.rmtree(leftover, ignore_errors=True)
            with contextlib.suppress(OSError):
                leftover.unlink()
    folder = base / str(os.getpid())
    folder.mkdir(exist_ok=True, mode=0o700)
    return folder


def _still_running(name: str) -> bool:
    if not name.isdigit():
        return False
    if int(name) == os.getpid():
        return True
    try:
        os.kill(int(name), 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # Someone else's process, or unknown: leave it alone.
    return True


def _check_espeak_starts() -> None:
    """On Linux, initialise espeak-ng once in a subprocess: with missing data it calls exit(1)."""
    if sys.platform in ("win32", "darwin"):
        return
    probe = "from pyttsx3.drivers import _espeak as e; exit(e.Initialize(1, 1000) <= 0)"
    try:
        run = subprocess.run([sys.executable, "-c", probe], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SpeechUnavailable(ENGINE_MISSING) from error
    if run.returncode != 0:
        log.warning("espeak-ng cannot start: %s", run.stderr.decode(errors="replace")[-500:])
        raise SpeechUnavailable(ENGINE_MISSING)
