"""The memo loader on the Ameli memo damaged by hand: a valid Guide, or French problems.

Librarians edit memos by hand, so the loader is fed the real Ameli memo damaged the way hand
edits damage files: a line deleted or doubled, a key misspelt or given the wrong kind of
value, indentation changed, tabs, a file cut short, stray bytes. Every outcome must be either
a usable `Guide` or at least one French sentence with its line number; never an exception,
and never the loader's own "internal error" fallback, which hides a bug. Random YAML, text
and bytes: test_properties_yaml_memos.py.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.memo_outcome import (
    KEY_TYPOS,
    check_outcome,
    write_memo,
)
from tests.property_cases import budget, case_report

AMELI = Path(__file__).resolve().parent.parent / "guides" / "ameli.yaml"
AMELI_BYTES = AMELI.read_bytes()
AMELI_LINES = AMELI_BYTES.decode("utf-8").splitlines(keepends=True)

CASES: Counter[str] = Counter()
"""Cases actually tried per property, reported at the end of the module."""

# One check of the Ameli memo takes about 45 ms: this count keeps the module near 30 s.
MEMO_FILES = budget(150)

report_cases = case_report(CASES)


@pytest.fixture(scope="module")
def memo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("memos")


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
        key = draw(st.one_of(st.sampled_from(KEY_TYPOS), st.text(max_size=8)))
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
