"""The small typed records every layer passes around.

Kept free of behaviour and of any UI or search-engine import, so the CLI, the
app, the exporter and the tests all speak the same language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

QuoteKind = Literal["direct", "partial"]
SpeakerKind = Literal["person", "organisation", "role"]  # who a quote's speaker is (None: unknown)
FigureKind = Literal["money", "percent", "count", "distance", "rate", "duration", "date"]
FigureStatus = Literal["agree", "timeline", "disagree"]


@dataclass(frozen=True, slots=True)
class Source:
    """One article of the corpus, cleaned and ready to read.

    `paragraphs` are (start, end) character spans into `body`, so that quotes,
    figures and search hits can all be located by offset in the same text.
    """

    id: str
    path: Path
    title: str
    body: str
    paragraphs: tuple[tuple[int, int], ...]
    content_hash: str
    date: date | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    size: int = 0
    mtime_ns: int = 0

    @property
    def words(self) -> int:
        return len(self.body.split())

    def paragraph_texts(self) -> list[str]:
        return [self.body[s:e] for s, e in self.paragraphs]

    @property
    def lead(self) -> str:
        """The first paragraph: what a reader sees before deciding to read on."""
        if not self.paragraphs:
            return ""
        start, end = self.paragraphs[0]
        return self.body[start:end]


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation found in a source.

    `body[start:end] == text`: the words between the opening and closing marks.
    A quote that runs over several paragraphs keeps the paragraph breaks and the
    re-opening marks in between, as printed.
    """

    source: str
    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: str | None = None
    speaker_as_written: str | None = None
    speaker_kind: SpeakerKind | None = None

    @property
    def paragraphs(self) -> list[str]:
        """The quote split into its printed paragraphs, without the re-opening marks."""
        parts = [p.strip() for p in self.text.split("\n")]
        return [p.lstrip("\"“'‘").strip() for p in parts if p.strip()]


@dataclass(frozen=True, slots=True)
class Figure:
    """A number that carries meaning, with what it measures.

    `value` is fully expanded (£2.5bn -> 2500000000); `body[start:end] == text`.
    """

    source: str
    text: str
    value: float
    unit: str | None
    kind: FigureKind
    sentence: str
    start: int
    end: int
    qualifier: str | None = None
    measure: str | None = None
    period: str | None = None


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """What a list shows of a source: everything but its text and extractions.

    The app lists every source but reads one at a time; at 22,000 articles the texts,
    quotes and figures held at once were 140 MB.
    """

    id: str
    title: str
    date: date | None = None
    outlet: str | None = None
    quotes: int = 0
    key_figures: int = 0
    duplicates: tuple[str, ...] = ()  # ids of its near-duplicates


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One source with what was extracted from it: what opening it in the reader needs."""

    source: Source
    quotes: tuple[Quote, ...] = ()  # canonical speakers, by offset
    figures: tuple[Figure, ...] = ()  # by offset
    quoted_in: tuple[int, ...] = ()  # how many sources carry each quote, as `quotes`; () before comparing

    def sources_quoting(self, quote: Quote) -> int:
        for i, mine in enumerate(self.quotes):
            if (mine.start, mine.end) == (quote.start, quote.end):
                return self.quoted_in[i] if i < len(self.quoted_in) else 1
        return 1


@dataclass(frozen=True, slots=True)
class LoadWarning:
    """A file that could not be read, or was read with a caveat."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(slots=True)
class LoadResult:
    sources: list[Source] = field(default_factory=list)
    warnings: list[LoadWarning] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Speaker:
    """One person or institutional voice, under one canonical name across the corpus."""

    name: str
    aliases: tuple[str, ...] = ()  # every form seen as written ("Sir Keir", "the prime minister", ...)
    quote_count: int = 0
    sources: tuple[str, ...] = ()  # ids of the sources quoting them


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    """Two articles that are largely the same text (one copied or rewritten from the other)."""

    a: str  # source id
    b: str  # source id
    overlap: float  # 0..1: share of the shorter article's text found in the other


@dataclass(frozen=True, slots=True)
class SharedQuote:
    """The same words quoted in several sources: one quote, "quoted in N sources"."""

    text: str
    speaker: str | None
    quotes: tuple[Quote, ...]  # one occurrence per source, in source order

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(q.source for q in self.quotes))


@dataclass(frozen=True, slots=True)
class FigureGroup:
    """Figures from different sources about the same thing, in date order (undated last).

    `status`: "agree" (the values agree, qualifiers and rounding allowed for), "timeline" (they
    differ, but at different or unknown dates: a count growing over time) or "disagree" (two
    sources give values for the same measure, period and date, or yearly rate, that cannot both
    be true). `disputed` is `status == "disagree"`, kept for the readers written before it.
    """

    topic: str  # kind and label: "money (GBP): Deal to give France"
    kind: FigureKind
    unit: str | None
    figures: tuple[Figure, ...]
    disputed: bool  # status == "disagree"
    note: str = ""  # one readable line: "16,000 (18 June) → about 20,000 (Jan–Jun) → 21,000 (9 July)"
    status: FigureStatus = "agree"
    label: str = ""  # what they measure, as a phrase: "People crossed the English channel in small boats"
    per_year: tuple[float | None, ...] = ()  # as `figures`: the yearly rate, None where the text gives none


@dataclass(slots=True)
class Comparison:
    """What the sources share and where they disagree."""

    duplicates: list[NearDuplicate] = field(default_factory=list)
    shared_quotes: list[SharedQuote] = field(default_factory=list)
    figure_groups: list[FigureGroup] = field(default_factory=list)

    @property
    def disputes(self) -> list[FigureGroup]:
        """The groups whose sources disagree (status "disagree")."""
        return [g for g in self.figure_groups if g.disputed]

    def quoted_in(self) -> dict[tuple[str, int, int], int]:
        """How many sources carry each shared quote, by each occurrence's (source, start, end)."""
        return {(q.source, q.start, q.end): len(s.sources) for s in self.shared_quotes for q in s.quotes}


@dataclass(frozen=True, slots=True)
class Fragment:
    """Whole sentences around search hits, verbatim from the body."""

    text: str
    start: int  # offset of `text` in the source body
    hits: tuple[tuple[int, int], ...]  # hit spans relative to `text`


@dataclass(frozen=True, slots=True)
class SearchHit:
    source: str  # source id
    title: str
    date: date | None
    score: float
    kind: Literal["article", "quote"]
    fragments: tuple[Fragment, ...]
    offsets: tuple[tuple[int, int], ...]  # every hit term, as spans into the source body
    quote: Quote | None = None  # set for quote hits


@dataclass(slots=True)
class SearchResult:
    query: str
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    note: str | None = None  # e.g. "query did not parse; searched for the plain words"
    suggestion: str | None = None  # did you mean


PinKind = Literal["source", "quote", "figure"]


@dataclass(frozen=True, slots=True)
class Pin:
    """Something the reader pinned to the briefing; quotes and figures by their offsets."""

    kind: PinKind
    source: str
    start: int | None = None
    end: int | None = None
