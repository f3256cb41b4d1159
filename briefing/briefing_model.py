"""One briefing, as data: what every section of the export and the app's at-a-glance panes show.

The export's sections and the app's quotes and figures panes all read from here, so a
speaker, a "quoted in N sources" or a comparison status can never differ between two
places. Pure (records in, dataclasses out); no Markdown, no UI: `briefing.export_markdown`
writes it down, the widgets show it.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from briefing.figure_summary import format_value
from briefing.hygiene import printable
from briefing.models import Comparison, Figure, FigureGroup, Pin, Quote, SearchHit, Source
from briefing.quote_entries import (
    KIND_ORDER,
    PHRASES_PER_SPEAKER,
    QuoteEntry,
    SpeakerKind,
    SpeakerSection,
    Variant,
    excerpt,
    fold_words,
    is_scare_quote,
    one_line,
    quote_entries,
    representative,
    span_key,
    speaker_sections,
)
from briefing.titles import open_marks, shorten

__all__ = [  # the quote side of the model is re-exported: one import for the export and the app
    "KIND_ORDER", "PHRASES_PER_SPEAKER", "STATUS_WORDS", "Briefing", "ExportError", "ExportRequest",
    "FigureRow", "FigureTable", "QuoteEntry", "SourceRef", "SpeakerKind", "SpeakerSection", "Variant",
    "build_briefing", "display_title", "excerpt", "figure_table", "fold_words", "group_fields",
    "is_scare_quote", "normalised", "one_line", "per_year_text", "quote_entries", "representative",
    "speaker_sections",
]

Scope = Literal["all", "pinned", "query", "sources"]
Status = Literal["agree", "timeline", "disagree"]
KeyFigures = Callable[[Sequence[Figure], int | None], list[Figure]]

QUOTES_PER_SPEAKER = 8  # full quotes under one speaker before "and N more" (lifted by --full)
SPEAKERS = 25  # speakers shown before "and N more speakers"
FIGURE_TABLES = 12  # comparison tables before "and N more"
OTHER_FIGURES = 10  # single-source key figures in their table
PINNED_FIGURES = 5  # key figures a pinned source brings into a pinned export
KEY_FIGURES = 3  # figure groups among the key points
KEY_SPEAKERS = 3  # speakers among the key points
KEY_DUPLICATES = 5  # near-duplicate pairs among the key points
TITLE_CHARS = 80  # a lead sentence standing in for a title is cut at a word past this
SEARCH_LIMIT = 50  # hits exported for a query
STATUS_ORDER: dict[str, int] = {"disagree": 0, "timeline": 1, "agree": 2}
STATUS_WORDS = {  # how every view of the briefing says a comparison status
    "disagree": "sources disagree",
    "timeline": "a timeline (the value moves with the date)",
    "agree": "sources agree",
    "single": "one source each",
}


class ExportError(Exception):
    """The export cannot be made or written; the message is one line naming the problem."""


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What goes into the briefing.

    `scope="query"` takes the hits for `query` (restricted to `source_ids` when given);
    `"sources"` the listed sources, in that order; `"pinned"` only the `pins`; `"all"`
    everything. `full` lifts the caps that keep a large briefing navigable.
    """

    scope: Scope = "all"
    title: str | None = None
    query: str | None = None
    source_ids: tuple[str, ...] = ()
    pins: tuple[Pin, ...] = ()
    full: bool = False

    def __post_init__(self) -> None:
        if self.scope not in ("all", "pinned", "query", "sources"):
            raise ExportError(f"unknown export scope: {printable(str(self.scope))}")
        if self.scope == "query" and not " ".join((self.query or "").split()):
            raise ExportError("an export of a search needs a query")
        if self.scope == "sources" and not self.source_ids:
            raise ExportError("an export of sources needs at least one source id")


# --- the records ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A source as the briefing cites it: `number` is its citation label."""

    id: str
    number: int
    title: str  # a headline, or the lead sentence cut at a word with "…"
    headline: bool  # False: `title` is taken from the lead
    date: date | None
    outlet: str | None
    author: str | None
    url: str | None
    file: str  # relative to the corpus folder's parent: the last resort for finding it


@dataclass(frozen=True, slots=True)
class FigureRow:
    figure: Figure
    value: str  # normalised: "£700m"
    written: str  # as the source wrote it, with its hedge and period: "more than £ 700 meters (Since 2018)"
    date: date | None
    measure: str
    per_year: float | None = None


