"""An OptionList with vi keys: the base of every long list in the app."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Self

from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import OptionList


class NavList(OptionList):
    """OptionList renders only what is visible, so thousands of sources stay fast (no ListView)."""

    # Without a layout of the whole screen when the rows change: every NavList's height is set by
    # its container (`height: 1fr` in app.tcss), never by its rows, and a scrollbar that comes or
    # goes asks for its own layout. That layout redrew every pane after each search that changed
    # the number of result lines (18 ms of a 34 ms frame at 2,225 articles).
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g", "first", "Top", show=False, id="list.top"),
        Binding("G", "last", "Bottom", show=False, id="list.bottom"),
    ]

    def set_options(self, options: Iterable[Any]) -> Self:
        """Set the options, with the scrollbar already shown when they cannot all fit.

        OptionList measures every row's height when it first draws them, and again when the
        scrollbar that this showed takes a column: over 22,250 source rows, the second pass cost
        the first frame 0.4-1 s. More options than the terminal has lines can never fit, so their
        scrollbar is shown before the first measure, which is then the only one. Fewer keep the
        list's own rule (the search results show theirs always, by style).
        """
        options = list(options)
        if len(options) > self.app.size.height:
            self.styles.overflow_y = "scroll"
        else:
            self.styles.clear_rule("overflow_y")
        return super().set_options(options)

    def watch_show_vertical_scrollbar(self, shown: bool) -> None:
        """Re-measure the rows when a scrollbar takes (or gives back) a column.

        OptionList re-measures on resize only; rows measured just before their scrollbar
        appeared kept their height and lost their last wrapped line (how often depended on
        whether the panes were filled before or after the first layout).
        """
        self._clear_caches()  # OptionList's own reset on resize (Textual 8)
        self.scroll_to_highlight()
        self.align_top()

    def _on_resize(self) -> None:
        """Rows are measured again at the new width (OptionList's own reset); the highlight stays in
        view and the list starts on a row, not on the second line of one. (An `on_resize` would run
        before that reset, on the old width's rows.)"""
        super()._on_resize()
        self.scroll_to_highlight()
        self.align_top()

    def align_top(self) -> None:
        """Scroll so the first line shown is a row's first line: the next row's when the highlight
        stays in view that way, else the row's own."""
        lines = self._lines
        y = round(self.scroll_y)
        if not lines or not 0 < y < len(lines) or lines[y][1] == 0:
            return
        index, offset = lines[y]
        target = y - offset
        following = self._index_to_line.get(index + 1)
        highlighted = self.highlighted
        if following is not None and following <= self.max_scroll_y and highlighted is not None:
            start = self._index_to_line[highlighted]
            if following <= start and start + self._heights[highlighted] <= following + self.size.height:
                target = following
        self.scroll_to(y=target, animate=False, immediate=True)

    @property
    def highlighted_id(self) -> str | None:
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id
