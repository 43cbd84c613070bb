"""Every French sentence the conversation core says, with what the large-print screen shows.

Listeners may not read or see well: one idea per short sentence, vouvoiement, and command
words given exactly as they must be said (« Dites suivant pour avancer. »).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from assistant.conversation.guide import Procedure, Step
from assistant.conversation.pronunciation import spell_out

Where = Literal["menu", "step", "done", "paused", "question"]
"""The kind of place the listener is in, which decides the hints they get."""


@dataclass(frozen=True)
class Reply:
    """One thing to say aloud and show on screen."""

    speech: str
    """Plain French sentence(s) for the speech engine."""
    screen: str
    """Text for the large-print screen; often the same as `speech`."""


def plain(speech: str) -> Reply:
    return Reply(speech, speech)


def one_per_line(speech: str) -> Reply:
    """A warning whose sentences must each stand out on screen."""
    return Reply(speech, speech.replace(". ", ".\n"))


def join(*parts: Reply) -> Reply:
    """Several messages said as one, so that « répète » gives them back together."""
    return Reply(" ".join(p.speech for p in parts), "\n".join(p.screen for p in parts))


FIRST_STEP = plain("C'est la première étape.")
ASK_STEP_NUMBER = plain("Dites étape, puis le numéro. Par exemple : étape 2.")
UNKNOWN_PROCEDURE = plain("Je ne connais pas cette démarche. Dites menu pour entendre la liste.")
_HINTS = {
    "question": "Dites oui ou non.",
    "menu": "Dites le numéro d'une démarche, ou aide.",
    "done": "Dites menu pour choisir une démarche, ou quitter pour arrêter.",
}
END_OF_MEMO = plain(f"C'est la fin du mémo. {_HINTS['done']}")
QUIT_QUESTION = plain("Voulez-vous vraiment quitter ? Dites oui ou non.")
GOING_ON = plain("D'accord, on continue.")
GOODBYE = plain("Au revoir. À bientôt.")
PAUSE = one_per_line("Je fais une pause. Prenez votre temps. Dites suivant pour continuer.")
ALREADY_PAUSED = plain("Je suis déjà en pause. Dites suivant pour continuer.")
PAUSED_NOTE = plain("Je suis en pause.")
RESUMED = plain("Je reprends.")
NOT_PAUSED = plain("Je ne suis pas en pause.")
WHERE_MENU = plain("Vous êtes au menu.")
WHERE_START = plain("Vous êtes au début.")
NO_EXPLANATION = plain("Il n'y a pas d'explication de plus pour cette étape.")
NO_SPELLING = plain("Il n'y a rien à épeler pour cette étape.")
NOTHING_TO_SPELL = plain("Il n'y a rien à épeler ici.")
STILL_HERE = plain("Je suis toujours là.")
VERY_WELL = plain("Très bien.")
ALL_RIGHT = plain("D'accord.")
SECRET_WARNING = one_per_line(
    "Attention, étape secrète. Tapez l'information vous-même. "
    "Ne la dites jamais à voix haute. Cachez votre écran."
)
SECRET_AGAIN = plain("Attention, encore une information secrète à taper vous-même.")

_LEVELS = {  # (speed rather than volume, up): (the change, the limit)
    (True, False): ("plus lentement", "plus lent"), (True, True): ("plus vite", "plus rapide"),
    (False, False): ("moins fort", "moins fort"), (False, True): ("plus fort", "plus fort"),
}  # fmt: skip


def level(speed: bool, up: bool, changed: bool) -> Reply:
    """Confirms a speed or volume change, or says the limit is reached."""
    change, limit = _LEVELS[speed, up]
    return plain(f"Je parle {change}." if changed else f"C'est déjà le {limit} possible.")


def _clean(text: str) -> str:
    # Memo texts come from folded YAML: line breaks there are not pauses.
    return " ".join(text.split())


def _sentence(text: str) -> str:
    """The final full stop makes the voice pause; memo texts may lack it."""
    text = _clean(text)
    return text if text.endswith((".", "!", "?", "…", ":")) else text + "."


def _bare(text: str) -> str:
    """A title inside a sentence, without its own final full stop."""
    return _clean(text).rstrip(" .")


def _commands(intro: str, pairs: Sequence[tuple[str, str]]) -> Reply:
    speech = " ".join([intro, *(f"Dites {word} pour {meaning}." for word, meaning in pairs)])
    screen = "\n".join([intro, *(f"« {word} » : {meaning}" for word, meaning in pairs)])
    return Reply(speech, screen)


THREE_COMMANDS = _commands(
    "Quatre mots à retenir.",
    [
        ("suivant", "avancer"),
        ("répète", "réentendre"),
        ("explique", "en savoir plus"),
        ("aide", "savoir quoi dire"),
    ],
)
HELP_PAUSED = _commands(
    "Je suis en pause. Prenez votre temps.", [("suivant", "continuer"), ("quitter", "arrêter")]
)
HELP_QUIT = _commands(
    "Je vous demande si vous voulez arrêter.",
    [("oui", "quitter Mémo vocal"), ("non", "continuer")],
)


def welcome(title: str, introduction: str) -> Reply:
    speech = "Bonjour. Je suis Mémo vocal. Je vais vous guider pas à pas "
    speech += f"avec le mémo : {_bare(title)}."
    if introduction.strip():
        speech += " " + _sentence(introduction)
    return Reply(speech, f"Mémo vocal\n{_bare(title)}\n\n{_clean(introduction)}".strip())


def menu(titles: Sequence[str], suggestion: str | None) -> Reply:
    items = " ".join(f"{number}, {_sentence(title)}" for number, title in enumerate(titles, 1))
    speech = f"Voici les démarches. {items} Dites le numéro de la démarche."
    if suggestion is not None:
        speech += f" Ou dites suivant pour : {_bare(suggestion)}."
    lines = "\n".join(f"{number}. {_bare(title)}" for number, title in enumerate(titles, 1))
    return Reply(speech, f"Les démarches :\n{lines}\n\nDites ou tapez le numéro.")


def invitation(titles: Sequence[str]) -> Reply:
    """At the welcome, a long menu read aloud would bury the way to start."""
    if len(titles) <= 5:
        return menu(titles, titles[0])
    speech = (
        f"Il y a {len(titles)} démarches. Dites suivant pour commencer par : {_bare(titles[0])}."
    )
    return Reply(f"{speech} Ou dites menu pour entendre la liste.", menu(titles, titles[0]).screen)


def announce(title: str, how: Literal["open", "restart", "resume"] = "open") -> Reply:
    """Said before the first step shown: the procedure's title, and why it starts there."""
    lead = {"open": "", "restart": "Je recommence au début : ", "resume": "Je reprends : "}[how]
    shown = _bare(title) or _clean(title)  # a title of punctuation only must still show
    return Reply(f"{lead}{shown}.", f"{lead}{shown}")


