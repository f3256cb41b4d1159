"""Across sources: copied articles, quotes several outlets carry, and figures they dispute.

Everything goes through small inverted indexes (word shingles, keywords) so the work grows
with the number of shared shingles, not with the square of the corpus: the 2,225 BBC
articles are compared in about a second, where naive pairwise text comparison would
take minutes.
"""

from __future__ import annotations

import calendar
import functools
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import date
from itertools import combinations
from typing import Any, TypeVar

from briefing.figure_summary import format_value
from briefing.models import (
    Comparison,
    Figure,
    FigureGroup,
    NearDuplicate,
    Quote,
    SharedQuote,
    Source,
    SourceRecord,
)

T = TypeVar("T")

SHINGLE_WORDS = 5
DUPLICATE_MIN_OVERLAP = 0.5  # share of the shorter article's shingles found in the other
COPY_OVERLAP = 0.9  # above this two articles are one text: their figures agreeing says nothing
QUOTE_MIN_CONTAINMENT = 0.6
COMMON_SHINGLE_DOCS = 20  # a shingle in more articles than this is boilerplate, not copying
SAMPLE_ABOVE = 200  # articles; smaller corpora compare every shingle
SAMPLE_RATE = 4  # above that, one shingle in this many is compared
SHINGLES_PER_PASS = 400_000  # counted per pass over the hash space: bounds the memory of comparing
FIGURE_MAX_RATIO = 2.5  # "about the same thing" figures are of the same order of magnitude
COMMON_KEYWORD_FIGURES = 20  # a word near more figures of one kind than this says nothing of topic
FIGURE_MIN_SHARED = 3  # weighted: a shared name counts 2, a shared word 1
FIGURE_MIN_SIMILARITY = 0.2
FIGURE_WINDOW_WORDS = 20
DISPUTE_TOLERANCE = 0.05
FIGURE_KINDS = ("money", "percent", "count", "distance", "rate")

_WORDS = re.compile(r"[a-z0-9]+")
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_STOP_WORDS = (
    "a an the and or but of to in on at by for from with as is was are were be been being has have "
    "had will would could should may might can than that which who whom this these those it its he "
    "she they them his her their our we you i not no so such if when while where because though "
    "also still only just even more less most least each every all some any over under up down out "
    "off into onto after before since until during between among against about around almost nearly "
    "said says say told added according per cent percent year years last this first new one two "
    "three four five six seven eight nine ten m bn k million billion thousand there here what how "
    "why do does did done make made well very much many other others same s t"
)
_STOP = frozenset(_STOP_WORDS.split())


def compare(
    sources: Sequence[Source], quotes: Sequence[Quote], figures: Sequence[Figure]
) -> Comparison:
    """What the sources share and where they disagree, from what is in memory."""
    duplicates = near_duplicates(sources)
    return Comparison(
        duplicates=duplicates,
        shared_quotes=shared_quotes(sources, quotes),
        figure_groups=figure_groups(sources, figures, _copies(duplicates)),
    )


def compare_records(source_ids: Sequence[str], read: Callable[[Iterable[str]], Iterable[SourceRecord]]) -> Comparison:
    """`compare`, reading the sources from `read` (their records, in the order asked) as it goes.

    Each step makes one pass and keeps only what it compares (shingles, keywords, offsets), then
    reads back the few quotes and figures it reports: one text is in memory at a time. At 22,000
    articles, holding every text and extraction to compare them took 250 MB of the 450.
    """
    order = {sid: i for i, sid in enumerate(source_ids)}
    duplicates = _near_duplicates(((r.source.id, r.source.body) for r in read(source_ids)), len(source_ids))
    quotes = (((r.source.id, n), q) for r in read(source_ids) for n, q in enumerate(r.quotes))
    figures = (((r.source.id, n), f, r.source) for r in read(source_ids) for n, f in enumerate(r.figures))
    return Comparison(
        duplicates=duplicates,
        shared_quotes=_shared_quotes(quotes, order, lambda refs: _reread(read, order, refs, "quotes")),
        figure_groups=_figure_groups(
            figures, order, _copies(duplicates), lambda refs: _reread(read, order, refs, "figures")
        ),
    )


