"""The `memo-vocal` command: French options, checked once, then handed to the right mode.

Errors a user can cause end here as one French sentence and an exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import logging
import os
import signal
import sys
import threading
from collections.abc import Sequence

from assistant import user_files
from assistant.cli import early_signals
from assistant.cli.arguments import build_parser, preferences_from, recognizer_settings_from
from assistant.settings import Preferences, RunSettings


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
        except RuntimeError as error:
            # Ctrl-C while a dataclass is being made (an import, during the start): Python
            # wraps the KeyboardInterrupt in « Error calling __set_name__ ».
            if not isinstance(error.__cause__, KeyboardInterrupt):
                raise
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
    preferences = preferences_from(args, loaded.preferences)
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
        recognizer=recognizer_settings_from(args),
        journal=args.journal,
        remember=remember,
        display="window" if args.fenetre else "terminal" if args.terminal else "auto",
    )
    return run_assistant(settings, startup_notice=loaded.warning)
