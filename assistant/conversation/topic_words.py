"""Words that never decide a topic: grammar words, requests, and words about any memo's site.

Written as people say them; `topics` folds accents and stems them once at start-up, so
« voudrais » and « voudrait » need not both be listed when they share a stem.
"""

from __future__ import annotations

# fmt: off
GRAMMAR_WORDS: tuple[str, ...] = (
    "le", "la", "les", "l", "un", "une", "des", "de", "du", "d", "au", "aux", "a", "à", "et",
    "ou", "où", "je", "j", "me", "m", "moi", "mon", "ma", "mes", "il", "elle", "ils", "elles",
    "on", "nous", "vous", "se", "s", "son", "sa", "ses", "leur", "leurs", "notre", "nos",
    "votre", "vos", "ce", "c", "ça", "ca", "cela", "cet", "cette", "ces", "ceci", "ceux",
    "celle", "celui", "qui", "que", "qu", "quoi", "dont", "y", "en", "ne", "n", "pas", "pour",
    "par", "sur", "dans", "avec", "sans", "chez", "si", "mais", "donc", "alors", "est-ce",
    "quel", "quelle", "quels", "quelles", "lequel", "laquelle", "lui", "eux", "est", "sont",
    "suis", "es", "êtes", "sommes", "été", "être", "était", "étais", "ai", "as", "avons",
    "avez", "ont", "avait", "avais", "eu", "avoir", "aurai", "oui", "non", "ben", "bah", "euh",
    "hein", "bon", "ok", "d'accord", "voilà", "madame", "monsieur", "merci", "plaît", "plait",
    "svp", "comment", "pourquoi", "voudrais", "voudrait", "veux", "veut", "voulez", "pouvez",
    "peux", "peut",
)
"""Grammar and politeness: never meaning-bearing, for topics and command keywords alike.
« tu » and « toi » are not here: a person says them to someone else, not to the assistant."""

STOP_WORDS: tuple[str, ...] = (
    *GRAMMAR_WORDS,
    "vers", "quand", "comme", "tout", "tous", "toute", "toutes", "bien", "très", "tres",
    "aussi", "juste", "là", "la-dessus", "dessus", "autre", "autres", "peu", "rien", "jamais",
    "encore", "déjà", "enfin", "exactement", "seulement", "vraiment", "maintenant", "gros",
    "au juste", "moi-même", "chose", "choses", "truc", "machin", "fois", "toujours", "depuis",
    "quelque", "presque", "crois", "pense", "hier", "avant", "après", "personne", "quelqu'un",
    "y'a", "ya", "car", "parce", "puis", "ensuite", "plus",
    # requests: they say that something is asked, not what
    "voudrions", "vouloir", "aimerais", "souhaite", "souhaiterais", "faut", "faudrait",
    "falloir", "besoin", "dois", "doit", "devoir", "vérifier", "vérifie", "contrôler",
    "pouvoir", "pourrais", "pourriez", "sais", "sait", "savoir", "fais", "fait", "faire",
    "faites", "va", "vais", "vas", "aller", "allez", "voir", "vois", "regarder", "regarde",
    "voulais", "voulait", "voulu", "voie", "voit", "voyez", "cherche", "cherché",
    "chercher", "arrivé", "arrivée", "arrivés", "arrivées", "prendre", "aille", "allé",
    "dire", "dis", "dites", "dit", "montrer", "montrez", "montre", "aide", "aider", "aidez",
    "expliquer", "explique", "essayer", "mettre", "demande", "demander", "demandé",
    # actions said of any procedure: the object tells which (« déclarer mon déménagement »)
    "viens", "vient", "venir", "déclarer", "déclaré", "signaler", "signale", "prévenir",
    "modifier", "modifie", "mets", "obtenir", "obtiens", "reçu", "recevoir", "recevait",
    "lire", "relire", "donner", "donne", "rendu", "trouver", "trouve", "passée", "attends",
    "attend", "attendre",
    "passer", "laisser", "faits", "touche", "toucher", "touchez", "clique", "cliquer",
    "appuie", "appuyer", "terminé", "fini", "finir", "arrive", "arrivent", "mettre à jour",
    "à jour", "jour",
    # when: « la semaine dernière » says nothing of which procedure
    "semaine", "prochain", "prochaine", "dernier", "dernière", "derniers", "dernières", "mois",
    "temps", "époque", "ci",
    # « nouveau rib », « nouvelle adresse »: the noun says which; numbers are dates, amounts
    "nouveau", "nouvelle", "nouvel", "nouveaux", "neuf", "neuve", "nulle", "part", "partout",
    "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "dix", "vingt", "trente",
    "cent", "mille", "passé", "passe", "même", "ancien", "ancienne", "anciens", "anciennes",
    "vieux", "vieille", "vieilles",
)
"""Never meaning-bearing: ignored in sentences and in memo vocabularies."""

