"""Commands said in people's own words, and talk that only sounds like them.

Each case stands for a way of speaking that came back in two or more of the blind sets read
in the twelfth round (fresh37 to fresh50, each written by a helper who saw neither the code
nor the other sets); the sentences here are new ones, not the sets' rows.
"""

from __future__ import annotations

import pytest

from assistant.conversation.commands import Command, CommandName
from tests.test_understanding_in_context import UNDERSTANDING, WORDS_ONLY

N = CommandName


@pytest.mark.parametrize(
    ("sentence", "meant"),
    [
        # « tu » said to the listener is no one else, as « vous » is not
        ("tu peux détailler ?", Command(N.EXPLAIN)),
        ("Tu peux aller à l'étape 3 ?", Command(N.GOTO_STEP, step_number=3)),
        ("C'est bon, tu peux t'arrêter.", Command(N.QUIT)),
        ("Quels mots tu comprends ?", Command(N.HELP)),
        ("Tu peux reculer d'un cran ?", Command(N.PREVIOUS)),
        ("tu peux attendre que je trouve mes lunettes", Command(N.PAUSE)),
        ("Reprends tout du début, s'il te plaît.", Command(N.RESTART)),  # « s'il »: no one
        # familiar words and fillers
        ("aide-moi, s'te plaît", Command(N.HELP)),
        ("Pressez-vous un peu, je connais la suite.", Command(N.FASTER)),
        ("voilà, c'est fait", Command(N.NEXT)),  # « voilà » with what is done goes on
        # asking what the assistant can do, and how to use it
        ("Je peux vous demander quoi, au juste ?", Command(N.HELP)),
        ("Euh, comment on te parle, toi ?", Command(N.HELP)),
        ("Comment on se sert de l'assistant ?", Command(N.HELP)),
        ("comment ça marche ?", Command(N.HELP)),
        # the step's own words asked about, or asked again differently
        ("C'est quoi, les neuf carrés ?", Command(N.EXPLAIN)),
        ("euh c est quoi un onglet", Command(N.EXPLAIN)),
        ("Comment ça, toucher l'icône ?", Command(N.EXPLAIN)),
        ("Précisez, je ne vois pas.", Command(N.EXPLAIN)),
        # letters counted, starting this procedure again, and the rest
        ("Ça s'écrit avec deux T ou un seul ?", Command(N.SPELL)),
        ("Recommencez cette procédure.", Command(N.RESTART)),  # « démarche » is also the menu
        ("Je voudrais refaire la démarche en entier.", Command(N.RESTART)),
        ("Une deuxième fois, s'il vous plaît.", Command(N.REPEAT)),
        ("Ne bougez plus, je reviens.", Command(N.PAUSE)),
        ("Diminuez la vitesse, s'il vous plaît.", Command(N.SLOWER)),
        ("Vous parlez de plus en plus vite, ralentissez.", Command(N.SLOWER)),  # to us
        ("On peut changer de rubrique ?", Command(N.MENU)),
        ("Ferme-toi, c'est fini.", Command(N.QUIT)),
        ("Stop, c'est fini pour moi.", Command(N.QUIT)),
        ("allez repars", Command(N.RESUME)),
        ("Je vois pas de quoi vous parlez.", Command(N.EXPLAIN)),
        ("Qu'est-ce qu'on peut vous demander, au juste ?", Command(N.HELP)),
        ("On retourne aux sujets, ce n'est pas ça.", Command(N.MENU)),
        ("Combien de T dans ce mot ?", Command(N.SPELL)),
        ("Ça prend un e ou un a, à la fin ?", Command(N.SPELL)),
        ("C'est quoi les sujets, déjà ?", Command(N.MENU)),  # what follows « c'est quoi »
        ("Dites-moi ce que je peux dire.", Command(N.HELP)),
        ("Repars au début, s'il te plaît.", Command(N.RESTART)),
        ("Oh c'est lent, là.", Command(N.FASTER)),
    ],
)
def test_a_command_in_ones_own_words_is_done(sentence: str, meant: Command) -> None:
    assert UNDERSTANDING.understand(sentence) == meant


@pytest.mark.parametrize(
    "sentence",
    [
        # a queue at a desk: « suivant » is a person, even for the learned model's sure NEXT
        "Le suivant, c'est vous, monsieur ?",
        "C'est toi la suivante, Janine ?",
        "qui est le suivant",
        "Le suivant, c'est à vous, madame.",
        "C'est à qui le tour ?",
        "on attend qui, là ?",
        # closing words
        "euh bon ben voilà quoi",
        "Bon ben voilà.",
        "voilà voilà",
        # told, not asked
        "Le chien du voisin aboie de plus en plus fort.",
        "L'étape suivante du tricot, c'est de changer d'aiguille.",
    ],
)
def test_talk_that_sounds_like_a_command_does_nothing(sentence: str) -> None:
    assert UNDERSTANDING.understand(sentence).name is N.NOT_UNDERSTOOD


@pytest.mark.parametrize(
    "sentence",
    [
        "plus fort que toi",  # compared: « toi » stays someone else
        "Le chauffage est bien trop fort ici.",  # the room's things
        "Le suivant, c'est qui ?",
        "Parle plus fort, ma chérie, ça coupe !",  # said to a person, never to us
    ],
)
def test_talk_to_others_is_at_most_asked_about(sentence: str) -> None:
    assert UNDERSTANDING.understand(sentence).name in (N.NOT_UNDERSTOOD, N.SUGGEST)


@pytest.mark.parametrize(
    "sentence",
    [
        "c'est quoi ce bruit dans le couloir ?",  # the library
        "c'est quoi les mots que je peux dire ?",  # a command's words: help
        "ça sert à quoi, ameli ?",  # what the site is for
    ],
)
def test_what_is_about_anything_else_is_no_step_word(sentence: str) -> None:
    assert UNDERSTANDING.understand(sentence).name is not N.EXPLAIN


def test_the_voice_asked_of_tu_is_no_marker_of_ours() -> None:
    # People on the phone ask each other to speak up: opening with « tu peux » does not make
    # a voice marker ours (the learned model may still ask, or act when very sure).
    heard = WORDS_ONLY.understand("Tu peux parler moins vite, Jeannot, je comprends rien.")
    assert heard.name is N.NOT_UNDERSTOOD
