"""The benchmark's output: a table to read, and the same figures as JSON for machines."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple, TextIO

from bench_common import Figure, Section

LABEL_WIDTH = 78


class Line(NamedTuple):
    """One line of the header: the machine, the model, the run."""

    key: str
    label: str
    value: str


def _value(figure: Figure) -> str:
    if figure.value is None:
        return "non mesuré / not measured"
    value = figure.value
    shown = f"{value:.3f}" if abs(value) < 1 and value != 0 else f"{value:.1f}"
    return f"{shown} {figure.unit}".strip()


def _target(figure: Figure) -> str:
    if figure.target is None:
        return ""
    limit = figure.target.limit
    shown = f"{limit:g}"
    return f"cible {figure.target.op.replace('<=', '≤').replace('>=', '≥')} {shown}"


def print_table(header: Sequence[Line], sections: Sequence[Section], out: TextIO) -> None:
    for line in header:
        out.write(f"{line.label:<32} {line.value}\n")
    for section in sections:
        out.write(f"\n== {section.title} ({section.seconds:.0f} s)\n")
        for figure in section.figures:
            label = figure.label
            if len(label) > LABEL_WIDTH:
                label = label[: LABEL_WIDTH - 1] + "…"
            cells = [f"{label:<{LABEL_WIDTH}}", f"{_value(figure):<26}", f"{_target(figure):<12}"]
            out.write(" | ".join([*cells, figure.verdict]).rstrip(" |") + "\n")
        for note in section.notes:
            out.write(f"   · {note}\n")
    out.flush()


def _figure_json(figure: Figure) -> dict[str, object]:
    return {
        "key": figure.key,
        "label": figure.label,
        "value": figure.value,
        "unit": figure.unit,
        "target": None
        if figure.target is None
        else {"op": figure.target.op, "limit": figure.target.limit},
        "pass": None
        if figure.target is None or figure.value is None
        else figure.target.met(figure.value),
        "stand_in_model": figure.stand_in,
        "note": figure.note,
    }


def write_json(
    path: Path, header: Sequence[Line], sections: Sequence[Section], seconds: float
) -> None:
    document = {
        "run": {line.key: line.value for line in header},
        "seconds": round(seconds, 1),
        "sections": [
            {
                "title": section.title,
                "seconds": round(section.seconds, 1),
                "figures": [_figure_json(figure) for figure in section.figures],
                "notes": section.notes,
                "details": section.details,
            }
            for section in sections
        ],
    }
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
