"""The conversation core on any sequence of commands: always a valid state, always an answer.

`test_conversation_exploration` visits every state of a tiny guide up to five commands deep;
this module goes the other way: long random sessions (20 to 150 commands) on the real Ameli
memo and on generated memos of every shape, from any start (any voice levels, any saved
place, valid or not), with every command: GOTO_STEP with any integer, OPEN_PROCEDURE with
real and unknown ids, SILENCE and NOT_UNDERSTOOD included.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from assistant.conversation import core as conversation
from assistant.conversation import wording
from assistant.conversation.commands import Command, CommandName
from assistant.conversation.core import Mode, Place, State, Turn
from assistant.conversation.guide import Guide, Procedure, Step
from assistant.conversation.understanding import command_phrase_collision, normalize
from assistant.guides.loader import load_guide
from assistant.guides.routing_checks import bare_words
from assistant.settings import LEVEL_MAX, LEVEL_MIN
from tests.property_cases import budget, case_report

AMELI: Guide = load_guide(Path(__file__).resolve().parent.parent / "guides" / "ameli.yaml")

CASES: Counter[str] = Counter()
"""Sessions and commands actually tried, reported at the end of the module."""

SESSIONS = budget(300)


report_cases = case_report(CASES)


# --- strategies -----------------------------------------------------------------------------

_words = st.text(
    alphabet=st.characters(categories=["L", "N", "P", "Zs", "So"], exclude_characters="\x85"),
    min_size=1,
    max_size=40,
).filter(lambda text: text.strip() != "")
_ids = st.from_regex(r"[a-z0-9_]{1,12}", fullmatch=True)
_steps = st.builds(
    Step,
    say=_words,
    explain=st.none() | _words,
    screen=st.none() | _words,
    spell=st.none() | _words,
    secret=st.booleans(),
)


@st.composite
def guides(draw: st.DrawFn) -> Guide:
    """Memos as the loader lets them through: unique ids, at least one step everywhere."""
    ids = draw(st.lists(_ids, min_size=1, max_size=6, unique=True))
    taken: set[str] = set()  # spoken words already leading to another procedure, bare or not
    procedures = []
    for procedure_id in ids:
        spoken = _spoken_words(frozenset(taken))
        title = draw(spoken)
        phrases = tuple(draw(st.lists(spoken, min_size=1, max_size=3)))
        taken.update(key for text in (title, *phrases) for key in _keys(text))
        steps = tuple(draw(st.lists(_steps, min_size=1, max_size=7)))
        procedures.append(Procedure(procedure_id, title, phrases, steps))
    return Guide(title=draw(_words), introduction=draw(_words), procedures=tuple(procedures))


def _spoken_words(taken: frozenset[str]) -> st.SearchStrategy[str]:
    """Titles and phrases `valider` accepts: some words, not a command, not another's words."""

    def usable(text: str) -> bool:
        keys = _keys(text)
        return bool(keys[0]) and taken.isdisjoint(keys) and command_phrase_collision(text) is None

    return _words.filter(usable)


def _keys(text: str) -> tuple[str, str]:
    """The words `valider` compares: as said, and without the leading « le », « l' »… («
    L0 » and « 0 » collide: CI found a memo with both, which `valider` rightly refused)."""
    return normalize(text), bare_words(text)


_any_number = st.one_of(
    st.integers(min_value=-3, max_value=12),
    st.integers(),
    st.sampled_from([0, -1, 2**31, -(2**63), 10**30]),
)

# A second secret step in a row gets a short reminder instead of the full warning.
SECRET_WARNINGS = (wording.SECRET_WARNING, wording.SECRET_AGAIN)


