"""Text → 16-bit PCM with a French voice, one sentence at a time.

This module cuts the text into short pieces and hands them to the one engine thread of
tts_engine.py (why one thread, and why short pieces: see there). Owning the samples lets
playback.py cut speech at once, which pyttsx3's `stop()` cannot.
"""

from __future__ import annotations

import re
from concurrent.futures import Future

from assistant.audio.playback import Pcm, SpeechUnavailable
from assistant.settings import VoiceSettings
from assistant.speaking.tts_engine import ENGINE_BROKEN, RENDER_TIMEOUT_S, EngineWorker

MAX_PIECE_CHARS = 250
"""Far below the segfault size; a piece is also the unit that can start playing early."""

_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+|\s*\n\s*")
_SOFT_BREAKS = (re.compile(r"[,;:)»]\s"), re.compile(r"\s"))


def split_sentences(text: str) -> list[str]:
    """Cut `text` into sentences, then cut any piece longer than MAX_PIECE_CHARS at a comma
    or a space; pieces with nothing to pronounce are dropped."""
    pieces: list[str] = []
    for sentence in _SENTENCE_BREAK.split(text):
        rest = " ".join(sentence.split())
        while len(rest) > MAX_PIECE_CHARS:
            cut = _cut_point(rest)
            pieces.append(rest[:cut].rstrip())
            rest = rest[cut:].lstrip()
        pieces.append(rest)
    return [piece for piece in pieces if any(char.isalnum() for char in piece)]


def _cut_point(text: str) -> int:
    window = text[: MAX_PIECE_CHARS + 1]
    for pattern in _SOFT_BREAKS:
        ends = [match.end() for match in pattern.finditer(window)]
        good = [end for end in ends if MAX_PIECE_CHARS // 3 < end <= MAX_PIECE_CHARS]
        if good:
            return good[-1]
    return MAX_PIECE_CHARS


class TtsRenderer:
    """Renders sentences to PCM with a French voice; safe to call from any thread."""

    def __init__(self) -> None:
        self._worker = EngineWorker.acquire()
        self._closed = False
        voice, self.french_voice_found = self._worker.voice
        self.voice_id = str(getattr(voice, "id", "") or "")
        name = str(getattr(voice, "name", "") or "") or "voix par défaut"
        self.voice_description = (
            f"Voix française : {name} ({self.voice_id.rsplit(chr(92), 1)[-1]})"
            if self.french_voice_found
            else f"Aucune voix française trouvée ; voix utilisée : {name}"
        )

    def submit(self, sentence: str, settings: VoiceSettings) -> Future[Pcm]:
        """Queue one piece; the future fails with SpeechUnavailable if the engine does."""
        if self._closed:
            raise SpeechUnavailable(ENGINE_BROKEN)
        return self._worker.submit(sentence, settings)

    def render(self, sentence: str, settings: VoiceSettings) -> Pcm:
        try:
            return self.submit(sentence, settings).result(timeout=2 * RENDER_TIMEOUT_S)
        except TimeoutError as error:
            raise SpeechUnavailable(ENGINE_BROKEN) from error

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            EngineWorker.release()
