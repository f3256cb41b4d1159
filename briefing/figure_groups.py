"""Figures from different sources about the same thing, compared as an analyst would.

Two figures are about the same thing when they are of one kind and unit, of one order of
magnitude, and their sentences say the same about them (`figure_words`: the words near each figure
weigh most, words that many figures share weigh little), in articles on one story or beside the
same names. A group is the best-connected figure and its links; it is then read in
date order, its rates put on one footing (`£500m over three years` is about £167m a year), and it
is a **disagreement** only where two sources give values that cannot both be true for the same
period at the same date (or for the same yearly rate); differing values at different or unknown
dates are a **timeline**; otherwise the sources **agree**.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from typing import Any

from briefing import figure_periods as periods
from briefing.figure_summary import format_value
from briefing.figure_words import Words, describe, same_story, story_names
from briefing.figure_words import label as group_label
from briefing.models import Figure, FigureGroup, FigureStatus, Source

FIGURE_KINDS = ("money", "percent", "count", "distance", "rate")
FIGURE_MAX_RATIO = 2.5  # figures about one thing are of one order of magnitude (raw or per year)
COMMON_WORD_FIGURES = 30  # a word in more sentences of one kind than this proposes no pairs
MIN_SHARED = 2  # content words two sentences must share
LINK_SIMILARITY = 0.3  # weighted share of the shorter description found in the other
SAME_MEASURE = 0.4  # a disagreement needs more: the same measure, in articles about one story
SAME_CLAUSE = 0.5  # share of the shorter figure clause's words the other must hold
REWRITTEN_SENTENCE = 0.5  # share of their words two versions of one sentence have in common
FLOW_SIMILARITY = 0.15  # money paid to one named party: the same measure from this much on
IDF_FLOOR = 500  # figures: below this many of a kind, word rarity is read as if among this many


def _family(figure: Figure) -> tuple[str, str | None]:
    if figure.kind == "count":
        return ("count", "people" if figure.unit in (None, "people") else figure.unit)
    return (figure.kind, figure.unit)


_CONVERSION = re.compile(r"[(;]\s*(?:about |around |some |or )?$")


def _is_conversion(figure: Figure, source: Source | None) -> bool:
    """'$22m (£11.7m)': the pounds restate the dollars; comparing them again says nothing new."""
    if figure.kind != "money" or source is None or source.body[figure.start : figure.end] != figure.text:
        return False
    before = source.body[max(0, figure.start - 12) : figure.start]
    bracket = _CONVERSION.search(before)
    return bracket is not None and any(c.isdigit() for c in before[: bracket.start()])


@dataclass(frozen=True, slots=True)
class _Fact:
    """What comparing keeps of one figure while the corpus streams past."""

    source: str
    value: float
    when: tuple
    dated: date | None  # the day the figure speaks of: its article's, else its period's end
    reading: periods.Reading
    period: str  # as written, lower case: "so far in 2025"
    words: Words
    sentence: int  # a hash: one sentence gives a group one figure


def figure_groups(
    sources: Sequence[Source], figures: Sequence[Figure], copies: set[frozenset[str]] | None = None,
    rewrites: set[frozenset[str]] | None = None,
) -> list[FigureGroup]:
    """Figures from different sources about the same thing, in date order, each with a status.

    `copies`: pairs of sources that are one text (their agreeing says nothing); `rewrites`: pairs
    that are one report rewritten, so of one date even when neither article is dated.
    """
    by_id = {s.id: s for s in sources}
    order = {s.id: i for i, s in enumerate(sources)}
    return group_figures(
        ((f, f, by_id.get(f.source)) for f in figures), order, copies or set(), _itself, rewrites or set()
    )


def _itself(refs: Iterable[Any]) -> dict[Any, Any]:
    """In memory, an item is its own ref (the `fetch` of `group_figures`; analysis uses it for quotes)."""
    return {r: r for r in refs}


def group_figures(
    figures: Iterable[tuple[Hashable, Figure, Source | None]], order: dict[str, int],
    copies: set[frozenset[str]], fetch: Callable[[set[Any]], dict[Any, Figure]],
    rewrites: set[frozenset[str]] | None = None,
) -> list[FigureGroup]:
    """`figure_groups` of (ref, figure, its source); `fetch` gives back the figures of the refs grouped."""
    refs: list[Hashable] = []
    facts: list[_Fact] = []
    years: dict[str, int | None] = {}
    names: dict[str, frozenset[str]] = {}
    buckets: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for ref, f, source in figures:
        if f.kind not in FIGURE_KINDS or f.value <= 0 or _is_conversion(f, source):
            continue
        if f.source not in years:
            years[f.source] = periods.latest_year(source.body) if source else None
            names[f.source] = story_names(source.body) if source else frozenset()
        dated = source.date if source else None
        end = periods.period_end(f, years[f.source])
        rank = order.get(f.source, len(order))
        day = dated or end
        when = (0, day, rank, f.start) if day else (1, date.max, rank, f.start)
        buckets[_family(f)].append(len(refs))
        refs.append(ref)
        facts.append(
            _Fact(f.source, f.value, when, day, periods.reading(f, dated, years[f.source]),
                  " ".join((f.period or "").lower().split()), describe(f), hash(f.sentence))
        )
    edges: dict[int, dict[int, float]] = defaultdict(dict)
    for family, members in buckets.items():
        _link(members, facts, copies, edges, names, races=family == ("distance", "metre"))
    picks = _pick(edges, facts)
    found = fetch({refs[i] for picked in picks for i in picked})
    pairs = _Pairs(copies, rewrites or set(), names)
    groups = [_group([found[refs[i]] for i in picked], [facts[i] for i in picked], _similar_all(picked, edges), pairs)
              for picked in picks]
    rank = {"disagree": 0, "timeline": 1, "agree": 2}
    groups.sort(key=lambda g: (rank[g.status], g.kind != "money", -len(g.figures)))
    return groups


def _similar_all(picked: list[int], edges: dict[int, dict[int, float]]) -> dict[tuple[int, int], float]:
    """The similarity of each pair of a group's figures (by position in the group) that was linked."""
    out = {}
    for a, b in combinations(range(len(picked)), 2):
        s = edges.get(picked[a], {}).get(picked[b])
        if s is not None:
            out[(a, b)] = s
    return out


