"""A `Briefing` written down as Markdown with YAML front matter.

Only layout lives here; what is said comes from `briefing.briefing_model`. All article text
goes through `markdown_escape`, so no article can add a heading, list, link, table cell or
HTML to the document. Citations are footnotes numbered as the Sources list.
"""

from __future__ import annotations

from datetime import date, datetime

import yaml

from briefing import markdown_escape as md
from briefing.briefing_model import (
    STATUS_WORDS,
    Briefing,
    FigureTable,
    QuoteEntry,
    SourceRef,
    SpeakerSection,
    excerpt,
    per_year_text,
)
from briefing.titles import shorten

TOOL = "briefing"
TOC_ABOVE = 10  # sources: a briefing bigger than this opens with a table of contents
FRAGMENTS_PER_HIT = 2
SOURCE_LABEL_CHARS = 40
KIND_WORDS = {"person": "", "organisation": " (organisation)", "role": " (role)"}
ALSO_QUOTED = "### Also quoted"


def render(briefing: Briefing, *, generated: datetime, version: str) -> str:
    """The briefing as Markdown: front matter, header, key points, who said what, figures, sources."""
    blocks = _header(briefing)
    if len(briefing.sources) > TOC_ABOVE:
        blocks += _contents(briefing)
    blocks += _key_points(briefing)
    blocks += _matches(briefing)
    blocks += _who_said_what(briefing)
    blocks += _figures(briefing)
    blocks += _sources(briefing)
    return _front_matter(briefing, generated, version) + "\n" + "\n\n".join(blocks) + "\n"


def _front_matter(b: Briefing, generated: datetime, version: str) -> str:
    """YAML by the emitter, one line per key: no value can end the block or add a key."""
    request = b.request
    meta: dict = {"title": md.one_line(b.title), "generated": generated.replace(microsecond=0),
                  "corpus": md.one_line(b.corpus), "scope": request.scope}
    if request.scope == "query":  # a query typed but not chosen as the scope is not what was exported
        meta["query"] = md.one_line(request.query)
    if request.scope in ("query", "sources") and request.source_ids:
        meta["source_ids"] = [md.one_line(sid) for sid in request.source_ids]
    if request.scope == "pinned":
        meta["pins"] = len(request.pins)
    meta.update(b.counts())
    span = b.dates
    meta["from"] = span[0] if span else None
    meta["to"] = span[1] if span else None
    meta["outlets"] = [md.one_line(o) for o in b.outlets]
    meta["full"] = request.full
    meta["tool"] = TOOL
    meta["version"] = version
    text = yaml.dump(meta, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, default_flow_style=False,
                     width=2**30)
    return f"---\n{text}---\n"


class _PlainDumper(yaml.SafeDumper):
    """Front matter a person reads: one date written twice, never `&id001` and `*id001`."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _date(value: date | None) -> str:
    return value.isoformat() if value else "undated"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def scope_line(b: Briefing) -> str:
    """One line: how many sources, from when to when, how many undated, which outlets."""
    parts = [_plural(len(b.sources), "source")]
    span = b.dates
    if span:
        parts.append(f"{span[0].isoformat()} to {span[1].isoformat()}" if span[0] != span[1] else span[0].isoformat())
    if b.undated:
        parts.append(f"{b.undated} undated" if span else "all undated")
    outlets = b.outlets
    if outlets:
        shown = ", ".join(outlets[:5]) + (f" and {len(outlets) - 5} more" if len(outlets) > 5 else "")
        parts.append("outlets: " + shown)
    else:
        parts.append("no outlet recorded")
    return " · ".join(parts)


def built_from(b: Briefing) -> str:
    request = b.request
    if request.scope == "pinned":
        line = f"Built from {_plural(len(request.pins), 'pinned item')}"
        if b.missing_pins:
            were = "were" if b.missing_pins > 1 else "was"
            line += f"; {b.missing_pins} could not be found in the corpus as it is now and {were} left out"
        return line + "."
    if request.scope == "query":
        return f"Built from the search “{md.one_line(request.query)}”: {_plural(len(b.sources), 'matching source')}."
    if request.scope == "sources":
        return f"Built from {_plural(len(b.sources), 'chosen source')}."
    return f"Built from all sources of the corpus “{md.one_line(b.corpus)}”."


def counts_line(b: Briefing) -> str:
    return " · ".join([
        _plural(b.quote_count, "quote") + " by " + _plural(len(b.speakers), "speaker"),
        _plural(len(b.tables), "figure table"),
    ])


def preview_lines(b: Briefing) -> list[str]:
    """The header as plain text, for the app's export dialog: what will be written, before writing it."""
    return [b.title, scope_line(b), built_from(b), counts_line(b)]


