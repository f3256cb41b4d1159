"""The merged app as a user drives it: what each branch got right alone but clashed together."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from textual.binding import Binding
from textual.widgets import Input, Static
from tui_helpers import notices, wait_ready

from briefing.tui.screens.help import HelpScreen


@pytest.mark.parametrize(("size", "whole"), [((120, 40), True), ((80, 24), True), ((60, 20), False)])
async def test_help_keeps_every_description_apart_from_its_binding_id(make_app, size, whole) -> None:
    """The reader's longer descriptions ("Open the article's file in $EDITOR") ran into the id column;
    at 80 columns every row still fits whole on one line; narrower, a long description is cut, never its id."""
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


def test_the_bindings_as_shipped_have_no_two_on_one_key() -> None:
    """Six branches added keys (r, U, u, w, E, Ctrl+S, Alt+arrows, Backspace…): none took another's."""
    from briefing.tui.app import _all_bindings
    from briefing.tui.config import key_clashes
    from briefing.tui.screens.help import HelpScreen

    shipped = {b.id: b.key for b in _all_bindings() if b.id}
    assert key_clashes(shipped, {}) == []
    assert key_clashes({b.id: b.key for b in HelpScreen.BINDINGS if isinstance(b, Binding) and b.id}, {}) == []
    assert key_clashes(shipped, {"app.pin": "t"}) == ["keymap: t is bound to both app.pin and app.next_theme"]


async def test_a_keymap_that_takes_another_binding_s_key_is_named(make_app, isolated_user_dirs: Path) -> None:
    config = isolated_user_dirs / "config" / "config.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(yaml.safe_dump({"keymap": {"app.pin": "t"}}))
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_ready(pilot, app)
        assert any("t is bound to both app.pin and app.next_theme" in n for n in notices(app)), notices(app)


async def test_add_url_leaves_the_bundled_seeds_alone(make_app, tmp_path: Path) -> None:
    """`briefing add` refuses to write into the bundled seeds; `u` in the app on them wrote there."""
    from briefing.tui.screens.add_url import AddUrlDialog

    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_ready(pilot, app)
        await pilot.press("u")
        await pilot.pause()
        assert not isinstance(app.screen, AddUrlDialog)
        assert any("bundled seeds are not written to" in n for n in notices(app)), notices(app)
    corpus = tmp_path / "own"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A headline\n\nSome words of an article about boats.\n", encoding="utf-8")
    app = make_app(corpus, tmp_path / "ix")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, AddUrlDialog)  # a folder of one's own takes pages


async def test_a_search_saved_under_a_name_with_spaces_runs_from_the_command_line(make_app) -> None:
    """The app saves any name (its notice says `briefing search @channel talk`); the CLI took a name
    with a space for plain words and found nothing."""
    import json

    from tests.conftest import run_cli

    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_ready(pilot, app)
        await pilot.press("slash", *"visas", "ctrl+s")
        await pilot.pause()
        prompt = app.screen.query_one(Input)
        prompt.value = "channel talk"
        await pilot.press("enter")
        await pilot.pause()
        assert "channel talk" in app.state.saved_searches
    hits = run_cli("search", "@channel talk", "--json", "--index", str(app.workspace.index_dir))
    assert hits.returncode == 0, hits.stderr
    assert {h["source"][:3] for h in json.loads(hits.stdout)} == {"000", "003"}
    words = run_cli("search", "@nobody saved this", "--json", "--index", str(app.workspace.index_dir))
    assert words.returncode in (0, 1) and "no saved search" not in words.stderr  # words, as before


async def test_help_shows_every_key_the_same_way(make_app) -> None:
    """Ctrl+T and Ctrl+S read ^t and ^s in the help; the palette's key read ctrl+p beside them."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        keys = [keys for keys, _, _ in app.help_rows()]
        assert not [k for k in keys if "ctrl+" in k], keys
        assert app.get_key_display(Binding("ctrl+p", "")) in keys


README = Path(__file__).resolve().parents[2] / "README.md"
_README_KEY = {"/": "slash", "esc": "escape", "alt+←": "alt+left", "alt+→": "alt+right", "ctrl+←": "ctrl+left",
               "ctrl+→": "ctrl+right", "pgup": "pageup", "pgdn": "pagedown", "?": "question_mark"}


def test_every_key_in_the_readme_table_is_bound() -> None:
    """The README's key table, as six branches edited it, names only keys the app binds."""
    import re

    from briefing.tui.app import _all_bindings
    from briefing.tui.screens.help import HelpScreen

    bound = {key.strip() for b in (*_all_bindings(), *HelpScreen.BINDINGS) for key in b.key.split(",")}
    table = README.read_text(encoding="utf-8").split("| Key | Does |", 1)[1].split("\n\n", 1)[0]
    named = []
    for row in table.splitlines()[2:]:
        cell = row.split("|")[1]
        cell = re.sub(r"`(\d)`–`(\d)`", lambda m: " ".join(f"`{n}`" for n in range(int(m[1]), int(m[2]) + 1)), cell)
        named += re.findall(r"`([^`]+)`", cell)
    assert len(named) > 30
    for key in named:
        if key in ("Enter", "Ctrl+P"):  # every list's own, Textual's palette
            continue
        name = key if len(key) == 1 else key.lower()
        assert _README_KEY.get(name, name) in bound, key
