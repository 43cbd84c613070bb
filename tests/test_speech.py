"""Speech rendering with the real pyttsx3 + espeak-ng, and the speakers that need no sound card."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import wave
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.audio.playback import Pcm
from assistant.settings import VoiceSettings
from assistant.speaking.speaker import (
    SilentSpeaker,
    SpeechUnavailable,
    WavFileSpeaker,
    open_speaker,
)
from assistant.speaking.tts_render import MAX_PIECE_CHARS, TtsRenderer, split_sentences

PROJECT_DIR = Path(__file__).resolve().parent.parent
STEP = (
    "Ouvrez votre navigateur internet, puis allez sur le site ameli point f r "
    "et cliquez sur Mon compte."
)  # 17 words, like a memo step
LONG_TEXT = " ".join(
    f"Étape {n} : cliquez sur le bouton bleu, puis vérifiez votre numéro de sécurité sociale."
    for n in range(240)
)  # about 21 KB: above the size that segfaults pyttsx3's espeak driver in one piece


@pytest.fixture(scope="module")
def renderer() -> Iterator[TtsRenderer]:
    engine = TtsRenderer()
    yield engine
    engine.close()


def run_python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh interpreter, so a crash or exit(1) fails the test, not pytest."""
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=PROJECT_DIR,
        env={**os.environ, "PYTHONPATH": str(PROJECT_DIR), **env},
    )


def test_a_french_voice_is_chosen(renderer: TtsRenderer) -> None:
    assert renderer.french_voice_found
    assert "fr" in renderer.voice_id.lower()
    assert renderer.voice_description.startswith("Voix française : ")


def test_a_step_renders_to_audible_mono_speech_of_plausible_length(renderer: TtsRenderer) -> None:
    pcm = renderer.render(STEP, VoiceSettings())
    assert (pcm.sample_rate, pcm.channels) == (22050, 1)
    assert 1.5 <= pcm.duration_s <= 12.0
    assert pcm.rms() > 500  # speech, not silence (full scale is 32767)
    double = renderer.render(f"{STEP} {STEP}", VoiceSettings())
    assert 1.6 < double.duration_s / pcm.duration_s < 2.4


def test_rate_levels_change_the_duration_in_the_right_direction(renderer: TtsRenderer) -> None:
    slow, normal, fast = (
        renderer.render(STEP, VoiceSettings(rate_level=level)).duration_s for level in (-3, 0, 3)
    )
    assert slow / normal > 1.2
    assert normal / fast > 1.2


def test_volume_levels_change_the_loudness_in_the_right_direction(renderer: TtsRenderer) -> None:
    quiet, normal, loud = (
        renderer.render(STEP, VoiceSettings(volume_level=level)).rms() for level in (-3, 0, 3)
    )
    assert quiet < 0.75 * normal
    assert loud > 1.2 * normal


def test_settings_change_between_consecutive_renders(renderer: TtsRenderer) -> None:
    # pyttsx3 used to cancel settings still queued in espeak: each render must use its own.
    levels = [0, -3, 3, 0, -3, 3]
    durations = [renderer.render(STEP, VoiceSettings(rate_level=lv)).duration_s for lv in levels]
    assert durations[0] == pytest.approx(durations[3], rel=0.02)
    assert durations[1] == pytest.approx(durations[4], rel=0.02)
    assert durations[1] > durations[0] > durations[2]


def test_sentences_are_split_at_sentence_ends_not_inside_web_addresses() -> None:
    pieces = split_sentences("Allez sur ameli.fr puis cliquez. C'est fait ! Bravo…\nSuite")
    assert pieces == ["Allez sur ameli.fr puis cliquez.", "C'est fait !", "Bravo…", "Suite"]
    assert split_sentences("  \n ... ") == []


@given(st.text(alphabet=st.sampled_from("abé9 ,.!?…\n:;-'"), max_size=3000))
def test_split_keeps_every_letter_in_order_in_short_pieces(text: str) -> None:
    pieces = split_sentences(text)
    assert all(0 < len(piece) <= MAX_PIECE_CHARS for piece in pieces)
    assert [c for c in text if c.isalnum()] == [c for piece in pieces for c in piece if c.isalnum()]


