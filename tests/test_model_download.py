"""Downloading and installing the model, against a real HTTP server on 127.0.0.1: the
addresses, resuming, retries, errors and the `telecharger-modele` command."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from assistant.model.download import (
    DEFAULT_URLS,
    PART_SUFFIX,
    default_download_dir,
    download_model,
    run_download_command,
)
from assistant.model.files import MANIFEST_NAME, MODEL_NAME, user_models_dir
from assistant.model.problems import (
    ChecksumMismatch,
    DamagedArchive,
    DownloadInterrupted,
    NoNetwork,
    ServerProblem,
)
from tests.model_site import (
    Site,
    assert_installed,
    build_zip,
    dest,
    fetch,
    model_entries,
    refused_port,
    sha,
    site,
)

__all__ = ["dest", "site"]  # fixtures shared with the other download tests


def test_official_address_first_then_mirror() -> None:
    assert DEFAULT_URLS == (
        "https://alphacephei.com/vosk/models/vosk-model-small-fr-0.22.zip",
        "https://huggingface.co/rhasspy/vosk-models/resolve/main/fr/vosk-model-small-fr-0.22.zip",
    )


def test_good_archive_is_installed(site: Site, dest: Path) -> None:
    archive = build_zip(model_entries())
    url = site.serve("/fr.zip", archive)
    assert fetch(dest, [url], sha(archive)) == dest / MODEL_NAME
    assert_installed(dest)
    assert (dest / MODEL_NAME / MANIFEST_NAME).is_file()
    assert site.requests == [("/fr.zip", None)]


def test_progress_bar_is_french_on_stderr(
    site: Site, dest: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = build_zip(model_entries())
    download_model(
        dest, [site.serve("/fr.zip", archive)], sha(archive), backoff_s=0, check_health=False
    )
    assert "Téléchargement du modèle" in capsys.readouterr().err


def test_dropped_connection_resumes_with_range(site: Site, dest: Path) -> None:
    archive = build_zip(model_entries())
    url = site.serve("/fr.zip", archive, cuts=1)
    fetch(dest, [url], sha(archive))
    assert_installed(dest)
    assert site.requests == [("/fr.zip", None), ("/fr.zip", f"bytes={len(archive) // 2}-")]


def test_connection_cut_every_time_keeps_the_part_for_next_time(site: Site, dest: Path) -> None:
    archive = build_zip(model_entries())
    url = site.serve("/fr.zip", archive, cuts=2)
    with pytest.raises(DownloadInterrupted) as caught:
        fetch(dest, [url], sha(archive), retries=2)
    assert str(caught.value) == (
        "La connexion a été coupée pendant le téléchargement.\n"
        "Relancez la même commande : le téléchargement reprendra où il s'est arrêté."
    )
    half = len(archive) // 2
    kept = half + (len(archive) - half) // 2
    assert (dest / (MODEL_NAME + PART_SUFFIX)).stat().st_size == kept
    assert not (dest / MODEL_NAME).exists()
    fetch(dest, [url], sha(archive))
    assert site.requests[-1] == ("/fr.zip", f"bytes={kept}-")
    assert_installed(dest)


def test_wrong_hash_installs_nothing(site: Site, dest: Path) -> None:
    url = site.serve("/fr.zip", build_zip(model_entries()))
    with pytest.raises(ChecksumMismatch) as caught:
        fetch(dest, [url], "0" * 64)
    assert str(caught.value).startswith(
        "Le fichier reçu n'est pas le bon modèle (empreinte SHA-256 différente). "
        "Il a été supprimé.\n"
    )
    assert list(dest.iterdir()) == []


def test_truncated_archive_is_refused(site: Site, dest: Path) -> None:
    archive = build_zip(model_entries())
    cut = archive[: len(archive) * 6 // 10]
    with pytest.raises(DamagedArchive) as caught:
        fetch(dest, [site.serve("/fr.zip", cut)], sha(cut))
    assert str(caught.value).startswith("L'archive du modèle est abîmée")
    assert list(dest.iterdir()) == []


def test_missing_file_on_first_address_falls_back_to_mirror(site: Site, dest: Path) -> None:
    archive = build_zip(model_entries())
    urls = [site.url("/absent.zip"), site.serve("/miroir.zip", archive)]
    fetch(dest, urls, sha(archive))
    assert_installed(dest)
    assert site.requests == [("/absent.zip", None), ("/miroir.zip", None)]


def test_server_error_is_retried_then_mirror_used(site: Site, dest: Path) -> None:
    archive = build_zip(model_entries())
    urls = [site.serve("/panne.zip", b"", status=500), site.serve("/miroir.zip", archive)]
    fetch(dest, urls, sha(archive), retries=3)
    assert [path for path, _ in site.requests] == ["/panne.zip"] * 3 + ["/miroir.zip"]


def test_server_error_reported_over_no_network(site: Site, dest: Path) -> None:
    with pytest.raises(ServerProblem) as caught:
        fetch(dest, [site.url("/absent.zip"), refused_port()], "0" * 64, retries=1)
    assert str(caught.value).startswith("Le serveur n'a pas fourni le modèle (erreur 404).\n")


def test_connection_refused_says_no_connection(dest: Path) -> None:
    with pytest.raises(NoNetwork) as caught:
        fetch(dest, [refused_port(), refused_port()], "0" * 64, retries=2)
    assert str(caught.value).startswith(
        "Téléchargement impossible : pas de connexion à internet, ou serveur injoignable.\n"
    )
    assert not (dest / MODEL_NAME).exists()


def test_already_installed_makes_no_request(site: Site, dest: Path) -> None:
    archive = build_zip(model_entries())
    url = site.serve("/fr.zip", archive)
    fetch(dest, [url], sha(archive))
    site.requests.clear()
    assert fetch(dest, [url], sha(archive)) == dest / MODEL_NAME
    assert site.requests == []


def test_command_installs_and_says_so(site: Site, dest: Path) -> None:
    archive = build_zip(model_entries())
    out = io.StringIO()
    code = run_download_command(
        dest,
        out,
        urls=[site.serve("/fr.zip", archive)],
        sha256=sha(archive),
        progress=False,
        check_health=False,
    )
    assert code == 0
    assert out.getvalue() == (
        f"Téléchargement du modèle de reconnaissance vocale (42 Mo) vers : {dest}\n"
        f"Le modèle est installé : {dest / MODEL_NAME}\n"
    )
    out = io.StringIO()
    assert run_download_command(dest, out, check_health=False) == 0
    assert out.getvalue() == f"Le modèle est déjà installé : {dest / MODEL_NAME}\n"


def test_command_failure_is_french_without_traceback(dest: Path) -> None:
    out = io.StringIO()
    code = run_download_command(dest, out, urls=[refused_port()], progress=False, retries=1)
    assert code == 1
    assert "pas de connexion à internet" in out.getvalue()
    assert "Traceback" not in out.getvalue()
    assert "Error" not in out.getvalue()


def test_default_folder_is_the_project_when_writable(tmp_path: Path) -> None:
    (tmp_path / "models").mkdir()
    assert default_download_dir(tmp_path) == tmp_path / "models"
    assert default_download_dir(tmp_path / "ailleurs") == user_models_dir()
