"""The merged app as a user drives it: what each branch got right alone but clashed together."""

from __future__ import annotations

import pytest
from textual.widgets import Static
from tui_helpers import wait_ready

from briefing.tui.screens.help import HelpScreen


@pytest.mark.parametrize(("size", "whole"), [((120, 40), True), ((80, 24), False)])
async def test_help_keeps_every_description_apart_from_its_binding_id(make_app, size, whole) -> None:
    """The reader's longer descriptions ("Open the article's file in $EDITOR") ran into the id column;
    at 80 columns a row must still fit on one line with its id (a long description is cut)."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await wait_ready(pilot, app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        lines = {str(static.render()): static for static in app.screen.query(Static)}
        for keys, description, binding_id in app.help_rows():
            row = next(line for line in lines if line.startswith(keys + " ") and binding_id in line)
            assert row.rstrip().endswith(" " + binding_id), row
            shown = row[len(keys):].strip()[: -len(binding_id)].strip()
            assert shown == description if whole else description.startswith(shown.rstrip("…")), row
            assert lines[row].size.height == 1, row  # the id never wraps onto a line of its own
