"""Adding a web page or feed from the app: a one-field dialog, and the fetch run in a worker thread.

The fetched page lands in the corpus folder like any other file; the live corpus
(`briefing.tui.live_corpus`) then indexes it and shows it. The worker only reports.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from briefing.tui import render


class AddUrlDialog(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="add_url.cancel")]
    DEFAULT_CSS = """
    AddUrlDialog { align: center middle; }
    #add-url-box { width: 80%; max-width: 100; height: auto; border: round $primary; padding: 0 1;
                   background: $surface; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="add-url-box") as box:
            box.border_title = render.plain("Add a web page or feed")
            yield Static(render.plain("URL (http or https): a page is added; a feed's items are, and it is followed"))
            yield Input(placeholder="https://", id="add-url")
            yield Static(render.plain("Enter to fetch, Escape to cancel", "$text-muted"))

    def on_mount(self) -> None:
        self.query_one("#add-url", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def fetch_into_corpus(app: Any, corpus_dir: Path, url: str) -> None:
    """Fetch `url` into the corpus (runs in a worker thread) and tell the app what came of it."""
    from briefing.adding import Adder
    from briefing.fetching import Fetcher

    report = Adder(corpus_dir, Fetcher()).add([url])
    lines = [f"Added: {a.title or a.path}" for a in report.added[:5]]
    if len(report.added) > 5:
        lines.append(f"… and {len(report.added) - 5} more")
    lines += [f"Already in the corpus: {d.path}" for d in report.duplicates[:3]]
    lines += [f"{f.url}: {f.reason}" for f in report.failures[:3]]
    severity = "error" if report.failures and not report.added else "warning" if report.failures else "information"
    text = "\n".join(render.one_line(line, 160) for line in lines) or "Nothing to add"
    app.call_from_thread(app.notify, text, title="Add URL", severity=severity, markup=False, timeout=8)
