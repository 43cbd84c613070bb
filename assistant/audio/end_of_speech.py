"""Our own end-of-speech detector.

Vosk 0.3.45 has no endpointer settings and waits for 0.5 s of trailing silence before it
gives a result. A command of two words is over well before that, so we decide ourselves when
the listener has stopped talking, and ask Vosk for its final result at once.

A state machine over 20 ms frames: a frame classifier (`voice_activity.py`) says whether each
frame is the near speaker's voice; enough voiced frames (with short gaps allowed between them,
and for the WebRTC detector at least one with a voice's pitch) start an utterance, and
`trailing_silence_ms` of unvoiced ones end it. No I/O, no clock: positions are counted in
audio samples, so the same audio always gives the same events, whatever the chunk size.
"""

from __future__ import annotations

import bisect
import enum
import math
from dataclasses import dataclass
from typing import Protocol

from assistant.audio.continuation import EARLY_FRAMES
from assistant.audio.voice_activity import (
    FRAME_MS,
    OLD_ENERGY,
    EnergyClassifier,
    EnergySettings,
    GatedVoiceClassifier,
    frame_level_dbfs,
    webrtc_speech,
)
from assistant.settings import DetectorKind

__all__ = ["EndOfSpeechDetector", "SpeechEvent", "SpeechEventKind", "make_classifier"]


class SpeechEventKind(str, enum.Enum):
    STARTED = "speech_started"
    ENDED = "speech_ended"


@dataclass(frozen=True)
class SpeechEvent:
    """A boundary of speech, in audio samples counted from the first pushed sample."""

    kind: SpeechEventKind
    sample: int
    """Where the boundary is: the first voiced sample for a start, the end of the last voiced
    frame for an end."""
    detected_sample: int
    """How much audio had been pushed when the detector decided; `detected_sample - sample`
    is the detector's own latency, in audio."""


class FrameClassifier(Protocol):
    start_ms: int
    """Voiced audio that starts an utterance."""
    start_gap_ms: int
    """Unvoiced audio allowed between the voiced frames of a start."""
    min_pitched_frames: int
    """Voiced frames of a start that must also have a voice's pitch."""
    held: bool
    """The frame just classified, inside speech, is neither voice nor silence: it neither ends
    the trailing silence nor counts into it."""
    hold_max_ms: int
    """The end comes at most this long after the last voiced frame, held frames or not."""

    def pitched(self) -> bool:
        """Whether the frame just classified has a voice's pitch."""
        ...

    def forget_utterance(self) -> None: ...

    def voiced(self, frame: bytes, level: float, in_speech: bool) -> bool: ...

    def onset_frames(self) -> int:
        """Frames just before the current one that belong to a start found on it."""
        ...

    def end_wait_ms(self, own_dbfs: float) -> int:
        """The trailing silence needed at least, for an utterance whose voiced frames have this
        median level (a quiet speaker in a loud room waits longer); 0: no need of its own."""
        ...

    def continuation_wait_ms(self) -> int:
        """The silence needed at least, when the voice stopped on a rising pitch (a pause
        inside the phrase); 0: none. Asked once EARLY_FRAMES into a pause unless a whole
        request was heard (to have it ready), and when the trailing silence would end it."""
        ...

    def utterance_ended(self, level: float, too_long: bool) -> None: ...


def make_classifier(kind: DetectorKind, sample_rate: int) -> tuple[FrameClassifier, DetectorKind]:
    """The classifier of `kind`, and the kind really used: without webrtcvad (a broken
    install) the WebRTC choice falls back to the energy classifier."""
    if kind is DetectorKind.WEBRTC:
        try:
            return GatedVoiceClassifier(webrtc_speech(sample_rate), sample_rate=sample_rate), kind
        except ImportError:
            kind = DetectorKind.ENERGY
    if kind is DetectorKind.OLD_ENERGY:
        return EnergyClassifier(OLD_ENERGY), kind
    return EnergyClassifier(EnergySettings()), kind


