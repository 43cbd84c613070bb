"""Section 2: understanding speech, on the spoken corpus of scripts/make_test_audio.py.

Each file holds one labelled sentence. What the product would do is what is scored: every
accepted recognition goes through `Understanding`, as `Session.handle_text` would take it.
- correct: at least one command acted on, all of them the expected one;
- rejected: a real command that led to no action (the person must say it again);
- wrong: a real command that led to another action;
- false accept: an out-of-scope sentence that led to any action.
"""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench_common import Figure, Section, Target
from bench_decode import Decoded
from bench_text import expected_command
from make_test_audio import CATEGORIES, UTTERANCES_TSV, Condition, SpokenSample, build_corpus

from assistant.conversation.commands import Command, CommandName
from assistant.conversation.understanding import Understanding

CLEAN_TARGET = 98.0
NOISY_10DB_TARGET = 90.0
FALSE_ACCEPT_TARGET = 2.0
THRESHOLDS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)


def spoken_corpus(
    out_dir: Path, per_category: int | None, seed: int, rapide: bool
) -> list[SpokenSample]:
    """`rapide`: make_test_audio's own small subset. Else `per_category` sentences drawn per
    category (None: all), each in every noise condition."""
    if rapide or per_category is None:
        return build_corpus(out_dir, seed, rapide, progress=True)
    with UTTERANCES_TSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    header, body = rows[0], rows[1:]
    drawn = [header]
    for category in CATEGORIES:
        of_category = [row for row in body if row[3] == category]
        drawn += random.Random(f"{seed}|{category}").sample(
            of_category, min(per_category, len(of_category))
        )
    subset = out_dir / "phrases.tsv"
    out_dir.mkdir(parents=True, exist_ok=True)
    with subset.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n").writerows(
            drawn
        )
    return build_corpus(out_dir / "wav", seed, False, progress=True, utterances_tsv=subset)


@dataclass
class Score:
    in_scope: int = 0
    correct: int = 0
    rejected: int = 0
    wrong: int = 0
    out_of_scope: int = 0
    false_accepts: int = 0

    def percent(self, count: int, total: int) -> float | None:
        return 100 * count / total if total else None

    @property
    def accuracy(self) -> float | None:
        return self.percent(self.correct, self.in_scope)

    @property
    def rejection(self) -> float | None:
        return self.percent(self.rejected, self.in_scope)

    @property
    def false_accept_rate(self) -> float | None:
        return self.percent(self.false_accepts, self.out_of_scope)

    def line(self) -> str:
        def shown(value: float | None) -> str:
            return "—" if value is None else f"{value:5.1f} %"

        return (
            f"justes {shown(self.accuracy)}, rejetées {shown(self.rejection)}, "
            f"autre commande {shown(self.percent(self.wrong, self.in_scope))} "
            f"(sur {self.in_scope}) ; acceptations à tort {shown(self.false_accept_rate)} "
            f"(sur {self.out_of_scope})"
        )


def acted(decoded: Decoded, understanding: Understanding, threshold: float | None) -> list[Command]:
    commands = []
    for heard in decoded.heard:
        if not heard.accepted or not heard.text:
            continue
        if threshold is not None and heard.confidence < threshold:
            continue
        command = understanding.understand(heard.text)
        if command.name is not CommandName.NOT_UNDERSTOOD:
            commands.append(command)
    return commands


def score(
    samples: Sequence[SpokenSample],
    decoded: Sequence[Decoded],
    understanding: Understanding,
    threshold: float | None = None,
) -> Score:
    total = Score()
    for sample, result in zip(samples, decoded, strict=True):
        commands = acted(result, understanding, threshold)
        if sample.category == "out_of_scope":
            total.out_of_scope += 1
            total.false_accepts += bool(commands)
            continue
        total.in_scope += 1
        expected = expected_command(sample.command, sample.argument)
        if not commands:
            total.rejected += 1
        elif all(command == expected for command in commands):
            total.correct += 1
        else:
            total.wrong += 1
    return total


def condition_name(condition: Condition) -> str:
    return (
        "propre / clean"
        if condition.noise is None
        else f"{condition.noise} {condition.snr_db:g} dB"
    )


def by(
    key: Callable[[SpokenSample], str],
    samples: Sequence[SpokenSample],
    decoded: Sequence[Decoded],
    understanding: Understanding,
) -> dict[str, Score]:
    groups: dict[str, list[int]] = defaultdict(list)
    for index, sample in enumerate(samples):
        groups[key(sample)].append(index)
    return {
        name: score([samples[i] for i in picked], [decoded[i] for i in picked], understanding)
        for name, picked in sorted(groups.items())
    }


def add_main_figures(
    section: Section,
    samples: Sequence[SpokenSample],
    decoded: Sequence[Decoded],
    understanding: Understanding,
    french: bool,
) -> None:
    overall = score(samples, decoded, understanding)
    plain = [i for i, s in enumerate(samples) if s.condition.noise is None]
    clean = score([samples[i] for i in plain], [decoded[i] for i in plain], understanding)
    ten = [i for i, s in enumerate(samples) if s.condition.snr_db == 10.0]
    at_ten = score([samples[i] for i in ten], [decoded[i] for i in ten], understanding)
    for label, value, target, key in (
        (
            "commandes justes, propre / accuracy, clean",
            clean.accuracy,
            Target(">=", CLEAN_TARGET),
            "speech_accuracy_clean",
        ),
        (
            "commandes justes, bruit 10 dB / accuracy, 10 dB noise",
            at_ten.accuracy,
            Target(">=", NOISY_10DB_TARGET),
            "speech_accuracy_10db",
        ),
        (
            "acceptations à tort, hors sujet parlé / false accepts",
            overall.false_accept_rate,
            Target("<=", FALSE_ACCEPT_TARGET),
            "speech_false_accepts",
        ),
        (
            "commandes rejetées / real commands rejected",
            overall.rejection,
            None,
            "speech_rejections",
        ),
    ):
        section.add(Figure(label, value, "%", target if french else None, not french, key=key))
    tables = {
        "condition": by(lambda s: condition_name(s.condition), samples, decoded, understanding),
        "voix": by(lambda s: s.condition.voice, samples, decoded, understanding),
        "vitesse": by(lambda s: f"{s.condition.speed} mots/min", samples, decoded, understanding),
    }
    for kind, table in tables.items():
        for name, result in table.items():
            section.note(f"{kind} {name:<16} {result.line()}")
        section.details[f"per_{kind}"] = {name: vars(result) for name, result in table.items()}
