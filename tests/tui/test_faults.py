"""Faults the app meets at start: no corpus, a foreign index, NO_COLOR. It says so and stays usable."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import SEEDS, notices, screen_text, wait_for, wait_ready

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


# --- a broken user theme ------------------------------------------------------------------------

BROKEN_THEME_VARIABLES = {
    "braces": {"text-muted": "}}} {{{"},
    "declaration": {"text-muted": "red; color: blue"},
    "url": {"text-muted": "url(http://example.com/x.png)"},
    "empty": {"text-muted": ""},
    "border": {"border": "nonsense"},
    "style": {"block-cursor-text-style": "bold; color: red"},
    "unknown": {"my-own": "}}}"},
    "auto-background": {"surface-darken-1": "auto 50%"},
}


def write_user_theme(name: str, variables: dict[str, str]) -> Path:
    import yaml

    from briefing.locations import user_themes_dir

    folder = user_themes_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump({"name": name, "primary": "#336699", "variables": variables}), encoding="utf-8")
    return path


@pytest.mark.parametrize("case", sorted(BROKEN_THEME_VARIABLES))
async def test_a_broken_user_theme_is_rejected_with_one_notice(make_app, case: str) -> None:
    write_user_theme("broken", BROKEN_THEME_VARIABLES[case])
    app = make_app(theme="broken")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_ready(pilot, app)
        assert app.theme == "briefing-dark"
        about = [line for n in notices(app) for line in n.splitlines() if "broken" in line]
        assert len(about) == 1 and "not used" in about[0], notices(app)
        assert "broken" not in app.theme_names
        for _ in range(len(app.theme_names) + 1):  # `t` through every theme: never onto the broken one
            await pilot.press("t")
            await pilot.pause()
            assert app.is_running and app.theme != "broken"


async def test_a_remembered_theme_that_no_longer_loads_is_forgotten(make_app) -> None:
    from briefing.state import State, load_state, save_state

    write_user_theme("mine", {"figure": "#e5c07b"})
    save_state(SEEDS, State(theme="mine"))
    app = make_app(theme=None)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_ready(pilot, app)
        assert app.theme == "mine"
    write_user_theme("mine", {"text-muted": "}}} {{{"})  # broken since
    app = make_app(theme=None)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_ready(pilot, app)
        assert app.theme == "briefing-dark"
        assert len([line for n in notices(app) for line in n.splitlines() if "mine" in line]) == 1, notices(app)
    assert load_state(SEEDS).state.theme is None


@pytest.mark.parametrize(
    "variables",
    [{"text-muted": "red 50%"}, {"link-background": "initial"}, {"text": "auto 87%"},
     {"link-style-hover": "bold not underline"}, {"border": "ansi_bright_red"}],
    ids=["opacity", "textual-default", "auto", "style-words", "ansi"],
)
async def test_unusual_but_valid_theme_values_are_kept(make_app, variables: dict[str, str]) -> None:
    write_user_theme("unusual", variables)
    app = make_app(theme="unusual")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_ready(pilot, app)
        assert app.theme == "unusual", notices(app)
