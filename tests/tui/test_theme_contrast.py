"""Every bundled theme keeps its text readable (issue #20): WCAG contrast ≥ 4.5 for every character
the app draws, in truecolor and after the reduction to 256 colours that terminals without COLORTERM
(most SSH sessions) get. The light theme drew unattributed quotes white on white (231 on 231)."""

from __future__ import annotations

import pytest
from contrast_helpers import low_contrast
from tui_helpers import wait_ready

from briefing.locations import bundled_themes_dir
from briefing.tui.themes import load_themes

BUNDLED = sorted(load_themes(bundled_themes_dir()).themes)
# What a session shows: an article with unattributed and partial quotes, each pane focused in turn
# (a highlighted row), search results with their hits marked, the help.
STATES = (
    ("reader", ("j",) * 6), ("quotes", ("3", "j", "j")), ("sources", ("1", "j")), ("figures", ("4", "j")),
    ("search", ("slash", *"visas")), ("results", ("down",)), ("help", ("escape", "escape", "question_mark")),
)


def test_every_bundled_theme_is_checked() -> None:
    assert {"briefing-dark", "briefing-light", "briefing-high-contrast", "briefing-ansi"} <= set(BUNDLED)


@pytest.mark.parametrize("theme", BUNDLED)
async def test_text_contrast(make_app, theme: str) -> None:
    app = make_app(theme=theme)
    problems: dict[str, str] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        app.open_source("000_23ed8d137b3c117b")
        await pilot.pause()
        for state, keys in STATES:
            await pilot.press(*keys)
            await pilot.pause(0.4 if state == "search" else 0.05)  # the search waits for its debounce
            # A dialog fades what is behind it on purpose: only the dialog is read.
            region = app.screen.query_one("#help-body").region if state == "help" else None
            for problem in low_contrast(app, region):
                problems.setdefault(str(problem).split(" = ")[0], f"{state}: {problem}")
    assert not problems, "\n".join(sorted(problems.values()))
