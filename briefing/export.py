"""A briefing as one Markdown file: what a colleague reads in any viewer, a note or a ticket.

`render_briefing` is pure (records in, text out) so it is tested with hand-built
records as well as with the seeds; `export_workspace` collects those records
from an open Workspace; `write_export` puts the text on disk atomically. The CLI
handles `-o -` (stdout) and exit codes; the app's `e` dialog calls the same
three functions. All article text goes through `markdown_escape`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import yaml

from briefing import markdown_escape as md
from briefing.hygiene import printable
from briefing.models import Comparison, Figure, FigureGroup, Pin, Quote, SearchHit, Source

if TYPE_CHECKING:
    from briefing.workspace import Workspace

Scope = Literal["all", "pinned", "query", "sources"]
KeyFigures = Callable[[Sequence[Figure], int | None], list[Figure]]
Describe = Callable[[Figure], str]

TABLE_FIGURES = 12  # rows in "At a glance"
SOURCE_FIGURES = 5  # key figures listed under each source
SEARCH_LIMIT = 50  # hits exported for a query
LABEL_CHARS = 40  # a source named in a table cell or an attribution line
TOOL = "briefing"


class ExportError(Exception):
    """The export cannot be made or written; the message is one line naming the problem."""


class ExportExistsError(ExportError):
    """The target file exists and replacing it was not asked for (CLI: --force; app: confirm)."""


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What goes into the briefing.

    `scope="query"` exports the hits for `query` (restricted to `source_ids` when
    given); `"sources"` the listed sources, in that order; `"pinned"` only the
    `pins`, in pin order; `"all"` everything.
    """

    scope: Scope = "all"
    title: str | None = None
    query: str | None = None
    source_ids: tuple[str, ...] = ()
    pins: tuple[Pin, ...] = ()

    def __post_init__(self) -> None:
        if self.scope not in ("all", "pinned", "query", "sources"):
            raise ExportError(f"unknown export scope: {printable(str(self.scope))}")
        if self.scope == "query" and not md.one_line(self.query):
            raise ExportError("an export of a search needs a query")
        if self.scope == "sources" and not self.source_ids:
            raise ExportError("an export of sources needs at least one source id")


# choosing what goes in


@dataclass(frozen=True, slots=True)
class _Entry:
    """One quotation as printed: the same words in several sources appear once, citing all."""

    quote: Quote
    speaker: str | None
    sources: tuple[str, ...]


@dataclass(slots=True)
class _Selection:
    sources: list[Source]  # for the Sources section, in order
    table: list[Figure]  # At a glance rows, in order
    disputes: list[FigureGroup]
    entries: list[_Entry]  # Who said what, in order of first appearance
    hits: list[SearchHit] = field(default_factory=list)
    pinned: bool = False
    missing_pins: int = 0


def _key(item: Quote | Figure) -> tuple[str, int, int]:
    return (item.source, item.start, item.end)


def _fold(text: str) -> str:
    """Quote text compared across sources: case, spacing and quotation marks ignored."""
    words = re.sub(r"[\"“”‘’'«»]", "", text).casefold().split()
    return " ".join(words)


def _entries(quotes: Sequence[Quote], comparison: Comparison) -> list[_Entry]:
    """Quotes merged across sources (the comparison's shared quotes, or identical words), first seen first.

    A shared quote cites every source the comparison found it in, even those outside the export.
    """
    shared_of: dict[tuple[str, int, int], int] = {}
    for n, shared in enumerate(comparison.shared_quotes):
        for q in shared.quotes:
            shared_of.setdefault(_key(q), n)
    by_words: dict[str, object] = {}
    groups: dict[object, list[Quote]] = {}
    for q in quotes:
        words = _fold(q.text)
        gid = shared_of.get(_key(q))
        if gid is None:
            gid = by_words.get(words, _key(q))
        by_words.setdefault(words, gid)
        groups.setdefault(gid, []).append(q)
    entries = []
    for gid, group in groups.items():
        everywhere = list(group)
        if isinstance(gid, int):
            everywhere += comparison.shared_quotes[gid].quotes
        speaker = next((md.one_line(q.speaker) for q in everywhere if md.one_line(q.speaker)), None)
        if speaker is None and isinstance(gid, int):
            speaker = md.one_line(comparison.shared_quotes[gid].speaker) or None
        sources = tuple(dict.fromkeys(q.source for q in everywhere))
        entries.append(_Entry(group[0], speaker, sources))
    return entries


