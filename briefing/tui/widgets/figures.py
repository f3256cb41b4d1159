"""The Key figures pane: the open article's ranked figures, then where sources disagree.

Values, statuses and the rows of a comparison come from the briefing model
(`briefing.briefing_model`), as in the exported briefing: the pane and the export cannot differ.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets.option_list import Option

from briefing import briefing_model as model
from briefing.models import Figure, FigureGroup, Pin
from briefing.tui import render
from briefing.tui.data import CorpusView
from briefing.tui.widgets.lists import NavList

DISPUTES_AFTER = 0.1  # seconds


def option_id(figure: Figure, group: int | None = None) -> str:
    prefix = "f" if group is None else f"d{group}"
    return f"{prefix}\x1f{figure.source}\x1f{figure.start}\x1f{figure.end}"


def parse_option_id(option_id: str | None) -> tuple[str, int, int] | None:
    if not option_id or option_id[0] not in "fd" or "\x1f" not in option_id:
        return None
    source, start, end = option_id.split("\x1f", 1)[1].rsplit("\x1f", 2)
    return (source, int(start), int(end))


class FiguresPane(Vertical):
    class Opened(Message):
        def __init__(self, figure: Figure) -> None:
            super().__init__()
            self.figure = figure

    def __init__(self, describe: Callable[[Figure], str] | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.view: CorpusView | None = None
        self.pins: list[Pin] = []
        self.source_id: str | None = None
        self._describe = describe
        # The disputes are the whole corpus's (440 groups on BBC) and the same for every article:
        # built once per view, not on every article opened.
        self._disputes: tuple[CorpusView, list[Option]] | None = None
        self._stale = False

    def compose(self) -> ComposeResult:
        yield NavList(id="figure-list")

    @property
    def option_list(self) -> NavList:
        return self.query_one(NavList)

    def set_view(self, view: CorpusView, pins: list[Pin]) -> None:
        """Refresh after the current handler, unless it opens an article (which refreshes) first."""
        self.view, self.pins = view, pins
        self._stale = True
        self.call_later(self._refresh_if_stale)

    def _refresh_if_stale(self) -> None:
        if self._stale:
            self.refresh_items()

    def show_source(self, source_id: str | None) -> None:
        if source_id == self.source_id and not self._stale:
            return
        self.source_id = source_id
        self.refresh_items()

    @property
    def selected(self) -> Figure | None:
        key = parse_option_id(self.option_list.highlighted_id)
        return self.view.figure_at(*key) if key and self.view else None

    def describe(self, figure: Figure) -> str:
        if self._describe is None:
            from briefing.figure_summary import describe

            self._describe = describe
        try:
            return self._describe(figure)
        except Exception:  # a description is a nicety; the figure itself still shows
            return figure.sentence

    def refresh_items(self) -> None:
        view = self.view
        if view is None:
            return
        self._stale = False
        listing = self.option_list
        keep = listing.highlighted_id
        pinned = {(p.source, p.start, p.end) for p in self.pins if p.kind == "figure"}
        figures = view.key_figures_of(self.source_id) if self.source_id else []
        options: list[Option] = []
        if self.source_id:
            options.append(Option(render.plain("Key figures, this article", "bold"), id="h\x1fkey", disabled=True))
            for figure in figures:
                options.append(Option(
                    figure_prompt(figure, self.describe(figure), (figure.source, figure.start, figure.end) in pinned),
                    id=option_id(figure),
                ))
            if not figures:
                options.append(Option(render.plain("  none found", "$text-muted"), id="h\x1fnone", disabled=True))
        disputes = view.disputes
        if self._disputes is not None and self._disputes[0] is view:
            options += self._disputes[1]
        elif disputes:
            # First showing of this view: the article's key figures now, the corpus's disputes
            # (1,900 rows on 2,225 articles, 0.1 s) once the frames showing the article are out
            # (call_after_refresh can run after a small repaint, before the panes' layout).
            self.set_timer(DISPUTES_AFTER, partial(self._add_disputes, view))
        listing.set_options(options)
        ids = [o.id for o in options]
        if keep in ids:
            listing.highlighted = ids.index(keep)
        else:
            listing.highlighted = next((i for i, o in enumerate(options) if not o.disabled), None)
        self.border_subtitle = render.plain(f"{len(figures)} key · {len(disputes)} disputed")

    def _add_disputes(self, view: CorpusView) -> None:
        if view is self.view and (self._disputes is None or self._disputes[0] is not view):
            self._disputes = (view, self._dispute_options(view))
            self.refresh_items()

    def _dispute_options(self, view: CorpusView) -> list[Option]:
        """The "where sources disagree" rows, reused (with their cached heights) while the view holds."""
        options: list[Option] = []
        if view.disputes:
            options.append(Option(render.plain("Where sources disagree", "bold"), id="h\x1fdisputes", disabled=True))
        dates = {s.id: s.date for s in view.sources}
        for number, group in enumerate(view.disputes):
            table = model.figure_table(group, dates)
            options.append(Option(dispute_header(group, table), id=f"h\x1fg{number}", disabled=True))
            for row in table.rows:
                source = view.entry(row.figure.source)
                options.append(Option(dispute_prompt(row, source.title if source else row.figure.source),
                                      id=option_id(row.figure, number)))
        return options

    def on_option_list_option_selected(self, event: NavList.OptionSelected) -> None:
        event.stop()
        key = parse_option_id(event.option.id)
        figure = self.view.figure_at(*key) if key and self.view else None
        if figure is not None:
            self.post_message(self.Opened(figure))


def figure_prompt(figure: Figure, description: str, pinned: bool) -> object:
    """The normalised value first ("£700m", not the article's "£ 700 meters"), then what it measures."""
    return render.join(
        (render.PIN_MARK if pinned else "", "$accent"),
        (render.one_line(model.normalised(figure), 40), "bold $figure"),
        ("  " + render.one_line(description, 200), ""),
    )


def dispute_header(group: FigureGroup, table: model.FigureTable) -> object:
    status = model.STATUS_WORDS.get(table.status, table.status)
    mark = "≠ " if table.status == "disagree" else "→ " if table.status == "timeline" else "= "
    return render.join((mark + render.one_line(table.label, 80), "bold $warning"),
                       ("  " + status, "$text-muted"),
                       ("\n  " + render.one_line(group.note, 200) if group.note else "", "$text-muted"))


def dispute_prompt(row: model.FigureRow, title: str) -> object:
    rate = f" ({model.per_year_text(row.figure, row.per_year)})" if row.per_year is not None else ""
    return render.join(("  " + render.one_line(row.value + rate, 50), "$figure"),
                       ("  " + render.one_line(row.written, 50), ""),
                       ("  " + render.one_line(title, 60), "$text-muted"))
