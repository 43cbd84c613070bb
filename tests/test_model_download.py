"""Downloading and installing the model, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import socket
import stat
import subprocess
import sys
import threading
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from assistant.model.download import (
    DEFAULT_URLS,
    PART_SUFFIX,
    default_download_dir,
    download_model,
    run_download_command,
)
from assistant.model.files import MANIFEST_NAME, MODEL_NAME, check_model_dir, user_models_dir
from assistant.model.problems import (
    ChecksumMismatch,
    DamagedArchive,
    DiskFull,
    DownloadInterrupted,
    DownloadProblem,
    FolderNotWritable,
    NoNetwork,
    NotAModel,
    ServerProblem,
    UnsafeArchive,
    WrongLocalArchive,
)
from tests.full_disk import full_disk
from tests.test_model_files import fake_model_files

Entries = list[tuple[str | zipfile.ZipInfo, bytes]]


def model_entries(files: dict[str, bytes] | None = None) -> Entries:
    chosen = fake_model_files() if files is None else files
    return [(f"{MODEL_NAME}/{name}", data) for name, data in chosen.items()]


def build_zip(entries: Entries) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate-name case.
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
            for name, data in entries:
                bundle.writestr(name, data)
    return buffer.getvalue()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Route:
    data: bytes
    status: int = 200
    cuts_left: int = 0
    """Requests still to be cut halfway, like a library Wi-Fi dropping out."""


class Site:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str | None]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.requests.append((self.path, self.headers.get("Range")))
                route = site.routes.get(self.path)
                if route is None or route.status != 200:
                    self.send_error(404 if route is None else route.status)
                    return
                start = int(self.headers.get("Range", "bytes=0-")[6:].rstrip("-"))
                if start >= len(route.data):
                    self.send_response(416)
                    self.send_header("Content-Range", f"bytes */{len(route.data)}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = route.data[start:]
                self.send_response(206 if start else 200)
                if start:
                    end = len(route.data) - 1
                    self.send_header("Content-Range", f"bytes {start}-{end}/{len(route.data)}")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if route.cuts_left:
                    route.cuts_left -= 1
                    self.wfile.write(body[: len(body) // 2])
                    self.close_connection = True
                    return
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def serve(self, path: str, data: bytes, status: int = 200, cuts: int = 0) -> str:
        self.routes[path] = Route(data, status, cuts)
        return self.url(path)


@pytest.fixture
def site() -> Iterator[Site]:
    served = Site()
    yield served
    served.server.shutdown()
    served.server.server_close()


@pytest.fixture
def dest(tmp_path: Path) -> Path:
    return tmp_path / "models"


def refused_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/modele.zip"


def fetch(dest: Path, urls: list[str], sha256: str, retries: int = 3) -> Path:
    return download_model(
        dest, urls, sha256, progress=False, retries=retries, backoff_s=0, check_health=False
    )


def assert_installed(dest: Path, files: dict[str, bytes] | None = None) -> None:
    expected = fake_model_files() if files is None else files
    model = dest / MODEL_NAME
    check_model_dir(model)
    for name, data in expected.items():
        assert (model / name).read_bytes() == data
    assert sorted(p.name for p in dest.iterdir()) == [MODEL_NAME]


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


def symlink_entry() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(f"{MODEL_NAME}/graph/lien")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


@pytest.mark.parametrize(
    ("entry", "why"),
    [
        ("../evil", "elle contient un chemin interdit (../evil)."),
        (f"{MODEL_NAME}/am/../../../evil", f"elle contient un chemin interdit ({MODEL_NAME}/am/"),
        ("/tmp/evil", "elle contient un chemin interdit (/tmp/evil)."),
        ("C:/evil", "elle contient un chemin interdit (C:/evil)."),
        ("..\\evil", "elle contient un chemin interdit (..\\evil)."),
        (symlink_entry(), f"elle contient un lien symbolique ({MODEL_NAME}/graph/lien)."),
        (f"{MODEL_NAME}/am/final.mdl", f"elle contient une entrée inattendue ({MODEL_NAME}/am/"),
        (f"{MODEL_NAME}/AM/Final.mdl", f"elle contient une entrée inattendue ({MODEL_NAME}/AM/"),
        (f"{MODEL_NAME}/am/final.mdl/x", "elle contient une entrée inattendue"),
        (f"{MODEL_NAME}/.cache", f"elle contient un nom de fichier inattendu ({MODEL_NAME}/.c"),
    ],
    ids=[
        "parent",
        "parent-inside",
        "absolute",
        "drive-letter",
        "backslash",
        "symlink",
        "duplicate",
        "duplicate-other-case",
        "file-used-as-folder",
        "hidden-name",
    ],
)
def test_dangerous_entries_are_refused(
    site: Site, tmp_path: Path, dest: Path, entry: str | zipfile.ZipInfo, why: str
) -> None:
    archive = build_zip([*model_entries(), (entry, b"/etc/passwd")])
    with pytest.raises(UnsafeArchive) as caught:
        fetch(dest, [site.serve("/fr.zip", archive)], sha(archive))
    assert str(caught.value).startswith(f"L'archive du modèle a été refusée par sécurité : {why}")
    assert list(dest.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["models"]
    assert not Path("/tmp/evil").exists()


def test_decompression_bomb_in_one_file(site: Site, dest: Path) -> None:
    archive = build_zip([*model_entries(), (f"{MODEL_NAME}/graph/HCLG.fst", bytes(50_000_000))])
    with pytest.raises(UnsafeArchive) as caught:
        fetch(dest, [site.serve("/fr.zip", archive)], sha(archive))
    assert "elle se décompresse en beaucoup trop de données" in str(caught.value)
    assert list(dest.iterdir()) == []


def test_decompression_bomb_spread_over_many_files(site: Site, dest: Path) -> None:
    padding = [(f"{MODEL_NAME}/ivector/bloc{i}.mat", bytes(1024 * 1024)) for i in range(40)]
    archive = build_zip([*model_entries(), *padding])
    with pytest.raises(UnsafeArchive) as caught:
        fetch(dest, [site.serve("/fr.zip", archive)], sha(archive))
    assert "elle se décompresse en beaucoup trop de données" in str(caught.value)
    assert list(dest.iterdir()) == []


def test_sizes_that_lie_are_caught_while_writing(site: Site, dest: Path) -> None:
    name = f"{MODEL_NAME}/am/final.mdl"
    files = fake_model_files()
    files["am/final.mdl"] = b"\x00B" + bytes(3_000_000)
    archive = bytearray(build_zip(model_entries(files)))
    with zipfile.ZipFile(io.BytesIO(bytes(archive))) as bundle:
        local = bundle.getinfo(name).header_offset
    end = archive.rindex(b"PK\x05\x06")
    central = archive.index(name.encode(), int.from_bytes(archive[end + 16 : end + 20], "little"))
    # The local header (size at +22) and the central directory (at +24) both claim 1,000 bytes.
    for offset in (local + 22, central - 46 + 24):
        assert int.from_bytes(archive[offset : offset + 4], "little") == 3_000_002
        archive[offset : offset + 4] = (1000).to_bytes(4, "little")
    data = bytes(archive)
    with pytest.raises(DamagedArchive):
        fetch(dest, [site.serve("/fr.zip", data)], sha(data))
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


def test_finished_archive_from_earlier_run_needs_no_network(dest: Path) -> None:
    archive = build_zip(model_entries())
    dest.mkdir()
    (dest / (MODEL_NAME + PART_SUFFIX)).write_bytes(archive)
    fetch(dest, [refused_port()], sha(archive))
    assert_installed(dest)


def test_zip_copied_from_a_usb_stick_is_checked_and_installed(dest: Path) -> None:
    archive = build_zip(model_entries())
    dest.mkdir()
    (dest / f"{MODEL_NAME}.zip").write_bytes(archive)
    fetch(dest, [refused_port()], sha(archive))
    check_model_dir(dest / MODEL_NAME)
    assert (dest / f"{MODEL_NAME}.zip").read_bytes() == archive  # The user's copy stays.


def test_wrong_zip_copied_by_hand_is_named(site: Site, dest: Path) -> None:
    dest.mkdir()
    (dest / f"{MODEL_NAME}.zip").write_bytes(build_zip(model_entries()))
    with pytest.raises(WrongLocalArchive) as caught:
        fetch(dest, [site.url("/fr.zip")], "0" * 64)
    assert str(caught.value) == (
        f"Le fichier {dest / MODEL_NAME}.zip n'est pas le bon modèle "
        "(empreinte SHA-256 différente).\n"
        "Supprimez-le ou remplacez-le par le bon fichier, puis relancez : "
        "memo-vocal telecharger-modele"
    )
    assert site.requests == []
    assert not (dest / MODEL_NAME).exists()


def test_archive_without_a_model_leaves_nothing(site: Site, dest: Path) -> None:
    archive = build_zip([(f"{MODEL_NAME}/README", b"pas de modele ici\n")])
    with pytest.raises(NotAModel) as caught:
        fetch(dest, [site.serve("/fr.zip", archive)], sha(archive))
    assert str(caught.value).startswith(
        "L'archive téléchargée ne contient pas un modèle utilisable. Le dossier "
    )
    assert list(dest.iterdir()) == []


def test_broken_model_and_leftovers_are_replaced(site: Site, dest: Path) -> None:
    (dest / MODEL_NAME / "am").mkdir(parents=True)
    (dest / MODEL_NAME / "am" / "final.mdl").write_bytes(b"")
    (dest / f".{MODEL_NAME}.tmp-ancien" / "am").mkdir(parents=True)
    archive = build_zip(model_entries())
    fetch(dest, [site.serve("/fr.zip", archive)], sha(archive))
    assert_installed(dest)


def test_disk_full_is_said_plainly(site: Site, tmp_path: Path) -> None:
    archive = build_zip(model_entries())
    with full_disk(tmp_path / "disque", folders=("models",)) as disk:
        dest = disk / "models"
        with pytest.raises(DiskFull) as caught:
            fetch(dest, [site.serve("/fr.zip", archive)], sha(archive))
        message = str(caught.value)
        assert message.startswith("Il n'y a plus assez de place sur le disque pour le modèle")
        assert not (dest / MODEL_NAME).exists()


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """A folder nobody may write to, root included (chattr +i), as on a locked library PC."""
    if sys.platform == "win32":
        pytest.skip("Dossier en lecture seule : testé sous Linux.")
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode:
            pytest.skip("chattr +i indisponible ici.")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)


def test_read_only_folder_is_said_before_any_download(site: Site, dest: Path) -> None:
    dest.mkdir()
    url = site.serve("/fr.zip", b"")
    with read_only(dest), pytest.raises(FolderNotWritable) as caught:
        fetch(dest, [url], "0" * 64)
    assert str(caught.value).startswith(f"Impossible d'écrire dans le dossier {dest}")
    assert site.requests == []


def test_real_model_files_pass_the_archive_limits(
    site: Site, dest: Path, korean_model_dir: Path
) -> None:
    # The Korean model is 253 MB: its acoustic model and i-vector files whole, the start of
    # its graphs (magic number included), so real Kaldi data goes through zip and back.
    files = {
        name: (korean_model_dir / name).read_bytes()
        for name in ("am/final.mdl", "conf/mfcc.conf", "conf/model.conf", "ivector/final.ie")
    }
    for name in ("graph/HCLr.fst", "graph/Gr.fst"):
        with (korean_model_dir / name).open("rb") as whole:
            files[name] = whole.read(4_000_000)
    archive = build_zip(model_entries(files))
    fetch(dest, [site.serve("/ko.zip", archive)], sha(archive))
    assert_installed(dest, files)


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


# --- the partial file is never followed through a link (issue 12) ---------------------------


def test_part_file_that_is_a_symlink_is_refused_and_its_target_untouched(
    site: Site, dest: Path, tmp_path: Path
) -> None:
    archive = build_zip(model_entries())
    elsewhere = tmp_path / "ailleurs.txt"
    elsewhere.write_bytes(b"a moi")
    dest.mkdir()
    (dest / (MODEL_NAME + ".zip.part")).symlink_to(elsewhere)
    with pytest.raises(DownloadProblem) as caught:
        fetch(dest, [site.serve("/fr.zip", archive)], sha(archive))
    assert "n'est pas un fichier ordinaire" in str(caught.value)
    assert elsewhere.read_bytes() == b"a moi"
    assert site.requests == []


def test_part_file_that_is_a_fifo_is_refused_at_once(site: Site, dest: Path) -> None:
    archive = build_zip(model_entries())
    dest.mkdir()
    os.mkfifo(dest / (MODEL_NAME + ".zip.part"))
    with pytest.raises(DownloadProblem) as caught:
        fetch(dest, [site.serve("/fr.zip", archive)], sha(archive))
    assert "n'est pas un fichier ordinaire" in str(caught.value)


def test_hand_copied_archive_that_is_a_symlink_is_not_followed(
    site: Site, dest: Path, tmp_path: Path
) -> None:
    archive = build_zip(model_entries())
    outside = tmp_path / "dehors.zip"
    outside.write_bytes(archive)
    dest.mkdir()
    (dest / (MODEL_NAME + ".zip")).symlink_to(outside)
    with pytest.raises(DownloadProblem) as caught:
        fetch(dest, [site.serve("/fr.zip", archive)], sha(archive))
    assert "n'est pas un fichier ordinaire" in str(caught.value)
