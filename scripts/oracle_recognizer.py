"""The product's recognizer over an IDEAL recognizer, for scripts/study_oracle_cuts.py (issue 13).

Without a French model, Vosk is replaced by the words spoken in the audio it heard, up to the
pause (each word whose voice began before the detector's last voiced frame; timed by
libespeak-ng, espeak_words.py), as the grammar writes them, others as « [unk] ». Also counts,
over written sentences heard the same way, which ones the longer wait would hold.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import bench_detectors
from bench_common import SAMPLE_RATE
from espeak_words import Word

from assistant.audio.end_of_speech import EndOfSpeechDetector, SpeechEvent, SpeechEventKind
from assistant.audio.voice_activity import GatedVoiceClassifier, GateSettings, webrtc_speech
from assistant.conversation.commands import CommandName
from assistant.conversation.understanding import Understanding
from assistant.conversation.vocabulary import NUMBERS
from assistant.conversation.wordforms import spoken_form
from assistant.listening.recognizer import UNKNOWN_TOKENS, CommandRecognizer
from assistant.listening.unfinished import ENDING_WORDS, UnfinishedWait, longer_phrases
from assistant.settings import RecognizerSettings


def as_heard(texts: Iterable[str], known: Iterable[str]) -> list[str]:
    """Spoken words as the grammar writes them, a word outside it as « [unk] »."""
    known, heard = set(known), []
    for text in texts:
        parts = text.split("-")  # « vingt-trois » is written « vingt trois » in the grammar
        if text not in known and all(part in known for part in parts):
            heard += parts
        else:
            heard.append(text if text in known else UNKNOWN_TOKENS[0])
    return heard


def heard_before(
    words: Sequence[Word], grammar: Sequence[str], begin: int, pause: int
) -> list[str]:
    """The ideal text of the audio from `begin`, paused at `pause`: each word whose voice began
    before the pause and ended after `begin`; a word outside the grammar as « [unk] »."""
    return as_heard((w.text for w in words if w.start < pause and w.end > begin), grammar)


class _AllKnowing:
    """The model's lexicon as seen by CommandRecognizer: every word known, none split."""

    def vosk_model_find_word(self, word: str) -> int:
        return 0


class RecordingDetector(EndOfSpeechDetector):
    """The WebRTC detector with the end rule `gate`, keeping its events."""

    def __init__(self, gate: GateSettings) -> None:
        vad = GatedVoiceClassifier(webrtc_speech(SAMPLE_RATE), gate, SAMPLE_RATE)
        super().__init__(SAMPLE_RATE, RecognizerSettings().trailing_silence_ms, classifier=vad)
        self.events: list[SpeechEvent] = []

    def push(self, chunk: bytes) -> list[SpeechEvent]:
        found = super().push(chunk)
        self.events += found
        return found


def feed(push: Callable[[bytes], object], audio: bytes) -> None:
    for at in range(0, len(audio), 2 * bench_detectors.CHUNK):
        push(audio[at : at + 2 * bench_detectors.CHUNK])


class IdealKaldi:
    """In place of Vosk: the words spoken in what it heard, up to the last voiced frame."""

    def __init__(self, recognizer: OracleRecognizer) -> None:
        self._recognizer = recognizer
        self._heard = 0

    def AcceptWaveform(self, chunk: bytes) -> bool:
        self._heard += len(chunk) // 2
        return False

    def FinalResult(self) -> str:
        r = self._recognizer
        pause = min(r._position, r._detector.last_voiced_end)
        words = heard_before(r.spoken, r.grammar_words, r._position - self._heard, pause)
        self._heard = 0
        result = [{"word": w, "conf": 1.0} for w in words]
        return json.dumps({"text": " ".join(words), "result": result}, ensure_ascii=False)


