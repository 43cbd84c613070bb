"""Everything that can go wrong while getting the model, said in plain French.

Each problem says what happened and what to do; the technical cause goes to `detail`, for a
log, never into the message.
"""

from __future__ import annotations

import errno
from pathlib import Path

from assistant.model.files import ModelProblem

_RETRY = "Relancez ensuite : memo-vocal telecharger-modele"
AGAIN = "Relancez la même commande : le téléchargement reprendra où il s'est arrêté."


class DownloadProblem(ModelProblem):
    """Getting or installing the model failed; `str()` says why and what to do, in French."""


class DiskFull(DownloadProblem):
    def __init__(self, folder: Path, detail: str = "") -> None:
        super().__init__(
            f"Il n'y a plus assez de place sur le disque pour le modèle ({folder}).",
            f"Libérez au moins 300 Mo. {_RETRY}",
            detail,
        )


class FolderNotWritable(DownloadProblem):
    def __init__(self, folder: Path, detail: str = "") -> None:
        super().__init__(
            f"Impossible d'écrire dans le dossier {folder} (dossier protégé ou en lecture seule).",
            "Demandez à un responsable, ou choisissez un autre dossier. " + _RETRY,
            detail,
        )


class UnsafeArchive(DownloadProblem):
    def __init__(self, why: str) -> None:
        super().__init__(
            f"L'archive du modèle a été refusée par sécurité : {why}",
            "Rien n'a été installé. Recommencez plus tard ou copiez le modèle depuis une clé USB.",
        )


class DamagedArchive(DownloadProblem):
    def __init__(self, detail: str) -> None:
        super().__init__(
            "L'archive du modèle est abîmée : elle ne peut pas être décompressée.",
            f"Rien n'a été installé. {_RETRY}",
            detail,
        )


class NotAModel(DownloadProblem):
    def __init__(self, problem: ModelProblem) -> None:
        super().__init__(
            "L'archive téléchargée ne contient pas un modèle utilisable. " + problem.what,
            f"Rien n'a été installé. {_RETRY}",
        )


def os_problem(error: OSError, folder: Path) -> DownloadProblem:
    """A file-system failure, in words the person at the keyboard can act on."""
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFull(folder, repr(error))
    if isinstance(error, PermissionError) or error.errno == errno.EROFS:
        return FolderNotWritable(folder, repr(error))
    return DownloadProblem(
        f"Erreur d'écriture dans le dossier {folder}.", _RETRY, detail=repr(error)
    )


class NoNetwork(DownloadProblem):
    def __init__(self, detail: str, secure: bool = False) -> None:
        what = (
            "Téléchargement impossible : la connexion sécurisée au serveur a été refusée."
            if secure
            else "Téléchargement impossible : pas de connexion à internet, ou serveur injoignable."
        )
        super().__init__(
            what,
            "Vérifiez la connexion, ou copiez le modèle depuis une clé USB (models/README.md).",
            detail,
        )


class ServerProblem(DownloadProblem):
    def __init__(self, url: str, code: int) -> None:
        super().__init__(
            f"Le serveur n'a pas fourni le modèle (erreur {code}).",
            "Recommencez plus tard, ou copiez le modèle depuis une clé USB.",
            detail=url,
        )


class DownloadInterrupted(DownloadProblem):
    def __init__(self, detail: str) -> None:
        super().__init__("La connexion a été coupée pendant le téléchargement.", AGAIN, detail)


class ChecksumMismatch(DownloadProblem):
    def __init__(self, url: str) -> None:
        super().__init__(
            "Le fichier reçu n'est pas le bon modèle (empreinte SHA-256 différente). "
            "Il a été supprimé.",
            "Si le Wi-Fi demande de se connecter sur une page d'accueil, faites-le dans le "
            "navigateur, puis relancez : memo-vocal telecharger-modele",
            detail=url,
        )


class WrongLocalArchive(DownloadProblem):
    def __init__(self, archive: Path) -> None:
        super().__init__(
            f"Le fichier {archive} n'est pas le bon modèle (empreinte SHA-256 différente).",
            "Supprimez-le ou remplacez-le par le bon fichier, puis relancez : "
            "memo-vocal telecharger-modele",
        )


class StrangeFile(DownloadProblem):
    """A link, pipe or someone else's file where the download keeps its own files."""

    def __init__(self, path: Path, detail: str = "") -> None:
        super().__init__(
            f"Le fichier {path} n'est pas un fichier ordinaire (c'est un lien, un tube ou le "
            "fichier d'un autre compte) : par sécurité, il n'est ni lu ni modifié.",
            f"Supprimez-le. {_RETRY}",
            detail,
        )


class TooSlow(DownloadProblem):
    def __init__(self, min_rate: float, window_s: float) -> None:
        super().__init__(
            f"Le téléchargement est beaucoup trop lent (moins de {min_rate / 1024:.0f} Ko par "
            f"seconde pendant {window_s:.0f} secondes) : il a été arrêté.",
            "Vérifiez la connexion, ou copiez le modèle depuis une clé USB (models/README.md). "
            + AGAIN,
        )


class DeadlinePassed(DownloadProblem):
    def __init__(self, total_s: float) -> None:
        minutes = max(1, round(total_s / 60))
        super().__init__(
            f"Le téléchargement a été arrêté : il durait depuis plus de {minutes} minute"
            f"{'s' if minutes > 1 else ''}.",
            "Essayez avec une meilleure connexion, ou copiez le modèle depuis une clé USB "
            f"(models/README.md). {AGAIN}",
        )


NOT_FRENCH_SHARE = 0.30
"""Above this share of grammar words unknown to the model, it is most likely not French."""


def unknown_share_message(unknown: int, total: int) -> tuple[bool, str]:
    """(model fits, French sentence) about the grammar words the model does not know."""
    share = unknown / total if total else 0.0
    text = f"{unknown} mots sur {total} ({share:.0%}) ne sont pas connus du modèle vocal"
    if share > NOT_FRENCH_SHARE:
        text += (
            " : ce modèle n'est probablement pas un modèle français. Installez le modèle "
            "vosk-model-small-fr-0.22 (memo-vocal telecharger-modele)"
        )
    return share <= NOT_FRENCH_SHARE, text + "."
