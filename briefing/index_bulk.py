"""Scoring a whole index segment at once, bit-identical to Whoosh's own loop but far faster.

Split out of `index.py`, which runs the searches: this module only evaluates a matcher tree
Whoosh built. Imported when the first search runs (Whoosh is imported by then).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

# --- Scoring a whole segment at once --------------------------------------------------------------
#
# Whoosh walks its matcher tree one document at a time, several Python calls per node per
# document, and reads each document's field length from disk as it scores it: at 22,000
# articles a phrase query spent ~90 ms there. `_BulkScorer` evaluates the same matcher tree
# (built by Whoosh, so parsing, expansion and statistics stay Whoosh's) a posting list at a
# time, with the same float operations in the same order, so scores are bit-identical. On a
# node it does not know it raises `_Unsupported`, and the search runs Whoosh's own loop.


class _Unsupported(Exception):
    """A matcher the bulk evaluator does not reproduce exactly: use Whoosh's own loop."""


@functools.cache
def _matcher_types() -> dict[str, Any]:
    from whoosh.codec.whoosh3 import W3LeafMatcher
    from whoosh.matching import binary, combo, mcore, wrappers
    from whoosh.query.spans import SpanNear2
    from whoosh.scoring import BM25FScorer, WeightScorer

    return {
        "w3": W3LeafMatcher, "list": mcore.ListMatcher, "null": mcore.NullMatcherClass,
        "wrap": wrappers.WrappingMatcher, "filter": wrappers.FilterMatcher, "inverse": wrappers.InverseMatcher,
        "union": binary.UnionMatcher, "isect": binary.IntersectionMatcher, "andnot": binary.AndNotMatcher,
        "array": combo.ArrayUnionMatcher, "phrase": SpanNear2.SpanNear2Matcher,
        "bm25f": BM25FScorer, "weight": WeightScorer,
    }


@functools.cache
def _byte_lengths() -> tuple[int | None, ...]:
    """Whoosh's field length per length byte, as `doc_field_length` decodes it (0: no length)."""
    from whoosh.util.numeric import byte_to_length

    return (None, *(byte_to_length(b) for b in range(1, 256)))


def _length_column(perdoc, fieldname: str) -> list[int | None] | None:
    """A W3 per-document reader's lengths of `fieldname`, one per document, in one read.

    None when it cannot be read so (no such column, another layout): the caller asks per document.
    """
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader, _lenfield

    if type(perdoc) is not W3PerDocReader:
        return None
    column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is None or getattr(column, "_fixedlen", None) != 1:
        return None
    table = _byte_lengths()
    lengths = [table[b] for b in column._dbfile.get(column._basepos, column._count)]
    return lengths + [None] * (perdoc.doc_count_all() - len(lengths))


def _field_lengths(reader, fieldname: str) -> Sequence[int | None]:
    """Every document's length of `fieldname` in one segment, read in one go (one read per document otherwise)."""
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader, _lenfield
    from whoosh.reading import SegmentReader

    if type(reader) is SegmentReader and type(reader._perdoc) is W3PerDocReader:
        if reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN) is None:
            raise _Unsupported("no length column")
        lengths = _length_column(reader._perdoc, fieldname)
        if lengths is not None:
            return lengths
    return [reader.doc_field_length(d, fieldname, 1) for d in range(reader.doc_count_all())]


@dataclass(slots=True)
class _Postings:
    """One term's postings in a segment: document numbers, weights, raw values (positions)."""

    ids: list[int]
    weights: list[float]
    values: list[Any]


