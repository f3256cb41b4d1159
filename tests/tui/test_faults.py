"""Faults the app meets at start: no corpus, a foreign index, NO_COLOR. It says so and stays usable."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import SEEDS, notices, screen_text, wait_for

from briefing.tui.widgets.reader import Reader
from briefing.tui.widgets.search import SearchPane
from briefing.tui.widgets.sources import SourcesPane


async def test_missing_corpus_is_one_line_and_the_app_still_quits(make_app, tmp_path: Path) -> None:
    app = make_app(tmp_path / "no such folder", tmp_path / "index")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_for(pilot, lambda: "Cannot open the corpus" in screen_text(app), "the error line")
        assert any("corpus folder not found" in n for n in notices(app))
        await pilot.press("slash", *"anything", "tab", "2", "j", "p", "y", "e", "t")
        assert app.is_running
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_foreign_index_is_refused_and_reading_still_works(make_app, tmp_path: Path) -> None:
    foreign = tmp_path / "index"
    foreign.mkdir(mode=0o700)
    (foreign / "_MAIN_1.toc").write_bytes(b"cos\nsystem\n(S'echo pwned'\ntR.")
    app = make_app(SEEDS, foreign)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_for(pilot, lambda: any("refusing to open" in n for n in notices(app)), "the index notice")
        assert "index unavailable" in screen_text(app)
        await wait_for(pilot, lambda: app.view is not None and app.view.all_quotes(), "the corpus")
        await pilot.press("1", "j", "enter")
        assert app.current == app.query_one(SourcesPane).visible_sources()[1].id
        assert app.query_one(Reader).article is not None
        await pilot.press("slash", *"macron")
        await pilot.pause(0.3)
        status = str(app.query_one("#search-status").render())
        assert "unavailable" in status
        assert app.is_running


@pytest.mark.parametrize("value", ["1"])
async def test_no_color_is_respected(make_app, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("NO_COLOR", value)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.index_ready, "the index")
        assert app.no_color
        assert any(type(f).__name__ in ("Monochrome", "NoColor") for f in app._filters)
        assert app.query_one(SearchPane) is not None
