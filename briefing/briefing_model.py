"""One briefing, as data: what every section of the export and the app's at-a-glance panes show.

The export's sections and the app's quotes and figures panes all read from here, so a
speaker, a "quoted in N sources" or a comparison status can never differ between two
places. Pure (records in, dataclasses out); no Markdown, no UI: `briefing.export_markdown`
writes it down, the widgets show it.
"""

from __future__ import annotations

import contextlib
import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from briefing.figure_summary import format_value
from briefing.hygiene import printable
from briefing.models import Comparison, Figure, FigureGroup, Pin, Quote, SearchHit, SharedQuote, Source

Scope = Literal["all", "pinned", "query", "sources"]
Status = Literal["agree", "timeline", "disagree"]
SpeakerKind = Literal["person", "organisation", "role"]
KeyFigures = Callable[[Sequence[Figure], int | None], list[Figure]]

QUOTES_PER_SPEAKER = 8  # full quotes under one speaker before "and N more" (lifted by --full)
SPEAKERS = 25  # speakers shown before "and N more speakers"
FIGURE_TABLES = 12  # comparison tables before "and N more"
OTHER_FIGURES = 10  # single-source key figures in their table
KEY_FIGURES = 3  # figure groups among the key points
KEY_SPEAKERS = 3  # speakers among the key points
KEY_DUPLICATES = 5  # near-duplicate pairs among the key points
TITLE_CHARS = 80  # a lead sentence standing in for a title is cut at a word past this
EXCERPT_WORDS = 12  # a quote named in the key points: its first words only (the quote is under its speaker)
SEARCH_LIMIT = 50  # hits exported for a query
KIND_ORDER: dict[str, int] = {"person": 0, "organisation": 1, "role": 2}
STATUS_ORDER: dict[str, int] = {"disagree": 0, "timeline": 1, "agree": 2}


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
class Variant:
    """One wording of a quote and the sources that print it that way."""

    paragraphs: tuple[str, ...]
    sources: tuple[str, ...]
    relation: Literal["main", "shorter", "reworded"]  # to the main wording
    changed: tuple[tuple[int, int], ...] = ()  # "reworded": spans of `text` not in the main wording

    @property
    def text(self) -> str:
        return " ".join(self.paragraphs)


@dataclass(frozen=True, slots=True)
class QuoteEntry:
    """One quote, once, with every source in the briefing that carries it."""

    speaker: str | None
    speaker_kind: SpeakerKind
    kind: Literal["direct", "partial"]
    variants: tuple[Variant, ...]  # the main wording first
    sources: tuple[str, ...]  # in the briefing, in source order
    elsewhere: int  # sources outside the briefing carrying it too
    occurrences: tuple[Quote, ...]

    @property
    def main(self) -> Variant:
        return self.variants[0]

    @property
    def text(self) -> str:
        return self.main.text

    @property
    def quoted_in(self) -> int:
        return len(self.sources) + self.elsewhere


@dataclass(slots=True)
class SpeakerSection:
    name: str | None  # None: unattributed
    kind: SpeakerKind
    quotes: list[QuoteEntry]  # full quotes shown
    partials: list[QuoteEntry]  # phrases quoted, apart from the full quotes
    hidden: int = 0  # full quotes left out by the cap
    sources: tuple[str, ...] = ()

    @property
    def shown(self) -> int:
        return len(self.quotes) + len(self.partials)


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
    matches: list[SearchHit] = field(default_factory=list)
    missing_pins: int = 0

    @property
    def by_id(self) -> dict[str, SourceRef]:
        return {s.id: s for s in self.sources}

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
    """(status, label, per-year rates) of a figure group, whatever version of the analysis made it."""
    status = getattr(group, "status", "disagree" if group.disputed else "agree")
    label = getattr(group, "label", "") or group.topic
    per_year = tuple(getattr(group, "per_year", ()) or ())
    return status, label, per_year


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
    """A per-year rate in the figure's own unit."""
    from dataclasses import replace

    return normalised(replace(f, value=rate)) + " a year"


# --- quotes -------------------------------------------------------------------------------------

_FOLD = re.compile(r"[^\w]+")


def fold_words(text: str) -> list[str]:
    """Words compared across outlets: case, punctuation and quotation marks ignored."""
    return [w for w in _FOLD.split(text.replace("’", "'").replace("'", "").casefold()) if w]


_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")


def one_line(text: str | None) -> str:
    """Whitespace runs (line breaks included) as one space, control characters dropped."""
    if not text:
        return ""
    return " ".join(_CONTROLS.sub("", "".join(" " if ch.isspace() else ch for ch in text)).split())


def speaker_name(quote: Quote) -> str | None:
    """The canonical speaker on one line, or None when there is no printable name."""
    return one_line(quote.speaker) or None


def speaker_kind(quote: Quote) -> SpeakerKind:
    kind = getattr(quote, "speaker_kind", None)
    return kind if kind in KIND_ORDER else "person"