def commands(guide: Guide) -> st.SearchStrategy[Command]:
    ids = [procedure.id for procedure in guide.procedures]
    plain = [
        Command(name)
        for name in CommandName
        if name not in (CommandName.GOTO_STEP, CommandName.OPEN_PROCEDURE)
    ]
    return st.one_of(
        st.sampled_from(plain),
        st.builds(Command, st.just(CommandName.GOTO_STEP), step_number=st.none() | _any_number),
        st.builds(
            Command,
            st.just(CommandName.OPEN_PROCEDURE),
            procedure_id=st.one_of(
                st.sampled_from(ids), st.none(), st.sampled_from(["", "inconnue"]), st.text()
            ),
        ),
        # The usual way through a memo, so long sessions also reach the last steps.
        st.sampled_from([Command(CommandName.NEXT)] * 3 + [Command(CommandName.YES)]),
    )


@st.composite
def starts(draw: st.DrawFn, guide: Guide) -> Turn:
    """Any start: saved levels from a hand-edited file, any saved place, valid or not."""
    resume = draw(
        st.none()
        | st.builds(
            Place,
            procedure_id=st.sampled_from([p.id for p in guide.procedures]) | st.text(max_size=5),
            step_number=_any_number,
        )
    )
    levels = st.integers(min_value=-5, max_value=5) | st.integers()
    return conversation.start(
        guide, resume=resume, rate_level=draw(levels), volume_level=draw(levels)
    )


# --- invariants -----------------------------------------------------------------------------


def assert_valid_state(guide: Guide, state: State) -> None:
    assert isinstance(state.mode, Mode)
    assert LEVEL_MIN <= state.rate_level <= LEVEL_MAX
    assert LEVEL_MIN <= state.volume_level <= LEVEL_MAX
    assert 0 <= state.misunderstood_in_a_row <= 2
    procedure = guide.procedure(state.procedure_id) if state.procedure_id is not None else None
    assert state.procedure_id is None or procedure is not None, "unknown procedure kept"
    if state.mode in (Mode.STEP, Mode.PROCEDURE_DONE):
        assert procedure is not None and 0 <= state.step_index < len(procedure.steps)
    if state.mode is Mode.PROCEDURE_DONE:
        assert procedure is not None and state.step_index == len(procedure.steps) - 1
    if state.mode is Mode.WELCOME:
        assert state.procedure_id is None
    if state.mode in (Mode.CONFIRM_QUIT, Mode.ENDED):
        assert state.mode_before_question not in (None, Mode.CONFIRM_QUIT, Mode.ENDED)
        assert not state.paused
    else:
        assert state.mode_before_question is None
    if state.resume_offer is not None:
        offered = guide.procedure(state.resume_offer.procedure_id)
        assert offered is not None
        assert 1 <= state.resume_offer.step_number <= len(offered.steps)
    assert (state.resume_offer is not None) == (
        Mode.OFFER_RESUME in (state.mode, state.mode_before_question)
    )
    assert state.last_replies, "« répète » must always have something to say"
    place = conversation.place_of(guide, state)
    if place is not None:
        placed = guide.procedure(place.procedure_id)
        assert placed is not None and 1 <= place.step_number <= len(placed.steps)


def secret_steps(guide: Guide) -> set[wording.Reply]:
    """How secret steps are said; a generated memo may say a plain step the same way."""
    said: dict[bool, set[wording.Reply]] = {True: set(), False: set()}
    for procedure in guide.procedures:
        for index, step in enumerate(procedure.steps):
            said[step.secret].add(wording.step(procedure, index)[-1])
    return said[True] - said[False]


def assert_replies(replies: tuple[wording.Reply, ...], secrets: set[wording.Reply]) -> None:
    for index, reply in enumerate(replies):
        assert reply.speech.strip() and reply.screen.strip(), reply
        if reply in secrets:
            # Never a password step without « tapez-le vous-même, ne le dites pas ».
            assert index > 0 and replies[index - 1] in SECRET_WARNINGS


