"""The Search pane: a query box, the kind toggle, results with their fragments marked."""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static
from textual.widgets.option_list import Option

from briefing.models import SearchHit, SearchResult
from briefing.tui import render
from briefing.tui.widgets.lists import NavList

KINDS = ("article", "quote")
SUGGESTION_ID = "suggestion"
KIND_HINT = "ctrl+t: articles/quotes"
MORE_MARGIN = 3  # rows from the end of the results at which the next ones are loaded


class SearchPane(Vertical):
    BINDINGS = [
        Binding("ctrl+t", "toggle_kind", "Articles/quotes", id="search.kind"),
        Binding("ctrl+s", "app.save_search", "Save this search", id="search.save"),
        Binding("down", "results", "Results", show=False, id="search.results"),
    ]

    class Changed(Message):
        """The query or the kind changed: the app schedules a (debounced) search.

        `at`: when (time.monotonic()), so that the debounce counts from the key, not from the
        app's turn to handle this message, a few hops and often a frame later (5-15 ms).
        """

        def __init__(self, query: str, kind: str) -> None:
            super().__init__()
            self.query = query
            self.kind = kind
            self.at = time.monotonic()

    class Submitted(Message):
        """Enter in the query box: open the best hit of this query (once it is known)."""

        def __init__(self, query: str, kind: str) -> None:
            super().__init__()
            self.query = query
            self.kind = kind

    class Opened(Message):
        def __init__(self, hit: SearchHit) -> None:
            super().__init__()
            self.hit = hit

    class MoreWanted(Message):
        """The results list came near its end with more hits found than shown: load the next ones."""

        def __init__(self, query: str, kind: str, shown: int) -> None:
            super().__init__()
            self.query, self.kind, self.shown = query, kind, shown

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.kind = "article"
        self.result: SearchResult | None = None
        self._asked_for_more = -1  # hits shown when more was last asked for: once per page

    def compose(self) -> ComposeResult:
        yield Input(placeholder="search: words, \"phrases\", AND OR NOT, title:…", id="search-input")
        yield Static(render.plain(KIND_HINT, "$text-muted"), id="search-status")
        yield NavList(id="search-results")

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def option_list(self) -> NavList:
        return self.query_one(NavList)

    @property
    def query_text(self) -> str:
        return self.input.value

    def set_status(self, text: str) -> None:
        """The line under the query box; its height is fixed, so the results below never move."""
        self.query_one("#search-status", Static).update(render.plain(text or KIND_HINT, "$text-muted"), layout=False)

    def show_result(
        self, result: SearchResult, prompts: list[Content] | None = None, keep_highlight: bool = False
    ) -> None:
        """List `result`; `prompts`: its hits' rows if already built (the search thread builds them);
        `keep_highlight`: the same search with more hits, so the cursor stays where it is."""
        kept = self.option_list.highlighted if keep_highlight else None
        kept_scroll = self.option_list.scroll_y if keep_highlight else 0
        self.result = result
        options: list[Option] = []
        if result.suggestion:
            options.append(Option(render.join(("Did you mean: ", "$text-muted"),
                                              (render.one_line(result.suggestion, 80), "bold $accent"), ("?", "")),
                                  id=SUGGESTION_ID))
        if prompts is None or len(prompts) != len(result.hits):
            prompts = [render.hit_prompt(hit) for hit in result.hits]
        options += [Option(prompt, id=str(number)) for number, prompt in enumerate(prompts)]
        self.option_list.set_options(options)
        if kept is not None and kept < len(options):
            self.option_list.highlighted = kept
            self.option_list.scroll_to(y=kept_scroll, animate=False, immediate=True)
        elif options:
            self.option_list.highlighted = 1 if result.suggestion and len(options) > 1 else 0
        if not keep_highlight:
            self._asked_for_more = -1
        shown = len(result.hits)
        kind = result.hits[0].kind if result.hits else self.kind  # `speaker:` searches quotes either way
        status = f"{result.total} {kind}{'s' if result.total != 1 else ''}"
        if shown < result.total:
            status += f" ({shown} shown, more as you scroll)"
        if result.note:
            status += " · " + render.one_line(result.note, 120)
        self.set_status(f"{status} · {KIND_HINT}")

    def on_mount(self) -> None:
        self.watch(self.option_list, "scroll_y", self._scrolled, init=False)

    def on_option_list_option_highlighted(self, event: NavList.OptionHighlighted) -> None:
        event.stop()
        if event.option_index >= self.option_list.option_count - MORE_MARGIN:
            self._want_more()

    def _scrolled(self, scroll_y: float) -> None:
        listing = self.option_list
        if listing.max_scroll_y and scroll_y >= listing.max_scroll_y - MORE_MARGIN:
            self._want_more()

    def _want_more(self) -> None:
        """Ask for the next hits, once for each length of the list, while there are more."""
        result = self.result
        if result is None or len(result.hits) >= result.total or self._asked_for_more == len(result.hits):
            return
        self._asked_for_more = len(result.hits)
        self.post_message(self.MoreWanted(self.query_text, self.kind, len(result.hits)))

    def action_results(self) -> None:
        """Down from the query box moves into the results (the list handles Down itself after)."""
        if self.option_list.option_count:
            self.option_list.focus()

    def run_query(self, query: str, kind: str) -> None:
        """Put a (saved) query in the box, of its kind, and search it."""
        self.kind = kind if kind in KINDS else KINDS[0]
        self.border_subtitle = render.plain(f"{self.kind}s")
        with self.input.prevent(Input.Changed):
            self.input.value = query
        self.input.cursor_position = len(query)
        self.post_message(self.Changed(query, self.kind))

    def action_toggle_kind(self) -> None:
        self.kind = KINDS[(KINDS.index(self.kind) + 1) % len(KINDS)]
        self.border_subtitle = render.plain(f"{self.kind}s")
        self.post_message(self.Changed(self.query_text, self.kind))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value, self.kind))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value, self.kind))

    def on_option_list_option_selected(self, event: NavList.OptionSelected) -> None:
        event.stop()
        if event.option.id == SUGGESTION_ID and self.result and self.result.suggestion:
            self.input.value = self.result.suggestion
            self.input.focus()
            return
        if self.result and event.option.id and event.option.id.isdigit():
            self.post_message(self.Opened(self.result.hits[int(event.option.id)]))
