"""Colours, sizes and placement of the large-print window: plain data and arithmetic, no Tk.

Two themes, both above the WCAG AAA contrast of 7:1 for every text on its background (checked
by a test with the formula below): black on white, and yellow on black for people who are
dazzled by white. Sizes are in points; the person changes them with Ctrl + and Ctrl −.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.settings import TEXT_SIZE_DEFAULT, TEXT_SIZE_MAX, TEXT_SIZE_MIN

__all__ = ["TEXT_SIZE_DEFAULT", "TEXT_SIZE_MAX", "TEXT_SIZE_MIN"]
TEXT_SIZE_STEP = 4
FIT_SIZE_MIN = 22
"""A long step is shown smaller, down to this, rather than ever needing a scroll bar."""
LINE_CHARS = 40
"""No line wider than this many characters at the default size (short lines are easier)."""
BUTTON_HEIGHT_PX = 64
"""The smallest a button may be: easy to click with a shaky hand, or to touch."""
FONT_FAMILY = "DejaVu Sans"


@dataclass(frozen=True)
class Theme:
    name: str
    """Remembered in the preferences: « clair » or « contraste »."""
    label: str
    """What the theme button says to switch to this theme."""
    background: str
    text: str
    button_background: str
    button_text: str
    active_background: str
    """A button under the mouse or being pressed."""
    active_text: str
    status_background: str
    status_text: str


LIGHT = Theme(
    name="clair",
    label="☀ Clair",
    background="#ffffff",
    text="#000000",
    button_background="#e8e8e8",
    button_text="#000000",
    active_background="#000000",
    active_text="#ffffff",
    status_background="#ffffff",
    status_text="#000000",
)
HIGH_CONTRAST = Theme(
    name="contraste",
    label="◐ Contraste",
    background="#000000",
    text="#ffff00",
    button_background="#1a1a1a",
    button_text="#ffff00",
    active_background="#ffff00",
    active_text="#000000",
    status_background="#000000",
    status_text="#ffffff",
)
THEMES = {theme.name: theme for theme in (LIGHT, HIGH_CONTRAST)}


def theme_named(name: str) -> Theme:
    return THEMES.get(name, LIGHT)


def other_theme(theme: Theme) -> Theme:
    return HIGH_CONTRAST if theme is LIGHT else LIGHT


def text_pairs(theme: Theme) -> list[tuple[str, str, str]]:
    """Every (what, text colour, background colour) the window ever draws."""
    return [
        ("texte", theme.text, theme.background),
        ("bouton", theme.button_text, theme.button_background),
        ("bouton actif", theme.active_text, theme.active_background),
        ("état", theme.status_text, theme.status_background),
    ]


def _channel(value: int) -> float:
    srgb = value / 255
    return srgb / 12.92 if srgb <= 0.04045 else ((srgb + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of « #rrggbb »."""
    red, green, blue = (int(colour[index : index + 2], 16) for index in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def clamp_text_size(size: int) -> int:
    return max(TEXT_SIZE_MIN, min(TEXT_SIZE_MAX, size))


@dataclass(frozen=True)
class Placement:
    width: int
    height: int
    x: int
    y: int

    def geometry(self) -> str:
        return f"{self.width}x{self.height}+{self.x}+{self.y}"


def right_third(screen_width: int, screen_height: int) -> Placement:
    """The right third, full height: the browser with ameli.fr stays visible on the left."""
    width = max(420, screen_width // 3)
    return Placement(width, screen_height, max(0, screen_width - width), 0)
