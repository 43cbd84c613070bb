"""The assistant's pronunciation lexicon: the package's list plus the memo's own section.

The rules live in `conversation/pronunciation.py` (pure); this module only reads the package
file `prononciation.yaml`, shipped as package data.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from assistant.conversation.guide import Guide
from assistant.conversation.pronunciation import Lexicon

LEXICON_FILE = "prononciation.yaml"


@cache
def package_lexicon() -> Lexicon:
    """The lexicon every memo starts from; read once."""
    text = resources.files("assistant.speaking").joinpath(LEXICON_FILE).read_text("utf-8")
    data = yaml.safe_load(text) or {}
    return Lexicon(tuple((str(written), str(said)) for written, said in data.items()))


def lexicon_for(guide: Guide) -> Lexicon:
    """The package lexicon, with the memo's `prononciation:` entries added (they win)."""
    return package_lexicon().extended(guide.pronunciation)
