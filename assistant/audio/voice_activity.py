"""Frame classifiers: is this 20 ms frame the near speaker's voice?

The end-of-speech state machine (`end_of_speech.py`) asks one of these, frame by frame. Two
kinds, chosen by measurement on a spoken corpus with library babble (README, « Performances »):

- `GatedVoiceClassifier`: WebRTC's voice-activity detector (package webrtcvad-wheels), counted
  only when the frame is also louder than the room, i.e. `start_db` (6 dB) above the median
  level of the last 4 s of frames that were not speech (the « level gate »). The VAD rejects
  most doors and chairs; the gate rejects distant talk, which the VAD rightly calls speech. A
  start also needs a frame with a voice's pitch (`periodicity`): a chair scrape nearly as loud
  as the speaker passes both the VAD and the gate, but it is noise, not a voice. Inside
  speech, a frame only 3-5 dB over the room « holds » (`GateSettings.hold_below_db`), and a
  pause after a rising or flat pitch waits longer (`GateSettings.rise`).
- `EnergyClassifier`: level only. Voiced above max(floor + 6 dB, peak − 20 dB), where the noise
  floor follows the room and may also rise inside speech, so that talk that began during a
  command does not keep it « in speech ». `OLD_ENERGY` is the detector used before, whose floor
  could only fall during speech.

Pure Python on int16 mono little-endian frames; no I/O, no clock.
"""

from __future__ import annotations

import math
import sys
from array import array
from collections.abc import Callable
from dataclasses import dataclass

from assistant.audio.continuation import DEFAULT_RISE, ContinuationCue, RiseSettings
from assistant.audio.frame_measures import FRAME_MS as FRAME_MS
from assistant.audio.frame_measures import SILENT_DBFS as SILENT_DBFS
from assistant.audio.frame_measures import RollingMedian as RollingMedian
from assistant.audio.frame_measures import frame_level_dbfs as frame_level_dbfs
from assistant.audio.frame_measures import periodicity as periodicity

FLOOR_FALL = 0.3
"""How fast the noise floor follows a quieter room (fraction of the gap per frame)."""
FLOOR_RISE = 0.05
"""How fast it follows a louder one outside speech; slow, so that a word onset is not taken
for noise."""
WEBRTC_RATES = (8000, 16000, 32000, 48000)
WEBRTC_MODE = 3
"""Aggressiveness 0-3. Behind the gate modes 1-3 measured the same; 3 calls the least babble
« speech »."""


@dataclass(frozen=True)
class EnergySettings:
    start_ms: int = 60
    """Voiced audio in a row that starts an utterance (rejects clicks)."""
    start_db: float = 10.0
    """Outside speech, a frame is voiced above floor + start_db."""
    continue_db: float = 6.0
    """Inside speech, above max(floor + continue_db, peak − peak_drop_db) (hysteresis)."""
    peak_drop_db: float | None = 20.0
    """None: no peak rule."""
    floor_rise_in_speech: float = 0.05
    """Per frame, inside speech, the floor rises toward frames at least rise_below_peak_db
    under the utterance's loudest frame. 0: the floor can only fall during speech."""
    rise_below_peak_db: float = 10.0
    min_level_dbfs: float = -55.0
    """Below this nothing is voiced (dither in digital silence)."""
    start_gap_ms: int = 0
    """Unvoiced audio allowed between the voiced frames that make a start: none here."""
    min_pitched_frames: int = 0
    """Frames of a start that must have a voice's pitch: none here (level only)."""


OLD_ENERGY = EnergySettings(peak_drop_db=None, floor_rise_in_speech=0.0)
"""The detector of before issue 13: in babble it often never saw the end."""


