"""Untrusted text → `Content`, styled by offsets, never parsed as markup.

Every string that comes from a file (titles, outlets, quotes, fragments,
speaker names, warnings) reaches a widget through these helpers. `Content(text)`
keeps `[bold]` and `[@click=…]` as literal characters; styles are applied with
`stylize` over character ranges. Citations for the clipboard are plain text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rich._wrap import divide_line  # what Content wraps with
from rich.cells import cell_len
from textual.content import Content, Span

from briefing.hygiene import printable
from briefing.models import Figure, Quote, SearchHit, Source, SourceEntry
from briefing.titles import short_id, shorten
from briefing.tui.themes import SPEAKER_COLOURS

PIN_MARK = "★ "
UNREAD_MARK = "● "  # a source not opened yet, as newsreaders mark them
READ_MARK = "✓ "  # a quote opened before
DUP_MARK = "≈"
HIT_STYLE = "bold $text-accent on $hit-background"
# The codes `Content(text)` strips (BEL, BS, VT, FF, CR): removed piece by piece so offsets hold.
_STRIP = dict.fromkeys((7, 8, 11, 12, 13))


class Row(Content):
    """Content whose height is counted from its plain lines, as Content would wrap them.

    OptionList asks every option's height whenever options are set; `Content.get_height`
    wraps and styles the whole text for that (0.2 s for 2,225 sources), while dividing
    the plain lines gives the same count in a tenth of the time.
    """

    _counted: tuple[tuple[int, bool], int] | None = None  # (width, fold) -> height, the last asked

    def get_height(self, rules: Any, width: int) -> int:
        get_rule = rules.get
        if get_rule("text_wrap", "wrap") == "nowrap" or get_rule("line_pad", 0) or width < 1 or "\t" in self.plain:
            return super().get_height(rules, width)
        key = (width, get_rule("text_overflow", "fold") == "fold")
        if self._counted is None or self._counted[0] != key:
            height = sum(wrapped_lines(line, width, key[1]) for line in self.plain.split("\n"))
            self._counted = (key, height)
        return self._counted[1]


# Characters one cell wide (printable ASCII, Latin-1, general punctuation such as “”–—…, €):
# in a line of only these, cells are characters and wrapping needs no cell measure.
_SINGLE_CELL = re.compile("[\x20-\x7e\xa0-\xff\u2010-\u2027\u20ac]*")
_WORD = re.compile(r"\s*\S+\s*")  # rich's word: the word and the spaces after it


def wrapped_lines(line: str, width: int, fold: bool = True) -> int:
    """How many lines Content wraps `line` (no newline) into at `width` (≥ 1): rich's divide_line, counted."""
    if not _SINGLE_CELL.fullmatch(line):
        return 1 if cell_len(line) <= width else len(divide_line(line, width, fold=fold)) + 1
    if len(line) <= width:
        return 1
    # divide_line with len() for cell_len and fixed-size chunks for chop_cells: 5x faster.
    breaks = offset = 0
    for match in _WORD.finditer(line):
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            if not fold:
                breaks += start > 0
                offset = len(word)
                continue
            chunks = -(-len(word) // width)
            breaks += chunks - 1 + (start > 0)
            offset = len(word) - (chunks - 1) * width
        elif offset and start:
            breaks += 1
            offset = len(word)
    return breaks + 1


def one_line(text: str, limit: int | None = None) -> str:
    """A value on one line: whitespace collapsed (before controls become "?": a paragraph break is a
    space), cut at a word with "…" and its quote marks balanced (`titles.shorten`)."""
    return printable(shorten(text, limit))


def plain(text: str, style: str = "") -> Content:
    content = Content(text)
    return content.stylize(style) if style else content


def join(*parts: tuple[str, str], marks: list[Span] | None = None) -> Row:
    """(text, style) parts as one Row: the text is never parsed, styles are spans by offset.

    `marks`: further spans by offset into the joined text, applied on top (search hits).
    Built in one piece, not by adding Contents (each `+` copies every span so far):
    2,225 source rows take 20 ms instead of 200.
    """
    texts: list[str] = []
    spans: list[Span] = []
    at = 0
    for text, style in parts:
        text = text.translate(_STRIP)
        if style and text:
            spans.append(Span(at, at + len(text), style))
        texts.append(text)
        at += len(text)
    return Row("".join(texts), spans + (marks or []), strip_control_codes=False)


def speaker_style(speaker: str | None, slots: dict[str, int]) -> str:
    if speaker is None or speaker not in slots:
        return "$text-muted"
    return f"$speaker-{slots[speaker] % SPEAKER_COLOURS + 1}"


def source_meta(source: Source | SourceEntry) -> str:
    parts = [source.date.isoformat() if source.date else "undated"]
    if source.outlet:
        parts.append(one_line(source.outlet, 30))
    return " · ".join(parts)


def source_prompt(
    source: Source | SourceEntry, quotes: int, figures: int, duplicate: bool | Sequence[str], pinned: bool,
    *, unread: bool = False,
) -> object:
    """Title, then its id (as figures and `compare` name it), date, outlet, counts, and what it copies.

    `duplicate`: the ids of its near-duplicates (or True when they are not known)."""
    counts = f"  {quotes}q {figures}f"
    copies = duplicate if not isinstance(duplicate, bool) else ()
    if copies:
        dup = f"  {DUP_MARK} copy of {', '.join(short_id(other) for other in copies[:2])}"
        dup += f" +{len(copies) - 2}" if len(copies) > 2 else ""
    else:
        dup = f"  {DUP_MARK}dup" if duplicate else ""
    return join(
        (UNREAD_MARK if unread else "", "bold $accent"),
        (PIN_MARK if pinned else "", "$accent"),
        (one_line(source.title, 90), "bold" if unread else ""),
        ("\n", ""),
        (short_id(source.id) + " · ", "$text-muted"),
        (source_meta(source), "$text-muted"),
        (counts, "$text-muted"),
        (dup, "$warning"),
    )


def saved_search_prompt(name: str, query: str, kind: str) -> object:
    """A saved search, listed above the sources: its name, then the query it runs."""
    what = "quotes" if kind == "quote" else "articles"
    return join(("⌕ ", "$accent"), (one_line(name, 40), "bold $accent"),
                ("\n  " + one_line(query, 80) + f"  ({what})", "$text-muted"))


def quote_prompt(
    quote: Quote, slots: dict[str, int], shared: int, pinned: bool, title: str | None, *, read: bool = False
) -> object:
    """`read`: opened before (state.read_quotes), marked as newsreaders mark what was read."""
    style = speaker_style(quote.speaker, slots)
    if quote.kind == "partial":  # italic, not dim: dimmed, some speaker colours fell below readable contrast
        style += " italic"
    parts: list[tuple[str, str]] = [
        (READ_MARK if read else "", "$text-muted"),
        (PIN_MARK if pinned else "", "$accent"),
        ("“" + one_line(quote.text, 160) + "”", style),
    ]
    if shared > 1:
        parts.append((f"  quoted in {shared} sources", "$text-warning"))
    if title:
        parts.append(("\n  " + one_line(title, 80), "$text-muted"))
    return join(*parts)


def speaker_header(name: str | None, count: int, slots: dict[str, int]) -> object:
    label = one_line(name) if name else "Unattributed"
    return join((label, f"bold {speaker_style(name, slots)}"), (f"  ({count})", "$text-muted"))


def hit_prompt(hit: SearchHit, max_fragments: int = 2) -> Row:
    """Title, date and fragments with the hit terms marked by offset."""
    parts = [(one_line(hit.title), "bold"), ("  " + (hit.date.isoformat() if hit.date else ""), "$text-muted")]
    if hit.kind == "quote" and hit.quote is not None and hit.quote.speaker:
        parts.append(("  — " + one_line(hit.quote.speaker, 40), "$text-muted"))
    marks: list[Span] = []
    at = sum(len(text.translate(_STRIP)) for text, _ in parts)
    for fragment in hit.fragments[:max_fragments]:
        # printable() maps every control character to "?", so the hit offsets still hold.
        text = printable(fragment.text.replace("\n", " ").replace("\t", " "))
        at += 3
        for start, end in fragment.hits:
            start, end = max(start, 0), min(end, len(text))
            if start < end:
                marks.append(Span(at + start, at + end, HIT_STYLE))
        parts += [("\n  ", ""), (text, "")]
        at += len(text)
    return join(*parts, marks=marks)


def citation_for_quote(quote: Quote, source: Source) -> str:
    who = quote.speaker or quote.speaker_as_written or "unattributed"
    return f"“{one_line(quote.text)}” — {one_line(who)}. {citation_for_source(source)}"


def citation_for_figure(figure: Figure, source: Source) -> str:
    return f"{one_line(figure.sentence)} {citation_for_source(source)}"


def citation_for_source(source: Source) -> str:
    parts = [one_line(source.title)]
    if source.outlet:
        parts.append(one_line(source.outlet))
    if source.date:
        parts.append(source.date.isoformat())
    if source.url:
        parts.append(one_line(source.url))
    return "(" + ", ".join(parts) + ")"
