"""How espeak-ng's French voice would pronounce a text, read from `espeak-ng -v fr -q -x`.

Used by the listening test and by `memo-vocal valider` to find words said with a foreign voice
(« (en)s'i:m(fr) » for « CEAM »). One process reads many texts: a sentinel sentence between
them cuts the output back into one phoneme string per text (start-up is most of the cost).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence

ESPEAK = "espeak-ng"
LANGUAGE_SWITCH = re.compile(r"\(([a-z]{2,3}(?:-[a-z0-9]+)?)\)")
"""espeak-ng writes « (en) » where it changes to another language's voice, « (fr) » back."""
_SENTINEL = "Zorglub."
_SENTINEL_PHONEMES = "zOrgl'Wb"
BATCH = 300


class PhonemesUnavailable(Exception):
    """espeak-ng is missing or failed; the French message says what to install."""


def available() -> bool:
    return shutil.which(ESPEAK) is not None


def phonemes(texts: Sequence[str], voice: str = "fr") -> list[str]:
    """One phoneme string per text, lines of one text joined by spaces."""
    if not available():
        raise PhonemesUnavailable("espeak-ng est absent : installez le paquet espeak-ng.")
    result: list[str] = []
    for start in range(0, len(texts), BATCH):
        result += _batch(texts[start : start + BATCH], voice)
    return result


def _batch(texts: Sequence[str], voice: str) -> list[str]:
    # Each text ends a sentence, so that it never runs into the sentinel's clause.
    lines = [_closed(" ".join(text.split())) for text in texts]
    source = "".join(f"{line}\n{_SENTINEL}\n" for line in lines)
    try:
        run = subprocess.run(
            [ESPEAK, "-v", voice, "-q", "-x"],
            input=source,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            check=True,
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise PhonemesUnavailable("espeak-ng n'a pas pu lire le texte.") from error
    found: list[str] = []
    current: list[str] = []
    for line in run.stdout.splitlines():
        if line.strip() == _SENTINEL_PHONEMES:
            found.append(" ".join(current))
            current = []
        elif line.strip():
            current.append(line.strip())
    if len(found) != len(texts):
        raise PhonemesUnavailable("espeak-ng a rendu un résultat inattendu.")
    return found


def _closed(text: str) -> str:
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def switches(phoneme_string: str) -> list[str]:
    """The languages espeak-ng changed to, other than French: [] when all is French."""
    return [code for code in LANGUAGE_SWITCH.findall(phoneme_string) if code != "fr"]


def foreign_words(words: Sequence[str], voice: str = "fr") -> list[str]:
    """The words, among `words`, that espeak-ng's French voice says with another voice."""
    unique = list(dict.fromkeys(words))
    return [w for w, said in zip(unique, phonemes(unique, voice), strict=True) if switches(said)]
