"""Finding the model folder and refusing broken ones before Vosk sees them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from assistant.model.files import (
    INCOMPLETE_MARKER,
    MODEL_NAME,
    ModelLocation,
    ModelProblem,
    candidate_dirs,
    check_model_dir,
    load_failure_advice,
    load_vosk_model,
    locate_model,
    user_models_dir,
    write_manifest,
)

FST_MAGIC = b"\xd6\xfd\xb2\x7e"


def fake_model_files() -> dict[str, bytes]:
    """A tiny tree shaped like the French small model; Vosk could not decode with it."""
    return {
        "README": b"French small model for tests\n",
        "am/final.mdl": b"\x00B<TransitionModel> " + bytes(range(256)) * 4,
        "conf/mfcc.conf": b"--use-energy=false\n--sample-frequency=16000\n",
        "conf/model.conf": b"--min-active=200\n--max-active=3000\n--beam=10.0\n",
        "graph/HCLr.fst": FST_MAGIC + b"\x10\x00\x00\x00olabel_lookahead" + bytes(300),
        "graph/Gr.fst": FST_MAGIC + b"\x05\x00\x00\x00ngram" + bytes(range(200)),
        "graph/disambig_tid.int": b"11887\n11888\n",
        "graph/phones/word_boundary.int": b"1 nonword\n2 begin\n",
        "ivector/final.ie": b"\x00B<IvectorExtractor> " + bytes(64),
        "ivector/splice.conf": b"--left-context=3\n--right-context=3\n",
    }


def make_fake_model(folder: Path) -> Path:
    for name, data in fake_model_files().items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def problem_text(path: Path) -> str:
    with pytest.raises(ModelProblem) as caught:
        check_model_dir(path)
    return str(caught.value)


def test_candidates_in_order_option_env_project_user(tmp_path: Path) -> None:
    found = candidate_dirs(
        tmp_path / "cli", {"MEMO_VOCAL_MODELE": str(tmp_path / "env")}, tmp_path / "p", tmp_path
    )
    assert found == [
        (tmp_path / "cli", "option --modele"),
        (tmp_path / "env", "variable MEMO_VOCAL_MODELE"),
        (tmp_path / "p" / "models" / MODEL_NAME, "dossier du projet"),
        (tmp_path / "models" / MODEL_NAME, "dossier de l'utilisateur"),
    ]


def test_empty_environment_variable_is_ignored(tmp_path: Path) -> None:
    found = candidate_dirs(None, {"MEMO_VOCAL_MODELE": "  "}, tmp_path, tmp_path / "u")
    assert [source for _, source in found] == ["dossier du projet", "dossier de l'utilisateur"]


def test_user_models_dir_is_named_after_the_program() -> None:
    assert user_models_dir().name == "models"
    assert user_models_dir().parent.name == "memo-vocal"


@pytest.fixture
def places(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "cli": tmp_path / "cli" / MODEL_NAME,
        "env": tmp_path / "env" / MODEL_NAME,
        "project": tmp_path / "project" / "models" / MODEL_NAME,
        "user": tmp_path / "user" / "models" / MODEL_NAME,
    }
    for path in paths.values():
        path.mkdir(parents=True)
        make_fake_model(path)
    return paths


def locate(places: dict[str, Path], cli: bool = False, env: bool = False) -> ModelLocation:
    return locate_model(
        cli_path=places["cli"] if cli else None,
        environ={"MEMO_VOCAL_MODELE": str(places["env"])} if env else {},
        project_dir=places["project"].parent.parent,
        user_data_dir=places["user"].parent.parent,
    )


def test_option_wins_over_everything(places: dict[str, Path]) -> None:
    assert locate(places, cli=True, env=True) == ModelLocation(places["cli"], "option --modele")


def test_environment_wins_over_folders(places: dict[str, Path]) -> None:
    assert locate(places, env=True) == ModelLocation(places["env"], "variable MEMO_VOCAL_MODELE")


def test_project_folder_before_user_folder(places: dict[str, Path]) -> None:
    assert locate(places) == ModelLocation(places["project"], "dossier du projet")


def test_user_folder_last(places: dict[str, Path]) -> None:
    shutil.rmtree(places["project"])
    assert locate(places) == ModelLocation(places["user"], "dossier de l'utilisateur")


def test_wrong_option_is_an_error_not_a_fall_through(places: dict[str, Path]) -> None:
    (places["cli"] / "am" / "final.mdl").unlink()
    with pytest.raises(ModelProblem) as caught:
        locate(places, cli=True, env=True)
    assert str(caught.value).startswith("Le modèle indiqué par l'option --modele ne convient pas.")
    assert "il manque am/final.mdl" in str(caught.value)


def test_wrong_environment_variable_is_an_error(places: dict[str, Path], tmp_path: Path) -> None:
    places["env"] = tmp_path / "nulle-part"
    with pytest.raises(ModelProblem) as caught:
        locate(places, env=True)
    assert str(caught.value).startswith(
        "Le modèle indiqué par la variable MEMO_VOCAL_MODELE ne convient pas."
    )
    assert f"n'existe pas : {tmp_path / 'nulle-part'}" in str(caught.value)


def test_half_copied_project_model_is_skipped_for_a_good_user_one(
    places: dict[str, Path],
) -> None:
    (places["project"] / "graph" / "Gr.fst").write_bytes(b"")
    assert locate(places).source == "dossier de l'utilisateur"


def test_half_copied_project_model_alone_is_reported(places: dict[str, Path]) -> None:
    (places["project"] / "graph" / "Gr.fst").write_bytes(b"")
    shutil.rmtree(places["user"])
    with pytest.raises(ModelProblem) as caught:
        locate(places)
    assert "le fichier graph/Gr.fst est vide" in str(caught.value)


def test_nothing_found_says_how_to_get_it(tmp_path: Path) -> None:
    with pytest.raises(ModelProblem) as caught:
        locate_model(None, {}, tmp_path / "projet", tmp_path / "utilisateur")
    message = str(caught.value)
    assert "introuvable" in message
    assert "memo-vocal telecharger-modele" in message
    assert "clé USB" in message
    assert message.endswith(str(tmp_path / "projet" / "models" / MODEL_NAME))


def test_fake_model_passes(tmp_path: Path) -> None:
    check_model_dir(make_fake_model(tmp_path))


def test_korean_model_passes(korean_model_dir: Path) -> None:
    check_model_dir(korean_model_dir)


def test_missing_folder(tmp_path: Path) -> None:
    assert problem_text(tmp_path / "absent") == (
        f"Le dossier du modèle n'existe pas : {tmp_path / 'absent'}\n"
        "Vérifiez le chemin, ou tapez : memo-vocal telecharger-modele"
    )


def test_a_file_is_not_a_folder(tmp_path: Path) -> None:
    (tmp_path / "modele.zip").write_bytes(b"PK")
    assert "est un fichier, pas un dossier" in problem_text(tmp_path / "modele.zip")


def test_empty_folder(tmp_path: Path) -> None:
    assert problem_text(tmp_path).startswith(f"Le dossier du modèle est vide : {tmp_path}\n")


def test_folder_without_graph_is_not_a_model(tmp_path: Path) -> None:
    make_fake_model(tmp_path)
    (tmp_path / "graph" / "HCLr.fst").unlink()
    assert "il manque graph/HCLG.fst (ou graph/HCLr.fst avec graph/Gr.fst)" in problem_text(
        tmp_path
    )


def test_zero_size_file_is_a_partial_copy(tmp_path: Path) -> None:
    make_fake_model(tmp_path)
    (tmp_path / "ivector" / "splice.conf").write_bytes(b"")
    text = problem_text(tmp_path)
    assert "incomplet ou abîmé : le fichier ivector/splice.conf est vide." in text
    assert "recopiez-le entièrement depuis la clé USB" in text


def test_file_that_is_not_an_fst(tmp_path: Path) -> None:
    make_fake_model(tmp_path)
    (tmp_path / "graph" / "Gr.fst").write_bytes(b"<html>Wi-Fi de la bibliotheque</html>")
    assert "le fichier graph/Gr.fst n'a pas le bon format" in problem_text(tmp_path)


def test_unfinished_installation_marker(tmp_path: Path) -> None:
    make_fake_model(tmp_path)
    (tmp_path / INCOMPLETE_MARKER).write_bytes(b"")
    assert "son installation n'est pas terminée" in problem_text(tmp_path)


def test_truncated_file_detected_by_the_manifest(tmp_path: Path) -> None:
    make_fake_model(tmp_path)
    write_manifest(tmp_path)
    check_model_dir(tmp_path)
    data = (tmp_path / "am" / "final.mdl").read_bytes()
    (tmp_path / "am" / "final.mdl").write_bytes(data[:-1])
    assert "le fichier am/final.mdl est tronqué" in problem_text(tmp_path)


def test_file_missing_from_the_manifest(tmp_path: Path) -> None:
    make_fake_model(tmp_path)
    write_manifest(tmp_path)
    (tmp_path / "graph" / "disambig_tid.int").unlink()
    assert "le fichier graph/disambig_tid.int manque" in problem_text(tmp_path)


def test_model_one_level_too_deep(tmp_path: Path) -> None:
    inner = tmp_path / MODEL_NAME / MODEL_NAME
    inner.mkdir(parents=True)
    make_fake_model(inner)
    text = problem_text(tmp_path / MODEL_NAME)
    assert text.startswith(f"Le modèle se trouve un niveau plus bas, dans : {inner}\n")


def linked_copy(source: Path, target: Path) -> Path:
    """The Korean model by symbolic links, so one file can be damaged cheaply."""
    for file in source.rglob("*"):
        if file.is_file():
            link = target / file.relative_to(source)
            link.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(file, link)
    return target


def test_korean_model_loads(korean_model_dir: Path) -> None:
    model = load_vosk_model(korean_model_dir)
    assert type(model).__name__ == "Model"


def test_damaged_acoustic_model_gives_french_message(
    korean_model_dir: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    broken = linked_copy(korean_model_dir, tmp_path / "ko")
    (broken / "am" / "final.mdl").unlink()
    (broken / "am" / "final.mdl").write_bytes(b"\x00B<TransitionModel> pas un vrai modele")
    with pytest.raises(ModelProblem) as caught:
        load_vosk_model(broken)
    assert str(caught.value) == (
        f"Le modèle du dossier {broken} n'a pas pu être chargé : il est sans doute abîmé.\n"
        "Supprimez ce dossier puis tapez : memo-vocal telecharger-modele"
    )
    assert "Failed to create a model" in caught.value.detail
    assert "ERROR (VoskAPI" in caught.value.detail  # Kaldi's line was kept for the log...
    assert caught.value.__cause__ is None
    assert "ERROR" not in capfd.readouterr().err  # ...and off the user's screen.


def test_truncated_graph_refused_at_load_not_at_first_use(
    korean_model_dir: Path, tmp_path: Path
) -> None:
    broken = linked_copy(korean_model_dir, tmp_path / "ko")
    (broken / "graph" / "HCLr.fst").unlink()
    with (korean_model_dir / "graph" / "HCLr.fst").open("rb") as whole:
        (broken / "graph" / "HCLr.fst").write_bytes(whole.read(1_000_000))
    with pytest.raises(ModelProblem) as caught:
        load_vosk_model(broken)
    assert "n'a pas pu être chargé" in str(caught.value)
    assert "Failed to create a recognizer" in caught.value.detail


def test_windows_path_with_accents_gets_specific_advice() -> None:
    advice = load_failure_advice(Path("C:/Users/Hélène/models") / MODEL_NAME, "win32")
    assert "ni accent" in advice
    assert load_failure_advice(Path("/home/hélène"), "linux") == (
        "Supprimez ce dossier puis tapez : memo-vocal telecharger-modele"
    )
