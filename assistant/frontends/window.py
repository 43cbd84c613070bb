"""The large-print window: what the session says, very large, and big buttons to answer.

A front end like the terminal: it shows the replies and the session's state, and turns clicks
and keys into the same events as the microphone and the terminal, posted to one queue. It has
no conversation logic: what a click means is the command the spoken word means.
Tk runs on the main thread only; other threads never touch a widget (see `window_run`).
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable, Sequence
from tkinter import font as tkfont
from typing import Literal

from assistant.conversation import state as conversation_state
from assistant.conversation.commands import Command, CommandName
from assistant.conversation.core import Mode, Reply
from assistant.events import Event, KeyboardEvent
from assistant.frontends import window_theme as look
from assistant.frontends.keyboard import (
    BACKSPACE,
    ENTER,
    ESCAPE,
    HINT,
    LEFT,
    RIGHT,
    KeyTranslator,
)
from assistant.frontends.session import Session
from assistant.frontends.window_parts import Buttons, Texts, status_text

NAVIGATION = (  # symbol, word, command: the words a person can also say
    ("◀", "Précédent", CommandName.PREVIOUS),
    ("↻", "Répète", CommandName.REPEAT),
    ("▶", "Suivant", CommandName.NEXT),
    ("☰", "Menu", CommandName.MENU),
    ("?", "Aide", CommandName.HELP),
    ("‖", "Pause", CommandName.PAUSE),
    ("✕", "Quitter", CommandName.QUIT),
)
DETAIL_SIZE = 18
DETAIL_SIZE_MIN = 14
_FONTS: tuple[tuple[str, int, Literal["normal", "bold"]], ...] = (
    ("body", look.TEXT_SIZE_DEFAULT, "normal"),
    ("detail", 18, "normal"),  # DETAIL_SIZE
    ("title", 20, "bold"),
    ("button", 13, "bold"),
    ("menu", 14, "bold"),
    ("choice", 18, "bold"),
    ("tool", 12, "bold"),
    ("hint", 13, "bold"),
    ("status", 16, "bold"),
)
_TK_KEYS = {"Return": ENTER, "KP_Enter": ENTER, "Right": RIGHT, "Left": LEFT}
_TK_KEYS |= {"Escape": ESCAPE, "BackSpace": BACKSPACE, "space": "space"}


class Window:
    """Shows a session in Tk; implements the interactive loop's `Display`."""

    def __init__(
        self,
        root: tk.Tk,
        session: Session,
        post: Callable[[Event], None],
        *,
        listening: bool,
    ) -> None:
        self.root = root
        self.session = session
        self.post = post
        self.listening = listening
        self.speaking = False
        self.microphone_lost = False
        self.last_heard = ""
        self.theme = look.theme_named(session.preferences.theme)
        self.text_size = look.clamp_text_size(session.preferences.text_size)
        self.on_top = tk.BooleanVar(root, value=session.preferences.on_top)
        self.replies: tuple[Reply, ...] = ()
        self._drawn: object = None
        """The session state last drawn."""
        self.translator = KeyTranslator(
            [procedure.id for procedure in session.guide.procedures],
            session.understanding.understand,
        )
        self.fonts = {
            name: tkfont.Font(root, family=look.FONT_FAMILY, size=size, weight=weight)
            for name, size, weight in _FONTS
        }
        self.fonts["body"].configure(size=self.text_size)
        self.texts = Texts(root, self.fonts)
        self.buttons = Buttons(root, self.fonts, self.on_top)
        self.buttons.navigation(NAVIGATION, self.command)
        self.buttons.tools(self.bigger, self.smaller, self.switch_theme, self.toggle_on_top)
        self._bind_keys()
        self.texts.show_typed("", HINT)
        self.apply_on_top()
        self.paint()

    # What the person does: every path ends in one event on the queue.

    def command(self, name: CommandName, procedure_id: str | None = None) -> None:
        if name is CommandName.PAUSE and self.session.state.paused:
            name = CommandName.RESUME  # the same button, shown as « Continuer »
        self.post(KeyboardEvent(Command(name, procedure_id=procedure_id)))

    def press(self, key: str) -> None:
        if key in ("bigger", "smaller"):
            self.bigger() if key == "bigger" else self.smaller()
            return
        for event in self.translator.press(key):
            self.post(event)
        self.texts.show_typed(self.translator.typed, HINT)

    def _bind_keys(self) -> None:
        def on_key(event: tk.Event[tk.Misc]) -> str:
            if (
                isinstance(event.state, int) and event.state & 0x4
            ):  # Control: only the size keys mean something
                if event.keysym in ("plus", "equal", "KP_Add"):
                    self.press("bigger")
                elif event.keysym in ("minus", "KP_Subtract"):
                    self.press("smaller")
                return "break"
            key = _TK_KEYS.get(event.keysym) or event.char
            if key:
                self.press(key)
            return "break"

        self.root.bind("<Key>", on_key)

    # What the session says.

    def show_turn(self, replies: Sequence[Reply]) -> None:
        if self.replies == tuple(replies) and self._drawn is self.session.state:
            return  # the welcome, already shown before the voice was ready
        if replies:
            self.replies = tuple(replies)
        self._drawn = self.session.state
        self.render()

    def notice(self, text: str) -> None:
        # The listener's notices are sentences; these words tell which state they announce.
        if "au clavier" in text.casefold():
            self.listening = False  # no model: nothing will listen in this session
        elif "micro" in text.casefold():
            self.microphone_lost = "de nouveau" not in text
        self.texts.show_notice(text)
        self.render_status()

    def heard(self, text: str | None, command: Command) -> None:
        if command.name is CommandName.NOT_UNDERSTOOD:
            self.last_heard = "Je n'ai pas compris."
        elif text:
            self.last_heard = f"Entendu : {text}"
        else:
            self.last_heard = ""
        self.render_status()

    def set_speaking(self, speaking: bool) -> None:
        if speaking != self.speaking:
            self.speaking = speaking
            self.render_status()

    # Drawing.

    def render(self) -> None:
        state, guide = self.session.state, self.session.guide
        found = conversation_state.current(guide, state)
        topic, count = guide.title, ""
        if found is not None and state.mode in (Mode.STEP, Mode.PROCEDURE_DONE):
            procedure, index = found
            topic = procedure.title
            count = f"Étape {index + 1} sur {len(procedure.steps)}"
            if state.mode is Mode.PROCEDURE_DONE:
                count = "Démarche terminée"
        body = self.replies[-1].screen if self.replies else ""
        first, _, rest = body.partition("\n")
        if " — étape " in first:  # the step's own heading: already shown above
            body = rest
        body, _, detail = body.partition("\n\nÀ l'écran : ")
        in_menu = state.mode in (Mode.MENU, Mode.WELCOME) and body.startswith("Les démarches")
        if state.mode is Mode.CHOOSE_PROCEDURE and body.startswith("Vous voulez"):
            body = "Vous voulez :"  # the choices are the buttons below, each with its number
        if in_menu:
            topic, count, body = guide.title, "Les démarches", ""
        self.root.title(f"{count} — {topic}" if count and found else f"Mémo vocal — {topic}")
        if in_menu:
            topic = ""  # the room goes to the topics; the title bar still names the memo
        self.texts.show(topic, count, body.strip(), detail.strip())
        if in_menu:
            self.buttons.choices(
                [
                    (f"{number}. {procedure.title}", self._opener(procedure.id))
                    for number, procedure in enumerate(guide.procedures, 1)
                ],
                menu=True,
            )
        elif state.mode is Mode.CHOOSE_PROCEDURE:  # « Vous voulez : 1, …, ou 2 ? »
            offered = [guide.procedure(choice) for choice in state.choices]
            self.buttons.choices(
                [
                    *(
                        (f"{number}. {procedure.title}", self._opener(procedure.id))
                        for number, procedure in enumerate(offered, 1)
                        if procedure is not None
                    ),
                    ("✘ Non", lambda: self.command(CommandName.NO)),
                ]
            )
        elif state.mode in conversation_state.QUESTIONS:
            self.buttons.choices(
                [
                    ("✔ Oui", lambda: self.command(CommandName.YES)),
                    ("✘ Non", lambda: self.command(CommandName.NO)),
                ]
            )
        else:
            self.buttons.choices([])
        self.buttons.set_pause_label(state.paused)
        self.render_status()
        self.paint()
        self.fit()

    def _opener(self, procedure_id: str) -> Callable[[], None]:
        return lambda: self.command(CommandName.OPEN_PROCEDURE, procedure_id=procedure_id)

    def render_status(self) -> None:
        status = status_text(
            paused=self.session.state.paused,
            microphone_lost=self.microphone_lost,
            speaking=self.speaking,
            listening=self.listening,
        )
        self.texts.show_status(status, self.last_heard)

    def paint(self) -> None:
        self.root.configure(background=self.theme.background)
        self.texts.paint(self.theme)
        self.buttons.paint(self.theme)

    def fit(self) -> None:
        """A long step gets smaller text rather than a scroll bar: the step down to
        FIT_SIZE_MIN, then what the web page shows down to DETAIL_SIZE_MIN."""
        self.fonts["body"].configure(size=self.text_size)
        self.fonts["detail"].configure(size=DETAIL_SIZE)
        width = self.root.winfo_width()
        if width <= 1:  # not drawn yet: the width it is placed at
            width = look.right_third(self.root.winfo_screenwidth(), 1).width
        self.texts.wrap(width)
        available = self.root.winfo_height()
        if available <= 1:
            available = self.root.winfo_screenheight()
        for name, smallest in (("body", look.FIT_SIZE_MIN), ("detail", DETAIL_SIZE_MIN)):
            self.root.update_idletasks()
            size = int(self.fonts[name].cget("size"))
            while self.root.winfo_reqheight() > available and size > smallest:
                size -= 2
                self.fonts[name].configure(size=size)
                self.texts.wrap(width)
                self.root.update_idletasks()

    # The librarian's settings, remembered per user.

    def bigger(self) -> None:
        self._resize(self.text_size + look.TEXT_SIZE_STEP)

    def smaller(self) -> None:
        self._resize(self.text_size - look.TEXT_SIZE_STEP)

    def _resize(self, size: int) -> None:
        self.text_size = look.clamp_text_size(size)
        self.remember()
        self.fit()

    def switch_theme(self) -> None:
        self.theme = look.other_theme(self.theme)
        self.remember()
        self.paint()

    def toggle_on_top(self) -> None:
        self.on_top.set(not self.on_top.get())
        self.buttons.show_on_top()
        self.apply_on_top()
        self.remember()

    def apply_on_top(self) -> None:
        self.root.attributes("-topmost", bool(self.on_top.get()))

    def remember(self) -> None:
        self.session.remember_display(self.text_size, self.theme.name, bool(self.on_top.get()))
