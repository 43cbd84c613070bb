"""The same sentences for a person at the keyboard: keys to press instead of words to say.

When no microphone listens, « Dites suivant » would send the person talking to a machine that
cannot hear. Every reply is rewritten here, purely, from the spoken wording: known command
words become their key (« Appuyez sur Entrée pour continuer »), other words become something
to type (« Tapez épelle puis Entrée »). The rewrite is idempotent, so a reply rewritten twice
(« répète ») stays the same.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.conversation.state import Turn
from assistant.conversation.wording import Reply

_KEYS = {  # command word: (key as shown, key as said)
    "suivant": ("Entrée", "Entrée"),
    "précédent": ("←", "la flèche gauche"),
    "répète": ("R", "R"),
    "aide": ("H", "H"),
    "menu": ("M", "M"),
    "quitter": ("Q", "Q"),
}
_WORDS = "|".join(_KEYS)

_SENTENCES = (  # whole sentences first, then the general patterns below
    ("Trois mots à retenir.", "Trois touches à retenir."),
    ("Dites oui ou non.", "Tapez oui ou non, puis Entrée."),
    (
        "Dites le numéro d'une démarche, ou aide.",
        "Tapez le numéro d'une démarche puis Entrée, ou H pour l'aide.",
    ),
    ("Dites le numéro de la démarche.", "Tapez le numéro de la démarche, puis Entrée."),
    ("Dites ou tapez le numéro.", "Tapez le numéro, puis Entrée."),
    ("Dites ou tapez le numéro, ou dites non.", "Tapez le numéro puis Entrée, ou tapez non."),
    ("Oui ou non ?", "Tapez oui ou non, puis Entrée."),
    (
        "Dites étape, puis le numéro. Par exemple : étape 2.",
        "Tapez étape, puis le numéro, puis Entrée. Par exemple : étape 2.",
    ),
    (
        "Dites menu pour choisir une démarche, ou quitter pour arrêter.",
        "Appuyez sur M pour choisir une démarche, ou sur Q pour arrêter.",
    ),
    ("Vous pouvez dire :", "Vous pouvez appuyer sur :"),
    ("Dites suivant pour continuer, ou aide.", "Appuyez sur Entrée pour continuer, ou sur H."),
    ("Voici ce que vous pouvez dire.", "Voici les touches."),
    ("savoir quoi dire", "savoir quoi faire"),
)
_SAY_KEY = re.compile(rf"\b([Dd])ites ({_WORDS}) pour\b")
_SAY_OTHER = re.compile(r"\b([Dd])ites ([^.,:;!?]+?) pour\b")
_SAY_ANY = re.compile(r"\b(Dites|Ou dites|ou dites)\b")
"""Only a command at the start of a sentence: « Ne la dites jamais » stays as it is."""
_TYPED = {"Dites": "Tapez", "Ou dites": "Ou tapez", "ou dites": "ou tapez"}
_LISTED = re.compile(r"^« (.+?) » : ", re.MULTILINE)
_CAN_PRESS = re.compile(r"(Vous pouvez appuyer sur : )([^.]+)\.")


def _press(match: re.Match[str]) -> str:
    verb = "Appuyez" if match.group(1) == "D" else "appuyez"
    return f"{verb} sur {_KEYS[match.group(2)][1]} pour"


def _type(match: re.Match[str]) -> str:
    verb = "Tapez" if match.group(1) == "D" else "tapez"
    return f"{verb} {match.group(2)} puis Entrée pour"


def _listed(match: re.Match[str]) -> str:
    word = match.group(1)
    key = _KEYS.get(word)
    if key:
        return f"{key[0]} : "
    return f"{word} puis Entrée : " if word.startswith("un ") else f"« {word} » puis Entrée : "


def _keys_named(match: re.Match[str]) -> str:
    words = re.split(r", ou |, ", match.group(2))
    shown = {key for key, _ in _KEYS.values()}
    keys = [
        _KEYS[word][0]
        if word in _KEYS
        else word
        if word in shown or "Entrée" in word
        else f"{word} puis Entrée"
        for word in words
    ]
    return f"{match.group(1)}{', '.join(keys[:-1])}, ou {keys[-1]}."


def _rewrite(text: str, screen: bool) -> str:
    for spoken, keyed in _SENTENCES:
        text = text.replace(spoken, keyed)
    text = _CAN_PRESS.sub(_keys_named, text)
    if screen:
        text = _LISTED.sub(_listed, text)
    text = _SAY_KEY.sub(_press, text)
    text = _SAY_OTHER.sub(_type, text)
    return _SAY_ANY.sub(lambda m: _TYPED[m.group(1)], text)


def for_keys(reply: Reply) -> Reply:
    """The reply for a person who types: no « Dites », the keys instead."""
    return Reply(_rewrite(reply.speech, screen=False), _rewrite(reply.screen, screen=True))


def worded(turn: Turn) -> Turn:
    """At the keyboard, every reply names keys; what « répète » gives is rewritten alike."""
    if not turn.state.keyboard:
        return turn
    last = tuple(for_keys(reply) for reply in turn.state.last_replies)
    return Turn(replace(turn.state, last_replies=last), tuple(map(for_keys, turn.replies)))
