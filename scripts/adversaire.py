"""Hostile inputs against the real program: prints case, outcome, traceback yes/no.

    .venv/bin/python scripts/adversaire.py

Each case runs `python -m assistant` (or the download code) in a child process, in its own
temporary home (HOME and XDG_* point there), with a time limit: a case that hits it is a hang.
Only non-destructive cases: bad standard input, bad memos, bad WAV files, bad user files,
downloads from a hostile server on 127.0.0.1, signals. Exit status 1 if any case printed a
traceback or hung. About a minute on two cores.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socketserver
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from adversaire_runner import PROJECT, Home, Result, private_home, run, wav_header


def stdin_cases(home: Home) -> Iterator[Result]:
    base = ["--muet", "--sans-memoire"]
    yield run("entrée : UTF-8 invalide (--json)", [*base, "--json"], home, b"\xff\xfe\xc3(\n")
    yield run("entrée : ligne de 20 Mo", base, home, b"a" * 20_000_000 + b"\nsuivant\n")
    yield run("entrée : 1 Mo d'octets au hasard", base, home, os.urandom(1_000_000))
    yield run("entrée : octets nuls", base, home, b"\0" * 5000 + b"\n")
    yield run("entrée : vide", base, home, b"")


def memo_cases(home: Home) -> Iterator[Result]:
    folder = home.root / "memos"
    folder.mkdir()
    deep = folder / "profond.yaml"
    deep.write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    huge = folder / "enorme.yaml"
    huge.write_text("procedures:\n" + "  - a\n" * 2_000_000)
    latin = folder / "latin1.yaml"
    latin.write_bytes("titre: Mémo\n".encode("latin-1"))
    fifo = folder / "tube.yaml"
    os.mkfifo(fifo)
    loop = folder / "boucle.yaml"
    loop.symlink_to(loop)
    odd_name = os.fsencode(folder) + b"/\xffnom.yaml"
    Path(os.fsdecode(odd_name)).write_bytes((PROJECT / "guides" / "ameli.yaml").read_bytes())
    for label, path in (
        ("imbriqué 100 000 fois", deep),
        ("de 12 Mo", huge),
        ("en Latin-1", latin),
        ("tube (FIFO)", fifo),
        ("lien en boucle", loop),
        ("nom non UTF-8", Path(os.fsdecode(odd_name))),
        ("dossier", folder),
    ):
        yield run(f"mémo {label} : valider", ["valider", str(path)], home)
        yield run(
            f"mémo {label} : --guide",
            ["--muet", "--sans-memoire", "--guide", str(path)],
            home,
            b"suivant\n",
        )


def wav_cases(home: Home) -> Iterator[Result]:
    folder = home.root / "sons"
    folder.mkdir()
    fifo = folder / "tube.wav"
    os.mkfifo(fifo)
    cut = folder / "coupe.wav"
    cut.write_bytes(wav_header()[:30])
    lying = folder / "menteur.wav"
    lying.write_bytes(wav_header(10**9) + b"\0" * 100)
    text = folder / "texte.wav"
    text.write_text("ceci n'est pas un son\n")
    base = ["--muet", "--sans-memoire", "--entree-audio"]
    for label, path, stdin in (
        ("/dev/zero", "/dev/zero", b""),
        ("FIFO sans écrivain", str(fifo), b""),
        ("/dev/stdin (tube)", "/dev/stdin", wav_header() + b"\0" * 32000),
        ("coupé dans l'en-tête", str(cut), b""),
        ("taille annoncée fausse", str(lying), b""),
        ("texte", str(text), b""),
        ("absent", str(folder / "absent.wav"), b""),
    ):
        yield run(f"WAV {label}", [*base, path], home, stdin)


def user_file_cases() -> Iterator[Result]:
    contents = {
        "réglages imbriqués 5 000 fois": ("reglages.yaml", "a: " + "[" * 5000 + "]" * 5000),
        "réglages de 10 Mo": ("reglages.yaml", "rate_level: 1\n" + "#" * 10_000_000),
        "reprise imbriquée 5 000 fois": ("reprise.yaml", "a: " + "[" * 5000 + "]" * 5000),
        "reprise binaire": ("reprise.yaml", "\udcff\0\0"),
    }
    for label, (name, text) in contents.items():
        with private_home() as home:
            folder = home.root / "home" / (".config" if name == "reglages.yaml" else ".local/state")
            (folder / "memo-vocal").mkdir(parents=True)
            (folder / "memo-vocal" / name).write_bytes(text.encode("utf-8", "surrogateescape"))
            for attempt in ("1er", "2e"):
                yield run(f"{label} ({attempt} lancement)", ["--muet"], home, b"suivant\n")
    with private_home() as home:
        env = home.env(XDG_CONFIG_HOME="/dev/null/x", XDG_STATE_HOME="/dev/null/y")
        yield run("dossiers XDG sous /dev/null", ["--muet", "--vitesse", "1"], home, b"", env=env)
        yield run("--oublier, dossiers sous /dev/null", ["--oublier"], home, env=env)


def output_cases(home: Home) -> Iterator[Result]:
    with open("/dev/full", "wb") as full:
        for label, args in (
            ("texte", ["--muet", "--sans-memoire"]),
            ("--json", ["--muet", "--sans-memoire", "--json"]),
            ("guides", ["guides"]),
            ("--help", ["--help"]),
            ("--oublier", ["--oublier"]),
        ):
            yield run(f"sortie /dev/full : {label}", args, home, b"suivant\n", stdout=full.fileno())
    command = f"{sys.executable} -m assistant --muet --sans-memoire | head -1"
    yield run(
        "sortie fermée (| head -1)",
        [],
        home,
        b"aide\n" * 3000,
        python=["bash", "-o", "pipefail", "-c", command],
    )


class _Hostile(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextlib.contextmanager
def hostile_server(behaviour: Callable[[socketserver.StreamRequestHandler], None]) -> Iterator[str]:
    class Handler(socketserver.StreamRequestHandler):
        def handle(self) -> None:
            while self.rfile.readline().strip():
                pass
            with contextlib.suppress(OSError):
                behaviour(self)

    server = _Hostile(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/fr.zip"
    finally:
        server.shutdown()
        server.server_close()


def _trickle(handler: socketserver.StreamRequestHandler) -> None:
    for byte in b"HTTP/1.0 200 OK\r\nContent-Length: 40000\r\n\r\n" * 50:
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()
        time.sleep(0.05)


def _endless(handler: socketserver.StreamRequestHandler) -> None:
    handler.wfile.write(b"HTTP/1.0 200 OK\r\n\r\n")
    while True:
        handler.wfile.write(b"x" * 65536)


def _download_code(url: str, folder: Path) -> list[str]:
    code = (
        "import sys; from pathlib import Path\n"
        "from assistant.model.download import run_download_command\n"
        "from assistant.model.transfer_guard import DownloadLimits\n"
        "limits = DownloadLimits(total_s=20, min_rate_bytes_s=1000, rate_window_s=1,"
        " read_timeout_s=5, max_bytes=2_000_000)\n"
        f"sys.exit(run_download_command(Path({str(folder)!r}), sys.stdout, urls=[{url!r}],"
        " progress=False, retries=2, limits=limits))"
    )
    return [sys.executable, "-c", code]


def download_cases(home: Home) -> Iterator[Result]:
    for label, behaviour in (
        ("serveur au goutte-à-goutte", _trickle),
        ("corps sans fin", _endless),
    ):
        folder = home.root / label.replace(" ", "-")
        with hostile_server(behaviour) as url:
            result = run(f"téléchargement : {label}", [], home, python=_download_code(url, folder))
        part = folder / "vosk-model-small-fr-0.22.zip.part"
        if part.exists() and part.stat().st_size > 2_000_000:
            result.outcome += f" ; .part de {part.stat().st_size} octets"
            result.traceback = True
        yield result
    folder = home.root / "lien"
    folder.mkdir()
    target = home.root / "cible.txt"
    target.write_text("à moi")
    (folder / "vosk-model-small-fr-0.22.zip.part").symlink_to(target)
    with hostile_server(_endless) as url:
        result = run("téléchargement : .part en lien", [], home, python=_download_code(url, folder))
    if target.read_text() != "à moi":
        result.outcome += " ; ÉCRIT À TRAVERS LE LIEN"
        result.traceback = True
    yield result


def signal_cases() -> Iterator[Result]:
    for number, delay in (
        (signal.SIGINT, 0.0),
        (signal.SIGINT, 0.05),
        (signal.SIGINT, 0.1),
        (signal.SIGINT, 0.2),
        (signal.SIGINT, 0.5),
        (signal.SIGTERM, 0.1),
        (signal.SIGTERM, 0.5),
        (signal.SIGHUP, 0.5),
    ):
        with private_home() as home:
            yield run(
                f"signal {signal.Signals(number).name} à {delay:.2f} s",
                ["--muet", "--sans-memoire"],
                home,
                b"",
                signal_after=(number, delay),
            )
    with private_home() as home:
        wav = home.root / "v.wav"
        args = ["--sans-memoire", "--sortie-audio", str(wav)]
        run("SIGKILL pendant la voix", args, home, b"", signal_after=(signal.SIGKILL, 0.5))
        result = run("relance après SIGKILL", args, home, b"suivant\n")
        left = [p.name for p in (home.root / "tmp").iterdir() if p.name.startswith("memo-vocal")]
        voices = home.root / "home" / ".cache" / "memo-vocal" / "voix"
        left += [p.name for p in voices.iterdir()] if voices.is_dir() else []
        if left:
            result.outcome += f" ; restes : {left}"
            result.traceback = True
        yield result


def main() -> int:
    argparse.ArgumentParser(description="Cas hostiles contre memo-vocal.").parse_args()
    started = time.monotonic()
    results: list[Result] = []
    print(f"{'cas':<44} | {'résultat':<80} | trace d'erreur")
    with private_home() as home:
        groups = [
            stdin_cases(home),
            memo_cases(home),
            wav_cases(home),
            user_file_cases(),
            output_cases(home),
            download_cases(home),
            signal_cases(),
        ]
        for group in groups:
            for result in group:
                results.append(result)
                trace = "BLOQUÉ" if result.hung else ("oui" if result.traceback else "non")
                print(f"{result.case:<44} | {result.outcome[:80]:<80} | {trace}", flush=True)
    tracebacks = sum(result.traceback for result in results)
    hangs = sum(result.hung for result in results)
    print(
        f"\n{len(results)} cas en {time.monotonic() - started:.0f} s : "
        f"{tracebacks} avec trace d'erreur, {hangs} bloqués."
    )
    return 1 if tracebacks or hangs else 0


if __name__ == "__main__":
    sys.exit(main())
