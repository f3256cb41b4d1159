"""A one-line dialog asking for a name (a saved search's); returns it, or None on Esc."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from briefing.tui import render

MAX_NAME = 40


class NamePrompt(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="name.cancel")]

    def __init__(self, title: str, suggestion: str, hint: str) -> None:
        super().__init__()
        self.title_text, self.suggestion, self.hint = title, suggestion, hint

    def compose(self) -> ComposeResult:
        with Vertical(id="name-box") as box:
            box.border_title = render.plain(self.title_text)
            yield Static(render.plain(self.hint, "$text-muted"))
            yield Input(render.one_line(self.suggestion, MAX_NAME), id="name-input", max_length=MAX_NAME)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = render.one_line(event.value, MAX_NAME)
        self.dismiss(name or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