class EndOfSpeechDetector:
    """Push int16 mono little-endian audio; get speech start and end events back."""

    _voiced_run: int
    _run_frames: int
    _gap: int
    _pitched: int

    def __init__(
        self,
        sample_rate: int,
        trailing_silence_ms: int = 220,
        *,
        kind: DetectorKind = DetectorKind.WEBRTC,
        max_speech_ms: int = 8000,
        classifier: FrameClassifier | None = None,
    ) -> None:
        """`max_speech_ms` ends an endless « speech », which is a noise that suddenly began.
        `classifier`, made elsewhere (a study of its settings), replaces the one of `kind`."""
        if sample_rate <= 0:
            raise ValueError("sample_rate must be positive")
        self.sample_rate = sample_rate
        if classifier is None:
            self._classifier, self.kind = make_classifier(kind, sample_rate)
        else:
            self._classifier, self.kind = classifier, kind
        self._frame_samples = max(1, round(sample_rate * FRAME_MS / 1000))
        self._start_frames = max(1, math.ceil(self._classifier.start_ms / FRAME_MS))
        self._start_gap_frames = self._classifier.start_gap_ms // FRAME_MS
        self._max_speech_frames = max(1, max_speech_ms // FRAME_MS)
        self.trailing_silence_ms = trailing_silence_ms
        self.heard_whole = False
        """Set by the recognizer while the text heard so far is a whole request alone that
        nothing said after could change (« suivant »): the pitch then no longer delays the end."""
        self.reset()

    @property
    def trailing_silence_ms(self) -> int:
        return self._end_frames * FRAME_MS

    @trailing_silence_ms.setter
    def trailing_silence_ms(self, value: int) -> None:
        """May change during an utterance (adaptive end): it applies from the next frame."""
        self._end_frames = max(1, math.ceil(value / FRAME_MS))

    @property
    def silence_so_far_ms(self) -> int:
        """Inside an utterance, the unvoiced audio since its last voiced frame; 0 outside.
        Lets the recognizer get its final result ready before the end is decided."""
        return self._silent_run * FRAME_MS if self._in_speech else 0

    @property
    def last_voiced_end(self) -> int:
        """End of the last voiced frame of the utterance: it moves when the voice comes back."""
        return self._last_voiced_end

    def reset(self) -> None:
        """Forget the utterance in progress and the sample count, but not the room: the
        recognizer resets while the assistant speaks, and its voice is never pushed here, so
        what was learnt of the room before still holds when the listener answers at once."""
        self._classifier.forget_utterance()
        self._pending = b""
        self._position = 0
        self._in_speech = False
        self._forget_start()
        self._onset = 0
        self._silent_run = 0
        self._since_voiced = 0
        self._speech_frames = 0
        self._last_voiced_end = 0
        self._own: list[float] = []
        """Levels of the voiced frames of the utterance (its start's included), sorted."""

    def push(self, chunk: bytes) -> list[SpeechEvent]:
        data = self._pending + chunk
        frame_bytes = self._frame_samples * 2
        whole = len(data) - len(data) % frame_bytes
        self._pending = data[whole:]
        events: list[SpeechEvent] = []
        for offset in range(0, whole, frame_bytes):
            event = self._frame(data[offset : offset + frame_bytes])
            if event is not None:
                events.append(event)
        return events

    def _frame(self, frame: bytes) -> SpeechEvent | None:
        level = frame_level_dbfs(frame)
        start = self._position
        self._position += self._frame_samples
        voiced = self._classifier.voiced(frame, level, self._in_speech)
        if self._in_speech:
            return self._frame_inside_speech(level, voiced)
        if not voiced:
            if self._voiced_run:
                self._run_frames += 1
                self._gap += 1
                if self._gap > self._start_gap_frames:
                    self._forget_start()
            return None
        if self._voiced_run == 0:
            self._onset = self._classifier.onset_frames()
            self._own.clear()
        bisect.insort(self._own, level)
        self._voiced_run += 1
        self._run_frames += 1
        self._gap = 0
        if self._pitched < self._classifier.min_pitched_frames and self._classifier.pitched():
            self._pitched += 1
        if (
            self._voiced_run < self._start_frames
            or self._pitched < self._classifier.min_pitched_frames
        ):
            return None
        self._in_speech = True
        self._silent_run = self._since_voiced = 0
        self._speech_frames = self._run_frames
        self._last_voiced_end = self._position
        back = (self._run_frames - 1 + self._onset) * self._frame_samples
        self._forget_start()
        return SpeechEvent(SpeechEventKind.STARTED, max(0, start - back), self._position)

    def _forget_start(self) -> None:
        self._voiced_run = 0
        """Voiced frames of the start being made."""
        self._run_frames = 0
        """Frames since its first voiced one, gaps included."""
        self._gap = 0
        self._pitched = 0

    def _frame_inside_speech(self, level: float, voiced: bool) -> SpeechEvent | None:
        self._speech_frames += 1
        if voiced:
            self._silent_run = self._since_voiced = 0
            self._last_voiced_end = self._position
            bisect.insort(self._own, level)
        else:
            self._since_voiced += 1
            if not self._classifier.held:
                self._silent_run += 1
        if self._since_voiced == EARLY_FRAMES and not self.heard_whole:
            self._classifier.continuation_wait_ms()  # now, not when the reply waits on it
        own = self._own[len(self._own) // 2]
        wait = max(self._end_frames, math.ceil(self._classifier.end_wait_ms(own) / FRAME_MS))
        if self._silent_run >= wait and not self.heard_whole:  # once the usual silence is over
            extra = math.ceil(self._classifier.continuation_wait_ms() / FRAME_MS)
            wait = max(wait, extra)
        held_long = self._since_voiced >= max(wait, self._classifier.hold_max_ms // FRAME_MS)
        too_long = self._speech_frames >= self._max_speech_frames
        if self._silent_run < wait and not held_long and not too_long:
            return None
        self._in_speech = False
        self._classifier.utterance_ended(level, too_long)
        return SpeechEvent(SpeechEventKind.ENDED, self._last_voiced_end, self._position)
