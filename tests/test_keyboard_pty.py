"""The keyboard never traps anyone: the real program in a real pseudo-terminal.

Each test sends bytes as a terminal sends them: a fast typist's burst in one write, a paste
with bracketed-paste markers, the codes of Suppr, F-keys, arrows and terminal replies.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pty_app import PtyApp

WELCOME_END = "Les démarches"
PAYMENTS_STEP_1 = "Mes paiements et remboursements — étape 1 sur"
FIRST_STEP_1 = "À quoi sert le site ameli — étape 1 sur"
FIRST_STEP_2 = "À quoi sert le site ameli — étape 2 sur"
NOT_UNDERSTOOD = "Je n'ai pas compris"


@pytest.fixture
def app(tmp_path: Path) -> Iterator[PtyApp]:
    running = PtyApp(home=tmp_path)
    running.expect(WELCOME_END)
    yield running
    running.close()


def test_a_burst_of_letters_and_enter_loses_nothing(app: PtyApp) -> None:
    app.send(b"suivant\r")
    shown = app.expect(FIRST_STEP_1)
    assert NOT_UNDERSTOOD not in shown


def test_a_number_and_enter_sent_together_open_the_procedure(app: PtyApp) -> None:
    app.send(b"3\r")
    app.expect(PAYMENTS_STEP_1)


def test_a_bracketed_paste_is_typed_text_not_shortcuts(app: PtyApp) -> None:
    app.send(b"\x1b[200~mes paiements\x1b[201~")
    app.send(b"\r")
    shown = app.expect(PAYMENTS_STEP_1)
    assert NOT_UNDERSTOOD not in shown


def test_a_paste_ending_with_a_new_line_is_sent(app: PtyApp) -> None:
    app.send(b"\x1b[200~3\n\x1b[201~")
    app.expect(PAYMENTS_STEP_1)


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(b"\x1b[3~", id="suppr"),
        pytest.param(b"\x1b[6n", id="cursor-query"),
        pytest.param(b"\x1b[12;40R", id="cursor-report"),
        pytest.param(b"\x1bOP", id="F1"),
        pytest.param(b"\x1b[15~", id="F5"),
        pytest.param(b"\x1b[1;5H", id="ctrl-home"),
    ],
)
def test_terminal_codes_are_not_commands(app: PtyApp, code: bytes) -> None:
    app.send(b"\r")
    app.expect(FIRST_STEP_1)
    app.send(code)
    app.send(b"\r")
    shown = app.expect(FIRST_STEP_2)
    assert NOT_UNDERSTOOD not in shown
    assert "étape 3 sur" not in shown.casefold()


def test_arrows_move_through_the_steps(app: PtyApp) -> None:
    app.send(b"\x1b[C")
    app.expect(FIRST_STEP_1)
    app.send(b"\x1b[C")
    app.expect(FIRST_STEP_2)
    app.send(b"\x1b[D")
    app.expect(FIRST_STEP_1)


def test_menu_key_then_number_then_enter(app: PtyApp) -> None:
    app.send(b"m")
    app.expect(WELCOME_END)
    app.send(b"3")
    app.send(b"\r")
    shown = app.expect(PAYMENTS_STEP_1)
    assert NOT_UNDERSTOOD not in shown


def test_repeat_key_then_typing_quit_lets_the_person_leave(app: PtyApp) -> None:
    app.send(b"r")
    app.expect(WELCOME_END)
    app.send(b"quitter")
    app.send(b"\r")
    app.expect("Voulez-vous vraiment quitter")
    app.send(b"oui\r")
    app.expect("Au revoir")
    assert app.wait_end() == 0


def test_the_typed_line_is_shown_with_how_to_send_or_clear_it(app: PtyApp) -> None:
    app.send(b"mes pai")
    app.expect("> es pai")
    assert "Tapez une phrase puis Entrée. Échap pour effacer." in app.text
    app.send(b"\x1b")
    app.send(b"\x1b[C")
    app.expect(FIRST_STEP_1)


def test_keyboard_mode_tells_keys_not_words(app: PtyApp) -> None:
    app.expect("Tapez le numéro, puis Entrée.")  # the welcome may still be arriving
    assert "Dites" not in app.text
    app.send(b"h")
    shown = app.expect("Q : arrêter")
    assert "Entrée : " in shown
    assert "M : " in shown
    assert "Dites" not in shown