@dataclass(frozen=True, slots=True)
class FigureTable:
    label: str
    status: Status | Literal["single"]
    rows: tuple[FigureRow, ...]
    elsewhere: int = 0  # rows of the group in sources outside the briefing

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.figure.source for r in self.rows))


@dataclass(frozen=True, slots=True)
class KeySpeaker:
    section: SpeakerSection
    quote: QuoteEntry | None  # the most representative full quote
    total: int  # quotes by them in the briefing


@dataclass(frozen=True, slots=True)
class Duplicate:
    a: str
    b: str
    overlap: float


@dataclass(slots=True)
class Briefing:
    title: str
    corpus: str
    request: ExportRequest
    sources: list[SourceRef]  # in the briefing, numbered in this order
    speakers: list[SpeakerSection]
    hidden_speakers: int
    figure_tables: list[FigureTable]
    hidden_tables: int
    other_figures: FigureTable | None
    key_figures: list[FigureTable]
    key_speakers: list[KeySpeaker]
    duplicates: list[Duplicate]
    hidden_duplicates: int
    matches: list[SearchHit] = field(default_factory=list)
    missing_pins: int = 0
    by_id: dict[str, SourceRef] = field(init=False)  # each citation looks its source up here

    def __post_init__(self) -> None:
        self.by_id = {s.id: s for s in self.sources}

    @property
    def undated(self) -> int:
        return sum(1 for s in self.sources if s.date is None)

    @property
    def dates(self) -> tuple[date, date] | None:
        known = [s.date for s in self.sources if s.date]
        return (min(known), max(known)) if known else None

    @property
    def outlets(self) -> list[str]:
        return sorted({s.outlet for s in self.sources if s.outlet})

    @property
    def quote_count(self) -> int:
        return sum(s.shown for s in self.speakers)

    @property
    def tables(self) -> list[FigureTable]:
        return self.figure_tables + ([self.other_figures] if self.other_figures else [])

    def counts(self) -> dict[str, int]:
        """What the body shows, as the front matter states it."""
        return {
            "sources": len(self.sources),
            "undated": self.undated,
            "speakers": len(self.speakers),
            "quotes": self.quote_count,
            "figure_tables": len(self.tables),
        }


# --- the one place that reads the comparison's figure statuses ----------------------------------


def group_fields(group: FigureGroup) -> tuple[Status, str, tuple[float | None, ...]]:
    """(status, label, per-year rates) of a figure group: the analysis's own, the label falling back on the topic."""
    return group.status, group.label or group.topic, tuple(group.per_year)


def figure_table(group: FigureGroup, dates: Mapping[str, date | None], wanted: set[str] | None = None) -> FigureTable:
    """A group as a table: every row, or the rows of the `wanted` sources."""
    status, label, per_year = group_fields(group)
    rows = []
    for i, f in enumerate(group.figures):
        if wanted is not None and f.source not in wanted:
            continue
        rows.append(figure_row(f, dates.get(f.source), per_year[i] if i < len(per_year) else None))
    return FigureTable(label, status, tuple(rows), len(group.figures) - len(rows))


def figure_row(f: Figure, when: date | None, per_year: float | None = None) -> FigureRow:
    written = " ".join(p for p in (f.qualifier, f.text) if p)
    if f.period:
        written += f" ({f.period})"
    return FigureRow(f, normalised(f), written, when, f.measure or "", per_year)


def normalised(f: Figure) -> str:
    """The value as a reader writes it, whatever the article's spelling ("£ 700 meters" -> "£700m")."""
    try:
        return format_value(f)
    except (ValueError, OverflowError):
        return f.text


def per_year_text(f: Figure, rate: float) -> str:
    """A per-year rate in the figure's own unit, to three significant figures (a rate is an estimate:
    £700m over seven years is "£100m a year", not "£99.99m")."""
    from dataclasses import replace

    return normalised(replace(f, value=float(f"{rate:.3g}"))) + " a year"


# --- sources ------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s")