@dataclass(frozen=True)
class GateSettings:
    start_ms: int = 100
    start_db: float = 6.0
    """Outside speech, a VAD frame counts if it is this much above the room's median level."""
    continue_db: float = 3.0
    """The same inside speech: lower keeps soft syllables that babble would otherwise cut."""
    window_ms: int = 4000
    min_history_ms: int = 250
    """Until this much audio is heard after a reset nothing is voiced: the room is unknown."""
    backdate_ms: int = 200
    """The start is moved back over the frames just before the VAD's first voiced one that pass
    the continuation gate (the soft « s » of « suivant », which the VAD misses)."""
    min_level_dbfs: float = -55.0
    start_gap_ms: int = 80
    """Unvoiced audio allowed between the voiced frames that add up to `start_ms`: short
    syllables (« baissez le son ») dip under the gate between them, 100 ms in a row never came
    and the command was missed in the library."""
    min_pitched_frames: int = 1
    """Voiced frames of a start that must also have a voice's pitch (`periodicity` at least
    `pitched`): a chair scrape passes the VAD and the gate, but it has no pitch."""
    pitched: float = 0.7
    hold_below_db: float | None = 5.0
    """Inside speech, a VAD frame less than this above the room (but past `continue_db`) only
    holds: it neither ends the trailing silence nor counts into it. After the command, distant
    voices rise 3-5 dB over the room and kept the utterance going (library: end seen within
    0.8 s 96 → 100 %, scripts/study_speaker_end.py). None: such a frame is voice, as before."""
    hold_max_ms: int = 600
    """…but the end comes this long after the last voiced frame, held frames or not."""
    quiet_snr_db: float | None = 15.0
    """When the utterance's median voiced level is less than this over the room, the noise
    hides its soft consonants: wait `quiet_trailing_ms` at least (fewer commands cut in two).
    None: no such wait."""
    quiet_trailing_ms: int = 240
    rise: RiseSettings | None = DEFAULT_RISE
    """When the trailing silence would end the utterance but the voice stopped on a rising or
    flat pitch, not a fall, wait `rise.wait_ms` (`continuation.py`): commands cut in two on the
    verify seeds 1.46 → 0.42 % (scripts/study_rise.py); not when the recognizer already heard
    a whole request (`EndOfSpeechDetector.heard_whole`). None: no such wait, as before."""


class EnergyClassifier:
    """Voiced or not from the level alone, against a noise floor it keeps up to date."""

    def __init__(self, settings: EnergySettings = EnergySettings()) -> None:
        self.settings = settings
        self.start_ms = settings.start_ms
        self.start_gap_ms = settings.start_gap_ms
        self.min_pitched_frames = settings.min_pitched_frames
        self._floor: float | None = None
        self._peak = SILENT_DBFS
        self.held = False
        """Never: every frame is voice or silence here."""
        self.hold_max_ms = 0

    def end_wait_ms(self, own_dbfs: float) -> int:
        """No wait of its own: the detector's trailing silence decides."""
        return 0

    def continuation_wait_ms(self) -> int:
        """The pitch is not looked at here."""
        return 0

    def pitched(self) -> bool:
        """Not looked at: the level alone decides."""
        return True

    def forget_utterance(self) -> None:
        """The room's level (the floor) is kept."""
        self._peak = SILENT_DBFS

    def onset_frames(self) -> int:
        """Frames just before the current one to count into a start: none here."""
        return 0

    def voiced(self, frame: bytes, level: float, in_speech: bool) -> bool:
        s = self.settings
        if self._floor is None:
            self._floor = level
        floor = self._floor
        if not in_speech:
            voiced = level > max(floor + s.start_db, s.min_level_dbfs)
            if voiced:
                self._peak = max(self._peak, level)
            else:
                self._peak = SILENT_DBFS
                rate = FLOOR_FALL if level < floor else FLOOR_RISE
                self._floor = floor + (level - floor) * rate
            return voiced
        limit = floor + s.continue_db
        if s.peak_drop_db is not None:
            limit = max(limit, self._peak - s.peak_drop_db)
        voiced = level > max(limit, s.min_level_dbfs)
        if level < floor:
            self._floor = floor + (level - floor) * FLOOR_FALL
        elif level < self._peak - s.rise_below_peak_db:
            self._floor = floor + (level - floor) * s.floor_rise_in_speech
        if voiced:
            self._peak = max(self._peak, level)
        return voiced

    def utterance_ended(self, level: float, too_long: bool) -> None:
        self._peak = SILENT_DBFS
        if too_long:
            # What lasts this long is the room, not a command: take it as the new floor.
            self._floor = level