def _weights(members: Sequence[int], facts: Sequence[_Fact]) -> tuple[dict[str, int], int]:
    df: Counter[str] = Counter()
    for i in members:
        df.update(facts[i].words.near)
        df.update(facts[i].words.far)
    return df, len(members)


def _link(
    members: Sequence[int], facts: Sequence[_Fact], copies: set[frozenset[str]],
    edges: dict[int, dict[int, float]], names: dict[str, frozenset[str]], races: bool = False,
) -> None:
    """Link the figures of one kind and unit whose sentences say the same about them, in articles
    about one story or naming the same people and things beside the figures.

    `races`: metres, where "the 60m" and "the 200m" name events; an event is the same figure only
    as the same race in articles about one story (two meetings' 60m are no timeline, 60m and 100m
    no dispute)."""
    df, n = _weights(members, facts)
    n = max(n, IDF_FLOOR)  # a handful of figures says nothing of which words are common
    postings: dict[str, list[int]] = defaultdict(list)
    for i in members:
        for k in (*facts[i].words.near, *facts[i].words.far):
            postings[k].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for docs in postings.values():
        if 1 < len(docs) <= COMMON_WORD_FIGURES:
            shared.update(combinations(docs, 2))
    for (a, b), count in shared.items():
        fa, fb = facts[a], facts[b]
        if count < MIN_SHARED or fa.source == fb.source or frozenset((fa.source, fb.source)) in copies:
            continue
        if not _plausible(fa, fb):
            continue
        if races and (_race(fa) or _race(fb)) and (
            fa.value != fb.value or not same_story(names[fa.source], names[fb.source])
        ):
            continue
        score = _similarity(fa.words, fb.words, df, n)
        if score >= FLOW_SIMILARITY and fa.words.paid_to & fb.words.paid_to:
            score = max(score, SAME_MEASURE)  # money paid to the same party: one flow of money
        if score < LINK_SIMILARITY:
            continue
        if fa.words.names & fb.words.names or same_story(names[fa.source], names[fb.source]):
            edges[a][b] = edges[b][a] = score


RACE_EVENTS = frozenset({50, 60, 100, 110, 200, 400, 800, 1000, 1500, 3000, 5000, 10000})  # metres


def _race(fact: _Fact) -> bool:
    return fact.value in RACE_EVENTS


