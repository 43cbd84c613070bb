"""A test that listens: every sentence the assistant can say, through espeak-ng's French voice.

`espeak-ng -v fr -q -x` prints how a text is pronounced. A « (en) » in it means the voice
switched to English mid-sentence (« CEAM » was « (en)s'i:m(fr) »); the known bad readings
below are the ones a listener heard. The lexicon must make each of its entries sound different,
or it does nothing for espeak-ng.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.conversation import core as conversation
from assistant.conversation.commands import Command, CommandName
from assistant.conversation.guide import Guide
from assistant.conversation.pronunciation import Lexicon
from assistant.guides.loader import load_guide
from assistant.speaking import phonemes
from assistant.speaking.lexicon import lexicon_for, package_lexicon
from assistant.speaking.tts_render import split_sentences
from tests.said_sentences import core_replies, spoken_sentences

pytestmark = pytest.mark.skipif(not phonemes.available(), reason="espeak-ng absent")

AMELI = Path(__file__).resolve().parent.parent / "guides" / "ameli.yaml"
KNOWN_BAD = {
    "aml'i": "« ameli » dit « amli »",
    "mZ'En": "« MGEN » dit comme un mot",
    "ib'A~": "« IBAN » dit « i-ban » nasal",
    "kp'am": "« CPAM » dit comme un mot",
    "_!'Er _!'i b'e": "« RIB » épelé « èr i bé »",
}
"""Phoneme strings of readings a listener heard as wrong."""


def problems(sentences: list[str]) -> list[str]:
    said = phonemes.phonemes(sentences)
    found = []
    for sentence, sounds in zip(sentences, said, strict=True):
        if phonemes.switches(sounds):
            found.append(f"{sentence!r} change de langue : {sounds}")
        if sentence.startswith("J'épelle"):
            continue  # letters one by one are meant to be heard as letters
        found += [f"{sentence!r} : {why}" for bad, why in KNOWN_BAD.items() if bad in sounds]
    return found


@pytest.fixture(scope="module")
def ameli() -> Guide:
    return load_guide(AMELI)


def test_every_sentence_with_the_ameli_memo_sounds_french(ameli: Guide) -> None:
    sentences = spoken_sentences(ameli, lexicon_for(ameli))
    assert len(sentences) > 300  # steps, explanations, titles, help, questions, notices
    assert problems(sentences) == []


def test_the_test_hears_ceam_without_the_lexicon(ameli: Guide) -> None:
    raw = spoken_sentences(ameli, Lexicon())
    heard = problems([sentence for sentence in raw if "CEAM" in sentence])
    assert heard and all("change de langue" in problem for problem in heard)


@pytest.mark.parametrize("written", [w for w, _ in package_lexicon().entries])
def test_each_lexicon_entry_changes_what_espeak_says(written: str) -> None:
    said = dict(package_lexicon().entries)[written]
    before, after = phonemes.phonemes([written, said])
    assert phonemes.switches(after) == [], after
    if said.casefold() != written.casefold():  # a case-only entry is for voices that spell
        assert before != after, f"« {written} » se dit déjà ainsi : {before}"


def test_the_list_holds_every_sentence_the_core_reaches(ameli: Guide) -> None:
    """A walk of three commands from the start: nothing said there is missing from the list."""
    listed = {p for reply in core_replies(ameli) for p in split_sentences(reply.speech)}
    commands = [Command(name) for name in CommandName if name is not CommandName.OPEN_PROCEDURE]
    commands += [Command(CommandName.GOTO_STEP, step_number=n) for n in range(16)]
    commands += [Command(CommandName.OPEN_PROCEDURE, procedure_id=p.id) for p in ameli.procedures]
    first = conversation.start(ameli)
    frontier, seen = [first.state], {replace(first.state, last_replies=())}
    reached = {p for reply in first.replies for p in split_sentences(reply.speech)}
    for _ in range(3):
        following = []
        for state in frontier:
            for command in commands:
                turn = conversation.handle(ameli, state, command)
                reached |= {p for r in turn.replies for p in split_sentences(r.speech)}
                key = replace(turn.state, last_replies=())
                if key not in seen:
                    seen.add(key)
                    following.append(turn.state)
        frontier = following
    assert reached - listed == set()


def test_a_memo_section_can_fix_a_word(ameli: Guide) -> None:
    fixed = replace(ameli, pronunciation=(("Vitale", "vitalle"),))
    assert lexicon_for(fixed).spoken("la carte Vitale") == "la carte vitalle"
    assert re.search("vitalle", " ".join(spoken_sentences(fixed, lexicon_for(fixed))))