class _BulkScorer:
    """Scores of every matching document of one segment, {segment docnum: score}.

    `only` narrows a node to documents its parent can still match (an intersection scores
    the common documents only, a phrase the documents that hold it), so no posting is
    scored that cannot count.
    """

    def __init__(self, reader, lengths: Callable[[Any, str], Sequence[int | None]], deadline: float) -> None:
        self.reader = reader
        self.lengths = lengths
        self.deadline = deadline
        self.types = _matcher_types()
        self.postings: dict[int, _Postings] = {}
        self.phrases: dict[int, tuple[AbstractSet[int] | None, set[int]]] = {}

    def _check_time(self) -> None:
        if time.monotonic() > self.deadline:
            from whoosh.collectors import TimeLimit

            raise TimeLimit

    def ids(self, m, only: Collection[int] | None = None) -> Collection[int]:
        """The documents `m` matches (among `only`), without scoring them where that can be avoided."""
        t, types = type(m), self.types
        if t is types["w3"] or t is types["list"]:
            ids = set(self._read(m).ids)
            return ids if only is None else ids.intersection(only)
        if t is types["null"]:
            return ()
        if t is types["filter"]:
            child, ids = self.ids(m.child, only), m._ids
            return {d for d in child if d not in ids} if m._exclude else {d for d in child if d in ids}
        if t is types["wrap"]:
            return self.ids(m.child, only)
        if t is types["union"]:
            return set(self.ids(m.a, only)) | set(self.ids(m.b, only))
        if t is types["isect"]:
            return set(self.ids(m.a, only)).intersection(self.ids(m.b, only))
        if t is types["andnot"]:
            return set(self.ids(m.a, only)).difference(self.ids(m.b, only))
        if t is types["inverse"]:  # NOT: every document the child does not match, deleted ones left out
            child, missing = self.ids(m.child, only), m.missing
            docs = range(m.limit) if only is None else only
            return {d for d in docs if d not in child and not missing(d)}
        if t is types["phrase"] or t is _phrase_candidates():
            return self._phrase_ids(m, only)
        return self.scores(m, only).keys()

    def scores(self, m, only: Collection[int] | None = None) -> dict[int, float]:
        self._check_time()
        t, types = type(m), self.types
        if t is types["w3"] or t is types["list"]:
            return self._leaf_scores(m, only)
        if t is types["null"]:
            return {}
        if t is types["filter"]:
            child, ids, boost = self.scores(m.child, only), m._ids, m.boost
            if m._exclude:
                return {d: s * boost for d, s in child.items() if d not in ids}
            return {d: s * boost for d, s in child.items() if d in ids}
        if t is types["wrap"]:
            boost = m.boost
            return {d: s * boost for d, s in self.scores(m.child, only).items()}
        if t is types["union"]:  # UnionMatcher.score: a + b where both match
            a, b = self.scores(m.a, only), self.scores(m.b, only)
            out = dict(a)
            for d, s in b.items():
                out[d] = a[d] + s if d in a else s
            return out
        if t is types["isect"]:  # IntersectionMatcher.score: a + b
            common = set(self.ids(m.a, only)).intersection(self.ids(m.b, only))
            a, b = self.scores(m.a, common), self.scores(m.b, common)
            return {d: a[d] + b[d] for d in common}
        if t is types["inverse"]:  # InverseMatcher.score: its constant weight
            weight = m._weight
            return {d: weight for d in self.ids(m, only)}
        if t is types["andnot"]:  # AndNotMatcher.score: a's
            excluded = self.ids(m.b, only)
            return {d: s for d, s in self.scores(m.a, only).items() if d not in excluded}
        if t is types["array"]:
            return self._array_union(m, only)
        if t is types["phrase"] or t is _phrase_candidates():
            matched = self._phrase_ids(m, only)
            boost = m.boost  # SpanWrappingMatcher: the words' intersection score × 1.0
            return {d: s * boost for d, s in self.scores(m.child, matched).items()}
        raise _Unsupported(t.__name__)

    def _read(self, m) -> _Postings:
        """A leaf matcher's postings from its first (Whoosh's constructors may have advanced it)."""
        key = id(m)
        if key in self.postings:
            return self.postings[key]
        ids: list[int] = []
        weights: list[float] = []
        values: list[Any] = []
        if type(m) is self.types["list"]:
            ids = list(m._ids)
            if m._all_weights:
                weights = [m._all_weights] * len(ids)
            elif m._weights:
                weights = list(m._weights)
            else:
                weights = [1.0] * len(ids)
            values = list(m._values) if m._values else [None] * len(ids)
        else:
            ids, weights, values = _w3_postings(m)
        postings = self.postings[key] = _Postings(ids, weights, values)
        return postings

    def _leaf_scores(self, m, only: Collection[int] | None) -> dict[int, float]:
        p = self._read(m)
        pairs: Iterable[tuple[int, float]] = zip(p.ids, p.weights, strict=True)
        if only is not None:
            pairs = [(d, w) for d, w in pairs if d in only]
        scorer = m.scorer if type(m) is self.types["w3"] else m._scorer
        if scorer is None:
            if type(m) is self.types["list"]:  # ListMatcher.score: the weight
                return dict(pairs)
            raise _Unsupported("unscored leaf")
        st = type(scorer)
        if st is self.types["weight"]:
            return dict(pairs)
        if st is not self.types["bm25f"]:
            raise _Unsupported(st.__name__)
        # WeightLengthScorer.score: _score(weight, the document's field length)
        lengths, score = self.lengths(self.reader, m.term()[0]), scorer._score
        return {d: score(w, lengths[d]) for d, w in pairs}

    def _array_union(self, m, only: Collection[int] | None) -> dict[int, float]:
        """`ArrayUnionMatcher`: per document, the sum of its sub-matchers' scores × boost, in their order."""
        acc: dict[int, float] = {}
        boost, scored = m._boost, m._scored
        for sub in m._submatchers:
            if scored:
                for d, s in self.scores(sub, only).items():
                    acc[d] = acc.get(d, 0) + s * boost
            else:
                for d in self.ids(sub, only):
                    acc[d] = 1
        return {d: float(s) for d, s in acc.items() if s > 0}

    def _phrase_ids(self, m, only: Collection[int] | None = None) -> set[int]:
        """Documents (among `only`) with the phrase's words at consecutive positions (what `SpanNear2`, slop 1, finds).

        Positions are decoded once per document: a later call for a subset of the documents
        already checked (an intersection's common ones) reuses the result.
        """
        key = id(m)
        if key in self.phrases:
            checked, matched = self.phrases[key]
            if checked is None:
                return matched if only is None else matched.intersection(only)
            if only is not None and checked.issuperset(only):
                return matched.intersection(only)
        if (m.slop, m.ordered, m.mindist) != (1, True, 1):
            raise _Unsupported("sloppy phrase")
        decoders, index = [], []
        for sub in m.ms:
            if type(sub) is self.types["filter"] and sub._exclude:
                sub = sub.child  # deleted documents: the candidates below already leave them out
            if type(sub) is not self.types["w3"] and type(sub) is not self.types["list"]:
                raise _Unsupported("phrase of non-terms")
            if not sub.supports("positions"):
                raise _Unsupported("no positions")
            p = self._read(sub)
            decoders.append(_positions_decoder(sub.format))
            index.append(dict(zip(p.ids, p.values, strict=True)))
        matched = set()
        first_decode, first_values = decoders[0], index[0]
        rest = list(zip(decoders[1:], index[1:], strict=True))
        for d in self.ids(m.child, only):
            starts = set(first_decode(first_values[d]))
            for i, (decode, values) in enumerate(rest, 1):
                starts.intersection_update([p - i for p in decode(values[d])])
                if not starts:
                    break
            else:
                matched.add(d)
        self.phrases[key] = (None if only is None else frozenset(only), matched)
        return matched


