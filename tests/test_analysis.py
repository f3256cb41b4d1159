"""Across sources: near-duplicate articles, shared quotes, figures compared by date."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing import figure_periods as periods
from briefing.analysis import SAMPLE_ABOVE, compare, compare_records, figure_groups, near_duplicates, shared_quotes
from briefing.corpus import load_corpus
from briefing.figures import extract_figures
from briefing.models import Figure, Quote, Source, SourceRecord
from briefing.quotes import extract_quotes
from tests.conftest import run_cli

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


def by_value(groups, kind: str, value: float):
    return next(g for g in groups if g.kind == kind and any(f.value == value for f in g.figures))


def test_seed_money_for_france_shows_yearly_rates_and_flags_the_400m_claim(seeds):
    sources, figures = seeds
    groups = figure_groups(sources, figures)
    money = [g for g in groups if g.kind == "money"]
    assert len(money) == 1
    g = money[0]
    assert g.unit == "GBP" and g.status == "disagree" and g.disputed
    assert [(short(f.source), f.value) for f in g.figures] == [
        ("000", 500e6), ("003", 400e6), ("004", 700e6), ("004", 500e6)
    ]
    rates = [round(r / 1e6) if r is not None else None for r in g.per_year]
    assert rates == [167, 400, 100, 167]  # over three years, a year, since 2018 to 2025, in three years
    assert "almost £500m over three years (000, 18 June 2025) ≈ £167m a year" in g.note
    assert "more than £700m since 2018 (004) ≈ £100m a year" in g.note
    # both sides named: the a-year claim against the three-year deal
    assert "Disagree: 003 (£400m a year) against 000 (almost £500m over three years, ≈ £167m a year)" in g.note
    assert g.label and not any(c.isdigit() for c in g.label) and "France" in g.label
    assert g.topic == f"money (GBP): {g.label}"


def test_seed_crossings_are_a_timeline_in_date_order(seeds):
    """16,000 (18 June) → about 20,000 (January–June) → 21,000 (9 July): a count growing, not a dispute."""
    sources, figures = seeds
    groups = figure_groups(sources, figures)
    crossings = by_value(groups, "count", 21000)
    assert crossings.unit == "people"
    assert crossings.status == "timeline" and not crossings.disputed
    assert [(short(f.source), f.value) for f in crossings.figures] == [
        ("000", 16000), ("004", 20000), ("001", 21000), ("002", 21000)
    ]
    assert crossings.per_year == (None, None, None, None)
    note = crossings.note
    assert note.index("16,000") < note.index("around 20,000") < note.index("21,000")
    assert "18 June 2025" in note and "between January and June (004, 30 June 2025)" in note and "9 July 2025" in note
    assert ("crossed" in crossings.label and "Channel" in crossings.label) or "channel" in crossings.label


def test_seed_statuses(seeds):
    """Before this, 3 of the seeds' 4 groups were 'disputed'; now one disagreement, and it is real."""
    sources, figures = seeds
    groups = figure_groups(sources, figures)
    assert [g.status for g in groups if g.disputed] == ["disagree"]
    assert {g.status for g in groups} == {"disagree", "timeline", "agree"}
    assert all(g.disputed == (g.status == "disagree") for g in groups)
    assert all(len(g.per_year) == len(g.figures) for g in groups)


def test_agreeing_figures_agree(seeds):
    sources, figures = seeds
    groups = figure_groups(sources, figures)
    weekly = next(g for g in groups if all(f.value == 50 and f.period == "a week" for f in g.figures))
    assert weekly.status == "agree" and not weekly.disputed
    assert weekly.per_year == (2600.0, 2600.0)
    assert {short(f.source) for f in weekly.figures} == {"001", "002"}


def fig(source: str, value: float, kind: str = "money", unit: str | None = "GBP", **kw) -> Figure:
    return Figure(source=source, text=str(value), value=value, unit=unit, kind=kind,  # type: ignore[arg-type]
                  sentence=kw.pop("sentence", ""), start=0, end=0, **kw)


@pytest.mark.parametrize(
    ("period", "dated", "body_year", "expected"),
    [
        ("over three years", None, None, 1 / 3),
        ("in three years", None, None, 1 / 3),
        ("over the next five years", None, None, 1 / 5),
        ("over 10 years", None, None, 1 / 10),
        ("a year", None, None, 1.0),
        ("per annum", None, None, 1.0),
        ("each year", None, None, 1.0),
        ("a week", None, None, 52.0),
        ("a month", None, None, 12.0),
        ("Since 2018", date(2025, 6, 18), None, 1 / 6.97),  # from mid-2018 to the article's date
        ("since 2018", None, 2025, 1 / 7),  # undated: the latest year the article names
        ("since 2018", None, None, None),  # no date to count to
        ("since 2025", date(2025, 6, 18), None, None),  # under a year: no rate
        ("last week", None, None, None),
        ("in 2003", None, None, None),
        ("so far in 2025", None, None, None),
        (None, None, None, None),
    ],
)
def test_yearly_factor(period, dated, body_year, expected):
    figure = fig("a", 700e6, period=period, sentence=f"The UK has paid £700m {period or ''} to France.")
    factor = periods.yearly_factor(figure, periods.as_of(dated, body_year))
    if expected is None:
        assert factor is None
    else:
        assert factor == pytest.approx(expected, rel=0.01)


