"""The memo loader: a valid memo loads exactly; odd files, odd YAML and Python tags get
problems, never a crash. The broken memos of tests/broken_guides: test_broken_guides.py."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
import yaml

from assistant.conversation import understanding
from assistant.conversation.guide import Guide, Procedure, Step
from assistant.guides.loader import GuideError, GuideProblem, check_guide_file, load_guide

BROKEN = Path(__file__).resolve().parent / "broken_guides"


VALID_MEMO = """\
# Un mémo minimal, comme en écrirait une bibliothécaire.
titre: Ameli pas à pas
introduction: >
  Ce mémo vous guide
  sur le site ameli.
procedures:
  - id: paiements
    titre: Mes paiements
    phrases:
      - mes paiements
      - "Mes remboursements"
    etapes:
      - dire: Ouvrez le site ameli.
        epeler: ameli.fr
        ecran: La page d'accueil d'ameli.
      - dire: Tapez votre mot de passe.
        expliquer: Il est personnel.
        secret: oui
  - id: attestation_2
    titre: Mon attestation
    phrases: [mon attestation]
    etapes:
      - dire: "Cliquez sur : Attestation."
        secret: true
      - dire: Téléchargez-la.
        secret: non
"""

EXPECTED_GUIDE = Guide(
    title="Ameli pas à pas",
    introduction="Ce mémo vous guide sur le site ameli.",
    procedures=(
        Procedure(
            id="paiements",
            title="Mes paiements",
            phrases=("mes paiements", "Mes remboursements"),
            steps=(
                Step(
                    say="Ouvrez le site ameli.",
                    screen="La page d'accueil d'ameli.",
                    spell="ameli.fr",
                ),
                Step(say="Tapez votre mot de passe.", explain="Il est personnel.", secret=True),
            ),
        ),
        Procedure(
            id="attestation_2",
            title="Mon attestation",
            phrases=("mon attestation",),
            steps=(
                Step(say="Cliquez sur : Attestation.", secret=True),
                Step(say="Téléchargez-la."),
            ),
        ),
    ),
)


class Tripwire:
    """Counts its constructions: a memo tag naming it must never build one."""

    built = 0

    def __new__(cls) -> Tripwire:
        cls.built += 1
        return super().__new__(cls)


def write(directory: Path, text: str, name: str = "memo.yaml") -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_memo_loads_into_the_exact_dataclasses(tmp_path: Path) -> None:
    path = write(tmp_path, VALID_MEMO)
    assert check_guide_file(path) == []
    assert load_guide(path) == EXPECTED_GUIDE


def test_byte_order_mark_from_windows_editors_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID_MEMO.encode("utf-8"))
    assert load_guide(path) == EXPECTED_GUIDE


def test_python_tags_are_refused_and_never_constructed() -> None:
    path = BROKEN / "python_tag.yaml"
    tripwire = sys.modules[Tripwire.__module__].Tripwire
    # The same file really builds the object with PyYAML's unsafe loader: the test can fail.
    assert isinstance(yaml.unsafe_load(path.read_text(encoding="utf-8"))["introduction"], tripwire)
    built_before = tripwire.built
    problems = check_guide_file(path)
    with pytest.raises(GuideError):
        load_guide(path)
    assert tripwire.built == built_before
    assert [problem.line for problem in problems] == [2, 9]


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.yaml"
    assert check_guide_file(path) == [
        GuideProblem(str(path), None, "ce fichier n'existe pas : vérifiez son nom et son dossier.")
    ]


def test_directory_instead_of_file(tmp_path: Path) -> None:
    [problem] = check_guide_file(tmp_path)
    assert (problem.line, problem.message) == (None, "c'est un dossier, pas un fichier de mémo.")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="pas de tube nommé sous Windows")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "tube.yaml"
    os.mkfifo(pipe)
    [problem] = check_guide_file(pipe)
    assert (problem.line, problem.message) == (None, "ce n'est pas un fichier ordinaire.")


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, VALID_MEMO)
    if os.name == "nt" or os.geteuid() == 0:
        # root reads any file whatever its mode, and Windows ignores it: only simulated there.
        def refuse(self: Path) -> bytes:
            raise PermissionError(13, "Permission denied", str(self))

        monkeypatch.setattr(Path, "read_bytes", refuse)
    else:
        path.chmod(0)
    [problem] = check_guide_file(path)
    assert (problem.line, problem.message) == (
        None,
        "ce fichier ne peut pas être lu : l'accès est refusé.",
    )


def test_comments_only(tmp_path: Path) -> None:
    [problem] = check_guide_file(write(tmp_path, "# titre: à écrire\n\n"))
    assert (problem.line, problem.message) == (
        None,
        "ce fichier ne contient que des commentaires, aucun mémo.",
    )


def test_deep_nesting_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    [problem] = check_guide_file(write(tmp_path, "titre: " + "[" * 5000 + "]" * 5000))
    assert "imbriqué trop profondément" in problem.message


def test_invisible_control_character_is_located(tmp_path: Path) -> None:
    [problem] = check_guide_file(write(tmp_path, "titre: Ameli\nintroduction: a\x07b\n"))
    assert problem.line == 2
    assert "caractère invisible interdit" in problem.message


def test_aliases_are_followed_without_expanding(tmp_path: Path) -> None:
    # An alias bomb: every level names the one above nine times.
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    text = "\n".join(levels) + "\ntitre: Ameli\nintroduction: Bonjour.\nprocedures: *a8\n"
    problems = check_guide_file(write(tmp_path, text))
    messages = [problem.message for problem in problems]
    assert sum("clé inconnue « a" in message for message in messages) == 9
    # Each of the nine procedures is the list `a7`, reported once per place, never unfolded.
    assert sum(message.endswith("pas une liste.") for message in messages) == 9
    assert len(messages) == 18


def test_an_internal_bug_still_becomes_a_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A bug cannot be produced on purpose in correct code, so one is planted here.
    def broken_normalize(text: str) -> str:
        raise ValueError(text)

    monkeypatch.setattr(understanding, "normalize", broken_normalize)
    [problem] = check_guide_file(write(tmp_path, VALID_MEMO))
    assert problem.line is None
    assert "erreur interne (ValueError)" in problem.message