def _w3_postings(m) -> tuple[list[int], list[float], list[Any]]:
    """Every block of a `W3LeafMatcher`'s posting list, decoded as its `_goto`/`_read_*` methods do.

    The list is read in one piece and its blocks parsed from memory: Whoosh reads each block's
    header through many small file reads (pickle.load on the file) and decodes ids with a
    generator per posting, ~2 µs per posting in all.
    """
    import io
    import pickle
    import zlib
    from array import array

    from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC
    from whoosh.compat import loads
    from whoosh.system import _INT_SIZE, unpack_int

    # W3TermInfo.from_bytes stores the extent's length as unpack_int's 1-tuple (Whoosh never reads it).
    extent = m._length[0] if isinstance(m._length, tuple) else m._length
    if not isinstance(extent, int):
        raise _Unsupported("posting list extent")
    raw = m._postfile.get(m._startoffset, extent)
    if raw[:_INT_SIZE] != WHOOSH3_HEADER_MAGIC:
        raise _Unsupported("posting list header")
    buf, pos, fixedsize = io.BytesIO(raw), _INT_SIZE, m._fixedsize
    ids: list[int] = []
    weights: list[float] = []
    values: list[Any] = []
    while pos < len(raw):
        (length,) = unpack_int(raw[pos : pos + _INT_SIZE])
        next_pos = pos + _INT_SIZE + abs(length)
        buf.seek(pos + _INT_SIZE)
        count, _, _, compression, _, _ = pickle.load(buf)
        data = raw[buf.tell() : next_pos]
        block_ids, block_weights, block_values = loads(zlib.decompress(data) if compression else data)
        ids.extend(block_ids if m._byteids else accumulate(block_ids))
        if block_weights is None:
            weights.extend([1.0] * count)
        elif isinstance(block_weights, float):
            weights.extend(array("f", [block_weights]) * count)
        else:
            weights.extend(block_weights)
        if fixedsize is None or fixedsize < 0:
            values.extend(block_values)
        elif fixedsize == 0:
            values.extend([None] * count)
        else:
            values.extend(block_values[i : i + fixedsize] for i in range(0, len(block_values), fixedsize))
        if length < 0:  # the last block
            break
        pos = next_pos
    if not (len(ids) == len(weights) == len(values)):
        raise _Unsupported("posting list blocks")
    return ids, weights, values


