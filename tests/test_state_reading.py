"""Read marks and saved searches kept per corpus with the pins (issue #20)."""

from __future__ import annotations

import pytest

from briefing.state import SavedSearch, State, StateError, from_dict, load_state, save_state, to_dict


def test_read_marks_and_saved_searches_round_trip(tmp_path) -> None:
    state = State()
    assert state.mark_read("a") and not state.mark_read("a")
    state.mark_quote_read(("a", 1, 9))
    state.saved_searches["visas"] = SavedSearch("visas AND returns", "article")
    save_state(tmp_path, state)
    again = load_state(tmp_path).state
    assert again.read_sources == ["a"] and again.read_quotes == [("a", 1, 9)]
    assert again.saved_searches == {"visas": SavedSearch("visas AND returns", "article")}
    assert again.unread(["a", "b", "c"]) == ["b", "c"]


def test_a_state_from_before_has_nothing_read() -> None:
    old = {"version": 1, "last_source": None, "theme": None, "pins": []}
    state = from_dict(old)
    assert state.read_sources == [] and state.saved_searches == {}
    assert set(to_dict(state)) >= {"pins", "read_sources", "read_quotes", "saved_searches"}


@pytest.mark.parametrize("bad", [
    {"read_sources": "a"}, {"read_sources": [1]}, {"read_quotes": [{"source": "a", "start": "1", "end": 2}]},
    {"saved_searches": ["x"]}, {"saved_searches": {"x": {"query": 3}}},
    {"saved_searches": {"x": {"query": "q", "kind": "?"}}},
])
def test_malformed_entries_are_refused(bad) -> None:
    with pytest.raises(StateError):
        from_dict({"version": 1, **bad})
