"""Across sources: near-duplicate articles, shared quotes, figures compared by date."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.analysis import SAMPLE_ABOVE, compare, compare_records, figure_groups, near_duplicates, shared_quotes
from briefing.corpus import load_corpus
from briefing.figures import extract_figures
from briefing.models import Quote, Source, SourceRecord
from briefing.quotes import extract_quotes

SEEDS = Path(__file__).parents[1] / "seeds"


def src(sid: str, body: str, when: date | None = None) -> Source:
    return Source(
        id=sid, path=Path(f"{sid}.txt"), title=sid, body=body, paragraphs=((0, len(body)),), content_hash=sid, date=when
    )


def quote(source: str, text: str, speaker: str | None = None, start: int = 0) -> Quote:
    return Quote(source=source, text=text, start=start, end=start + len(text), kind="direct", speaker=speaker)


@pytest.fixture(scope="module")
def seeds():
    sources = load_corpus(SEEDS).sources
    figures = [f for s in sources for f in extract_figures(s)]
    return sources, figures


def short(sid: str) -> str:
    return sid[:3]


# --- near-duplicates ----------------------------------------------------------------------


def test_seed_002_is_largely_001(seeds):
    sources, _ = seeds
    dups = near_duplicates(sources)
    assert [(short(d.a), short(d.b)) for d in dups] == [("001", "002")]
    assert 0.5 <= dups[0].overlap < 0.95


def test_near_duplicates_measures_share_of_the_shorter_text():
    base = " ".join(f"word{i} and more text number{i}" for i in range(60))
    a = src("a", base)
    b = src("b", base[: len(base) // 2])  # b is the first half of a
    c = src("c", " ".join(f"other{i} unrelated prose here{i}" for i in range(60)))
    dups = near_duplicates([a, b, c])
    assert [(d.a, d.b) for d in dups] == [("a", "b")]
    assert dups[0].overlap > 0.95


def test_bbc_exact_duplicates_all_found(bbc_dir):
    sources = load_corpus(bbc_dir).sources
    start = time.perf_counter()
    dups = near_duplicates(sources)
    elapsed = time.perf_counter() - start
    by_body: dict[str, list[str]] = {}
    for s in sources:
        by_body.setdefault(s.body, []).append(s.id)
    exact = {frozenset((ids[0], other)) for ids in by_body.values() for other in ids[1:]}
    found = {frozenset((d.a, d.b)): d.overlap for d in dups}
    print(f"\n{len(sources)} articles: {len(dups)} near-duplicate pairs, {len(exact)} exact, {elapsed:.2f} s")
    assert len(exact) >= 90
    missing = [pair for pair in exact if found.get(pair, 0) < 0.99]
    assert not missing


# --- shared quotes ------------------------------------------------------------------------


def test_same_quote_in_two_sources_is_one_shared_quote():
    sources = [src("a", "x"), src("b", "y"), src("c", "z")]
    quotes = [
        quote("a", "It is a serious challenge that requires serious responses to it,", "Keir Starmer"),
        quote("b", "There's a serious situation. It is a serious challenge that requires serious "
              "responses to it. We are working much more closely already.", "Keir Starmer"),
        quote("c", "Nothing like the others is said here by anyone at all today.", "Someone Else"),
        quote("a", "A second quote from the first source only, not elsewhere.", "Keir Starmer", 100),
    ]
    shared = shared_quotes(sources, quotes)
    assert len(shared) == 1
    sq = shared[0]
    assert sq.sources == ("a", "b")
    assert sq.text == "It is a serious challenge that requires serious responses to it"
    assert sq.speaker == "Keir Starmer"


def test_quotes_match_on_normalised_text_and_short_phrases_only_exactly():
    sources = [src("a", "x"), src("b", "y")]
    quotes = [
        quote("a", "We’re bringing NEW tactics into play, and a new level of intent!"),
        quote("b", "we're bringing new tactics into play and a new level of intent"),
        quote("a", "concrete progress", start=200),
        quote("b", "concrete progress", start=200),
        quote("a", "new deterrent", start=300),
        quote("b", "new deterrent to break the business model", start=300),
    ]
    shared = shared_quotes(sources, quotes)
    texts = sorted(sq.text.lower().replace("’", "'") for sq in shared)
    assert len(texts) == 2
    assert texts[0] == "concrete progress"
    assert texts[1].startswith("we're bringing new tactics into play")


def test_quotes_within_one_source_are_not_shared():
    sources = [src("a", "x")]
    text = "The same long sentence said twice in a single article by one man."
    assert shared_quotes(sources, [quote("a", text), quote("a", text, start=500)]) == []


def test_seed_shared_quotes_with_real_extraction(seeds):
    quotes_module = pytest.importorskip("briefing.quotes")
    sources, figures = seeds
    quotes = [q for s in sources for q in quotes_module.extract_quotes(s)]
    comparison = compare(sources, quotes, figures)
    by_pair: dict[tuple[str, ...], list[str]] = {}
    for sq in comparison.shared_quotes:
        by_pair.setdefault(tuple(short(s) for s in sq.sources), []).append(sq.text)
    assert any(t.startswith("It is a serious challenge") for t in by_pair[("000", "003")])
    assert len(by_pair[("001", "002")]) >= 3
    assert "shared priority that requires shared solutions" in by_pair[("001", "002")]


# --- figures across sources ---------------------------------------------------------------


def test_seed_money_for_france_is_one_disputed_group(seeds):
    sources, figures = seeds
    groups = figure_groups(sources, figures)
    money = [g for g in groups if g.kind == "money"]
    assert len(money) == 1
    g = money[0]
    assert g.unit == "GBP" and g.disputed
    assert [(short(f.source), f.value) for f in g.figures] == [
        ("000", 500e6), ("003", 400e6), ("004", 700e6), ("004", 500e6)
    ]
    assert [f.period for f in g.figures] == ["over three years", "a year", "Since 2018", "in three years"]
    assert g.note.startswith("almost £500m (000: over three years, 18 June 2025) → £400m (003: a year)")
    assert "more than £700m (004: Since 2018)" in g.note


def test_seed_crossings_ordered_by_date_undated_last(seeds):
    """16,000 (18 June) → about 20,000 (January–June) → 21,000 (9 July)."""
    sources, figures = seeds
    groups = figure_groups(sources, figures)
    crossings = next(g for g in groups if any(f.value == 21000 for f in g.figures))
    assert crossings.kind == "count" and crossings.unit == "people"
    assert [(short(f.source), f.value) for f in crossings.figures] == [
        ("000", 16000), ("004", 20000), ("001", 21000), ("002", 21000)
    ]
    assert crossings.disputed
    note = crossings.note
    assert note.index("16,000") < note.index("around 20,000") < note.index("21,000")
    assert "18 June 2025" in note and "Between January and June" in note and "9 July 2025" in note


def test_agreeing_figures_are_not_disputed(seeds):
    sources, figures = seeds
    groups = figure_groups(sources, figures)
    weekly = next(g for g in groups if all(f.value == 50 and f.period == "a week" for f in g.figures))
    assert not weekly.disputed
    assert {short(f.source) for f in weekly.figures} == {"001", "002"}


def test_unrelated_figures_are_not_grouped():
    sources = [
        src("a", "The club paid £30m for the striker from Milan on Monday."),
        src("b", "The council will spend £30m on new schools and hospitals in the north."),
        src("c", "The club paid £32m for the striker from Milan, his agent said."),
    ]
    figures = [f for s in sources for f in extract_figures(s)]
    groups = figure_groups(sources, figures)
    assert [[f.source for f in g.figures] for g in groups] == [["a", "c"]]
    assert groups[0].disputed


def test_compare_on_empty_input():
    comparison = compare([], [], [])
    assert comparison.duplicates == [] and comparison.shared_quotes == [] and comparison.figure_groups == []


def compared_both_ways(sources: list[Source]) -> tuple:
    """`compare` over everything in memory, and `compare_records` reading each source when it asks."""
    quotes = [q for s in sources for q in extract_quotes(s)]
    figures = [f for s in sources for f in extract_figures(s)]
    records = {
        s.id: SourceRecord(
            s, tuple(q for q in quotes if q.source == s.id), tuple(f for f in figures if f.source == s.id)
        )
        for s in sources
    }
    reads: list[str] = []

    def read(ids):
        for sid in ids:
            reads.append(sid)
            yield records[sid]

    return compare(sources, quotes, figures), compare_records(list(records), read), reads


def test_comparing_records_one_at_a_time_finds_the_same(seeds):
    in_memory, streamed, _ = compared_both_ways(seeds[0])
    assert streamed == in_memory
    assert in_memory.duplicates and in_memory.shared_quotes and in_memory.figure_groups


def test_comparing_records_samples_like_in_memory(bbc_dir, tmp_path):
    """Above SAMPLE_ABOVE articles shingles are sampled: the same sample either way."""
    for path in sorted(bbc_dir.glob("*.txt"))[: SAMPLE_ABOVE + 60]:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    sources = load_corpus(tmp_path).sources
    in_memory, streamed, reads = compared_both_ways(sources)
    assert streamed == in_memory
    assert in_memory.duplicates and in_memory.shared_quotes and in_memory.figure_groups
    # three passes over every source, then back to just the ones whose quotes or figures are reported
    assert len(sources) * 3 < len(reads) < len(sources) * 5


@pytest.mark.slow
def test_compare_scales_to_the_bbc_corpus(bbc_dir):
    """The whole corpus goes through indexes, never all pairs: time printed, not asserted."""
    sources = load_corpus(bbc_dir).sources
    figures = [f for s in sources for f in extract_figures(s)]
    start = time.perf_counter()
    comparison = compare(sources, [], figures)
    elapsed = time.perf_counter() - start
    print(
        f"\ncompare: {len(sources)} articles, {len(figures)} figures in {elapsed:.2f} s: "
        f"{len(comparison.duplicates)} duplicates, {len(comparison.figure_groups)} figure groups"
    )
    assert len(comparison.duplicates) >= 98
    for g in comparison.figure_groups:
        assert len({f.source for f in g.figures}) >= 2
        assert len({f.kind for f in g.figures}) == 1


_PIECE = st.sampled_from([*"abc £$%5m0,. \n“”\"", " the ", " migrants ", " 1,500 ", " £500m "])
_BODIES = st.lists(st.lists(_PIECE, max_size=60).map("".join), min_size=0, max_size=5)


@settings(max_examples=60, deadline=None)
@given(_BODIES, st.lists(st.text(max_size=60), max_size=6))
def test_compare_never_raises(bodies, quote_texts):
    sources = [src(f"s{i}", body or " ", date(2025, 1, 1 + i) if i % 2 else None) for i, body in enumerate(bodies)]
    figures = [f for s in sources for f in extract_figures(s)]
    quotes = [quote(sources[i % len(sources)].id, t) for i, t in enumerate(quote_texts)] if sources else []
    comparison = compare(sources, quotes, figures)
    for g in comparison.figure_groups:
        assert g.note and len({f.source for f in g.figures}) >= 2
    for d in comparison.duplicates:
        assert 0 <= d.overlap <= 1