WORDS = st.text(alphabet=st.sampled_from("abcdéèà'-"), min_size=1, max_size=25)


@given(st.lists(st.tuples(WORDS, st.sampled_from([" ", ", ", ". ", " ! ", "\n"])), max_size=400))
def test_split_never_cuts_a_word(parts: list[tuple[str, str]]) -> None:
    text = "".join(word + gap for word, gap in parts)
    spoken = [word for word in text.split() if any(c.isalnum() for c in word)]
    pieces = split_sentences(text)
    assert [w for piece in pieces for w in piece.split() if any(c.isalnum() for c in w)] == spoken


def test_twenty_kilobytes_render_without_crashing_in_pieces(tmp_path: Path) -> None:
    target = tmp_path / "long.wav"
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from assistant.settings import VoiceSettings\n"
        "from assistant.speaking.speaker import open_speaker\n"
        f"speaker = open_speaker(muted=False, wav_path=Path({str(target)!r}))\n"
        "print(speaker.say(sys.stdin.read(), VoiceSettings(rate_level=3)))\n"
        "speaker.close()\n"
    )
    assert len(LONG_TEXT.encode()) > 20_000
    result = subprocess.run(
        [sys.executable, "-c", code],
        input=LONG_TEXT,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=PROJECT_DIR,
        env={**os.environ, "PYTHONPATH": str(PROJECT_DIR)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout == "True\n"
    with wave.open(str(target)) as wav:
        minutes = wav.getnframes() / wav.getframerate() / 60
    assert minutes > 5  # 240 spoken steps, not a truncated first piece


def test_the_engine_never_writes_on_standard_output() -> None:
    # pyttsx3's espeak driver prints "Audio saved to …" after every file; the text mode's
    # stdout is read by people and by tests, so it must only carry what we print.
    result = run_python(
        "from assistant.settings import VoiceSettings\n"
        "from assistant.speaking.tts_render import TtsRenderer\n"
        "renderer = TtsRenderer()\n"
        "pcms = [renderer.render(s, VoiceSettings()) for s in ('Bonjour.', 'Étape deux.')]\n"
        "renderer.close()\n"
        "print('durées', all(p.duration_s > 0.3 for p in pcms))\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "durées True\n"


def test_broken_espeak_data_gives_a_french_message_and_the_process_goes_on(
    tmp_path: Path,
) -> None:
    # With no data, libespeak-ng calls exit(1) during initialisation: it must not end the session.
    result = run_python(
        "from pathlib import Path\n"
        "from assistant.speaking.speaker import SpeechUnavailable, open_speaker\n"
        "try:\n"
        f"    open_speaker(muted=False, wav_path=Path({str(tmp_path / 'x.wav')!r}))\n"
        "except SpeechUnavailable as problem:\n"
        "    print('message:', problem)\n"
        "print('la session continue')\n",
        ESPEAK_DATA_PATH=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "message: La voix de synthèse ne démarre pas (espeak-ng absent ou abîmé).",
        "la session continue",
    ]
    assert "Traceback" not in result.stderr


def read_wav(path: Path) -> Pcm:
    with wave.open(str(path)) as wav:
        return Pcm(wav.readframes(wav.getnframes()), wav.getframerate(), wav.getnchannels())


def test_wav_speaker_writes_every_utterance_and_the_beep_into_one_file(tmp_path: Path) -> None:
    target = tmp_path / "sortie.wav"
    speaker = open_speaker(muted=True, wav_path=target)  # a file makes no sound: --muet is moot
    assert isinstance(speaker, WavFileSpeaker)
    assert speaker.describe().startswith("Voix française : ")
    assert speaker.say("", VoiceSettings())
    assert speaker.say(" ... ", VoiceSettings())
    assert speaker.say("Bonjour.", VoiceSettings())
    after_one = read_wav(target).duration_s  # readable while still open
    assert speaker.say(f"{STEP} Étape suivante.", VoiceSettings())
    speaker.beep()
    speaker.close()
    written = read_wav(target)
    assert (written.sample_rate, written.channels) == (22050, 1)
    assert 0.5 < after_one < 3.0
    gaps = 3 * WavFileSpeaker.GAP_S
    assert written.duration_s > after_one + 2.0 + gaps
    assert written.rms() > 300


def test_interrupt_applies_to_the_current_utterance_only(tmp_path: Path) -> None:
    target = tmp_path / "sortie.wav"
    speaker = WavFileSpeaker(TtsRenderer(), target)
    speaker.interrupt()  # nothing is being said: must not silence the next utterance
    assert speaker.say("Bonjour.", VoiceSettings())
    size_before = target.stat().st_size
    results: list[bool] = []

    def say_long_text() -> None:
        results.append(speaker.say(LONG_TEXT, VoiceSettings()))

    talking = threading.Thread(target=say_long_text)
    talking.start()
    while target.stat().st_size == size_before and talking.is_alive():
        time.sleep(0.001)  # wait until the long text has really started
    speaker.interrupt()
    talking.join(timeout=120)
    speaker.close()
    assert results == [False]
    assert read_wav(target).duration_s < 60  # all of LONG_TEXT would be about 25 minutes


class FailsOnSecondSentence(TtsRenderer):
    """Fault injection: an engine failure mid-utterance cannot be triggered on demand for real."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def submit(self, sentence: str, settings: VoiceSettings) -> Future[Pcm]:
        self.calls += 1
        if self.calls != 2:
            return super().submit(sentence, settings)
        broken: Future[Pcm] = Future()
        broken.set_exception(SpeechUnavailable("La voix de synthèse ne répond plus."))
        return broken


def test_an_engine_failure_mid_utterance_is_a_french_message_and_speech_goes_on(
    tmp_path: Path,
) -> None:
    speaker = WavFileSpeaker(FailsOnSecondSentence(), tmp_path / "sortie.wav")
    with pytest.raises(SpeechUnavailable, match=r"^La voix de synthèse ne répond plus\.$"):
        speaker.say("Première phrase. Deuxième phrase. Troisième phrase.", VoiceSettings())
    assert speaker.say("Encore une phrase.", VoiceSettings())
    speaker.close()
    assert read_wav(tmp_path / "sortie.wav").duration_s > 1.0


def test_a_closed_renderer_refuses_work_with_a_french_message() -> None:
    renderer = TtsRenderer()
    renderer.close()
    with pytest.raises(SpeechUnavailable, match="voix de synthèse"):
        renderer.render("Bonjour.", VoiceSettings())


def test_unwritable_wav_path_is_a_french_message(tmp_path: Path) -> None:
    with pytest.raises(SpeechUnavailable, match=r"^Impossible d'écrire le fichier audio"):
        open_speaker(muted=False, wav_path=tmp_path / "absent" / "sortie.wav")


def test_muted_speaker_says_nothing_and_returns_at_once() -> None:
    speaker = open_speaker(muted=True)
    assert isinstance(speaker, SilentSpeaker)
    assert speaker.say(STEP, VoiceSettings())
    speaker.beep()
    speaker.interrupt()
    assert speaker.describe() == "Voix coupée (mode muet)."
    speaker.close()


def test_voice_levels_map_to_engine_values_around_the_default() -> None:
    assert VoiceSettings().words_per_minute(200) == 148  # ≈ 145 words/min, bench_rate.py
    rates = [VoiceSettings(rate_level=lv).words_per_minute(200) for lv in range(-4, 5)]
    assert rates == sorted(rates) and rates[0] == rates[1] and rates[-1] == rates[-2]
    assert VoiceSettings(volume_level=-3).volume() == 0.4
    assert VoiceSettings(volume_level=3).volume() == 1.0
    assert VoiceSettings(volume_level=9).volume() == 1.0