def display_title(source: Source, limit: int = TITLE_CHARS) -> tuple[str, bool]:
    """(title, is a headline): a real headline as it is, else the lead sentence cut at a word with "…"."""
    title = one_line(source.title)
    lead = one_line(source.lead) or one_line(source.body)
    if title and not lead.startswith(title.rstrip("…").rstrip()):
        return title, True
    match = _SENTENCE_END.search(lead + " ")
    sentence = (lead[: match.start() + 1].strip() if match else lead) or title
    cut = shorten(sentence, limit)
    if cut == sentence and len(lead) > len(sentence) and not sentence.endswith((".", "!", "?", "”", "…")):
        cut = shorten(sentence + " …", limit) if open_marks(sentence) else sentence + "…"
    return cut, False


def source_ref(source: Source, number: int, base: Path | None) -> SourceRef:
    title, headline = display_title(source)
    path = Path(source.path)
    file = path.as_posix()
    if base is not None:
        with contextlib.suppress(ValueError):  # not under the corpus folder: the whole path
            file = (Path(base.name) / path.relative_to(base)).as_posix()
    file = printable(file)  # shown, not opened: a name's bytes that are not UTF-8 become U+FFFD
    return SourceRef(source.id, number, title, headline, source.date, source.outlet, source.author,
                     source.url, file)


# --- the briefing ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Scope:
    ids: list[str]
    quotes: list[Quote]
    figures: list[Figure] | None  # None: all figures of the sources in scope
    hits: list[SearchHit] = field(default_factory=list)
    missing: int = 0


def _scope(
    request: ExportRequest, by_id: Mapping[str, Source], quotes: Sequence[Quote],
    figures: Sequence[Figure], hits: Sequence[SearchHit], rank: KeyFigures,
) -> _Scope:
    unknown = [sid for sid in request.source_ids if sid not in by_id]
    if unknown:
        names = ", ".join(printable(sid) for sid in unknown[:5])
        raise ExportError(f"unknown source id{'s' if len(unknown) > 1 else ''}: {names}")
    if request.scope == "pinned":
        quote_at = {span_key(q): q for q in quotes}
        figure_at = {span_key(f): f for f in figures}
        ids: list[str] = []
        pinned_q: dict[tuple, Quote] = {}
        pinned_f: dict[tuple, Figure] = {}
        missing = 0
        for pin in request.pins:
            key = (pin.source, -1 if pin.start is None else pin.start, -1 if pin.end is None else pin.end)
            if pin.kind == "source" and pin.source in by_id:
                ids.append(pin.source)
            elif pin.kind == "quote" and key in quote_at:
                pinned_q[key] = quote_at[key]
                ids.append(pin.source)
            elif pin.kind == "figure" and key in figure_at:
                pinned_f[key] = figure_at[key]
                ids.append(pin.source)
            else:
                missing += 1
        # a pinned source brings its quotes and its key figures: pinning an article means "this one"
        whole = {pin.source for pin in request.pins if pin.kind == "source" and pin.source in by_id}
        if whole:
            pinned_q.update((span_key(q), q) for q in quotes if q.source in whole)
            for sid in whole:
                pinned_f.update((span_key(f), f) for f in rank([f for f in figures if f.source == sid], PINNED_FIGURES))
        return _Scope(list(dict.fromkeys(ids)), list(pinned_q.values()), list(pinned_f.values()), missing=missing)
    chosen: list[SearchHit] = []
    if request.scope == "query":
        allowed = set(request.source_ids)
        chosen = [h for h in hits if h.source in by_id and (not allowed or h.source in allowed)]
        ids = list(dict.fromkeys(h.source for h in chosen))
    elif request.scope == "sources":
        ids = list(dict.fromkeys(request.source_ids))
    else:
        ids = list(by_id)
    wanted = set(ids)
    quote_hits = [h.quote for h in chosen if h.kind == "quote" and h.quote is not None]
    return _Scope(ids, quote_hits or [q for q in quotes if q.source in wanted], None, chosen)


