"""Per-corpus state: round trip, atomic writes, corrupt files set aside."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing import state as st
from briefing.locations import state_file
from briefing.models import Pin


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "data"))
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


def test_missing_file_is_fresh_state(corpus: Path) -> None:
    loaded = st.load_state(corpus)
    assert loaded.state == st.State() and loaded.warning is None


def test_round_trip(corpus: Path) -> None:
    state = st.State(
        pins=[Pin("source", "a"), Pin("quote", "b", 3, 9), Pin("figure", "c", 0, 4)],
        last_source="b",
        theme="briefing-light",
    )
    st.save_state(corpus, state)
    assert state_file(corpus).is_file()
    assert st.load_state(corpus).state == state
    # No temporary files left behind.
    assert [p.name for p in state_file(corpus).parent.iterdir()] == [state_file(corpus).name]


def test_toggle_pin() -> None:
    state = st.State()
    pin = Pin("quote", "a", 1, 2)
    assert state.toggle_pin(pin) is True and state.is_pinned(pin)
    assert state.toggle_pin(pin) is False and not state.is_pinned(pin)


@pytest.mark.parametrize(
    "content",
    [
        "pins: [unclosed\n",
        "- just\n- a list\n",
        "pins:\n  - kind: bogus\n    source: a\n",
        "pins:\n  - kind: quote\n    source: a\n    start: '3'\n",
        "version: 99\n",
        "theme: [1, 2]\n",
    ],
)
def test_corrupt_file_is_set_aside(corpus: Path, content: str) -> None:
    path = state_file(corpus)
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    loaded = st.load_state(corpus)
    assert loaded.state == st.State()
    assert loaded.warning and "set aside" in loaded.warning
    assert not path.exists()
    aside = list(path.parent.glob(path.name + ".corrupt-*"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == content
    # The next save works and the next load is clean.
    st.save_state(corpus, st.State(theme="x"))
    assert st.load_state(corpus) == st.LoadedState(st.State(theme="x"))


def test_binary_file_is_set_aside(corpus: Path) -> None:
    path = state_file(corpus)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff\xfe\x00garbage")
    loaded = st.load_state(corpus)
    assert loaded.warning and loaded.state == st.State()


def test_failed_write_keeps_old_file(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    st.save_state(corpus, st.State(theme="old"))

    def boom(*_args: object) -> None:
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(st.os, "replace", boom)
        with pytest.raises(OSError):
            st.save_state(corpus, st.State(theme="new"))
    assert st.load_state(corpus).state.theme == "old"
    assert len(list(state_file(corpus).parent.iterdir())) == 1