def _similarity(a: Words, b: Words, df: Counter[str], n: int) -> float:
    """How much two figures' descriptions share: rare words, words near both figures and names weigh
    most; as a share of the shorter description, so a long sentence is not a match for everything."""
    def weights(w: Words) -> dict[str, float]:
        out = {k: 2.0 for k in w.near}
        out.update({k: 1.0 for k in w.far})
        return {k: v * math.log(1 + n / max(1, df[k])) * (1.5 if k in w.names else 1.0) for k, v in out.items()}

    wa, wb = weights(a), weights(b)
    common = wa.keys() & wb.keys()
    if len(common) < MIN_SHARED or not common & (set(a.near) | set(b.near)):
        return 0.0
    return sum(min(wa[k], wb[k]) for k in common) / min(sum(wa.values()), sum(wb.values()))


def _plausible(a: _Fact, b: _Fact) -> bool:
    """Of one order of magnitude, as written or as yearly rates."""
    if max(a.value, b.value) / min(a.value, b.value) <= FIGURE_MAX_RATIO:
        return True
    ra, rb = a.reading.factor, b.reading.factor
    if ra is None or rb is None:
        return False
    va, vb = a.value * ra, b.value * rb
    return max(va, vb) / min(va, vb) <= FIGURE_MAX_RATIO


def _pick(edges: dict[int, dict[int, float]], facts: Sequence[_Fact]) -> list[list[int]]:
    """Groups: the best-connected figure and its direct links, so loose chains cannot snowball.

    A sentence gives a group its closest figure only ("225 firm orders and options on 193 more").
    """
    assigned: set[int] = set()
    picks = []
    for seed in sorted(edges, key=lambda i: (-len(edges[i]), facts[i].when, i)):
        if seed in assigned:
            continue
        best: dict[int, tuple[tuple[float, float], int]] = {}
        for m, score in edges[seed].items():
            if m in assigned:
                continue
            # "cut from 70% to 49%": both figures read alike; the one nearer the seed's value is its match
            rank = (round(score, 1), -abs(math.log(facts[m].value / facts[seed].value)))
            key = facts[m].sentence
            if key not in best or rank > best[key][0]:
                best[key] = (rank, m)
        members = {seed} | {m for _, m in best.values()}
        chosen: dict[tuple[str, float], int] = {}
        for m in sorted(members):
            chosen.setdefault((facts[m].source, facts[m].value), m)
        if len({facts[m].source for m in chosen.values()}) < 2:
            continue
        assigned |= members
        picks.append(sorted(chosen.values(), key=lambda i: facts[i].when))
    return picks


# --- reading a group -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Pairs:
    """What is known of pairs of sources when a group is read."""

    copies: set[frozenset[str]]  # one text
    rewrites: set[frozenset[str]]  # one report rewritten: one date
    names: dict[str, frozenset[str]]  # each source's story names


def _same_measure(a: _Fact, b: _Fact, similarity: float) -> bool:
    """Not just one story: the clauses carrying the two figures say the same, or the money goes to
    the same party. ("10% inflation, 15% interest rates" shares a sentence, not a measure.)"""
    if a.words.paid_to & b.words.paid_to:
        return True
    if similarity < SAME_MEASURE:
        return False
    ca, cb = set(a.words.clause), set(b.words.clause)
    return bool(ca and cb) and len(ca & cb) >= SAME_CLAUSE * min(len(ca), len(cb))


def _same_sentence(a: Words, b: Words) -> bool:
    """Most of the two sentences' words are the same: one sentence, rewritten."""
    wa, wb = {*a.near, *a.far}, {*b.near, *b.far}
    return bool(wa and wb) and len(wa & wb) >= REWRITTEN_SENTENCE * len(wa | wb)


def _conflicts(
    facts: Sequence[_Fact], similar: dict[tuple[int, int], float], pairs: _Pairs
) -> list[tuple[int, int]]:
    """Pairs (by position) from two sources that cannot both be right about the same measure."""
    found = []
    for a, b in combinations(range(len(facts)), 2):
        fa, fb = facts[a], facts[b]
        pair = frozenset((fa.source, fb.source))
        if fa.source == fb.source or pair in pairs.copies or (a, b) not in similar:
            continue
        if not _same_measure(fa, fb, similar[(a, b)]):
            continue
        if not same_story(pairs.names.get(fa.source, frozenset()), pairs.names.get(fb.source, frozenset())):
            continue
        ra, rb = fa.reading, fb.reading
        if ra.per_year and rb.per_year:
            if not periods.overlap(ra.per_year, rb.per_year):
                found.append((a, b))
            continue
        if ra.factor is not None or rb.factor is not None:
            continue  # a rate beside a total over some period: no common footing
        same_when = ra.anchor is not None and ra.anchor == rb.anchor
        if pair in pairs.rewrites and fa.period == fb.period and _same_sentence(fa.words, fb.words):
            same_when = True  # one sentence of a report and its rewrite, its figure changed: one day
        if same_when and not periods.overlap((ra.low, ra.high), (rb.low, rb.high)):
            found.append((a, b))
    return found