class OracleRecognizer(CommandRecognizer):
    """The product's recognizer with the ideal recognizer behind it; `ending_words` and
    `common` as UnfinishedWait takes them (0: the wait of before, on the whole text only);
    `whole`: a whole request heard skips the pitch's wait, as in the product (False: before);
    `same`: an opening that asks what all its longer phrases ask counts as whole (the product)."""

    def __init__(
        self,
        words: Sequence[Word],
        understanding: Understanding,
        wait_ms: int,
        gate: GateSettings | None = None,
        ending_words: int = 0,
        common: Iterable[str] = (),
        whole: bool = True,
        same: bool = True,
    ) -> None:
        self.spoken = tuple(words)
        self.whole = whole
        self.complete: Callable[[str], bool] = lambda text: (
            understanding.understand(text).name is not CommandName.NOT_UNDERSTOOD
        )
        settings = RecognizerSettings(unfinished_wait_ms=wait_ms)
        super().__init__(  # as frontends/voice_setup.build_recognizer does
            _AllKnowing(),
            understanding.listening_phrases(),
            SAMPLE_RATE,
            settings,
            understanding.listening_words(),
            complete=self.complete,
        )
        normal, longer = settings.trailing_silence_ms, settings.unfinished_wait_ms
        self._waits = UnfinishedWait(
            self.phrases,
            normal,
            longer,
            self.complete,
            ending_words,
            common,
            understanding.understand if same else None,
        )
        self.waits = self._waits
        self._detector = self.detector = RecordingDetector(gate or GateSettings())
        self.openings = set(longer_phrases(self.phrases))  # openings, phrases or not
        self.ends: dict[int, tuple[int, str]] = {}
        """Sample of each end decision → (trailing silence then, in ms; the early text then)."""

    def _new_kaldi(self) -> Any:
        return IdealKaldi(self)

    def feed(self, chunk: bytes) -> Any:
        count, trailing = len(self.detector.events), self.detector.trailing_silence_ms
        heard = str(self._early[0].get("text", "")) if self._early else ""
        result = super().feed(chunk)
        self.detector.heard_whole = self.whole and self.detector.heard_whole
        for event in self.detector.events[count:]:
            if event.kind is SpeechEventKind.ENDED:
                self.ends[event.detected_sample] = (trailing, heard)
        return result

    def run(self, audio: bytes) -> list[SpeechEvent]:
        feed(self.feed, audio)
        return self.detector.events


def written(sentence: str) -> list[str]:
    """The words said for a written sentence: « l'étape 3 » → « l'étape trois » (spoken_form
    drops digits; numbers past the vocabulary's are dropped too)."""
    return spoken_form(re.sub(r"\d+", lambda m: f" {_number(int(m[0]))} ", sentence)).split()


def _number(value: int) -> str:
    return NUMBERS[value - 1] if 0 < value <= len(NUMBERS) else ""


def count_texts(
    understanding: Understanding, sentences: Sequence[str], common: Iterable[str]
) -> tuple[Counter[str], dict[str, tuple[int, int]]]:
    """Over the memo's grammar phrases and `sentences` (heard ideally): complete or not, how
    many wait today (whole text only) and with the ending rule, without the `common` endings.
    Per ending, over the sentences: (not understood and ending with it: a wait paid for
    nothing; followed by the rest of a phrase it opens: where a pause would be bridged)."""
    recognizer = OracleRecognizer((), understanding, RecognizerSettings().unfinished_wait_ms)
    normal, longer, complete = 220, 600, recognizer.complete
    before = UnfinishedWait(recognizer.phrases, normal, longer, complete, 0)
    every = UnfinishedWait(recognizer.phrases, normal, longer, complete, ENDING_WORDS, ())
    after = UnfinishedWait(recognizer.phrases, normal, longer, complete, ENDING_WORDS, common)
    counts: Counter[str] = Counter()
    ends: Counter[str] = Counter()
    goes_on: Counter[str] = Counter()
    phrases = [p.split() for p in recognizer.phrases]
    heard = [as_heard(written(s), recognizer.grammar_words) for s in sentences]
    texts = [(p, "phrases du mémo") for p in recognizer.phrases]
    texts += [(" ".join(words), "demandes naturelles") for words in heard if words]
    for text, source in texts:
        group = f"{source}, {'complètes' if complete(text) else 'non comprises'}"
        counts[group] += 1
        counts[f"{group}, attendent avant"] += before.unfinished(text)
        counts[f"{group}, attendent après"] += after.unfinished(text)
        if source != "phrases du mémo" and every.unfinished(text) and not before.unfinished(text):
            ends[f"{every.ending(text)}"] += 1
    for words in heard:
        for at, size in ((a, n) for a in range(1, len(words)) for n in range(1, ENDING_WORDS + 1)):
            opening = words[at : at + size]
            if len(opening) == size and " ".join(opening) in every.endings:
                goes_on[" ".join(opening)] += any(
                    len(p) > size and p[:size] == opening and words[at : at + len(p)] == p
                    for p in phrases
                )
    return counts, {e: (ends[e], goes_on[e]) for e in sorted(every.endings)}