def build_briefing(
    *,
    corpus_name: str,
    sources: Sequence[Source],
    quotes: Sequence[Quote],
    figures: Sequence[Figure],
    comparison: Comparison | None = None,
    request: ExportRequest | None = None,
    hits: Sequence[SearchHit] = (),
    key_figures: KeyFigures | None = None,
    base: Path | None = None,
) -> Briefing:
    """Everything a briefing says, from the Workspace's records. Raises ExportError for unknown ids."""
    request = request or ExportRequest()
    comparison = comparison or Comparison()
    rank = key_figures or (lambda figs, limit: list(figs) if limit is None else list(figs)[:limit])
    by_id = {s.id: s for s in sources}
    scope = _scope(request, by_id, quotes, figures, hits, rank)
    order = {sid: i for i, sid in enumerate(scope.ids)}
    wanted = set(scope.ids)
    refs = [source_ref(by_id[sid], n, base) for n, sid in enumerate(scope.ids, 1)]
    full = request.full

    in_scope = sorted(scope.quotes, key=lambda q: (order.get(q.source, len(order)), q.start))
    entries = quote_entries(in_scope, comparison.shared_quotes, order, wanted)
    # a quote the reader pinned stays, even one that looks like a scare quote: they chose it
    sections = speaker_sections(entries, cap=None if full else QUOTES_PER_SPEAKER,
                                keep_scare_quotes=request.scope == "pinned")
    shown_sections = sections if full else sections[:SPEAKERS]

    dates = {s.id: s.date for s in sources}
    scope_figures = scope.figures if scope.figures is not None else [f for f in figures if f.source in wanted]
    figure_keys = {span_key(f) for f in scope_figures}
    tables = []
    for group in comparison.figure_groups:
        if any(span_key(f) in figure_keys for f in group.figures):
            table = figure_table(group, dates, wanted if scope.figures is None else None)
            if scope.figures is not None:  # pinned: only the pinned figures of the group
                rows = tuple(r for r in table.rows if span_key(r.figure) in figure_keys)
                table = FigureTable(table.label, table.status, rows, len(table.rows) - len(rows) + table.elsewhere)
            tables.append(table)
    tables.sort(key=lambda t: STATUS_ORDER.get(t.status, 3))  # stable: the analysis's order within
    shown_tables = tables if full else tables[:FIGURE_TABLES]
    in_tables = {span_key(r.figure) for t in shown_tables for r in t.rows}
    if scope.figures is not None:
        singles = [f for f in scope.figures if span_key(f) not in in_tables]
    else:
        singles = _round_robin(
            [f for f in scope_figures if span_key(f) not in in_tables], scope.ids, rank, None if full else OTHER_FIGURES
        )
    other = FigureTable("Other key figures", "single", tuple(figure_row(f, dates.get(f.source)) for f in singles)) \
        if singles else None

    key_speakers = [
        KeySpeaker(s, representative(s), s.total)
        for s in sorted((s for s in shown_sections if s.name is not None), key=lambda s: -s.total)  # stable
    ][:KEY_SPEAKERS]
    duplicates = [Duplicate(d.a, d.b, d.overlap) for d in comparison.duplicates if d.a in wanted and d.b in wanted]

    title = one_line(request.title)
    query = one_line(request.query)
    corpus = one_line(corpus_name)
    if not title:
        title = f"Briefing: {corpus} — {query}" if request.scope == "query" else f"Briefing: {corpus}".strip()
    return Briefing(
        title=title,
        corpus=corpus_name,
        request=request,
        sources=refs,
        speakers=shown_sections,
        hidden_speakers=len(sections) - len(shown_sections),
        figure_tables=shown_tables,
        hidden_tables=len(tables) - len(shown_tables),
        other_figures=other,
        key_figures=[t for t in shown_tables if len(t.sources) > 1][:KEY_FIGURES],
        key_speakers=key_speakers,
        duplicates=duplicates if full else duplicates[:KEY_DUPLICATES],
        hidden_duplicates=0 if full else max(0, len(duplicates) - KEY_DUPLICATES),
        matches=scope.hits,
        missing_pins=scope.missing,
    )


def _round_robin(figures: Sequence[Figure], ids: Sequence[str], rank: KeyFigures, limit: int | None) -> list[Figure]:
    """Each source's best figure in turn, then each one's second: an overview, not the first article alone."""
    per_source: dict[str, list[Figure]] = {sid: [] for sid in ids}
    for f in figures:
        per_source.setdefault(f.source, []).append(f)
    ranked = [rank(figs, limit) for figs in per_source.values() if figs]
    out: list[Figure] = []
    depth = max((len(r) for r in ranked), default=0)
    for row in range(depth):
        for figs in ranked:
            if row < len(figs) and (limit is None or len(out) < limit):
                out.append(figs[row])
    return out
