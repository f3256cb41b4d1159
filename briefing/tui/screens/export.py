"""The export dialog: file name, scope, a preview of the briefing's header, and the writing itself.

Given `preview` and `write` (the app passes both), the dialog shows what the briefing will
say before anything is written (title, scope line, counts: the export's own model), writes
in a worker, and on a failure stays open with the reason and the choices as they were.
Without them it only returns the choice, for the caller to write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, RadioButton, RadioSet, Static
from textual.worker import get_current_worker

from briefing.titles import one_line
from briefing.tui import render


@dataclass(frozen=True, slots=True)
class ExportChoice:
    path: Path
    scope: str  # a key of the dialog's scopes
    replace: bool


Preview = Callable[[str], list[str]]  # scope key -> the lines of the header it will write
Write = Callable[[ExportChoice], Path]  # raises with a one-line reason


class ExportDialog(ModalScreen[ExportChoice | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel")]

    def __init__(self, filename: str, scopes: dict[str, str], scope: str, folder: Path,
                 preview: Preview | None = None, write: Write | None = None) -> None:
        """`scopes`: key -> label (e.g. "pinned" -> "Pinned items (3)")."""
        super().__init__()
        self.filename = filename
        self.scopes = scopes
        self.scope = scope if scope in scopes else next(iter(scopes))
        self.folder = folder
        self._preview = preview
        self._write = write
        self.writing = False
        self.error: str | None = None  # the last write's failure, shown until the next try

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = render.plain("Export briefing (Markdown)")
            yield Static(render.plain("File name"))
            yield Input(self.filename, id="export-name")
            yield Static(render.plain("What to export"))
            with RadioSet(id="export-scope"):
                for key, label in self.scopes.items():
                    yield RadioButton(render.plain(label), value=key == self.scope, id=f"scope-{key}")
            yield Checkbox(render.plain("Replace the file if it exists"), value=False, id="export-replace")
            yield Static(render.plain(""), id="export-preview")
            yield Static(render.plain(""), id="export-notice")
            with Horizontal(id="export-buttons"):
                yield Button(render.plain("Export"), variant="primary", id="export-ok")
                yield Button(render.plain("Cancel"), id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-name", Input).focus()
        self._update_notice()
        self._show_preview()

    def _target(self) -> Path:
        name = self.query_one("#export-name", Input).value.strip()
        path = Path(name).expanduser()
        return path if path.is_absolute() else self.folder / path

    def _update_notice(self) -> None:
        if self.error is not None:
            self.query_one("#export-notice", Static).update(render.plain(self.error, "$text-error"))
            return
        target = self._target()
        notice = f"Writes {render.one_line(str(target))}"
        if target.exists():
            notice += " — exists: tick Replace to overwrite"
        self.query_one("#export-notice", Static).update(render.plain(notice, "$text-muted"))

    def _show_preview(self) -> None:
        if self._preview is None:
            return
        self.query_one("#export-preview", Static).update(render.plain("Preparing the preview…", "$text-muted"))
        self._build_preview(self.scope)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export-preview")
    def _build_preview(self, scope: str) -> None:
        assert self._preview is not None
        try:
            lines = self._preview(scope)
        except Exception as exc:  # a preview is a courtesy: say why there is none, keep the dialog
            lines = [f"No preview: {_reason(exc)}"]
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._set_preview, scope, lines)

    def _set_preview(self, scope: str, lines: list[str]) -> None:
        if scope == self.scope and self.is_mounted:
            text = "\n".join(render.one_line(line, 200) for line in lines)
            self.query_one("#export-preview", Static).update(render.plain(text))

    def on_input_changed(self) -> None:
        self.error = None
        self._update_notice()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        if event.pressed.id:
            self.scope = event.pressed.id.removeprefix("scope-")
            self._show_preview()

    def on_checkbox_changed(self) -> None:
        self.error = None
        self._update_notice()

    def on_input_submitted(self) -> None:
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-ok":
            self._submit()
        else:
            self.dismiss(None)

    def _submit(self) -> None:
        if self.writing:
            return
        if not self.query_one("#export-name", Input).value.strip():
            self.query_one("#export-notice", Static).update(render.plain("Give a file name", "$text-error"))
            return
        choice = ExportChoice(self._target(), self.scope, self.query_one("#export-replace", Checkbox).value)
        if self._write is None:
            self.dismiss(choice)
            return
        self.writing = True
        self.query_one("#export-notice", Static).update(render.plain("Writing…", "$text-muted"))
        self._write_in_thread(choice)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export-write")
    def _write_in_thread(self, choice: ExportChoice) -> None:
        assert self._write is not None
        try:
            path = self._write(choice)
        except Exception as exc:  # the reason is shown in the dialog, which stays open with the choices
            self.app.call_from_thread(self._failed, _reason(exc))
            return
        self.app.call_from_thread(self.dismiss, ExportChoice(path, choice.scope, choice.replace))

    def _failed(self, reason: str) -> None:
        self.writing = False
        self.error = reason
        self._update_notice()

    def action_cancel(self) -> None:
        self.dismiss(None)


def _reason(exc: Exception) -> str:
    """An error on one line, or its type's name when it says nothing."""
    return one_line(str(exc)) or type(exc).__name__
