"""Wrapping an article into display lines that remember their body offsets.

The reader draws only the lines on screen (toolong's line API), so it needs,
for every display line, the span of `body` it shows: quotes, figures and search
hits are all located by offset and find their line by bisection. Pure code,
no Textual: tested on its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from rich.cells import cell_len

Span = tuple[int, int]
_WORD = re.compile(r"\S+\s*")


def wrap_spans(body: str, paragraphs: Sequence[Span], width: int) -> list[Span]:
    """Display lines as (start, end) spans of `body`; an empty span is a blank line between paragraphs.

    Greedy word wrap by terminal cells; a word wider than the line is cut.
    Newlines inside a paragraph (soft wraps in the file) count as spaces.
    """
    width = max(width, 8)
    lines: list[Span] = []
    for index, (p_start, p_end) in enumerate(paragraphs):
        if index:
            lines.append((p_start, p_start))
        line_start = p_start
        used = 0
        for match in _WORD.finditer(body, p_start, p_end):
            w_start, w_end = match.start(), match.end()
            if not used and w_start > line_start:  # spaces before a paragraph's first word are drawn too
                used = cell_len(body[line_start:w_start].replace("\n", " "))
            word = body[w_start:w_end].rstrip()
            wide = cell_len(word) if not word.isascii() else len(word)
            if used and used + wide > width:
                lines.append((line_start, w_start))
                line_start, used = w_start, 0
            while wide > width:  # a very long "word": cut it to the line width
                cut = _cut_at(body, line_start, width)
                lines.append((line_start, cut))
                line_start = cut
                word = body[cut:w_end].rstrip()
                wide = cell_len(word)
            used += wide + (w_end - w_start - len(word))
        if line_start < p_end or not lines or lines[-1][1] != p_end:
            lines.append((line_start, p_end))
    return lines


def _cut_at(body: str, start: int, width: int) -> int:
    used = 0
    pos = start
    while pos < len(body):
        w = cell_len(body[pos])
        if used + w > width:
            break
        used += w
        pos += 1
    return max(pos, start + 1)


class LineIndex:
    """Find the display line holding a body offset."""

    def __init__(self, lines: Sequence[Span]) -> None:
        self.lines = list(lines)
        self._starts = [s for s, _ in self.lines]

    def line_of(self, offset: int) -> int:
        if not self.lines:
            return 0
        index = bisect_right(self._starts, offset) - 1
        index = max(index, 0)
        # An empty separator line shares its start with the next line: prefer the text line.
        if self.lines[index][0] == self.lines[index][1] and index + 1 < len(self.lines):
            index += 1
        return index


def overlapping(spans: Sequence[tuple[int, int, object]], start: int, end: int) -> list[tuple[int, int, object]]:
    """Spans (sorted by start) that overlap [start, end)."""
    hi = bisect_right([s for s, _, _ in spans], end - 1) if end > start else 0
    return [item for item in spans[:hi] if item[1] > start]
