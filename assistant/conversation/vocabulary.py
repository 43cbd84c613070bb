"""The spoken vocabulary: every French way of giving each command, and the words around them.

Phrases are written as a French speaker spells them (accents, « j'ai », « qu'est-ce »): the
same text feeds the Vosk grammar, whose French vocabulary has accents. `understanding`
normalises everything here once, at start-up, so spelling variants need not be listed.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from assistant.conversation.commands import CommandName

_C = CommandName

# fmt: off
# One line per several phrases: the tables stay readable as lists of words.
PHRASES: Mapping[CommandName, tuple[str, ...]] = MappingProxyType(
    {
        _C.NEXT: (
            "suivant", "suivante", "le suivant", "la suivante", "étape suivante",
            "l'étape suivante", "la suite", "suite", "ensuite", "et ensuite", "après", "et après",
            "continue", "on continue", "c'est fait", "ça y est", "c'est bon", "d'accord", "ok",
            "okay", "voilà",
            "j'ai fini", "j'ai terminé", "terminé", "j'ai fait", "je l'ai fait",
            "j'ai compris", "compris", "avance", "on avance", "prochaine étape", "la prochaine",
            "l'étape d'après", "étape d'après", "passer à la suite", "et maintenant", "j'ai cliqué",
            "j'ai touché", "j'ai appuyé", "j'ai tapé", "c'est tapé",
        ),
        _C.PREVIOUS: (
            "précédent", "précédente", "le précédent", "la précédente", "étape précédente",
            "l'étape précédente", "retour", "retour en arrière", "retour arrière", "revenir",
            "reviens", "revenir en arrière", "en arrière", "recule", "reculer", "avant",
            "l'étape d'avant", "étape d'avant", "l'étape avant", "on revient",
            "revenir à l'étape précédente", "une étape en arrière", "recule d'une étape",
            "revenir d'une étape",
        ),
        _C.REPEAT: (
            "répète", "répéter", "répétez", "encore", "encore une fois", "une fois de plus",
            "une autre fois", "pardon", "comment", "quoi", "hein", "j'ai pas compris",
            "je n'ai pas compris", "j'ai pas entendu", "je n'ai pas entendu", "j'ai mal entendu",
            "redis", "redites", "redis-le", "tu peux répéter", "vous pouvez répéter",
            "répète-moi ça", "répète la phrase", "répéter l'étape", "relis", "relire",
            "qu'est-ce que vous avez dit", "qu'est-ce que tu as dit", "vous avez dit quoi",
            "tu as dit quoi", "qu'est-ce que vous dites", "qu'est-ce que tu dis",
            "une nouvelle fois", "j'ai pas bien compris", "je n'ai pas bien compris",
            "j'ai pas bien entendu", "je n'ai pas bien entendu", "relis l'étape", "répète l'étape",
            "répète la dernière phrase", "répète la question", "j'ai rien compris",
            "je n'ai rien compris",
        ),
        _C.RESTART: (
            "recommence", "recommencer", "recommencez", "on recommence", "tout recommencer",
            "depuis le début", "reprendre au début", "reprends au début", "retour au début",
            "revenir au début", "au début", "du début", "début", "recommencer depuis le début",
            "à zéro", "reprendre à zéro", "recommencer à zéro", "tout reprendre", "recommence tout",
            "depuis le départ", "on repart de zéro", "reprendre depuis le début",
            "recommencer la démarche",
        ),
        _C.MENU: (
            "menu", "le menu", "retour au menu", "revenir au menu", "sommaire", "le sommaire",
            "liste", "la liste", "les choix", "qu'est-ce qu'il y a", "qu'est-ce que je peux faire",
            "qu'est-ce qu'on peut faire", "autre chose", "une autre démarche", "autre démarche",
            "changer de démarche", "les démarches", "accueil", "retour à l'accueil",
            "quels sont les choix", "les rubriques", "autre sujet", "changer de sujet",
            "faire autre chose", "la liste des démarches", "quelles sont les démarches",
        ),
        _C.HELP: (
            "aide", "aide-moi", "aidez-moi", "de l'aide", "à l'aide", "au secours",
            "qu'est-ce que je peux dire", "que dire", "quoi dire", "comment ça marche",
            "comment ça fonctionne", "je suis perdu", "je suis perdue", "les commandes",
            "quelles commandes", "mode d'emploi", "j'ai besoin d'aide", "besoin d'aide",
            "je sais pas quoi dire", "je ne sais pas quoi dire", "m'aider",
            "quelles sont les commandes", "qu'est-ce que je dois dire", "je ne sais pas quoi faire",
            "je sais pas quoi faire", "il faut dire quoi", "je dois dire quoi", "on dit quoi",
        ),
        _C.PAUSE: (
            "pause", "en pause", "mets en pause", "stop", "attends", "attendez", "attends un peu",
            "une minute", "un instant", "un moment", "une seconde", "chut", "tais-toi",
            "taisez-vous", "silence", "arrête", "arrête-toi", "arrête de parler", "ferme-la",
            "fais une pause", "faites une pause", "deux minutes", "deux secondes", "mets pause",
            "petite pause",
        ),
        _C.RESUME: (
            "reprends", "reprendre", "reprenez", "reprise", "on reprend", "vas-y", "allez-y",
            "je suis prêt", "je suis prête", "on y va", "c'est reparti", "je suis là", "me revoilà",
            "me voilà", "tu peux reprendre", "reprends la lecture", "continuer la lecture",
        ),
        _C.SLOWER: (
            "plus lentement", "moins vite", "lentement", "plus lent", "moins rapide", "doucement",
            "plus doucement", "pas si vite", "trop vite", "c'est trop rapide", "ralentis",
            "ralentir", "tu vas trop vite", "vous allez trop vite", "parle moins vite",
            "parlez plus lentement", "vous parlez trop vite", "tu parles trop vite", "trop rapide",
        ),
        _C.FASTER: (
            "plus vite", "plus rapide", "plus rapidement", "moins lentement", "accélère",
            "accélérer", "trop lent", "c'est trop lent", "vite", "dépêche-toi", "parle plus vite",
            "parlez plus vite", "va plus vite", "trop lentement", "vous parlez trop lentement",
        ),
        _C.LOUDER: (
            "plus fort", "parle plus fort", "parlez plus fort", "plus haut", "je n'entends pas",
            "j'entends pas", "je n'entends rien", "j'entends rien", "on n'entend rien",
            "je vous entends pas", "monte le son", "monter le son", "augmente le volume",
            "plus de volume", "plus de son", "trop bas", "c'est trop bas", "pas assez fort",
            "j'entends mal", "je vous entends mal", "vous parlez trop bas", "on n'entend pas",
            "monte le volume", "je n'entends pas bien", "j'entends pas bien",
        ),
        _C.QUIETER: (
            "moins fort", "parle moins fort", "parlez moins fort", "plus bas", "baisse le son",
            "baisser le son", "baisse le volume", "diminue le volume", "moins de volume",
            "moins de son", "trop fort", "c'est trop fort", "pas si fort", "tu parles trop fort",
            "vous parlez trop fort", "baisse", "baisse un peu",
        ),
        _C.WHERE: (
            "où j'en suis", "où on en est", "on en est où", "j'en suis où", "où en suis-je",
            "où en est-on", "où j'en étais", "quelle étape", "à quelle étape", "c'est quelle étape",
            "on est à quelle étape", "je suis à quelle étape", "où suis-je", "je suis où",
            "on est où", "étape actuelle", "combien d'étapes", "il reste combien d'étapes",
            "où en sommes-nous", "quelle étape on est", "où est-ce qu'on en est",
            "où est-ce que j'en suis", "à quelle étape on en est", "j'en suis à quelle étape",
        ),
        _C.EXPLAIN: (
            "explique", "expliquer", "explique-moi", "expliquez-moi", "explication",
            "plus d'explications", "c'est quoi", "qu'est-ce que c'est",
            "qu'est-ce que ça veut dire", "ça veut dire quoi", "je comprends pas",
            "je ne comprends pas", "je comprends pas le mot", "je ne comprends pas ce mot",
            "c'est-à-dire", "plus de détails", "en détail", "comment faire", "comment on fait",
            "je ne sais pas faire", "je comprends rien", "je ne comprends rien",
            "c'est quoi ce mot", "c'est quoi ça", "explique mieux",
            "je ne comprends pas ce que ça veut dire",
        ),
        _C.SPELL: (
            "épelle", "épeler", "épelez", "épelle-moi ça", "comment ça s'écrit",
            "ça s'écrit comment", "comment ça s'épelle", "comment on écrit", "comment l'écrire",
            "lettre par lettre", "l'orthographe", "orthographe", "dis les lettres", "épelle le mot",
            "comment on l'écrit",
        ),
        # « d'accord » and « ok » are NEXT: the conversation reads NEXT as yes when it asked.
        _C.YES: (
            "oui", "ouais", "bien sûr", "oui bien sûr", "exactement", "tout à fait", "absolument",
            "volontiers", "avec plaisir", "je veux bien", "c'est ça", "évidemment", "si",
            "affirmatif", "carrément",
        ),
        _C.NO: (
            "non", "nan", "pas maintenant", "non pas maintenant", "plus tard", "pas du tout",
            "surtout pas", "pas encore", "je veux pas", "je ne veux pas", "non merci", "jamais",
            "annule", "annuler", "laisse tomber", "pas pour l'instant", "ça ira", "pas besoin",
        ),
        _C.QUIT: (
            "quitter", "quitte", "au revoir", "arrête tout", "fermer", "ferme", "fin", "c'est fini",
            "on arrête", "on arrête là", "j'arrête", "ça suffit", "sortir", "éteindre",
            "fermer le programme", "quitter le programme", "fin du programme", "je m'en vais",
            "je veux partir", "c'est terminé", "aurevoir",
        ),
    }
)
"""Built-in commands; GOTO_STEP is built from the numbers below, OPEN_PROCEDURE from the memo."""

AGREEING: frozenset[str] = frozenset({"d'accord", "ok", "okay", "c'est bon"})
"""NEXT phrases that are also a yes: see `Command.answer`."""

NUMBERS: tuple[str, ...] = (
    "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
    "treize", "quatorze", "quinze", "seize", "dix sept", "dix huit", "dix neuf", "vingt",
    "vingt et un", "vingt deux", "vingt trois", "vingt quatre", "vingt cinq", "vingt six",
    "vingt sept", "vingt huit", "vingt neuf", "trente",
)
"""1 to 30 as the recogniser writes them, without hyphens (« dix sept »): each part is a
word of the French model's vocabulary; typed hyphens are folded to spaces anyway."""

