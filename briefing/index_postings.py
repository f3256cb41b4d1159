"""Adding a document to Whoosh's segment writer with its text fields analysed in one pass.

Whoosh analyses a text field token by token through a chain of generators (tokenizer,
lowercase, stem), then hands each posting to its pool one call at a time, sizing it as it
goes: on the 2,225 BBC articles that was more than half of writing their segment. `DocumentAdder`
makes the same postings (same terms, frequencies, weights, encoded positions, field lengths)
with one regex pass, a dict of stems and one pool update per document; the segment Whoosh then
writes from them is the one its own `add_document` would have led to. Fields, analysers or
writers it does not know go through Whoosh's own code.
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Callable
from datetime import datetime
from itertools import pairwise
from typing import Any

# Words whose stems a writer keeps (the BBC corpus has ~30,000 distinct words, a 10x copy ~10x that).
STEM_MEMO_MAX = 500_000

# Values up to this long have their postings kept, per field, up to this many (see `_short_value_postings`).
SHORT_VALUE_MAX = 200
SHORT_VALUES_KEPT = 50_000

# (term bytes, frequency, weight, encoded positions) for each distinct term of a field's value.
Postings = list[tuple[bytes, int, float, bytes]]

# Whoosh's `PostingPool.add` counts each posting as this many bytes, plus its field name's,
# twice its term's and its value's lengths, against the pool's memory limit.
_POSTING_OVERHEAD = 28 + 4 * 5 + 21 + 26 + 18 + 16 + 21


class DocumentAdder:
    """`writer.add_document(**fields)`, faster for the text fields of a plain Whoosh `SegmentWriter`."""

    def __init__(self, writer: Any) -> None:
        from whoosh.writing import PostingPool, SegmentWriter

        self._writer = writer
        fast = type(writer) is SegmentWriter and type(getattr(writer, "pool", None)) is PostingPool
        self._analysers: dict[str, Callable[[str], Postings] | None] = {}
        if fast:
            schema = writer.schema
            for name in schema.names():
                field = schema[name]
                if field.separate_spelling() or field.vector:
                    fast = False  # postings beyond the field's own: Whoosh's code writes them
                    break
                self._analysers[name] = _positions_analyser(field) if field.indexed else None
        self._fast = fast
        self._short: dict[str, dict[Any, tuple]] = {}

    def _short_value_postings(self, fieldname: str, field: Any, value: Any) -> Any:
        """`field.index(value)`, kept for short values: a quote's type, source, kind, speaker and date
        recur across documents, and Whoosh analyses each anew (a quarter of adding a quote)."""
        if not (isinstance(value, (datetime, int)) or (isinstance(value, str) and len(value) <= SHORT_VALUE_MAX)):
            return field.index(value)
        memo = self._short.setdefault(fieldname, {})
        found = memo.get(value)
        if found is None:
            if len(memo) >= SHORT_VALUES_KEPT:
                memo.clear()
            found = memo[value] = tuple(field.index(value))
        return found

    def add(self, fields: dict[str, Any]) -> None:
        """What `SegmentWriter.add_document` does (whoosh 2.7), with `_positions_analyser`'s postings."""
        writer = self._writer
        if not self._fast:
            writer.add_document(**fields)
            return
        writer._check_state()
        schema, perdocwriter, pool, docnum = writer.schema, writer.perdocwriter, writer.pool, writer.docnum
        docboost = writer._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        writer._check_fields(schema, fieldnames)
        postings: list[tuple[str, bytes, int, float, bytes | None]] = []
        size = 0
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    fieldboost = writer._field_boost(fields, fieldname, docboost)
                    analyse = self._analysers.get(fieldname)
                    if analyse is not None and isinstance(value, str):
                        items = analyse(value)
                    else:
                        items = self._short_value_postings(fieldname, field, value)
                    scorable = field.scorable
                    before = len(postings)
                    for tbytes, freq, weight, vbytes in items:
                        if scorable:
                            length += freq
                        postings.append((fieldname, tbytes, docnum, weight * fieldboost, vbytes))
                        size += 2 * len(tbytes) + len(vbytes or "")
                    if len(postings) > before:
                        pool.fieldnames.add(fieldname)
                        size += (len(postings) - before) * (_POSTING_OVERHEAD + len(fieldname))
                customval = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        # The pool spills a sorted run to disk past its limit: here before a document, not
        # mid-document; runs are merged in order at the end, so the postings read back are the same.
        if pool.currentsize + size > pool.limit:
            pool.save()
        pool.currentsize += size
        pool.current.extend(postings)
        perdocwriter.finish_doc()
        writer._added = True
        writer.docnum += 1