def _glance(figures: Sequence[Figure], source_ids: Sequence[str], rank: KeyFigures, limit: int) -> list[Figure]:
    """Each source's best figure in turn, then each one's second, ...: an overview of all of them.

    (A single corpus-wide ranking would fill the table from the first article alone.)
    """
    per_source: dict[str, list[Figure]] = {sid: [] for sid in source_ids}
    for f in figures:
        per_source.setdefault(f.source, []).append(f)
    ranked = [rank(figs, limit) for figs in per_source.values() if figs]
    table: list[Figure] = []
    for row in range(limit):
        for figs in ranked:
            if row < len(figs) and len(table) < limit:
                table.append(figs[row])
    return table


def _disputes(comparison: Comparison, figures: Sequence[Figure]) -> list[FigureGroup]:
    """Disputed groups of the figures in the table, shown with every side (all sources)."""
    wanted = {_key(f) for f in figures}
    return [g for g in comparison.disputes if any(_key(f) in wanted for f in g.figures)]


def _select(
    request: ExportRequest,
    sources: Sequence[Source],
    quotes: Sequence[Quote],
    figures: Sequence[Figure],
    comparison: Comparison,
    hits: Sequence[SearchHit],
    rank: KeyFigures,
) -> _Selection:
    by_id = {s.id: s for s in sources}
    unknown = [sid for sid in request.source_ids if sid not in by_id]
    if unknown:
        names = ", ".join(printable(sid) for sid in unknown[:5])
        raise ExportError(f"unknown source id{'s' if len(unknown) > 1 else ''}: {names}")

    if request.scope == "pinned":
        return _select_pinned(request.pins, by_id, quotes, figures, comparison)

    chosen_hits: list[SearchHit] = []
    if request.scope == "query":
        allowed = set(request.source_ids)
        chosen_hits = [h for h in hits if not allowed or h.source in allowed]
        ids = list(dict.fromkeys(h.source for h in chosen_hits if h.source in by_id))
    elif request.scope == "sources":
        ids = list(dict.fromkeys(request.source_ids))
    else:
        ids = [s.id for s in sources]
    wanted = set(ids)
    in_scope_figures = [f for f in figures if f.source in wanted]
    quote_hits = [h.quote for h in chosen_hits if h.kind == "quote" and h.quote is not None]
    in_scope_quotes = quote_hits or [q for q in quotes if q.source in wanted]
    order = {sid: i for i, sid in enumerate(ids)}
    in_scope_quotes = sorted(in_scope_quotes, key=lambda q: (order.get(q.source, len(order)), q.start))
    table = _glance(in_scope_figures, ids, rank, TABLE_FIGURES)
    return _Selection(
        sources=[by_id[sid] for sid in ids],
        table=table,
        disputes=_disputes(comparison, table),
        entries=_entries(in_scope_quotes, comparison),
        hits=chosen_hits,
    )