def _copies(duplicates: Iterable[NearDuplicate]) -> set[frozenset[str]]:
    return {frozenset((d.a, d.b)) for d in duplicates if d.overlap >= COPY_OVERLAP}


def _reread(
    read: Callable[[Iterable[str]], Iterable[SourceRecord]], order: dict[str, int],
    refs: Iterable[tuple[str, int]], field: str,
) -> dict[tuple[str, int], Any]:
    """The quotes (or figures) at these (source id, position) refs, one read per source."""
    wanted: dict[str, list[int]] = defaultdict(list)
    for sid, n in refs:
        wanted[sid].append(n)
    found = {}
    for record in read(sorted(wanted, key=order.__getitem__)):
        items = getattr(record, field)
        for n in wanted[record.source.id]:
            found[(record.source.id, n)] = items[n]
    return found


def _itself(refs: Iterable[T]) -> dict[T, T]:
    """In memory, an item is its own ref."""
    return {r: r for r in refs}


# --- near-duplicate articles ----------------------------------------------------------------


def _norm_words(text: str) -> list[str]:
    return _WORDS.findall(text.lower().replace("’", "'").replace("'", ""))


def _shingles(words: Sequence[str], vocab: dict[str, int], n: int = SHINGLE_WORDS) -> set[int]:
    """Word n-grams as ints. Words become ids first: a tuple of ints hashes the same in every
    run (str hashes are salted), so the sampling below is reproducible, and it is all done in C."""
    for w in dict.fromkeys(words):  # first-seen order: ids (and so the sample) are the same every run
        if w not in vocab:
            vocab[w] = len(vocab)
    ids = list(map(vocab.__getitem__, words))
    if len(ids) < n:
        return {hash(tuple(ids))} if ids else set()
    return set(map(hash, zip(*(ids[i:] for i in range(n)), strict=False)))


def near_duplicates(sources: Sequence[Source], min_overlap: float = DUPLICATE_MIN_OVERLAP) -> list[NearDuplicate]:
    """Pairs of articles sharing most of their word 5-grams, most similar first."""
    return _near_duplicates(((s.id, s.body) for s in sources), len(sources), min_overlap)


def _near_duplicates(
    texts: Iterable[tuple[str, str]], count: int, min_overlap: float = DUPLICATE_MIN_OVERLAP
) -> list[NearDuplicate]:
    """`near_duplicates` of (source id, body) pairs, `count` of them."""
    vocab: dict[str, int] = {}
    sample = count > SAMPLE_ABOVE
    ids, shingles = [], []
    for sid, body in texts:
        hs = _shingles(_norm_words(body), vocab)
        # a fixed hash-defined sample of shingles (same for every article) keeps the overlap
        # estimate unbiased and cuts the pair counting by SAMPLE_RATE
        ids.append(sid)
        shingles.append(array("q", [h for h in hs if h % SAMPLE_RATE == 0] if sample else hs))
    del vocab
    shared, common = _shared_counts(shingles, COMMON_SHINGLE_DOCS)
    found = []
    for (i, j), n in shared.items():
        smaller = min(len(shingles[i]) - common[i], len(shingles[j]) - common[j])
        overlap = n / smaller if smaller else 0.0
        if overlap >= min_overlap:
            found.append(NearDuplicate(ids[i], ids[j], round(min(overlap, 1.0), 3)))
    found.sort(key=lambda d: (-d.overlap, d.a, d.b))
    return found


