"""Spoken commands to text, with Vosk, one final result per utterance.

Our own end-of-speech detector decides when the listener has finished (Vosk 0.3.45 would
wait 0.5 s of silence). Vosk's final result is computed a little before that decision, once
EARLY_FINAL_MS of silence follow the voice, so that it is ready when the end is decided (see
EARLY_FINAL_MS). Partial results are never used. Vosk only hears each utterance plus a short
lead-in, not the silences between.

Two modes, chosen by measurement in the benchmark:
- GRAMMAR: Vosk is limited to the command phrases, plus an unknown-word token and decoys
  (words that sound like commands but mean nothing here) which soak up other speech.
- CORRECTED: free transcription, snapped to the nearest phrase (as rhasspy/wyoming-vosk's
  "corrected" mode) or rejected when nothing is close enough.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from assistant.audio.end_of_speech import EndOfSpeechDetector, SpeechEvent, SpeechEventKind
from assistant.conversation.understanding import spoken_form
from assistant.conversation.vocabulary import FRENCH_DECOYS
from assistant.listening.unfinished import UnfinishedWait
from assistant.settings import RecognizerMode, RecognizerSettings

UNKNOWN_TOKENS = ("[unk]", "<UNK>", "<unk>")
"""How models spell « a word I do not know »: the French small model has `[unk]`, the Korean
test model `<UNK>`."""
PREROLL_SECONDS = 0.3
"""Audio kept from before the detected start, since a start is only known after ~60 ms of
voice and soft first consonants are quieter still."""
MAX_CHUNK_SECONDS = 0.5
"""Longer chunks could hold two utterances, and `feed` returns at most one result."""
EARLY_FINAL_MS = 120
"""Silence after the voice at which Vosk's final result is computed, while the detector waits
for the rest of its trailing silence (220 ms). Measured on the real program (scripts/
bench_e2e_stages.py): FinalResult took 32 ms (median, p95 64 ms) between the decision and the
reply; done here, it is ready at the decision. If the voice comes back, the utterance so far is
given to Vosk again from its start, so the result is the same as without it."""
EARLY_FINAL_MAX_S = 4.0
"""Longer utterances (no command is) are left alone: decoding them again would cost too much."""
EARLY_FINAL_TRIES = 2
"""Per utterance: in noise a silence can be broken again and again, each time a decoding."""


@dataclass(frozen=True)
class Recognition:
    """Vosk's final result for one utterance, after our defences."""

    text: str
    """The recognized phrase, "" if rejected."""
    heard: str
    """What Vosk returned, even when rejected (for logs and the benchmark)."""
    confidence: float
    """Lowest per-word confidence, 0 to 1; 0 when nothing was heard."""
    accepted: bool
    speech_end_sample: int
    """End of the last voiced frame, in samples fed since the recognizer was made."""
    end_of_speech_sample: int
    """Where our detector decided the utterance was over."""
    result_sample: int
    """Audio fed when this result was returned: the latency, counted in audio."""
    final_sample: int
    """Audio fed when Vosk computed this final result (at most `result_sample`)."""


def _words(raw: dict[str, Any]) -> tuple[list[str], float]:
    """The words of Vosk's JSON result, and their lowest confidence (0 without words)."""
    words = raw.get("result", [])
    return [str(w["word"]) for w in words], min((float(w["conf"]) for w in words), default=0.0)


def snap_to_phrase(text: str, phrases: Sequence[str], score_cutoff: float) -> str | None:
    """The phrase closest to `text` (rapidfuzz ratio), or None when none reaches the cutoff."""
    cleaned = spoken_form(text)
    if not cleaned or not phrases:
        return None
    best = process.extractOne(cleaned, phrases, scorer=fuzz.ratio, score_cutoff=score_cutoff)
    return None if best is None else str(best[0])


