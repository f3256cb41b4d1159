"""The app's at-a-glance panes say what the exported briefing says: the same model feeds both."""

from __future__ import annotations

from tui_helpers import wait_for, wait_ready

from briefing import briefing_model as model
from briefing.export import briefing_of_workspace
from briefing.tui.widgets.figures import FiguresPane
from briefing.tui.widgets.quotes import QuotesPane, parse_option_id


async def test_quotes_pane_lists_each_quote_once_without_scare_quotes(make_app, seeds_workspace) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        quotes = app.query_one(QuotesPane)
        await pilot.press("3", "a")  # all sources
        listing = quotes.option_list
        shown = [listing.get_option_at_index(i) for i in range(listing.option_count)]
        keys = [parse_option_id(o.id) for o in shown if not o.disabled]
        texts = [" ".join(app.view.quote_at(k).text.split()) for k in keys if k]
        assert len(texts) == len(set(texts))  # "concrete progress", in two sources, is one row
        for scare in ("safe", "one, one", "operate"):
            assert scare not in texts
        prompts = [str(o.prompt) for o in shown]
        assert any("quoted in 2 sources" in p for p in prompts if "concrete progress" in p)
        # the export has the same phrases under the same speakers
        briefing = briefing_of_workspace(seeds_workspace, model.ExportRequest())
        exported = {" ".join(e.text.split()) for s in briefing.speakers for e in s.quotes + s.partials}
        assert "concrete progress" in exported and "safe" not in exported


async def test_figures_pane_shows_normalised_values_and_the_comparison_status(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        pane = app.query_one(FiguresPane)
        target = next(s.id for s in app.view.sources if s.id.startswith("004"))
        app.open_source(target)
        listing = pane.option_list
        await wait_for(pilot, lambda: any(o.id == "h\x1fdisputes" for o in listing._options), "the disputes")
        prompts = [str(o.prompt) for o in listing._options]
        assert not any("£ 700 meters" in p.split("  ")[0] for p in prompts)  # the value column is normalised
        assert any(p.startswith("£700m") or "£700m" in p for p in prompts)
        assert any("sources disagree" in p for p in prompts)
