"""How the large-print window looks under a real X server (Xvfb, 1366×768): screenshots of
each state and theme, no step that needs scrolling, and WCAG AAA contrast for every text."""

from __future__ import annotations

import tkinter as tk

import pytest

from assistant.conversation.commands import Command, CommandName
from assistant.events import KeyboardEvent, Notice
from assistant.frontends import window_theme as look
from assistant.frontends.session import Memory
from assistant.settings import Preferences
from tests.window_harness import AMELI, SCREEN, Driven, colours_in, xvfb_display

__all__ = ["xvfb_display"]


SHOTS = [  # name, how to get there
    ("accueil", []),
    ("menu", [CommandName.MENU]),
    ("etape", [CommandName.NEXT]),
    ("question", [CommandName.NEXT, CommandName.QUIT]),
    ("pause", [CommandName.NEXT, CommandName.PAUSE]),
]


@pytest.mark.parametrize("theme", ["clair", "contraste"])
@pytest.mark.parametrize(("name", "clicks"), SHOTS)
def test_screenshots_of_each_state(
    xvfb_display: str, theme: str, name: str, clicks: list[CommandName]
) -> None:
    driven = Driven(xvfb_display, preferences=Preferences(theme=theme), memory=Memory(False))
    try:
        for command in clicks:
            driven.click_command(command)
        shot = driven.screenshot(f"{name}-{theme}")
        assert colours_in(shot) > 2, "not a blank picture"
        texts = (driven.window.texts.body, driven.window.texts.count)
        shown: list[tk.Label | tk.Button] = [w for w in texts if w.winfo_ismapped()]
        shown += driven.window.buttons.choice_buttons[:1]
        if name == "etape":
            step = AMELI.procedures[0].steps[0]
            assert driven.window.texts.body.cget("text") == " ".join(step.say.split())
        root = driven.root
        for widget in shown:
            left, top = (
                widget.winfo_rootx() - root.winfo_rootx(),
                widget.winfo_rooty() - root.winfo_rooty(),
            )
            box = (left, top, widget.winfo_width(), widget.winfo_height())
            assert widget.cget("text")
            assert box[1] + box[3] <= driven.root.winfo_height(), "fully on screen"
            assert colours_in(shot, box) > 2, f"{widget.cget('text')!r} is drawn"
    finally:
        driven.close()


def test_screenshot_when_the_microphone_is_lost(xvfb_display: str) -> None:
    from assistant.audio.microphone import NO_MICROPHONE

    driven = Driven(xvfb_display, preferences=Preferences(), memory=Memory(False), keyboard=False)
    try:
        driven.click_command(CommandName.NEXT)
        driven.events.put(Notice(NO_MICROPHONE))  # what the listener posts when it loses it
        driven.settle()
        assert "Micro débranché" in driven.window.texts.status.cget("text")
        assert colours_in(driven.screenshot("micro-debranche")) > 2
    finally:
        driven.close()


@pytest.mark.parametrize("theme", ["clair", "contraste"])
def test_no_ameli_step_needs_scrolling_at_1366x768(xvfb_display: str, theme: str) -> None:
    driven = Driven(xvfb_display, preferences=Preferences(theme=theme), memory=Memory(False))
    smaller = []
    try:
        for procedure in AMELI.procedures:
            driven.events.put(
                KeyboardEvent(Command(CommandName.OPEN_PROCEDURE, procedure_id=procedure.id))
            )
            for index in range(len(procedure.steps)):
                driven.settle()
                assert driven.session.state.step_index == index
                assert driven.root.winfo_reqheight() <= SCREEN[1], (procedure.id, index)
                size = driven.window.fonts["body"].cget("size")
                assert size >= look.FIT_SIZE_MIN
                if size < look.TEXT_SIZE_DEFAULT:
                    smaller.append(f"{procedure.id} {index + 1}: {size} pt")
                driven.events.put(KeyboardEvent(Command(CommandName.NEXT)))
    finally:
        driven.close()
    print(f"\n{theme}: steps shown smaller than 32 pt to fit: {len(smaller)}", *smaller, sep="\n  ")


@pytest.mark.parametrize("theme", list(look.THEMES.values()), ids=lambda t: t.name)
def test_every_text_reaches_wcag_aaa_contrast(theme: look.Theme) -> None:
    for what, text, background in look.text_pairs(theme):
        assert look.contrast(text, background) >= 7.0, (theme.name, what)


def test_contrast_formula_on_known_pairs() -> None:
    assert look.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert look.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