def _select_pinned(
    pins: Sequence[Pin],
    by_id: dict[str, Source],
    quotes: Sequence[Quote],
    figures: Sequence[Figure],
    comparison: Comparison,
) -> _Selection:
    quote_at = {_key(q): q for q in quotes}
    figure_at = {_key(f): f for f in figures}
    pinned_sources: list[Source] = []
    pinned_quotes: list[Quote] = []
    pinned_figures: list[Figure] = []
    missing = 0
    for pin in pins:
        key = (pin.source, pin.start if pin.start is not None else -1, pin.end if pin.end is not None else -1)
        if pin.kind == "source" and pin.source in by_id:
            if by_id[pin.source] not in pinned_sources:
                pinned_sources.append(by_id[pin.source])
        elif pin.kind == "quote" and key in quote_at:
            if quote_at[key] not in pinned_quotes:
                pinned_quotes.append(quote_at[key])
        elif pin.kind == "figure" and key in figure_at:
            if figure_at[key] not in pinned_figures:
                pinned_figures.append(figure_at[key])
        else:
            missing += 1
    return _Selection(
        sources=pinned_sources,
        table=pinned_figures,
        disputes=_disputes(comparison, pinned_figures),
        entries=_entries(pinned_quotes, comparison),
        pinned=True,
        missing_pins=missing,
    )


def _first_figures(figures: Sequence[Figure], limit: int | None = None) -> list[Figure]:
    """Without a ranking: the figures in story order."""
    return list(figures) if limit is None else list(figures)[: max(0, limit)]


def _plain_describe(figure: Figure) -> str:
    parts = [figure.qualifier, figure.text, figure.measure or figure.unit]
    line = " ".join(p for p in parts if p)
    return f"{line} ({figure.period})" if figure.period else line


# writing it down


class _Citations:
    """Footnote labels, numbered in order of first citation; definitions at the end."""

    def __init__(self, by_id: dict[str, Source], base: Path | None) -> None:
        self._by_id = by_id
        self._base = base
        self._labels: dict[str, int] = {}

    def ref(self, source_id: str) -> str:
        label = self._labels.setdefault(source_id, len(self._labels) + 1)
        return f"[^{label}]"

    def definitions(self) -> list[str]:
        return [f"[^{n}]: {self._definition(sid)}" for sid, n in self._labels.items()]

    def _definition(self, source_id: str) -> str:
        source = self._by_id.get(source_id)
        if source is None:
            return f"source {md.escape(source_id, line_start=False)}"
        parts = [md.quoted(source.title)]
        if source.outlet:
            parts.append(md.escape(source.outlet, line_start=False))
        parts.append(_date(source.date))
        where = md.link_or_text(source.url) if source.url else md.escape(self._path(source), line_start=False)
        # The line always ends in a location, never in a quote or parenthesis, so plain
        # CommonMark cannot read it as a link reference definition either.
        return ", ".join(parts) + ". " + where

    def _path(self, source: Source) -> str:
        """Shown, not opened: a name's bytes that are not UTF-8 become U+FFFD (see `hygiene.printable`)."""
        path = Path(source.path)
        if self._base is not None:
            try:
                return printable((Path(self._base.name) / path.relative_to(self._base)).as_posix())
            except ValueError:
                pass
        return printable(path.as_posix())


def _date(value: date | None) -> str:
    return value.isoformat() if value else "undated"


def _front_matter(meta: dict) -> str:
    """YAML by the emitter, one line per key: no value can end the block or add a key."""
    text = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, default_flow_style=False, width=2**30)
    return f"---\n{text}---\n"


