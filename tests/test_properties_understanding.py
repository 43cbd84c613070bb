"""The command layer on any text at all: it answers a valid command and never raises.

Whatever a recogniser, a keyboard or a paste produces reaches `Understanding.understand`,
so it is fed arbitrary Unicode (control characters, emoji, combining accents, huge strings)
and, because random text almost never looks like French, sentences built from the real
vocabulary with fillers, frames, odd case, missing accents and punctuation in between.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from assistant.conversation import vocabulary
from assistant.conversation.command_markers import aside, said_to_us
from assistant.conversation.commands import SUGGESTABLE, Command, CommandName
from assistant.conversation.guide import Guide
from assistant.conversation.understanding import Understanding, normalize
from assistant.conversation.wordforms import plain_words
from assistant.guides.loader import load_guide
from tests.property_cases import budget, case_report

AMELI = Path(__file__).resolve().parent.parent / "guides" / "ameli.yaml"
GUIDE: Guide = load_guide(AMELI)
PROCEDURE_IDS = frozenset(procedure.id for procedure in GUIDE.procedures)
MEMO = Understanding(GUIDE)
BUILT_IN = Understanding(None)

CASES: Counter[str] = Counter()
"""Cases actually tried per property, reported at the end of the module."""

FAST = budget(400)
HUGE = budget(40)


report_cases = case_report(CASES)


def _known_words() -> list[str]:
    phrases = [phrase for group in vocabulary.PHRASES.values() for phrase in group]
    phrases += [form for forms in vocabulary.VERB_FORMS.values() for form in forms]
    phrases += [*vocabulary.FILLERS, *vocabulary.POLITE_PREFIXES, *vocabulary.POLITE_SUFFIXES]
    phrases += [*vocabulary.DETERMINERS, *vocabulary.NUMBERS, *vocabulary.STEP_WORDS]
    phrases += [*vocabulary.DROPPED_WORDS, *vocabulary.VERB_FORMS]
    for procedure in GUIDE.procedures:
        phrases += [*procedure.phrases, procedure.title]
    return sorted(set(phrases))


KNOWN = _known_words()
SEPARATORS = st.sampled_from(
    [" ", "  ", ", ", "... ", " ! ", "\t", "\n", "'", "-", " ?", "\x00", "😀", "\u200b"]
)

any_text = st.text(
    alphabet=st.characters(codec=None, exclude_categories=()),  # every code point, C* included
    max_size=200,
)
control_text = st.text(alphabet=st.characters(max_codepoint=0x9F), max_size=80)
accented = st.text(alphabet="aàâäeéèêëiîïoôöuùûüyÿcçœæAÀÉÈÊÇŒ'’ -0123456789", max_size=60)
emoji = st.text(alphabet=st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF), max_size=20)


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@st.composite
def vocabulary_sentences(draw: st.DrawFn) -> str:
    """Known words and phrases glued by odd separators, in odd case, sometimes decomposed."""
    pieces = draw(st.lists(st.sampled_from(KNOWN), min_size=1, max_size=6))
    text = ""
    for piece in pieces:
        text += draw(SEPARATORS) + piece
    style = draw(st.sampled_from(["same", "upper", "title", "bare", "NFD", "NFKC"]))
    if style == "upper":
        text = text.upper()
    elif style == "title":
        text = text.title()
    elif style == "bare":
        text = _strip_accents(text)
    elif style == "NFD":
        text = unicodedata.normalize("NFD", text)
    elif style == "NFKC":
        text = unicodedata.normalize("NFKC", text)
    return text


@st.composite
def huge_texts(draw: st.DrawFn) -> str:
    """Up to about 1 MB: a pasted document, or one word held down on the keyboard."""
    unit = draw(st.one_of(st.sampled_from(KNOWN), st.text(min_size=1, max_size=12)))
    glue = draw(st.sampled_from(["", " ", "\n", "😀"]))
    return glue.join([unit] * draw(st.integers(min_value=100, max_value=100_000)))


every_text = st.one_of(any_text, control_text, accented, emoji, vocabulary_sentences())


def assert_valid(command: object, procedure_ids: frozenset[str]) -> None:
    assert isinstance(command, Command)
    assert isinstance(command.name, CommandName)
    if command.name is CommandName.GOTO_STEP:
        assert isinstance(command.step_number, int) and command.step_number >= 1
    else:
        assert command.step_number is None
    if command.name is CommandName.OPEN_PROCEDURE:
        assert command.procedure_id in procedure_ids
    elif command.name is CommandName.SUGGEST:  # the procedures the words named, kept behind
        assert command.procedure_id in (None, *procedure_ids)
        assert set(command.choices) <= procedure_ids and command.suggested in SUGGESTABLE
    else:
        assert command.procedure_id is None
    # Only the listening loop sends SILENCE; no words can mean it.
    assert command.name is not CommandName.SILENCE


@FAST
@given(every_text)
def test_any_text_gives_a_valid_command(text: str) -> None:
    CASES["any text"] += 1
    assert_valid(MEMO.understand(text), PROCEDURE_IDS)
    assert_valid(BUILT_IN.understand(text), frozenset())


@HUGE
@given(huge_texts())
def test_huge_texts_give_a_valid_command(text: str) -> None:
    CASES["huge text"] += 1
    assert_valid(MEMO.understand(text), PROCEDURE_IDS)


@FAST
@given(every_text)
def test_normalize_is_idempotent(text: str) -> None:
    CASES["normalize idempotent"] += 1
    once = normalize(text)
    assert normalize(once) == once
    assert once == once.strip() and "  " not in once
    assert all(char.isalnum() or char == " " for char in once)
    assert once == once.lower()


def test_letters_that_decompose_to_capitals_are_lowercased() -> None:
    CASES["decomposed capitals"] += 1
    assert normalize("𝐀 ℌ") == normalize(normalize("𝐀 ℌ")) == "a h"
    assert MEMO.understand("𝐒𝐔𝐈𝐕𝐀𝐍𝐓") == Command(CommandName.NEXT)


@FAST
@given(vocabulary_sentences())
@example(" continue il faut dire quoi tout reprendre")
def test_the_command_depends_only_on_the_normalized_words(text: str) -> None:
    CASES["same as normalized"] += 1
    heard, folded = MEMO.understand(text), MEMO.understand(normalize(text))
    if heard != folded:
        # Two layers read the person of the verb (« éteignez pas si fort » is said to us;
        # folded, « éteins » could be said to anyone): the markers, and whether a command the
        # learned topics guessed is said to us (done) or not (asked), or to or of someone
        # else (« s'il te plaît », « elle »: asked). Nothing else may change.
        marked, marked_folded = MEMO.marker(text), MEMO.marker(normalize(text))
        # The marked command may itself be doubted by a sure model: a question then (« il faut
        # dire quoi … reprendre »: help marked, resuming 0.998, asked).
        doubted = marked is not None and heard.name is CommandName.SUGGEST
        by_marker = marked != marked_folded and (
            heard == marked or folded == marked_folded or doubted
        )
        to_us = said_to_us(plain_words(text)), said_to_us(plain_words(normalize(text)))
        told = [aside(plain_words(t), MEMO.topics.is_person) for t in (text, normalize(text))]
        asked = {heard.name, folded.name} & {CommandName.SUGGEST, CommandName.NOT_UNDERSTOOD}
        assert by_marker or ((to_us[0] != to_us[1] or told[0] != told[1]) and asked)


@FAST
@given(vocabulary_sentences())
def test_case_and_accents_never_change_the_command(text: str) -> None:
    CASES["case and accents"] += 1
    command = MEMO.understand(text)
    assert MEMO.understand(text.upper()) == command
    assert MEMO.understand(_strip_accents(text)) == command


@FAST
@given(st.sampled_from(KNOWN), st.sampled_from(vocabulary.FILLERS), st.sampled_from(["", " "]))
def test_fillers_around_a_phrase_change_nothing(phrase: str, filler: str, space: str) -> None:
    CASES["fillers around"] += 1
    command = MEMO.understand(phrase)
    assert _same_but_said_to_us(MEMO.understand(f"{filler} {phrase}{space}"), command, filler)
    if not (filler == "bon" and normalize(phrase).endswith("est")):
        # The one documented exception: « c'est bon » means done, so « bon » stays after « est ».
        assert _same_but_said_to_us(MEMO.understand(f"{phrase} {filler}"), command, filler)


def _same_but_said_to_us(heard: Command, alone: Command, filler: str) -> bool:
    """The same command; or, when the filler speaks to the assistant (« écoutez », « s'il vous
    plaît »), the command the learned topics only asked about alone (« dire »: help)."""
    if heard == alone:
        return True
    if alone.name is not CommandName.SUGGEST or alone.suggested is None:
        return False
    return said_to_us(plain_words(filler)) and heard == Command(alone.suggested)
