"""The help screen: every key, as remapped by the user's keymap, with its binding id."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from briefing.tui import render


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        """`rows`: (keys, description, binding id)."""
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        width = max((len(keys) for keys, _, _ in self.rows), default=8) + 2
        lines = [render.plain("Keys  (remap them by id under `keymap:` in config.yaml)\n", "bold")]
        for keys, description, binding_id in self.rows:
            lines.append(render.join((keys.ljust(width), "bold $accent"), (description.ljust(28), ""),
                                     (binding_id, "$text-muted")))
        with VerticalScroll(id="help-body") as body:
            body.border_title = render.plain("Help")
            body.border_subtitle = render.plain("Esc to close")
            for line in lines:
                yield Static(line)