def render_briefing(
    *,
    corpus_name: str,
    sources: Sequence[Source],
    quotes: Sequence[Quote],
    figures: Sequence[Figure],
    comparison: Comparison | None = None,
    request: ExportRequest | None = None,
    hits: Sequence[SearchHit] = (),
    generated: datetime,
    version: str,
    key_figures: KeyFigures | None = None,
    describe: Describe | None = None,
    base: Path | None = None,
) -> str:
    """The briefing as Markdown with YAML front matter.

    `hits` are the search results for `request.query` (scope "query"); `key_figures`
    ranks figures and `describe` says in one line what a figure measures (the
    `briefing.figures` functions; story order and a plain line without them);
    source paths are shown relative to `base` (the corpus folder) when under it.
    Raises ExportError for unknown source ids.
    """
    request = request or ExportRequest()
    comparison = comparison or Comparison()
    rank = key_figures or _first_figures
    say = describe or _plain_describe
    sel = _select(request, sources, quotes, figures, comparison, hits, rank)
    by_id = {s.id: s for s in sources}
    cite = _Citations(by_id, base)

    query = md.one_line(request.query) if request.query else None
    title = md.one_line(request.title) or (
        f"Briefing: {md.one_line(corpus_name)} — {query}" if request.scope == "query" and query
        else f"Briefing: {md.one_line(corpus_name)}"
    )
    meta: dict = {
        "title": title,
        "generated": generated.replace(microsecond=0),
        "corpus": md.one_line(corpus_name),
        "sources": len(sel.sources),
        "scope": request.scope,
    }
    if request.scope == "query":  # a query typed but not chosen as the scope is not what was exported
        meta["query"] = query
    if request.scope in ("query", "sources") and request.source_ids:
        meta["source_ids"] = [md.one_line(sid) for sid in request.source_ids]
    if request.scope == "pinned":
        meta["pins"] = len(request.pins)
    meta["tool"] = TOOL
    meta["version"] = version

    blocks: list[str] = [f"# {md.title(title)}"]
    if sel.missing_pins:
        n = sel.missing_pins
        blocks.append(
            f"{n} pinned item{'s' if n > 1 else ''} could not be found in the corpus as it is now "
            f"and {'were' if n > 1 else 'was'} left out."
        )
    if request.scope == "query" and not sel.hits:
        blocks.append(f"Nothing in the corpus matches “{md.escape(query, line_start=False)}”.")
    blocks += _at_a_glance(sel, by_id, cite, say)
    blocks += _matches(sel, by_id, cite, query)
    blocks += _who_said_what(sel, by_id, cite)
    blocks += _sources(sel, quotes, figures, cite, rank, say)
    if request.scope != "query" and not (sel.sources or sel.table or sel.entries):
        blocks.append("Nothing to export." if request.scope != "pinned" else "Nothing is pinned.")
    notes = cite.definitions()
    if notes:
        blocks.append("\n".join(notes))
    return _front_matter(meta) + "\n" + "\n\n".join(blocks) + "\n"


def _source_label(source_id: str, by_id: dict[str, Source], cite: _Citations) -> str:
    """A short name for a source in running text and tables; the footnote has the rest."""
    source = by_id.get(source_id)
    if source is None:
        return md.escape(source_id, line_start=False) + cite.ref(source_id)
    return md.quoted(_shorten(md.one_line(source.title), LABEL_CHARS)) + cite.ref(source_id)


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    cut = cut[: cut.rfind(" ")] if " " in cut else cut[:limit]
    return cut.rstrip(" ,;:–—-") + "…"


def _at_a_glance(sel: _Selection, by_id: dict[str, Source], cite: _Citations, say: Describe) -> list[str]:
    if not sel.table and not sel.disputes:
        return []
    blocks = ["## At a glance"]
    disputed = {_key(f) for g in sel.disputes for f in g.figures}
    if sel.table:
        rows = ["| Figure | What it measures | Source | Date |", "| --- | --- | --- | --- |"]
        for f in sel.table:
            what = md.cell(say(f))
            if _key(f) in disputed:
                what += " (**disputed**, see below)"
            source = by_id.get(f.source)
            rows.append(
                f"| {md.cell(f.text)} | {what} | {_source_label(f.source, by_id, cite)} "
                f"| {_date(source.date if source else None)} |"
            )
        blocks.append("\n".join(rows))
    if sel.disputes:
        blocks.append("**Disputed figures**: the sources give different values for the same thing.")
        items = []
        for group in sel.disputes:
            sides: dict[float, list[Figure]] = {}
            for f in group.figures:
                sides.setdefault(round(f.value, 6), []).append(f)
            said = "; ".join(
                md.escape(_as_written(side[0]), line_start=False)
                + " in "
                + ", ".join(_source_label(sid, by_id, cite) for sid in dict.fromkeys(f.source for f in side))
                for side in sides.values()
            )
            items.append(f"- {md.escape(group.topic) or 'a figure'}: {said}")
        blocks.append("\n".join(items))
    return blocks