def _positions_decoder(fmt) -> Callable[[bytes], Iterable[int]]:
    """`Positions.decode_positions` with accumulate() for its Python loop over the deltas."""
    from whoosh.compat import loads
    from whoosh.formats import Positions
    from whoosh.system import _INT_SIZE

    if type(fmt) is not Positions:
        return fmt.decoder("positions")

    def decode(value: bytes) -> Iterable[int]:
        if not value.endswith(b"."):
            value += b"."
        return accumulate(loads(value[_INT_SIZE:]))

    return decode


@functools.cache
def _phrase_candidates() -> type:
    """The matcher `LazyPhrase` builds: the words' intersection, positions left to `_BulkScorer`.

    Whoosh's own phrase matcher looks for its first match as it is built, decoding positions
    document by document; the bulk evaluator reads them for all candidates at once instead.
    """
    from whoosh.matching import WrappingMatcher

    class PhraseCandidates(WrappingMatcher):
        def __init__(self, child, ms) -> None:
            super().__init__(child)
            self.ms = ms
            self.slop, self.ordered, self.mindist = 1, True, 1

    return PhraseCandidates


@functools.cache
def _lazy_phrase_class() -> type:
    from whoosh import matching
    from whoosh.matching import IntersectionMatcher
    from whoosh.query import Phrase, QueryError, Term
    from whoosh.util import make_binary_tree

    class LazyPhrase(Phrase):
        """`Phrase` for `_BulkScorer` only: same terms, same scores, matches found in bulk."""

        def matcher(self, searcher, context=None):
            fieldname = self.fieldname
            if fieldname not in searcher.schema or not self.words:
                return Phrase.matcher(self, searcher, context)
            field = searcher.schema[fieldname]
            if not field.format or not field.format.supports("positions"):
                raise QueryError(f"Phrase search: {fieldname!r} field has no positions")
            reader, terms = searcher.reader(), []
            for word in self.words:
                try:
                    word = field.to_bytes(word)
                except ValueError:
                    return matching.NullMatcher()
                if (fieldname, word) not in reader:
                    return matching.NullMatcher()
                terms.append(Term(fieldname, word))
            ms = [t.matcher(searcher, context) for t in terms]
            m = _phrase_candidates()(make_binary_tree(IntersectionMatcher, ms), ms)
            if self.boost != 1.0:
                m = matching.WrappingMatcher(m, boost=self.boost)
            return m

    return LazyPhrase


def _lazy_phrases(q):
    """`q` with its exact phrases as `LazyPhrase`: only for `_BulkScorer`, which checks their positions."""
    import copy

    from whoosh.query import BinaryQuery, CompoundQuery, Not, Phrase

    if type(q) is Phrase:
        if q.slop != 1:
            return q
        return _lazy_phrase_class()(q.fieldname, q.words, slop=1, boost=q.boost, char_ranges=q.char_ranges)
    if isinstance(q, CompoundQuery):
        new = copy.copy(q)
        new.subqueries = [_lazy_phrases(sub) for sub in q.subqueries]
        return new
    if isinstance(q, BinaryQuery):
        new = copy.copy(q)
        new.a, new.b = _lazy_phrases(q.a), _lazy_phrases(q.b)
        return new
    if isinstance(q, Not):
        new = copy.copy(q)
        new.query = _lazy_phrases(q.query)
        return new
    return q