def is_scare_quote(entry: QuoteEntry) -> bool:
    """A phrase in quotation marks that is not somebody's words: never listed as a quote.

    A partial quote nobody is said to have said is a term or a scare quote ("safe"); so is
    a partial quote of one word, repeated or not ("operate", "one, one").
    """
    if entry.kind != "partial":
        return False
    return entry.speaker is None or len(set(fold_words(entry.text))) < 2


def _key(q: Quote | Figure) -> tuple[str, int, int]:
    return (q.source, q.start, q.end)


def quote_entries(
    quotes: Sequence[Quote],
    shared: Sequence[SharedQuote] = (),
    order: Mapping[str, int] | None = None,
    within: set[str] | None = None,
) -> list[QuoteEntry]:
    """`quotes` as entries: a quote the comparison found in several sources (or the same words
    twice) is one entry citing them all, with its wordings; first seen first.

    The sources cited are those of `quotes` and, of the comparison's others, those `within` the
    briefing; the rest count as `elsewhere`.
    """
    order = order if order is not None else {}
    shared_of: dict[tuple[str, int, int], int] = {}
    for n, sq in enumerate(shared):
        for q in sq.quotes:
            shared_of.setdefault(_key(q), n)
    by_words: dict[tuple[str, ...], object] = {}
    groups: dict[object, list[Quote]] = {}
    for q in quotes:
        words = tuple(fold_words(q.text))
        gid: object = shared_of.get(_key(q))
        if gid is None:
            gid = by_words.get(words, _key(q))
        by_words.setdefault(words, gid)
        groups.setdefault(gid, []).append(q)
    entries = []
    for gid, members in groups.items():
        if within and isinstance(gid, int):
            seen = {_key(q) for q in members}
            members += [q for q in shared[gid].quotes if q.source in within and _key(q) not in seen]
        members.sort(key=lambda q: (order.get(q.source, len(order)), q.start))
        group_shared = shared[gid] if isinstance(gid, int) else None
        speakers = Counter(name for q in members if (name := speaker_name(q)))
        if group_shared is not None:
            speakers.update(name for q in group_shared.quotes if (name := speaker_name(q)))
        speaker = speakers.most_common(1)[0][0] if speakers else None
        kind_of = next((q for q in members if speaker_name(q) == speaker), members[0])
        in_scope = tuple(dict.fromkeys(q.source for q in members))
        everywhere = set(in_scope) | set(group_shared.sources if group_shared else ())
        entries.append(QuoteEntry(
            speaker=speaker,
            speaker_kind=speaker_kind(kind_of),
            kind="direct" if any(q.kind == "direct" for q in members) else "partial",
            variants=_variants(members),
            sources=in_scope,
            elsewhere=len(everywhere) - len(in_scope),
            occurrences=tuple(members),
        ))
    return entries


def _paragraphs(q: Quote) -> tuple[str, ...]:
    paragraphs = tuple(" ".join(p.split()) for p in q.paragraphs if p.strip())
    return paragraphs or (" ".join(q.text.split()),)


def _variants(members: Sequence[Quote]) -> tuple[Variant, ...]:
    """The wordings of one quote: the longest is the main one; the others are cuts of it or rewordings."""
    wordings: dict[tuple[str, ...], tuple[tuple[str, ...], list[str]]] = {}
    for q in members:
        words = tuple(fold_words(q.text))
        paragraphs, sources = wordings.setdefault(words, (_paragraphs(q), []))
        if q.source not in sources:
            sources.append(q.source)
    ranked = sorted(wordings.items(), key=lambda kv: -len(kv[0]))
    main_words, (main_paragraphs, main_sources) = ranked[0]
    out = [Variant(main_paragraphs, tuple(main_sources), "main")]
    joined = " " + " ".join(main_words) + " "
    for words, (paragraphs, sources) in ranked[1:]:
        if " " + " ".join(words) + " " in joined:
            out.append(Variant(paragraphs, tuple(sources), "shorter"))
        else:
            text = " ".join(paragraphs)
            out.append(Variant(paragraphs, tuple(sources), "reworded", _changed(text, main_words)))
    return tuple(out)