DOMAIN_WORDS: tuple[str, ...] = (
    "site", "internet", "page", "application", "appli", "sécu", "sécurité", "sociale", "social",
    "caisse", "assurance", "maladie", "cpam", "ligne", "web", "compte", "espace",
    # care itself: people speak of it in requests and in chatter alike (« le dentiste »)
    "médecin", "docteur", "généraliste", "spécialiste", "kiné", "kinésithérapeute", "dentiste",
    "pharmacie", "pharmacien", "pharmacienne", "hôpital", "clinique", "infirmière", "infirmier",
    "ophtalmo", "ophtalmologue", "médicaments", "médicament", "visite", "consultation",
    "rendez-vous", "opération", "analyses",
)
"""Words about the site any memo is for: a person says them in every request (« sur le site
de la sécu »), so they never count against a topic, and weigh little for one that lists them.
The memo's own title words (the site's name) are added to them."""
REQUEST_WORDS: tuple[str, ...] = (
    "voudrais", "voudrait", "veux", "aimerais", "souhaite", "souhaiterais", "faut", "faudrait",
    "besoin", "comment", "pouvez", "peux", "dois", "où", "montrez", "montre", "aidez",
)
"""A sentence with one of these asks for something: it needs less of its weight explained
by a procedure than a plain statement, which is more likely chatter."""

PEOPLE_WORDS: tuple[str, ...] = (
    "fils", "fille", "mari", "femme", "épouse", "époux", "frère",
    "sœur", "soeur", "neveu", "nièce", "mère", "père", "maman", "papa", "voisin", "voisine",
    "ami", "amie", "copain", "copine", "cousin", "cousine", "oncle", "tante", "belle-fille",
    "gendre", "enfants", "gens", "monde", "jeunes", "gamins", "gosses", "petits-enfants",
    "facteur", "dame", "tu", "te", "toi", "ton", "ta", "tes", "chérie", "chéri",
)
"""Other people, and « tu », said to them: a sentence about them is more often chatter."""

ELSEWHERE_WORDS: tuple[str, ...] = (
    # the library, the weather, daily life: what else people talk about at the library PC
    "wifi", "imprimante", "photocopie", "photocopies", "livre", "livres", "journal", "journaux",
    "magazine", "toilettes", "café", "bus", "tram", "métro", "parapluie", "pluie", "pleut",
    "neige", "soleil", "froid", "chaud", "orage", "météo", "horaires", "heure", "heures",
    "midi", "soir", "matin", "clavier", "souris", "écran", "lunettes", "clés", "ticket",
    "courses", "supermarché", "télé", "télévision", "foot", "chien", "chat",
    "voiture", "repas", "manger", "dîner", "déjeuner", "exposition", "atelier", "stylo",
    "fauteuil", "couloir", "bruit", "portable", "batterie", "loyer", "prix", "inscription",
    "emprunter", "feuille", "lumière", "mal", "genou", "dos", "jambe", "tête", "grippe", "vaccin",
    "vertige", "vertiges", "fièvre", "toux", "tousse", "douleur", "ventre", "hanche", "épaule",
    "tension", "diabète", "dormir", "dormi", "fatigué", "fatiguée", "boulangerie", "marché",
    "store", "stores", "rideau", "rideaux", "volet", "volets", "chauffage", "radiateur",
    "clim", "climatisation", "pleuvoir", "pleuvait", "neiger",
)
"""The library, the weather, aches: a sentence about them is chatter more likely than a
request, so each counts strongly against every topic (« le code du wifi »)."""
# fmt: on

WHAT_IS: tuple[tuple[str, ...], ...] = tuple(
    tuple(phrase.split())
    for phrase in (
        "c est quoi", "ca sert a quoi", "a quoi ca sert", "a quoi sert", "sert a quoi",
        "qu est ce qu on peut faire", "ce qu on peut faire", "ca permet", "ce que c est",
        "apporte quoi", "fait quoi", "pour faire quoi", "presentez", "vaut le coup",
        "qu est ce que c est",
    )
)  # fmt: skip
"""What something is for, in plain words (accents folded, apostrophes split): said with the
site's name, a question about the site itself."""
