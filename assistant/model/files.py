"""Where the French speech model lives, and whether the folder there can be trusted.

Vosk answers every broken model with the same bare `Exception('Failed to create a model')`,
and some broken models do worse: an empty `conf/model.conf` hangs the decoder, an empty
`ivector/splice.conf` aborts the process, and grammar mode on a truncated `HCLr.fst` crashes
it (measured with the Korean model). So the folder is checked here before Vosk sees it, and
every problem becomes a French sentence saying what to do.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

if TYPE_CHECKING:
    import vosk

MODEL_NAME = "vosk-model-small-fr-0.22"
ENV_VAR = "MEMO_VOCAL_MODELE"
PROJECT_DIR = Path(__file__).resolve().parents[2]
INCOMPLETE_MARKER = ".installation-incomplete"
"""Present while an installation is unfinished; such a folder is never used."""
MANIFEST_NAME = ".memo-vocal-fichiers.json"
"""Written by `telecharger-modele`: the size of every file, to spot a truncated copy later."""

SOURCE_OPTION = "option --modele"
SOURCE_ENV = f"variable {ENV_VAR}"
SOURCE_PROJECT = "dossier du projet"
SOURCE_USER = "dossier de l'utilisateur"

_FST_MAGIC = b"\xd6\xfd\xb2\x7e"
_KALDI_BINARY = b"\x00B"
_MODEL_SUBDIRS = ("am", "conf", "graph", "ivector")


class ModelProblem(Exception):
    """A model that cannot be used; `str()` is plain French for the person at the keyboard."""

    def __init__(self, what: str, todo: str, detail: str = "") -> None:
        super().__init__(f"{what}\n{todo}")
        self.what = what
        """What is wrong, in one or two short sentences."""
        self.todo = todo
        """What to do about it."""
        self.detail = detail
        """Technical detail (Vosk's own error) for a log, never shown as the message."""


@dataclass(frozen=True)
class ModelLocation:
    """A model folder that passed `check_model_dir`."""

    path: Path
    """The folder containing `am/`, `conf/` and `graph/`."""

    source: str
    """How it was found, in French, e.g. « variable MEMO_VOCAL_MODELE »."""


def user_models_dir() -> Path:
    """The per-user folder for models, used when the project folder cannot be written."""
    return platformdirs.user_data_path("memo-vocal", appauthor=False) / "models"


def candidate_dirs(
    cli_path: Path | None, environ: Mapping[str, str], project_dir: Path, user_data_dir: Path
) -> list[tuple[Path, str]]:
    """Model folders to try, first wins: option, environment, project, user folder."""
    found: list[tuple[Path, str]] = []
    if cli_path is not None:
        found.append((cli_path.expanduser(), SOURCE_OPTION))
    if environ.get(ENV_VAR, "").strip():
        found.append((Path(environ[ENV_VAR].strip()).expanduser(), SOURCE_ENV))
    found.append((project_dir / "models" / MODEL_NAME, SOURCE_PROJECT))
    found.append((user_data_dir / "models" / MODEL_NAME, SOURCE_USER))
    return found


def locate_model(
    cli_path: Path | None = None,
    environ: Mapping[str, str] | None = None,
    project_dir: Path = PROJECT_DIR,
    user_data_dir: Path | None = None,
) -> ModelLocation:
    """The first usable model folder. A folder named explicitly must be right: no fall-back."""
    env = os.environ if environ is None else environ
    user_dir = user_data_dir or platformdirs.user_data_path("memo-vocal", appauthor=False)
    first_problem: ModelProblem | None = None
    for path, source in candidate_dirs(cli_path, env, project_dir, user_dir):
        explicit = source in (SOURCE_OPTION, SOURCE_ENV)
        if not explicit and not path.exists():
            continue
        try:
            check_model_dir(path)
        except ModelProblem as problem:
            if explicit:
                named = "l'" + source if source == SOURCE_OPTION else "la " + source
                raise ModelProblem(
                    f"Le modèle indiqué par {named} ne convient pas. {problem.what}",
                    problem.todo,
                ) from None
            first_problem = first_problem or problem
            continue
        return ModelLocation(path, source)
    if first_problem is not None:
        raise first_problem
    target = project_dir / "models" / MODEL_NAME
    raise ModelProblem(
        "Le modèle de reconnaissance vocale en français est introuvable.",
        "Pour l'installer avec internet, tapez : memo-vocal telecharger-modele\n"
        f"Sans internet, copiez le dossier « {MODEL_NAME} » (par exemple depuis une clé USB) "
        f"pour obtenir ce dossier : {target}",
    )


def _damaged(path: Path, why: str) -> ModelProblem:
    return ModelProblem(
        f"Le modèle dans le dossier {path} est incomplet ou abîmé : {why}",
        "Supprimez ce dossier puis tapez : memo-vocal telecharger-modele\n"
        "ou recopiez-le entièrement depuis la clé USB.",
    )


def unreadable_folder(path: Path, error: OSError) -> ModelProblem:
    """The model folder could not be read at all: most often a USB key pulled out."""
    return ModelProblem(
        f"Le dossier du modèle ne peut pas être lu : {path}",
        "Vérifiez que la clé USB ou le disque est bien branché, puis recommencez.",
        detail=repr(error),
    )


def check_model_dir(path: Path) -> None:
    """Raise ModelProblem unless `path` looks like a complete Vosk model."""
    try:
        _check_model_dir(path)
    except OSError as error:
        raise unreadable_folder(path, error) from None


def _check_model_dir(path: Path) -> None:
    redo = "Vérifiez le chemin, ou tapez : memo-vocal telecharger-modele"
    if not path.exists():
        raise ModelProblem(f"Le dossier du modèle n'existe pas : {path}", redo)
    if not path.is_dir():
        raise ModelProblem(f"Ce chemin est un fichier, pas un dossier de modèle : {path}", redo)
    if (path / INCOMPLETE_MARKER).exists():
        raise _damaged(path, "son installation n'est pas terminée.")
    missing = _missing_parts(path)
    if missing:
        if not any(path.iterdir()):
            raise ModelProblem(f"Le dossier du modèle est vide : {path}", redo)
        nested = [sub for sub in sorted(path.iterdir()) if sub.is_dir() and not _missing_parts(sub)]
        if nested:
            raise ModelProblem(
                f"Le modèle se trouve un niveau plus bas, dans : {nested[0]}",
                f"Indiquez ce dossier-là, ou déplacez son contenu directement dans : {path}",
            )
        raise ModelProblem(
            f"Le dossier {path} n'est pas un modèle Vosk : il manque {missing}.", redo
        )
    for sub in _MODEL_SUBDIRS:
        for file in sorted((path / sub).rglob("*")):
            if file.is_file() and file.stat().st_size == 0:
                raise _damaged(path, f"le fichier {file.relative_to(path).as_posix()} est vide.")
    _check_headers(path)
    _check_manifest(path)


def _missing_parts(path: Path) -> str:
    absent = [name for name in ("am/final.mdl", "conf/mfcc.conf") if not (path / name).is_file()]
    graph = path / "graph"
    lookahead = (graph / "HCLr.fst").is_file() and (graph / "Gr.fst").is_file()
    if not lookahead and not (graph / "HCLG.fst").is_file():
        absent.append("graph/HCLG.fst (ou graph/HCLr.fst avec graph/Gr.fst)")
    return ", ".join(absent)


def _check_headers(path: Path) -> None:
    # Every OpenFst file starts with the magic number, and Vosk's models are Kaldi binaries:
    # a copy that ended with garbage or a web page shows up here.
    expected = {"am/final.mdl": _KALDI_BINARY}
    for fst in ("HCLG.fst", "HCLr.fst", "Gr.fst"):
        if (path / "graph" / fst).is_file():
            expected[f"graph/{fst}"] = _FST_MAGIC
    for name, magic in expected.items():
        with (path / name).open("rb") as handle:
            if handle.read(len(magic)) != magic:
                raise _damaged(path, f"le fichier {name} n'a pas le bon format.")


def _check_manifest(path: Path) -> None:
    try:
        sizes = json.loads((path / MANIFEST_NAME).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return  # A model copied by hand has no manifest; the checks above must do.
    for name, size in sorted(sizes.items()):
        file = path / name
        if not file.is_file():
            raise _damaged(path, f"le fichier {name} manque.")
        if file.stat().st_size != size:
            raise _damaged(path, f"le fichier {name} est tronqué.")


def write_manifest(path: Path) -> None:
    """Record the size of every model file, so a later partial copy is detected."""
    files = {
        file.relative_to(path).as_posix(): file.stat().st_size
        for file in sorted(path.rglob("*"))
        if file.is_file() and file.name not in (MANIFEST_NAME, INCOMPLETE_MARKER)
    }
    text = json.dumps({"model": path.name, "files": files}, indent=1, ensure_ascii=False)
    (path / MANIFEST_NAME).write_text(text, encoding="utf-8")


@contextlib.contextmanager
def _native_stderr_captured() -> Iterator[list[str]]:
    """Keep Kaldi's own error lines (written to fd 2 by C++) off the user's screen."""
    lines: list[str] = []
    try:
        saved = os.dup(2)
    except OSError:  # No stderr at all (pythonw): nothing to hide.
        yield lines
        return
    with tempfile.TemporaryFile() as sink:
        sys.stderr.flush()
        os.dup2(sink.fileno(), 2)
        try:
            yield lines
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            lines.extend(sink.read().decode("utf-8", "replace").splitlines())


def load_vosk_model(path: Path, *, health_timeout_s: float | None = None) -> vosk.Model:
    """Check the folder, try it in a child process, then load it; every failure becomes a
    ModelProblem."""
    check_model_dir(path)
    from assistant.model import health

    health.check_model_health(path, timeout_s=health_timeout_s or health.CHECK_TIMEOUT_S)
    import vosk

    vosk.SetLogLevel(-2)  # -1 still prints Kaldi warnings; unknown words are reported in French
    with _native_stderr_captured() as kaldi_lines:
        try:
            model = vosk.Model(str(path))
            # HCLr.fst is read lazily: a truncated one fails here in free mode, but crashes
            # the process when a grammar recognizer is made first.
            vosk.KaldiRecognizer(model, 16000)
            return model
        except Exception as error:
            failure = error
    raise ModelProblem(
        f"Le modèle du dossier {path} n'a pas pu être chargé : il est sans doute abîmé.",
        load_failure_advice(path, sys.platform),
        detail="\n".join([*kaldi_lines, repr(failure)]),
    )


def load_failure_advice(path: Path, platform: str) -> str:
    """What to do when Vosk refuses a folder that looked complete."""
    if platform == "win32" and not str(path).isascii():
        # Vosk cannot open a path with accents on Windows (alphacep/vosk-api#1072).
        return (
            "Sous Windows, le chemin du modèle ne doit contenir ni accent ni caractère spécial. "
            "Copiez le dossier dans C:\\memo-vocal\\models puis lancez le programme avec "
            "--modele C:\\memo-vocal\\models\\" + MODEL_NAME
        )
    return "Supprimez ce dossier puis tapez : memo-vocal telecharger-modele"
