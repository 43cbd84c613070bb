"""Models that pass every folder check and then abort or hang inside Kaldi.

Each broken model is the real Korean model with one configuration file changed. Loading is
run in a separate process here too, so that before the fix a crash fails the test instead of
killing the whole test run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.model.files import ModelProblem
from assistant.model.health import check_model_health, fingerprint
from tests.test_model_files import linked_copy

BROKEN = {
    "sans_coefficients": ("conf/mfcc.conf", "--num-ceps=40", "--num-ceps=0"),
    "frequence_negative": ("conf/mfcc.conf", "--allow-upsample=true", "--sample-frequency=-5"),
    "model_conf_espace": ("conf/model.conf", None, " "),
}


def broken_model(korean: Path, target: Path, case: str) -> Path:
    model = linked_copy(korean, target)
    name, old, new = BROKEN[case]
    text = (korean / name).read_text() if old is not None else ""
    (model / name).unlink()
    (model / name).write_text(text.replace(old, new) if old is not None else new)
    return model


def private_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    env["HOME"] = str(tmp_path / "home")
    return env


LOAD = """
import sys
from pathlib import Path
from assistant.model.files import ModelProblem, load_vosk_model
try:
    load_vosk_model(Path(sys.argv[1]))
except ModelProblem as problem:
    print(problem)
    sys.exit(3)
print("chargé")
"""


@pytest.mark.parametrize("case", ["frequence_negative", "sans_coefficients"])
def test_broken_model_gets_a_french_message_not_a_crash(
    korean_model_dir: Path, tmp_path: Path, case: str
) -> None:
    model = broken_model(korean_model_dir, tmp_path / "ko", case)
    run = subprocess.run(
        [sys.executable, "-c", LOAD, str(model)],
        capture_output=True,
        text=True,
        timeout=300,
        env=private_env(tmp_path),
    )
    assert run.returncode == 3, run.stderr[-500:]
    assert f"Le modèle du dossier {model}" in run.stdout
    assert "abîmé" in run.stdout
    assert "ASSERTION" not in run.stderr + run.stdout


def test_model_that_hangs_at_the_first_decode_is_refused(
    korean_model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`diagnostic` used to say « OK … chargé » for this one, which then hung every session."""
    from assistant.model.files import load_vosk_model

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    model = broken_model(korean_model_dir, tmp_path / "ko", "model_conf_espace")
    with pytest.raises(ModelProblem) as caught:
        load_vosk_model(model, health_timeout_s=20)
    assert str(caught.value).startswith(f"Le modèle du dossier {model} ne répond pas")


def test_diagnostic_uses_the_same_check(korean_model_dir: Path, tmp_path: Path) -> None:
    model = broken_model(korean_model_dir, tmp_path / "ko", "sans_coefficients")
    code = (
        "import sys; from pathlib import Path; from assistant.cli.diagnostic import _model\n"
        "check = _model(Path(sys.argv[1]))[0]; print(check.ok); print(check.detail)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(model)],
        capture_output=True,
        text=True,
        timeout=300,
        env=private_env(tmp_path),
    )
    assert run.returncode == 0, run.stderr[-500:]
    assert run.stdout.startswith("False\n")
    assert "abîmé" in run.stdout


def test_download_command_does_not_call_a_broken_model_installed(
    korean_model_dir: Path, tmp_path: Path
) -> None:
    from assistant.model.files import MODEL_NAME

    broken_model(korean_model_dir, tmp_path / "models" / MODEL_NAME, "sans_coefficients")
    code = (
        "import io, sys; from pathlib import Path\n"
        "from assistant.model.download import run_download_command\n"
        "out = io.StringIO()\n"
        "code = run_download_command(Path(sys.argv[1]), out, urls=('http://127.0.0.1:9/x',),"
        " progress=False, retries=1)\n"
        "print(code); print(out.getvalue())"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "models")],
        capture_output=True,
        text=True,
        timeout=300,
        env=private_env(tmp_path),
    )
    assert run.returncode == 0, run.stderr[-500:]
    assert "déjà installé" not in run.stdout
    assert run.stdout.startswith("1\n")


def test_a_good_verdict_is_remembered_until_a_file_changes(
    korean_model_dir: Path, tmp_path: Path
) -> None:
    model = linked_copy(korean_model_dir, tmp_path / "ko")
    cache = tmp_path / "verdicts.json"
    first = check_model_health(model, cache=cache)
    assert not first.from_cache
    again = check_model_health(model, cache=cache)
    assert again.from_cache and again.fingerprint == first.fingerprint
    (model / "conf" / "mfcc.conf").unlink()
    text = (korean_model_dir / "conf" / "mfcc.conf").read_text()
    (model / "conf" / "mfcc.conf").write_text(text.replace("--num-ceps=40", "--num-ceps=0"))
    assert fingerprint(model) != first.fingerprint
    with pytest.raises(ModelProblem):
        check_model_health(model, cache=cache, timeout_s=60)


def test_keyboard_still_works_when_the_model_is_broken(
    korean_model_dir: Path, tmp_path: Path
) -> None:
    """Line mode with a broken model named: the memo is still read, command by command."""
    model = broken_model(korean_model_dir, tmp_path / "ko", "sans_coefficients")
    run = subprocess.run(
        [sys.executable, "-m", "assistant", "--muet", "--sans-memoire", "--modele", str(model)],
        input="suivant\n",
        capture_output=True,
        text=True,
        timeout=120,
        env=private_env(tmp_path),
    )
    assert run.returncode == 0
    assert "Au revoir" in run.stdout