def _header(b: Briefing) -> list[str]:
    blocks = [f"# {md.title(b.title)}", md.escape(scope_line(b)), md.escape(built_from(b))]
    if b.request.scope == "query" and not b.matches:
        blocks.append("Nothing in the corpus matches this search.")
    elif not b.sources:
        blocks.append("Nothing is pinned." if b.request.scope == "pinned" else "Nothing to export.")
    else:
        blocks.append(md.escape(counts_line(b)))
    return blocks


def _contents(b: Briefing) -> list[str]:
    names = ["Key points", *(["Matches"] if b.matches else []), "Who said what", "Figures", "Sources"]
    items = [f"- [{name}](#{name.lower().replace(' ', '-')})" for name in names]
    return ["## Contents", "\n".join(items)]


def _cite(b: Briefing, ids: tuple[str, ...] | list[str]) -> str:
    numbers = b.by_id
    return "".join(f"[^{numbers[sid].number}]" for sid in ids if sid in numbers)


def _label(ref: SourceRef, quoted: bool = False) -> str:
    short = md.escape(_short(ref.title), line_start=False)
    return (f"“{short}”" if quoted else short) + f"[^{ref.number}]"


def _short(text: str) -> str:
    return shorten(text.rstrip("…"), SOURCE_LABEL_CHARS) if len(text) > SOURCE_LABEL_CHARS else text


# key points


def _key_points(b: Briefing) -> list[str]:
    items = []
    for table in b.key_figures:
        values = " → ".join(_value_with_rate(r) + _cite(b, [r.figure.source]) for r in table.rows)
        status = STATUS_WORDS[table.status].split(" (")[0].capitalize()
        items.append(f"- **{md.escape(status, line_start=False)}** on "
                     f"{md.escape(table.label, line_start=False)}: {values}")
    for key in b.key_speakers:
        section = key.section
        line = (f"- **{md.escape(section.name, line_start=False)}**: {_plural(key.total, 'quote')} in "
                f"{_plural(len(section.sources), 'source')}")
        if key.quote is not None:
            line += f", notably “{md.escape(excerpt(key.quote.text), line_start=False)}”" + _cite(
                b, key.quote.sources)
        items.append(line)
    refs = b.by_id
    for dup in b.duplicates:
        items.append(f"- **Near-duplicates**: {_label(refs[dup.a], True)} and {_label(refs[dup.b], True)} share "
                     f"{round(dup.overlap * 100)}% of their text: one is a copy or rewrite of the other")
    if b.hidden_duplicates:
        items.append(f"- and {_plural(b.hidden_duplicates, 'more pair')} of near-duplicates (--full lists them)")
    return ["## Key points", "\n".join(items)] if items else []


def _value_with_rate(row) -> str:
    value = md.escape(row.value, line_start=False)
    if row.per_year is not None:
        value += f" ({md.escape(per_year_text(row.figure, row.per_year), line_start=False)})"
    return value


# matches


def _matches(b: Briefing) -> list[str]:
    if not b.matches:
        return []
    items = []
    for hit in b.matches:
        for fragment in hit.fragments[:FRAGMENTS_PER_HIT]:
            if fragment.text.strip():
                items.append(f"- {md.highlight(fragment.text, fragment.hits)}{_cite(b, [hit.source])}")
    query = md.escape(md.one_line(b.request.query), line_start=False)
    return [f"## Matches for “{query}”", "\n".join(items)] if items else []


# who said what


def _who_said_what(b: Briefing) -> list[str]:
    if not b.speakers:
        return []
    blocks = ["## Who said what"]
    # A speaker with phrases only (no full quote) gets a line under "Also quoted", not a section.
    phrases_only = [s for s in b.speakers if s.name and s.partials and not s.quotes and not s.hidden]
    for section in b.speakers:
        if section not in phrases_only:
            blocks += _speaker(b, section)
    if phrases_only:
        blocks += [ALSO_QUOTED, "\n".join(
            f"- **{md.escape(s.name or '', line_start=False)}**{KIND_WORDS[s.kind]}: {_phrases(b, s)}"
            for s in phrases_only)]
    if b.hidden_speakers:
        blocks.append(f"And {_plural(b.hidden_speakers, 'more speaker')} (--full lists everyone).")
    return blocks