SPELL_HINT = "Dites épelle pour entendre les lettres."
EXPLAIN_HINT = "Pour en savoir plus, dites explique."


def step(procedure: Procedure, index: int) -> tuple[Reply, ...]:
    """The step said with its number; a secret step comes after its warning.

    Hints only where they help: « épelle » when the step itself says what would be spelled,
    « explique » once per procedure, at its first step that has an explanation. Two secret
    steps in a row get the full warning once, then a short reminder."""
    step, total, title = procedure.steps[index], len(procedure.steps), _bare(procedure.title)
    speech = f"Étape {index + 1} sur {total}. {_sentence(step.say)}"
    if step.spell and spelled_in_step(step):
        speech += f" {SPELL_HINT}"
    if step.explain and index == first_explained(procedure):
        speech += f" {EXPLAIN_HINT}"
    text = f"{title} — étape {index + 1} sur {total}\n{_clean(step.say)}"
    if step.screen:
        text += f"\n\nÀ l'écran : {_clean(step.screen)}"
    if not step.secret:
        return (Reply(speech, text),)
    again = index > 0 and procedure.steps[index - 1].secret
    return (SECRET_AGAIN if again else SECRET_WARNING, Reply(speech, text))


def first_explained(procedure: Procedure) -> int | None:
    """The first step with an explanation: where « explique » is taught."""
    return next((i for i, each in enumerate(procedure.steps) if each.explain), None)


