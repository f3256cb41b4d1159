"""Untrusted text → `Content`, styled by offsets, never parsed as markup.

Every string that comes from a file (titles, outlets, quotes, fragments,
speaker names, warnings) reaches a widget through these helpers. `Content(text)`
keeps `[bold]` and `[@click=…]` as literal characters; styles are applied with
`stylize` over character ranges. Citations for the clipboard are plain text.
"""

from __future__ import annotations

from briefing.hygiene import printable
from briefing.models import Figure, FigureGroup, Quote, SearchHit, Source
from briefing.tui.themes import SPEAKER_COLOURS

PIN_MARK = "★ "
DUP_MARK = "≈"


def one_line(text: str, limit: int | None = None) -> str:
    """Collapse whitespace and control characters so a value fits on one line."""
    text = " ".join(printable(text).split())
    if limit is not None and len(text) > limit:
        text = text[: max(limit - 1, 0)].rstrip() + "…"
    return text


def plain(text: str, style: str = "") -> object:
    from textual.content import Content

    content = Content(text)
    return content.stylize(style) if style else content


def join(*parts: tuple[str, str]) -> object:
    """Concatenate (text, style) parts into one Content; text is never parsed."""
    from textual.content import Content

    content = Content("")
    for text, style in parts:
        piece = Content(text)
        content = content + (piece.stylize(style) if style else piece)
    return content


def speaker_style(speaker: str | None, slots: dict[str, int]) -> str:
    if speaker is None or speaker not in slots:
        return "$text-muted"
    return f"$speaker-{slots[speaker] % SPEAKER_COLOURS + 1}"


def source_meta(source: Source) -> str:
    parts = [source.date.isoformat() if source.date else "undated"]
    if source.outlet:
        parts.append(one_line(source.outlet, 30))
    return " · ".join(parts)


def source_prompt(source: Source, quotes: int, figures: int, duplicate: bool, pinned: bool) -> object:
    counts = f"  {quotes}q {figures}f"
    return join(
        (PIN_MARK if pinned else "", "$accent"),
        (one_line(source.title, 90), "bold"),
        ("\n", ""),
        (source_meta(source), "$text-muted"),
        (counts, "$text-muted"),
        (f"  {DUP_MARK}dup" if duplicate else "", "$warning"),
    )


def quote_prompt(quote: Quote, slots: dict[str, int], shared: int, pinned: bool, title: str | None) -> object:
    style = speaker_style(quote.speaker, slots)
    if quote.kind == "partial":
        style += " dim"
    parts: list[tuple[str, str]] = [
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


def figure_prompt(figure: Figure, description: str, pinned: bool) -> object:
    return join(
        (PIN_MARK if pinned else "", "$accent"),
        (one_line(figure.text, 40), "bold $figure"),
        ("  " + one_line(description, 200), ""),
    )


def dispute_header(group: FigureGroup) -> object:
    return join(("≠ " + one_line(group.topic, 80), "bold $warning"),
                ("\n  " + one_line(group.note, 200) if group.note else "", "$text-muted"))


def dispute_prompt(figure: Figure, title: str) -> object:
    return join(("  " + one_line(figure.text, 40), "$figure"), ("  " + one_line(title, 60), "$text-muted"))


def hit_prompt(hit: SearchHit, max_fragments: int = 2) -> object:
    """Title, date and fragments with the hit terms marked by offset."""
    from textual.content import Content

    head = join((one_line(hit.title), "bold"),
                ("  " + (hit.date.isoformat() if hit.date else ""), "$text-muted"))
    if hit.kind == "quote" and hit.quote is not None and hit.quote.speaker:
        head = head + join(("  — " + one_line(hit.quote.speaker, 40), "$text-muted"))
    content = head
    for fragment in hit.fragments[:max_fragments]:
        text = fragment.text.replace("\n", " ").replace("\t", " ")
        body = Content(printable(text))
        for start, end in fragment.hits:
            body = body.stylize("bold $text-accent on $hit-background", start, end)
        content = content + Content("\n  ") + body
    return content


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
