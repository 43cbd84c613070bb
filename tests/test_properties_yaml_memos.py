"""The memo loader on random YAML shaped like a memo, and on random text and bytes: a valid
Guide, or French problems with their line; never an exception, never the loader's own
« erreur interne » fallback."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.memo_outcome import (
    KEY_TYPOS,
    check_outcome,
    write_memo,
)
from tests.property_cases import budget, case_report

CASES: Counter[str] = Counter()
"""Cases actually tried per property, reported at the end of the module."""

SMALL_FILES = budget(300)

report_cases = case_report(CASES)


@pytest.fixture(scope="module")
def memo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("memos")


# --- random YAML ----------------------------------------------------------------------------

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["oui", "non", "paiements", "Mes paiements", "suivant", "répète", "a b"]),
)
_keys = st.one_of(st.sampled_from(KEY_TYPOS), st.text(max_size=10), st.integers())
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