STEP_TEMPLATES: tuple[str, ...] = ("étape {}", "numéro {}", "{}")
"""Spoken ways to reach a step (or a menu entry) by number, given to the recogniser."""

STEP_WORDS: tuple[str, ...] = ("étape", "numéro")
"""Words that may stand before a number (« l'étape numéro 3 ») when understanding text."""

FILLERS: tuple[str, ...] = (
    "euh", "heu", "hum", "hmm", "bon", "ben", "bah", "beh", "alors", "donc", "merci", "madame",
    "monsieur", "mademoiselle", "svp", "stp", "s'il vous plaît", "s'il te plaît", "sil vous plait",
    "sil te plait", "s'te plaît", "ste plait", "steuplait", "stoplait", "siouplait",
    "et merci", "eh", "oh", "ah", "voyons", "écoute", "écoutez", "voilà quoi",
    "ben voilà quoi", "ben voilà", "voilà voilà",
)
"""Words that carry no command; removed wherever they appear. « bon » stays after « est »
(« c'est bon » means done)."""

VERB_FORMS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "répète": ("répéter", "répétez", "répètes", "répété", "répètez", "répètent"),
        "recommence": ("recommencer", "recommencez", "recommences", "recommencent", "recommençons"),
        "continue": ("continuer", "continuez", "continues", "continuons", "continuent"),
        "explique": ("expliquer", "expliquez", "expliques", "expliquent"),
        "mets": ("mettre", "mettez", "met"),
        "épelle": ("épeler", "épelez", "épelles", "épèle", "épele", "épèles"),
        "reprends": ("reprendre", "reprenez", "reprend"),
        "arrête": ("arrêter", "arrêtez", "arrêtes"),
        "quitte": ("quitter", "quittez", "quittes"),
        "ferme": ("fermer", "fermez", "fermes"),
        "attends": ("attendre", "attendez", "attend"),
        "recule": ("reculer", "reculez", "recules"),
        "avance": ("avancer", "avancez", "avances", "avançons"),
        "reviens": ("revenir", "revenez", "revient"),
        "retourne": ("retourner", "retournez", "retournes"),
        "aide": ("aider", "aidez", "aides"),
        "parle": ("parler", "parlez", "parles"),
        "va": ("vas", "aller", "allez", "allons"),
        "passe": ("passer", "passez", "passes", "passons"),
        "montre": ("montrer", "montrez", "montres"),
        "ouvre": ("ouvrir", "ouvrez", "ouvres"),
        "relis": ("relire", "relisez"),
        "redis": ("redire", "redites"),
        "ralentis": ("ralentir", "ralentissez"),
        "accélère": ("accélérer", "accélérez"),
        "dis": ("dire", "dites"),
        "lis": ("lire", "lisez"),
        "annule": ("annuler", "annulez"),
        "baisse": ("baisser", "baissez"),
        "monte": ("monter", "montez"),
        "augmente": ("augmenter", "augmentez"),
        "diminue": ("diminuer", "diminuez"),
        "éteins": ("éteindre", "éteignez"),
        "sors": ("sortir", "sortez", "sort"),
        "termine": ("terminer", "terminez"),
        "je": ("j",),
        "que": ("qu",),
    }
)
"""Canonical form ← other forms (infinitive, vouvoiement, typos of person). Elided « j' »
and « qu' » fold to their full words so « j'ai » and « je ai » meet."""

