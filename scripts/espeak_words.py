"""Exact word times of espeak-ng speech, from libespeak-ng itself (for the studies of issue 13).

libespeak-ng is called through ctypes in synchronous mode with phoneme events, with the voice,
speed and pitch of the corpus: each phoneme event gives its sample position. Its audio is
checked to be byte for byte what `espeak-ng --stdout` gives, and against the WAV the corpus
uses (sox at 16 kHz: same length within 1 ms, best cross-correlation at a lag of at most one
sample). A word runs from its first phoneme to the next phoneme event after its last one (a
pause or the next word): a stop's closure at its end (« étape | trois ») belongs to it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import math
import multiprocessing
import os
import pickle
import re
import subprocess
from array import array
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import bench_library as library
from bench_common import SAMPLE_RATE
from corpus_audio import read_wav, render_speech

from assistant.conversation.vocabulary import NUMBERS
from assistant.conversation.wordforms import spoken_form
from tests.spoken_audio import speak_to_wav

ESPEAK_RATE = 22050
AUDIO_OUTPUT_SYNCHRONOUS = 2
INITIALIZE_PHONEME_EVENTS = 1
EVENT_PHONEME = 7
POS_CHARACTER = 1
SYNTH_FLAGS = 0x100 | 0x1000
"""espeakPHONEMES | espeakENDPAUSE with espeakCHARS_AUTO: what the espeak-ng command line uses."""
PARAMETER_RATE, PARAMETER_PITCH = 1, 3
MS = SAMPLE_RATE / 1000


class _EventId(ctypes.Union):
    _fields_ = [("number", ctypes.c_int), ("name", ctypes.c_char_p), ("string", ctypes.c_char * 8)]


class _Event(ctypes.Structure):
    """espeak_EVENT of speak_lib.h; `sample` is the event's position in samples."""

    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", _EventId),
    ]


_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event)
)


@dataclass(frozen=True)
class Phoneme:
    text_position: int
    """1-based character of its word in the text."""
    sample: int
    """Where it starts, at 22,050 Hz."""
    name: str


