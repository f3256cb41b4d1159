"""WCAG contrast of what the app draws: every visible character's colour against its background,
as the compositor hands them to the terminal, in truecolor and reduced to 256 colours."""

from __future__ import annotations

from dataclasses import dataclass

from rich.color import Color, ColorSystem
from rich.terminal_theme import TerminalTheme

MINIMUM = 4.5  # WCAG AA for body text
_DRAWING = range(0x2500, 0x25A0)  # box drawing, blocks: borders and scrollbars, not text
# The 16 colours as xterm draws them on its default dark background: what the ANSI theme (dark) is
# judged by. Truecolor themes do not depend on it.
XTERM_DARK = TerminalTheme(
    (0, 0, 0), (229, 229, 229),
    [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229)],
    [(127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
     (255, 255, 255)],
)


def luminance(colour: Color, foreground: bool = True) -> float:
    """WCAG relative luminance; terminal defaults through Rich's default terminal theme."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = colour.get_truecolor(XTERM_DARK, foreground=foreground)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(text: Color, background: Color, reverse: bool = False) -> float:
    """Text on background; `reverse`: drawn in reverse video (the text in the background's colour),
    where a terminal default means its background for the text and its foreground for the field."""
    light, dark = sorted((luminance(text, foreground=not reverse), luminance(background, foreground=reverse)),
                         reverse=True)
    return (light + 0.05) / (dark + 0.05)


@dataclass(frozen=True)
class Problem:
    text: str
    colour: str
    background: str
    ratio: float
    system: str

    def __str__(self) -> str:
        return f"{self.text!r}: {self.colour} on {self.background} = {self.ratio:.2f} ({self.system})"


def low_contrast(app, region=None) -> list[Problem]:
    """Every run of text on screen below MINIMUM, once per (colours, system); `region`: only there
    (a dialog: what it fades behind it is not meant to be read)."""
    found: dict[tuple[str, str, str], Problem] = {}
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        x = 0
        for segment in strip:
            start, x = x, x + segment.cell_length
            if region is not None and not (region.y <= y < region.bottom and region.x <= start < region.right):
                continue
            text = segment.text.strip()
            style = segment.style
            if not text or all(ord(ch) in _DRAWING for ch in text) or style is None:
                continue
            if style.color is None or style.bgcolor is None:
                continue
            reverse = bool(style.reverse)
            colour, background = (style.bgcolor, style.color) if reverse else (style.color, style.bgcolor)
            for system, (c, b) in (
                ("truecolor", (colour, background)),
                ("256 colours", (colour.downgrade(ColorSystem.EIGHT_BIT), background.downgrade(ColorSystem.EIGHT_BIT))),
            ):
                ratio = contrast(c, b, reverse)
                key = (c.name, b.name, system)
                if ratio < MINIMUM and key not in found:
                    found[key] = Problem(text[:40], c.name, b.name, ratio, system)
    return list(found.values())
