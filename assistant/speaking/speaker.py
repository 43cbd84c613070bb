"""Speaking replies aloud: the `Speaker` protocol and its three implementations.

Design: pyttsx3 renders, we play. `TtsRenderer` (tts_render.py) turns each sentence into PCM
on its own engine thread; `Player` (playback.py) plays PCM and can be cut at once, which
pyttsx3's own playback cannot. `say()` plays sentence 1 while sentences 2–3 render: measured on
a PulseAudio null sink, the first sound is heard 20–50 ms after the call (median ~28 ms), and
`interrupt()` silences it within ~15 ms. `say()` returns ~60 ms after the last audible sample,
so the voice loop can mute the microphone exactly while we speak.

`SpeechUnavailable` is defined in playback.py, the lowest layer, and re-exported here.
"""

from __future__ import annotations

import contextlib
import errno
import threading
import wave
from array import array
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Protocol

from assistant.audio.playback import (
    Pcm,
    Player,
    SpeechUnavailable,
    beep_sound,
    resample,
    silence,
    without_leading_silence,
    without_trailing_silence,
)
from assistant.settings import VoiceSettings
from assistant.speaking.tts_render import TtsRenderer, split_sentences

__all__ = [
    "LiveSpeaker",
    "SilentSpeaker",
    "Speaker",
    "SpeechUnavailable",
    "WavFileSpeaker",
    "open_speaker",
]

LOOKAHEAD = 2
"""Sentences rendered ahead of the one playing: enough to never wait, few enough that a long
memo is not held in memory (20 KB of text is about 25 minutes of audio)."""


class Speaker(Protocol):
    def say(self, text: str, settings: VoiceSettings) -> bool:
        """Block until spoken (True) or interrupted (False); raise SpeechUnavailable."""
        ...

    def beep(self) -> None:
        """A short soft tone meaning « I'm listening »; blocks until played."""
        ...

    def interrupt(self) -> None:
        """Thread-safe; returns at once."""
        ...

    def describe(self) -> str:
        """French, for the start-up screen."""
        ...

    def close(self) -> None: ...


class SilentSpeaker:
    """For --muet: nothing is said, the text on screen is enough."""

    def say(self, text: str, settings: VoiceSettings) -> bool:
        return True

    def beep(self) -> None:
        pass

    def interrupt(self) -> None:
        pass

    def describe(self) -> str:
        return "Voix coupée (mode muet)."

    def close(self) -> None:
        pass


def _rendered(
    renderer: TtsRenderer, text: str, settings: VoiceSettings
) -> Iterator[tuple[Pcm, bool]]:
    """The sentences of `text` as PCM, each with whether it is the last one; rendering runs up
    to LOOKAHEAD sentences ahead of the consumer."""
    sentences = deque(split_sentences(text))
    pending: deque[Future[Pcm]] = deque()
    try:
        while sentences or pending:
            while sentences and len(pending) <= LOOKAHEAD:
                pending.append(renderer.submit(sentences.popleft(), settings))
            pcm = pending.popleft().result()
            yield pcm, not (sentences or pending)
    finally:
        for future in pending:  # interrupted or failed: drop what is not needed any more
            future.cancel()


class LiveSpeaker:
    """Real speech on the sound card."""

    def __init__(self, renderer: TtsRenderer, player: Player) -> None:
        self._renderer = renderer
        self._player = player
        self._interrupted = threading.Event()

    def say(self, text: str, settings: VoiceSettings) -> bool:
        self._interrupted.clear()
        self._player.rearm()
        first = True
        for pcm, last in _rendered(self._renderer, text, settings):
            # espeak ends every sentence with ~0.3 s of silence: a natural pause between
            # sentences, but after the last one it would only keep the microphone shut. Its
            # silence before the first sentence would only delay the reply.
            sound = without_trailing_silence(pcm) if last else pcm
            sound, first = (without_leading_silence(sound) if first else sound), False
            if self._interrupted.is_set() or not self._player.play(sound):
                return False
        return True

    def beep(self) -> None:
        self._player.rearm()
        self._player.play(beep_sound())

    def interrupt(self) -> None:
        self._interrupted.set()
        self._player.interrupt()

    def describe(self) -> str:
        return f"{self._renderer.voice_description}, sortie audio : {self._player.device_name}"

    def close(self) -> None:
        self.interrupt()
        self._renderer.close()


class WavFileSpeaker:
    """Writes everything it says, one utterance after the other, into one WAV file (tests, bug
    reports, `--sortie-audio`). A short silence follows each utterance and beep so they stay
    apart when listened to or recognised."""

    GAP_S = 0.3

    def __init__(self, renderer: TtsRenderer, path: Path, sample_rate: int = 22050) -> None:
        self._renderer = renderer
        self._sample_rate = sample_rate
        self._interrupted = threading.Event()
        self.path = path
        try:
            # opened apart: wave.open leaves a half-built object that complains on stderr
            self._file = path.open("wb")
        except OSError as error:
            renderer.close()
            raise SpeechUnavailable(f"Impossible d'écrire le fichier audio {path}.") from error
        self._wav = wave.open(self._file, "wb")  # noqa: SIM115  (open as long as we are)
        self._wav.setnchannels(1)
        self._wav.setsampwidth(2)
        self._wav.setframerate(sample_rate)

    def say(self, text: str, settings: VoiceSettings) -> bool:
        self._interrupted.clear()
        spoken = False
        try:
            for pcm, _ in _rendered(self._renderer, text, settings):
                if self._interrupted.is_set():
                    return False
                self._write(pcm)
                spoken = True
            return True
        finally:
            if spoken:
                self._write(silence(self.GAP_S, self._sample_rate))

    def beep(self) -> None:
        self._write(beep_sound(self._sample_rate))
        self._write(silence(self.GAP_S, self._sample_rate))

    def interrupt(self) -> None:
        self._interrupted.set()

    def describe(self) -> str:
        return f"{self._renderer.voice_description}, enregistrée dans {self.path}"

    def close(self) -> None:
        # On a full disk, closing rewrites the header and fails again: already said once.
        with contextlib.suppress(OSError):
            self._wav.close()
        with contextlib.suppress(OSError):
            self._file.close()
        self._renderer.close()

    def _write(self, pcm: Pcm) -> None:
        if pcm.channels != 1:  # keep the first channel
            pcm = Pcm(array("h", pcm.data)[:: pcm.channels].tobytes(), pcm.sample_rate)
        # wave rewrites the header after each write: the file stays valid if we crash later
        try:
            self._wav.writeframes(resample(pcm, self._sample_rate).data)
        except OSError as error:
            full = error.errno == errno.ENOSPC
            raise SpeechUnavailable(
                f"Le fichier audio {self.path} ne peut plus être écrit"
                f"{' : le disque est plein' if full else ''}. La voix s'arrête ; "
                "les réponses restent écrites à l'écran."
            ) from None


def open_speaker(
    *, muted: bool, output_device: str | int | None = None, wav_path: Path | None = None
) -> Speaker:
    """The speaker for this session. `wav_path` wins over `muted` (a file makes no sound);
    raises SpeechUnavailable with a French message if the engine or the output cannot start."""
    if wav_path is not None:
        return WavFileSpeaker(TtsRenderer(), wav_path)
    if muted:
        return SilentSpeaker()
    player = Player(output_device)  # checked first: it fails faster than the engine starts
    return LiveSpeaker(TtsRenderer(), player)
