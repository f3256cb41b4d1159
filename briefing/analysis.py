"""Across sources: copied articles, quotes several outlets carry, and figures compared.

Figures are grouped and read in `briefing.figure_groups`; this module runs the comparison.

Everything goes through small inverted indexes (word shingles, keywords) so the work grows
with the number of shared shingles, not with the square of the corpus: the 2,225 BBC
articles are compared in about a second, where naive pairwise text comparison would
take minutes.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from itertools import combinations
from typing import Any

from briefing.figure_groups import _itself, figure_groups, group_figures
from briefing.models import (
    Comparison,
    Figure,
    NearDuplicate,
    Quote,
    SharedQuote,
    Source,
    SourceRecord,
)

SHINGLE_WORDS = 5
DUPLICATE_MIN_OVERLAP = 0.5  # share of the shorter article's shingles found in the other
COPY_OVERLAP = 0.9  # above this two articles are one text: their figures agreeing says nothing
QUOTE_MIN_CONTAINMENT = 0.6
COMMON_SHINGLE_DOCS = 20  # a shingle in more articles than this is boilerplate, not copying
SAMPLE_ABOVE = 200  # articles; smaller corpora compare every shingle
SAMPLE_RATE = 4  # above that, one shingle in this many is compared
SHINGLES_PER_PASS = 400_000  # counted per pass over the hash space: bounds the memory of comparing

_WORDS = re.compile(r"[a-z0-9]+")


def compare(
    sources: Sequence[Source], quotes: Sequence[Quote], figures: Sequence[Figure]
) -> Comparison:
    """What the sources share and where they disagree, from what is in memory."""
    duplicates = near_duplicates(sources)
    return Comparison(
        duplicates=duplicates,
        shared_quotes=shared_quotes(sources, quotes),
        figure_groups=figure_groups(sources, figures, _copies(duplicates), _rewrites(duplicates)),
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
        figure_groups=group_figures(
            figures, order, _copies(duplicates), lambda refs: _reread(read, order, refs, "figures"),
            _rewrites(duplicates),
        ),
    )


def _copies(duplicates: Iterable[NearDuplicate]) -> set[frozenset[str]]:
    return {frozenset((d.a, d.b)) for d in duplicates if d.overlap >= COPY_OVERLAP}


def _rewrites(duplicates: Iterable[NearDuplicate]) -> set[frozenset[str]]:
    """One report rewritten (most of the text shared, not all): its figures are of one date."""
    return {frozenset((d.a, d.b)) for d in duplicates if d.overlap < COPY_OVERLAP}


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