def test_baselines_are_no_period():
    """'2.7bn a year earlier' is last year's figure, not a yearly rate; 'than in 2003' is no date of it."""
    earlier = fig("a", 2.7e9, period="a year", sentence="Net income was 4.3bn rupees, against 2.7bn a year earlier.")
    assert periods.yearly_factor(earlier, None) is None
    than = fig("a", 380e6, period="in 2003", sentence="Profits were 380m euros, ten times more than in 2003.")
    assert periods.anchor(than, None) is None
    plain = fig("a", 380e6, period="in 2003", sentence="Profits were 380m euros in 2003.")
    assert periods.anchor(plain, None) is not None


def test_percentages_and_distances_get_no_yearly_rate():
    assert periods.yearly_factor(fig("a", 5, "percent", "percent", period="a year"), None) is None
    assert periods.yearly_factor(fig("a", 50, "count", "people", period="a week"), None) == 52.0


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ((500, "almost"), (500, "about"), True),
        ((500, None), (510, None), True),  # rounding
        ((500, None), (600, None), False),
        ((16000, "more than"), (21000, None), True),  # "more than" has no ceiling
        ((20000, "up to"), (21000, None), True),
        ((20000, "up to"), (25000, None), False),
        ((500, "just over"), (600, None), False),
        ((100, "around"), (109, None), True),
        ((5.2, None), (5.5, None), False),  # a percentage written to a tenth is that precise
        ((16000, None), (16400, None), True),  # "16,000" is anything that rounds to it
        ((10385.48, None), (10360, None), False),
    ],
)
def test_qualifiers_and_rounding_tolerance(a, b, agree):
    assert periods.rounding(400e6) == 0.05 and periods.rounding(21000) == pytest.approx(500 / 21000)
    assert periods.overlap(periods.bounds(*a), periods.bounds(*b)) is agree


STORY = (  # one story: the names its articles share
    "Keir Starmer and Emmanuel Macron met in Paris, where Starmer told Macron that France and Britain "
    "must act, as France and Britain agreed. "
)


def crossed(sid: str, total: str, when: date | None = None) -> Source:
    """A report of STORY giving the year's total of Channel crossings."""
    return src(sid, STORY + f"The total number of people who crossed the Channel in small boats reached {total}.", when)


def test_counts_growing_over_dated_reports_are_a_timeline():
    sources = [
        crossed("c", "21,000", date(2025, 7, 9)),
        crossed("a", "16,000", date(2025, 6, 18)),
        crossed("b", "18,500", date(2025, 6, 30)),
    ]
    figures = [f for s in sources for f in extract_figures(s)]
    groups = figure_groups(sources, figures)
    assert len(groups) == 1
    g = groups[0]
    assert [f.source for f in g.figures] == ["a", "b", "c"]  # by date, not by source order
    assert g.status == "timeline" and not g.disputed
    assert g.note.index("16,000") < g.note.index("18,500") < g.note.index("21,000")


def test_same_measure_same_day_different_values_disagree():
    sources = [
        crossed("a", "16,000", date(2025, 6, 18)),
        crossed("b", "19,000", date(2025, 6, 18)),
    ]
    figures = [f for s in sources for f in extract_figures(s)]
    (g,) = figure_groups(sources, figures)
    assert g.status == "disagree" and g.disputed
    assert "Disagree: a (16,000) against b (19,000)" in g.note


def test_undated_reports_of_different_values_are_no_dispute():
    """Without dates, 16,000 and 19,000 may be two days of one count: a timeline, not a dispute."""
    sources = [
        crossed("a", "16,000"),
        crossed("b", "19,000"),
    ]
    figures = [f for s in sources for f in extract_figures(s)]
    (g,) = figure_groups(sources, figures)
    assert g.status == "timeline"


REPORT = (
    "Keir Starmer and Emmanuel Macron met in Paris on Thursday to agree a new plan for the Channel. "
    "Officials from France and Britain said the talks in Paris had gone well and that the plan would "
    "start within weeks, with more patrols on the beaches of northern France and new powers for police. "
)


