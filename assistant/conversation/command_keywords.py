"""The words of `command_words`: each command's keywords, the neutral words, the orders.

Spelt as people write them; `command_words` stems them once.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from assistant.conversation.commands import CommandName

_C = CommandName

# fmt: off
KEYWORDS: Mapping[CommandName, tuple[str, ...]] = MappingProxyType({
    _C.RESTART: ("redémarrez la procédure", "remettez au début", "depuis la première",
                 "dès le commencement", "recommencer", "recommencez", "début", "départ",
                 "commencement", "redémarrer", "redémarrez", "à zéro"),
    _C.NEXT: ("poursuivre", "poursuivez", "prochaine", "d'après", "étape d'après", "suivant",
              "suivante", "suite", "continuer", "continuez", "prêt", "prête", "ensuite",
              "étape suivante", "après", "c'est fait", "fini", "terminé"),
    _C.PREVIOUS: ("raté celle d'avant", "loupé celle d'avant", "raté la précédente",
                  "loupé la précédente", "raté l'étape d'avant", "remontez", "celle d'avant",
                  "retourner", "retournez", "retourne", "d'avant", "précédemment", "précédent",
                  "précédente", "reculer", "recule", "reculez", "retour", "arrière", "avant",
                  "étape d'avant", "oups"),
    _C.REPEAT: ("bis", "seconde fois", "raté la fin", "pas saisi", "capté", "pas suivi", "raté",
                "loupé", "rabâcher", "répétition", "rien saisi", "répéter", "redire", "redites",
                "redis", "entendu", "dit", "dit quoi", "relire", "rien entendu", "pas entendu",
                "pardon", "encore une fois", "plaît-il", "répétez", "pas compris", "rien compris",
                "compris pas", "pas bien compris", "redemander"),
    _C.MENU: ("trompé de démarche", "trompé de sujet", "pas le bon sujet", "autres choix",
              "autres rubriques", "autre thème", "liste des procédures", "choisir", "possibilités",
              "autre chose", "thèmes", "thème", "menu", "sommaire", "liste", "sujets", "sujet",
              "choix", "rubriques", "démarches", "accueil", "autre sujet"),
    _C.HELP: ("suis mêlé", "suis mêlée", "help", "vous utiliser", "phrases à dire", "savez faire",
              "dire quoi", "vous parle", "on vous parle", "secours", "quels mots", "marche comment",
              "fonctionne", "fonctionnement", "utiliser", "aide", "aider", "aidez", "comprenez",
              "commandes", "quoi dire", "comment ça marche", "mode d'emploi", "peux vous dire",
              "tu comprends", "dois dire", "faut dire", "ce que je peux dire"),
    _C.WHERE: ("rendu où", "rendus", "numéro quoi", "quelle partie", "situez", "où on est",
               "où est-ce qu'on est", "quel sujet", "rappelez", "rappeler", "quelle démarche",
               "numéro de l'étape", "où en", "où en est", "où j'en suis", "combien d'étapes",
               "quelle étape", "combien", "en est où", "où on en est", "suis où", "on est où",
               "reste combien", "où est-ce que je suis", "où est-ce qu'on est"),
    _C.EXPLAIN: ("reformulez", "réexpliquez", "chinois", "compliqué", "pige pas", "concrètement",
                 "détailler", "détaillez", "développer", "développez", "développe", "autrement",
                 "simplement", "plus simple", "pas clair",
                 "clair", "précisez", "préciser", "comprendre", "expliquer", "expliquez",
                 "explication", "veut dire", "signifie", "compris", "comprends", "détails",
                 "en dire plus", "ce que c'est", "pas compris ce que", "c'est quoi ce mot",
                 "pas compris cette étape", "pas compris l'étape", "rien compris à cette étape",
                 "rien compris à l'étape", "pas comprendre cette étape", "rien pigé à cette étape",
                 "rien compris à ce que", "pas compris à ce que"),
    _C.SPELL: ("lettre après lettre", "caractère par caractère", "une lettre à la fois",
               "comment on écrit", "une par une", "épelé", "épeler", "épelez", "épelle", "lettres",
               "orthographe", "lettre par lettre", "s'écrit", "l'écrire", "l'écrit"),
    _C.PAUSE: ("papillon", "bougez pas", "bouge pas", "taire", "taisez", "chut", "silence",
               "arrêtez de parler", "arrête de parler", "laissez-moi le temps", "suspendre",
               "suspendez", "pause", "attendre", "attendez", "instant", "moment", "minute",
               "minutes", "seconde", "secondes", "patientez", "patienter", "stop", "absenter",
               "cherche", "arrêtez-vous", "arrête-toi"),
    _C.RESUME: ("repartir", "repart", "repartez", "repars", "repartons", "reparti",
                "où vous en étiez", "continuez où",
                "relancer", "relancez", "reprendre", "reprenez", "reprend", "revenu", "revenue",
                "revoilà", "reparler", "reprise", "de retour", "rallumer", "recommencez à parler",
                "recommencer à parler", "y retourne", "y retourner", "y retournons", "peut y aller",
                "pouvez y aller"),
    _C.QUIT: ("tchao", "à la prochaine", "à tantôt", "c'est tout pour moi", "quitter", "arrêter",
              "arrête", "arrêtez", "éteindre", "éteignez", "au revoir", "programme", "assistant",
              "fini", "terminé", "terminer", "en rester là", "je vais y aller", "je vais partir",
              "stop c'est fini", "stop c'est terminé",
              "je vous laisse"),
    _C.SLOWER: ("allez-y mollo", "allez-y doucement", "allez-y plus doucement",
                "allez-y tranquillement", "allez-y plus tranquillement", "allez-y moins vite",
                "mollo", "tranquillement", "prenez votre temps", "vous courez", "vous parlez vite",
                "vous êtes rapide", "vous parlez rapidement", "tu parles vite",
                "réduisez la vitesse", "baissez la vitesse", "diminuez la vitesse",
                "diminuer la vitesse", "vitesse plus basse", "posément",
                "pas si vite", "lent", "moins rapide", "calmement", "lentement", "ralentir",
                "ralentissez", "ralentis", "trop vite", "doucement", "moins vite"),
    _C.FASTER: ("vous parlez lentement", "vous êtes lent", "vous êtes lente", "tu parles lentement",
                "augmentez la vitesse", "vitesse plus élevée", "débit plus rapide", "mou",
                "traîne trop", "trop lent", "c'est lent", "moins lent", "trop lentement",
                "dépêchez", "dépêcher",
                "traîne", "traînez", "accélère", "accélérer", "accélérez", "rapide", "rapidement",
                "plus vite", "vite"),
    _C.LOUDER: ("faible", "vous chuchotez", "tu chuchotes", "presque rien", "poussez le volume",
                "haussez", "hausser", "à peine", "sourd", "sourde", "dur d'oreille", "n'entends",
                "fort", "plus fort", "plus haut", "le son", "du son", "volume", "monter", "montez",
                "augmenter", "augmentez", "pas assez fort", "entends mal", "entends pas",
                "entends rien", "trop bas", "plus de volume"),
    _C.NO: ("pas question", "certainement pas", "jamais de la vie", "nenni", "que non",
            "absolument pas", "pas vraiment", "négatif", "reste", "pas maintenant"),
    _C.YES: ("exact", "tout à fait", "absolument", "affirmatif"),
    _C.QUIETER: ("vous parlez fort", "tu parles fort", "assourdissant", "résonne", "trop de son",
                 "volume plus bas", "trop haut", "oreilles", "casse les oreilles", "baisse",
                 "baisser", "baissez", "moins fort", "crier", "criez", "hurlez", "trop fort",
                 "plus bas", "moins haut", "diminuez", "diminuer", "moins de volume",
                 "moins de son", "chuchotez", "chuchoter", "trop élevé", "descendez le son",
                 "descendre le son"),
})
"""Meaning-bearing words of each command; a few are said together (« trop vite »). Said of
the voice as it is (« vous parlez vite », « vous chuchotez »), a manner is a complaint: it
asks for the opposite, as the order (« parlez vite », « chuchotez ») asks for itself."""

NEUTRAL: tuple[str, ...] = (
    "revenez", "mot", "mot-là", "mettez", "lire", "exactement", "un peu", "peu", "tout",
    "aujourd'hui", "là", "vous", "étape", "avec", "revient", "revenir", "étiez", "ah", "oh",
    "dois", "sais", "sait", "voir", "fait", "faire", "allez", "autre", "quand", "bien", "prie",
    "plaît", "plait", "svp", "merci", "juste", "bouton", "directement", "mieux", "va", "aller",
    "passer", "maintenant", "plus", "parle", "parler", "parlez", "dire", "saute", "sauter",
    "sautez", "voix", "lecture", "rythme", "vitesse", "ramenez", "ramener", "coup", "phrase",
    "emmenez", "emmener", "emmène", "amenez", "calme", "tout de suite", "ai dit", "jusqu", "jusque",
    "déjà", "affiche", "affichez", "afficher", "montre", "montrez", "montrer", "donne", "donnez",
    "donner", "remets", "remettez", "remettre", "mets", "mettre", "tu", "te", "t", "pourrais",
    "vouloir",
)
"""Words that go with any command and decide none (« mettez plus fort », « ce mot-là »).
« tu », « te » too: said to the listener like « vous » (« tu peux détailler ? »); not « toi »,
which compares (« plus fort que toi »)."""
# fmt: on

ORDERS: tuple[str, ...] = (
    "répétez", "redites", "relisez", "reculez", "continuez", "poursuivez", "expliquez",
    "détaillez", "épelez", "attendez", "patientez", "reprenez", "ralentissez", "accélérez",
    "recommencez", "redémarrez", "quittez", "éteignez", "baissez", "augmentez", "aidez", "pause",
    "menu", "sommaire", "volume",
)  # fmt: skip
"""Keywords that are orders whatever is said around them: alone among the keywords, one of
these may come with one word of other content (« hein, répétez »)."""
