"""Topic understanding on generated sentences: it never opens a topic the words do not name.

Sentences are built from the memo's own vocabulary (titles, phrases, mots), little words,
chatter words and arbitrary text, in any order: whatever a recogniser or a keyboard may send.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from assistant.conversation import topic_words, vocabulary
from assistant.conversation.commands import CommandName
from assistant.conversation.guide import Guide
from assistant.conversation.understanding import Understanding, normalize
from assistant.guides.loader import load_guide
from tests.property_cases import budget, case_report

AMELI = Path(__file__).resolve().parent.parent / "guides" / "ameli.yaml"
GUIDE: Guide = load_guide(AMELI)
MEMO = Understanding(GUIDE)
TOPICS = MEMO.topics

CASES: Counter[str] = Counter()
report_cases = case_report(CASES)


def _vocabulary_texts() -> list[str]:
    texts = []
    for procedure in GUIDE.procedures:
        texts += [procedure.title, *procedure.phrases, *procedure.words]
    return texts


def _own_tokens(procedure_id: str) -> set[str]:
    procedure = GUIDE.procedure(procedure_id)
    assert procedure is not None
    texts = (procedure.title, *procedure.phrases, *procedure.words)
    return {t for text in texts for t in TOPICS.tokens(normalize(text))}


OWN = {procedure.id: _own_tokens(procedure.id) for procedure in GUIDE.procedures}
VOCABULARY = sorted({w for text in _vocabulary_texts() for w in text.split()})
LITTLE = sorted(topic_words.STOP_WORDS)
ELSEWHERE = sorted({*topic_words.ELSEWHERE_WORDS, *topic_words.PEOPLE_WORDS})

word = st.one_of(
    st.sampled_from(VOCABULARY),
    st.sampled_from(LITTLE),
    st.sampled_from(ELSEWHERE),
    st.text(alphabet="abcdeéèfghijlmnopqrstuvz'-", min_size=1, max_size=10),
    st.just("[unk]"),
)
sentences = st.lists(word, min_size=1, max_size=12).map(" ".join)
without_vocabulary = st.lists(
    st.one_of(st.sampled_from(LITTLE), st.sampled_from(ELSEWHERE), st.just("[unk]")),
    min_size=1,
    max_size=12,
).map(" ".join)


@budget(500)
@given(sentences)
def test_no_sentence_opens_a_topic_none_of_whose_words_it_contains(text: str) -> None:
    CASES["topic shares a word"] += 1
    said = normalize(text)
    tokens = set(TOPICS.tokens(said))
    for procedure_id in TOPICS.choose(said).procedure_ids:
        assert tokens & OWN[procedure_id], (text, procedure_id)


@budget(300)
@given(without_vocabulary)
def test_little_words_and_chatter_alone_never_open_or_ask(text: str) -> None:
    CASES["no vocabulary, no topic"] += 1
    got = MEMO.understand(text)
    assert got.name not in (CommandName.OPEN_PROCEDURE, CommandName.CHOOSE_PROCEDURE), text


@budget(300)
@given(sentences)
def test_a_question_offers_one_to_three_procedures_in_menu_order(text: str) -> None:
    CASES["question shape"] += 1
    got = MEMO.understand(text)
    if got.name is CommandName.CHOOSE_PROCEDURE:
        order = [p.id for p in GUIDE.procedures]
        assert 1 <= len(got.choices) <= 3  # one: « Vous voulez : … ? Dites oui ou non. »
        assert list(got.choices) == sorted(got.choices, key=order.index)


ORDERS = sorted(
    p
    for name, phrases in vocabulary.PHRASES.items()
    if name not in (CommandName.YES, CommandName.NO)
    for p in phrases
    if len(p.split()) >= 2 and MEMO.understand(p).name is name
)
reasons = st.lists(
    st.one_of(st.sampled_from(LITTLE), st.sampled_from(ELSEWHERE)), min_size=1, max_size=6
).map(" ".join)


@budget(400)
@given(st.sampled_from(ORDERS), reasons, st.booleans())
def test_a_reason_never_changes_which_command_is_heard(
    order: str, reason: str, reason_first: bool
) -> None:
    """« plus fort, il y a du bruit »: the order, or nothing, or a procedure the reason names
    (« portable » is also a word of « Vérifier mes informations »), or a question; never
    another command."""
    CASES["order with a reason"] += 1
    alone = MEMO.understand(order)
    text = f"{reason} {order}" if reason_first else f"{order} {reason}"
    got = MEMO.understand(text)
    topics = (CommandName.OPEN_PROCEDURE, CommandName.CHOOSE_PROCEDURE)
    # SUGGEST is a question from the learned topics (« Vous voulez que j'explique … ? »):
    # it never acts.
    asked = CommandName.SUGGEST
    assert got.name in (alone.name, CommandName.NOT_UNDERSTOOD, asked, *topics), (text, got.name)
