"""The `memo-vocal` command: French options, checked once, then handed to the right mode.

Errors a user can cause end here as one French sentence and an exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import errno
import logging
import os
import signal
import sys
import threading
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

from assistant import user_files
from assistant.cli import early_signals, french_argparse
from assistant.settings import (
    LEVEL_MAX,
    LEVEL_MIN,
    DetectorKind,
    Preferences,
    RecognizerMode,
    RecognizerSettings,
    RunSettings,
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


def _preferences(args: argparse.Namespace, saved: Preferences) -> Preferences:
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


def _stop_on_sigterm() -> None:
    """A session closed by the system ends like Ctrl-C: goodbye, audio streams closed."""

    def interrupt(_signal: int, _frame: object) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, interrupt)


def _quiet_technical_logs() -> None:
    """Users read French only: library warnings in English stay off the screen, unless a
    developer sets MEMO_VOCAL_DEBUG=1."""
    if os.environ.get("MEMO_VOCAL_DEBUG"):
        logging.basicConfig(level=logging.DEBUG)
    else:
        logging.getLogger().addHandler(logging.NullHandler())


def main(argv: Sequence[str] | None = None) -> int:
    """Output that cannot be written ends here: quietly for a closed pipe (`| head -1`), with
    a French sentence on stderr for a full disk or /dev/full; never a traceback."""
    try:
        try:
            early_signals.ready_for_goodbye()
            code = _main(argv)
        except KeyboardInterrupt:  # before the session had started: nothing to close
            sys.stdout.write("\nAu revoir.\n")
            code = 130
        except SystemExit as leaving:  # --help, or an option refused by argparse
            code = leaving.code if isinstance(leaving.code, int) else 1
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        _drop_stdout()
        return 141  # as if killed by SIGPIPE, like any other command in a pipe
    except OSError as error:
        _drop_stdout()
        reason = "le disque est plein" if error.errno == errno.ENOSPC else "erreur du système"
        with contextlib.suppress(OSError, ValueError):  # stderr may be just as full
            sys.stderr.write(f"Mémo vocal n'a pas pu écrire sa réponse ({reason}).\n")
            sys.stderr.flush()
        return 1


def _drop_stdout() -> None:
    """What is still buffered would fail again at exit, with an English message."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _main(argv: Sequence[str] | None) -> int:
    # A file name that is not UTF-8 (or any odd byte) is shown with « ? », never a traceback.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
    _stop_on_sigterm()
    _quiet_technical_logs()
    parser = build_parser()
    args = parser.parse_args(argv)
    out = sys.stdout
    try:
        if args.action == "valider":
            from assistant.cli.actions import check_guide

            return check_guide(args.fichier, out, stats=args.stats)
        if args.action == "ecouter":
            from assistant.cli.listen_memo import listen

            return listen(args.fichier, args.procedure, args.dossier, out)
        if args.action == "guides":
            from assistant.cli.actions import list_guides

            return list_guides(out)
        if args.action == "telecharger-modele":
            from assistant.model.download import run_download_command

            return run_download_command(args.dossier, out)
        if args.action == "micros":
            from assistant.cli.actions import list_microphones

            return list_microphones(out)
        if args.action == "haut-parleurs":
            from assistant.cli.actions import list_speakers

            return list_speakers(out)
        if args.action == "raccourci":
            from assistant.cli.shortcut import make_shortcut

            return make_shortcut(out, args.dossier)
        if args.action == "diagnostic":
            from assistant.cli.diagnostic import run_diagnostic

            return run_diagnostic(
                out, model_path=args.modele, microphone=args.micro, speaker=args.haut_parleur
            )
        if args.oublier:
            said = user_files.forget_place_message()
            out.write(f"{said}\n")
            return 1 if "pas pu" in said else 0
        return _run(args, out)
    except KeyboardInterrupt:
        out.write("\nAu revoir.\n")
        return 130


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


def _recognizer_settings(args: argparse.Namespace) -> RecognizerSettings:
    base = RecognizerSettings(
        mode=RecognizerMode(args.reconnaissance), detector=DetectorKind(args.detecteur)
    )
    if args.confiance_min is None:
        return base
    return dataclasses.replace(base, min_confidence=args.confiance_min)


def _run(args: argparse.Namespace, out: object) -> int:
    from assistant.frontends.app import run_assistant
    from assistant.guides.catalog import DEFAULT_GUIDE, resolve_guide
    from assistant.guides.loader import GuideError

    try:
        guide_path = resolve_guide(args.guide or DEFAULT_GUIDE)
    except GuideError as error:
        sys.stderr.write(f"{error}\n")
        return 1
    remember = not args.sans_memoire
    loaded = user_files.load_preferences() if remember else user_files.LoadResult(Preferences())
    preferences = _preferences(args, loaded.preferences)
    if remember and preferences != loaded.preferences:
        user_files.save_preferences(preferences)
    settings = RunSettings(
        guide_path=guide_path,
        preferences=preferences,
        muted=args.muet,
        keyboard_only=args.clavier,
        json_output=args.json,
        audio_input=args.entree_audio,
        audio_output=args.sortie_audio,
        model_path=args.modele,
        microphone=args.micro,
        speaker_device=args.haut_parleur,
        recognizer=_recognizer_settings(args),
        journal=args.journal,
        remember=remember,
        display="window" if args.fenetre else "terminal" if args.terminal else "auto",
    )
    return run_assistant(settings, startup_notice=loaded.warning)
