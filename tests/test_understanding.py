"""The command layer: what people say, what it must mean, and what it must leave alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.conversation import vocabulary
from assistant.conversation.command_words import CommandWords
from assistant.conversation.commands import Command, CommandName
from assistant.conversation.guide import Guide, Procedure, Step
from assistant.conversation.understanding import Understanding, command_phrase_collision, normalize
from assistant.guides.loader import load_guide

N = CommandName
GUIDE = Guide(
    title="Ameli pas à pas",
    introduction="Ce mémo vous guide.",
    procedures=(
        Procedure("paiements", "Mes paiements", ("mes paiements", "remboursements"), (Step("a"),)),
        Procedure(
            "adresse", "Changer d'adresse", ("changer d'adresse", "je déménage"), (Step("a"),)
        ),
        Procedure(
            "banque",
            "Changer de coordonnées bancaires",
            ("coordonnées bancaires", "changer de banque"),
            (Step("a"),),
            ("banque", "rib", "iban", "nouveau compte"),
        ),
        Procedure(
            "carte_vitale",
            "Commander une carte Vitale",
            ("commander une carte vitale", "nouvelle carte vitale"),
            (Step("a"),),
            ("commander", "neuve", "cassée"),
        ),
        Procedure(
            "carte_perdue",
            "Carte Vitale perdue",
            ("carte vitale perdue", "on m'a volé ma carte"),
            (Step("a"),),
            ("perdu", "perdue", "volé", "volée", "perte"),
        ),
    ),
)
UNDERSTANDING = Understanding(GUIDE)

# « command [argument]: phrasing / phrasing / … », one group per line.
SAID = """
next: suivant / Suivant ! / SUIVANTE / étape suivante / l'étape suivante / ensuite / continue
next: continuez / c'est fait / d'accord / après / la suite / euh… la suite s'il vous plaît
next: ok c'est fait / on passe à la suite / suivant suivant / suivants / suivant…suivant
previous: précédent / precedent / retour / revenir / en arrière / étape précédente / précédante
previous: revenez en arrière / on revient en arrière / vous pouvez revenir en arrière svp
previous: l'étape d'avant, on y retourne / j'ai loupé la précédente, on y retourne
repeat: répète / Répétez. / répéter / répètes / encore / pardon ? / j'ai pas compris / redis
repeat: je n'ai pas compris / tu peux répéter / repaie / répété
repeat: Pardon madame, vous pouvez répéter ?
repeat: est-ce que vous pouvez répéter s'il vous plaît / répétez encore une fois s'il vous plaît
restart: recommence / recommencer / recommencez / depuis le début / reprendre au début
restart: on recommence tout / recommance
menu: menu / sommaire / liste / retour au menu / qu'est-ce qu'il y a / le menu s'il vous plaît
menu: je voudrais revenir au menu / menus
help: aide / qu'est-ce que je peux dire / au secours / comment ça marche / aidez-moi
help: j'ai besoin d'aide / pouvez-vous m'aider
pause: pause / stop / attends / attendez / chut / tais-toi / taisez-vous / pose
pause: attendez une minute
resume: reprends / vas-y / allez-y / je suis prêt / je suis prête / vous pouvez reprendre
resume: on y retourne / allez, on y retourne / vous pouvez y aller
slower: plus lentement / moins vite / parlez moins vite / ralentissez / vous parlez trop vite
slower: vous parlez vite / pouvez-vous parler lentement / vous pouvez baisser la vitesse
slower: allez-y mollo / allez-y plus doucement / tranquillement s'il vous plaît
faster: plus vite / plus rapide / accélérez / parlez plus vite
faster: vous parlez lentement / vous êtes lent
louder: plus fort / je n'entends pas / j'entends pas / parlez plus fort / montez le son
louder: plus fort, je n'entends rien
quieter: moins fort / baissez le son / c'est trop fort / parlez moins fort
quieter: chut, plus bas / chut, moins fort s'il vous plaît
where: où j'en suis / on en est où / quelle étape / ou j'en suis / à quelle étape on en est
where: dites-moi où j'en suis
explain: explique / expliquez / expliquer / c'est quoi / je comprends pas le mot
explain: pas compris, reformulez
explain: qu'est-ce que ça veut dire / expliquez-moi s'il vous plaît
spell: épelle / épelez / comment ça s'écrit / ça s'écrit comment / vous pouvez épeler svp
yes: oui / ouais / bien sûr / oui oui / oui merci / tout à fait
no: non / pas maintenant / non merci / non pas maintenant
quit: quitter / au revoir / arrête tout / fermer / je voudrais quitter
quit: bon, je vais y aller, merci bien / je vous laisse, au revoir
help: je suis mêlée, aide-moi
goto_step 3: étape trois / étape 3 / la troisième étape / étape3 / l'étape numéro trois
goto_step 2: aller à l'étape deux / deuxième étape / numéro deux
goto_step 4: sautez jusqu'à la quatre, j'ai déjà fait le reste
goto_step 22: Étape vingt-deux / étape vingt deux / passez à l'étape 22
goto_step 21: étape vingt et un / étape vingt-et-un
goto_step 1: première étape / étape une / étape un
goto_step 17: étape dix sept / étape 17
goto_step 30: l'étape numéro trente / numéro 30
goto_step 7: 7 / sept
open_procedure paiements: mes paiements / remboursements / les remboursements / mes paiement
open_procedure paiements: je voudrais voir mes paiements / Mes paiements, s'il vous plaît.
open_procedure adresse: changer d'adresse / je déménage / comment changer d'adresse
open_procedure carte_perdue: carte vitale perdue / on m'a volé ma carte / Carte Vitale perdue
open_procedure banque: ma banque a changé / je voudrais donner mon nouveau rib
open_procedure adresse: comment je change mon adresse / j'ai déménagé la semaine dernière
open_procedure carte_perdue: j'ai perdu ma carte vitale hier / on me l'a volée ma carte vitale
"""

NOT_SAID = """
où sont les toilettes / je cherche un livre de cuisine / il fait beau aujourd'hui
je vais à la suite de la bibliothèque demander un livre / à quelle heure vous fermez
est-ce que je peux imprimer un document / le wifi ne marche pas / bonjour madame
je voudrais rendre ces livres / tu as vu mon téléphone / la suite du livre est sortie
le menu de la cantine est affiché / je reviens dans cinq minutes / attendez-moi à l'entrée
il faut demander à l'accueil / tu peux fermer la fenêtre / fermez la porte s'il vous plaît
vous pouvez m'aider à remplir ce formulaire / mon mot de passe ne marche pas
la pause déjeuner est à midi / c'est la fin du livre / le retour des livres c'est où
j'attends la suite avec impatience / on recommence lundi / explique-moi le chemin de la gare
tu peux répéter à ta sœur / aide-moi à porter ce carton / plus fort que toi / moins cher
silence dans la bibliothèque / bonjour / merci beaucoup / c'est vrai / c'est où / savant
souvent / trois livres s'il vous plaît / étape / étape quarante-deux / menu du jour
je suis venu avec ma fille / on y va ensemble / la deuxième porte à gauche
mon neveu travaille dans une banque / ma sœur a déménagé / le code du wifi / carte
la banque ferme à midi / j'ai perdu mon parapluie / le médecin est en retard
mon genou me fait mal / où sont les journaux / il pleut depuis ce matin
moi pas comprendre vite / je vais jamais le finir
je vous laisse la place dans dix minutes
"""


WHICH_CARD = Command(N.CHOOSE_PROCEDURE, choices=("carte_vitale", "carte_perdue"))


def _said() -> list[tuple[str, Command]]:
    cases = []
    for line in SAID.strip().splitlines():
        head, texts = line.split(": ", 1)
        name, _, argument = head.partition(" ")
        step = int(argument) if name == "goto_step" else None
        command = Command(CommandName(name), step, argument if name == "open_procedure" else None)
        cases += [(text, command) for text in texts.split(" / ")]
    return cases


UNDERSTOOD = _said() + [
    (text, WHICH_CARD) for text in ("carte vitale", "ma carte vitale", "la carte vitale svp")
]
NOT_UNDERSTOOD = [text for line in NOT_SAID.strip().splitlines() for text in line.split(" / ")]
NOT_UNDERSTOOD += ["[unk] suivant [unk] [unk]", "", "   ", "\n\t", "😀😀", "\x00\x07\x1b[2J"]
NOT_UNDERSTOOD += ["?!…", "euh", "s'il vous plaît", "merci", "répète-moi ça " * 1000]


@pytest.mark.parametrize(("text", "command"), UNDERSTOOD)
def test_phrasings_give_their_command(text: str, command: Command) -> None:
    assert UNDERSTANDING.understand(text) == command


@pytest.mark.parametrize("text", NOT_UNDERSTOOD)
def test_other_talk_is_not_understood(text: str) -> None:
    assert UNDERSTANDING.understand(text) == Command(N.NOT_UNDERSTOOD)


def test_the_tables_are_big_enough() -> None:
    assert len(UNDERSTOOD) + len(NOT_UNDERSTOOD) >= 150
    assert len(NOT_UNDERSTOOD) >= 40
    # SUGGEST comes from a memo's learned topics, which this small memo has not: see
    # tests/test_learned_topics.py.
    unsaid = {N.NOT_UNDERSTOOD, N.SILENCE, N.SUGGEST}
    assert {command.name for _, command in UNDERSTOOD} == set(N) - unsaid


@pytest.mark.parametrize("value", [name.value for name in vocabulary.PHRASES])
def test_every_vocabulary_phrase_gives_its_command(value: str) -> None:
    name = CommandName(value)
    phrases = vocabulary.PHRASES[name]
    assert len(phrases) >= 3
    wrong = [p for p in phrases if UNDERSTANDING.understand(p) != Command(name)]
    assert wrong == []


def test_every_command_a_person_can_say_has_phrases() -> None:
    spoken = set(N) - {
        N.NOT_UNDERSTOOD,
        N.SILENCE,
        N.GOTO_STEP,
        N.OPEN_PROCEDURE,
        N.CHOOSE_PROCEDURE,
        N.SUGGEST,  # a question the learned topics ask, never a phrase
    }
    assert set(vocabulary.PHRASES) == spoken
    assert len(vocabulary.NUMBERS) == 30


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Répétez, S'IL VOUS PLAÎT !", "repete"),
        ("Euh… bon, ben, alors : répéter", "repete"),
        ("répète répètes répétez répéter répété", "repete"),
        ("recommencer / recommencez", "recommence"),
        ("continuez", "continue"),
        ("expliquez-moi", "explique moi"),
        ("Qu’est-ce que c’est ?", "que est ce que c est"),
        ("je n'entends pas", "je entends pas"),
        ("j'entends pas", "je entends pas"),
        ("c'est bon", "c est bon"),
        ("bon, suivant", "suivant"),
        ("Étape3", "etape 3"),
        ("  OUI   oui  ", "oui"),
        ("cœur", "coeur"),
        ("monsieur, madame, merci, svp", ""),
        ("😀\x00\u200b", ""),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_normalize_gives_plain_lowercase_words() -> None:
    for text in ("Où ÇA ?!", "À l'aide", "numéro Vingt-Deux", "L’ÉTAPE d'après"):
        result = normalize(text)
        assert re.fullmatch(r"[a-z0-9]+( [a-z0-9]+)*", result)
        assert normalize(result) == result


def test_long_and_strange_text_never_raises() -> None:
    for text in ("a" * 10_000, "é" * 10_000, "\U0010ffff" * 500, "\ud800", "\x00" * 10_000):
        assert UNDERSTANDING.understand(text).name is N.NOT_UNDERSTOOD
    # A word said again and again is still that one command, however long the text.
    assert UNDERSTANDING.understand("suivant " * 2_000).name is N.NEXT


def _expected_listening() -> dict[str, Command]:
    expected = {p: Command(name) for name, phrases in vocabulary.PHRASES.items() for p in phrases}
    for number, words in enumerate(vocabulary.NUMBERS, 1):
        for template in vocabulary.STEP_TEMPLATES:
            expected[template.format(words)] = Command(N.GOTO_STEP, step_number=number)
    for procedure in GUIDE.procedures:
        for phrase in (*procedure.phrases, procedure.title):
            expected[phrase.lower()] = Command(N.OPEN_PROCEDURE, procedure_id=procedure.id)
    return expected


def test_listening_phrases_are_the_vocabulary_as_the_recogniser_writes_it() -> None:
    phrases = UNDERSTANDING.listening_phrases()
    assert phrases == sorted(set(phrases))
    assert set(phrases) == set(_expected_listening())
    assert {"répète", "précédent", "étape trois", "qu'est-ce que c'est", "j'ai pas compris"} <= set(
        phrases
    )
    assert {"mes paiements", "remboursements", "je déménage", "carte vitale perdue"} <= set(phrases)
    for phrase in phrases:
        assert re.fullmatch(r"[a-zà-ÿœæ'-]+( [a-zà-ÿœæ'-]+)*", phrase), phrase
        assert "[unk]" not in phrase


def test_every_listening_phrase_is_understood_as_its_command() -> None:
    expected = _expected_listening()
    wrong = {
        p: UNDERSTANDING.understand(p)
        for p in UNDERSTANDING.listening_phrases()
        if UNDERSTANDING.understand(p) != expected[p]
    }
    assert wrong == {}


def test_without_a_memo_only_commands_are_heard() -> None:
    bare = Understanding(None)
    assert bare.understand("mes paiements").name is N.NOT_UNDERSTOOD
    assert bare.understand("suivant").name is N.NEXT
    assert "mes paiements" not in bare.listening_phrases()


def test_a_procedure_phrase_never_takes_a_command_away() -> None:
    clashing = Procedure("aide_sociale", "Aide", ("aide", "suivant", "mon dossier"), (Step("a"),))
    guide = Guide("Mémo", "Intro.", (clashing,))
    understanding = Understanding(guide)
    assert understanding.understand("aide").name is N.HELP
    assert understanding.understand("suivant").name is N.NEXT
    assert understanding.understand("mon dossier").procedure_id == "aide_sociale"
    assert understanding.understand("dossier").procedure_id == "aide_sociale"


@pytest.mark.parametrize(
    ("phrase", "collision"),
    [
        ("suivant", N.NEXT),
        ("Répétez s'il vous plaît", N.REPEAT),
        ("étape trois", N.GOTO_STEP),
        ("retour au menu", N.MENU),
        ("mes paiements", None),
        ("changer d'adresse", None),
        ("carte vitale perdue", None),
    ],
)
def test_command_phrase_collision(phrase: str, collision: CommandName | None) -> None:
    assert command_phrase_collision(phrase) == collision


def test_a_procedure_phrase_equal_to_a_command_leaves_the_command_in_the_grammar() -> None:
    clashing = Procedure("aide_sociale", "Aide", ("aide", "mon dossier"), (Step("a"),))
    phrases = Understanding(Guide("Mémo", "Intro.", (clashing,))).listening_phrases()
    assert "aide" in phrases and "mon dossier" in phrases


@pytest.mark.parametrize(
    ("said", "command"),
    [
        ("je dois faire quoi exactement", None),  # « exactement » was read as « exact »: yes
        ("il y a quoi d autre", None),  # « autre » was read as « autrement »: explain
        ("c est exact", Command(CommandName.YES)),
        ("c est bien calme aujourd hui", None),  # « calme » was read as « calmement »: slower
        ("parlez calmement", Command(CommandName.SLOWER)),
    ],
)
def test_a_neutral_word_is_no_keyword_that_shares_its_stem(
    said: str, command: Command | None
) -> None:
    assert CommandWords(normalize).command(normalize(said)) == command


@pytest.mark.parametrize(
    ("said", "command"),
    [
        ("chuchotez s il vous plait", Command(CommandName.QUIETER)),  # an order: softer
        ("tu chuchotes je n entends rien", Command(CommandName.LOUDER)),  # told: louder
        ("vous chuchotez", Command(CommandName.LOUDER)),
        ("descendez le son", Command(CommandName.QUIETER)),
        ("le son est trop eleve", None),  # « le son » was louder: now both, so neither
    ],
)
def test_whispering_asked_is_softer_and_whispering_told_is_louder(
    said: str, command: Command | None
) -> None:
    assert CommandWords(normalize).command(normalize(said)) == command


@pytest.mark.parametrize(
    ("said", "command"),
    [
        ("moi fini apres quoi", Command(CommandName.NEXT)),
        ("j ai fini pour aujourd hui au revoir", Command(CommandName.QUIT)),
        ("fini", None),  # done with the step, or with the session: unsaid
    ],
)
def test_done_is_the_step_or_the_session_as_the_other_words_say(
    said: str, command: Command | None
) -> None:
    assert CommandWords(normalize).command(normalize(said)) == command


@pytest.mark.parametrize(
    ("said", "named"),
    [
        ("j ai pas compris explique autrement", {CommandName.REPEAT, CommandName.EXPLAIN}),
        ("plus vite je comprends bien", {CommandName.FASTER, CommandName.EXPLAIN}),
        ("c est bientot fini", {CommandName.QUIT, CommandName.NEXT}),  # done: which, unsaid
        ("le chauffage", set()),
    ],
)
def test_every_command_whose_keyword_is_said_is_named(said: str, named: set[CommandName]) -> None:
    """Not only the one every keyword shares: a sentence naming two commands names both
    (it used to name none, and « j'ai pas compris, expliquez autrement » stayed a question)."""
    assert CommandWords(normalize).mentioned(tuple(normalize(said).split())) == named


@pytest.mark.parametrize(
    ("said", "step"), [("𑁒", None), ("étape 𑁒", None), ("étape ٣", 3), ("allez à l'étape ³", 3)]
)
def test_a_digit_int_refuses_is_no_step_and_no_crash(said: str, step: int | None) -> None:
    """« 𑁒 » is a digit (str.isdigit) that int() refuses: it raised ValueError out of
    understanding (found by a random memo phrase). Decimal digits of any script are steps."""
    heard = UNDERSTANDING.understand(said)
    expected = Command(CommandName.GOTO_STEP, step_number=step) if step else None
    assert heard == expected if expected else heard.name is CommandName.NOT_UNDERSTOOD


def test_the_grammar_holds_the_ordinals_a_step_is_named_by() -> None:
    """« la troisième étape » is understood typed; by voice the grammar lacked « troisième »,
    so Vosk could only write « la [unk] étape » (found by the issue-13 oracle study)."""
    ameli = Understanding(load_guide(Path(__file__).parents[1] / "guides" / "ameli.yaml"))
    heard = set(ameli.listening_words()) | {w for p in ameli.listening_phrases() for w in p.split()}
    assert {"première", "deuxième", "troisième", "cinquième", "neuvième", "second"} <= heard
    for said in ("la troisième étape", "allez à la cinquième étape"):
        assert ameli.understand(said).step_number in (3, 5)
