"""The export dialog: file name, scope, and what will be written; returns a request or None."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, RadioButton, RadioSet, Static

from briefing.tui import render


@dataclass(frozen=True, slots=True)
class ExportChoice:
    path: Path
    scope: str  # a key of the dialog's scopes
    replace: bool


class ExportDialog(ModalScreen[ExportChoice | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel")]

    def __init__(self, filename: str, scopes: dict[str, str], scope: str, folder: Path) -> None:
        """`scopes`: key -> label (e.g. "pinned" -> "Pinned items (3)")."""
        super().__init__()
        self.filename = filename
        self.scopes = scopes
        self.scope = scope if scope in scopes else next(iter(scopes))
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = render.plain("Export briefing (Markdown)")
            yield Static(render.plain("File name"))
            yield Input(self.filename, id="export-name")
            yield Static(render.plain("What to export"))
            with RadioSet(id="export-scope"):
                for key, label in self.scopes.items():
                    yield RadioButton(render.plain(label), value=key == self.scope, id=f"scope-{key}")
            yield Checkbox(render.plain("Replace the file if it exists"), id="export-replace")
            yield Static(render.plain(""), id="export-notice")
            with Horizontal(id="export-buttons"):
                yield Button(render.plain("Export"), variant="primary", id="export-ok")
                yield Button(render.plain("Cancel"), id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-name", Input).focus()
        self._update_notice()

    def _target(self) -> Path:
        name = self.query_one("#export-name", Input).value.strip()
        path = Path(name).expanduser()
        return path if path.is_absolute() else self.folder / path

    def _update_notice(self) -> None:
        target = self._target()
        notice = f"Writes {render.one_line(str(target))}"
        if target.exists():
            notice += " — exists: tick Replace to overwrite"
        self.query_one("#export-notice", Static).update(render.plain(notice, "$text-muted"))

    def on_input_changed(self) -> None:
        self._update_notice()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        if event.pressed.id:
            self.scope = event.pressed.id.removeprefix("scope-")

    def on_input_submitted(self) -> None:
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-ok":
            self._submit()
        else:
            self.dismiss(None)

    def _submit(self) -> None:
        if not self.query_one("#export-name", Input).value.strip():
            self.query_one("#export-notice", Static).update(render.plain("Give a file name", "$text-error"))
            return
        replace = self.query_one("#export-replace", Checkbox).value
        self.dismiss(ExportChoice(self._target(), self.scope, replace))

    def action_cancel(self) -> None:
        self.dismiss(None)
