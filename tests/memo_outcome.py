"""What every memo file must give the loader: a usable Guide, or French problems with their
line; and the key names a memo writer could type. Shared by test_properties_guide_loader.py
and test_properties_yaml_memos.py."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import event

from assistant.conversation.guide import Guide
from assistant.guides.loader import GuideError, GuideProblem, check_guide_file, load_guide
from assistant.guides.schema import GUIDE_KEYS, PROCEDURE_KEYS, STEP_KEYS

KEYS = sorted({*GUIDE_KEYS, *PROCEDURE_KEYS, *STEP_KEYS})
KEY_TYPOS = (*KEYS, "Étapes", "etape", "Titre", "phrase", "dires", "ID", "procédures", "secrets")


_ID = re.compile(r"[a-z0-9_]+")
# PyYAML's own words: if one reaches a memo writer, a message was not translated.
_ENGLISH = re.compile(
    r"\b(mapping|scalar|expected|found|while|could not|cannot|error|line \d|column \d|"
    r"token|node|document|stream|tag)\b",
    re.IGNORECASE,
)


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
