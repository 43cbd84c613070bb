"""The broken memos of tests/broken_guides: each gets every problem expected, with its line,
as one French sentence per problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.guides.loader import GuideError, GuideProblem, check_guide_file, load_guide

BROKEN = Path(__file__).resolve().parent / "broken_guides"


# Each file in tests/broken_guides with every problem expected in it: (line, words in the message).
EXPECTED_PROBLEMS: dict[str, list[tuple[int | None, str]]] = {
    "bad_id.yaml": [
        (4, "l'identifiant « Mes-Paiements » de la procédure « Mes paiements » ne doit")
    ],
    "command_phrase.yaml": [
        (8, "la phrase « suivant » de « Mes paiements » est déjà une commande (suivant)"),
        (9, "la phrase « étape 3 » de « Mes paiements » est déjà une commande (aller à une étape)"),
        (13, "le titre de la procédure « Aide » est déjà une commande (aide)"),
    ],
    "duplicate_id.yaml": [(10, "« paiements » de la procédure « Mes remboursements » est déjà")],
    "duplicate_key.yaml": [
        (
            10,
            "la clé « dire » apparaît deux fois dans l'étape 1 de « Mes paiements » (déjà ligne 9)",
        ),
        (11, "la clé « titre » apparaît deux fois dans le haut du mémo (déjà ligne 1)"),
    ],
    "duplicate_phrase.yaml": [
        (
            14,
            "la phrase « Remboursements ! » de « Mes remboursements » "
            "désigne déjà « Mes paiements » (ligne 8)",
        )
    ],
    "empty.yaml": [(None, "ce fichier est vide")],
    "empty_lists.yaml": [
        (6, "la procédure « Mes paiements » n'a aucune phrase pour la demander (clé « phrases »)"),
        (7, "la procédure « Mes paiements » n'a aucune étape (clé « etapes »)"),
    ],
    "empty_texts.yaml": [
        (2, "le mémo n'a pas d'introduction (clé « introduction »)"),
        (8, "la phrase 2 de « Mes paiements » est vide"),
        (9, "la phrase « ?! » de « Mes paiements » ne contient aucun mot"),
        (11, "l'étape 1 de « Mes paiements » n'a pas de texte à dire (clé « dire »)"),
        (12, "l'étape 2 de « Mes paiements » n'a pas de texte à dire (clé « dire »)"),
        (14, "dans l'étape 3 de « Mes paiements », « expliquer » est vide"),
    ],
    "missing_fields.yaml": [
        (2, "le mémo n'a pas de titre (clé « titre »)"),
        (4, "la procédure n° 1 n'a pas de titre (clé « titre »)"),
        (4, "la procédure n° 1 n'a aucune phrase"),
        (7, "l'étape 2 de la procédure n° 1 n'a pas de texte à dire (clé « dire »)"),
    ],
    "no_procedures.yaml": [(3, "le mémo n'a aucune procédure (clé « procedures »)")],
    "not_a_mapping.yaml": [(1, "le mémo doit être un groupe de clés")],
    "not_utf8.yaml": [(None, "n'est pas enregistré en UTF-8")],
    "python_tag.yaml": [
        (2, "l'étiquette « !!python/object/new:tests.test_guide_loader.Tripwire » n'est pas"),
        (9, "l'étiquette « !!python/object/apply:os.getcwd » n'est pas autorisée"),
    ],
    "secret_not_yes_no.yaml": [
        (10, "dans l'étape 1 de « Me connecter », « secret » doit valoir oui ou non (true/false)")
    ],
    "several_problems.yaml": [
        (2, "le mémo n'a pas d'introduction"),
        (8, "la phrase « menu » de « Mes paiements » est déjà une commande (menu)"),
        (11, "« secret » doit valoir oui ou non"),
        (12, "l'étape 2 de « Mes paiements » n'a pas de texte à dire"),
        (13, "l'identifiant « paiements » de la procédure « Mes remboursements » est déjà"),
        (
            16,
            "la phrase « Mes paiements » de « Mes remboursements » désigne déjà « Mes paiements »",
        ),
        (17, "clé inconnue « etape » dans la procédure « Mes remboursements » : vouliez-vous dire"),
        (21, "la clé « titre » apparaît deux fois dans la procédure « Mon attestation »"),
        (25, "« dire » doit être du texte, pas un nombre (si c'est du texte, mettez-le entre"),
        (26, "un texte ne peut pas commencer par « ! »"),
    ],
    "syntax_colon.yaml": [(9, "un deux-points « : » est mal placé")],
    "syntax_quote.yaml": [(2, "un guillemet ouvert ici n'est jamais fermé (colonne 15)")],
    "syntax_tab.yaml": [(5, "une tabulation est utilisée : remplacez-la par des espaces")],
    "two_documents.yaml": [(3, "le fichier contient plusieurs mémos séparés par « --- »")],
    "unknown_keys.yaml": [
        (
            8,
            "clé inconnue « etape » dans la procédure « Mes paiements » : "
            "vouliez-vous dire « etapes » ?",
        ),
        (10, "clé inconnue « expliqer » dans l'étape 1 de « Mes paiements » : vouliez-vous dire"),
        (12, "écrivez la clé « Titre » sans accent ni majuscule : « titre »"),
        (15, "écrivez la clé « étapes » sans accent ni majuscule : « etapes »"),
        (
            17,
            "la clé « dire » n'a pas sa place dans la procédure « Mon attestation » : elle va dans",
        ),
        (18, "clé inconnue « couleur » dans la procédure « Mon attestation » : les clés possibles"),
    ],
    "phrase_routes_elsewhere.yaml": [
        (17, "la phrase « paiements » de « Mes relevés mensuels » ouvre « Mes paiements »"),
    ],
    "phrases_collide_without_determiners.yaml": [
        (16, "la phrase « paiements » de « Mes relevés mensuels » ouvre « Mes paiements »"),
        (
            16,
            "la phrase « paiements » de « Mes relevés mensuels » et la phrase « mes paiements » "
            "de « Mes paiements » (ligne 8) sont les mêmes mots, sans « le », « mes »",
        ),
    ],
    "word_everywhere.yaml": [
        (9, "le mot « compte bancaire » de « Mes paiements » est dans 4 procédures"),
        (15, "le mot « compte bancaire » de « Mes relevés mensuels » est dans 4 procédures"),
        (21, "« compte bancaire » de « Changer de coordonnées bancaires » est dans 4 procédures"),
        (21, "le mot « nouveau » de « Changer de coordonnées bancaires » n'est jamais pris en"),
        (27, "le mot « compte bancaire » de « Changer d'adresse » est dans 4 procédures"),
    ],
    "wrong_types.yaml": [
        (1, "« titre » doit être du texte, pas un nombre"),
        (6, "« phrases » doit être une liste, pas du texte"),
        (8, "dans l'étape 1 de « Mes paiements », « dire » doit être du texte, pas une liste"),
        (9, "l'étape 2 de « Mes paiements » doit commencer par « dire: »"),
        (12, "« ecran » doit être du texte, pas un groupe de clés"),
        (
            13,
            "la procédure n° 2 doit être un groupe de clés (id, titre, phrases, mots, etapes)",
        ),
    ],
}


def test_every_broken_memo_is_in_the_table() -> None:
    assert sorted(path.name for path in BROKEN.glob("*.yaml")) == sorted(EXPECTED_PROBLEMS)


@pytest.mark.parametrize("name", sorted(EXPECTED_PROBLEMS))
def test_broken_memo_gives_every_expected_problem(name: str) -> None:
    path = BROKEN / name
    problems = check_guide_file(path)
    found = [(problem.line, problem.message) for problem in problems]
    expected = EXPECTED_PROBLEMS[name]
    assert len(found) == len(expected), found
    for (line, message), (expected_line, words) in zip(found, expected, strict=True):
        assert line == expected_line, (message, words)
        assert words in message
        assert message.endswith((".", "?")) and "Error" not in message and "yaml" not in message
    assert all(problem.file == str(path) for problem in problems)


@pytest.mark.parametrize("path", sorted(BROKEN.glob("*.yaml")), ids=lambda path: path.name)
def test_loading_a_broken_memo_raises_only_guide_error(path: Path) -> None:
    with pytest.raises(GuideError) as caught:
        load_guide(path)
    assert list(caught.value.problems) == check_guide_file(path)
    assert str(caught.value).splitlines() == [str(p) for p in caught.value.problems]


def test_problem_reads_as_file_line_and_sentence() -> None:
    problem = GuideProblem(
        "guides/caf.yaml",
        12,
        "l'étape 3 de « Mes aides » n'a pas de texte à dire (clé « dire »).",
    )
    assert str(problem) == (
        "guides/caf.yaml, ligne 12 : l'étape 3 de « Mes aides » n'a pas de texte à dire "
        "(clé « dire »)."
    )
    assert str(GuideProblem("caf.yaml", None, "ce fichier est vide.")) == (
        "caf.yaml : ce fichier est vide."
    )
    error = GuideError([problem, GuideProblem("caf.yaml", None, "ce fichier est vide.")])
    assert str(error) == f"{problem}\ncaf.yaml : ce fichier est vide."
