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

import functools
import pickle
import re
from collections.abc import Callable, Iterator, Sequence
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
        pool_type = type(getattr(writer, "pool", None))
        fast = type(writer) is SegmentWriter and pool_type in (PostingPool, _term_lists_pool())
        self._analysers: dict[str, Callable[[str], Postings] | None] = {}
        if fast:
            schema = writer.schema
            for name in schema.names():
                field = schema[name]
                if field.separate_spelling() or field.vector:
                    fast = False  # postings beyond the field's own: Whoosh's code writes them
                    break
                self._analysers[name] = _positions_analyser(field) if field.indexed else None
        if fast and pool_type is PostingPool:
            writer.pool.__class__ = _term_lists_pool()
            writer.pool.term_lists = {}
        self._fast = fast
        self._short: dict[str, dict[Any, tuple]] = {}

    def _short_value_postings(self, fieldname: str, field: Any, value: Any) -> Any:
        """`field.index(value)`, kept for short values: a quote's type, source, kind and date recur
        across documents, and Whoosh analyses each anew (a quarter of adding a quote).

        Only postings without values (no positions) are kept: a value shared between documents
        is pickled once per block with a back-reference, which changes the segment's bytes.
        """
        if not (isinstance(value, (datetime, int)) or (isinstance(value, str) and len(value) <= SHORT_VALUE_MAX)):
            return field.index(value)
        memo = self._short.setdefault(fieldname, {})
        found = memo.get(value)
        if found is None:
            found = tuple(field.index(value))
            if any(vbytes for _, _, _, vbytes in found):
                return found
            if len(memo) >= SHORT_VALUES_KEPT:
                memo.clear()
            memo[value] = found
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
        postings: list[tuple[tuple[str, bytes], tuple[int, float, bytes | None]]] = []
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
                        postings.append(((fieldname, tbytes), (docnum, weight * fieldboost, vbytes)))
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
        lists = pool.term_lists
        for key, posting in postings:
            found = lists.get(key)
            if found is None:
                lists[key] = [posting]
            else:
                found.append(posting)
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


# --- Writing a segment's postings ----------------------------------------------------------------


@functools.cache
def _term_lists_pool() -> type:
    from whoosh.writing import PostingPool

    class TermListsPool(PostingPool):
        """Whoosh's posting pool, with `DocumentAdder`'s postings kept per term as they come.

        Documents come in order, so each term's list is in document order already: the pool
        then sorts its terms (tens of thousands) instead of every posting (half a million for
        the BBC articles), and the segment's writer reads each term's postings in one piece.
        Postings from anywhere else (Whoosh's own add_document, merged segments) and spills to
        disk past the memory limit go the pool's own way, the per-term lists with them.
        """

        term_lists: dict[tuple[str, bytes], list[tuple[int, float, bytes | None]]]

        def _lists_to_pool(self) -> None:
            lists, self.term_lists = self.term_lists, {}
            self.current.extend((fn, tb, d, w, v) for (fn, tb), posts in lists.items() for d, w, v in posts)

        def save(self) -> None:
            self._lists_to_pool()
            PostingPool.save(self)

        def iter_postings(self) -> Any:
            if not self.runs and not self.current:
                return TermLists(self.term_lists)
            self._lists_to_pool()
            return PostingPool.iter_postings(self)

    return TermListsPool


class TermLists:
    """A segment's postings by term, sorted; iterated, the (field, term, doc, weight, value) tuples Whoosh expects."""

    def __init__(self, lists: dict[tuple[str, bytes], list[tuple[int, float, bytes | None]]]) -> None:
        self.lists = lists

    def by_term(self) -> Iterator[tuple[tuple[str, bytes], list[tuple[int, float, bytes | None]]]]:
        lists = self.lists
        for key in sorted(lists):
            yield key, lists[key]

    def __iter__(self) -> Iterator[tuple[str, bytes, int, float, bytes | None]]:
        for (fieldname, btext), posts in self.by_term():
            for docnum, weight, value in posts:
                yield fieldname, btext, docnum, weight, value


