"""Markers that ask one command whatever else is said, and the stories that must not."""

from __future__ import annotations

import pytest

from assistant.conversation import command_markers
from assistant.conversation.commands import Command, CommandName
from tests.test_listening_vocabulary import folded
from tests.test_understanding_in_context import UNDERSTANDING, WORDS_ONLY

N = CommandName


@pytest.mark.parametrize(
    ("sentence", "meant"),
    [
        ("Le mot de passe, vous pouvez me le dire lettre par lettre ?", N.SPELL),
        ("l'adresse du site vous me l'épelez", N.SPELL),
        ("ça s'écrit comment ce mot", N.SPELL),
        ("ce nom la ca secrit comment", N.SPELL),
        ("Mon identifiant, c'est avec quelles lettres ?", N.SPELL),
        ("Recommencez au début, je me suis perdue.", N.RESTART),
        ("on refait tout depuis la première étape", N.RESTART),
        ("Il faut que vous recommenciez du début pour mon fils.", N.RESTART),
        ("retour à la case départ", N.RESTART),
        ("Revenez au tout début de cette démarche, s'il vous plaît.", N.RESTART),
        ("La pause est finie, on y va.", N.RESUME),
        ("Reprenez là où vous en étiez.", N.RESUME),
        ("Me revoici, on repart où on était.", N.RESUME),
        ("Excusez-moi, il faut vous dire quoi pour avancer ?", N.HELP),
        ("Je ne sais pas utiliser cette machine, on fait comment ?", N.HELP),
        ("C'est quoi un onglet, dans votre explication ?", N.EXPLAIN),
        ("Montrez-moi les autres choix, ce n'est pas ça.", N.MENU),
        ("Ça ne me concerne pas, je voudrais autre chose.", N.MENU),
        ("Bon, retour au menu, c'est pas ce que je voulais.", N.MENU),
        ("Non, pas celle-là, qu'est-ce qu'il y a d'autre ?", N.MENU),
        ("Je reviens du couloir, on est rendu où ?", N.WHERE),
        ("Merci bien, je vais m'arrêter là pour aujourd'hui.", N.QUIT),
        ("Arrêtez de parler une seconde, le téléphone sonne.", N.PAUSE),
        ("Parlez moins fort, tout le monde entend mes affaires.", N.QUIETER),
        ("Pas si fort, les gens se retournent.", N.QUIETER),  # the room is why, not who
        ("Trop vite, j'arrive pas à noter.", N.SLOWER),
        ("Moins de vitesse, je ne suis pas.", N.SLOWER),
        ("Pas si vite, je ne suis plus toute jeune.", N.SLOWER),  # what I am: no one else
        ("c'est bon j'ai tapé le code, je suis prête pour la prochaine étape", N.NEXT),
        ("Bon, c'est fait, on enchaîne.", N.NEXT),
        ("Voilà, j'ai tapé mon code, qu'est-ce que je fais ensuite ?", N.NEXT),
        ("Vous pouvez revenir à celle d'avant, je l'ai ratée ?", N.PREVIOUS),
        ("Je suis allé trop vite, revenez d'un cran.", N.PREVIOUS),  # my speed, not the voice
        ("Le bruit m'a empêché d'entendre, vous pouvez le redire ?", N.REPEAT),
        ("Encore une fois, j'ai pas bien entendu la fin.", N.REPEAT),
        ("combien il en reste encore", N.WHERE),
        ("On est rendu où dans les informations ?", N.WHERE),
        ("fermez le guide", N.QUIT),
        ("Redites-le encore une fois, la porte claquait.", N.REPEAT),
        ("On refait tout depuis le début, j'ai tout oublié.", N.RESTART),
        ("J'ai tout effacé sans faire exprès, il faut tout refaire depuis le début.", N.RESTART),
        # Asking the listener what it can do: « tu » is the assistant here.
        ("Tu comprends quels mots, toi ?", N.HELP),
        ("Et vous, vous savez faire quoi ?", N.HELP),
        ("Qu'est-ce que je peux demander, au juste ?", N.HELP),
        ("Vous pouvez me donner plus de détails, là ?", N.EXPLAIN),
        ("Fermez l'application, j'ai terminé.", N.QUIT),
        ("Répétez-le autrement, s'il vous plaît.", N.EXPLAIN),  # again, but differently
        ("Encore une fois, mais plus simplement.", N.EXPLAIN),
        ("Je n'ai pas compris, expliquez-le autrement.", N.EXPLAIN),
    ],
)
def test_a_marker_decides_whatever_else_is_said(sentence: str, meant: CommandName) -> None:
    assert UNDERSTANDING.understand(sentence) == Command(meant)


