"""The app on names that are not UTF-8 or share a stem, and on a terminal that is not UTF-8 (issue 21)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from terminal_helpers import Tmux, app_command, wait_for_file
from tui_helpers import SEEDS, screen_text, wait_ready

from briefing.state import load_state
from briefing.tui.widgets.sources import SourcesPane


def _article(word: str) -> str:
    return f"Headline about {word}\n\nThe {word} story says it costs £5m, said Ms Jones.\n"


@pytest.fixture
def shared_names(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with open(os.fsencode(corpus) + b"/caf\xe9.txt", "wb") as out:  # first in the list
        out.write(_article("brioche").encode())
    (corpus / "story.txt").write_text(_article("kestrel"), encoding="utf-8")
    (corpus / "story.md").write_text(_article("heron"), encoding="utf-8")
    return corpus


async def test_the_app_starts_on_names_that_are_not_utf8_and_share_a_stem(make_app, shared_names, tmp_path) -> None:
    app = make_app(shared_names, tmp_path / "index", fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        ids = [s.id for s in app.query_one(SourcesPane).visible_sources()]
        assert sorted(ids) == ["caf\ufffd", "story.md", "story.txt"]
        text = screen_text(app)
        assert "Headline about kestrel" in text and "Headline about heron" in text
        assert app.current == "caf\ufffd"
        await pilot.press("1", "p")  # pin it: the state file is YAML
        await pilot.pause()
    state = load_state(shared_names).state
    assert [pin.source for pin in state.pins] == ["caf\ufffd"]


@pytest.mark.terminal
def test_a_latin1_terminal_gets_ascii_borders(tmp_path: Path) -> None:
    tmux = Tmux(tmp_path, width=100, height=30)
    rc = tmp_path / "rc"
    try:
        tmux.start(app_command(SEEDS, tmp_path / "index", tmp_path, env_extra={"PYTHONIOENCODING": "latin-1"}))
        screen = tmux.wait_for(lambda s: "index ready" in s, "the app to start and index")
        assert "\\u25" not in screen, screen
        assert "+-" in screen or "-+" in screen, screen
        tmux.keys("q")
        assert wait_for_file(rc) == "0"
    finally:
        tmux.stop()