# The pattern of Whoosh's RegexTokenizer by default (`[\w\*]+(\.?[\w\*]+)*`) without its
# capturing group, so that `findall` returns the whole matches: the same tokens.
_DEFAULT_TOKEN = r"[\w\*]+(\.?[\w\*]+)*"
_DEFAULT_TOKEN_FINDALL = r"[\w\*]+(?:\.?[\w\*]+)*"


def _positions_analyser(field: Any) -> Callable[[str], Postings] | None:
    """`field.index(value)` for a positions field analysed by tokenizer | lowercase | stem, else None."""
    from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter
    from whoosh.analysis.analyzers import CompositeAnalyzer
    from whoosh.formats import Positions
    from whoosh.system import pack_uint

    analyzer, fmt = getattr(field, "analyzer", None), getattr(field, "format", None)
    if type(fmt) is not Positions or type(analyzer) is not CompositeAnalyzer:
        return None
    items = analyzer.items
    if len(items) != 3 or [type(i) for i in items] != [RegexTokenizer, LowercaseFilter, StemFilter]:
        return None
    tokenizer, stemmer = items[0], items[2]
    if tokenizer.gaps:
        return None
    expression = tokenizer.expression
    if expression.groups == 0:
        tokens: Callable[[str], list[str]] = expression.findall
    elif expression.pattern == _DEFAULT_TOKEN:
        tokens = re.compile(_DEFAULT_TOKEN_FINDALL, expression.flags).findall
    else:
        def tokens(value: str) -> list[str]:
            return [m.group(0) for m in expression.finditer(value)]

    stem, ignore = stemmer._stem, stemmer.ignore

    def stem_token(token: str) -> str:  # LowercaseFilter, then StemFilter
        lowered = token.lower()
        return lowered if lowered in ignore else stem(lowered)

    stems = _StemMemo(stem_token)  # token as written -> term
    boost = fmt.field_boost
    dumps, protocol = pickle.dumps, 2  # `Positions.encode`: pack_uint(count) + dumps(deltas, 2)

    def analyse(value: str) -> Postings:
        positions: dict[str, list[int]] = {}
        for pos, term in enumerate(map(stems.__getitem__, tokens(value))):
            found = positions.get(term)
            if found is None:
                positions[term] = [pos]
            else:
                found.append(pos)
        out: Postings = []
        for term, poses in positions.items():
            n = len(poses)
            deltas = poses if n == 1 else [poses[0], *(b - a for a, b in pairwise(poses))]
            # Positions.word_values sums a 1.0 boost per token, then multiplies by the field boost.
            out.append((term.encode("utf-8"), n, float(n) * boost, pack_uint(n) + dumps(deltas, protocol)))
        return out

    return analyse


class _StemMemo(dict):
    """word -> stem, a dict lookup in C once a word has been seen; a new word goes to Whoosh's own stemmer."""

    __slots__ = ("_stem",)

    def __init__(self, stem: Callable[[str], str]) -> None:
        super().__init__()
        self._stem = stem

    def __missing__(self, word: str) -> str:
        if len(self) >= STEM_MEMO_MAX:
            self.clear()
        stemmed = self[word] = self._stem(word)
        return stemmed


def fast_stemming(schema: Any) -> None:
    """Put a plain dict in front of each stemming filter of a writer's schema: the same stems, faster.

    Whoosh caches stems in a least-frequently-used cache written in Python (a Counter updated on
    every word): once per word of every article and quote, it cost more than the stemming it
    saves (about a second of CPU in a build of the 2,225 BBC articles). Not pickled with the schema
    (`StemFilter.__getstate__` leaves its cache out), so the index on disk is unchanged.
    """
    from whoosh.analysis import StemFilter

    for name in schema.names():
        analyzer = getattr(schema[name], "analyzer", None)
        for item in getattr(analyzer, "items", ()):
            stem = getattr(item, "_stem", None)
            if isinstance(item, StemFilter) and stem and not isinstance(getattr(stem, "__self__", None), _StemMemo):
                item._stem = _StemMemo(item._stem).__getitem__