class GatedVoiceClassifier:
    """A yes/no voice-activity detector, counted only when the frame is louder than the room."""

    def __init__(
        self,
        is_speech: Callable[[bytes], bool],
        settings: GateSettings = GateSettings(),
        sample_rate: int = 16000,
    ) -> None:
        self._is_speech = is_speech
        self.settings = settings
        self.start_ms = settings.start_ms
        self.start_gap_ms = settings.start_gap_ms
        self.min_pitched_frames = settings.min_pitched_frames
        self._sample_rate = sample_rate
        self._frames = (b"", b"")
        """The last two frames: 40 ms, two periods of a low voice."""
        self._window = max(1, round(settings.window_ms / FRAME_MS))
        self._min_history = math.ceil(settings.min_history_ms / FRAME_MS)
        self._max_onset = settings.backdate_ms // FRAME_MS
        self._median = RollingMedian(self._window)
        self._room: float | None = None
        self.held = False
        self.hold_max_ms = settings.hold_max_ms
        self.cue = None if settings.rise is None else ContinuationCue(settings.rise, sample_rate)
        self.forget_utterance()

    def forget_utterance(self) -> None:
        """The room's level (the median) is kept, and so is the VAD's own noise model."""
        self._loud_run = 0
        """Frames in a row, up to the current one, that passed the continuation gate."""
        self._onset = 0
        if self.cue is not None:
            self.cue.forget()

    def onset_frames(self) -> int:
        return self._onset

    def voiced(self, frame: bytes, level: float, in_speech: bool) -> bool:
        s = self.settings
        self._frames = (self._frames[1], frame)
        median = self._median.median()
        above = SILENT_DBFS if median is None else level - median
        known = median is not None and len(self._median) >= self._min_history
        audible = level > s.min_level_dbfs
        gate = s.continue_db if in_speech else s.start_db
        # Asked on every frame, even a quiet one: the VAD adapts its own noise model.
        speech = self._is_speech(frame)
        voiced = speech and known and audible and above >= gate
        self._room, self.held = median, False
        if in_speech and voiced and s.hold_below_db is not None and above < s.hold_below_db:
            voiced, self.held = False, True
        # The room's level is learnt from what is not speech, so a long command does not
        # raise it.
        if not (in_speech and voiced):
            self._median.push(level)
        loud = median is not None and audible and above >= s.continue_db
        self._onset = min(self._loud_run, self._max_onset)
        self._loud_run = self._loud_run + 1 if loud else 0
        if self.cue is not None:
            self.cue.push(frame, voiced)
        return voiced

    def pitched(self) -> bool:
        """Whether the last frame (with the one before) has a voice's pitch. Computed only when
        asked, i.e. on the few voiced frames that may start an utterance."""
        audio = array("h", b"".join(self._frames))
        if sys.byteorder == "big":
            audio.byteswap()
        return periodicity(audio, self._sample_rate) >= self.settings.pitched

    def end_wait_ms(self, own_dbfs: float) -> int:
        """The trailing silence this utterance needs at least, given its median voiced level."""
        s, room = self.settings, self._room
        if s.quiet_snr_db is None or room is None or own_dbfs - room >= s.quiet_snr_db:
            return 0
        return s.quiet_trailing_ms

    def continuation_wait_ms(self) -> int:
        """The trailing silence the current pause needs, from the pitch before it; asked only
        when the silence would otherwise end the utterance."""
        return 0 if self.cue is None else self.cue.wait_ms()

    def utterance_ended(self, level: float, too_long: bool) -> None:
        """The room's level already follows a lasting noise: nothing to do."""


def webrtc_speech(sample_rate: int, mode: int = WEBRTC_MODE) -> Callable[[bytes], bool]:
    """WebRTC's VAD on one 20 ms frame at `sample_rate`. Rates it does not take (44.1 kHz…)
    are brought to 16 kHz by picking the nearest samples: the VAD only looks at band
    energies up to 4 kHz, and a gate above it does the fine work. Raises ImportError when
    webrtcvad-wheels is not installed."""
    import webrtcvad

    vad = webrtcvad.Vad(mode)
    if sample_rate in WEBRTC_RATES:
        return lambda frame: bool(vad.is_speech(frame, sample_rate))
    frame_samples = max(1, round(sample_rate * FRAME_MS / 1000))
    picks = [min(frame_samples - 1, i * sample_rate // 16000) for i in range(16 * FRAME_MS)]

    def resampled(frame: bytes) -> bool:
        samples = array("h", frame)
        if len(samples) != frame_samples:
            return False
        return bool(vad.is_speech(array("h", [samples[i] for i in picks]).tobytes(), 16000))

    return resampled