@pytest.mark.parametrize(
    "sentence",
    [
        "ma petite-fille apprend à épeler son prénom",
        "il faut qu'ils envoient les lettres chez ma fille",
        "au guichet il a fallu épeler mon nom deux fois",
        "j'ai appris à lire lettre par lettre à l'école",
        "dans le film le héros recommence sa vie à zéro",
        "je reviens tout de suite",
        "on recommençait tout depuis le début chaque année",
        "nous recommencions tout depuis le début chaque année",
        "j'ai tout refait depuis le début hier soir",
        "chez le notaire il m'a fait épeler mon adresse",
        "le facteur m'a dit au revoir ce matin",
        "Mon fils veut faire autre chose que des études.",
        "Je me souviens plus où on était dans la rue.",
        "je pars en vacances la semaine prochaine",
        "il pleut plus fort que ce matin",
        "Pas si fort, les enfants, on est à la bibliothèque !",
        "quand je suis fatiguée je parle plus lentement",
        "je lis plus vite en braille qu'on ne le croit",
        "la prochaine étape c'est de vendre la maison",
        "on enchaîne les galères en ce moment",
        "vous attendez l'ordinateur ? j'ai bientôt fini",
        "au secours, il y a une guêpe",
        "Est-ce que je peux demander la carte pour mon mari ?",
        "Le chien du voisin aboie de plus en plus fort.",
    ],
)
def test_the_same_markers_in_a_story_or_of_someone_else_are_not_for_us(sentence: str) -> None:
    # Not a marker's command; a word like « adresse » may still bring a question, and the
    # learned topics may ask about a command (« au secours, il y a une guêpe »: « Vous voulez
    # de l'aide ? »), which never acts.
    heard = UNDERSTANDING.understand(sentence).name
    assert heard in (N.NOT_UNDERSTOOD, N.CHOOSE_PROCEDURE, N.SUGGEST)


def test_every_word_of_the_markers_can_be_heard_in_grammar_mode() -> None:
    heard = [*UNDERSTANDING.listening_phrases(), *UNDERSTANDING.listening_words()]
    words = command_markers.spoken_words()
    assert {"caractère", "combientième", "séance", "reformulez"} <= words
    assert folded(sorted(words)) - folded(heard) == set()


def test_a_slow_voice_and_spelling_asked_together_stay_spelling() -> None:
    # « lentement » alone is how the person types, not how we should speak.
    heard = UNDERSTANDING.understand("Lettre par lettre, s'il vous plaît, je tape lentement.")
    assert heard == Command(N.SPELL)


@pytest.mark.parametrize(
    "sentence",
    [
        "Ma voisine m'a parlé d'ameli, mais c'est quoi au juste ?",
        "à quoi ça sert, le site de la sécu ?",
        "qu'est-ce qu'on peut faire sur ameli, en gros ?",
    ],
)
def test_asking_what_the_site_is_for_opens_its_presentation(sentence: str) -> None:
    assert UNDERSTANDING.understand(sentence) == Command(
        N.OPEN_PROCEDURE, procedure_id="presentation"
    )


@pytest.mark.parametrize(
    "sentence",
    ["c'est quoi l'attestation sur ameli ?", "c'est quoi ce bruit à la sécu ?"],
)
def test_what_is_with_another_topic_or_the_room_is_not_the_presentation(sentence: str) -> None:
    """The site's words are not the site's presentation; the learned topics may still ask
    about it (« c'est quoi ce bruit à la sécu ? »), never open it."""
    heard = WORDS_ONLY.understand(sentence)
    assert heard.procedure_id != "presentation" and "presentation" not in heard.choices
    assert UNDERSTANDING.understand(sentence).procedure_id != "presentation"


def test_leaving_the_site_is_logging_out_not_quitting() -> None:
    heard = UNDERSTANDING.understand("Il faut que je quitte le site proprement, c'est public.")
    assert heard.name is not N.QUIT
