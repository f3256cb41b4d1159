"""Titles cut at a word, with "…", quote marks never left open (issue #20, defect 5)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from briefing.corpus import TITLE_MAX_CHARS, load_corpus
from briefing.titles import ELLIPSIS, PAIRS, open_marks, shorten

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
LEAD = "Sir Keir Starmer said the UK would tackle illegal migration with “new tactics” and a “new level of intent”."


def test_text_that_fits_is_only_put_on_one_line() -> None:
    assert shorten("crossing.\n\n“It is a", 80) == "crossing. “It is a"
    assert shorten("short", None) == "short"


def test_a_cut_ends_at_a_word_with_an_ellipsis_and_no_open_mark() -> None:
    assert shorten(LEAD, 84) == "Sir Keir Starmer said the UK would tackle illegal migration with “new tactics”…"
    assert shorten("Downing Street added both leaders agreed that migration should be a key focus of their", 80) \
        == "Downing Street added both leaders agreed that migration should be a key focus…"


def test_a_mark_opened_well_before_the_cut_is_closed_after_the_ellipsis() -> None:
    said = "He said “we will act on the boats now and here, today”"
    assert shorten(said, 40) == "He said “we will act on the boats now…”"


def test_apostrophes_are_not_quote_marks() -> None:
    assert shorten("Macron’s visit and Starmer’s talks on migration in London", 30) == "Macron’s visit and Starmer’s…"


def test_one_long_word_is_cut_inside_it() -> None:
    assert shorten("Supercalifragilisticexpialidocious", 10) == "Supercali…"


def test_the_loader_titles_from_a_lead_sentence_through_shorten(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(LEAD.replace(".", "") * 2 + ".\n\nBody.\n", encoding="utf-8")
    title = load_corpus(tmp_path).sources[0].title
    assert title.endswith(ELLIPSIS) and len(title) <= TITLE_MAX_CHARS
    assert not open_marks(title)
    seeds = {s.id: s.title for s in load_corpus(SEEDS).sources}
    assert seeds["002_31579b7372feac52"].endswith("“new tactics”…")


_WORDS = st.lists(
    st.text(alphabet="abcdefgh’", min_size=1, max_size=12)
    | st.sampled_from(["“quoted", "words”", "(aside", "note)", "‘single", "mark’", "the", "of"]),
    min_size=1, max_size=30,
).map(" ".join)


@given(_WORDS, st.integers(min_value=2, max_value=80))
def test_properties(text: str, limit: int) -> None:
    out = shorten(text, limit)
    assert len(out) <= limit
    if len(text) <= limit:
        assert out == text
        return
    assert ELLIPSIS in out
    head = out[: out.index(ELLIPSIS)]
    closers = out[out.index(ELLIPSIS) + 1:]
    assert text.startswith(head)
    assert all(ch in PAIRS.values() for ch in closers)
    assert not open_marks(out), "every mark the cut left open is closed"
    if text[len(head)].isalnum() and head[-1:].isalnum():  # cut inside a word: only a long one
        assert head.rfind(" ") <= (limit - 1) // 3