def _status(facts: Sequence[_Fact], conflicts: list[tuple[int, int]]) -> FigureStatus:
    if conflicts:
        return "disagree"
    ranges = [f.reading.per_year or (f.reading.low, f.reading.high) for f in facts]
    if all(periods.overlap(x, y) for x, y in combinations(ranges, 2)):
        return "agree"
    return "timeline"


def _short_id(source: str) -> str:
    head = source.split("_", 1)[0]
    return head if head.isdigit() else source  # "000_23ed8d…" reads as "000"


def _money_like(figure: Figure, value: float) -> str:
    """A computed rate as a reader would say it: three significant figures (£167m, 2,600)."""
    rounded = float(f"{value:.3g}") if value >= 100 else round(value, 1)
    return format_value(Figure(figure.source, "", rounded, figure.unit, figure.kind, "", 0, 0))


def _written(figure: Figure) -> str:
    value = f"{figure.qualifier} {format_value(figure)}" if figure.qualifier else format_value(figure)
    period = figure.period or ""
    if period[:1].isupper() and period[1:2].islower():
        period = period[0].lower() + period[1:]  # "Since 2018" began its sentence
    return f"{value} {period}" if period else value


def _entry(figure: Figure, fact: _Fact, rate: float | None) -> str:
    parts = [_short_id(figure.source)]
    if fact.dated:
        parts.append(f"{fact.dated.day} {fact.dated:%B %Y}")
    line = f"{_written(figure)} ({', '.join(parts)})"
    if rate is not None and fact.reading.factor != 1:
        line += f" ≈ {_money_like(figure, rate)} a year"
    return line


def _group(
    chosen: list[Figure], facts: list[_Fact], similar: dict[tuple[int, int], float], pairs: _Pairs
) -> FigureGroup:
    first = chosen[0]
    rates = tuple(
        round(f.value * fact.reading.factor, 2) if fact.reading.factor is not None else None
        for f, fact in zip(chosen, facts, strict=True)
    )
    conflicts = _conflicts(facts, similar, pairs)
    status = _status(facts, conflicts)
    note = " → ".join(_entry(f, fact, r) for f, fact, r in zip(chosen, facts, rates, strict=True))
    if conflicts:
        odd = max(sorted({i for pair in conflicts for i in pair}), key=lambda i: _odd_out(i, facts))
        others = [b if a == odd else a for a, b in conflicts if odd in (a, b)]
        against = ", ".join(_side(chosen[i], rates[i]) for i in sorted(others))
        note += f". Disagree: {_side(chosen[odd], rates[odd])} against {against}"
    label = group_label(chosen, [f.words for f in facts])
    return FigureGroup(
        topic=f"{_kind_label(first)}: {label}" if label else _kind_label(first),
        kind=first.kind,
        unit=first.unit,
        figures=tuple(chosen),
        disputed=status == "disagree",
        note=note,
        status=status,
        label=label,
        per_year=rates,
    )


def _odd_out(i: int, facts: Sequence[_Fact]) -> int:
    """How many other sources' figures of the group this one's values leave out: the claim that
    stands alone against the rest is named first."""
    mine = facts[i]
    count = 0
    for other in facts:
        if other.source == mine.source:
            continue
        if mine.reading.per_year and other.reading.per_year:
            count += not periods.overlap(mine.reading.per_year, other.reading.per_year)
        else:
            count += not periods.overlap((mine.reading.low, mine.reading.high), (other.reading.low, other.reading.high))
    return count


def _side(figure: Figure, rate: float | None) -> str:
    said = _written(figure)
    if rate is not None and abs(rate - figure.value) > 1e-9:
        said += f", ≈ {_money_like(figure, rate)} a year"
    return f"{_short_id(figure.source)} ({said})"


def _kind_label(figure: Figure) -> str:
    return {"money": f"money ({figure.unit})", "count": f"count ({figure.unit or 'people'})"}.get(
        figure.kind, figure.kind
    )


# --- a readable label --------------------------------------------------------------------------
