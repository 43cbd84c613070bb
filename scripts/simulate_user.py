"""A simulated user walks every procedure from the welcome to its last step, through the
simulated noisy recognizer (simulate_channel.py), as a person would:
- asks for the procedure in words of its title, its phrases or the natural requests written
  for it (tune rows only), one after the other when not understood;
- answers « Vous voulez : 1, …, ou 2 ? » with the number, or « non » when it is not offered;
- says « suivant », « c'est fait »… at each step, again or otherwise when not understood;
- says « non » to a question it did not ask for, « menu » when the wrong procedure opened.
Counted: procedures completed within a turn budget, turns per step, and WRONG ACTIONS: a
step skipped, or a procedure opened that was not asked for. Seeded, deterministic.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from simulate_channel import NoisyChannel

from assistant.conversation import core as conversation
from assistant.conversation.core import Mode, State
from assistant.conversation.guide import Guide, Procedure
from assistant.conversation.understanding import Understanding

WALKS_PER_PROCEDURE = 10
NEXT_SAYINGS = (
    "suivant", "c'est fait", "d'accord", "ensuite", "j'ai fini", "c'est bon", "on continue",
    "voilà c'est fait", "étape suivante", "ok",
)  # fmt: skip
ANSWERS = {1: ("un", "le premier", "la première"), 2: ("deux", "la deuxième"), 3: ("trois",)}


@dataclass
class WalkTotals:
    walks: int = 0
    completed_walks: int = 0
    turns: int = 0
    steps: int = 0
    wrong: int = 0

    @property
    def completed(self) -> float:
        return 100 * self.completed_walks / max(1, self.walks)

    @property
    def turns_per_step(self) -> float:
        return self.turns / max(1, self.steps)

    @property
    def wrong_per_100_turns(self) -> float:
        return 100 * self.wrong / max(1, self.turns)


def requests_for(procedure: Procedure) -> list[str]:
    from bench_natural import read_requests

    natural = [
        r.sentence
        for r in read_requests(splits=("tune",))
        if r.kind == "topic" and r.expected == procedure.id
    ]
    return [procedure.title, *procedure.phrases, *natural]


def _saying(state: State, target: str, asks: list[str], rng: random.Random) -> str:
    in_target = state.procedure_id == target and state.mode in (Mode.STEP, Mode.PROCEDURE_DONE)
    if state.mode is Mode.CHOOSE_PROCEDURE:
        if target in state.choices:
            return rng.choice(ANSWERS[state.choices.index(target) + 1])
        return "non"
    if state.mode in (Mode.CONFIRM_QUIT, Mode.OFFER_RESUME):
        return "non"
    if state.mode is Mode.STEP and in_target:
        return rng.choice(NEXT_SAYINGS)
    if state.mode in (Mode.STEP, Mode.PROCEDURE_DONE):
        return "menu"  # the wrong procedure is open: back to the list
    return asks.pop(0) if len(asks) > 1 else asks[0]


def _wrong(before: State, after: State, target: str) -> bool:
    """A procedure opened that was not asked for, or a step of the right one skipped."""
    opened = after.mode in (Mode.STEP, Mode.PROCEDURE_DONE)
    if opened and after.procedure_id != target:
        return before.procedure_id != after.procedure_id or before.mode not in (
            Mode.STEP,
            Mode.PROCEDURE_DONE,
        )
    same = before.mode is Mode.STEP and before.procedure_id == target
    return same and after.mode is Mode.STEP and after.step_index > before.step_index + 1


def walk(
    guide: Guide,
    understanding: Understanding,
    channel: NoisyChannel,
    procedure: Procedure,
    wer: float,
    rng: random.Random,
    totals: WalkTotals,
) -> None:
    asks = requests_for(procedure)
    rng.shuffle(asks)
    asks.insert(0, rng.choice([procedure.title, *procedure.phrases]))
    state = conversation.start(guide).state
    budget = 6 * len(procedure.steps) + 30
    turns = wrong = 0
    while turns < budget and state.mode is not Mode.ENDED:
        if state.mode is Mode.PROCEDURE_DONE and state.procedure_id == procedure.id:
            totals.completed_walks += 1
            break
        heard = channel.hear(_saying(state, procedure.id, asks, rng), wer, rng)
        after = conversation.handle(guide, state, understanding.understand(heard)).state
        wrong += _wrong(state, after, procedure.id)
        state, turns = after, turns + 1
    totals.walks += 1
    totals.turns += turns
    totals.steps += len(procedure.steps)
    totals.wrong += wrong


def walk_all(
    guide: Guide, understanding: Understanding, channel: NoisyChannel, rate: int, seed: int
) -> WalkTotals:
    totals = WalkTotals()
    rng = random.Random(f"walk-{seed}-{rate}")
    for procedure in guide.procedures:
        for _ in range(WALKS_PER_PROCEDURE):
            walk(guide, understanding, channel, procedure, rate / 100, rng, totals)
    return totals
