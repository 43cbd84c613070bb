"""French for argparse's own words (« usage », « options », its error messages).

argparse looks its texts up through `argparse._` at call time, so replacing that one function
translates every message without subclassing the parser. A user who mistypes an option reads
French, like everything else the assistant says.
"""

from __future__ import annotations

import argparse

_EXACT = {
    "usage: ": "utilisation : ",
    "options": "options",
    "positional arguments": "arguments",
    "show this help message and exit": "afficher cette aide et quitter",
    "the following arguments are required: %s": "ces arguments manquent : %s",
    "unrecognized arguments: %s": "options inconnues : %s",
    "expected one argument": "une valeur est attendue",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "choix invalide : %(value)r (possibles : %(choices)s)"
    ),
    "argument %(argument_name)s: %(message)s": "option %(argument_name)s : %(message)s",
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "option ambiguë : %(option)s peut vouloir dire %(matches)s"
    ),
    "not allowed with argument %s": "impossible avec l'option %s",
    "ignored explicit argument %r": "valeur ignorée : %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "action inconnue %(parser_name)r (possibles : %(choices)s)"
    ),
    "expected at least one argument": "au moins une valeur est attendue",
}


def _translate(message: str) -> str:
    return _EXACT.get(message, message)


def install() -> None:
    argparse._ = _translate  # type: ignore[attr-defined]
