"""The large-print window under a real X server (Xvfb, 1366×768): clicks, keys, screenshots.

Every command is given three ways, by voice (the phrase the recognizer writes), by a click and
by a key, from the same place, and must leave the session in the same state.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from assistant.conversation.commands import Command, CommandName
from assistant.conversation.core import Mode
from assistant.events import Heard, KeyboardEvent
from assistant.frontends import window_theme as look
from assistant.frontends.session import Memory, Session
from assistant.settings import Preferences
from tests.window_harness import AMELI, SCREEN, Driven, xvfb_display

__all__ = ["xvfb_display"]


@pytest.fixture
def driven(xvfb_display: str, tmp_path: Path) -> Iterator[Driven]:
    memory = Memory(enabled=True, config_dir=tmp_path / "config", state_dir=tmp_path / "state")
    window = Driven(xvfb_display, preferences=Preferences(), memory=memory)
    yield window
    window.close()


def mode_of(driven: Driven) -> Mode:
    return driven.session.state.mode


def open_payments_step_2(driven: Driven) -> None:
    driven.click(driven.window.buttons.choice_buttons[2])
    driven.click_command(CommandName.NEXT)


def test_welcome_shows_the_menu_as_big_numbered_buttons(driven: Driven) -> None:
    labels = [button.cget("text") for button in driven.window.buttons.choice_buttons]
    assert labels == [f"{n}. {p.title}" for n, p in enumerate(AMELI.procedures, 1)]
    assert driven.root.title() == "Mémo vocal — Ameli sur tablette et smartphone"
    for button in driven.window.buttons.by_command.values():
        assert button.winfo_height() >= look.BUTTON_HEIGHT_PX
    last = driven.window.buttons.choice_buttons[-1]
    assert last.winfo_rooty() + last.winfo_height() <= SCREEN[1], "the menu needs no scrolling"


def test_a_click_on_a_topic_then_next_shows_the_step_large(driven: Driven) -> None:
    open_payments_step_2(driven)
    texts = driven.window.texts
    assert driven.session.state.mode is Mode.STEP and driven.session.state.step_index == 1
    payments = AMELI.procedures[2]
    count = f"Étape 2 sur {len(payments.steps)}"
    assert texts.count.cget("text") == count
    assert texts.topic.cget("text") == payments.title
    assert driven.root.title() == f"{count} — {payments.title}"
    step = payments.steps[1]
    assert texts.body.cget("text") == " ".join(step.say.split())
    forty = "Touchez le bouton « Mon compte » en haut"  # 40 characters of a step
    assert len(forty) == look.LINE_CHARS
    wrap = int(texts.body.cget("wraplength"))
    assert wrap <= driven.window.fonts["body"].measure(forty) * 1.1, "lines of 40 or fewer"


def test_keys_as_in_the_terminal(driven: Driven) -> None:
    driven.key("m")
    driven.type("3")
    driven.key("Return")
    assert driven.session.state.procedure_id == "paiements"
    driven.key("Right")
    assert driven.session.state.step_index == 1
    driven.key("Left")
    assert driven.session.state.step_index == 0
    driven.type("mes rel")
    assert "> es rel" in driven.window.texts.typed.cget("text")
    driven.key("Escape")
    assert (
        driven.window.texts.typed.cget("text")
        == "Tapez une phrase puis Entrée. Échap pour effacer."
    )
    driven.key("q")
    assert driven.session.state.mode is Mode.CONFIRM_QUIT
    assert [b.cget("text") for b in driven.window.buttons.choice_buttons] == ["✔ Oui", "✘ Non"]
    driven.click(driven.window.buttons.choice_buttons[1])
    assert mode_of(driven) is Mode.MENU, "« non »: back where M had led"


def test_a_guessed_command_is_asked_with_yes_and_no_buttons(driven: Driven) -> None:
    driven.key("m")
    driven.type("3")
    driven.key("Return")
    driven.key("Right")
    driven.type("petite pause je cherche mon telephone")  # the model fairly sure (0.80)
    driven.key("Return")
    assert driven.session.state.mode is Mode.CONFIRM_COMMAND
    assert driven.session.state.suggested is CommandName.PAUSE
    assert [b.cget("text") for b in driven.window.buttons.choice_buttons] == ["✔ Oui", "✘ Non"]
    driven.click(driven.window.buttons.choice_buttons[0])
    assert mode_of(driven) is Mode.STEP
    assert driven.session.state.paused, "« oui »: the pause asked about"


def test_text_size_and_theme_are_remembered(driven: Driven, tmp_path: Path) -> None:
    driven.key("plus", control=True)
    assert driven.window.text_size == look.TEXT_SIZE_DEFAULT + look.TEXT_SIZE_STEP
    driven.key("minus", control=True)
    driven.key("minus", control=True)
    driven.click(driven.window.buttons.tool_buttons[2])
    saved = yaml.safe_load((tmp_path / "config" / "reglages.yaml").read_text(encoding="utf-8"))
    assert saved["text_size"] == look.TEXT_SIZE_DEFAULT - look.TEXT_SIZE_STEP
    assert saved["theme"] == "contraste"
    assert driven.window.texts.body.cget("background") == look.HIGH_CONTRAST.background
    driven.click(driven.window.buttons.tool_buttons[3])
    # Xvfb has no window manager to report « above » back: the request and the memory are checked.
    assert driven.window.on_top.get() is True
    assert driven.window.buttons.tool_buttons[3].cget("text") == "☑ Au premier plan"
    assert yaml.safe_load((tmp_path / "config" / "reglages.yaml").read_text())["on_top"] is True


def test_status_shows_what_was_heard_or_not_understood(driven: Driven) -> None:
    driven.events.put(Heard("suivant", 1.0))
    driven.settle()
    assert "Entendu : suivant" in driven.window.texts.status.cget("text")
    driven.events.put(Heard("bleu marine", 1.0))
    driven.settle()
    assert "Je n'ai pas compris." in driven.window.texts.status.cget("text")
    driven.click_command(CommandName.PAUSE)
    assert "En pause" in driven.window.texts.status.cget("text")
    assert driven.window.buttons.by_command[CommandName.PAUSE].cget("text") == "▶\nContinuer"
    driven.click_command(CommandName.PAUSE)
    assert not driven.session.state.paused


VOICE_CLICK_KEY = [  # the word said, the button, the key (or typed line)
    ("suivant", CommandName.NEXT, ["Right"]),
    ("précédent", CommandName.PREVIOUS, ["Left"]),
    ("répète", CommandName.REPEAT, ["r"]),
    ("menu", CommandName.MENU, ["m"]),
    ("aide", CommandName.HELP, ["h"]),
    ("pause", CommandName.PAUSE, ["p", "a", "u", "s", "e", "Return"]),
    ("quitter", CommandName.QUIT, ["q"]),
]


@pytest.mark.parametrize(("word", "name", "keys"), VOICE_CLICK_KEY)
def test_every_command_by_voice_click_and_key_gives_the_same_state(
    xvfb_display: str, word: str, name: CommandName, keys: list[str]
) -> None:
    states = []
    for how in ("voice", "click", "key"):
        driven = Driven(xvfb_display, preferences=Preferences(), memory=Memory(enabled=False))
        try:
            open_payments_step_2(driven)
            if how == "voice":
                driven.events.put(Heard(word, 1.0))
                driven.settle()
            elif how == "click":
                driven.click_command(name)
            else:
                for key in keys:
                    driven.key(key)
            states.append(driven.session.state)
        finally:
            driven.close()
    assert states[0] == states[1] == states[2]
    assert states[0].last_replies, f"« {word} » did something"


def test_a_flood_of_events_from_another_thread_is_handled_in_order(driven: Driven) -> None:
    commands = [
        Command(CommandName.GOTO_STEP, step_number=3),
        *[Command(name) for name in (CommandName.NEXT, CommandName.PREVIOUS) * 150],
        Command(CommandName.HELP),
    ]
    sent = threading.Event()

    def listener() -> None:  # as the microphone thread does: only `put`
        for command in commands:
            driven.events.put(KeyboardEvent(command))
        sent.set()

    threading.Thread(target=listener, name="voice").start()

    def finish_when_done() -> None:
        if sent.is_set() and driven.events.empty():
            driven.root.quit()
        else:
            driven.root.after(20, finish_when_done)

    driven.running.start()  # the real after() loop
    driven.root.after(20, finish_when_done)
    driven.root.mainloop()
    expected = Session(AMELI, "ameli", Preferences(), Memory(enabled=False), keyboard=True)
    for command in commands:
        expected.handle(command)
    assert driven.session.state == expected.state
    assert driven.running.errors == []


def test_status_says_speaking_then_listening(xvfb_display: str) -> None:
    driven = Driven(xvfb_display, preferences=Preferences(), memory=Memory(False), keyboard=False)
    try:
        driven.announcer.speaking.set()  # what the speech thread sets while it talks
        driven.running.tick()
        assert "Je parle…" in driven.window.texts.status.cget("text")
        driven.announcer.speaking.clear()
        driven.running.tick()
        assert "Je vous écoute" in driven.window.texts.status.cget("text")
    finally:
        driven.close()


def _three_ways(
    display: str, before: list[CommandName], word: str, click: int, keys: list[str]
) -> list[object]:
    """The state after `word` said, the `click`-th choice button clicked, or `keys` pressed."""
    states: list[object] = []
    for how in ("voice", "click", "key"):
        driven = Driven(display, preferences=Preferences(), memory=Memory(enabled=False))
        try:
            for name in before:
                driven.click_command(name)
            if how == "voice":
                driven.events.put(Heard(word, 1.0))
                driven.settle()
            elif how == "click":
                driven.click(driven.window.buttons.choice_buttons[click])
            else:
                driven.type_keys(keys)
            states.append(driven.session.state)
        finally:
            driven.close()
    return states


def test_a_topic_chosen_by_voice_click_or_number_gives_the_same_state(xvfb_display: str) -> None:
    states = _three_ways(xvfb_display, [], "mes paiements", 2, ["3", "Return"])
    assert states[0] == states[1] == states[2]


@pytest.mark.parametrize(
    ("word", "click", "keys"),
    [("oui", 0, ["o", "u", "i", "Return"]), ("non", 1, ["n", "o", "n", "Return"])],
)
def test_yes_and_no_by_voice_click_or_typing_give_the_same_state(
    xvfb_display: str, word: str, click: int, keys: list[str]
) -> None:
    states = _three_ways(xvfb_display, [CommandName.NEXT, CommandName.QUIT], word, click, keys)
    assert states[0] == states[1] == states[2]


def ask_which_carte_vitale(driven: Driven) -> None:
    driven.events.put(Heard("carte vitale", 1.0))
    driven.settle()
    assert mode_of(driven) is Mode.CHOOSE_PROCEDURE


@pytest.mark.parametrize(("answer", "opened"), [(0, "carte_vitale"), (1, "carte_perdue")])
def test_the_which_one_question_is_big_buttons_that_answer_it(
    driven: Driven, answer: int, opened: str
) -> None:
    ask_which_carte_vitale(driven)
    labels = [button.cget("text") for button in driven.window.buttons.choice_buttons]
    titles = [AMELI.procedure(choice) for choice in driven.session.state.choices]
    assert labels == [
        *(f"{n}. {p.title}" for n, p in enumerate(titles, 1) if p is not None),
        "✘ Non",
    ]
    driven.click(driven.window.buttons.choice_buttons[answer])
    assert mode_of(driven) is Mode.STEP
    assert driven.session.state.procedure_id == opened


def test_no_to_the_which_one_question_goes_back(driven: Driven) -> None:
    ask_which_carte_vitale(driven)
    no = driven.window.buttons.choice_buttons[-1]
    driven.screenshot("question-carte-vitale")
    assert no.winfo_ismapped() and no.winfo_rooty() + no.winfo_height() <= SCREEN[1], "visible"
    driven.click(no)
    assert mode_of(driven) is not Mode.CHOOSE_PROCEDURE
    assert driven.session.state.procedure_id is None
