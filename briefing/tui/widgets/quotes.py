"""The Quotes pane: quotes of the open article or the whole corpus, grouped by speaker.

Grouped as the exported briefing groups them (`briefing.briefing_model`): each quote once,
however many sources carry it, "quoted in N sources", its other wordings counted, scare
quotes left out, people first then organisations and roles.
"""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets.option_list import Option

from briefing import briefing_model as model
from briefing.models import Pin, Quote
from briefing.tui import render
from briefing.tui.data import CorpusView, QuoteKey, quote_key
from briefing.tui.widgets.lists import NavList


def option_id(quote: Quote) -> str:
    return f"q\x1f{quote.source}\x1f{quote.start}\x1f{quote.end}"


def parse_option_id(option_id: str | None) -> QuoteKey | None:
    if not option_id or not option_id.startswith("q\x1f"):
        return None
    source, start, end = option_id.split("\x1f", 1)[1].rsplit("\x1f", 2)
    return (source, int(start), int(end))


class QuotesPane(Vertical):
    BINDINGS = [
        Binding("a", "toggle_scope", "This/all", id="quotes.scope"),
    ]

    class Opened(Message):
        def __init__(self, quote: Quote) -> None:
            super().__init__()
            self.quote = quote

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.view: CorpusView | None = None
        self.pins: list[Pin] = []
        self.read: list[tuple[str, int, int]] = []  # the app's state.read_quotes, shared: opened quotes get a mark
        self.source_id: str | None = None
        self.all_sources = False
        self.speaker: str | None = None  # show only this speaker
        self.only_speaker = False
        self._grouped: tuple[tuple, tuple[list[model.SpeakerSection], int]] | None = None
        self._grouped_view: CorpusView | None = None  # the view `_grouped` was made from

    def compose(self) -> ComposeResult:
        yield NavList(id="quote-list")

    @property
    def option_list(self) -> NavList:
        return self.query_one(NavList)

    def set_view(self, view: CorpusView, pins: list[Pin]) -> None:
        self.view, self.pins = view, pins
        self.refresh_items()

    def show_source(self, source_id: str | None) -> None:
        self.source_id = source_id
        if not self.all_sources:
            self.refresh_items()

    def visible_quotes(self) -> list[Quote]:
        if self.view is None:
            return []
        if self.all_sources:
            quotes = list(self.view.all_quotes())
        else:
            quotes = list(self.view.quotes_of(self.source_id)) if self.source_id else []
        if self.only_speaker:
            quotes = [q for q in quotes if q.speaker == self.speaker]
        return quotes

    @property
    def selected(self) -> Quote | None:
        key = parse_option_id(self.option_list.highlighted_id)
        return self.view.quote_at(key) if key and self.view else None

    def refresh_items(self) -> None:
        view = self.view
        if view is None:
            return
        listing = self.option_list
        keep = listing.highlighted_id
        pinned = {(p.source, p.start, p.end) for p in self.pins if p.kind == "quote"}
        read = set(self.read)
        sections, left_out = self._sections(view)
        options: list[Option] = []
        for number, section in enumerate(sections):
            options.append(Option(render.speaker_header(section.name, section.shown, view.speaker_slot),
                                  id=f"h\x1f{number}", disabled=True))
            for entry in section.quotes + section.partials:
                quote = entry.occurrences[0]
                title = None
                if self.all_sources:
                    source = view.entry(quote.source)
                    title = source.title if source else quote.source
                options.append(Option(
                    quote_prompt(entry, view, quote_key(quote) in pinned, title, read=quote_key(quote) in read),
                    id=option_id(quote),
                ))
        listing.set_options(options)
        ids = [o.id for o in options]
        if keep in ids:
            listing.highlighted = ids.index(keep)
        else:
            first = next((i for i, o in enumerate(options) if not o.disabled), None)
            listing.highlighted = first
        scope = "all sources" if self.all_sources else "this article"
        who = f" · only {render.one_line(self.speaker or 'unattributed', 30)}" if self.only_speaker else ""
        count = sum(1 for o in options if not o.disabled)
        hidden = f" · {left_out} hidden" if left_out else ""  # scare quotes: phrases nobody is said to have said
        self.border_subtitle = render.plain(f"{count} · {scope}{who}{hidden}")

    def _sections(self, view: CorpusView) -> tuple[list[model.SpeakerSection], int]:
        """The visible quotes grouped as the briefing groups them; kept while the view and filters hold
        (8,600 quotes take 0.3 s to group, and pinning refreshes the list)."""
        key = (id(view), self.all_sources, self.source_id, self.only_speaker, self.speaker)
        if self._grouped is not None and self._grouped[0] == key and self._grouped_view is view:
            return self._grouped[1]
        order = {s.id: i for i, s in enumerate(view.sources)}
        quotes = sorted(self.visible_quotes(), key=lambda q: (order.get(q.source, len(order)), q.start))
        entries = model.quote_entries(quotes, order=order)
        sections = model.speaker_sections(entries, cap=None)
        grouped = (sections, len(entries) - sum(s.shown for s in sections))
        self._grouped, self._grouped_view = (key, grouped), view
        return grouped

    def highlight(self, quote: Quote) -> None:
        try:
            self.option_list.highlighted = self.option_list.get_option_index(option_id(quote))
        except Exception:
            return

    def action_toggle_scope(self) -> None:
        self.all_sources = not self.all_sources
        self.refresh_items()

    def toggle_speaker(self, speaker: str | None) -> bool:
        """Show only `speaker`'s quotes, or everyone again; returns True when filtering."""
        if self.only_speaker:
            self.only_speaker = False
        else:
            self.only_speaker, self.speaker = True, speaker
        self.refresh_items()
        return self.only_speaker

    def on_option_list_option_selected(self, event: NavList.OptionSelected) -> None:
        event.stop()
        key = parse_option_id(event.option.id)
        quote = self.view.quote_at(key) if key and self.view else None
        if quote is not None:
            self.post_message(self.Opened(quote))


def quote_prompt(
    entry: model.QuoteEntry, view: CorpusView, pinned: bool, title: str | None, *, read: bool = False
) -> object:
    """One quote as the briefing has it: its speaker's colour, the sources carrying it, its other wordings."""
    quote = entry.occurrences[0]
    shared = max(entry.quoted_in, view.sources_quoted_in(quote))
    prompt = render.quote_prompt(
        replace(quote, speaker=entry.speaker), view.speaker_slot, shared, pinned, None, read=read
    )
    extra: list[tuple[str, str]] = []
    wordings = len(entry.variants)
    if wordings > 1:
        extra.append((f"  {wordings} wordings", "$text-warning"))
    if title:
        extra.append(("\n  " + render.one_line(title, 80), "$text-muted"))
    return render.join((prompt.plain, ""), *extra, marks=list(prompt.spans)) if extra else prompt

