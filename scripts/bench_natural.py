"""Natural requests (tests/data/natural_requests.tsv): topics, commands and chatter, per split.

The set was written before the topic layer was tuned. Its « tune » rows were used while
tuning; its « heldout » rows were measured once (first round), then became development data
too. tests/data/natural_requests_fresh.tsv (split « fresh ») was written later and left
untouched while tuning the second round; it is read only with --split fresh.

    python scripts/bench_natural.py [--split tune|heldout|all|fresh]

Counted as right:
- topic: the right procedure opened, or a question (CHOOSE_PROCEDURE) whose choices include it;
- command: the expected command;
- chatter: NOT_UNDERSTOOD. « acting » is any other command; a question is counted apart.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SCRIPTS_DIR = Path(__file__).resolve().parent
for folder in (SCRIPTS_DIR.parent, SCRIPTS_DIR):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from assistant.conversation.commands import Command, CommandName  # noqa: E402
from assistant.conversation.understanding import Understanding  # noqa: E402
from assistant.guides.loader import load_guide  # noqa: E402

PROJECT = SCRIPTS_DIR.parent
NATURAL_TSV = PROJECT / "tests" / "data" / "natural_requests.tsv"
FRESH_TSV = PROJECT / "tests" / "data" / "natural_requests_fresh.tsv"
AMELI = PROJECT / "guides" / "ameli.yaml"
SPLITS = ("tune", "heldout")


@dataclass(frozen=True)
class Request:
    split: str
    kind: str
    """topic, command or chatter."""
    expected: str
    sentence: str


@dataclass(frozen=True)
class Scores:
    split: str
    topics: int
    topics_right: int
    topics_opened_right: int
    topics_wrong_open: int
    commands: int
    commands_right: int
    chatter: int
    chatter_acting: int
    chatter_asked: int

    def line(self) -> str:
        return (
            f"{self.split:<8} sujets {pct(self.topics_right, self.topics)} "
            f"(ouverts justes {pct(self.topics_opened_right, self.topics)}, "
            f"ouverts à tort {pct(self.topics_wrong_open, self.topics)}) | "
            f"commandes {pct(self.commands_right, self.commands)} | "
            f"bavardage qui agit {pct(self.chatter_acting, self.chatter)}, "
            f"question {pct(self.chatter_asked, self.chatter)}"
        )


def pct(part: int, whole: int) -> str:
    return f"{100 * part / max(1, whole):.1f} % de {whole}"


def read_requests(path: Path = NATURAL_TSV, splits: Sequence[str] = SPLITS) -> list[Request]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        split, kind, expected, sentence = line.split("\t")
        if split in splits:  # the header row has split == "split"
            rows.append(Request(split, kind, expected, sentence))
    return rows


def is_right(request: Request, got: Command) -> bool:
    if request.kind == "topic":
        if got.name is CommandName.CHOOSE_PROCEDURE:
            return request.expected in got.choices
        return got.name is CommandName.OPEN_PROCEDURE and got.procedure_id == request.expected
    if request.kind == "command":
        return got.name.value == request.expected
    return got.name is CommandName.NOT_UNDERSTOOD


def score(understanding: Understanding, split: str, requests: Sequence[Request]) -> Scores:
    counts = dict.fromkeys(
        ("t", "tr", "to", "tw", "c", "cr", "h", "ha", "hq"), 0
    )  # topics, commands, chatter
    for request in requests:
        got = understanding.understand(request.sentence)
        right = is_right(request, got)
        if request.kind == "topic":
            counts["t"] += 1
            counts["tr"] += right
            opened = got.name is CommandName.OPEN_PROCEDURE
            counts["to"] += opened and right
            counts["tw"] += opened and not right
        elif request.kind == "command":
            counts["c"] += 1
            counts["cr"] += right
        else:
            counts["h"] += 1
            asked = got.name is CommandName.CHOOSE_PROCEDURE
            counts["hq"] += asked
            counts["ha"] += not right and not asked
    return Scores(split, *counts.values())


def timing_us(understanding: Understanding, requests: Sequence[Request]) -> tuple[float, float]:
    """Median and p95 of understanding one sentence, in µs (each sentence timed alone)."""
    times = []
    for _ in range(3):
        for request in requests:
            began = time.perf_counter()
            understanding.understand(request.sentence)
            times.append((time.perf_counter() - began) * 1e6)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=(*SPLITS, "all", "fresh"), default="tune")
    args = parser.parse_args(argv)
    splits = SPLITS if args.split == "all" else (args.split,)
    understanding = Understanding(load_guide(AMELI))
    path = FRESH_TSV if args.split == "fresh" else NATURAL_TSV
    requests = read_requests(path, splits=splits)
    for split in splits:
        print(score(understanding, split, [r for r in requests if r.split == split]).line())
    median, p95 = timing_us(understanding, requests)
    print(f"compréhension d'une phrase : médiane {median:.0f} µs, p95 {p95:.0f} µs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
