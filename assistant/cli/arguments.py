"""The `memo-vocal` options, in French: the parser, and what the options mean as settings.

Kept apart from main.py so that the list of options reads as one piece, and the dispatch
(which mode runs) stays short.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

from assistant.cli import french_argparse
from assistant.settings import (
    LEVEL_MAX,
    LEVEL_MIN,
    DetectorKind,
    Preferences,
    RecognizerMode,
    RecognizerSettings,
)


def _device(value: str) -> str | int:
    return int(value) if value.isdigit() else value


class _Parser(argparse.ArgumentParser):
    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # argparse hides write errors: --help on a full disk would exit 0 having shown nothing.
        if message:
            stream = file or sys.stderr
            stream.write(message)
            flush = getattr(stream, "flush", None)
            if flush is not None:
                flush()


def build_parser() -> argparse.ArgumentParser:
    french_argparse.install()
    parser = _Parser(
        prog="memo-vocal",
        description="Mémo vocal : un guide vocal hors ligne qui lit les mémos d'aide pas à pas.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    check = actions.add_parser("valider", help="vérifier un mémo YAML et lister ses problèmes")
    check.add_argument("fichier", type=Path, help="le mémo à vérifier")
    check.add_argument(
        "--stats", action="store_true", help="afficher les longueurs de phrases et les chiffres"
    )
    hear = actions.add_parser("ecouter", help="écouter un mémo en entier, ou l'écrire en WAV")
    hear.add_argument("fichier", type=Path, help="le mémo à écouter")
    hear.add_argument("--procedure", metavar="ID", help="une seule procédure (son identifiant)")
    hear.add_argument(
        "--dossier", type=Path, metavar="DOSSIER", help="écrire un WAV par étape dans ce dossier"
    )
    actions.add_parser("guides", help="lister les mémos disponibles")
    download = actions.add_parser("telecharger-modele", help="télécharger le modèle vocal français")
    download.add_argument("--dossier", type=Path, help="dossier où installer le modèle")
    actions.add_parser("micros", help="lister les micros")
    actions.add_parser("haut-parleurs", help="lister les sorties son (haut-parleurs, casques)")
    shortcut = actions.add_parser(
        "raccourci", help="créer un raccourci sur le bureau qui ouvre la fenêtre"
    )
    shortcut.add_argument("--dossier", type=Path, help="dossier où écrire le raccourci")
    diagnostic = actions.add_parser("diagnostic", help="vérifier la voix, le micro et le modèle")
    # SUPPRESS: given after the action they win, otherwise the main options keep their value.
    diagnostic.add_argument("--modele", type=Path, metavar="CHEMIN", default=argparse.SUPPRESS)
    diagnostic.add_argument(
        "--micro", type=_device, metavar="NOM_OU_NUMERO", default=argparse.SUPPRESS
    )
    diagnostic.add_argument(
        "--haut-parleur", type=_device, metavar="NOM_OU_NUMERO", default=argparse.SUPPRESS
    )

    parser.add_argument("--guide", default=None, help="le mémo à lire (nom ou fichier)")
    parser.add_argument("--clavier", action="store_true", help="sans micro : au clavier seulement")
    shown = parser.add_mutually_exclusive_group()
    shown.add_argument(
        "--fenetre", action="store_true", help="ouvrir la fenêtre en grands caractères"
    )
    shown.add_argument("--terminal", action="store_true", help="rester dans le terminal")
    parser.add_argument("--muet", action="store_true", help="ne pas parler, seulement écrire")
    parser.add_argument("--json", action="store_true", help="une réponse JSON par ligne")
    parser.add_argument(
        "--entree-audio",
        type=Path,
        metavar="FICHIER.wav",
        help="écouter un fichier WAV au lieu du micro",
    )
    parser.add_argument(
        "--sortie-audio",
        type=Path,
        metavar="FICHIER.wav",
        help="enregistrer la voix dans un fichier WAV au lieu des haut-parleurs",
    )
    parser.add_argument("--modele", type=Path, metavar="CHEMIN", help="dossier du modèle Vosk")
    parser.add_argument(
        "--micro", type=_device, metavar="NOM_OU_NUMERO", help="le micro à utiliser"
    )
    parser.add_argument(
        "--haut-parleur", type=_device, metavar="NOM_OU_NUMERO", help="la sortie son à utiliser"
    )
    for option, help_text in (
        ("--vitesse", "vitesse de la voix (retenue pour la prochaine fois)"),
        ("--volume", "volume de la voix (retenu pour la prochaine fois)"),
    ):
        parser.add_argument(
            option,
            type=int,
            choices=range(LEVEL_MIN, LEVEL_MAX + 1),
            metavar=f"{LEVEL_MIN}..{LEVEL_MAX}",
            help=help_text,
        )
    parser.add_argument(
        "--bip",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="petit bip quand j'écoute (--no-bip pour l'enlever)",
    )
    parser.add_argument(
        "--interruption",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="« stop » coupe la voix (avec un casque seulement)",
    )
    parser.add_argument(
        "--rappel-silence",
        type=int,
        metavar="SECONDES",
        help="rappel après ce silence (0 : jamais)",
    )
    parser.add_argument(
        "--reconnaissance",
        choices=[mode.value for mode in RecognizerMode],
        default=RecognizerMode.GRAMMAR.value,
        help="méthode de reconnaissance vocale",
    )
    parser.add_argument(
        "--detecteur",
        choices=[kind.value for kind in DetectorKind],
        default=DetectorKind.WEBRTC.value,
        help="détection de la fin de parole (webrtc : le plus sûr dans le bruit)",
    )
    parser.add_argument(
        "--attente-inachevee",
        type=int,
        metavar="MS",
        help="silence qui termine une phrase commencée (« mes… ») ; 0 : comme les autres",
    )
    parser.add_argument(
        "--confiance-min",
        type=_confidence,
        metavar="0..1",
        help="confiance minimale pour accepter une commande vocale",
    )
    parser.add_argument(
        "--journal", action="store_true", help="garder un journal de ce qui est entendu et dit"
    )
    parser.add_argument(
        "--oublier",
        action="store_true",
        help="effacer l'étape retenue pour la reprise, puis quitter",
    )
    parser.add_argument(
        "--sans-memoire", action="store_true", help="ne rien retenir (ni réglages, ni étape)"
    )
    return parser


def _confidence(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(
            f"« {text} » : donnez un nombre entre 0 et 1, par exemple 0.6"
        )
    return value


def preferences_from(args: argparse.Namespace, saved: Preferences) -> Preferences:
    changes: dict[str, object] = {}
    for option, field in (
        ("vitesse", "rate_level"),
        ("volume", "volume_level"),
        ("bip", "beep"),
        ("interruption", "barge_in"),
        ("rappel_silence", "silence_reminder_s"),
    ):
        value = getattr(args, option)
        if value is not None:
            changes[field] = value
    return replace(saved, **changes).checked()  # type: ignore[arg-type]


def recognizer_settings_from(args: argparse.Namespace) -> RecognizerSettings:
    base = RecognizerSettings(
        mode=RecognizerMode(args.reconnaissance), detector=DetectorKind(args.detecteur)
    )
    if args.attente_inachevee is not None:
        base = dataclasses.replace(base, unfinished_wait_ms=max(0, args.attente_inachevee))
    if args.confiance_min is None:
        return base
    return dataclasses.replace(base, min_confidence=args.confiance_min)