def test_a_rewritten_report_that_changes_a_figure_disagrees_even_undated():
    """Two versions of one report are of one day: the same sentence with another number is a dispute."""
    a = src("a", REPORT + "The total number of people who crossed the Channel in small boats reached 16,000. "
            "Critics said the plan was too little too late.")
    b = src("b", REPORT + "The total number of people who crossed the Channel in small boats reached 19,000. "
            "Ministers hope the deal will break the business model of the gangs for good.")
    c = src("c", REPORT.replace("Thursday", "Friday") + "Surpassing the 19,000 people mark in the Channel "
            "in small boats was feared by ministers for months before the talks.")
    comparison = compare([a, b, c], [], [f for s in (a, b, c) for f in extract_figures(s)])
    assert {frozenset((d.a, d.b)) for d in comparison.duplicates if d.overlap < 0.9} >= {frozenset("ab")}
    (g,) = comparison.figure_groups
    assert g.status == "disagree"
    assert "Disagree: a (16,000) against b (19,000)" in g.note  # c's "19,000 mark" is another sentence


def test_a_yearly_claim_against_a_deal_over_years_disagrees_only_beyond_the_qualifiers():
    def groups(claim: str):
        sources = [
            src("a", STORY + "The UK agreed to pay France £480m over three years to stop the small boats."),
            src("b", STORY + f"Critics say the UK is paying France {claim} to stop the small boats."),
        ]
        return figure_groups(sources, [f for s in sources for f in extract_figures(s)])

    (far,) = groups("£400m a year")
    assert far.status == "disagree" and far.per_year == (160e6, 400e6)
    (near,) = groups("about £150m a year")
    assert near.status == "agree" and near.per_year == (160e6, 150e6)


def test_unrelated_figures_are_not_grouped():
    sources = [
        src("a", "The club paid £30m for the striker from Milan on Monday."),
        src("b", "The council will spend £30m on new schools and hospitals in the north."),
        src("c", "The club paid £35m for the striker from Milan, his agent said."),
    ]
    figures = [f for s in sources for f in extract_figures(s)]
    groups = figure_groups(sources, figures)
    assert [[f.source for f in g.figures] for g in groups] == [["a", "c"]]
    assert groups[0].status == "timeline"  # different values, no dates: not a dispute


def test_a_conversion_in_brackets_is_not_compared_again():
    sources = [
        src("a", "The thriller took $22m (£11.7m) at the US box office over the weekend."),
        src("b", "The thriller took $22m (£11.7m) at the US box office, the studio said."),
    ]
    figures = [f for s in sources for f in extract_figures(s)]
    groups = figure_groups(sources, figures)
    assert [g.unit for g in groups] == ["USD"]


def test_compare_json_has_status_label_and_per_year(tmp_path):
    result = run_cli("compare", "--json", "--index", str(tmp_path / "index"))
    data = json.loads(result.stdout)
    assert set(data) == {"duplicates", "shared_quotes", "figures"}
    for group in data["figures"]:
        assert {"topic", "kind", "unit", "disputed", "note", "figures", "status", "label"} <= set(group)
        assert group["status"] in ("agree", "timeline", "disagree")
        assert group["disputed"] == (group["status"] == "disagree")
        for f in group["figures"]:
            assert "per_year" in f and (f["per_year"] is None or f["per_year"] > 0)
    money = next(g for g in data["figures"] if g["kind"] == "money")
    assert money["status"] == "disagree"
    assert [round(f["per_year"] / 1e6) for f in money["figures"]] == [167, 400, 100, 167]
    text = run_cli("compare", "--index", str(tmp_path / "index")).stdout
    # Piped, each group is one tab-separated record that leads with its status (a terminal shows DISAGREE in red).
    statuses = [line.split("\t")[1] for line in text.splitlines() if line.startswith("figures\t")]
    assert {"disagree", "timeline"} <= set(statuses) and "≈ £167m a year" in " ".join(text.split())


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
        assert g.status in ("agree", "timeline", "disagree") and g.disputed == (g.status == "disagree")
        assert len(g.per_year) == len(g.figures)
    for d in comparison.duplicates:
        assert 0 <= d.overlap <= 1


def test_race_distances_are_grouped_only_as_one_race_in_one_story():
    """'the 60m' names an event: two meetings' 60m are no timeline, 60m and 100m no dispute."""
    sources = [
        src("a", "Gardener won the 60m at the Birmingham Grand Prix. Gardener said the indoor season went well."),
        src("b", "Lewis-Francis won the 60m at the Glasgow meeting. Lewis-Francis said the indoor season went well."),
        src("c", "Greene won the 100m at the Birmingham Grand Prix. Greene said the indoor season went well."),
        src("d", "Gardener won the 60m at the Birmingham Grand Prix on Saturday. Gardener was happy."),
    ]
    figures = [f for s in sources for f in extract_figures(s)]
    assert {(f.source, f.kind, f.unit) for f in figures} >= {("a", "distance", "metre"), ("c", "distance", "metre")}
    groups = [g for g in figure_groups(sources, figures) if g.kind == "distance"]
    assert [sorted(f.source for f in g.figures) for g in groups] in ([], [["a", "d"]])
    assert all(g.status == "agree" for g in groups)
