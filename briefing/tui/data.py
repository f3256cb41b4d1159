"""What the app shows, gathered from the Workspace in a worker thread.

The app never calls the engine from the UI thread: a worker builds a `CorpusView` (the
list of sources, speakers and their colour slots, near-duplicates, "quoted in N sources")
and posts it. A source's text, quotes and figures are read when it is opened, from a
`Records` reader that does not wait for the Workspace (its lock is held while indexing);
a few recently opened ones are kept. That is what keeps the app's memory flat as the
corpus grows. Only this module knows how the Workspace is opened.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.models import (
    Figure,
    FigureGroup,
    LoadWarning,
    Quote,
    Source,
    SourceEntry,
    SourceRecord,
    Speaker,
)

QuoteKey = tuple[str, int, int]
RECENT_RECORDS = 64  # sources kept read: the open one, the ones around it, the search results


def quote_key(quote: Quote) -> QuoteKey:
    return (quote.source, quote.start, quote.end)


def open_workspace(corpus_dir: Path | None, index_dir: Path | None) -> Any:
    from briefing.workspace import Workspace

    return Workspace.open(corpus_dir, index_dir)


@dataclass(slots=True)
class CorpusView:
    name: str
    corpus_dir: Path | None
    records: Any  # briefing.workspace.Records: one source with its quotes and figures, by id
    sources: list[SourceEntry] = field(default_factory=list)
    warnings: list[LoadWarning] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    disputes: list[FigureGroup] = field(default_factory=list)  # figures the sources disagree on
    extracted: bool = True  # False while only the articles are known (quotes and figures still coming)
    by_id: dict[str, SourceEntry] = field(default_factory=dict)
    duplicates: dict[str, tuple[str, ...]] = field(default_factory=dict)  # source id -> near-duplicate ids
    speaker_slot: dict[str, int] = field(default_factory=dict)  # speaker -> colour slot
    _recent: OrderedDict[str, tuple[SourceRecord, list[Figure]]] = field(default_factory=OrderedDict)
    _all_quotes: list[Quote] | None = None
    _shared: dict[QuoteKey, int] | None = None  # read with every quote: the sources quoting each

    def entry(self, source_id: str) -> SourceEntry | None:
        return self.by_id.get(source_id)

    def _read(self, source_id: str) -> tuple[SourceRecord, list[Figure]] | None:
        """The record and its ranked key figures, from the recent ones or the reader."""
        found = self._recent.get(source_id)
        if found is not None:
            self._recent.move_to_end(source_id)
            return found
        if source_id not in self.by_id:
            return None
        from briefing.figure_summary import key_figures

        record = self.records.get(source_id)
        found = (record, key_figures(record.figures))
        self._recent[source_id] = found
        if len(self._recent) > RECENT_RECORDS:
            self._recent.popitem(last=False)
        return found

    def record(self, source_id: str) -> SourceRecord | None:
        found = self._read(source_id)
        return found[0] if found else None

    def source(self, source_id: str) -> Source | None:
        """The whole source, text included; `entry` is enough for a title."""
        record = self.record(source_id)
        return record.source if record else None

    def quotes_of(self, source_id: str) -> tuple[Quote, ...]:
        record = self.record(source_id)
        return record.quotes if record else ()

    def figures_of(self, source_id: str) -> tuple[Figure, ...]:
        record = self.record(source_id)
        return record.figures if record else ()

    def key_figures_of(self, source_id: str) -> list[Figure]:
        found = self._read(source_id)
        return found[1] if found else []

    def all_quotes(self) -> list[Quote]:
        """Every quote of the corpus, read on first use (the quotes pane's "all sources")."""
        if self._all_quotes is None:
            self._all_quotes = list(self.records.quotes()) if self.extracted else []
            self._shared = self.records.shared() if self.extracted else {}
        return self._all_quotes

    def quote_at(self, key: QuoteKey) -> Quote | None:
        for quote in self.quotes_of(key[0]):
            if quote_key(quote) == key:
                return quote
        return None

    def figure_at(self, source_id: str, start: int, end: int) -> Figure | None:
        for figure in self.figures_of(source_id):
            if (figure.start, figure.end) == (start, end):
                return figure
        return None

    def sources_quoted_in(self, quote: Quote) -> int:
        if self._shared is not None:
            return self._shared.get(quote_key(quote), 1)
        record = self.record(quote.source)
        return record.sources_quoting(quote) if record else 1


def sources_view(ws: Any) -> CorpusView:
    """Only the articles: enough to list and read them while extraction (or comparing) runs.

    A snapshot not yet compared (the first opening after `briefing index`) gives everything but
    the comparison, from its catalog: reading every text here would make the comparison that
    follows hold them all too: the app peaked at 442 MB at 22,250 articles, 288 MB without.
    """
    from briefing.workspace import MemoryRecords

    if ws.extractions_cached():
        return index_view(_extracted_view(ws))
    loaded = ws.load()
    records = MemoryRecords({s.id: SourceRecord(s) for s in loaded.sources})
    entries = [SourceEntry(s.id, s.title, s.date, s.outlet) for s in loaded.sources]
    view = CorpusView(name=ws.name, corpus_dir=ws.corpus_dir, records=records, sources=entries,
                      warnings=list(loaded.warnings), extracted=False)
    return index_view(view)


def build_view(ws: Any) -> CorpusView:
    """Ask the Workspace for everything the panes show; runs in a worker thread.

    Then the Workspace may let go of the texts it holds: the view reads them back one by one.
    """
    disputes = ws.disputes()  # first: comparing may extract, and it writes the snapshot the rest is read from
    view = _extracted_view(ws)
    view.disputes = disputes
    ws.release()
    return index_view(view)


def _extracted_view(ws: Any) -> CorpusView:
    """Every pane's data but the disputed figures."""
    return CorpusView(
        name=ws.name, corpus_dir=ws.corpus_dir, records=ws.records(), sources=ws.entries(),
        warnings=ws.file_warnings(), speakers=sorted(ws.speakers(), key=lambda s: (-s.quote_count, s.name)),
    )


def index_view(view: CorpusView) -> CorpusView:
    """Fill the lookups of `view` from its records (pure; tested without a Workspace)."""
    view.by_id = {s.id: s for s in view.sources}
    view.duplicates = {s.id: s.duplicates for s in view.sources if s.duplicates}
    view.speaker_slot = {s.name: i for i, s in enumerate(view.speakers)}
    return view
