"""Keys to commands, as a person at the keyboard presses them."""

from __future__ import annotations

import pytest

from assistant.conversation.commands import Command, CommandName
from assistant.events import KeyboardEvent
from assistant.frontends.keyboard import (
    BACKSPACE,
    ENTER,
    ESCAPE,
    LEFT,
    RIGHT,
    SPACE,
    UP,
    KeyTranslator,
)

PROCEDURES = ["connexion", "paiements", "releves", "a", "b", "c", "d", "e", "f", "g", "h", "i"]


def press_all(keys: list[str]) -> list[KeyboardEvent]:
    translator = KeyTranslator(PROCEDURES)
    events: list[KeyboardEvent] = []
    for key in keys:
        events.extend(translator.press(key))
    return events


@pytest.mark.parametrize(
    ("key", "name"),
    [
        (ENTER, CommandName.NEXT),
        (SPACE, CommandName.NEXT),
        (RIGHT, CommandName.NEXT),
        (LEFT, CommandName.PREVIOUS),
        ("r", CommandName.REPEAT),
        ("R", CommandName.REPEAT),
        ("m", CommandName.MENU),
        ("M", CommandName.MENU),
        ("h", CommandName.HELP),
        ("H", CommandName.HELP),
        ("?", CommandName.HELP),
    ],
)
def test_single_keys_act_at_once(key: str, name: CommandName) -> None:
    assert press_all([key]) == [KeyboardEvent(Command(name))]


def test_procedure_number_then_enter_is_sent_as_a_number_for_the_core() -> None:
    # The core opens the menu's procedure 2, or takes 2 as the answer to its question.
    assert press_all(["2", ENTER]) == [
        KeyboardEvent(Command(CommandName.OPEN_PROCEDURE, step_number=2))
    ]
    assert press_all(["1", "2", ENTER]) == [
        KeyboardEvent(Command(CommandName.OPEN_PROCEDURE, step_number=12))
    ]


def test_number_out_of_range_goes_to_the_command_layer() -> None:
    assert press_all(["4", "0", ENTER]) == [KeyboardEvent(text="40")]


def test_typed_french_command_is_sent_whole_even_after_a_shortcut_letter() -> None:
    keys = [*list("mes"), SPACE, *list("paiements"), ENTER]
    assert press_all(keys) == [
        KeyboardEvent(Command(CommandName.MENU)),
        KeyboardEvent(text="mes paiements"),
    ]


def test_enter_after_a_shortcut_letter_means_next() -> None:
    assert press_all(["r", ENTER]) == [
        KeyboardEvent(Command(CommandName.REPEAT)),
        KeyboardEvent(Command(CommandName.NEXT)),
    ]


def test_backspace_and_escape_edit_the_typed_line() -> None:
    assert press_all([*list("suivx"), BACKSPACE, *list("ant"), ENTER]) == [
        KeyboardEvent(text="suivant")
    ]
    assert press_all([*list("abc"), ESCAPE, ENTER]) == [KeyboardEvent(Command(CommandName.NEXT))]


def test_arrows_inside_a_typed_line_do_not_move_in_the_memo() -> None:
    assert press_all(["a", LEFT, RIGHT, UP]) == []


def test_control_characters_are_ignored() -> None:
    assert press_all(["\x01", "\x07"]) == []