def _shared_counts(
    shingles: Sequence[array], too_common: int | None = None
) -> tuple[Counter[tuple[int, int]], list[int]]:
    """For each pair of items (i < j), how many shingles they share; and per item, how many of
    its shingles are in more than `too_common` items (boilerplate, not counted in pairs).

    Shingles are stored as compact arrays and counted one slice of the hash space at a time:
    one inverted index over all of them held 0.8 GB at 22,000 articles.
    """
    total = sum(map(len, shingles))
    slices = max(1, -(-total // SHINGLES_PER_PASS))
    shared: Counter[tuple[int, int]] = Counter()
    common = [0] * len(shingles)
    for part in range(slices):
        postings: dict[int, list[int]] = defaultdict(list)
        for i, hs in enumerate(shingles):
            for h in hs if slices == 1 else [h for h in hs if (h >> 8) % slices == part]:
                postings[h].append(i)
        for docs in postings.values():
            if too_common is not None and len(docs) > too_common:
                for i in docs:
                    common[i] += 1
            elif len(docs) > 1:
                shared.update(combinations(docs, 2))
        del postings
    return shared, common


# --- quotes carried by several sources ------------------------------------------------------


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self, members: Iterable[int]) -> dict[int, list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for m in members:
            out[self.find(m)].append(m)
        return out


def shared_quotes(sources: Sequence[Source], quotes: Sequence[Quote]) -> list[SharedQuote]:
    """The same words quoted in several sources, matched on normalised text.

    A quote may be a longer or shorter cut of the other ("It is a serious challenge…" inside a
    three-paragraph quote): it matches when most of the shorter one's 5-grams are in the longer.
    """
    return _shared_quotes(((q, q) for q in quotes), {s.id: i for i, s in enumerate(sources)}, _itself)


def _shared_quotes(
    quotes: Iterable[tuple[Hashable, Quote]], order: dict[str, int], fetch: Callable[[set[Any]], dict[Any, Quote]]
) -> list[SharedQuote]:
    """`shared_quotes` of (ref, quote) pairs; `fetch` gives back the quotes of the refs reported."""
    vocab: dict[str, int] = {}
    refs: list[Hashable] = []
    where: list[tuple[str, int]] = []  # (source, start)
    lengths, shingles, short_words = [], [], {}
    for i, (ref, q) in enumerate(quotes):
        refs.append(ref)
        where.append((q.source, q.start))
        words = _norm_words(q.text)
        lengths.append(len(words))
        usable = len(words) >= 2
        shingles.append(array("q", _shingles(words, vocab, min(SHINGLE_WORDS, len(words))) if usable else ()))
        if usable and len(words) < SHINGLE_WORDS:
            short_words[i] = words
    del vocab
    shared, _ = _shared_counts(shingles)
    uf = _UnionFind(len(refs))
    linked: set[int] = set()
    for (a, b), n in shared.items():
        if where[a][0] == where[b][0]:
            continue
        la, lb = lengths[a], lengths[b]
        short = a if la <= lb else b
        if n / max(1, len(shingles[short])) >= QUOTE_MIN_CONTAINMENT:
            if min(la, lb) < SHINGLE_WORDS and short_words.get(a) != short_words.get(b):
                continue  # short phrases must match exactly ("concrete progress")
            uf.union(a, b)
            linked.update((a, b))
    del shared, shingles, short_words
    groups = []
    for members in uf.groups(sorted(linked)).values():
        per_source: dict[str, Hashable] = {}
        for m in sorted(members, key=lambda m: (order.get(where[m][0], len(order)), where[m][1])):
            per_source.setdefault(where[m][0], refs[m])
        if len(per_source) >= 2:
            groups.append(tuple(per_source.values()))
    found = fetch({ref for group in groups for ref in group})
    result = []
    for group in groups:
        chosen = tuple(found[ref] for ref in group)
        speakers = Counter(q.speaker for q in chosen if q.speaker)
        text = min((q.text for q in chosen), key=len)
        result.append(
            SharedQuote(
                text=" ".join(text.split()).rstrip(",;: "),
                speaker=speakers.most_common(1)[0][0] if speakers else None,
                quotes=chosen,
            )
        )
    result.sort(key=lambda sq: (-len(sq.quotes), order.get(sq.quotes[0].source, 0), sq.quotes[0].start))
    return result


# --- figures about the same thing -----------------------------------------------------------


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


_TOKENS = re.compile(r"[A-Za-z0-9’']+")


def _keywords(figure: Figure, source: Source | None) -> dict[str, int]:
    """Content words near the figure, names weighing double ("France", "Channel")."""
    if source is not None and source.body[figure.start : figure.end] == figure.text:
        # a window around the figure within its paragraph: two figures of one sentence differ
        body = source.body
        lo = body.rfind("\n", 0, figure.start) + 1
        hi = body.find("\n", figure.end)
        hi = len(body) if hi < 0 else hi
        tokens = _TOKENS.findall(body[lo : figure.start])[-FIGURE_WINDOW_WORDS:]
        tokens += _TOKENS.findall(body[figure.end : hi])[:FIGURE_WINDOW_WORDS]
    else:
        tokens = _TOKENS.findall(figure.sentence)
    tokens += _TOKENS.findall(figure.measure or "")
    out: dict[str, int] = {}
    for i, tok in enumerate(tokens):
        word = tok.lower().replace("’", "").replace("'", "")
        if word in _STOP or word.isdigit() or len(word) < 2:
            continue
        weight = 2 if tok[0].isupper() and i and tok.lower() not in _STOP else 1
        key = _stem(word)
        out[key] = max(out.get(key, 0), weight)
    return out


def _pack(keys: dict[str, int]) -> tuple[tuple[str, ...], int]:
    """Keywords as a tuple, names first, and how many are names: a fifth of a dict's memory.

    The 85,000 figures of 22,000 articles held 64 MB of keyword dicts while they were compared.
    """
    named = [k for k, weight in keys.items() if weight > 1]
    return (*named, *(k for k, weight in keys.items() if weight == 1)), len(named)


def _unpack(packed: tuple[str, ...], named: int) -> dict[str, int]:
    return {k: 2 if i < named else 1 for i, k in enumerate(packed)}


def _unit_class(figure: Figure) -> tuple[str, str | None]:
    if figure.kind == "count":
        return ("count", "people" if figure.unit in (None, "people") else figure.unit)
    return (figure.kind, figure.unit)


def figure_groups(
    sources: Sequence[Source], figures: Sequence[Figure], copies: set[frozenset[str]] | None = None
) -> list[FigureGroup]:
    """Figures from different sources about the same thing, oldest first, disputes flagged.

    Two figures are linked when they share kind and unit, are of the same order of magnitude and
    share enough of their neighbouring words. A group is a figure and those linked to it directly,
    so a chain of loosely similar figures cannot snowball into one meaningless group.
    """
    by_id = {s.id: s for s in sources}
    order = {s.id: i for i, s in enumerate(sources)}
    return _figure_groups(((f, f, by_id.get(f.source)) for f in figures), order, copies or set(), _itself)


def _figure_groups(
    figures: Iterable[tuple[Hashable, Figure, Source | None]], order: dict[str, int],
    copies: set[frozenset[str]], fetch: Callable[[set[Any]], dict[Any, Figure]],
) -> list[FigureGroup]:
    """`figure_groups` of (ref, figure, its source); `fetch` gives back the figures of the refs grouped."""
    refs: list[Hashable] = []
    facts: list[tuple[str, float]] = []  # (source, value)
    whens: list[tuple] = []
    keys: list[tuple[str, ...]] = []  # packed: see _pack
    names: list[int] = []
    dates: dict[str, date | None] = {}
    buckets: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for ref, f, source in figures:
        if f.kind not in FIGURE_KINDS or f.value <= 0:
            continue
        buckets[_unit_class(f)].append(len(refs))
        refs.append(ref)
        facts.append((f.source, f.value))
        whens.append(_when(f, source, order))
        packed, named = _pack(_keywords(f, source))
        keys.append(packed)
        names.append(named)
        dates[f.source] = source.date if source else None
    totals = [len(k) + n or 1 for k, n in zip(keys, names, strict=True)]
    edges: dict[int, set[int]] = defaultdict(set)
    for members in buckets.values():
        unpacked: dict[int, dict[str, int]] = {}  # of this bucket's figures, while it is compared
        postings: dict[str, list[int]] = defaultdict(list)
        for i in members:
            for k in keys[i]:
                postings[k].append(i)
        shared: Counter[tuple[int, int]] = Counter()
        for docs in postings.values():
            if 1 < len(docs) <= COMMON_KEYWORD_FIGURES:
                shared.update(combinations(docs, 2))
        for (a, b), count in shared.items():
            (sa, va), (sb, vb) = facts[a], facts[b]
            if count < 2 or sa == sb or frozenset((sa, sb)) in copies:
                continue
            ka = unpacked.get(a) or unpacked.setdefault(a, _unpack(keys[a], names[a]))
            kb = unpacked.get(b) or unpacked.setdefault(b, _unpack(keys[b], names[b]))
            n = sum(min(ka[k], kb[k]) for k in ka.keys() & kb.keys())
            if n < FIGURE_MIN_SHARED:
                continue
            if max(va, vb) / min(va, vb) > FIGURE_MAX_RATIO:
                continue
            if n / min(totals[a], totals[b]) < FIGURE_MIN_SIMILARITY:
                continue
            edges[a].add(b)
            edges[b].add(a)
    assigned: set[int] = set()
    picks = []
    # the best-connected figure first: it is the centre of its topic; a group is it and its links
    for seed in sorted(edges, key=lambda i: (-len(edges[i]), whens[i], i)):
        if seed in assigned:
            continue
        members = {seed} | (edges[seed] - assigned)
        chosen: dict[tuple[str, float], int] = {}
        for m in sorted(members):
            chosen.setdefault(facts[m], m)
        if len({facts[m][0] for m in chosen.values()}) < 2:
            continue
        assigned |= members
        picks.append(sorted(chosen.values(), key=whens.__getitem__))
    found = fetch({refs[i] for picked in picks for i in picked})
    groups = [
        _group([found[refs[i]] for i in picked], [_unpack(keys[i], names[i]) for i in picked], dates)
        for picked in picks
    ]
    groups.sort(key=lambda g: (not g.disputed, g.kind != "money", -len(g.figures)))
    return groups


def _when(figure: Figure, source: Source | None, order: dict[str, int]) -> tuple:
    """Sort key: the source's date, else a date the figure's period names, undated sources last."""
    d = source.date if source else None
    if d is None:
        d = _period_end(figure, source)
    rank = order.get(figure.source, len(order))
    return (0, d, rank, figure.start) if d else (1, date.max, rank, figure.start)


def _period_end(figure: Figure, source: Source | None) -> date | None:
    """'Between January and June' in an article whose latest year is 2025 ends on 30 June 2025."""
    if not figure.period:
        return None
    months = [_MONTHS[w] for w in _norm_words(figure.period) if w in _MONTHS and len(w) > 2]
    if not months:
        return None
    years = _YEAR.findall(figure.period) or (_YEAR.findall(source.body) if source else [])
    if not years:
        return None
    year, month = max(int(y) for y in years), months[-1]
    return date(year, month, calendar.monthrange(year, month)[1])


def _label(figure: Figure, dated: date | None) -> str:
    head = figure.source.split("_", 1)[0]
    sid = head if head.isdigit() else figure.source  # "000_23ed8d…" reads as "000"
    when = f"{dated.day} {dated:%B %Y}" if dated else None
    parts = [p for p in (figure.period, when) if p]
    return f"{sid}: {', '.join(parts)}" if parts else sid


def _group(chosen: list[Figure], keys: list[dict[str, int]], dates: dict[str, date | None]) -> FigureGroup:
    first = chosen[0]
    values = [f.value for f in chosen]
    disputed = (max(values) - min(values)) / max(values) > DISPUTE_TOLERANCE
    entries = []
    for f in chosen:
        value = f"{f.qualifier} {format_value(f)}" if f.qualifier else format_value(f)
        entries.append(f"{value} ({_label(f, dates.get(f.source))})")
    return FigureGroup(
        topic=_topic(chosen, keys),
        kind=first.kind,
        unit=first.unit,
        figures=tuple(chosen),
        disputed=disputed,
        note=" → ".join(entries),
    )


def _topic(chosen: list[Figure], keys: list[dict[str, int]]) -> str:
    """'money (GBP): France, UK, migrants, stop': what the group is about, names first, as printed."""
    first = chosen[0]
    label = {"money": f"money ({first.unit})", "count": f"count ({first.unit or 'people'})"}.get(
        first.kind, first.kind
    )
    shared = Counter(k for ks in keys for k in ks)
    weight = {k: max(ks.get(k, 0) for ks in keys) for k in shared}
    top = sorted((k for k, n in shared.items() if n > 1), key=lambda k: (-weight[k], -shared[k], k))[:4]
    if not top:
        return label
    surface: dict[str, str] = {}
    for f in chosen:
        for tok in _TOKENS.findall(f.sentence):
            stem = _stem(tok.lower().replace("’", "").replace("'", ""))
            if stem in top and stem not in surface:
                surface[stem] = tok
    return f"{label}: {', '.join(surface.get(k, k) for k in top)}"
