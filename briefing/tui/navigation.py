"""Moving around the app: the panes and focus, opening an article, Back to where it was opened
from, and Back/Forward through the articles opened (`history.py`).

A mixin of `BriefingApp`: it reads and sets the app's state (`view`, `current`, `state`) and
calls its `_save_state`. Handlers are named (`on_reader_hit_moved`), not `@on`-decorated:
Textual gathers decorated handlers only from classes that are message pumps themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Static

from briefing.models import Quote, SearchHit
from briefing.titles import short_id
from briefing.tui import render
from briefing.tui.history import History, Visit
from briefing.tui.widgets.figures import FiguresPane
from briefing.tui.widgets.quotes import QuotesPane
from briefing.tui.widgets.reader import Article, Reader
from briefing.tui.widgets.search import SearchPane
from briefing.tui.widgets.sources import SourcesPane

if TYPE_CHECKING:
    from briefing.tui.app import BriefingApp

PANES = ("left", "reader-pane", "quotes", "figures")
PANE_NAMES = ("Sources", "Reader", "Quotes", "Figures")


def tab_line(active: int) -> Content:
    """The tab strip of narrow terminals, pane `active` (0-3) highlighted."""
    return render.join(*((f" {index + 1} {name} ", "bold reverse" if index == active else "$text-muted")
                         for index, name in enumerate(PANE_NAMES)))


class Navigation:
    """Panes, focus, opening articles, Back and Forward (mixed into BriefingApp)."""

    history: History
    _origin: Widget | None  # what had focus when the reader was last opened from another pane

    def _init_navigation(self) -> None:
        self.history = History()
        self._origin = None

    # -- opening things --------------------------------------------------
    def on_search_pane_opened(self: BriefingApp, message: SearchPane.Opened) -> None:
        self.open_hit(message.hit)

    def on_sources_pane_opened(self: BriefingApp, message: SourcesPane.Opened) -> None:
        self.open_source(message.source_id)

    def on_quotes_pane_opened(self: BriefingApp, message: QuotesPane.Opened) -> None:
        quote = message.quote
        if self.state.mark_quote_read((quote.source, quote.start, quote.end)):  # saved with the source's mark
            pane = self.query_one(QuotesPane)
            pane.read = self.state.read_quotes
            pane.refresh_items()
        self.open_source(quote.source, at=quote.start)

    def on_figures_pane_opened(self: BriefingApp, message: FiguresPane.Opened) -> None:
        self.open_source(message.figure.source, at=message.figure.start)

    def open_hit(self: BriefingApp, hit: SearchHit) -> None:
        if hit.quote is not None:
            at = hit.quote.start
        elif hit.fragments and hit.fragments[0].hits:
            at = hit.fragments[0].start + hit.fragments[0].hits[0][0]
        else:
            at = hit.offsets[0][0] if hit.offsets else None
        self.hits_by_source[hit.source] = hit.offsets
        self.open_source(hit.source, at=at)

    def open_source(
        self: BriefingApp, source_id: str, at: int | None = None, focus: bool = True, record: bool = True
    ) -> None:
        """Show an article, the cursor at body offset `at`; `focus`: move to the reader, remembering
        where from (Esc goes back there); `record`: a new step in the Back/Forward history."""
        view = self.view
        source = view.source(source_id) if view else None
        if view is None or source is None:
            return
        reader = self.query_one(Reader)
        if record:
            if reader.article is not None:
                self.history.remember_offset(reader.cursor_offset)
            self.history.visit(Visit(source_id, at or 0))
        if focus:
            self._remember_origin()
        self.current = source_id
        article = Article(
            source=source,
            quotes=view.quotes_of(source_id),
            figures=view.figures_of(source_id),
            hits=tuple(self.hits_by_source.get(source_id, ())),
            speaker_slot=view.speaker_slot,
        )
        reader.show(article, at=at)
        self._update_head()
        self.query_one(SourcesPane).select(source_id)
        self.query_one(QuotesPane).show_source(source_id)
        self.query_one(FiguresPane).show_source(source_id)
        newly_read = focus and self.state.mark_read(source_id)  # opened by the user, not shown at start
        if newly_read:
            self._show_read()
        if self.state.last_source != source_id or newly_read:
            self.state.last_source = source_id
            self._save_state()
        if focus:
            self._activate(1)
            reader.focus()

    def _remember_origin(self: BriefingApp) -> None:
        """The list the reader is opened from: its results, not the box the query was typed in."""
        focused = self.focused
        pane = self._pane_of(focused)
        if focused is None or pane is None or pane == 1:
            return  # from the reader itself (Back, Forward, the palette over it): the origin stays
        if focused.id == "source-filter":
            focused = self.query_one(SourcesPane).option_list
        search = self._search_pane()
        if search is not None and focused is search.input and search.option_list.option_count:
            focused = search.option_list
        self._origin = focused

    def action_history(self: BriefingApp, direction: int) -> None:
        """Back (-1) or Forward (1) through the articles opened, to where the cursor was."""
        if self.current is not None:
            self.history.remember_offset(self.query_one(Reader).cursor_offset)
        visit = self.history.step(direction)
        if visit is None or self.view is None or self.view.source(visit.source) is None:
            self.notify("No more articles " + ("back" if direction < 0 else "forward"), markup=False, timeout=2)
            return
        self.open_source(visit.source, at=visit.offset, focus=False, record=False)
        self._activate(1)
        self.query_one(Reader).focus()
        number, total = self.history.position()
        title = render.one_line(self.view.by_id[visit.source].title, 50)
        self.notify(f"{'Back' if direction < 0 else 'Forward'} ({number}/{total}): {title}", markup=False, timeout=2)

    # -- the header over the reader ------------------------------------
    def _update_head(self: BriefingApp, quote: Quote | None = None) -> None:
        if self.view is None or self.current is None:
            return
        source = self.view.by_id[self.current]  # its entry: the title and dates are enough here
        reader = self.query_one(Reader)
        parts: list[tuple[str, str]] = [
            (render.one_line(source.title, 160), "bold"),
            ("\n" + render.source_meta(source), "$text-muted"),
        ]
        dups = self.view.duplicates.get(source.id)
        if dups:  # named: "of 1" read as "of source 1"
            other = self.view.by_id.get(dups[0])
            named = short_id(dups[0]) + (f" “{render.one_line(other.title, 40)}”" if other else "")
            more = f" and {len(dups) - 1} more" if len(dups) > 1 else ""
            parts.append((f"  {render.DUP_MARK} near-copy of {named}{more}", "$warning"))
        number, total = reader.hit_position
        if total:
            parts.append((f"  hits {number}/{total} (n/N)", "$text-accent"))
        quote = quote if quote is not None else reader.quote_under_cursor
        if quote is not None:
            speaker = quote.speaker or quote.speaker_as_written or "unattributed"
            parts.append(("\nSpeaker: ", "$text-muted"))
            colour = render.speaker_style(quote.speaker, self.view.speaker_slot)
            parts.append((render.one_line(speaker, 60), f"bold {colour}"))
            if quote.kind == "partial":
                parts.append((" (partial quote)", "$text-muted"))
        else:
            parts.append(("\n ", ""))
        self.query_one("#article-head", Static).update(render.join(*parts))

    def on_reader_quote_under_cursor(self: BriefingApp, message: Reader.QuoteUnderCursor) -> None:
        self._update_head(message.quote)

    def on_reader_hit_moved(self: BriefingApp, message: Reader.HitMoved) -> None:
        self._update_head()
        if message.wrapped:  # as less and vim say it: the search went round
            where = "first" if message.number == 1 else "last"
            self.notify(f"Back to the {where} hit ({message.number}/{message.total})", markup=False, timeout=2)

    # -- panes and focus -------------------------------------------------
    def _pane_of(self, widget: Widget | None) -> int | None:
        while widget is not None:
            if widget.id in PANES:
                return PANES.index(widget.id)
            widget = widget.parent  # type: ignore[assignment]
        return None

    def _activate(self: BriefingApp, number: int) -> None:
        if number == self._active:
            return
        self._active = number
        for index, pane_id in enumerate(PANES):
            self.query_one(f"#{pane_id}").set_class(index == number, "-active")
        self.query_one("#tabs", Static).update(tab_line(number), layout=False)  # one line, always

    def on_descendant_focus(self: BriefingApp, event: Any) -> None:
        if not self.screen_stack:  # closing: focus moves while the screens go
            return
        number = self._pane_of(self.focused)
        if number is not None:
            self._activate(number)

    def _focus_target(self: BriefingApp, number: int) -> Widget:
        if number == 0:
            left = self.query_one("#left", ContentSwitcher)
            if left.current == "search":
                return self.query_one(SearchPane).input
            return self.query_one(SourcesPane).option_list
        if number == 1:
            return self.query_one(Reader)
        if number == 2:
            return self.query_one(QuotesPane).option_list
        return self.query_one(FiguresPane).option_list

    def action_pane(self: BriefingApp, number: int) -> None:
        if number == 0:  # `1` is the sources list; `/` brings the search back as it was
            self.query_one("#left", ContentSwitcher).current = "sources"
        self._activate(number)
        self._focus_target(number).focus()

    def _current_pane(self: BriefingApp) -> int:
        number = self._pane_of(self.focused)
        return 1 if number is None else number

    def _cycle(self: BriefingApp, step: int) -> None:
        number = (self._current_pane() + step) % len(PANES)
        self._activate(number)
        self._focus_target(number).focus()  # the left pane keeps showing search or sources

    def action_next_pane(self) -> None:
        self._cycle(1)  # type: ignore[attr-defined]

    def action_previous_pane(self) -> None:
        self._cycle(-1)  # type: ignore[attr-defined]

    async def action_search(self: BriefingApp) -> None:
        await self._mount_search()
        self.query_one("#left", ContentSwitcher).current = "search"
        self._activate(0)
        # At once, not on the next turn: keys typed while the pane was being mounted are queued behind this.
        self.screen.set_focus(self.query_one(SearchPane).input)

    def action_back(self: BriefingApp) -> None:
        """Esc: out of the filter or the search, off a speaker filter, from the reader back to where it was
        opened from (the results, the quote, the list), from any other pane to the reader."""
        focused = self.focused
        left = self.query_one("#left", ContentSwitcher)
        pane = self._pane_of(focused)
        if focused is not None and focused.id == "source-filter":
            self.query_one(SourcesPane).option_list.focus()
        elif pane == 0 and left.current == "search":
            left.current = "sources"
            self.query_one(SourcesPane).option_list.focus()
        elif pane == 1:
            self._back_to_origin()
        elif self.query_one(QuotesPane).only_speaker:
            self.action_speaker()
        else:
            self.action_pane(1)

    def _back_to_origin(self: BriefingApp) -> None:
        origin = self._origin
        number = self._pane_of(origin) if origin is not None and origin.is_mounted else None
        if origin is None or number is None:
            self.action_pane(0)  # opened at start: the list it came first in
            return
        if number == 0:  # the left pane shows search or sources: the one the reader was opened from
            in_search = any(isinstance(node, SearchPane) for node in origin.ancestors)
            self.query_one("#left", ContentSwitcher).current = "search" if in_search else "sources"
        self._activate(number)
        origin.focus()
