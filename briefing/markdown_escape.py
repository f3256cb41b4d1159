"""Markdown from untrusted text: article words in, inert Markdown text out.

Everything an export takes from an article (titles, paragraphs, quotes,
figures, outlets, file names) goes through here, so that no article can add a
heading, a list, a link, a table cell or a line of raw HTML to a briefing.

Backslash-escaping every ASCII punctuation character would be valid CommonMark
too, but it turns "1,500." into "1\\,500\\." in the file a colleague pastes
into a ticket. So only the characters that can mean something are escaped:
those with inline meaning anywhere (emphasis, code, links, HTML, entities,
table pipes, and the common extensions: strikethrough, math, footnotes,
attributes, @mentions, bare-URL autolinks), and those that only mean something
at the start of a line (list markers, setext underlines, definition lists).
The property tests check that the result parses back to exactly the original
text; a pandoc test checks the GFM and Pandoc readers agree.
"""

from __future__ import annotations

import re

# Characters with meaning wherever they stand, in CommonMark, GFM or Pandoc Markdown.
_ALWAYS = "\\`*_[]<>&|~#$^{}@"
_ESCAPES = str.maketrans({ch: "\\" + ch for ch in _ALWAYS})
# At the start of a line: bullet markers, setext/thematic lines, Pandoc definition lists.
_LINE_START_CHARS = frozenset("-+=:")
# "1." "12)" and Pandoc's fancy lists ("a)", "B.", "iv.") at the start of a line.
_ORDERED_MARKER = re.compile(r"\A([0-9]+|[A-Za-z]|[ivxlcdm]+|[IVXLCDM]+)([.)])(?=\s|\Z)")
# C0/C1 controls (tab and newline are whitespace, handled by the caller), bidi controls, BOM.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")

# GFM and Pandoc turn bare "http://..." and "www...." into links; an escape before ':' or '.' stops them.
_BARE_LINK = re.compile(r"(?<![A-Za-z0-9])((?i:https?|ftp|mailto|www))([:.])")

UNTITLED = "(untitled)"
_SAFE_URL = re.compile(r"\Ahttps?://[^\s<>\"'\\`\x00-\x1f\x7f]+\Z", re.IGNORECASE)


def one_line(text: str | None) -> str:
    """Controls removed, every run of whitespace (newlines included) made one space."""
    if not text:
        return ""
    return _flat(text).strip()


def _flat(text: str) -> str:
    """Controls removed and whitespace runs made one space, keeping one space at either edge."""
    if _CONTROLS.search(text):
        # whitespace first: NEL (U+0085) is a line break to YAML and to `str.split`, not litter
        text = _CONTROLS.sub("", "".join(" " if ch.isspace() else ch for ch in text))
    body = " ".join(text.split())
    if not body:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + body + (" " if text[-1].isspace() else "")


def escape(text: str | None, *, line_start: bool = True) -> str:
    """`text` as one line of Markdown that renders as exactly that text (whitespace collapsed).

    `line_start` says the result may begin a line (a paragraph, a list item, a
    heading, a table cell): leading list or underline markers are then escaped too.
    """
    flat = one_line(text)
    out = _BARE_LINK.sub(r"\1\\\2", flat.translate(_ESCAPES))
    if not line_start or not out:
        return out
    if out[0] in _LINE_START_CHARS:
        return "\\" + out
    marker = _ORDERED_MARKER.match(out)
    if marker:
        return marker.group(1) + "\\" + marker.group(2) + out[marker.end():]
    return out


def cell(text: str | None, empty: str = "—") -> str:
    """A GFM table cell: escaped (pipes included), never empty."""
    return escape(text) or empty


def title(text: str | None) -> str:
    """An article title as heading or citation text; an empty title reads "(untitled)"."""
    return escape(text) or UNTITLED


def quoted(text: str | None) -> str:
    """A title in curly quotes for running text: inert, and no emphasis to misparse."""
    return "“" + title(text) + "”"


def blockquote(paragraphs: list[str]) -> str:
    """A blockquote keeping its paragraphs: `>` on every line, the blank separators included."""
    lines = [escape(p) for p in paragraphs]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    return "\n>\n".join("> " + line for line in lines)


def highlight(text: str, spans: tuple[tuple[int, int], ...] | list[tuple[int, int]]) -> str:
    """`text` escaped, with the hit `spans` (offsets into `text`) in bold.

    Each span is trimmed to start and end on a letter or digit, so the `**`
    around it always opens and closes under CommonMark's flanking rules,
    whatever punctuation stands next to it.
    """
    marks = _merge(text, _trim(text, spans))
    if not marks:
        return escape(text)
    pieces: list[str] = []
    pos = 0
    for start, end in marks:
        if start > pos:
            pieces.append(_piece(text[pos:start], first=not pieces))
        pieces.append("**" + _piece(text[start:end], first=False) + "**")
        pos = end
    if pos < len(text):
        pieces.append(_piece(text[pos:], first=False))
    return "".join(pieces).strip()


def _piece(text: str, *, first: bool) -> str:
    """A slice of running text: escaped, whitespace collapsed but kept at its edges."""
    flat = _flat(text)
    if first:
        flat = flat.lstrip()
    lead = " " if flat.startswith(" ") else ""
    trail = " " if flat.endswith(" ") and flat.strip() else ""
    return lead + escape(flat, line_start=first) + trail


def _trim(text: str, spans) -> list[tuple[int, int]]:
    trimmed = []
    for start, end in spans:
        start, end = max(0, start), min(len(text), end)
        while start < end and not text[start].isalnum():
            start += 1
        while end > start and not text[end - 1].isalnum():
            end -= 1
        if start < end:
            trimmed.append((start, end))
    return trimmed


def _merge(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans as one; so too spans with nothing printable between (no `****`)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and (start <= merged[-1][1] or not _flat(text[merged[-1][1]:start])):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def link_or_text(url: str | None) -> str:
    """An http(s) URL as an autolink; anything else (javascript:, odd characters) as plain text."""
    flat = one_line(url)
    if _SAFE_URL.match(flat):
        return "<" + flat + ">"
    return escape(flat, line_start=False)
