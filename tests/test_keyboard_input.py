"""Keys to commands, as a person at the keyboard presses them."""

from __future__ import annotations

import pytest

from assistant.conversation.commands import Command, CommandName
from assistant.conversation.understanding import Understanding
from assistant.events import KeyboardEvent
from assistant.frontends.keyboard import (
    BACKSPACE,
    DELETE,
    ENTER,
    ESCAPE,
    LEFT,
    RIGHT,
    SPACE,
    UP,
    Key,
    KeyTranslator,
    Pasted,
)
from assistant.frontends.terminal_keys import KeyParser
from assistant.guides.loader import load_guide
from tests.conftest import PROJECT_DIR

PROCEDURES = ["connexion", "paiements", "releves", "a", "b", "c", "d", "e", "f", "g", "h", "i"]


def press_all(keys: list[Key]) -> list[KeyboardEvent]:
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


def test_a_shortcut_acts_only_on_an_empty_line_and_is_not_kept() -> None:
    assert press_all(["m", "3", ENTER]) == [
        KeyboardEvent(Command(CommandName.MENU)),
        KeyboardEvent(Command(CommandName.OPEN_PROCEDURE, step_number=3)),
    ]
    assert press_all(["a", "m", ENTER]) == [KeyboardEvent(text="am")]


def press_with_understanding(keys: list[Key]) -> list[KeyboardEvent]:
    guide = load_guide(PROJECT_DIR / "guides" / "ameli.yaml")
    translator = KeyTranslator([p.id for p in guide.procedures], Understanding(guide).understand)
    return [event for key in keys for event in translator.press(key)]


def test_a_word_starting_with_a_shortcut_letter_still_works_once() -> None:
    assert press_with_understanding(["r", *list("quitter"), ENTER]) == [
        KeyboardEvent(Command(CommandName.REPEAT)),
        KeyboardEvent(Command(CommandName.QUIT)),
    ]
    assert press_with_understanding([*list("menu"), ENTER]) == [
        KeyboardEvent(Command(CommandName.MENU))
    ]
    assert press_with_understanding([*list("mes"), SPACE, *list("paiements"), ENTER]) == [
        KeyboardEvent(Command(CommandName.MENU)),
        KeyboardEvent(text="mes paiements"),
    ]


def test_a_paste_is_typed_even_when_it_starts_with_a_shortcut_letter() -> None:
    assert press_all([Pasted("mes paiements"), ENTER]) == [KeyboardEvent(text="mes paiements")]
    assert press_all([Pasted("3\nsuivant\n")]) == [
        KeyboardEvent(Command(CommandName.OPEN_PROCEDURE, step_number=3)),
        KeyboardEvent(text="suivant"),
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


@pytest.mark.parametrize(
    ("data", "keys"),
    [
        (b"suivant\r", [*"suivant", ENTER]),
        (b"3\r", ["3", ENTER]),
        (b"\x1b[C\x1b[D\x1b[A\x1b[B", [RIGHT, LEFT, UP, "down"]),
        (b"\x1bOC\x1b[1;5C", [RIGHT, RIGHT]),
        (b"\x1b[3~", [DELETE]),
        (b"\x1b[6n\x1b[12;40R\x1bOP\x1b[15~\x1b[1;5H", []),
        (b"\x1b[200~mes paiements\x1b[201~\r", [Pasted("mes paiements"), ENTER]),
        ("é".encode(), ["é"]),
        (b"\x7f", [BACKSPACE]),
    ],
)
def test_parser_reads_every_byte_once(data: bytes, keys: list[Key]) -> None:
    assert KeyParser().feed(data) == keys


def test_parser_waits_for_a_sequence_cut_between_reads() -> None:
    parser = KeyParser()
    assert [parser.feed(data) for data in (b"\x1b", b"[", b"3", b"~")] == [[], [], [], [DELETE]]
    assert not parser.waiting
    for data in (b"\x1b[20", b"0~mes \xc3", b"\xa9t\x1b[2", b"01~"):
        keys = parser.feed(data)
    assert keys == [Pasted("mes ét")]


def test_a_lone_escape_is_the_escape_key() -> None:
    parser = KeyParser()
    assert parser.feed(b"\x1b") == []
    assert parser.waiting
    assert parser.flush() == [ESCAPE]
    assert parser.feed(b"\x1bx") == [ESCAPE, "x"]
