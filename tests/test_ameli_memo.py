"""The Ameli memo against its paper source, and the rules every memo in guides/ must follow.

The paper memo (« Mémo Ameli », OCR text with its screenshots described in words) is not
shipped: its procedures are restated below as the words a faithful memo must contain.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.conversation.guide import Guide, Procedure, Step
from assistant.guides.loader import GuideError, load_guide

GUIDES_DIR = Path(__file__).resolve().parent.parent / "guides"
AMELI_PATH = GUIDES_DIR / "ameli.yaml"
README_PATH = GUIDES_DIR / "README.md"


def _load(path: Path) -> Guide:
    try:
        return load_guide(path)
    except GuideError as error:  # show the writer's messages, not a bare exception
        pytest.fail("\n".join(str(problem) for problem in error.problems))


@pytest.fixture(scope="module")
def ameli() -> Guide:
    return _load(AMELI_PATH)


def _normalise(text: str) -> str:
    return " ".join(text.replace("’", "'").casefold().split())


def _step_text(step: Step) -> str:
    parts = (step.say, step.explain, step.screen, step.spell)
    return _normalise(" ".join(part for part in parts if part))


def _procedure_text(procedure: Procedure) -> str:
    heading = " ".join((procedure.title, *procedure.phrases))
    return " ".join([_normalise(heading), *(_step_text(step) for step in procedure.steps)])


def _by_id(guide: Guide, procedure_id: str) -> Procedure:
    procedure = guide.procedure(procedure_id)
    assert procedure is not None, f"procédure « {procedure_id} » absente du mémo"
    return procedure


# Every section of the paper memo, with the words (regular expressions separated by « ; »,
# matched on lower-cased text) that one procedure of the memo must all contain.
SEED_SECTIONS: dict[str, str] = {
    "à quoi sert le site": (
        r"remboursements ; \bmsa\b ; \bmgen\b ; carte européenne ; europe ; "
        r"attestation de droits ; nouvelle carte vitale ; perdu"
    ),
    "se connecter": (
        r"ameli\.fr ; code postal ; « sélectionner » ; département ; (neuf|9) petits carrés ; "
        r"à droite ; « compte ameli » ; « connectez-vous » ; « créer votre compte » ; "
        r"numéro de sécurité sociale ; mot de passe ; code unique ; e-?mail|courriel ; "
        r"(6|six) mois"
    ),
    "accéder aux paiements et remboursements": (
        r"« mes paiements » ; derniers paiements ; (6|six) derniers mois ; relevés mensuels ; "
        r"27 derniers mois"
    ),
    "accéder aux relevés mensuels": r"« mes relevés mensuels » ; 27 derniers mois",
    "accéder à sa messagerie": r"page d'accueil ; messages ; « j'ai une question »",
    "récupérer une attestation de droits": (
        r"« mes documents » ; « attestation de droits » ; « sélectionnez bénéficiaire ; valide"
    ),
    "changement de situation : adresse": (
        r"« mes documents » ; « changement d'adresse » ; déménag"
    ),
    "changement de situation : coordonnées bancaires": (
        r"« mes documents » ; « modifier mes coordonnées bancaires » ; \brib\b"
    ),
    "commander une carte vitale": r"« mes documents » ; « commander une carte vitale »",
    "déclarer la perte ou le vol de la carte vitale": (
        r"« mes documents » ; « déclarer la perte ou le vol de la carte vitale »"
    ),
    "vérifier ses informations personnelles": (
        r"« mes informations » ; vérifiez ; informations sont"
    ),
    "se déconnecter": r"« déconnexion » ; déconnecté ; navigateur",
}


@pytest.mark.parametrize("section", list(SEED_SECTIONS))
def test_every_section_of_the_paper_memo_is_a_procedure(ameli: Guide, section: str) -> None:
    patterns = SEED_SECTIONS[section].split(" ; ")

    def missing(procedure: Procedure) -> list[str]:
        text = _procedure_text(procedure)
        return [pattern for pattern in patterns if not re.search(pattern, text)]

    closest = min(ameli.procedures, key=lambda procedure: len(missing(procedure)))
    assert not missing(closest), f"« {section} » : manque {missing(closest)} ({closest.id})"


def _first_step_matching(procedure: Procedure, pattern: str, start: int) -> int:
    for index in range(start, len(procedure.steps)):
        if re.search(pattern, _step_text(procedure.steps[index])):
            return index
    raise AssertionError(f"{procedure.id} : « {pattern} » absent à partir de l'étape {start + 1}")


STEP_ORDER: dict[str, str] = {
    "connexion": (
        r"navigateur ; ameli\.fr ; code postal ; « sélectionner » ; département ; petits carrés ; "
        r"« compte ameli » ; « connectez-vous » ; sécurité sociale ; mot de passe ; code unique"
    ),
    "attestation": (
        r"« mes documents » ; « attestation de droits » ; « sélectionnez bénéficiaire ; valide"
    ),
    "paiements": r"« mes paiements » ; (6|six) derniers mois ; 27 derniers mois",
    "messagerie": r"messages ; « j'ai une question »",
}


@pytest.mark.parametrize("procedure_id", list(STEP_ORDER))
def test_steps_follow_the_paper_memo_order(ameli: Guide, procedure_id: str) -> None:
    procedure = _by_id(ameli, procedure_id)
    position = 0
    for pattern in STEP_ORDER[procedure_id].split(" ; "):
        position = _first_step_matching(procedure, pattern, position)


def test_attestation_has_exactly_the_four_paper_steps(ameli: Guide) -> None:
    assert len(_by_id(ameli, "attestation").steps) == 4


def test_one_time_code_by_email_every_six_months_is_one_step(ameli: Guide) -> None:
    texts = [_step_text(step) for step in _by_id(ameli, "connexion").steps]
    assert any(
        re.search(r"(6|six) mois", t) and "code" in t and re.search(r"e-?mail|courriel", t)
        for t in texts
    )


def test_the_memo_opens_with_a_short_introduction_and_ends_with_logging_out(
    ameli: Guide,
) -> None:
    assert ameli.title == "Ameli sur tablette et smartphone"
    assert len(ameli.introduction) < 300
    assert "touchez" in _normalise(ameli.introduction)
    assert ameli.procedures[-1].id == "deconnexion"
    ids = [procedure.id for procedure in ameli.procedures]
    assert ids.index("connexion") < ids.index("paiements")


def test_logging_out_ends_by_closing_the_browser_on_a_shared_computer(ameli: Guide) -> None:
    last = _normalise(_by_id(ameli, "deconnexion").steps[-1].say)
    assert "fermez le navigateur" in last
    assert "ordinateur partagé" in last


# A step that makes the listener type one of these must warn first (`secret: true`).
SECRETS = {
    "mot de passe": r"mot de passe",
    "numéro de sécurité sociale": r"sécurité sociale",
    "coordonnées bancaires": r"coordonnées bancaires|\brib\b|\biban\b",
}


@pytest.mark.parametrize("secret", list(SECRETS))
def test_typing_a_secret_is_always_a_secret_step(ameli: Guide, secret: str) -> None:
    typing = [
        step
        for procedure in ameli.procedures
        for step in procedure.steps
        if re.search(r"\b(tapez|saisissez)\b", _normalise(step.say))
        and re.search(SECRETS[secret], _normalise(step.say))
    ]
    assert typing, f"aucune étape ne fait taper : {secret}"
    assert all(step.secret for step in typing), [s.say for s in typing if not s.secret]


def test_hard_words_are_explained(ameli: Guide) -> None:
    explanations = " ".join(
        _normalise(step.explain) for p in ameli.procedures for step in p.steps if step.explain
    )
    hard_words = "attestation ; relevé ; coordonnées bancaires ; rib ; département ; identifiant"
    for word in [*hard_words.split(" ; "), "navigateur"]:
        assert re.search(rf"\b{word}\b", explanations), word


def test_web_address_and_menu_labels_can_be_spelled(ameli: Guide) -> None:
    spelled = {step.spell for p in ameli.procedures for step in p.steps if step.spell}
    assert {"ameli.fr", "Compte ameli", "Mes documents", "Mes paiements"} <= spelled


# Built-in commands (see guides/README.md): a phrase containing one would be taken for it.
_COMMANDS = (
    "suivant précédent répète recommence menu aide pause reprends explique épelle étape oui non"
    " quitter stop d'accord ensuite continue encore pardon plus moins"
    # Also commands in assistant/vocabulary.py, and traps listed in guides/README.md:
    " quoi comment sortir fermer fin accueil retour début liste suite après avant voilà si"
)
COMMAND_WORDS = frozenset(_COMMANDS.split())
# Forms close enough to a command word to be heard as it (« aides », « expliquer »).
_STEMS = "suiv précéd répét recommen aid expliqu épel quitt continu repren termin"
COMMAND_STEMS = tuple(_STEMS.split())
COMMAND_SEQUENCES = ("où j'en suis",)


def _all_phrases(guide: Guide) -> list[tuple[str, str]]:
    return [(p.id, phrase) for p in guide.procedures for phrase in p.phrases]


def test_every_procedure_has_several_short_plain_phrases(ameli: Guide) -> None:
    for procedure in ameli.procedures:
        assert 2 <= len(procedure.phrases) <= 6, procedure.id
    for procedure_id, phrase in _all_phrases(ameli):
        assert re.fullmatch(r"[a-zàâäçéèêëîïôöùûüÿœæ']+( [a-zàâäçéèêëîïôöùûüÿœæ']+)*", phrase), (
            procedure_id,
            phrase,
        )
        assert 2 <= len(phrase.split()) <= 5, (procedure_id, phrase)


def test_no_phrase_is_shared_between_procedures(ameli: Guide) -> None:
    owners: dict[str, str] = {}
    for procedure_id, phrase in _all_phrases(ameli):
        key = _normalise(phrase)
        assert key not in owners, f"« {phrase} » : {owners[key]} et {procedure_id}"
        owners[key] = procedure_id


def test_no_phrase_contains_a_command_word(ameli: Guide) -> None:
    for procedure_id, phrase in _all_phrases(ameli):
        words = phrase.split()
        clashes = [w for w in words if w in COMMAND_WORDS or w.startswith(COMMAND_STEMS)]
        clashes += [s for s in COMMAND_SEQUENCES if s in phrase]
        assert not clashes, (procedure_id, phrase, clashes)


def test_procedure_ids_are_unique(ameli: Guide) -> None:
    ids = [procedure.id for procedure in ameli.procedures]
    assert len(ids) == len(set(ids))


# What the paper memo's screenshots showed, masked or not: none of it may reach guides/.
PRIVATE_DATA = {
    "date": (r"\b\d{1,2}/\d{1,2}/\d{2,4}\b", "Dernière connexion le 05/11/2024"),
    "montant": (r"\b\d+,\d{2}\b|€", "Paiement à un tiers 12,62€"),
    "heure": (r"\b\d{1,2}(:|h)\d{2}\b", "à 16:17"),
    "jour de paiement": (
        r"\b\d{1,2} (janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc)",
        "14 NOV",
    ),
    "mois de relevé": (
        r"\b(janvier|février|mars|avril|mai|juin|juillet|août|septembre|"
        r"octobre|novembre|décembre) \d{4}\b",
        "NOVEMBRE 2020",
    ),
    "caisse": (r"gronde|val d'oise|cpam de \w", "CPAM de GRONDE"),
    "identité": (r"né\(e\) le|\[nom|\[prénom|\[adresse|\[ville|jj/mm", "[NOM PRÉNOM] né(e) le"),
}


@pytest.mark.parametrize("kind", list(PRIVATE_DATA))
def test_private_data_patterns_catch_the_paper_memo_examples(kind: str) -> None:
    pattern, example = PRIVATE_DATA[kind]
    assert re.search(pattern, _normalise(example))


def _guide_files() -> list[Path]:
    return sorted(p for p in GUIDES_DIR.rglob("*") if p.is_file())


@pytest.mark.parametrize("path", _guide_files(), ids=lambda p: p.name)
def test_no_personal_data_anywhere_in_guides(path: Path) -> None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for kind, (pattern, _) in PRIVATE_DATA.items():
            assert not re.search(pattern, _normalise(line)), f"{path.name}:{number} {kind}: {line}"


def test_readme_example_memo_is_valid(tmp_path: Path) -> None:
    """The documentation's example is what memo writers copy: it must load as a memo."""
    blocks = re.findall(r"```yaml\n(.*?)```", README_PATH.read_text(encoding="utf-8"), re.S)
    example = tmp_path / "caf.yaml"
    example.write_text(next(block for block in blocks if "procedures:" in block), encoding="utf-8")
    guide = _load(example)
    assert len(guide.procedures) >= 2
    assert "navigateur" in _normalise(guide.procedures[-1].steps[-1].say)
    assert any(step.secret for step in guide.procedures[0].steps)
    test_no_phrase_is_shared_between_procedures(guide)
    test_no_phrase_contains_a_command_word(guide)
