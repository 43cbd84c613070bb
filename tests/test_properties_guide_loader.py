"""The memo loader on anything a memo writer could save: a valid Guide, or French problems.

Librarians edit memos by hand, so the loader is fed random YAML and the real Ameli memo
damaged the way hand edits damage files: a line deleted or doubled, a key misspelt or given
the wrong kind of value, indentation changed, tabs, a file cut short, stray bytes. Every
outcome must be either a usable `Guide` or at least one French sentence with its line number;
never an exception, and never the loader's own "internal error" fallback, which hides a bug.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import event, given
from hypothesis import strategies as st

from assistant.conversation.guide import Guide
from assistant.guides.loader import GuideError, GuideProblem, check_guide_file, load_guide
from assistant.guides.schema import GUIDE_KEYS, PROCEDURE_KEYS, STEP_KEYS
from tests.property_cases import budget, case_report

AMELI = Path(__file__).resolve().parent.parent / "guides" / "ameli.yaml"
AMELI_BYTES = AMELI.read_bytes()
AMELI_LINES = AMELI_BYTES.decode("utf-8").splitlines(keepends=True)
KEYS = sorted({*GUIDE_KEYS, *PROCEDURE_KEYS, *STEP_KEYS})

CASES: Counter[str] = Counter()
"""Cases actually tried per property, reported at the end of the module."""

# One check of the Ameli memo takes about 45 ms: these counts keep the module near 30 s.
MEMO_FILES = budget(150)
SMALL_FILES = budget(300)

_ID = re.compile(r"[a-z0-9_]+")
# PyYAML's own words: if one reaches a memo writer, a message was not translated.
_ENGLISH = re.compile(
    r"\b(mapping|scalar|expected|found|while|could not|cannot|error|line \d|column \d|"
    r"token|node|document|stream|tag)\b",
    re.IGNORECASE,
)


report_cases = case_report(CASES)


@pytest.fixture(scope="module")
def memo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("memos")


_counter = itertools.count()


def write_memo(folder: Path, data: bytes) -> Path:
    path = folder / f"memo_{next(_counter)}.yaml"
    path.write_bytes(data)
    return path


def assert_guide_is_usable(guide: Guide) -> None:
    assert guide.title.strip() and guide.introduction.strip()
    assert guide.procedures
    ids = [procedure.id for procedure in guide.procedures]
    assert len(set(ids)) == len(ids)
    for procedure in guide.procedures:
        assert _ID.fullmatch(procedure.id)
        assert procedure.title.strip()
        assert procedure.steps
        for step in procedure.steps:
            assert step.say.strip()
            assert isinstance(step.secret, bool)
            for optional in (step.explain, step.screen, step.spell):
                assert optional is None or optional.strip()


def assert_french_problem(problem: GuideProblem, path: Path, line_count: int) -> None:
    assert problem.file == str(path)
    message = problem.message
    assert message.strip() and message.rstrip().endswith((".", "?", ")")), message
    assert "erreur interne" not in message, f"loader bug hidden as a message: {message}"
    assert not _ENGLISH.search(message.replace("ligne", "")), message
    if problem.line is not None:
        assert 1 <= problem.line <= line_count + 1, (problem.line, line_count)


def check_outcome(path: Path, data: bytes) -> list[GuideProblem]:
    """The properties every memo file must satisfy; returns the problems for extra checks."""
    problems = check_guide_file(path)  # must not raise
    assert isinstance(problems, list)
    event("valid memo" if not problems else "problems found")
    if not problems:
        assert_guide_is_usable(load_guide(path))
        return problems
    line_count = data.count(b"\n") + 1
    for problem in problems:
        assert isinstance(problem, GuideProblem)
        assert_french_problem(problem, path, line_count)
    # A line is missing only when the file as a whole is unusable, and then it is the only problem.
    if any(problem.line is None for problem in problems):
        event("whole file unusable")
        assert len(problems) == 1, problems
    with pytest.raises(GuideError) as raised:
        load_guide(path)
    assert raised.value.problems == tuple(problems)
    return problems


# --- mutated Ameli memo ---------------------------------------------------------------------

_BAD_VALUES = (
    "",
    "[]",
    "{}",
    "[a, b]",
    "{a: b}",
    "123",
    "1.5",
    "oui",
    "non",
    "~",
    "null",
    "2024-01-01",
    "!!python/object/apply:os.system ['true']",
    "!!binary aGVsbG8=",
    "*nulle_part",
    "&repere x",
    "|",
    ">-",
    '"jamais fermé',
    "'jamais fermé",
    "a: b: c",
    "- dans une liste",
    "? clé",
    "@arobase",
    "`accent grave",
    "%pourcent",
    "texte # commentaire",
    '"\\x"',
    "\t",
)
_KEY_TYPOS = (*KEYS, "Étapes", "etape", "Titre", "phrase", "dires", "ID", "procédures", "secrets")
_KEY_LINE = re.compile(r"^(\s*(?:- )?)([^\s:#][^:#]*):(.*)$", re.DOTALL)


@st.composite
def line_edit(draw: st.DrawFn, lines: list[str]) -> list[str]:
    """One hand-editing slip on one line."""
    if not lines:
        return lines
    index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
    line = lines[index]
    edit = draw(
        st.sampled_from(
            ["delete", "duplicate", "swap", "key", "value", "indent", "dedent", "tab", "join"]
        )
    )
    new = list(lines)
    if edit == "delete":
        del new[index]
    elif edit == "duplicate":
        new.insert(index, line)
    elif edit == "swap" and index + 1 < len(lines):
        new[index], new[index + 1] = new[index + 1], new[index]
    elif edit == "key" and (found := _KEY_LINE.match(line)):
        key = draw(st.one_of(st.sampled_from(_KEY_TYPOS), st.text(max_size=8)))
        new[index] = f"{found.group(1)}{key}:{found.group(3)}"
    elif edit == "value" and (found := _KEY_LINE.match(line)):
        value = draw(st.one_of(st.sampled_from(_BAD_VALUES), st.text(max_size=20)))
        new[index] = f"{found.group(1)}{found.group(2)}: {value}\n"
    elif edit == "indent":
        new[index] = " " * draw(st.integers(min_value=1, max_value=6)) + line
    elif edit == "dedent":
        new[index] = line[draw(st.integers(min_value=1, max_value=6)) :]
    elif edit == "tab":
        at = draw(st.integers(min_value=0, max_value=len(line)))
        new[index] = line[:at] + "\t" + line[at:]
    elif edit == "join" and index + 1 < len(lines):
        new[index : index + 2] = [line.rstrip("\n") + " " + lines[index + 1]]
    return new


@st.composite
def byte_edit(draw: st.DrawFn, data: bytes) -> bytes:
    """Damage as a file system or a bad copy makes it: cut short, stray or replaced bytes."""
    at = draw(st.integers(min_value=0, max_value=len(data)))
    edit = draw(st.sampled_from(["truncate", "insert", "overwrite", "none"]))
    if edit == "truncate":
        return data[:at]
    noise = draw(st.binary(min_size=1, max_size=16))
    if edit == "insert":
        return data[:at] + noise + data[at:]
    if edit == "overwrite":
        return data[:at] + noise + data[at + len(noise) :]
    return data


@st.composite
def damaged_ameli(draw: st.DrawFn) -> bytes:
    lines = list(AMELI_LINES)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        lines = draw(line_edit(lines))
    data = "".join(lines).encode("utf-8")
    if draw(st.booleans()):
        data = draw(byte_edit(data))
    return data


@MEMO_FILES
@given(damaged_ameli())
def test_a_damaged_ameli_memo_loads_or_gets_french_problems(memo_dir: Path, data: bytes) -> None:
    CASES["damaged ameli"] += 1
    check_outcome(write_memo(memo_dir, data), data)


@MEMO_FILES
@given(st.data())
def test_cutting_the_ameli_memo_anywhere_is_explained(memo_dir: Path, data: st.DataObject) -> None:
    CASES["ameli cut short"] += 1
    length = data.draw(st.integers(min_value=0, max_value=len(AMELI_BYTES) - 1))
    cut = AMELI_BYTES[:length]
    check_outcome(write_memo(memo_dir, cut), cut)


# --- random YAML ----------------------------------------------------------------------------

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["oui", "non", "paiements", "Mes paiements", "suivant", "répète", "a b"]),
)
_keys = st.one_of(st.sampled_from(_KEY_TYPOS), st.text(max_size=10), st.integers())
yaml_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=5)),
    max_leaves=30,
)


@st.composite
def memo_shaped(draw: st.DrawFn) -> object:
    """Something close to a memo, so the checks past the YAML syntax are reached too."""
    step = st.builds(
        lambda known, extra: {**extra, **known},
        st.fixed_dictionaries(
            {"dire": _scalars},
            optional={
                "expliquer": _scalars,
                "ecran": _scalars,
                "epeler": _scalars,
                "secret": _scalars,
            },
        ),
        st.dictionaries(_keys, yaml_values, max_size=2),
    )
    procedure = st.fixed_dictionaries(
        {
            "id": st.one_of(st.sampled_from(["paiements", "a_1", "Paiements", "x y"]), _scalars),
            "titre": _scalars,
            "phrases": st.one_of(st.lists(_scalars, max_size=3), _scalars),
            "etapes": st.one_of(st.lists(step, max_size=3), _scalars),
        }
    )
    return draw(
        st.fixed_dictionaries(
            {"titre": _scalars, "introduction": _scalars},
            optional={"procedures": st.one_of(st.lists(procedure, max_size=3), yaml_values)},
        )
    )


@st.composite
def yaml_documents(draw: st.DrawFn) -> bytes:
    value = draw(st.one_of(yaml_values, memo_shaped()))
    text = yaml.safe_dump(
        value,
        allow_unicode=draw(st.booleans()),
        default_flow_style=draw(st.sampled_from([False, True, None])),
        indent=draw(st.integers(min_value=2, max_value=6)),
        sort_keys=False,
    )
    return text.encode("utf-8")


yaml_like_text = st.text(
    alphabet=st.sampled_from(list(" \t\n-:#&*!|>'\"[]{},?%@`~ abcdéç0123456789titreprocedures")),
    max_size=300,
)


@SMALL_FILES
@given(yaml_documents())
def test_random_yaml_loads_or_gets_french_problems(memo_dir: Path, data: bytes) -> None:
    CASES["random yaml"] += 1
    check_outcome(write_memo(memo_dir, data), data)


@SMALL_FILES
@given(st.one_of(yaml_like_text.map(str.encode), st.binary(max_size=400)))
def test_random_text_and_bytes_get_french_problems(memo_dir: Path, data: bytes) -> None:
    CASES["random text or bytes"] += 1
    check_outcome(write_memo(memo_dir, data), data)
