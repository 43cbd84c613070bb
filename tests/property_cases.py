"""What the four property suites share: their example budgets and a report of the cases tried.

In CI and in `bash scripts/tester.sh`, Hypothesis runs the `ci` profile registered in
conftest.py: derandomized, so the same examples every time and no failure by chance.
`MEMO_VOCAL_EXPLORER=1` switches to random search, and `MEMO_VOCAL_PROPERTY_SCALE=N`
multiplies every budget, for a deeper search than CI's time allows.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator

import pytest
from hypothesis import HealthCheck, settings

SCALE = int(os.environ.get("MEMO_VOCAL_PROPERTY_SCALE", "1"))
"""Multiplies every max_examples, for a longer search than CI's two-minute budget allows."""


def budget(examples: int) -> settings:
    """Settings for a property worth `examples` cases in CI; slow cases are expected here."""
    return settings(
        max_examples=examples * SCALE,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def case_report(cases: Counter[str]) -> Callable[[pytest.FixtureRequest], Iterator[None]]:
    """A module fixture printing how many cases each property really tried, even without -s."""

    @pytest.fixture(scope="module", autouse=True)
    def report_cases(request: pytest.FixtureRequest) -> Iterator[None]:
        yield
        capture = request.config.pluginmanager.get_plugin("capturemanager")
        reporter = request.config.pluginmanager.get_plugin("terminalreporter")
        if capture is not None and reporter is not None:
            with capture.global_and_fixture_disabled():
                name = request.module.__name__
                reporter.write_line(f"\n{name}: {sum(cases.values())} cases {dict(cases)}")

    return report_cases