def _speaker(b: Briefing, section: SpeakerSection) -> list[str]:
    name = md.escape(section.name) if section.name else "Unattributed"
    total = section.total
    heading = (f"### {name}{KIND_WORDS[section.kind] if section.name else ''} · "
               f"{_plural(total, 'quote')}, {_plural(len(section.sources), 'source')}")
    items = [_quote_item(b, e) for e in section.quotes]
    if section.hidden:
        items.append(f"- and {_plural(section.hidden, 'more quote')} (--full lists them)")
    if section.partials:
        items.append(f"- Phrases quoted: {_phrases(b, section)}")
    return [heading, "\n".join(items)] if items else [heading]


def _phrases(b: Briefing, section: SpeakerSection) -> str:
    phrases = " · ".join(f"“{md.escape(e.text, line_start=False)}”{_cite(b, e.sources)}" for e in section.partials)
    return phrases + (f" · and {section.hidden_partials} more" if section.hidden_partials else "")


def _quote_item(b: Briefing, entry: QuoteEntry) -> str:
    """One quote: its paragraphs, its sources, and how other outlets word it."""
    main = entry.main
    paragraphs = [md.escape(p) for p in main.paragraphs]
    paragraphs = [p for p in paragraphs if p] or ["…"]
    lines = [f"- “{paragraphs[0]}"]
    for p in paragraphs[1:]:
        lines += ["", f"  {p}"]
    lines[-1] += "”" + _cite(b, main.sources)
    if entry.elsewhere:
        lines[-1] += f" (and {_plural(entry.elsewhere, 'source')} outside this briefing)"
    for variant in entry.variants[1:]:
        cited = _cite(b, variant.sources)
        if variant.relation == "shorter":
            lines.append(f"  - a shorter cut in {cited}")
        else:
            lines.append(f"  - worded differently in {cited}: “{md.highlight(variant.text, variant.changed)}”")
    return "\n".join(lines)


# figures


def _figures(b: Briefing) -> list[str]:
    tables = b.tables
    if not tables:
        return []
    blocks = ["## Figures"]
    for table in tables:
        blocks += _table(b, table)
    if b.hidden_tables:
        blocks.append(f"And {_plural(b.hidden_tables, 'more comparison')} (--full lists them all).")
    return blocks


def _table(b: Briefing, table: FigureTable) -> list[str]:
    status = STATUS_WORDS[table.status]
    heading = f"### {md.escape(table.label)}" + ("" if table.status == "single" else f" · {status}")
    refs = b.by_id
    rows = ["| Value | As written | Source | Date | Measure |", "| --- | --- | --- | --- | --- |"]
    for r in table.rows:
        ref = refs.get(r.figure.source)
        source = _label(ref) if ref else md.cell(r.figure.source)
        value = _value_with_rate(r) if r.per_year is not None else md.cell(r.value)
        rows.append(f"| {value} | {md.cell(r.written)} | {source} | {_date(r.date)} | {md.cell(r.measure)} |")
    blocks = [heading, "\n".join(rows)]
    if table.elsewhere:
        blocks.append(f"Also in {_plural(table.elsewhere, 'figure')} from sources outside this briefing.")
    return blocks


# sources


def _sources(b: Briefing) -> list[str]:
    if not b.sources:
        return []
    items = []
    notes = []
    for ref in b.sources:
        items.append(f"- [^{ref.number}] {_describe(ref)}")
        notes.append(f"[^{ref.number}]: {_note(ref)}")
    return ["## Sources", "\n".join(items), "\n".join(notes)]


def _describe(ref: SourceRef) -> str:
    """Title, outlet, date, author, and where to find it: the URL, else the file."""
    parts = [md.quoted(ref.title)]
    if ref.outlet:
        parts.append(md.escape(ref.outlet, line_start=False))
    parts.append(_date(ref.date))
    if ref.author:
        parts.append("by " + md.escape(ref.author, line_start=False))
    where = md.link_or_text(ref.url) if ref.url else md.escape(ref.file, line_start=False)
    # ends in a location, never in a quote or parenthesis: plain CommonMark cannot read a link definition
    return " · ".join(parts) + " · " + where


def _note(ref: SourceRef) -> str:
    parts = [md.quoted(ref.title)]
    if ref.outlet:
        parts.append(md.escape(ref.outlet, line_start=False))
    return ", ".join(parts) + ", " + _date(ref.date) + "."
