"""The help screen: every key, as remapped by the user's keymap, with its binding id."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from briefing.titles import shorten
from briefing.tui import render


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close"),
        # The reader's keys scroll the help too: G at the end of a long list did nothing.
        Binding("j,down", "scroll(1)", "Down", show=False, id="help.down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="help.up"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="help.page_down"),
        Binding("pageup,b", "page(-1)", "Page up", show=False, id="help.page_up"),
        Binding("g,home", "edge(0)", "Top", show=False, id="help.top"),
        Binding("G,end", "edge(1)", "Bottom", show=False, id="help.bottom"),
    ]

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        """`rows`: (keys, description, binding id)."""
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        width = max((len(keys) for keys, _, _ in self.rows), default=8) + 2
        # As wide as the longest description ("Next unread (marks this read)" ran into its binding id),
        # as far as the dialog allows: on a narrow terminal a long description is cut, never its id.
        ids = max((len(binding_id) for _, _, binding_id in self.rows), default=20)
        room = min(int(self.app.size.width * 0.9), 100) - 6  # #help-body: border, padding, scrollbar
        said = max(min(max((len(d) for _, d, _ in self.rows), default=26) + 2, room - width - ids), 12)
        lines = [render.plain("Keys  (remap them by id under `keymap:` in config.yaml)\n", "bold")]
        for keys, description, binding_id in self.rows:
            # A row whose own id is short keeps its whole description (Enter's "(lists)"); cut only to fit.
            own = max(said, min(len(description) + 2, room - width - len(binding_id)))
            shown = shorten(description, own - 2).ljust(own)
            lines.append(render.join((keys.ljust(width), "bold $accent"), (shown, ""),
                                     (binding_id, "$text-muted")))
        with VerticalScroll(id="help-body") as body:
            body.border_title = render.plain("Help")
            body.border_subtitle = render.plain("Esc to close")
            for line in lines:
                yield Static(line)

    @property
    def body(self) -> VerticalScroll:
        return self.query_one("#help-body", VerticalScroll)

    def action_scroll(self, lines: int) -> None:
        self.body.scroll_relative(y=lines, animate=False)

    def action_page(self, direction: int) -> None:
        self.body.scroll_relative(y=direction * max(self.body.scrollable_content_region.height - 1, 1), animate=False)

    def action_edge(self, end: int) -> None:
        if end:
            self.body.scroll_end(animate=False)
        else:
            self.body.scroll_home(animate=False)