def play(guide: Guide, first: Turn, sequence: list[Command]) -> None:
    assert_valid_state(guide, first.state)
    secrets = secret_steps(guide)
    assert first.replies
    assert_replies(first.replies, secrets)
    state = first.state
    for command in sequence:
        CASES["commands"] += 1
        turn = conversation.handle(guide, state, command)
        assert conversation.handle(guide, state, command) == turn, "not deterministic"
        assert_valid_state(guide, turn.state)
        assert_replies(turn.replies, secrets)
        if command.name is CommandName.SILENCE:
            # At most one gentle reminder; nothing while paused, after it, or once ended.
            assert len(turn.replies) <= 1
        elif state.mode is Mode.ENDED:
            assert turn.replies == (wording.GOODBYE,) and turn.state.mode is Mode.ENDED
        else:
            assert turn.replies, f"{command} in {state.mode} said nothing"
        if turn.state.mode is Mode.ENDED and state.mode is not Mode.ENDED:
            # Only an explicit « oui » to « voulez-vous vraiment quitter ? » ends a session.
            assert state.mode is Mode.CONFIRM_QUIT and command.name is CommandName.YES
        state = turn.state


@st.composite
def ameli_sessions(draw: st.DrawFn) -> tuple[Turn, list[Command]]:
    return draw(starts(AMELI)), draw(st.lists(commands(AMELI), min_size=20, max_size=150))


@st.composite
def generated_sessions(draw: st.DrawFn) -> tuple[Guide, Turn, list[Command]]:
    guide = draw(guides())
    return guide, draw(starts(guide)), draw(st.lists(commands(guide), min_size=20, max_size=150))


@SESSIONS
@given(ameli_sessions())
def test_any_session_on_the_ameli_memo_stays_valid(session: tuple[Turn, list[Command]]) -> None:
    CASES["ameli sessions"] += 1
    play(AMELI, *session)


@SESSIONS
@given(generated_sessions())
def test_any_session_on_any_memo_stays_valid(
    session: tuple[Guide, Turn, list[Command]],
) -> None:
    CASES["generated-memo sessions"] += 1
    play(*session)


@SESSIONS
@given(starts(AMELI), st.lists(commands(AMELI), max_size=40))
def test_quit_then_yes_always_ends_and_ended_stays_ended(
    first: Turn, sequence: list[Command]
) -> None:
    """Wherever the listener is, « quitter » then « oui » ends; nothing revives the session."""
    CASES["quit from anywhere"] += 1
    state = first.state
    for command in sequence:
        state = conversation.handle(AMELI, state, command).state
    for command in (Command(CommandName.QUIT), Command(CommandName.YES)):
        state = conversation.handle(AMELI, state, command).state
    assert state.mode is Mode.ENDED
    for command in sequence:
        turn = conversation.handle(AMELI, state, command)
        assert turn.state.mode is Mode.ENDED
        assert command.name is CommandName.SILENCE or turn.replies == (wording.GOODBYE,)


def memo_yaml(guide: Guide) -> str:
    """A generated memo written as a memo writer would, with the loader's French keys."""
    import yaml

    def step(each: Step) -> dict[str, object]:
        fields = {"dire": each.say, "expliquer": each.explain, "ecran": each.screen}
        fields["epeler"] = each.spell
        written: dict[str, object] = {k: v for k, v in fields.items() if v is not None}
        if each.secret:
            written["secret"] = True
        return written

    memo = {
        "titre": guide.title,
        "introduction": guide.introduction,
        "procedures": [
            {
                "id": procedure.id,
                "titre": procedure.title,
                "phrases": list(procedure.phrases),
                "etapes": [step(each) for each in procedure.steps],
            }
            for procedure in guide.procedures
        ],
    }
    return yaml.safe_dump(memo, allow_unicode=True, sort_keys=False)


@budget(150)
@given(guides())
def test_every_generated_memo_is_one_valider_accepts(guide: Guide) -> None:
    """The sessions above are only meaningful on memos a writer could really ship."""
    import tempfile

    from assistant.guides.loader import check_guide_file

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "memo.yaml"
        path.write_text(memo_yaml(guide), encoding="utf-8")
        assert check_guide_file(path) == []
