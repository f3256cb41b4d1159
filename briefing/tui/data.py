"""What the app shows, gathered once from the Workspace in a worker thread.

The app never calls the engine from the UI thread: a worker builds a
`CorpusView` (plain lookups: quotes by source, key figures by source, speakers
and their colour slots, near-duplicates, "quoted in N sources") and posts it.
Only this module knows how the Workspace is opened.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.models import Comparison, Figure, LoadWarning, Quote, Source, Speaker

QuoteKey = tuple[str, int, int]


def quote_key(quote: Quote) -> QuoteKey:
    return (quote.source, quote.start, quote.end)


def open_workspace(corpus_dir: Path | None, index_dir: Path | None) -> Any:
    from briefing.workspace import Workspace

    return Workspace.open(corpus_dir, index_dir)


@dataclass(slots=True)
class CorpusView:
    name: str
    corpus_dir: Path | None
    sources: list[Source] = field(default_factory=list)
    warnings: list[LoadWarning] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    comparison: Comparison = field(default_factory=Comparison)
    by_id: dict[str, Source] = field(default_factory=dict)
    quotes_by_source: dict[str, list[Quote]] = field(default_factory=dict)
    figures_by_source: dict[str, list[Figure]] = field(default_factory=dict)  # every figure, by offset
    key_figures_by_source: dict[str, list[Figure]] = field(default_factory=dict)  # ranked
    duplicates: dict[str, list[str]] = field(default_factory=dict)  # source id -> near-duplicate ids
    shared_count: dict[QuoteKey, int] = field(default_factory=dict)  # quote -> sources quoting it
    speaker_slot: dict[str, int] = field(default_factory=dict)  # speaker -> colour slot

    def source(self, source_id: str) -> Source | None:
        return self.by_id.get(source_id)

    def quote_at(self, key: QuoteKey) -> Quote | None:
        for quote in self.quotes_by_source.get(key[0], ()):
            if quote_key(quote) == key:
                return quote
        return None

    def figure_at(self, source_id: str, start: int, end: int) -> Figure | None:
        for figure in self.figures_by_source.get(source_id, ()):
            if (figure.start, figure.end) == (start, end):
                return figure
        return None

    def sources_quoted_in(self, quote: Quote) -> int:
        return self.shared_count.get(quote_key(quote), 1)


def sources_view(ws: Any) -> CorpusView:
    """Only the articles: enough to list and read them while extraction runs."""
    loaded = ws.load()
    view = CorpusView(name=ws.name, corpus_dir=ws.corpus_dir, sources=list(loaded.sources),
                      warnings=list(loaded.warnings))
    view.by_id = {s.id: s for s in view.sources}
    return view


def build_view(ws: Any) -> CorpusView:
    """Ask the Workspace for everything the panes show; runs in a worker thread."""
    from briefing.figures import key_figures

    loaded = ws.load()
    view = CorpusView(name=ws.name, corpus_dir=ws.corpus_dir, sources=list(loaded.sources),
                      warnings=list(loaded.warnings))
    view.by_id = {s.id: s for s in view.sources}
    view.quotes = list(ws.quotes())
    view.speakers = sorted(ws.speakers(), key=lambda s: (-s.quote_count, s.name))
    view.comparison = ws.comparison()
    return index_view(view, list(ws.figures()), key_figures)


def index_view(view: CorpusView, figures: list[Figure], rank: Any) -> CorpusView:
    """Fill the lookups of `view` from its records (pure; tested without a Workspace)."""
    by_source: dict[str, list[Quote]] = defaultdict(list)
    for quote in sorted(view.quotes, key=lambda q: (q.source, q.start)):
        by_source[quote.source].append(quote)
    view.quotes_by_source = dict(by_source)
    figs: dict[str, list[Figure]] = defaultdict(list)
    for figure in sorted(figures, key=lambda f: (f.source, f.start)):
        figs[figure.source].append(figure)
    view.figures_by_source = dict(figs)
    view.key_figures_by_source = {sid: list(rank(fs)) for sid, fs in figs.items()}
    dups: dict[str, list[str]] = defaultdict(list)
    for dup in view.comparison.duplicates:
        dups[dup.a].append(dup.b)
        dups[dup.b].append(dup.a)
    view.duplicates = dict(dups)
    for shared in view.comparison.shared_quotes:
        count = len(shared.sources)
        for quote in shared.quotes:
            view.shared_count[quote_key(quote)] = count
    slots = {s.name: i for i, s in enumerate(view.speakers)}
    for quote in view.quotes:
        if quote.speaker and quote.speaker not in slots:
            slots[quote.speaker] = len(slots)
    view.speaker_slot = slots
    return view

