"""`memo-vocal ecouter`: hear a whole memo before putting it in front of the public.

Each step is said as the assistant would say it (title first, secret warning, the step with
its hints), then its explanation, all after the pronunciation lexicon. Said aloud in order,
or written as one WAV file per step with an index, so a librarian can listen anywhere.
"""

from __future__ import annotations

import wave
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from assistant.conversation import wording
from assistant.conversation.guide import Guide, Procedure
from assistant.guides.loader import GuideError, load_guide
from assistant.settings import VoiceSettings
from assistant.speaking.lexicon import lexicon_for
from assistant.speaking.speaker import SpeechUnavailable, open_speaker
from assistant.speaking.tts_render import TtsRenderer, split_sentences

INDEX_NAME = "index.txt"
_Spoken = Callable[[str], str]


@dataclass(frozen=True)
class Heard:
    """One step of the memo as it is heard."""

    procedure: Procedure
    order: int
    """The procedure's place in the memo, from 1: file names sort in memo order."""
    number: int
    text: str
    """The written text (the screen's words); the lexicon is applied when it is spoken."""

    @property
    def file_name(self) -> str:
        return f"{self.order:02d}-{self.procedure.id}-etape-{self.number:02d}.wav"


def heard_steps(guide: Guide, procedure_id: str | None) -> list[Heard]:
    steps = []
    for order, procedure in enumerate(guide.procedures, start=1):
        if procedure_id not in (None, procedure.id):
            continue
        for index, step in enumerate(procedure.steps):
            replies = list(wording.step(procedure, index))
            if index == 0:
                replies.insert(0, wording.announce(procedure.title))
            if step.explain:
                replies.append(wording.plain("Explication."))
                replies.append(wording.explanation(step.explain))
            text = " ".join(reply.speech for reply in replies)
            steps.append(Heard(procedure, order, index + 1, text))
    return steps


def listen(path: Path, procedure_id: str | None, folder: Path | None, out: TextIO) -> int:
    try:
        guide = load_guide(path)
    except GuideError as error:
        out.write(f"Ce mémo ne peut pas être lu.\n{error}\n")
        return 1
    if procedure_id is not None and guide.procedure(procedure_id) is None:
        known = ", ".join(procedure.id for procedure in guide.procedures)
        out.write(f"Aucune procédure « {procedure_id} » dans ce mémo. Identifiants : {known}.\n")
        return 1
    steps = heard_steps(guide, procedure_id)
    spoken = lexicon_for(guide).spoken
    try:
        if folder is None:
            return _say_aloud(steps, spoken, out)
        return _write_files(steps, spoken, folder, out)
    except SpeechUnavailable as problem:
        out.write(f"{problem}\n")
        return 1


def _say_aloud(steps: list[Heard], spoken: _Spoken, out: TextIO) -> int:
    speaker = open_speaker(muted=False)
    try:
        for heard in steps:
            out.write(f"{heard.procedure.title}, étape {heard.number} : {heard.text}\n")
            out.flush()
            speaker.say(spoken(heard.text), VoiceSettings())
    finally:
        speaker.close()
    return 0


def _write_files(steps: list[Heard], spoken: _Spoken, folder: Path, out: TextIO) -> int:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        out.write(f"Impossible de créer le dossier {folder}.\n")
        return 1
    renderer = TtsRenderer()
    lines = ["fichier\tprocédure\tétape\tdurée (s)\ttexte"]
    total = 0.0
    try:
        for heard in steps:
            seconds = _write_wav(renderer, spoken(heard.text), folder / heard.file_name)
            total += seconds
            lines.append(
                f"{heard.file_name}\t{heard.procedure.id}\t{heard.number}\t{seconds:.1f}\t"
                f"{heard.text}"
            )
    finally:
        renderer.close()
    (folder / INDEX_NAME).write_text("\n".join(lines) + "\n", encoding="utf-8")
    minutes = f"{total / 60:.1f}".replace(".", ",")
    out.write(
        f"{len(steps)} fichiers WAV écrits dans {folder} ({minutes} min en tout), "
        f"et leur liste : {folder / INDEX_NAME}\n"
    )
    return 0


def _write_wav(renderer: TtsRenderer, text: str, path: Path) -> float:
    """One step, sentence by sentence, into one mono 16-bit WAV; its duration in seconds."""
    frames = 0
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        for index, piece in enumerate(split_sentences(text)):
            pcm = renderer.render(piece, VoiceSettings())
            if index == 0:
                wav.setframerate(pcm.sample_rate)
            data = pcm.data
            if pcm.channels != 1:  # keep the first channel
                data = array("h", data)[:: pcm.channels].tobytes()
            wav.writeframes(data)
            frames += len(data) // 2
        rate = wav.getframerate()
    return frames / rate
