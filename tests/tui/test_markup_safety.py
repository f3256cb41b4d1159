"""Article text is content, never markup: hostile titles, bodies, quotes and file names.

On Textual 8.2.8 `[/b]` in a markup string raises MarkupError and ends the app,
and `[@click=app.quit]x[/]` becomes a live link. Every pane, the reader, the
search results, the palette, notices and the clipboard must show these literally.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import notices, screen_text, wait_for, wait_ready

from briefing.tui.widgets.quotes import QuotesPane
from briefing.tui.widgets.reader import Reader
from briefing.tui.widgets.search import SearchPane

HOSTILE = ("[/b]", "[bold]", "[@click=app.quit]x[/]")


@pytest.fixture
def hostile_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "hostile [bold]"
    corpus.mkdir()
    (corpus / "one.txt").write_text(
        "Click [@click=app.quit]x[/] to leave [/b]\n\n"
        "The minister said: “Never type [bold] or [/b] or [@click=app.quit]x[/] into a headline,” "
        "adding that 42% of readers would click [@click=app.quit]x[/] anyway.\n\n"
        "Officials said £5m was spent [/] on the markup clean-up.\n"
        "\x1b]52;c;aGVsbG8=\x07\x1b[2JThe screen was never cleared.\n",
        encoding="utf-8",
    )
    (corpus / "two [b].txt").write_text(
        "[bold]Second[/bold] article [/]\n\n“We will [@click=app.bell]ring[/] nothing,” said Jane Doe [/b].\n",
        encoding="utf-8",
    )
    (corpus / "[@click=app.quit]bad[b].txt").write_bytes(b"\x00\x01\x02binary [/b]")
    (corpus / "sources.yaml").write_text(
        "one.txt:\n  outlet: '[@click=app.quit]Outlet[/]'\n  date: 2025-01-02\n", encoding="utf-8"
    )
    return corpus


async def test_hostile_text_shows_literally_and_does_nothing(make_app, hostile_corpus: Path, tmp_path: Path) -> None:
    app = make_app(hostile_corpus, tmp_path / "index")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_ready(pilot, app)
        text = screen_text(app)
        assert "[@click=app.quit]x[/]" in text
        assert "[/b]" in text
        assert "\x1b" not in text
        # The unreadable file's name reached a notice, literally.
        assert any("[@click=app.quit]bad[b].txt" in n for n in notices(app))

        # Clicking the would-be link does nothing.
        rows = text.split("\n")
        row = next(i for i, line in enumerate(rows) if "[@click=app.quit]x[/]" in line)
        column = rows[row].index("[@click=app.quit]x[/]") + len("[@click=app.quit]")
        await pilot.click(offset=(column, row))
        await pilot.pause()
        assert app.is_running

        # Every source, every pane.
        await pilot.press("1", "j", "enter", "1", "k", "enter")
        await pilot.press("3", "a")
        quotes = app.query_one(QuotesPane).visible_quotes()
        assert any("[@click=app.quit]x[/]" in q.text for q in quotes)
        assert "[bold]" in screen_text(app)
        await pilot.press("4")

        # Search for the markup words and open the hit.
        await pilot.press("slash", *"click")
        pane = app.query_one(SearchPane)
        await wait_for(pilot, lambda: pane.result is not None and pane.result.query == "click", "results")
        assert pane.result.hits
        assert "[@click=app.quit]" in screen_text(app)
        await pilot.press("enter")
        reader = app.query_one(Reader)
        await wait_for(pilot, lambda: app.focused is reader, "the hit to open")

        # Copy puts the literal text on the clipboard.
        await pilot.press("3", "y")
        assert any(marker in app.clipboard for marker in HOSTILE)

        # The palette lists hostile titles without parsing them.
        await pilot.press("ctrl+p", *"open: click")
        await pilot.pause(0.5)
        assert "[@click=app.quit]x[/]" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
        for _ in HOSTILE:
            await pilot.press("t")  # re-render everything under each theme
        assert app.is_running


async def test_the_hostile_corpus_reads_safely(make_app, tmp_path: Path) -> None:
    """Issue 6's hostile folder in the app: each good file opens, no escape reaches the screen, few notices."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data"))
    from make_hostile import write

    hostile = write(tmp_path / "hostile")
    app = make_app(hostile.root, tmp_path / "index")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_ready(pilot, app)
        titles = " ".join(s.title + app.view.source(s.id).body[:200] for s in app.view.sources).lower()
        for word in hostile.good.values():
            assert word in titles
        assert len(list(app._notifications)) <= 2  # grouped, not one per file
        for source in list(app.view.sources):
            app.open_source(source.id)
            await pilot.press("G")
            text = screen_text(app)
            assert "\x1b" not in text and "\x9b" not in text
        assert "[@click=app.quit]quit[/]" in "".join(app.view.source(s.id).body for s in app.view.sources)
        assert app.is_running
