"""The footer: the most useful keys that fit the terminal's width, then "? more".

At 80 columns the full line was cut off mid-hint ("y copy e"); here hints are dropped whole,
from the least useful, and the help key always ends the line.
"""

from __future__ import annotations

from textual.widgets import Static

from briefing.tui import render

Hint = tuple[str, str]  # (keys as shown, what they do)
GAP = "  "


def fit_hints(hints: list[Hint], more: Hint, width: int) -> list[Hint]:
    """The `hints` (most useful first) that fit in `width` cells with `more` after them: one too wide is
    skipped whole, a shorter one after it may still fit."""
    def cost(hint: Hint) -> int:
        return len(hint[0]) + 1 + len(hint[1]) + len(GAP)

    room = width - cost(more) + len(GAP)
    chosen: list[Hint] = []
    for hint in hints:
        if cost(hint) > room:
            continue
        chosen.append(hint)
        room -= cost(hint)
    return [*chosen, more]


class HintsBar(Static):
    """One line of hints, refitted whenever its width changes."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(render.plain(""), **kwargs)  # type: ignore[arg-type]
        self._hints: list[Hint] = []
        self._more: Hint = ("?", "more")
        self._fitted_to = -1

    def set_hints(self, hints: list[Hint], more: Hint) -> None:
        self._hints, self._more = hints, more
        self._fitted_to = -1
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    @property
    def shown(self) -> list[Hint]:
        return fit_hints(self._hints, self._more, self._width())

    def _width(self) -> int:
        width = self.content_region.width or self.app.size.width - 2
        return max(width, 10)

    def _fit(self) -> None:
        width = self._width()
        if width == self._fitted_to:
            return
        self._fitted_to = width
        parts: list[tuple[str, str]] = []
        for keys, label in fit_hints(self._hints, self._more, width):
            parts += [(keys, "bold $accent"), (" " + label + GAP, "$text-muted")]
        self.update(render.join(*parts))
