"""The phrases of `command_markers`, by command and by where in a sentence they count.

Spelt as people write them; `command_markers` folds them once. « | » between phrases.
"""

from __future__ import annotations

from assistant.conversation.commands import CommandName

MARKER_TEXTS: dict[CommandName, str] = {
    CommandName.SPELL: (
        "lettre par lettre | lettre après lettre | caractère par caractère"
        "| lettres une par une | une lettre à la fois | comment ça s'écrit"
        "| ça s'écrit comment | c'est écrit comment | comment on écrit | comment on l'écrit"
        "| dire les lettres | dis-moi les lettres | dites les lettres | dites-moi les lettres"
        "| donnez-moi les lettres | quelles lettres"
    ),
    CommandName.RESUME: (
        "fin de la pause | sortez de la pause | pause est finie | pause est terminée"
        "| où vous en étiez | où tu en étais | où on en était | où on s'était arrêté"
        "| où on s'était arrêtés | remettez en marche | où nous en étions"
    ),
    CommandName.HELP: (
        "quoi dire | quoi vous dire | vous dire quoi | faut dire quoi | quoi répondre"
        "| qu'on peut dire | que je dois dire | droit de dire | droit de vous dire"
        "| les commandes | phrases à dire | les instructions | les options | mode d'emploi"
        "| on vous utilise | vous utiliser | on vous parle | parler comment"
        "| vous comprenez quoi | vous reconnaissez | que je peux vous demander"
        "| on vous dit quoi | servir de vous | sert de vous | servir de ce truc | sert de ce truc"
        "| servir de cette machine | sert de cette machine | servir de ce guide"
        "| sert de ce guide | utilise ce truc | utiliser ce truc | utilise cette machine"
        "| utiliser cette machine | tu comprends quoi | tu comprends quel | tu comprends quels"
        "| tu comprends quelle | tu comprends quelles | tu comprends comme | vous comprenez comme"
        "| tu sais faire quoi | vous savez faire quoi | qu'est-ce que je peux demander"
        "| dites-moi ce que je peux demander | dis-moi ce que je peux demander | peux te demander"
        "| vous demander des choses | te demander des choses | utiliser l'assistant"
        "| mots que tu comprends | mots que vous comprenez | phrases que tu comprends"
        "| phrases que vous comprenez | choses que je peux demander | choses que je peux dire"
        "| vous demander quoi | te demander quoi | on dit quoi pour | droit de vous demander"
        "| droit de demander | on te parle | comment te parler | servir de l'assistant"
        "| sert de l'assistant | qu'on peut vous demander | qu'on peut te demander"
        "| ce que je peux dire | ce que je peux vous dire"
    ),
    CommandName.EXPLAIN: (
        "c'est quoi un | c'est quoi une | veut dire quoi | ce que vous voulez dire"
        "| plus clair | plus facile | reformuler | reformulez | expliquez-moi mieux"
        "| expliquez mieux | plus de détails | plus de précisions | plus en détail"
        "| le autrement | la autrement | dire autrement | dites autrement | expliquer autrement"
        "| expliquez autrement | avec d'autres mots | en d'autres mots | plus simplement"
        "| précisez | de quoi vous parlez | de quoi tu parles"
    ),
    CommandName.MENU: (
        "autres choix | autres démarches | autres sujets | autre sujet | choisir une autre"
        "| liste des sujets | menu principal | au sommaire | comme choix | voir les autres"
        "| change de sujet | changer de sujet | vous avez d'autre | montrez-moi la liste"
        "| comme thèmes | autres thèmes | retour au choix | retour à l'accueil | retour au menu"
        "| retour au sommaire | veux autre chose | voulais autre chose | voudrais autre chose"
        "| vouloir autre chose | veux faire autre chose | voudrais faire autre chose"
        "| choisir autre chose | veux voir autre chose | il y a d'autre | liste du début"
        "| choix du début | revient aux choix | revenir aux choix | revenez aux choix"
        "| retour aux choix | changer de rubrique | change de rubrique | changer de thème"
        "| retourne aux sujets | retourner aux sujets | revient aux sujets | revenir aux sujets"
    ),
    CommandName.WHERE: (
        "on est rendu | on est rendus | rendu où | rendus où | quel endroit | quelle étape"
        "| quelle procédure | quelle démarche | numéro combien | combientième"
        "| vous en êtes où | je suis où | on est où | où on en est | nous nous trouvons"
        "| où j'en suis | on en est où | combien il en reste | il en reste combien"
        "| à quel numéro | où est-ce que je suis | où est-ce qu'on est | où est-ce qu'on en est"
    ),
    CommandName.QUIT: (
        "on arrête là | je m'arrête | m'arrêter là | fin de la séance | arrête la séance"
        "| à la prochaine | au revoir | plus besoin de vous | éteignez-vous | éteins-toi"
        "| fermez l'assistant | sortir du programme | quittez | ça suffit"
        "| j'en ai assez | fermez le guide | fermer le guide | vous éteindre | on s'arrête"
        "| fini pour aujourd'hui | ferme l'application | fermez l'application"
        "| fermer l'application | quitter l'application | quitte l'application"
        "| sortir de l'application | plus besoin de toi | t'éteindre | ferme-toi | fermez-vous"
    ),
    CommandName.REPEAT: (
        "redites | redire | répéter | relire l'étape | recommencez la phrase"
        "| une seconde fois | encore une fois | pas bien entendu | pas tout entendu"
        "| pas saisi | une autre fois | une nouvelle fois | une deuxième fois"
    ),
    CommandName.PAUSE: (
        "un petit moment | en attente | arrêtez de parler | faites une pause | arrêtez-vous"
        "| attendez que | attendre que je | mettez en pause | ne bougez pas | patientez"
        "| ne bougez plus | ne bouge plus | une petite seconde | une petite minute"
    ),
}
"""Phrases that ask for one command, as they are spelt (« | » between them). Left out, as
said to others as often as to us: « je pars », « je m'en vais » (« je pars en Espagne »),
« bonne journée », « deux minutes », « attendez-moi », « au secours » (« au secours, une
araignée ! »), « bientôt fini » (« vous attendez l'ordinateur ? j'ai bientôt fini »), « je
quitte » (« je quitte le site » is to log out)."""
MOVE_TEXTS: dict[CommandName, str] = {
    CommandName.NEXT: (
        "étape suivante | prochaine étape | étape d'après | passer à la prochaine"
        "| l'étape qui vient | fini cette étape | je fais quoi après | je fais quoi ensuite"
        "| je fais ensuite | je fais après | faut faire ensuite | faut faire après"
        "| on fait ensuite | on fait après | et après on fait quoi | et après je fais quoi"
        "| on continue | continuez | poursuivez | vous pouvez continuer"
        "| vous pouvez poursuivre | vas-y continue | on enchaîne | enchaînez | enchaînons"
    ),
    CommandName.PREVIOUS: (
        "étape d'avant | celle d'avant | à la précédente | une étape avant | étape juste avant"
        "| reculez d'une étape | on recule d'une | revenir d'un cran | une en arrière"
        "| remonter d'un cran | remontez d'un cran | remonte d'un cran | reculer d'un cran"
    ),
    CommandName.RESUME: "où on était | où nous étions",
}
"""Moving through the steps, or back to where we were (« on reprend où on était »). Also
said of life (« la prochaine étape, c'est de vendre la maison ») or of places (« je sais
plus où on était garés »), so they count only said to us, or last in the sentence (« je
suis prêt pour la prochaine étape »)."""
VOICE_TEXTS: dict[CommandName, str] = {
    CommandName.SLOWER: (
        "trop vite | moins vite | pas si vite | plus lentement | parlez lentement"
        "| moins rapidement | trop rapide | ralentir | ralentissez | posément | baissez la vitesse"
        "| prenez votre temps | moins de vitesse"
    ),
    CommandName.FASTER: (
        "plus vite | accélérez | accélérer | plus rapide | plus rapidement | traînez"
        "| ça traîne | presser | pressez | plus de vitesse"
    ),
    CommandName.LOUDER: (
        "plus fort | plus haut | trop faible | plus de son | élever le volume | montez le son"
        "| monter le son | haussez | forcez la voix | criez | dure d'oreille | dur d'oreille"
    ),
    CommandName.QUIETER: (
        "moins fort | trop fort | pas si fort | moins de son | baissez le son"
        "| baissez le volume | réduisez le volume | trop haut | mal aux oreilles"
        "| moins de bruit | baissez d'un cran | doucement le volume"
    ),
}
"""How the voice should change. Also said of the weather, of other people or of a radio
(« il pleut plus fort »), so they count only said to us: with « vous » or an order in
« -ez », with a word of the voice (« le son », « parler »), or first in the sentence."""
