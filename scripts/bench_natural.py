"""Natural requests: topics, commands and chatter, written by people who read no code.

Development sets (free to tune on):
- tests/data/natural_requests.tsv, splits « tune » and « heldout »: written before the topic
  layer; « heldout » was measured once (first round), then became development data;
- tests/data/natural_requests_fresh.tsv (« fresh »): the second round's untouched set, measured
  once, then development data;
- tests/data/natural_requests_dev2.tsv (« dev2 »): 1,230 rows by ten imagined speakers
  (slang, beginner French, Belgian and Québec turns), written for the third round.
- tests/data/natural_requests_fresh2.tsv (« fresh2 »): the third round's untouched set, sealed
  outside the repository while that round was tuned, measured once, then development data.
- tests/data/natural_requests_fresh3.tsv (« fresh3 »): sealed while the fourth round was
  tuned, measured once, then development data for one last change (d4dbcba).
- tests/data/natural_requests_fresh4.tsv (« fresh4 »): sealed until the fourth round's final
  understanding, measured once, then development data.
- tests/data/natural_requests_fresh5.tsv and _fresh6.tsv (« fresh5 », « fresh6 »): two more
  helpers, sealed while the fifth round was tuned, measured once (98330b7), then development
  data for its last changes.
- tests/data/natural_requests_fresh7.tsv and _fresh8.tsv (« fresh7 », « fresh8 »): sealed
  until the fifth round's final understanding (922d3dc), measured once, then development data
  (and, like every development set, learned from by scripts/train_topics.py).
- tests/data/natural_requests_fresh9.tsv and _fresh10.tsv (« fresh9 », « fresh10 »): sealed
  while the learned topics were built, measured once on b727828, then development data.
- tests/data/natural_requests_fresh11.tsv and _fresh12.tsv (« fresh11 », « fresh12 »): sealed
  while the learned topics' second opinion was built, measured once on 719c014, then learned
  from.
- tests/data/natural_requests_fresh13.tsv and _fresh14.tsv (« fresh13 », « fresh14 »): sealed
  while command suggestions were built, measured once on 06feb35, then learned from.
- tests/data/natural_requests_fresh15.tsv and _fresh16.tsv (« fresh15 », « fresh16 »): sealed
  while the model was learned again with fresh11 and fresh12, measured once on da30756, then
  development data (the sixth round's commands) and learned from.
- tests/data/natural_requests_fresh17.tsv and _fresh18.tsv (« fresh17 », « fresh18 »): sealed
  during the fifth and sixth rounds, measured once on 2b4f897, then development data (the
  seventh round's pairs of words and doubted commands) and learned from.
- tests/data/natural_requests_fresh19.tsv and _fresh20.tsv (« fresh19 », « fresh20 »): sealed at
  the start of the seventh round, measured once on b6990db, then read (the very sure
  commands, quitting behind « Se déconnecter »); learned from in the eighth round.
- tests/data/natural_requests_fresh21.tsv and _fresh22.tsv (« fresh21 », « fresh22 »): sealed
  during the seventh round, measured once on its final understanding (ea3a36e), then read
  (quitting, orders in -es, neutral words) and learned from in the eighth round.
- fresh23 to fresh30: measured once each pair, then learned from; fresh31 to fresh36: measured
  once each pair, then read, not learned (SPENT).
fresh37 and fresh38: the eleventh round's untouched pair, measured once on 95c1645, then read
in the twelfth round (SPENT), with fresh39 and fresh40, measured once on 5e92d51 as the twelfth
round's starting point.
fresh41 to fresh54: seven pairs written blind in the twelfth round, each sealed until it was
measured once on the understanding of that moment, then read (SPENT).
Untouched: tests/data/natural_requests_fresh55.tsv to _fresh58.tsv (« fresh55 » … « fresh58 »),
four more helpers (docs/consigne-jeux-aveugles.md), sealed during the twelfth round until its
final understanding (e4d3b39), measured once on it. Never learned from
(scripts/train_topics.py refuses them).

    python scripts/bench_natural.py [--split dev|tune|heldout|fresh|dev2|fresh2…fresh58]

Counted as right:
Every row is played in the core where it is said (`said_in`: a step of « mes paiements »), and
judged by what the core does (`outcome`):
- topic: the right procedure opened, or a question whose choices include it;
- command: the same turn as the expected command's;
- chatter: the same turn as « not understood ». « acting » is anything else but a question,
  which is counted apart.
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
from assistant.conversation.core import handle, start  # noqa: E402
from assistant.conversation.guide import Guide  # noqa: E402
from assistant.conversation.state import Mode, State  # noqa: E402
from assistant.conversation.understanding import Understanding  # noqa: E402
from assistant.guides.loader import load_guide  # noqa: E402

PROJECT = SCRIPTS_DIR.parent
DATA = PROJECT / "tests" / "data"
NATURAL_TSV = DATA / "natural_requests.tsv"
SETS = {
    "tune": NATURAL_TSV,
    "heldout": NATURAL_TSV,
    "fresh": DATA / "natural_requests_fresh.tsv",
    "dev2": DATA / "natural_requests_dev2.tsv",
    "fresh2": DATA / "natural_requests_fresh2.tsv",
    "fresh3": DATA / "natural_requests_fresh3.tsv",
    "fresh4": DATA / "natural_requests_fresh4.tsv",
    "fresh5": DATA / "natural_requests_fresh5.tsv",
    "fresh6": DATA / "natural_requests_fresh6.tsv",
    "fresh7": DATA / "natural_requests_fresh7.tsv",
    "fresh8": DATA / "natural_requests_fresh8.tsv",
    "fresh9": DATA / "natural_requests_fresh9.tsv",
    "fresh10": DATA / "natural_requests_fresh10.tsv",
    "fresh11": DATA / "natural_requests_fresh11.tsv",
    "fresh12": DATA / "natural_requests_fresh12.tsv",
    "fresh13": DATA / "natural_requests_fresh13.tsv",
    "fresh14": DATA / "natural_requests_fresh14.tsv",
    "fresh15": DATA / "natural_requests_fresh15.tsv",
    "fresh16": DATA / "natural_requests_fresh16.tsv",
    "fresh17": DATA / "natural_requests_fresh17.tsv",
    "fresh18": DATA / "natural_requests_fresh18.tsv",
    "fresh19": DATA / "natural_requests_fresh19.tsv",
    "fresh20": DATA / "natural_requests_fresh20.tsv",
    "fresh21": DATA / "natural_requests_fresh21.tsv",
    "fresh22": DATA / "natural_requests_fresh22.tsv",
    "fresh23": DATA / "natural_requests_fresh23.tsv",
    "fresh24": DATA / "natural_requests_fresh24.tsv",
    "fresh25": DATA / "natural_requests_fresh25.tsv",
    "fresh26": DATA / "natural_requests_fresh26.tsv",
    "fresh27": DATA / "natural_requests_fresh27.tsv",
    "fresh28": DATA / "natural_requests_fresh28.tsv",
    "fresh29": DATA / "natural_requests_fresh29.tsv",
    "fresh30": DATA / "natural_requests_fresh30.tsv",
    "fresh31": DATA / "natural_requests_fresh31.tsv",
    "fresh32": DATA / "natural_requests_fresh32.tsv",
    "fresh33": DATA / "natural_requests_fresh33.tsv",
    "fresh34": DATA / "natural_requests_fresh34.tsv",
    "fresh35": DATA / "natural_requests_fresh35.tsv",
    "fresh36": DATA / "natural_requests_fresh36.tsv",
    "fresh37": DATA / "natural_requests_fresh37.tsv",
    "fresh38": DATA / "natural_requests_fresh38.tsv",
    "fresh39": DATA / "natural_requests_fresh39.tsv",
    "fresh40": DATA / "natural_requests_fresh40.tsv",
    "fresh41": DATA / "natural_requests_fresh41.tsv",
    "fresh42": DATA / "natural_requests_fresh42.tsv",
    "fresh43": DATA / "natural_requests_fresh43.tsv",
    "fresh44": DATA / "natural_requests_fresh44.tsv",
    "fresh45": DATA / "natural_requests_fresh45.tsv",
    "fresh46": DATA / "natural_requests_fresh46.tsv",
    "fresh47": DATA / "natural_requests_fresh47.tsv",
    "fresh48": DATA / "natural_requests_fresh48.tsv",
    "fresh49": DATA / "natural_requests_fresh49.tsv",
    "fresh50": DATA / "natural_requests_fresh50.tsv",
    "fresh51": DATA / "natural_requests_fresh51.tsv",
    "fresh52": DATA / "natural_requests_fresh52.tsv",
    "fresh53": DATA / "natural_requests_fresh53.tsv",
    "fresh54": DATA / "natural_requests_fresh54.tsv",
    "fresh55": DATA / "natural_requests_fresh55.tsv",
    "fresh56": DATA / "natural_requests_fresh56.tsv",
    "fresh57": DATA / "natural_requests_fresh57.tsv",
    "fresh58": DATA / "natural_requests_fresh58.tsv",
}
"""Each split and the file that holds it."""
DEVELOPMENT = (
    "tune",
    "heldout",
    "fresh",
    "dev2",
    "fresh2",
    "fresh3",
    "fresh4",
    "fresh5",
    "fresh6",
    "fresh7",
    "fresh8",
    "fresh9",
    "fresh10",
    "fresh11",
    "fresh12",
    "fresh13",
    "fresh14",
    "fresh15",
    "fresh16",
    "fresh17",
    "fresh18",
    "fresh19",
    "fresh20",
    "fresh21",
    "fresh22",
    "fresh23",
    "fresh24",
    "fresh25",
    "fresh26",
    "fresh27",
    "fresh28",
    "fresh29",
    "fresh30",
)
SPENT: tuple[str, ...] = (
    "fresh31", "fresh32", "fresh33", "fresh34", "fresh35", "fresh36", "fresh37", "fresh38",
    "fresh39", "fresh40", "fresh41", "fresh42", "fresh43", "fresh44", "fresh45", "fresh46",
    "fresh47", "fresh48", "fresh49", "fresh50", "fresh51", "fresh52", "fresh53", "fresh54",
)  # fmt: skip
"""Read once, now free to read, but not learned from. fresh31-34 (tenth round): learned, the
model became 0.977 sure « elle m'a répété trois fois la même chose » and 0.974 sure « je
n'entends pas bien de cette oreille » (old corpus room talk) ask to repeat and to speak up,
over DONE_UNASKED: the room talk acting went 3 -> 5 of 246 (2.03 %). Left out, they added 2
of 760 commands done on fresh25-28. The guards tried cost as much or more: DONE_UNASKED 0.975,
8 of 2,660 rows left out asked instead of done; the story guard on very sure light commands,
2 rows (« Tu parles trop vite, ralentis un peu ») and « cette oreille » still acting. So the
model stays learned through fresh30. fresh35-36 (the tenth round's untouched pair, measured
once on cc7502d): read in the eleventh round, whose word rules took commands done there from
96.1 to 97.1 % (95c1645), none on their new sentences; not learned. fresh39-40 (written
blind in the twelfth round, measured once on 5e92d51 as its starting point: commands 95.5 %,
chatter acting 3.0 %), then read while tuning, with fresh37-38 (the eleventh round's
untouched pair); then the round's pairs, each sealed until measured once on the understanding
of that moment and read after, commands done: fresh41-42 95.8 % (99fb1fa), fresh43-44 98.2 %
(9e3a2d4), fresh45-46 95.3 % (2d87440), fresh47-48 97.9 % (5733dfc), fresh49-50 97.6 %
(7e53985), fresh51-52 96.8 % (afa5938), fresh53-54 96.6 % (1dbc41c); not learned."""
UNTOUCHED = ("fresh55", "fresh56", "fresh57", "fresh58")
"""The last sets measured once, untouched when they were: the figures against the targets."""
AMELI = PROJECT / "guides" / "ameli.yaml"
SPLITS = ("tune", "heldout")
_NEXT = Command(CommandName.NEXT)
_FIRST_STEP = Command(CommandName.GOTO_STEP, step_number=1)
"""« Revenez à la première étape » asks step 1 by its number: the same place as restarting."""


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
    commands_asked_right: int
    """Not done but asked about: « Vous voulez que je répète ? » for « répète »."""
    chatter: int
    chatter_acting: int
    chatter_asked: int

    def line(self) -> str:
        return (
            f"{self.split:<8} sujets {pct(self.topics_right, self.topics)} "
            f"(ouverts justes {pct(self.topics_opened_right, self.topics)}, "
            f"ouverts à tort {pct(self.topics_wrong_open, self.topics)}) | "
            f"commandes {pct(self.commands_right, self.commands)} "
            f"(demandées justes {pct(self.commands_asked_right, self.commands)}) | "
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


def said_in(guide: Guide, expected: str) -> State:
    """Where a row is said: in the second step of « mes paiements », as the sets were written
    (the issue's trial too); « reprenez » after a pause; « oui » and « non » to « Voulez-vous
    quitter ? »."""
    state = start(guide).state
    for command in (Command(CommandName.OPEN_PROCEDURE, procedure_id="paiements"), _NEXT):
        state = handle(guide, state, command).state
    if expected == "resume":
        state = handle(guide, state, Command(CommandName.PAUSE)).state
    if expected in ("yes", "no"):
        state = handle(guide, state, Command(CommandName.QUIT)).state
    return state


@dataclass(frozen=True)
class Outcome:
    right: bool
    opened: bool
    """A procedure was opened (rightly or not)."""
    asked: bool
    """The core asked « Vous voulez : … ? » (a procedure, or a command for a command row)."""
    asked_right: bool = False
    """A command row: the core asked about the expected command."""


def outcome(request: Request, got: Command, guide: Guide | None = None) -> Outcome:
    """What `got` does where the row is said. A topic is right when its procedure opens, or is
    among the choices of the question asked; a command when it does what the expected one
    does (« d'accord » is NEXT, and a yes to « Voulez-vous quitter ? »; a step number by its
    name only, as the rows do not say which step; restarting also by step 1); chatter when
    nothing is done. Without a memo, by the command alone."""
    if guide is None:
        return _by_command(request, got)
    state = said_in(guide, request.expected)
    after = handle(guide, state, got)
    opened = after.state.mode is Mode.STEP and after.state.step_index == 0
    opened = opened and (after.state.procedure_id, state.step_index) != (state.procedure_id, 0)
    asked = after.state.mode in (Mode.CHOOSE_PROCEDURE, Mode.CONFIRM_COMMAND)
    if request.kind == "topic":
        right = (opened and after.state.procedure_id == request.expected) or (
            asked and request.expected in after.state.choices
        )
        return Outcome(right, opened, asked)
    if request.kind == "command":
        if request.expected == "goto_step":
            return Outcome(got.name.value == request.expected, opened, asked)
        if request.expected == "restart" and got == _FIRST_STEP:  # « la première étape »
            return Outcome(True, opened, asked)
        wanted = handle(guide, state, Command(CommandName(request.expected)))
        asked_right = after.state.suggested == CommandName(request.expected)
        return Outcome(after == wanted, opened, asked, asked and asked_right)
    nothing = handle(guide, state, Command(CommandName.NOT_UNDERSTOOD))
    silent = after.state == state and not after.replies  # « hum hum »: not even « pardon ? »
    return Outcome(after == nothing or silent, opened, asked)


def _by_command(request: Request, got: Command) -> Outcome:
    opened = got.name is CommandName.OPEN_PROCEDURE
    asked = got.name is CommandName.CHOOSE_PROCEDURE
    if request.kind == "topic":
        right = (asked and request.expected in got.choices) or (
            opened and got.procedure_id == request.expected
        )
        return Outcome(right, opened, asked)
    if request.kind == "command":
        return Outcome(got.name.value == request.expected, opened, asked)
    return Outcome(got.name is CommandName.NOT_UNDERSTOOD, opened, asked)


def is_right(request: Request, got: Command, guide: Guide | None = None) -> bool:
    return outcome(request, got, guide).right


def score(
    understanding: Understanding, split: str, requests: Sequence[Request], guide: Guide
) -> Scores:
    counts = dict.fromkeys(
        ("t", "tr", "to", "tw", "c", "cr", "cq", "h", "ha", "hq"), 0
    )  # topics, commands, chatter
    for request in requests:
        done = outcome(request, understanding.understand(request.sentence), guide)
        if request.kind == "topic":
            counts["t"] += 1
            counts["tr"] += done.right
            counts["to"] += done.opened and done.right
            counts["tw"] += done.opened and not done.right
        elif request.kind == "command":
            counts["c"] += 1
            counts["cr"] += done.right
            counts["cq"] += done.asked_right
        else:
            counts["h"] += 1
            counts["hq"] += done.asked
            counts["ha"] += not done.right and not done.asked
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


def read_split(split: str) -> list[Request]:
    return read_requests(SETS[split], splits=(split,)) if SETS[split].exists() else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=(*SETS, "dev"), default="dev")
    args = parser.parse_args(argv)
    splits = (*DEVELOPMENT, *SPENT) if args.split == "dev" else (args.split,)
    guide = load_guide(AMELI)
    understanding = Understanding(guide)
    everything: list[Request] = []
    for split in splits:
        requests = read_split(split)
        everything += requests
        print(score(understanding, split, requests, guide).line())
    median, p95 = timing_us(understanding, everything)
    print(f"compréhension d'une phrase : médiane {median:.0f} µs, p95 {p95:.0f} µs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