def _changed(text: str, main_words: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """Spans of `text` whose words the main wording does not have at that point."""
    tokens = [(m.start(), m.end(), fold_words(m.group())) for m in re.finditer(r"\S+", text)]
    tokens = [(s, e, w[0] if w else "") for s, e, w in tokens]
    matcher = difflib.SequenceMatcher(None, [w for _, _, w in tokens], list(main_words), autojunk=False)
    spans = []
    for op, i1, i2, _, _ in matcher.get_opcodes():
        if op in ("replace", "insert", "delete") and i2 > i1:
            spans.append((tokens[i1][0], tokens[i2 - 1][1]))
    return tuple(spans)


def speaker_sections(entries: Iterable[QuoteEntry], *, cap: int | None) -> list[SpeakerSection]:
    """Entries by speaker: people first, then organisations and roles, the most quoted first;
    unattributed last. Scare quotes are left out; each section's full quotes capped at `cap`."""
    by_speaker: dict[str | None, list[QuoteEntry]] = {}
    for entry in entries:
        if not is_scare_quote(entry):
            by_speaker.setdefault(entry.speaker, []).append(entry)
    sections = []
    for name, listed in by_speaker.items():
        full = sorted((e for e in listed if e.kind == "direct"), key=lambda e: -e.quoted_in)  # stable
        partials = [e for e in listed if e.kind == "partial"]
        shown = full if cap is None else full[:cap]
        kinds = Counter(e.speaker_kind for e in listed)
        sections.append(SpeakerSection(
            name, kinds.most_common(1)[0][0], shown, partials, len(full) - len(shown),
            tuple(dict.fromkeys(s for e in listed for s in e.sources)),
        ))
    sections.sort(key=lambda s: (s.name is None, KIND_ORDER[s.kind], -(len(s.quotes) + s.hidden + len(s.partials))))
    return sections


def representative(section: SpeakerSection) -> QuoteEntry | None:
    """The speaker's quote most worth reading first: carried by the most sources, then of a readable length."""
    def score(e: QuoteEntry) -> tuple[int, int]:
        words = len(e.text.split())
        return (e.quoted_in, 1 if 8 <= words <= 45 else 0)

    best = None
    for entry in section.quotes:
        if best is None or score(entry) > score(best):
            best = entry
    return best


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    """The first words of a quote, always fewer than all of them: the quote itself is shown once, elsewhere."""
    parts = text.split()
    keep = min(words, max(1, len(parts) // 2)) if len(parts) <= words else words
    return " ".join(parts[:keep]).rstrip(",;:.") + "…"


# --- sources ------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s")


def display_title(source: Source, limit: int = TITLE_CHARS) -> tuple[str, bool]:
    """(title, is a headline): a real headline as it is, else the lead sentence cut at a word with "…"."""
    title = " ".join(source.title.split())
    lead = " ".join(source.lead.split()) or " ".join(source.body.split())
    if title and not lead.startswith(title):
        return title, True
    text = title or lead
    cut = cut_at_word(text, limit)
    if cut == text and len(lead) > len(text) and not text.endswith((".", "!", "?", "”", "…")):
        cut = cut_at_word(text, len(text) - 1) if text.count("“") > text.count("”") else text + "…"
    return cut, False


def cut_at_word(text: str, limit: int) -> str:
    """`text` within `limit` characters, cut at a word with "…", never inside an open quotation."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    cut = cut[: cut.rfind(" ")] if " " in cut else cut[:limit]
    if cut.count("“") > cut.count("”"):  # do not leave a quotation open
        cut = cut[: cut.rfind("“")].rstrip()
    return cut.rstrip(" ,;:–—-“\"'‘") + "…"


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
    figures: Sequence[Figure], hits: Sequence[SearchHit],
) -> _Scope:
    unknown = [sid for sid in request.source_ids if sid not in by_id]
    if unknown:
        names = ", ".join(printable(sid) for sid in unknown[:5])
        raise ExportError(f"unknown source id{'s' if len(unknown) > 1 else ''}: {names}")
    if request.scope == "pinned":
        quote_at = {_key(q): q for q in quotes}
        figure_at = {_key(f): f for f in figures}
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
    scope = _scope(request, by_id, quotes, figures, hits)
    order = {sid: i for i, sid in enumerate(scope.ids)}
    wanted = set(scope.ids)
    refs = [source_ref(by_id[sid], n, base) for n, sid in enumerate(scope.ids, 1)]
    full = request.full

    in_scope = sorted(scope.quotes, key=lambda q: (order.get(q.source, len(order)), q.start))
    entries = quote_entries(in_scope, comparison.shared_quotes, order, wanted)
    sections = speaker_sections(entries, cap=None if full else QUOTES_PER_SPEAKER)
    shown_sections = sections if full else sections[:SPEAKERS]

    dates = {s.id: s.date for s in sources}
    scope_figures = scope.figures if scope.figures is not None else [f for f in figures if f.source in wanted]
    figure_keys = {_key(f) for f in scope_figures}
    tables = []
    for group in comparison.figure_groups:
        if any(_key(f) in figure_keys for f in group.figures):
            table = figure_table(group, dates, wanted if scope.figures is None else None)
            if scope.figures is not None:  # pinned: only the pinned figures of the group
                rows = tuple(r for r in table.rows if _key(r.figure) in figure_keys)
                table = FigureTable(table.label, table.status, rows, len(table.rows) - len(rows) + table.elsewhere)
            tables.append(table)
    tables.sort(key=lambda t: STATUS_ORDER.get(t.status, 3))  # stable: the analysis's order within
    shown_tables = tables if full else tables[:FIGURE_TABLES]
    in_tables = {_key(r.figure) for t in shown_tables for r in t.rows}
    if scope.figures is not None:
        singles = [f for f in scope.figures if _key(f) not in in_tables]
    else:
        singles = _round_robin(
            [f for f in scope_figures if _key(f) not in in_tables], scope.ids, rank, None if full else OTHER_FIGURES
        )
    other = FigureTable("Other key figures", "single", tuple(figure_row(f, dates.get(f.source)) for f in singles)) \
        if singles else None

    key_speakers = [
        KeySpeaker(s, representative(s), len(s.quotes) + s.hidden + len(s.partials))
        for s in shown_sections if s.name is not None
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