def postings_writer(fieldwriter: Any) -> Callable[[Any, Any, Any], None] | None:
    """`fieldwriter.add_postings(schema, lengths, items)` for Whoosh's W3 codec, a posting list at a time.

    Whoosh writes a term's postings through several calls per posting and a dozen per block
    (statistics kept one posting at a time, then minified, pickled, compressed): most terms of
    a segment have one short block, so that per-term work was most of writing a segment. Here
    each term's postings are gathered (the pool gives them sorted) and its blocks, block
    headers, term statistics and term-table row are made as `W3PostingsWriter` and
    `W3TermInfo` make them, byte for byte, in fewer steps. None for another codec or a setting
    this does not reproduce (inlined postings): Whoosh's own `add_postings` is then used.
    """
    from whoosh.codec.whoosh3 import W3FieldWriter

    if type(fieldwriter) is not W3FieldWriter or fieldwriter._codec._inlinelimit > 1:
        return None

    def add_postings(schema: Any, lengths: Any, items: Any) -> None:
        from itertools import groupby
        from operator import itemgetter

        from whoosh.codec.base import OutOfOrderError

        column_of = getattr(lengths, "column", None)
        last_key: tuple[str, bytes] | None = None
        field: str | None = None
        write = None
        if isinstance(items, TermLists):
            terms: Iterator[tuple[tuple[str, bytes], Any]] = items.by_term()
            columns = slice(0, 3)
        else:
            terms = groupby(items, key=itemgetter(0, 1))
            columns = slice(2, 5)
        for key, group in terms:
            if last_key is not None and key <= last_key:
                raise OutOfOrderError(f"Term {last_key!r} .. {key!r}")
            last_key = key
            fieldname, btext = key
            if fieldname != field:
                if field is not None:
                    fieldwriter.finish_field()
                fieldwriter.start_field(fieldname, schema[fieldname])
                field = fieldname
                column = column_of(fieldname) if column_of is not None else None
                write = _term_writer(fieldwriter)
            ids, weights, values = tuple(zip(*group, strict=True))[columns]
            if -1 in ids:  # a spelling word, not a posting (as Whoosh's add_postings)
                kept = [i for i, d in enumerate(ids) if d != -1]
                if not kept:
                    continue
                ids, weights, values = (tuple(x[i] for i in kept) for x in (ids, weights, values))
            if column is not None:
                field_lengths = [column[d] for d in ids]
            elif lengths:
                field_lengths = [lengths.doc_field_length(d, fieldname) for d in ids]
            else:
                field_lengths = [0] * len(ids)
            write(btext, ids, weights, values, field_lengths)
        if field is not None:
            fieldwriter.finish_field()

    return add_postings


def _term_writer(fieldwriter: Any) -> Callable[..., None]:
    """Write one term's posting list and its term-table row, for the field `fieldwriter` has started."""
    import zlib
    from array import array
    from operator import sub

    from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
    from whoosh.system import pack_int, pack_long, pack_ushort
    from whoosh.util.numeric import length_to_byte

    postwriter = fieldwriter._postwriter
    postfile, blocklimit, compression = postwriter._postfile, postwriter._blocklimit, postwriter._compression
    fixedsize = fieldwriter._fieldobj.format.fixed_value_size()
    keyprefix = pack_ushort(fieldwriter._fieldid)
    add_row = fieldwriter._tindex.add
    pack_info = W3TermInfo._struct.pack
    tell, write, write_int = postfile.tell, postfile.write, postfile.write_int
    dumps = pickle.dumps

    def write_term(btext: bytes, ids: Sequence[int], weights: Sequence[float], values: Sequence[bytes | None],
                   field_lengths: Sequence[int | None]) -> None:
        startoffset = tell()
        total_weight, df = 0.0, 0
        minlength: int | None = None
        maxlength: int = 0
        maxweight: float = 0
        count = len(ids)
        for start in range(0, count, blocklimit):  # W3PostingsWriter._write_block, block by block
            end = start + blocklimit
            block_ids = ids[start:end]
            block_weights = weights[start:end]
            stored_weights = array("f", block_weights)  # the block's weights as written (float32)
            counted = [n for n in field_lengths[start:end] if n]  # add_posting skips 0 and None
            block_min = min(counted) if counted else None
            block_max = max(counted) if counted else 0
            block_maxweight = max(0, *block_weights)  # add_posting: the greatest, from 0
            # W3TermInfo.add_block
            total_weight += sum(stored_weights)
            df += len(block_ids)
            minlength = block_min if minlength is None else min(minlength, block_min)
            maxlength = max(maxlength, block_max)
            maxweight = max(maxweight, block_maxweight)
            if start == 0:
                write(WHOOSH3_HEADER_MAGIC)
            # _mini_ids, _mini_weights, _mini_values
            mini_ids = (block_ids[0], *map(sub, block_ids[1:], block_ids[:-1]))
            if all(w == 1.0 for w in stored_weights):
                mini_weights: Any = None
            elif all(w == stored_weights[0] for w in stored_weights):
                mini_weights = stored_weights[0]
            else:
                mini_weights = tuple(stored_weights)
            present = [v for v in values[start:end] if v]
            if fixedsize is None or fixedsize < 0:
                mini_values: Any = tuple(present)
            elif fixedsize == 0:
                mini_values = None
            else:
                mini_values = b"".join(present)
            databytes = dumps((mini_ids, mini_weights, mini_values), 2)
            if compression:
                databytes = zlib.compress(databytes, compression)
            infobytes = dumps(
                (len(block_ids), block_ids[-1], block_maxweight, compression,
                 length_to_byte(block_min), length_to_byte(block_max)),
                2,
            )
            blocklength = len(infobytes) + len(databytes)
            write_int(-blocklength if end >= count else blocklength)
            write(infobytes)
            write(databytes)
        # W3TermInfo.to_bytes, not inlined (W3PostingsWriter inlines below `inlinelimit` postings only)
        row = pack_info(
            False, total_weight, df, 0 if minlength is None else length_to_byte(minlength),
            length_to_byte(maxlength), maxweight, ids[0], ids[-1],
        )
        add_row(keyprefix + btext, row + pack_long(startoffset) + pack_int(tell() - startoffset))

    return write_term
