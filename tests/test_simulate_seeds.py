"""The simulated recognizer's seeds are summarized figure by figure: mean, median, worst."""

from __future__ import annotations

import pytest
from simulate_seeds import SeedRow, header, line, summarize


def _row(topics: float, completed: float, turns: float, wrong: float) -> SeedRow:
    return SeedRow(
        topics=topics,
        commands=topics - 10,
        chatter_acting=100 - topics,
        completed=completed,
        turns_per_step=turns,
        wrong_per_100_turns=wrong,
    )


ROWS = {
    0: _row(90.0, 100.0, 1.6, 0.87),
    1: _row(80.0, 96.0, 1.7, 0.12),
    2: _row(85.0, 100.0, 1.5, 0.45),
}


def test_mean_and_median_of_each_figure() -> None:
    summary = summarize(ROWS)
    assert summary.seeds == (0, 1, 2)
    assert summary.mean.topics == pytest.approx(85.0)
    assert summary.mean.completed == pytest.approx(98.666666, abs=1e-4)
    assert summary.mean.wrong_per_100_turns == pytest.approx(0.48)
    assert summary.median.wrong_per_100_turns == pytest.approx(0.45)
    assert summary.median.turns_per_step == pytest.approx(1.6)


def test_worst_is_taken_the_bad_way_column_by_column() -> None:
    summary = summarize(ROWS)
    # Higher is better: the worst is the lowest.
    assert summary.worst.topics == 80.0
    assert summary.worst.commands == 70.0
    assert summary.worst.completed == 96.0
    assert summary.worst_seed["completed"] == 1
    # Lower is better: the worst is the highest, here from another seed.
    assert summary.worst.chatter_acting == 20.0
    assert summary.worst.turns_per_step == 1.7
    assert summary.worst.wrong_per_100_turns == 0.87
    assert summary.worst_seed["wrong_per_100_turns"] == 0


def test_one_seed_is_its_own_mean_and_worst() -> None:
    summary = summarize({4: ROWS[2]})
    assert summary.mean == summary.median == summary.worst == ROWS[2]
    assert "graine 4 seule" in header(summary.seeds)


def test_no_seed_is_refused() -> None:
    with pytest.raises(ValueError):
        summarize({})


def test_the_line_shows_mean_then_worst() -> None:
    text = line(20, summarize(ROWS))
    assert text.startswith(" 20 % |  85.0 ( 80.0) %")
    assert text.endswith("0.48 (0.87, graine 0)")
