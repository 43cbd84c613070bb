"""Soak test: tens of thousands of typed commands through the real text mode, in one process.

A library PC runs the assistant all day, person after person. This drives the `--muet --json`
line mode (`assistant.frontends.app.run_assistant`, exactly what `memo-vocal --muet --json`
runs) with a seeded, realistic mix of commands, starting a new session each time someone says
« quitter » then « oui », and checks that every command gets an answer and that memory does
not grow.

    python scripts/soak.py [--commandes 50000] [--graine 1] [--audio-heures H] [--modele DIR]

User files go to a temporary folder (XDG_* variables), never to the real user folders.
Exit status 1 when a command got no reply or resident memory grew by 5 MB or more.
`--audio-heures H` also replays H hours of generated speech through `--entree-audio` in a
child process, with the French model if installed, else the Korean stand-in (mechanics only).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO, cast

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:  # run as `python scripts/soak.py`
    sys.path.insert(0, str(PROJECT_DIR))

import soak_audio  # noqa: E402
from bench_common import Rows, megabytes, print_rows, rss_kb, spaced  # noqa: E402

AMELI = PROJECT_DIR / "guides" / "ameli.yaml"
GROWTH_LIMIT_KB = 5 * 1024
SAMPLE_EVERY = 500
"""Commands between two memory readings."""
NOT_UNDERSTOOD = (
    "bonjour le chat", "je vais à la suite de la bibliothèque", "il fait beau aujourd'hui",
    "1 85 05 78 006 084 36", "mon mot de passe est soleil", "azertyuiop", "euh", "...",
    "est-ce que la bibliothèque ferme à six heures", "passe-moi le stylo",
    "où sont les toilettes", "Ça ne marche pas ce truc", "😀", "étape", "numéro",
)  # fmt: skip


def user_folders(root: Path) -> dict[str, str]:
    """XDG folders inside `root`; set them before anything asks platformdirs."""
    return {
        "HOME": str(root / "home"),
        "XDG_CONFIG_HOME": str(root / "config"),
        "XDG_STATE_HOME": str(root / "state"),
        "XDG_DATA_HOME": str(root / "data"),
        "XDG_CACHE_HOME": str(root / "cache"),
    }


# --- the typed commands -----------------------------------------------------------------------


def command_lines(seed: int, total: int, procedure_phrases: list[str]) -> Iterator[str]:
    """What people type, in proportions close to a real session; « quitter » mostly meets
    « non », and about every 2,000 commands a person leaves and the next one starts."""
    from assistant.conversation.commands import CommandName as C
    from assistant.conversation.vocabulary import PHRASES

    rng = random.Random(seed)
    weights = {
        C.NEXT: 22, C.PREVIOUS: 5, C.REPEAT: 6, C.RESTART: 2, C.WHERE: 3, C.EXPLAIN: 4,
        C.SPELL: 2, C.MENU: 5, C.HELP: 5, C.PAUSE: 2, C.RESUME: 2, C.SLOWER: 1, C.FASTER: 1,
        C.LOUDER: 1, C.QUIETER: 1, C.YES: 3, C.NO: 3, C.QUIT: 3,
    }  # fmt: skip
    kinds: list[object] = [*weights, "procedure", "step", "not understood"]
    kind_weights = [*weights.values(), 12, 5, 10]
    sent, next_person = 0, 2000
    while sent < total:
        if sent >= next_person and sent + 2 <= total:
            yield "quitter"
            yield "oui"
            sent, next_person = sent + 2, next_person + 2000
            continue
        kind = rng.choices(kinds, kind_weights)[0]
        if kind == "procedure":
            line = rng.choice(procedure_phrases)
        elif kind == "step":
            line = rng.choice(["étape {}", "{}", "l'étape numéro {}", "aller à l'étape {}"]).format(
                rng.randint(0, 14)
            )
        elif kind == "not understood":
            line = rng.choice(NOT_UNDERSTOOD)
        else:
            assert isinstance(kind, C)
            line = rng.choice(PHRASES[kind])
        yield line
        sent += 1
        if kind is C.QUIT and sent < total:
            yield rng.choice(PHRASES[C.NO])  # staying: the session goes on
            sent += 1


@dataclass
class Tally:
    commands: int = 0
    sessions: int = 0
    replies: int = 0
    unanswered: list[str] = field(default_factory=list)
    understood: Counter[str] = field(default_factory=Counter)
    """Commands by name as the product understood them: the mix really was mixed."""
    rss_samples: list[int] = field(default_factory=list)


class ScriptedInput:
    """Standard input for the line mode: one command per line, memory read as it goes."""

    def __init__(self, lines: Iterator[str], tally: Tally, total: int) -> None:
        from tqdm import tqdm  # type: ignore[import-untyped]

        self._lines = lines
        self._tally = tally
        self._progress = tqdm(total=total, unit=" commandes", file=sys.stderr, mininterval=1)
        self.finished = False

    def isatty(self) -> bool:
        return False

    def __next__(self) -> str:
        try:
            line = next(self._lines)
        except StopIteration:
            self.finished = True
            raise
        self._tally.commands += 1
        self._progress.update()
        if self._tally.commands % SAMPLE_EVERY == 0:
            self._tally.rss_samples.append(rss_kb())
            self._progress.set_postfix_str(f"RSS {megabytes(self._tally.rss_samples[-1])}")
        return line + "\n"

    def __iter__(self) -> ScriptedInput:
        return self

    def close_progress(self) -> None:
        self._progress.close()


class ReplyCounter:
    """Standard output for `--json`: checks each record as it is written, keeps nothing."""

    def __init__(self, tally: Tally) -> None:
        self._tally = tally
        self._partial = ""

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        lines = (self._partial + text).split("\n")
        self._partial = lines.pop()
        for line in lines:
            record = json.loads(line)
            if record.get("input") is not None:
                self._tally.understood[record.get("command") or "not_understood"] += 1
            if record.get("text", "").strip():
                self._tally.replies += 1
            elif record.get("input") is not None:
                self._tally.unanswered.append(record["input"])
        return len(text)

    def flush(self) -> None:
        pass


def text_soak(total: int, seed: int) -> tuple[Tally, float, int]:
    """Returns the tally, the seconds taken and the resident memory before the first command."""
    from assistant.frontends.app import run_assistant
    from assistant.guides.loader import load_guide
    from assistant.settings import Preferences, RunSettings

    guide = load_guide(AMELI)
    phrases = [text for p in guide.procedures for text in (p.title, *p.phrases)]
    settings = RunSettings(guide_path=AMELI, preferences=Preferences(), muted=True,
                           json_output=True)  # fmt: skip
    tally = Tally()
    source = ScriptedInput(command_lines(seed, total, phrases), tally, total)
    sink = ReplyCounter(tally)
    gc.collect()
    start_kb = rss_kb()
    began = time.perf_counter()
    while not source.finished:
        tally.sessions += 1
        # Duck-typed streams: the line mode only iterates, writes, flushes and asks isatty().
        status = run_assistant(settings, stdin=cast(TextIO, source), stdout=cast(TextIO, sink))
        if status != 0:
            raise SystemExit("Le mode texte s'est arrêté avec une erreur.")
    seconds = time.perf_counter() - began
    source.close_progress()
    gc.collect()
    tally.rss_samples.append(rss_kb())
    return tally, seconds, start_kb


# --- report -----------------------------------------------------------------------------------


def text_rows(tally: Tally, seconds: float, start_kb: int) -> tuple[Rows, bool]:
    end_kb = tally.rss_samples[-1]
    ok = end_kb - start_kb < GROWTH_LIMIT_KB and not tally.unanswered
    rows = [
        ("Commandes tapées", spaced(tally.commands)),
        ("Sessions (quitter puis oui)", str(tally.sessions)),
        ("Réponses", spaced(tally.replies)),
        ("Commandes sans réponse", str(len(tally.unanswered))),
        ("Mémoire au début (RSS)", megabytes(start_kb)),
        ("Mémoire à la fin (RSS)", megabytes(end_kb)),
        ("Croissance (limite 5 Mo)", megabytes(end_kb - start_kb)),
        ("Maximum (RSS)", megabytes(max(start_kb, *tally.rss_samples))),
        ("Débit", f"{spaced(round(tally.commands / seconds))} commandes/s"),
    ]
    return [*rows, ("Verdict", "OK" if ok else "ÉCHEC")], ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--commandes", type=int, default=50_000, help="commandes tapées")
    parser.add_argument("--graine", type=int, default=1, help="graine du mélange de commandes")
    parser.add_argument("--audio-heures", type=float, default=0.0, help="heures d'audio rejouées")
    parser.add_argument("--modele", type=Path, help="dossier du modèle Vosk pour l'audio")
    parser.add_argument("--reconnaissance", choices=["grammaire", "corrige"], default="grammaire",
                        help="méthode de reconnaissance pour l'audio")  # fmt: skip
    args = parser.parse_args(argv)
    # Before assistant (and platformdirs) read them; the audio child inherits them.
    os.environ.update(user_folders(Path(tempfile.mkdtemp(prefix="memo-vocal-soak-"))))

    tally, seconds, start_kb = text_soak(args.commandes, args.graine)
    rows, ok = text_rows(tally, seconds, start_kb)
    print_rows("Mode texte (--muet --json), un seul processus :", rows)
    mix = ", ".join(f"{name} {count}" for name, count in tally.understood.most_common())
    print(f"\nMélange compris : {mix}")
    for missing in tally.unanswered[:10]:
        print(f"Sans réponse : « {missing} »")
    if args.audio_heures > 0:
        found = soak_audio.find_model(args.modele)
        if found is None:
            print("\nAucun modèle vocal : la partie audio est sautée.")
        else:
            rows, audio_ok = soak_audio.audio_soak(args.audio_heures, *found, args.reconnaissance)
            print_rows("Entrée audio (--entree-audio), processus séparé :", rows)
            ok = ok and audio_ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
