"""The Sources pane: every article, sortable, filtered as you type."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input
from textual.widgets.option_list import Option

from briefing.models import Pin, SourceEntry
from briefing.tui import render
from briefing.tui.data import CorpusView
from briefing.tui.widgets.lists import NavList

SORTS = ("date", "title")
SAVED_PREFIX = "saved\x1f"  # option ids of saved searches; source ids are file stems, never this
FILTER_DEBOUNCE = 0.12


class SourceList(NavList):
    pass


class SourcesPane(Vertical):
    class Opened(Message):
        def __init__(self, source_id: str) -> None:
            super().__init__()
            self.source_id = source_id

    class SavedSearchChosen(Message):
        """Enter on a saved search listed above the sources."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    class Listed(Message):
        """The list was filled again (a filter, a sort, a new view): the status line says what it shows."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.view: CorpusView | None = None
        self.pins: list[Pin] = []
        self.read: set[str] = set()  # ids of the sources read (state.read_sources)
        self.saved_searches: dict[str, tuple[str, str]] = {}  # name -> (query, kind), listed first
        self.sort = "date"
        self._query = ""
        # Rows by everything they show: a filter key press or a new view re-renders only what changed.
        self._prompts: dict[tuple[object, ...], object] = {}
        self._timer: object | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter sources (f)", id="source-filter")
        yield SourceList(id="source-list")

    @property
    def option_list(self) -> SourceList:
        return self.query_one(SourceList)

    def set_view(self, view: CorpusView, pins: list[Pin]) -> None:
        self.view, self.pins = view, pins
        old, self._prompts = self._prompts, {}
        self.refresh_items(reuse=old)

    def _prompt(self, source: SourceEntry, pinned: bool, reuse: dict[tuple[object, ...], object]) -> object:
        unread = source.id not in self.read
        assert self.view is not None
        quotes, figures = source.quotes, source.key_figures
        duplicate = tuple(self.view.duplicates.get(source.id, ()))
        key = (source.id, source.title, source.outlet, source.date, quotes, figures, duplicate, pinned, unread)
        prompt = self._prompts.get(key, reuse.get(key))
        if prompt is None:
            prompt = render.source_prompt(source, quotes, figures, duplicate, pinned, unread=unread)
        self._prompts[key] = prompt
        return prompt

    def visible_sources(self) -> list[SourceEntry]:
        if self.view is None:
            return []
        needle = self._query.casefold()
        sources = [
            s for s in self.view.sources
            if not needle or needle in s.title.casefold() or needle in (s.outlet or "").casefold()
        ]
        if self.sort == "title":
            return sorted(sources, key=lambda s: s.title.casefold())
        return sorted(sources, key=lambda s: (s.date is None, -(s.date.toordinal() if s.date else 0), s.title))

    def refresh_items(self, reuse: dict[tuple[object, ...], object] | None = None) -> None:
        """List the visible sources; `reuse`: rows of the previous view, taken where unchanged."""
        if self.view is None:
            return
        view = self.view
        listing = self.option_list
        keep = listing.highlighted_id
        pinned = {p.source for p in self.pins if p.kind == "source"}
        reuse = reuse or {}
        saved = [] if self._query else [
            Option(render.saved_search_prompt(name, query, kind), id=SAVED_PREFIX + name)
            for name, (query, kind) in self.saved_searches.items()
        ]
        sources = [Option(self._prompt(s, s.id in pinned, reuse), id=s.id) for s in self.visible_sources()]
        options = saved + sources
        listing.set_options(options)
        ids = [o.id for o in options]
        if options:  # where it was, else the first source (not a saved search)
            listing.highlighted = ids.index(keep) if keep in ids else (len(saved) if sources else 0)
        self.border_subtitle = render.plain(f"{len(options)}/{len(view.sources)} · by {self.sort}")
        self.post_message(self.Listed())

    def summary(self) -> str:
        """What the list shows, said so an active filter or sort is never invisible: "1 of 5 · filter: x"."""
        if self.view is None:
            return ""
        total = len(self.view.sources)
        if self._query:
            shown = self.option_list.option_count
            text = f"{shown} of {total} · filter: {render.one_line(self._query, 30)}"
        else:
            text = f"{total} source{'s' if total != 1 else ''}"
        unread = sum(1 for source in self.view.sources if source.id not in self.read)
        text += f" · {unread} unread" if unread else " · all read"
        return text + (f" · by {self.sort}" if self.sort != SORTS[0] else "")

    def select(self, source_id: str) -> None:
        listing = self.option_list
        try:
            listing.highlighted = listing.get_option_index(source_id)
        except Exception:  # filtered out: leave the highlight alone
            return

    def action_filter(self) -> None:
        self.query_one(Input).focus()

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.refresh_items()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Filter after a short pause in typing: one rebuild per burst of keys, not one per key."""
        event.stop()
        self._query = event.value
        if self._timer is not None:
            self._timer.stop()  # type: ignore[attr-defined]
        self._timer = self.set_timer(FILTER_DEBOUNCE, self.refresh_items)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter opens the best match, as Enter in search does."""
        event.stop()
        if self._timer is not None:
            self._timer.stop()  # type: ignore[attr-defined]
            self._timer = None
            self.refresh_items()
        chosen = self.option_list.highlighted_id
        if chosen and not chosen.startswith(SAVED_PREFIX):
            self.post_message(self.Opened(chosen))
        else:
            self.option_list.focus()

    def on_option_list_option_selected(self, event: NavList.OptionSelected) -> None:
        event.stop()
        chosen = event.option.id
        if chosen and chosen.startswith(SAVED_PREFIX):
            self.post_message(self.SavedSearchChosen(chosen.removeprefix(SAVED_PREFIX)))
        elif chosen:
            self.post_message(self.Opened(chosen))