DROPPED_WORDS: tuple[str, ...] = ("ne", "n")
"""Spoken French drops the negation's « ne »; so does the understanding."""

POLITE_PREFIXES: tuple[str, ...] = (
    "est-ce que vous pouvez", "est-ce que vous pourriez", "est-ce que tu peux",
    "est-ce que tu pourrais", "est-ce qu'on peut", "est-ce que je peux", "est-ce que",
    "vous pouvez", "pouvez-vous", "tu peux", "peux-tu", "pourriez-vous", "vous pourriez",
    "tu pourrais", "pourrais-tu", "vous voulez bien", "voulez-vous", "tu veux bien", "veuillez",
    "je voudrais", "je veux", "j'aimerais", "je souhaite", "je souhaiterais", "on peut", "je peux",
    "on va", "il faut", "savoir", "comment", "avoir", "voir", "consulter", "ok", "oui", "d'accord",
    "allez", "maintenant", "et", "puis", "mais", "encore", "un peu", "dis-moi", "dites-moi",
    "montre-moi", "lis-moi", "ouvre", "va à", "va au", "va dans", "va", "passe à", "passe au",
    "retourne à", "retourne au", "reviens à", "reviens au", "retour à", "retour au", "on passe à",
    "on va à", "voilà", "attends", "pardon", "excusez-moi", "excuse-moi", "on", "non", "tout",
    "reprends", "c'est bon", "me dire", "parle",
)
"""Frames that may stand before a command without changing it (« pouvez-vous répéter »)."""

DETERMINERS: tuple[str, ...] = (
    "le", "la", "les", "l'", "un", "une", "des", "de", "du", "d'", "au", "aux", "à", "mon", "ma",
    "mes",
)
"""Also stripped from the front, so « les paiements » reaches « paiements »."""

POLITE_SUFFIXES: tuple[str, ...] = (
    "encore une fois", "une fois de plus", "encore", "maintenant", "s'il vous plaît", "pour moi",
    "moi", "tout de suite", "ce mot", "le mot", "ce truc", "ça",
)
"""Frames that may follow a command (« répétez encore une fois »)."""
# fmt: on

FRENCH_DECOYS = (
    "bonjour", "merci", "alors", "voilà", "attendez", "quoi", "comment", "pourquoi",
    "madame", "monsieur", "vraiment", "peut-être", "enfin", "bien", "ordinateur", "téléphone",
    "suivre", "savant", "président", "tempête", "recommande", "maman", "aider", "pose",
)  # fmt: skip
"""Everyday words, and some that sound like commands; any that is a command word is dropped."""
