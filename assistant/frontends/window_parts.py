"""The window's widgets: the texts (top to bottom) and the buttons, painted from a theme.

Layout, for the right third of a 1366×768 screen: a row of small tools, the topic and « Étape
2 sur 5 », the step very large, what the web page shows (smaller), the choices (menu, oui /
non) as a column of big buttons, and at the bottom what the assistant is doing, the typed
line, and the seven big buttons, always visible whatever the length of the step.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable, Sequence
from tkinter import font as tkfont
from typing import Literal

from assistant.conversation.commands import CommandName
from assistant.frontends import window_theme as look

PAD = 12
_SAMPLE = "Touchez le bouton « Mon compte » en haut de la page, puis"


def status_text(*, paused: bool, microphone_lost: bool, speaking: bool, listening: bool) -> str:
    if paused:
        return "‖ En pause"
    if microphone_lost:
        return "✕ Micro débranché"
    if speaking:
        return "♪ Je parle…"
    return "◉ Je vous écoute" if listening else "⌨ Au clavier"


class Texts:
    def __init__(self, root: tk.Tk, fonts: dict[str, tkfont.Font]) -> None:
        self.fonts = fonts

        def label(name: str, side: Literal["top", "bottom"] = "top") -> tk.Label:
            widget = tk.Label(root, font=fonts[name], justify="left", anchor="w")
            widget.pack(side=side, fill="x", padx=PAD, pady=(4, 0))
            return widget

        self.tools_row = tk.Frame(root)
        self.tools_row.pack(side="top", fill="x", padx=PAD, pady=(PAD, 0))
        self.navigation_rows = tk.Frame(root)
        self.navigation_rows.pack(side="bottom", fill="x", padx=PAD, pady=PAD)
        self.typed = label("hint", side="bottom")
        self.status = label("status", side="bottom")
        self.topic = label("title")
        self.count = label("title")
        self.body = label("body")
        self.detail = label("detail")
        self.choices = tk.Frame(root)
        self.choices.pack(side="top", fill="x", padx=PAD, pady=(8, 0))
        self.all = [self.typed, self.status, self.topic, self.count, self.body, self.detail]
        self.notice = ""

    def show(self, topic: str, count: str, body: str, detail: str) -> None:
        self.notice = ""
        # An empty label still takes a line: hidden instead, so the menu has the room.
        shown = ((self.topic, topic), (self.count, count), (self.body, body), (self.detail, detail))
        for widget, text in shown:
            widget.configure(text=text)
            if text:
                widget.pack(side="top", fill="x", padx=PAD, pady=(4, 0), before=self.choices)
            else:
                widget.pack_forget()
        if detail:
            self.detail.configure(text=f"À l'écran : {detail}")

    def show_status(self, status: str, heard: str) -> None:
        lines = [f"⚠ {self.notice}"] if self.notice else []
        self.status.configure(text="\n".join([*lines, status, *([heard] if heard else [])]))

    def show_notice(self, text: str) -> None:
        self.notice = text

    def show_typed(self, typed: str, hint: str) -> None:
        self.typed.configure(text=f"> {typed}▏" if typed else hint)

    def wrap(self, window_width: int) -> None:
        """Lines no wider than the window, nor than LINE_CHARS characters of the step."""
        room = max(200, window_width - 2 * PAD - 8)
        body = self.fonts["body"]
        per_char = body.measure(_SAMPLE) / len(_SAMPLE)
        self.body.configure(wraplength=min(room, int(per_char * look.LINE_CHARS)))
        for widget in self.all:
            if widget is not self.body:
                widget.configure(wraplength=room)

    def paint(self, theme: look.Theme) -> None:
        for widget in self.all:
            widget.configure(background=theme.background, foreground=theme.text)
        for widget in (self.status, self.typed):
            widget.configure(background=theme.status_background, foreground=theme.status_text)
        for frame in (self.tools_row, self.navigation_rows, self.choices):
            frame.configure(background=theme.background)


class Buttons:
    def __init__(self, root: tk.Tk, fonts: dict[str, tkfont.Font], on_top: tk.BooleanVar) -> None:
        self.root = root
        self.fonts = fonts
        self.on_top = on_top
        self.texts: Texts | None = None
        self.by_command: dict[CommandName, tk.Button] = {}
        self.tool_buttons: list[tk.Button] = []
        self.choice_buttons: list[tk.Button] = []
        self._painted: look.Theme = look.LIGHT

    def _frames(self) -> tuple[tk.Frame, tk.Frame, tk.Frame]:
        children = [c for c in self.root.winfo_children() if isinstance(c, tk.Frame)]
        tools, navigation, choices = children[0], children[1], children[2]
        return tools, navigation, choices

    def navigation(
        self,
        buttons: Sequence[tuple[str, str, CommandName]],
        act: Callable[[CommandName], None],
    ) -> None:
        _, frame, _ = self._frames()
        per_row = 4
        for index, (symbol, word, name) in enumerate(buttons):
            button = tk.Button(
                frame,
                text=f"{symbol}\n{word}",
                font=self.fonts["button"],
                command=lambda name=name: act(name),  # type: ignore[misc]
                takefocus=False,
            )
            row, column = divmod(index, per_row)
            button.grid(row=row, column=column, sticky="nsew", padx=3, pady=3)
            frame.rowconfigure(row, minsize=look.BUTTON_HEIGHT_PX + 6)
            self.by_command[name] = button
        for column in range(per_row):
            frame.columnconfigure(column, weight=1, uniform="navigation")

    def tools(
        self,
        bigger: Callable[[], None],
        smaller: Callable[[], None],
        theme: Callable[[], None],
        on_top: Callable[[], None],
    ) -> None:
        frame, _, _ = self._frames()
        for text, action in (("A−", smaller), ("A+", bigger), ("◐ Couleurs", theme)):
            button = tk.Button(
                frame, text=text, font=self.fonts["tool"], command=action, takefocus=False
            )
            button.pack(side="left", padx=3, ipady=8)
            self.tool_buttons.append(button)
        self.on_top_button = tk.Button(
            frame, font=self.fonts["tool"], command=on_top, takefocus=False
        )
        self.on_top_button.pack(side="left", padx=3, ipady=8, fill="x", expand=True)
        self.tool_buttons.append(self.on_top_button)
        self.show_on_top()

    def show_on_top(self) -> None:
        mark = "☑" if self.on_top.get() else "☐"
        self.on_top_button.configure(text=f"{mark} Au premier plan")

    def choices(
        self, choices: Sequence[tuple[str, Callable[[], None]]], *, menu: bool = False
    ) -> None:
        """Big answer buttons; `menu`: the many topics, in a smaller type to fit the screen."""
        _, _, frame = self._frames()
        for button in self.choice_buttons:
            button.destroy()
        self.choice_buttons = []
        # A frame left without children keeps its old size in Tk: ask for none.
        frame.configure(height=1)
        for text, action in choices:
            button = tk.Button(
                frame,
                text=text,
                font=self.fonts["menu" if menu else "choice"],
                command=action,
                anchor="w",
                justify="left",
                takefocus=False,
            )
            button.configure(wraplength=max(200, self.root.winfo_screenwidth() // 3 - 40))
            if menu:
                button.configure(pady=0, borderwidth=1)
            button.pack(side="top", fill="x", pady=1 if menu else 4, ipady=0 if menu else 14)
            self.choice_buttons.append(button)
        self.paint(self._painted)

    def set_pause_label(self, paused: bool) -> None:
        button = self.by_command.get(CommandName.PAUSE)
        if button is not None:
            button.configure(text="▶\nContinuer" if paused else "‖\nPause")

    def paint(self, theme: look.Theme) -> None:
        self._painted = theme
        for button in [*self.by_command.values(), *self.tool_buttons, *self.choice_buttons]:
            button.configure(
                background=theme.button_background,
                foreground=theme.button_text,
                activebackground=theme.active_background,
                activeforeground=theme.active_text,
                highlightbackground=theme.background,
                relief="raised",
            )
