"""The end-to-end latency measurement (scripts/bench_end_to_end.py) and what it stands on.

The real program listens and speaks on a private PulseAudio sink; the commands are real
espeak-ng speech (Korean voice, phrases of tests/data/coreen.yaml, Korean model). Everything is
read in samples of the sink's recording, never the wall clock, and no delay is asserted: how long
a reply takes depends on the machine's load, and belongs to the benchmark. What is guarded here
is the mechanism: each command is found, gets exactly one reply, never before it has ended.
"""

from __future__ import annotations

import sys
from array import array
from pathlib import Path

import pytest

from tests.spoken_audio import espeak_available

SCRIPTS_DIR = Path(__file__).resolve().parent.parent / "scripts"
if str(SCRIPTS_DIR) not in sys.path:
    sys.path.insert(0, str(SCRIPTS_DIR))

from bench_e2e_session import commands, run_session  # noqa: E402
from bench_e2e_signal import Played, read_session  # noqa: E402

pytestmark = pytest.mark.skipif(not espeak_available(), reason="espeak-ng ou sox absent")

RATE = 16000
VOICES = [(150, 50), (170, 50), (135, 50)]
"""Speeds at which the Korean model reliably understands espeak-ng's Korean voice."""


def _overlay(recording: array[int], at: int, sound: array[int]) -> None:
    for i, x in enumerate(sound, start=at):
        recording[i] = max(-32768, min(32767, recording[i] + x))


def test_a_recording_is_read_back_to_the_sample(tmp_path: Path) -> None:
    """A session built by hand: two commands at known offsets, each followed by a « reply »
    (a loud tone) a known number of samples after its speech ended, one of them while the
    command's silent tail is still playing."""
    first, second = commands(tmp_path, 2, VOICES)
    reply = array("h", [4000 if (i // 20) % 2 else -4000 for i in range(RATE)])
    recording = array("h", bytes(2 * 12 * RATE))
    played = []
    for command, start, delay in ((first, 12345, 3210), (second, 5 * RATE + 777, 6543)):
        # The sender's guess of where the command starts is off, as on a real sound server.
        end = start + len(command.samples)
        played.append(Played(command.samples, command.speech_end, start - 700, end + 300))
        _overlay(recording, start, command.samples)
        _overlay(recording, start + command.speech_end + delay, reply)
    heard = read_session(recording, played)
    assert [h.latency_ms if h else None for h in heard] == [3210 / 16, 6543 / 16]
    assert all(h is not None and len(h.replies) == 1 and not h.early for h in heard)


def test_a_reply_during_the_command_is_caught_as_early(tmp_path: Path) -> None:
    (command,) = commands(tmp_path, 1, VOICES)
    recording = array("h", bytes(2 * 8000)) + command.samples + array("h", bytes(2 * RATE))
    reply = array("h", [6000 if (i // 20) % 2 else -6000 for i in range(8000)])
    _overlay(recording, 8000 + command.speech_end - 1600, reply)  # 0.1 s before speech ends
    played = Played(command.samples, command.speech_end, 8000, 8000 + len(command.samples))
    (heard,) = read_session(recording, [played])
    assert heard is not None and heard.early and heard.intact


def test_every_command_gets_one_reply_after_it_ends(
    virtual_audio: str, korean_model_dir: Path, tmp_path: Path
) -> None:
    spoken = commands(tmp_path / "commandes", 5, VOICES)
    session = run_session(virtual_audio, korean_model_dir, spoken, tmp_path / "maison")
    assert session.problem == "", session.screen
    assert len(session.heard) == len(spoken)
    for command, heard in zip(spoken, session.heard, strict=True):
        assert heard is not None, f"{command.path.name} introuvable dans l'enregistrement"
        assert heard.intact  # the sink carries the command unchanged
        assert len(heard.replies) == 1, (command.path.name, heard.replies, session.screen)
        assert heard.replies[0][0] >= heard.speech_end
    # The sounds heard are the conversation's answers: one step shown per command.
    assert session.screen.count("ÉTAPE 1 SUR") == len(spoken)
