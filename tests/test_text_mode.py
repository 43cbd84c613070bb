"""The whole product driven as a subprocess through its line mode, as scripts and tests do."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.conversation import wording
from assistant.conversation.guide import Guide
from assistant.guides.loader import load_guide

PROJECT_DIR = Path(__file__).resolve().parent.parent
AMELI = PROJECT_DIR / "guides" / "ameli.yaml"


@pytest.fixture
def user_home(tmp_path: Path) -> dict[str, str]:
    """Each run gets its own user folders, so tests never see each other's saved place."""
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def run(args: list[str], stdin: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT_DIR,
        timeout=120,
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def ameli() -> Guide:
    return load_guide(AMELI)


def steps_of(guide: Guide, procedure_id: str) -> list[str]:
    procedure = guide.procedure(procedure_id)
    assert procedure is not None
    return [step.say for step in procedure.steps]


def test_walks_the_payments_procedure(ameli: Guide, user_home: dict[str, str]) -> None:
    result = run(["--muet"], "mes paiements\nsuivant\nrépète\nétape 1\nquitter\noui\n", user_home)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    out = result.stdout
    first, second = steps_of(ameli, "paiements")[:2]
    assert out.index(first) < out.index(second)
    # « répète » says the second step again, « étape 1 » goes back to the first.
    assert out.count(second) >= 2
    assert out.rindex(first) > out.rindex(second)
    assert "quitter" in out.lower()
    assert out.rstrip().splitlines()[-1].strip() != ""


def test_json_output_gives_one_object_per_line(ameli: Guide, user_home: dict[str, str]) -> None:
    result = run(["--muet", "--json"], "mes paiements\nsuivant\nbonjour le chat\n", user_home)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    by_input = {record["input"]: record for record in records if record["input"]}
    assert by_input["mes paiements"]["command"] == "open_procedure"
    assert by_input["mes paiements"]["procedure"] == "paiements"
    assert by_input["mes paiements"]["step"] == 1
    assert by_input["suivant"]["command"] == "next"
    assert by_input["suivant"]["step"] == 2
    assert steps_of(ameli, "paiements")[1] in by_input["suivant"]["text"]
    assert by_input["bonjour le chat"]["command"] is None
    assert set(records[0]) == {"input", "command", "procedure", "step", "text", "spoken"}


def test_end_of_input_says_goodbye_and_exits_cleanly(user_home: dict[str, str]) -> None:
    result = run(["--muet"], "mes paiements\n", user_home)
    assert result.returncode == 0
    assert result.stdout.rstrip().endswith(wording.GOODBYE.speech)
    assert result.stderr == ""


def test_resume_is_offered_in_the_next_session(ameli: Guide, user_home: dict[str, str]) -> None:
    run(["--muet"], "mes paiements\nsuivant\nsuivant\n", user_home)
    again = run(["--muet", "--json"], "oui\n", user_home)
    records = [json.loads(line) for line in again.stdout.splitlines()]
    assert "l'étape 3" in records[0]["text"]
    assert records[1]["procedure"] == "paiements" and records[1]["step"] == 3
    saved = Path(user_home["XDG_STATE_HOME"]) / "memo-vocal" / "reprise.yaml"
    assert saved.is_file()
    forgotten = run(["--oublier"], "", user_home)
    assert forgotten.returncode == 0 and "effacée" in forgotten.stdout
    assert not saved.exists()


def test_no_to_the_resume_offer_forgets_the_place(user_home: dict[str, str]) -> None:
    run(["--muet"], "mes paiements\nsuivant\n", user_home)
    saved = Path(user_home["XDG_STATE_HOME"]) / "memo-vocal" / "reprise.yaml"
    assert saved.is_file()
    declined = run(["--muet", "--json"], "non\n", user_home)
    assert "reprendre" in json.loads(declined.stdout.splitlines()[0])["text"]
    assert not saved.exists()
    third = run(["--muet", "--json"], "", user_home)
    assert "reprendre" not in json.loads(third.stdout.splitlines()[0])["text"]


def test_carte_vitale_asks_which_one_and_a_number_answers(user_home: dict[str, str]) -> None:
    result = run(["--muet", "--json"], "carte vitale\n2\n", user_home)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    asked = next(r for r in records if r.get("input") == "carte vitale")
    assert asked["command"] == "choose_procedure"
    assert "Vous voulez : 1, commander une carte Vitale, ou 2" in asked["text"]
    answered = next(r for r in records if r.get("input") == "2")
    assert answered["procedure"] == "carte_perdue" and answered["step"] == 1


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_and_sigterm_give_a_clean_exit(user_home: dict[str, str], stop: int) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant", "--muet"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=user_home,
        cwd=PROJECT_DIR,
        encoding="utf-8",
    )
    assert process.stdout is not None and process.stdin is not None
    process.stdin.write("mes paiements\n")
    process.stdin.flush()
    process.stdout.readline()  # the welcome is out: the program is waiting for a line
    time.sleep(0.5)
    process.send_signal(stop)
    out, err = process.communicate(timeout=30)
    assert "Traceback" not in err
    assert wording.GOODBYE.speech in out


def test_a_broken_memo_gives_french_errors_and_status_1(
    tmp_path: Path, user_home: dict[str, str]
) -> None:
    broken = tmp_path / "casse.yaml"
    broken.write_text("titre: Essai\nprocedures:\n  - id: x\n", encoding="utf-8")
    started = run(["--muet", "--guide", str(broken)], "suivant\n", user_home)
    assert started.returncode == 1
    assert "Traceback" not in started.stderr
    assert "ligne" in started.stderr
    checked = run(["valider", str(broken)], "", user_home)
    assert checked.returncode == 1
    assert "ligne" in checked.stdout and "Traceback" not in checked.stderr


def test_the_ameli_memo_is_valid(user_home: dict[str, str]) -> None:
    result = run(["valider", str(AMELI)], "", user_home)
    assert result.returncode == 0, result.stdout
    assert "valide" in result.stdout


def test_guides_lists_the_ameli_memo(user_home: dict[str, str]) -> None:
    result = run(["guides"], "", user_home)
    assert result.returncode == 0
    assert "ameli" in result.stdout


def test_unknown_guide_and_bad_option_are_explained_in_french(user_home: dict[str, str]) -> None:
    unknown = run(["--muet", "--guide", "inexistant"], "", user_home)
    assert unknown.returncode == 1 and "Traceback" not in unknown.stderr
    bad = run(["--vitesse", "9"], "", user_home)
    assert bad.returncode == 2
    assert "choix invalide" in bad.stderr and "utilisation" in bad.stderr


def test_a_broken_speech_engine_leaves_the_text_and_says_so_once(
    ameli: Guide, tmp_path: Path, virtual_audio: str
) -> None:
    # espeak-ng with an empty data folder really fails to start, as a damaged install would.
    # The user's own folders are kept (--sans-memoire instead) so PulseAudio is still found.
    env = dict(os.environ, ESPEAK_DATA_PATH=str(tmp_path), PYTHONIOENCODING="utf-8")
    result = run(["--sans-memoire"], "mes paiements\nsuivant\n", env)
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    assert result.stderr.count("voix") == 1, result.stderr
    assert steps_of(ameli, "paiements")[1] in result.stdout
