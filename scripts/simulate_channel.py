"""A simulated noisy recognizer, to measure how understanding copes with recognition errors.

French recognition cannot be measured on the build machine (no French model), so each test
sentence goes through a simulated grammar-mode recognizer:
- it can only output grammar words: a word outside the grammar comes out as the grammar word
  that sounds nearly the same, or as [unk], which the recognizer passes on to understanding;
- then, at a word error rate (WER), words are substituted by words that SOUND alike (built
  from the phonemes `espeak-ng -q -x -v fr` gives for each word, cached in
  tests/data/phonemes_fr.tsv), deleted, or short words inserted: 60 / 25 / 15 % of errors.
Seeded and deterministic; several seeds, each figure as the mean beside the worst seed
(simulate_seeds.py). Run: python scripts/simulate_channel.py [--taux 0 10 20 30]
    [--graine 0] [--graines 10]

    --ecrire-cache   computes the missing phonemes with espeak-ng and rewrites the cache
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

SCRIPTS_DIR = Path(__file__).resolve().parent
for folder in (SCRIPTS_DIR.parent, SCRIPTS_DIR):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from assistant.conversation.guide import Guide  # noqa: E402
from assistant.conversation.understanding import Understanding, spoken_form  # noqa: E402
from assistant.conversation.vocabulary import FRENCH_DECOYS  # noqa: E402

PROJECT = SCRIPTS_DIR.parent
PHONEMES_TSV = PROJECT / "tests" / "data" / "phonemes_fr.tsv"
RATES = (0, 10, 20, 30)
SUBSTITUTED, DELETED = 0.60, 0.25
"""Shares of errors; the rest (15 %) are insertions."""
NEAR = 0.5
"""Phoneme edit distance (normalised) under which two words may be confused."""
PROJECT_NEAR = 0.2
"""Closer still: an out-of-grammar word comes out as that grammar word."""
SHORT = 4
"""Inserted words are short ones, as recognizers insert (« un », « et », « non »)."""


def words_of(text: str) -> list[str]:
    return spoken_form(text).split()


def read_phonemes(path: Path = PHONEMES_TSV) -> dict[str, str]:
    if not path.is_file():
        return {}
    pairs = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines())
    return {word: sound for word, sound in pairs}


def espeak_phonemes(words: Sequence[str]) -> dict[str, str]:
    """One espeak-ng call for all words: one output line per input line."""
    if not words or shutil.which("espeak-ng") is None:
        return {}
    done = subprocess.run(
        ["espeak-ng", "-q", "-x", "-v", "fr"],
        input="\n".join(words) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    lines = [line.strip() for line in done.stdout.splitlines()]
    return dict(zip(words, lines, strict=False)) if len(lines) == len(words) else {}


def phonemes_for(words: Iterable[str], write_cache: bool = False) -> dict[str, str]:
    """Phonemes of every word: the cache, then espeak-ng, then the spelling as a last resort."""
    known = read_phonemes()
    missing = sorted(set(words) - set(known))
    found = espeak_phonemes(missing)
    if write_cache and found:
        merged = {**known, **found}
        lines = [f"{w}\t{merged[w]}" for w in sorted(merged)]
        PHONEMES_TSV.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sounds = {**known, **found}
    return {w: _bare(sounds.get(w, w)) for w in set(words)}


def _bare(sound: str) -> str:
    """Stress and length marks are not what makes two words sound alike."""
    return "".join(c for c in sound if c not in "',:_%=")


def _distances(sound: str, sounds: Sequence[str], words: Sequence[str]) -> list[tuple[float, str]]:
    return [
        (Levenshtein.normalized_distance(sound, other), word)
        for other, word in zip(sounds, words, strict=True)
    ]


def grammar_words(understanding: Understanding) -> list[str]:
    phrases = [*understanding.listening_phrases(), *understanding.listening_words()]
    words = {w for p in [*phrases, *FRENCH_DECOYS] for w in words_of(p)}
    return sorted(words)


class NoisyChannel:
    """What a grammar-mode recognizer writes for what was said, at a given WER."""

    def __init__(self, grammar: Sequence[str], sentences: Iterable[str]) -> None:
        self.grammar = list(grammar)
        said = {w for s in sentences for w in words_of(s)}
        sounds = phonemes_for([*self.grammar, *said])
        in_grammar = set(self.grammar)
        heard = sorted(said - in_grammar)
        g_sounds = [sounds[w] for w in self.grammar]
        self._projection: dict[str, str | None] = {w: w for w in in_grammar}
        for word in heard:
            distance, best = min(_distances(sounds[word], g_sounds, self.grammar))
            self._projection[word] = best if distance <= PROJECT_NEAR else None
        self._alike: dict[str, list[str]] = {}
        for word, sound in zip(self.grammar, g_sounds, strict=True):
            order = sorted(
                (d, other)
                for d, other in _distances(sound, g_sounds, self.grammar)
                if other != word and d <= NEAR
            )
            self._alike[word] = [w for _, w in order[:3]]
        self._short = [w for w in self.grammar if len(w) <= SHORT]

    def hear(self, sentence: str, wer: float, rng: random.Random) -> str:
        out: list[str] = []
        for word in words_of(sentence):
            projected = self._projection.get(word)
            if projected is None:
                out.append("[unk]")  # outside the grammar: the recognizer writes [unk]
                continue
            draw = rng.random()
            if draw < wer * SUBSTITUTED:
                alike = self._alike.get(projected, [])
                if alike:
                    out.append(rng.choice(alike))
            elif draw >= wer * (SUBSTITUTED + DELETED):
                out.append(projected)
            if rng.random() < wer * (1 - SUBSTITUTED - DELETED):
                out.append(rng.choice(self._short))
        # As the recognizer's judge: only unknown words is nothing heard.
        return "" if all(w == "[unk]" for w in out) else " ".join(out)


@dataclass(frozen=True)
class RateFigures:
    rate: int
    topics: float
    commands: float
    chatter_acting: float


def sentence_figures(
    understanding: Understanding,
    channel: NoisyChannel,
    requests: Sequence[tuple[str, str, str]],
    rate: int,
    seed: int,
    repeats: int = 3,
    guide: Guide | None = None,
) -> RateFigures:
    """(kind, expected, sentence) through the channel, `repeats` draws per sentence; with
    `guide`, each judged by what the core does where it is said (bench_natural.outcome)."""
    from bench_natural import Request, outcome

    rng = random.Random(f"{seed}-{rate}")
    right = {"topic": 0, "command": 0, "chatter": 0}
    total = dict.fromkeys(right, 0)
    for _ in range(repeats):
        for kind, expected, sentence in requests:
            got = understanding.understand(channel.hear(sentence, rate / 100, rng))
            total[kind] += 1
            done = outcome(Request("", kind, expected, sentence), got, guide)
            acted = not done.right and not done.asked
            right[kind] += done.right if kind != "chatter" else acted
    share = {k: 100 * right[k] / max(1, total[k]) for k in right}
    return RateFigures(rate, share["topic"], share["command"], share["chatter"])


def main(argv: list[str] | None = None) -> int:
    from bench_natural import AMELI, read_requests
    from simulate_seeds import SEED_COUNT, header, line, measure_seeds, summarize

    from assistant.guides.loader import load_guide

    parser = argparse.ArgumentParser(description="Reconnaissance bruitée simulée.")
    parser.add_argument("--taux", type=int, nargs="+", default=list(RATES))
    parser.add_argument("--graine", type=int, default=0, help="première graine")
    parser.add_argument(
        "--graines",
        type=int,
        default=SEED_COUNT,
        metavar="N",
        help=f"nombre de graines, à partir de --graine (défaut : {SEED_COUNT})",
    )
    parser.add_argument("--split", choices=("tune", "heldout", "all"), default="all")
    parser.add_argument("--ecrire-cache", action="store_true")
    args = parser.parse_args(argv)
    guide = load_guide(AMELI)
    understanding = Understanding(guide)
    splits = ("tune", "heldout") if args.split == "all" else (args.split,)
    requests = [(r.kind, r.expected, r.sentence) for r in read_requests(splits=splits)]
    grammar = grammar_words(understanding)
    if args.ecrire_cache:
        phonemes_for([*grammar, *(w for _, _, s in requests for w in words_of(s))], True)
    channel = NoisyChannel(grammar, [s for _, _, s in requests])
    seeds = list(range(args.graine, args.graine + max(1, args.graines)))
    print(header(seeds), flush=True)
    for rate in args.taux:
        rows = measure_seeds(guide, understanding, channel, requests, rate, seeds)
        print(line(rate, summarize(rows)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
