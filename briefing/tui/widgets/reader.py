"""The article reader: a line-API ScrollView that draws only the visible lines.

Quotes (one colour per speaker, partial quotes fainter), figures and search
hits are styled by body offset onto `rich.Text` built from the plain article,
so nothing in the article is ever read as markup. A line cursor (j/k) tells the
app which quote is under it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefing.models import Figure, Quote, Source
from briefing.tui.layout import LineIndex, Span, overlapping, wrap_spans
from briefing.tui.themes import SPEAKER_COLOURS

CONTEXT_LINES = 3  # lines kept above a hit or quote the reader jumps to


@dataclass(frozen=True, slots=True)
class Article:
    """What the reader shows: one source and the marks on it."""

    source: Source
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    hits: tuple[Span, ...] = ()
    speaker_slot: dict[str, int] | None = None


class Reader(ScrollView, can_focus=True):
    BINDINGS = [
        Binding("j,down", "cursor(1)", "Down", show=False, id="reader.down"),
        Binding("k,up", "cursor(-1)", "Up", show=False, id="reader.up"),
        Binding("g,home", "top", "Top", show=False, id="reader.top"),
        Binding("G,end", "bottom", "Bottom", show=False, id="reader.bottom"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="reader.page_down"),
        Binding("pageup,b", "page(-1)", "Page up", show=False, id="reader.page_up"),
        Binding("n", "hit(1)", "Next hit", id="reader.next_hit"),
        Binding("N", "hit(-1)", "Prev hit", id="reader.previous_hit"),
    ]
    COMPONENT_CLASSES = {
        *(f"reader--speaker-{i + 1}" for i in range(SPEAKER_COLOURS)),
        "reader--unattributed",
        "reader--partial",
        "reader--figure",
        "reader--hit",
        "reader--current-hit",
        "reader--cursor",
    }

    cursor = reactive(0, always_update=True)

    class QuoteUnderCursor(Message):
        def __init__(self, quote: Quote | None) -> None:
            super().__init__()
            self.quote = quote

    class HitMoved(Message):
        """`n`/`N` moved to another hit: the header's counter follows; `wrapped` past the last (or first) one."""

        def __init__(self, number: int, total: int, wrapped: bool) -> None:
            super().__init__()
            self.number, self.total, self.wrapped = number, total, wrapped

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: Article | None = None
        self._lines: list[Span] = []
        self._index = LineIndex([])
        self._width = 0
        self._marks: list[tuple[int, int, object]] = []
        self._quote_spans: list[tuple[int, int, object]] = []
        self._hit = -1
        self._last_quote: Quote | None = None
        self._pending_offset: int | None = None  # an offset to scroll to once the reader has a height

    # -- content ---------------------------------------------------------
    def show(self, article: Article | None, at: int | None = None) -> None:
        """Show an article; `at` is a body offset to put the cursor on."""
        self.article = article
        self._hit = -1
        self._pending_offset = None
        self._marks = []
        self._quote_spans = []
        if article is not None:
            self._quote_spans = sorted((q.start, q.end, q) for q in article.quotes)
            self._marks = sorted(
                [(q.start, q.end, q) for q in article.quotes]
                + [(f.start, f.end, f) for f in article.figures]
                + [(s, e, "hit") for s, e in article.hits]
            , key=lambda m: (m[0], m[1]))
        self._relayout(force=True)
        self.cursor = 0
        self.scroll_to(y=0, animate=False)
        if at is not None:
            if article is not None and at in {s for s, _ in article.hits}:
                self._hit = sorted(article.hits).index(next(h for h in sorted(article.hits) if h[0] == at))
            self.go_to_offset(at)
        self.refresh()

    def go_to_offset(self, offset: int) -> None:
        """Put the cursor on `offset`'s line, with a third of the page (at least CONTEXT_LINES) above it.

        A reader not laid out yet (hidden under another pane at 80 columns) has no height: the
        scroll waits for its first size, or the hit ended up on the top line, its context gone.
        """
        self._relayout()
        line = self._index.line_of(offset)
        self._pending_offset = None
        self.cursor = line
        height = self.scrollable_content_region.height
        if not height:  # its lines are wrapped to a guess too: keep the offset, not the line
            self._pending_offset = offset
            return
        self.scroll_to(y=max(0, line - max(CONTEXT_LINES, height // 3)), animate=False)

    @property
    def hit_position(self) -> tuple[int, int]:
        """(current hit number from 1, number of hits); (0, n) before the first jump."""
        hits = self.article.hits if self.article else ()
        return (self._hit + 1 if self._hit >= 0 else 0, len(hits))

    @property
    def quote_under_cursor(self) -> Quote | None:
        if not self._lines or not self._quote_spans:
            return None
        start, end = self._lines[min(self.cursor, len(self._lines) - 1)]
        found = overlapping(self._quote_spans, start, max(end, start + 1))
        return found[0][2] if found else None  # type: ignore[return-value]

    @property
    def cursor_offset(self) -> int:
        return self._lines[self.cursor][0] if self._lines else 0

    # -- layout ----------------------------------------------------------
    def _relayout(self, force: bool = False) -> None:
        width = max(self.scrollable_content_region.width - 1, 20)
        if not force and width == self._width:
            return
        offset = self._lines[self.cursor][0] if self._lines and self.cursor < len(self._lines) else None
        self._width = width
        if self.article is None:
            self._lines = []
        else:
            self._lines = wrap_spans(self.article.source.body, self.article.source.paragraphs, width)
        self._index = LineIndex(self._lines)
        self.virtual_size = Size(width, len(self._lines))
        if offset is not None and not force:
            self.cursor = self._index.line_of(offset)

    def on_resize(self) -> None:
        self._relayout()
        if self._pending_offset is not None and self.scrollable_content_region.height:
            self.go_to_offset(self._pending_offset)

    def watch_cursor(self, cursor: int) -> None:
        if self._lines:
            clamped = max(0, min(cursor, len(self._lines) - 1))
            if clamped != cursor:
                self.cursor = clamped
                return
            top, height = round(self.scroll_y), self.scrollable_content_region.height
            if cursor < top:
                self.scroll_to(y=cursor, animate=False)
            elif height and cursor >= top + height:
                self.scroll_to(y=cursor - height + 1, animate=False)
        quote = self.quote_under_cursor
        if quote != self._last_quote:
            self._last_quote = quote
            self.post_message(self.QuoteUnderCursor(quote))
        self.refresh()

    # -- actions ---------------------------------------------------------
    def action_cursor(self, delta: int) -> None:
        self.cursor = self.cursor + delta

    def action_top(self) -> None:
        self.cursor = 0

    def action_bottom(self) -> None:
        self.cursor = max(len(self._lines) - 1, 0)

    def action_page(self, direction: int) -> None:
        """Scroll the page (less's and vim's PgDn), the cursor keeping its row on screen; at the
        first or last page, the cursor goes to the first or last line."""
        step = max(self.scrollable_content_region.height - 1, 1)
        top = round(self.scroll_y)
        new_top = max(0, min(top + direction * step, round(self.max_scroll_y)))
        if new_top == top:
            self.cursor = 0 if direction < 0 else max(len(self._lines) - 1, 0)
            return
        row = self.cursor - top
        self.scroll_to(y=new_top, animate=False)
        self._pending_offset = None
        self.cursor = new_top + max(row, 0)

    def action_hit(self, direction: int) -> None:
        hits = sorted(self.article.hits) if self.article else []
        if not hits:
            self.app.bell()
            return
        if self._hit < 0:
            here = self.cursor_offset
            after = [i for i, (s, _) in enumerate(hits) if s >= here]
            if direction > 0:
                wanted = after[0] if after else len(hits)
            else:
                wanted = after[0] - 1 if after else len(hits) - 1
        else:
            wanted = self._hit + direction
        wrapped = not 0 <= wanted < len(hits)
        self._hit = wanted % len(hits)
        self.go_to_offset(hits[self._hit][0])
        self.post_message(self.HitMoved(self._hit + 1, len(hits), wrapped))
        self.refresh()

    # -- drawing ---------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        self._relayout()
        scroll_x, scroll_y = self.scroll_offset
        number = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if self.article is None or number >= len(self._lines):
            return Strip.blank(width, base)
        start, end = self._lines[number]
        body = self.article.source.body
        text = Text(body[start:end].replace("\n", " ").replace("\t", " "), end="", no_wrap=True)
        hits = sorted(self.article.hits)
        current = hits[self._hit] if 0 <= self._hit < len(hits) else None
        for m_start, m_end, mark in overlapping(self._marks, start, end):
            style = self._style_for(mark, (m_start, m_end) == current)
            text.stylize(style, max(m_start, start) - start, min(m_end, end) - start)
        if number == self.cursor and self.has_focus:
            text.stylize(self._component("reader--cursor"), 0, max(len(text), 1))
            if not len(text):
                text = Text(" ", style=self._component("reader--cursor"), end="")
        segments = [Segment(s.text, base + s.style if s.style else base) for s in text.render(self.app.console)]
        strip = Strip(segments).crop(scroll_x, scroll_x + width)
        return strip.adjust_cell_length(width, base)

    def _style_for(self, mark: object, current: bool) -> Style:
        if mark == "hit":
            return self._component("reader--current-hit" if current else "reader--hit")
        if isinstance(mark, Figure):
            return self._component("reader--figure")
        assert isinstance(mark, Quote)
        slots = (self.article.speaker_slot if self.article else None) or {}
        if mark.speaker in slots:
            style = self._component(f"reader--speaker-{slots[mark.speaker] % SPEAKER_COLOURS + 1}")
        else:
            style = self._component("reader--unattributed")
        if mark.kind == "partial":
            style += self._component("reader--partial")
        return style

    def _component(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