def _as_written(figure: Figure) -> str:
    """A figure with its hedge and its period: "almost £500m (over three years)"."""
    line = " ".join(p for p in (figure.qualifier, figure.text) if p)
    return f"{line} ({figure.period})" if figure.period else line


def _matches(sel: _Selection, by_id: dict[str, Source], cite: _Citations, query: str | None) -> list[str]:
    if not sel.hits:
        return []
    blocks = [f"## Matches for “{md.escape(query, line_start=False)}”"]
    for hit in sel.hits:
        source = by_id.get(hit.source)
        name = source.title if source else hit.title
        blocks.append(f"### {md.title(name)}")
        when = source.date if source else hit.date
        blocks.append(f"{_date(when)}{cite.ref(hit.source)}")
        lines = [f"- {md.highlight(frag.text, frag.hits)}" for frag in hit.fragments if frag.text.strip()]
        if lines:
            blocks.append("\n".join(lines))
    return blocks


def _who_said_what(sel: _Selection, by_id: dict[str, Source], cite: _Citations) -> list[str]:
    speakers: dict[str | None, list[tuple[_Entry, str]]] = {}
    for entry in sel.entries:
        quote = md.blockquote(entry.quote.paragraphs or [entry.quote.text])
        if quote:  # a quotation with no printable words is not worth a heading
            speakers.setdefault(entry.speaker, []).append((entry, quote))
    if not speakers:
        return []
    named = [s for s in speakers if s is not None]
    if not sel.pinned:  # pins keep the reader's order; otherwise the most quoted first
        named.sort(key=lambda s: -len(speakers[s]))  # stable: ties keep first appearance
    order: list[str | None] = [*named, None] if None in speakers else named
    blocks = ["## Who said what"]
    for speaker in order:
        blocks.append(f"### {md.escape(speaker) if speaker else 'Unattributed'}")
        for entry, quote in speakers[speaker]:
            blocks.append(quote)
            blocks.append(_attribution(entry, by_id, cite))
    return blocks


def _attribution(entry: _Entry, by_id: dict[str, Source], cite: _Citations) -> str:
    q = entry.quote
    who = md.escape(entry.speaker, line_start=False) if entry.speaker else "unattributed"
    written = md.one_line(q.speaker_as_written)
    if written and written != entry.speaker:
        who += f" (as “{md.escape(written, line_start=False)}”)"
    if q.kind == "partial":
        who += ", partial quote"
    if len(entry.sources) == 1:
        where = "in " + _source_label(entry.sources[0], by_id, cite)
    else:
        where = f"quoted in {len(entry.sources)} sources: " + ", ".join(
            _source_label(sid, by_id, cite) for sid in entry.sources
        )
    return f"— {who}, {where}"


def _sources(
    sel: _Selection,
    quotes: Sequence[Quote],
    figures: Sequence[Figure],
    cite: _Citations,
    rank: KeyFigures,
    say: Describe,
) -> list[str]:
    if not sel.sources:
        return []
    quotes_of: dict[str, list[Quote]] = {}
    for q in quotes:
        quotes_of.setdefault(q.source, []).append(q)
    figures_of: dict[str, list[Figure]] = {}
    for f in figures:
        figures_of.setdefault(f.source, []).append(f)
    blocks = ["## Sources"]
    for source in sel.sources:
        blocks.append(f"### {md.title(source.title)}")
        about = [_date(source.date)]
        if source.outlet:
            about.append(md.escape(source.outlet, line_start=False))
        if source.author:
            about.append("by " + md.escape(source.author, line_start=False))
        blocks.append(" · ".join(about) + cite.ref(source.id))
        lead = md.escape(source.lead)
        if lead:
            blocks.append(lead)
        key = rank(figures_of.get(source.id, []), SOURCE_FIGURES)
        if key:
            blocks.append("**Key figures**")
            blocks.append("\n".join(f"- {md.escape(say(f))}" for f in key))
        said = sorted(quotes_of.get(source.id, []), key=lambda q: q.start)
        if said:
            blocks.append("**Quotes**")
            blocks.append("\n".join(f"- {_quote_line(q)}" for q in said))
    return blocks