class Espeak:
    """libespeak-ng in synchronous mode; one per process (the library has a single state)."""

    def __init__(self) -> None:
        self._lib = ctypes.CDLL(ctypes.util.find_library("espeak-ng") or "libespeak-ng.so.1")
        self._lib.espeak_Synth.argtypes = [
            ctypes.c_char_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        rate = self._lib.espeak_Initialize(
            AUDIO_OUTPUT_SYNCHRONOUS, 0, None, INITIALIZE_PHONEME_EVENTS
        )
        if rate != ESPEAK_RATE:
            raise RuntimeError(f"libespeak-ng: {rate} Hz")
        self._samples = array("h")
        self._phonemes: list[Phoneme] = []
        self._callback = _CALLBACK(self._collect)  # kept alive as long as the library uses it
        self._lib.espeak_SetSynthCallback(self._callback)

    def _collect(self, wav: Any, count: int, events: Any) -> int:
        if wav and count > 0:
            self._samples.extend(wav[:count])
        i = 0
        while events[i].type != 0:
            event = events[i]
            if event.type == EVENT_PHONEME:
                # audio_position is in whole ms, `sample` the same position in samples.
                if abs(event.sample * 1000 / ESPEAK_RATE - event.audio_position) > 1:
                    raise RuntimeError("libespeak-ng: sample and audio_position disagree")
                name = bytes(event.id.string).split(b"\0")[0].decode()
                self._phonemes.append(Phoneme(event.text_position, event.sample, name))
            i += 1
        return 0

    def speak(self, text: str, voice: str, speed: int, pitch: int) -> tuple[bytes, list[Phoneme]]:
        self._samples, self._phonemes = array("h"), []
        if self._lib.espeak_SetVoiceByName(voice.encode()) != 0:
            raise RuntimeError(f"libespeak-ng: no voice {voice}")
        self._lib.espeak_SetParameter(PARAMETER_RATE, speed, 0)
        self._lib.espeak_SetParameter(PARAMETER_PITCH, pitch, 0)
        encoded = text.encode()
        self._lib.espeak_Synth(
            encoded, len(encoded) + 1, 0, POS_CHARACTER, 0, SYNTH_FLAGS, None, None
        )
        self._lib.espeak_Synchronize()
        return self._samples.tobytes(), list(self._phonemes)


@dataclass(frozen=True)
class Word:
    text: str
    """As the recognizer writes it (spoken_form; digits as number words)."""
    start: int
    """First sample of its first phoneme, in the command's samples."""
    end: int
    """Where the next phoneme (a pause or the next word) starts."""


def _written(token: str) -> list[str]:
    """« étape3 » → étape trois: the corpus has a few digits, which spoken_form drops."""
    spelled = re.sub(r"\d+", lambda m: f" {NUMBERS[int(m[0]) - 1]} ", token)
    return spoken_form(spelled).split()


def word_times(text: str, phonemes: Sequence[Phoneme]) -> list[tuple[list[str], int, int]]:
    """Per whitespace token of `text`: its written words, first and end sample at 22,050 Hz."""
    tokens = [(m.start(), m.end(), _written(m[0])) for m in re.finditer(r"\S+", text)]
    spans: list[tuple[list[str], int, int]] = []
    for begin, finish, words in tokens:
        inside = [
            i
            for i, p in enumerate(phonemes)
            if begin <= p.text_position - 1 < finish and not p.name.startswith("_")
        ]
        if not words:
            continue
        if not inside:  # « qu'est-ce que »: espeak-ng gives « que »'s sounds to « qu'est-ce »
            if spans:
                spans[-1][0].extend(words)
            continue
        after = inside[-1] + 1
        end = phonemes[after].sample if after < len(phonemes) else phonemes[inside[-1]].sample
        groups = sorted({phonemes[i].text_position for i in inside})
        if len(groups) == len(words) > 1:  # « étape3 »: espeak-ng says two words, timed apart
            for word, group in zip(words, groups, strict=True):
                mine = [i for i in inside if phonemes[i].text_position == group]
                nxt = mine[-1] + 1
                stop = phonemes[nxt].sample if nxt < len(phonemes) else end
                spans.append(([word], phonemes[mine[0]].sample, stop))
        else:
            spans.append((words, phonemes[inside[0]].sample, end))
    return spans


def _to_16k(sample: int) -> int:
    return round(sample * SAMPLE_RATE / ESPEAK_RATE)


def _aligned_lag(espeak: array[int], corpus: array[int]) -> int:
    """The lag (in 16 kHz samples) at which espeak's own audio, interpolated at 16 kHz, best
    matches the corpus WAV, over the loudest 0.25 s."""
    size = SAMPLE_RATE // 4
    loud = max(
        range(0, max(1, len(corpus) - size), size // 4), key=lambda i: _energy(corpus, i, size)
    )
    best, best_score = 0, -math.inf
    for lag in range(-8, 9):
        score = 0.0
        for n in range(loud, min(len(corpus), loud + size)):
            t = (n + lag) * ESPEAK_RATE / SAMPLE_RATE
            k = int(t)
            if 0 <= k < len(espeak) - 1:
                score += corpus[n] * (espeak[k] + (t - k) * (espeak[k + 1] - espeak[k]))
        if score > best_score:
            best, best_score = lag, score
    return best


def _energy(samples: array[int], at: int, size: int) -> float:
    return float(sum(x * x for x in samples[at : at + size]))


_CLEAN: ProcessPoolExecutor | None = None
"""A process started afresh (spawn), where nothing but this module was ever loaded."""


def speak_afresh(text: str, voice: tuple[str, int, int]) -> tuple[bytes, list[Phoneme]]:
    """libespeak-ng in a child forked from a clean process: from one text to the next the
    library keeps some state (the same text came out a few samples longer or shorter the second
    time), while the command line that made the corpus starts afresh each time. Not forked
    from the caller: once the Vosk model is loaded in it (a test run), the child's samples
    no longer match the command line's."""
    global _CLEAN
    if _CLEAN is None:
        _CLEAN = ProcessPoolExecutor(1, multiprocessing.get_context("spawn"))
    return _CLEAN.submit(_speak_forked, text, voice).result()


def _speak_forked(text: str, voice: tuple[str, int, int]) -> tuple[bytes, list[Phoneme]]:
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the child)
        status = 1
        try:
            os.close(read)
            with os.fdopen(write, "wb") as out:
                out.write(pickle.dumps(Espeak().speak(text, *voice)))
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    with os.fdopen(read, "rb") as given:
        data = given.read()
    _, status = os.waitpid(child, 0)
    if status != 0:
        raise RuntimeError(f"libespeak-ng failed for « {text} »")
    raw, phonemes = pickle.loads(data)
    return bytes(raw), list(phonemes)


def spoken_words(text: str, voice: tuple[str, int, int]) -> list[Word]:
    """The words of one command with their times in its samples (speech starts at LEAD),
    after checking libespeak-ng's audio against the command line's and the corpus WAV."""
    raw, phonemes = speak_afresh(text, voice)
    name, speed, pitch = voice
    line = subprocess.run(
        ["espeak-ng", "-v", name, "-s", str(speed), "-p", str(pitch), "--stdout", text],
        check=True,
        capture_output=True,
    ).stdout
    if line[44:] != raw:  # a WAV header of 44 bytes, then the samples
        raise RuntimeError(f"libespeak-ng and espeak-ng differ for « {text} »")
    full = read_wav(
        speak_to_wav(
            text, voice=name, speed=speed, pitch=pitch, lead_silence_s=0, trail_silence_s=0
        )
    )
    own = array("h", raw)
    if abs(len(full) - _to_16k(len(own))) > MS:
        raise RuntimeError(f"« {text} »: {len(full)} samples at 16 kHz for {len(own)} at 22 kHz")
    if abs(_aligned_lag(own, full)) > 1:
        raise RuntimeError(f"« {text} »: the corpus WAV is shifted against libespeak-ng")
    clip = render_speech(text, *voice)
    first = full.tobytes().find(clip.tobytes())  # where render_speech cut the silence off
    if first < 0 or first % 2:
        raise RuntimeError(f"« {text} »: render_speech's clip is not in the corpus WAV")
    first //= 2
    shift = library.LEAD - first
    return [
        Word(word, _to_16k(start) + shift, min(_to_16k(end) + shift, library.LEAD + len(clip)))
        for words, start, end in word_times(text, phonemes)
        for word in words
    ]