def spelled_in_step(step: Step) -> bool:
    """Each word to spell is said in the step, so the listener knows what the letters are for."""
    said = _folded(step.say)
    return all(_folded(word) in said for word in step.spell.split(", ")) if step.spell else False


def _folded(text: str) -> str:
    return " ".join(text.replace("«", " ").replace("»", " ").casefold().split())


def step_count(total: int) -> Reply:
    steps = f"{total} étapes" if total > 1 else "une seule étape"
    return plain(f"Cette démarche a {steps}.")


def choose_between(count: int) -> Reply:
    choice = f"un numéro entre 1 et {count}" if count > 1 else "1, la seule démarche"
    return plain(f"Choisissez {choice}.")


def done(title: str, next_title: str | None) -> Reply:
    return join(where_done(title), hint("done", next_title))


def offer_resume(title: str, number: int) -> Reply:
    question = f"Voulez-vous reprendre à l'étape {number} de : {_bare(title)} ?"
    return Reply(f"{question} Dites oui ou non.", f"{question}\n\nOui ou non ?")


def where_step(title: str, number: int, total: int) -> Reply:
    return plain(f"Étape {number} sur {total} de : {_bare(title)}.")


def where_done(title: str) -> Reply:
    return plain(f"Vous avez terminé : {_bare(title)}.")


def explanation(text: str) -> Reply:
    return Reply(_sentence(text), f"Explication :\n{_clean(text)}")


def spelling(text: str) -> Reply:
    spaced = " ".join(_clean(text))
    return Reply(f"J'épelle : {spell_out(text)}", f"{_clean(text)}\n\n{spaced}")


def hint(where: Where, next_title: str | None = None) -> Reply:
    """What to say now, in one short sentence."""
    if where == "done" and next_title is not None:
        then = "Ou dites menu pour choisir une autre démarche."
        return plain(f"Dites suivant pour passer à : {_bare(next_title)}. {then}")
    return plain(_HINTS.get(where, "Dites suivant pour continuer, ou aide."))


def not_understood(where: Where, times: int, has_next: bool) -> Reply:
    """Short the first time; from the second time in a row, the three most useful words."""
    if where == "question":
        return plain("Je n'ai pas compris. Dites oui ou non.")
    if times < 2:
        return plain("Je n'ai pas compris.")
    words = ("suivant", "répète", "aide")
    if where == "menu":
        words = ("un numéro", "suivant" if has_next else "menu", "aide")
    elif where == "done":
        words = ("suivant", "menu", "aide") if has_next else ("menu", "quitter", "aide")
    return plain(f"Je n'ai pas compris. Vous pouvez dire : {words[0]}, {words[1]}, ou {words[2]}.")


def help_menu(suggestion: str | None, at_welcome: bool) -> Reply:
    intro = "Je lis le mémo à voix haute, étape par étape. " if at_welcome else ""
    pairs = [("un numéro", "choisir une démarche")]
    pairs += [("suivant", f"commencer : {_bare(suggestion)}")] if suggestion else []
    pairs += [("menu", "réentendre la liste"), ("quitter", "arrêter")]
    return _commands(intro + "Voici ce que vous pouvez dire.", pairs)


def help_step(step: Step) -> Reply:
    pairs = [("suivant", "avancer"), ("précédent", "revenir"), ("répète", "réentendre l'étape")]
    pairs += [("explique", "en savoir plus")] if step.explain else []
    pairs += [("épelle", "entendre les lettres")] if step.spell else []
    pairs += [("pause", "prendre votre temps"), ("menu", "changer de démarche")]
    pairs += [("plus lentement ou plus fort", "régler ma voix"), ("quitter", "arrêter")]
    return _commands("Voici ce que vous pouvez dire.", pairs)


def help_done(next_title: str | None) -> Reply:
    pairs = [] if next_title is None else [("suivant", f"passer à : {_bare(next_title)}")]
    pairs += [("recommence", "refaire cette démarche"), ("menu", "choisir une autre démarche")]
    pairs.append(("quitter", "arrêter"))
    return _commands("Cette démarche est terminée.", pairs)


def help_offer(title: str, number: int) -> Reply:
    intro = f"La dernière fois, vous étiez à l'étape {number} de : {_bare(title)}."
    return _commands(intro, [("oui", "reprendre à cet endroit"), ("non", "voir le menu")])
