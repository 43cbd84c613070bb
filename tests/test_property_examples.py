"""The `ci` profile draws the same examples whatever the tests collected or run before.

Hypothesis (6.131 and later) also draws constants it reads in the source of the project's
modules imported so far, and looks again whenever `sys.modules` grows. Which modules are
imported depends on which tests were collected and which ran before, and on their paths
(a model installed, a microphone, a display…): derandomized, the same property still drew
other memos depending on the run. conftest.py gives the `ci` profile a fixed, empty pool.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_properties_conversation import guides

LATER_MODULE = "imported_after_the_first_run"


def drawn_examples(strategy: st.SearchStrategy[object], examples: int) -> list[str]:
    drawn: list[str] = []

    @settings(max_examples=examples)
    @given(strategy)
    def record(example: object) -> None:
        drawn.append(repr(example))

    record()
    return drawn


def test_a_module_imported_in_between_changes_no_example(tmp_path: Path) -> None:
    if not settings().derandomize:
        pytest.skip("Profil explorer : les exemples sont tirés au hasard, exprès.")
    # Project code full of short words, as a test run imports it lazily (« L0 », « 0 »…).
    words = [f"L{number}" for number in range(300)] + [str(number) for number in range(300)]
    (tmp_path / f"{LATER_MODULE}.py").write_text(f"WORDS = {words!r}\n", encoding="utf-8")
    strategies: list[tuple[st.SearchStrategy[object], int]] = [(st.text(), 300), (guides(), 40)]
    before = [drawn_examples(strategy, examples) for strategy, examples in strategies]
    sys.path.insert(0, str(tmp_path))
    try:
        importlib.import_module(LATER_MODULE)
        after = [drawn_examples(strategy, examples) for strategy, examples in strategies]
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop(LATER_MODULE, None)
    assert after == before
