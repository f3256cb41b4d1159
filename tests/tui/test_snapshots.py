"""Snapshots at 120×40 (all panes side by side) and 80×24 (one pane at a time), on the seeds.

Update after an intended change with `pytest tests/tui/test_snapshots.py --snapshot-update`
and look at the SVGs under `__snapshots__/` before committing them.
"""

from __future__ import annotations

import pytest
from tui_helpers import wait_for, wait_ready

from briefing.tui.widgets.search import SearchPane

SIZES = [(120, 40), (80, 24)]


async def settle(pilot) -> None:
    """Let scrolling into view finish: lists scroll to their highlight on the next refresh."""
    await pilot.wait_for_scheduled_animations()
    await pilot.pause(0.2)
    await pilot.wait_for_scheduled_animations()


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_main_view(snap_compare, make_app, size: tuple[int, int]) -> None:
    async def ready(pilot) -> None:
        await wait_ready(pilot, pilot.app)
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_search_results(snap_compare, make_app, size: tuple[int, int]) -> None:
    async def search(pilot) -> None:
        app = pilot.app
        await wait_ready(pilot, app)
        await pilot.press("slash", *"small boats")
        pane = app.query_one(SearchPane)
        await wait_for(pilot, lambda: pane.result is not None and pane.result.query == "small boats", "results")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.focused is app.query_one("#reader"), "the hit to open")
        await pilot.press("n")
        await settle(pilot)
        assert not list(app._notifications)

    assert snap_compare(make_app(), terminal_size=size, run_before=search)
