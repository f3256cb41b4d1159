"""The merged app as a user drives it: what each branch got right alone but clashed together."""

from __future__ import annotations

from textual.widgets import Static
from tui_helpers import wait_ready

from briefing.tui.screens.help import HelpScreen


async def test_help_keeps_every_description_apart_from_its_binding_id(make_app) -> None:
    """The reader's longer descriptions ("Open the article's file in $EDITOR") ran into the id column."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        lines = [str(static.render()) for static in app.screen.query(Static)]
        for keys, description, binding_id in app.help_rows():
            row = next(line for line in lines if line.startswith(keys + " ") and binding_id in line)
            assert f"{description} " in row and row.rstrip().endswith(" " + binding_id), row
