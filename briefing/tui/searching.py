"""Searching as you type: the debounce, one search at a time in a worker, results that load more as
the list nears its end, Enter that opens the best hit.

A mixin of `BriefingApp` (its workspace, engine lock and search pane). Handlers are named
(`on_search_done`): Textual gathers `@on` handlers only from message pump classes.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from textual import work
from textual.worker import get_current_worker

from briefing.tui import render
from briefing.tui.messages import SearchDone
from briefing.tui.widgets.search import SearchPane

if TYPE_CHECKING:
    from briefing.tui.app import BriefingApp

SEARCH_DEBOUNCE = 0.15
SEARCH_LIMIT = 25  # a screenful and more; 50 with highlights doubles the wait on 2,000 articles


class Searching:
    """The search flow (mixed into BriefingApp)."""

    _search_serial: int
    _search_timer: Any
    _open_best_hit: bool
    _last_search: SearchDone | None

    def _init_searching(self) -> None:
        self._search_serial = 0
        self._search_timer = None
        self._open_best_hit = False
        self._last_search = None

    @work(thread=True, exclusive=True, exit_on_error=False, group="search")
    def run_search(self: BriefingApp, serial: int, query: str, kind: str, limit: int | None = None) -> None:
        worker = get_current_worker()
        limit = limit or SEARCH_LIMIT
        # One search at a time: a Whoosh searcher shared by threads returns zlib errors.
        # A thread cannot be stopped, so a superseded search gives way before it starts.
        with self._engine_lock:
            if worker.is_cancelled or serial != self._search_serial:
                return
            # After a failed sync (index busy), search the index as it is rather than wait again.
            # "article" lets the engine choose, so `speaker:` finds quotes without Ctrl+T.
            result = self.workspace.search(
                query, limit=limit, kind="auto" if kind == "article" else kind, sync=self.index_failure is None
            )
        if not worker.is_cancelled:
            # The rows too: Content is plain data, and the UI thread has the frame to draw.
            prompts = [render.hit_prompt(hit) for hit in result.hits]
            self.post_message(SearchDone(serial, query, kind, result, prompts))

    def on_search_done(self: BriefingApp, message: SearchDone) -> None:
        if message.serial != self._search_serial:
            return  # a newer query is on its way
        last, self._last_search = self._last_search, message
        pane = self.query_one(SearchPane)
        more = last is not None and (last.query, last.kind) == (message.query, message.kind)
        pane.show_result(message.result, message.prompts, keep_highlight=more)
        self.hits_by_source = {hit.source: hit.offsets for hit in message.result.hits}
        if self._open_best_hit:
            self._open_best_hit = False
            if message.result.hits:
                self.open_hit(message.result.hits[0])

    def on_search_pane_changed(self: BriefingApp, message: SearchPane.Changed) -> None:
        waited = time.monotonic() - message.at
        self._schedule_search(message.query, message.kind, delay=max(SEARCH_DEBOUNCE - waited, 0.0))

    def on_search_pane_more_wanted(self: BriefingApp, message: SearchPane.MoreWanted) -> None:
        """The results list scrolled near its end: the same search, SEARCH_LIMIT more hits."""
        last = self._last_search
        if last is None or (last.query, last.kind) != (message.query, message.kind):
            return
        self._schedule_search(message.query, message.kind, delay=0, limit=message.shown + SEARCH_LIMIT)

    def on_search_pane_submitted(self: BriefingApp, message: SearchPane.Submitted) -> None:
        last = self._last_search
        if last and last.query == message.query and last.kind == message.kind and last.serial == self._search_serial:
            if last.result.hits:
                self.open_hit(last.result.hits[0])
            return
        self._open_best_hit = True
        self._schedule_search(message.query, message.kind, delay=0)

    def _schedule_search(
        self: BriefingApp, query: str, kind: str, delay: float = SEARCH_DEBOUNCE, limit: int | None = None
    ) -> None:
        self._search_serial += 1
        serial = self._search_serial
        if self._search_timer is not None:
            self._search_timer.stop()
        pane = self.query_one(SearchPane)
        if not query.strip():
            pane.option_list.clear_options()
            pane.set_status("")
            self.hits_by_source = {}
            return
        if self.index_failure is not None:
            pane.set_status(f"search unavailable: {self.index_failure}")
            return
        if not self.index_ready or self.workspace is None:
            pane.set_status("indexing… the search runs when the index is ready")
            return
        if delay <= 0:
            # Not a 0 s timer: Textual's Timer divides by its interval, and the search never ran.
            # A newer query makes this one give way all the same (`serial`).
            self._search_timer = None
            self.call_later(self.run_search, serial, query, kind, limit)
            return
        self._search_timer = self.set_timer(delay, lambda: self.run_search(serial, query, kind, limit))