class CommandRecognizer:
    """Feed microphone chunks; get one `Recognition` each time the listener stops talking."""

    def __init__(
        self,
        model: Any,
        phrases: Sequence[str],
        sample_rate: int,
        settings: RecognizerSettings | None = None,
        words: Sequence[str] = (),
        complete: Callable[[str], bool] | None = None,
        request: Callable[[str], object] | None = None,
    ) -> None:
        """`words`: single words understanding needs (« banque »), for the grammar only (the
        corrected mode snaps to `phrases`); `complete`: a text that is a whole request alone;
        `request`: what a text asks, equal for texts that ask the same (UnfinishedWait)."""
        self.settings = settings or RecognizerSettings()
        self.sample_rate = sample_rate
        self._model = model
        self.phrases = tuple(dict.fromkeys(self._model_spelling(p) for p in phrases if p.strip()))
        self.words = tuple(
            w
            for w in dict.fromkeys(self._model_spelling(w) for w in words if w.strip())
            if w not in self.phrases
        )
        command_words = {word for phrase in (*self.phrases, *self.words) for word in phrase.split()}
        self.grammar_words = tuple(sorted(command_words))
        """Every distinct word of the phrases and words given to the recognizer."""
        self.unknown_words = tuple(w for w in self.grammar_words if not self._knows(w))
        """Words of the phrases the model cannot recognize; Vosk silently drops them."""
        self.unknown_token = next((t for t in UNKNOWN_TOKENS if self._knows(t)), None)
        self.decoys = self._usable_decoys(command_words) if self.settings.use_decoys else ()
        self._decoy_words = {word for decoy in self.decoys for word in decoy.split()}
        self.grammar: str | None = None
        """The JSON list given to Vosk in GRAMMAR mode."""
        if self.settings.mode is RecognizerMode.GRAMMAR:
            extra = [self.unknown_token] if self.unknown_token else []
            listed = [*self.phrases, *self.words, *extra, *self.decoys]
            self.grammar = json.dumps(listed, ensure_ascii=False)
        self._detector = EndOfSpeechDetector(
            sample_rate, self.settings.trailing_silence_ms, kind=self.settings.detector
        )
        trailing, longer = self.settings.trailing_silence_ms, self.settings.unfinished_wait_ms
        self._waits = UnfinishedWait(self.phrases, trailing, longer, complete, request=request)
        self._kaldi = self._new_kaldi()
        self._max_chunk_bytes = int(sample_rate * MAX_CHUNK_SECONDS) * 2
        self._preroll_bytes = int(sample_rate * PREROLL_SECONDS) * 2
        self._preroll: deque[bytes] = deque()
        self._position = 0
        self._in_speech = False
        self._vosk_fed = False
        self._utterance: list[bytes] = []
        """Audio given to Vosk for the utterance in progress, to decode it again."""
        self._early: tuple[Any, int, int] | None = None
        """Final result computed early: (Vosk's JSON, `_position` then, voiced end then)."""
        self._early_tries = 0

    def _knows(self, word: str) -> bool:
        return int(self._model.vosk_model_find_word(word)) >= 0

    def _model_spelling(self, phrase: str) -> str:
        """Split « l'aide » or « peut-être » only when the model knows the parts, not the whole."""
        words: list[str] = []
        for word in spoken_form(phrase).split():
            parts = [p for p in re.split(r"(?<=')|-", word) if p]
            split = len(parts) > 1 and not self._knows(word) and all(map(self._knows, parts))
            words += parts if split else [word]
        return " ".join(words)

    def _usable_decoys(self, command_words: set[str]) -> tuple[str, ...]:
        usable = []
        decoys = FRENCH_DECOYS if self.settings.decoys is None else self.settings.decoys
        for decoy in decoys:
            words = self._model_spelling(decoy).split()
            if words and all(self._knows(w) and w not in command_words for w in words):
                usable.append(" ".join(words))
        return tuple(dict.fromkeys(usable))

    def _new_kaldi(self) -> Any:
        from vosk import KaldiRecognizer

        if self.grammar is None:
            kaldi = KaldiRecognizer(self._model, self.sample_rate)
        else:
            kaldi = KaldiRecognizer(self._model, self.sample_rate, self.grammar)
        kaldi.SetWords(True)
        return kaldi

    def feed(self, chunk: bytes) -> Recognition | None:
        """Int16 mono audio at `sample_rate`, up to 0.5 s; a result only when speech ended."""
        if len(chunk) > self._max_chunk_bytes:
            raise ValueError(f"chunk longer than {MAX_CHUNK_SECONDS} s")
        self._position += len(chunk) // 2
        events = self._detector.push(chunk)
        if self._in_speech:
            self._accept(chunk)
        else:
            self._remember(chunk)
        result = None
        for event in events:
            if event.kind is SpeechEventKind.STARTED:
                self._in_speech = True
                self._utterance, self._early, self._early_tries = [], None, 0
                while self._preroll:
                    self._accept(self._preroll.popleft())
            else:
                result = self._finish(event)
                self._in_speech = False
                self._remember(chunk)
        if self._in_speech:
            self._prepare_final()
        # Longer while Vosk's early text is an unfinished phrase; forgotten with that text.
        early = self._early[0] if self._early and self._in_speech else None
        heard = None if early is None else str(early.get("text", ""))
        self._detector.trailing_silence_ms = self._waits.trailing_ms(heard)
        # A whole request, heard surely, needs no pitch to end it (« suivant » said flat).
        self._detector.heard_whole = False
        if early is not None and heard is not None and self._waits.whole(heard):
            self._detector.heard_whole = self.judge(heard, *_words(early)) == heard
        return result

    def _prepare_final(self) -> None:
        """Computes the final result once the voice has paused long enough, or forgets it when
        the voice came back (then Vosk hears the whole utterance again)."""
        voiced_end = self._detector.last_voiced_end
        if self._early is not None and self._early[2] != voiced_end:
            self._decode_again()
        fed_s = sum(map(len, self._utterance)) / (2 * self.sample_rate)
        if (
            self._early is None
            and self._detector.silence_so_far_ms >= EARLY_FINAL_MS
            and self._early_tries < EARLY_FINAL_TRIES
            and fed_s <= EARLY_FINAL_MAX_S
        ):
            self._early = (json.loads(self._kaldi.FinalResult()), self._position, voiced_end)
            self._vosk_fed = False
            self._early_tries += 1

    def _decode_again(self) -> None:
        self._early = None
        for piece in self._utterance:
            self._kaldi.AcceptWaveform(piece)
        self._vosk_fed = bool(self._utterance)

    def _remember(self, chunk: bytes) -> None:
        self._preroll.append(chunk)
        total = sum(map(len, self._preroll))
        while total - len(self._preroll[0]) >= self._preroll_bytes:
            total -= len(self._preroll.popleft())

    def _accept(self, chunk: bytes) -> None:
        self._utterance.append(chunk)
        if self._early is None:  # else Vosk has finished: it hears this only if voice returns
            self._kaldi.AcceptWaveform(chunk)
            self._vosk_fed = True

    def reset(self) -> None:
        """Forget the utterance in progress, e.g. while the assistant speaks (half-duplex)."""
        if self._vosk_fed:
            # Vosk's own Reset() keeps the buffered features, which then come back in the
            # next result; a final result discarded here truly starts afresh.
            self._kaldi.FinalResult()
            self._vosk_fed = False
        self._detector.reset()
        self._detector.trailing_silence_ms = self._waits.normal_ms
        self._detector.heard_whole = False
        self._preroll.clear()
        self._in_speech = False
        self._utterance, self._early = [], None

    def _finish(self, event: SpeechEvent) -> Recognition:
        if self._early is not None and self._early[2] != event.sample:
            self._decode_again()  # the voice came back within this very chunk
        if self._early is None:
            raw, final_sample = json.loads(self._kaldi.FinalResult()), self._position
        else:
            raw, final_sample, _ = self._early
        self._vosk_fed, self._early, self._utterance = False, None, []
        heard = str(raw.get("text", ""))
        words, confidence = _words(raw)
        text = self.judge(heard, words, confidence)
        return Recognition(
            text=text,
            heard=heard,
            confidence=max(0.0, min(1.0, confidence)),
            accepted=bool(text),
            speech_end_sample=event.sample,
            end_of_speech_sample=event.detected_sample,
            result_sample=self._position,
            final_sample=final_sample,
        )

    def judge(self, heard: str, words: Sequence[str], confidence: float) -> str:
        """The defences applied to one Vosk result (its text, words and lowest confidence):
        the accepted phrase, or "" for silence, unknown words, decoys and doubt."""
        if not words or confidence < self.settings.min_confidence:
            return ""
        unknown = [word in UNKNOWN_TOKENS for word in words]
        if all(unknown) or (any(unknown) and self.settings.mode is not RecognizerMode.GRAMMAR):
            return ""
        if self.settings.mode is RecognizerMode.GRAMMAR:
            if any(word in self._decoy_words for word in words):
                return ""
            # Words outside the grammar stay as « [unk] »: understanding counts them against
            # any topic, and no command is ever a phrase with one in it.
            return " ".join(
                UNKNOWN_TOKENS[0] if u else w for w, u in zip(words, unknown, strict=True)
            )
        candidates = [*self.phrases, *self.decoys]
        snapped = snap_to_phrase(heard, candidates, self.settings.correction_cutoff)
        return "" if snapped is None or snapped in self.decoys else snapped