def _quote_line(q: Quote) -> str:
    words = " ".join(q.paragraphs) or q.text
    who = md.escape(q.speaker or q.speaker_as_written, line_start=False) or "unattributed"
    return f"“{md.escape(words, line_start=False)}” — {who}"


# from a workspace


def export_workspace(
    ws: Workspace,
    request: ExportRequest,
    *,
    generated: datetime | None = None,
    version: str | None = None,
    hits: Sequence[SearchHit] | None = None,
) -> str:
    """Collect what `request` needs from an open Workspace and render it.

    For scope "query" the search is run here unless `hits` are given (the app passes
    the results it is showing, so the export matches the screen).
    """
    from briefing import __version__
    from briefing.figure_summary import describe, key_figures

    if request.scope != "query":
        hits = ()
    elif hits is None:
        hits = ws.search(md.one_line(request.query), limit=SEARCH_LIMIT).hits
    return render_briefing(
        corpus_name=ws.name,
        sources=ws.sources,
        quotes=ws.quotes(),
        figures=ws.figures(),
        comparison=ws.comparison(),
        request=request,
        hits=hits,
        generated=generated or datetime.now().astimezone(),
        version=version or __version__,
        key_figures=key_figures,
        describe=describe,
        base=ws.corpus_dir,
    )


# file names and writing


def default_filename(corpus_name: str, today: date) -> str:
    """`briefing-<corpus>-<YYYY-MM-DD>.md`, the corpus name reduced to safe file-name characters."""
    name = unicodedata.normalize("NFKD", corpus_name).encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip(".-_")[:60].strip(".-_") or "corpus"
    return f"briefing-{name}-{today.isoformat()}.md"


def write_export(path: Path, text: str, *, force: bool) -> Path:
    """Write `text` to `path` atomically: a temp file beside it, fsync, then rename.

    An existing file is replaced only with `force` (ExportExistsError otherwise).
    On any failure the target is untouched and no temp file is left behind.
    """
    path = Path(path)
    shown = printable(str(path))
    if path.is_dir():
        raise ExportError(f"cannot write {shown}: it is a folder")
    if path.exists() and not force:
        raise ExportExistsError(f"{shown} already exists; replace it with --force")
    folder = path.parent
    tmp: str | None = None
    try:
        mode = _file_mode(path)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name[:80]}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fchmod(out.fileno(), mode)
            os.fsync(out.fileno())
        if force:
            os.replace(tmp, path)
        else:
            _publish_new(tmp, path, shown)
        tmp = None
        _sync_folder(folder)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if exc.errno == errno.ENOSPC:
            reason = "the disk is full"
        raise ExportError(f"cannot write {shown}: {reason}") from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return path


def _publish_new(tmp: str, path: Path, shown: str) -> None:
    """Publish without replacing a file that appeared meanwhile: a hard link fails if it exists."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise ExportExistsError(f"{shown} already exists; replace it with --force") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        if path.exists():  # a file system without hard links: check, then rename
            raise ExportExistsError(f"{shown} already exists; replace it with --force") from None
        os.replace(tmp, path)
        return
    with contextlib.suppress(OSError):  # the export is in place: do not report a failure now
        os.unlink(tmp)


def _file_mode(path: Path) -> int:
    """An existing file keeps its mode; a new one gets what `open` would give it (0666 & ~umask)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        pass
    return 0o666 & ~_umask()


def _umask() -> int:
    """The process umask, read without setting it where Linux allows (the app writes from a thread)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def _sync_folder(folder: Path) -> None:
    """Make the rename durable too; not every system can open a folder, so best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
