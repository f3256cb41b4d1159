"""The on-disk search index: the only module that knows Whoosh.

Everything Whoosh is imported lazily (it costs ~100 ms), so the CLI and the app
start without it. Another engine could sit behind `SearchIndex` without the
rest of the code noticing.

Whoosh keeps its schema and segment list as pickles, so opening a folder
someone else wrote would run their code: `index_folder.prepare_folder` checks
that a folder is ours before anything in it is opened.
"""

from __future__ import annotations

import functools
import json
import os
import re
import threading
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date
from itertools import chain
from pathlib import Path
from struct import error as struct_error
from typing import Any, Literal

from briefing.hygiene import printable
from briefing.index_bulk import _BulkScorer, _field_lengths, _lazy_phrases, _Unsupported
from briefing.index_folder import MARKER_NAME, SCHEMA_VERSION, IndexProblem, prepare_folder, write_json, write_marker
from briefing.index_highlight import _Highlight, _query_terms, _to_hit
from briefing.index_storage import (
    SYNC_LOCK_NAME,
    IndexDamaged,
    _clear_folder,
    _open_existing,
    _schema,
    _storage,
    _sweep_failed_commit,
    _write_lock,
)
from briefing.index_storage import WRITELOCK_NAME as WRITELOCK_NAME
from briefing.index_storage import IndexBusy as IndexBusy  # for those who import them from here
from briefing.index_storage import sync_lock as sync_lock
from briefing.index_writing import ArticleDoc as ArticleDoc
from briefing.index_writing import IndexUpdate, _commit, open_writer
from briefing.index_writing import QuoteDoc as QuoteDoc
from briefing.models import SearchResult
from briefing.query_check import syntax_problem
from briefing.query_text import (
    _DATE_CLAUSE,
    _ISO_DATE,
    _check_numeric_terms,
    _cut_query,
    _join_notes,
    _nesting,
    _wildcard_problem,
    _wildcard_problem_in,
)
from briefing.query_text import MAX_QUERY_CHARS as MAX_QUERY_CHARS

MANIFEST_NAME = "manifest.json"
MAX_NESTING = 16
SEARCH_SECONDS = 3.0

SearchKind = Literal["article", "quote", "auto"]


@dataclass(frozen=True, slots=True)
class IndexedArticle:
    """What the index remembers of a file, to tell whether it changed."""

    id: str
    path: str  # relative to the corpus folder
    size: int
    mtime_ns: int
    content_hash: str
    extraction: str  # JSON of the article's cached extraction, opaque here


# --- The index ----------------------------------------------------------------------------------


class SearchIndex:
    """One Whoosh index for one corpus folder, with a long-lived searcher."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.notices: list[str] = []
        self._ix = None
        self._searcher = None
        self._lock = threading.RLock()
        self._type_docs: tuple[Any, dict[str, frozenset[int]]] = (None, {})
        self._date_docs: tuple[Any, dict[str, tuple[list[int], list[tuple[int, ...]]]]] = (None, {})
        self._field_lengths: tuple[Any, dict[tuple[int, str], Sequence[int | None]]] = (None, {})
        self._type_segments: tuple[Any, dict[str, dict[int, frozenset[int] | None]]] = (None, {})
        self._parsers: dict[tuple[str, date], Any] = {}
        self._schema: tuple[Any, Any] = (None, None)
        # A rebuild of a readable index: the next update writes every document anew and its commit
        # drops the old segments, so readers answer from the old index until the new one is whole.
        self.replacing = False

    # opening

    def open(self, *, rebuild: bool = False) -> SearchIndex:
        """Open (creating or rebuilding as needed); raises IndexProblem with a one-line reason."""
        marker = prepare_folder(self.path)
        storage = _storage(self.path)
        if rebuild and marker.get("schema") == SCHEMA_VERSION:
            with suppress(Exception):  # unreadable: cleared and built anew below
                self._ix = _open_existing(storage)
            if self._ix is not None:
                self.replacing = True
                return self
        if rebuild or marker.get("schema") != SCHEMA_VERSION:
            if not rebuild:
                self.notices.append(
                    f"index format changed (v{marker.get('schema')} → v{SCHEMA_VERSION}); rebuilding"
                )
            self._ix = self._fresh(storage, marker, recheck=not rebuild)
            return self
        try:
            self._ix = _open_existing(storage)
        except Exception:
            # Another process may have committed between our reading the table of contents and
            # its segments (a merge deletes them): a second look at the newest one decides.
            time.sleep(0.05)
            try:
                self._ix = _open_existing(storage)
            except Exception as exc:  # EOFError, UnpicklingError, OSError: a damaged index
                self._ix = self._fresh(storage, marker, recheck=True, damage=exc)
                return self
        if self._ix is None:
            self._ix = self._fresh(storage, marker, recheck=True)
        return self

    def _fresh(self, storage, marker: dict[str, Any], *, recheck: bool, damage: Exception | None = None):
        """An empty index, made under the write lock so no other writer's files are swept away.

        With `recheck`, an index that another process rebuilt while we waited for the lock is used as is.
        """
        if damage is not None and not os.access(self.path, os.W_OK):
            raise IndexProblem(
                f"index in {printable(str(self.path))} is damaged and its folder is read-only"
            ) from damage
        with _write_lock(self.path, storage, SYNC_LOCK_NAME), _write_lock(self.path, storage):
            if recheck:
                try:
                    current = json.loads((self.path / MARKER_NAME).read_text("utf-8")).get("schema")
                    ix = _open_existing(storage) if current == SCHEMA_VERSION else None
                except Exception:
                    ix = None
                if ix is not None:
                    return ix
            if damage is not None:
                why = str(damage) if isinstance(damage, IndexDamaged) else type(damage).__name__
                self.notices.append(f"index was damaged ({why}); rebuilding from the corpus")
            try:
                _clear_folder(self.path)
                write_marker(self.path, {**marker, "schema": SCHEMA_VERSION})
                return storage.create_index(_schema())
            except OSError as exc:
                raise IndexProblem(
                    f"cannot write index in {printable(str(self.path))}: {exc.strerror or exc}"
                ) from exc

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None

    def read_manifest(self) -> dict[str, Any]:
        """What the last finished sync saw: lets an unchanged run skip opening the index."""
        try:
            data = json.loads((self.path / MANIFEST_NAME).read_text("utf-8"))
        except (OSError, ValueError, RecursionError):  # RecursionError: nested past what json reads
            return {}
        return data if isinstance(data, dict) else {}

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        write_json(self.path, MANIFEST_NAME, manifest)

    # reading

    def searcher(self):
        """The long-lived searcher, refreshed if a commit happened since."""
        with self._lock:
            if self._searcher is not None and not self._searcher.up_to_date():
                # Not Searcher.refresh(): it fails on an index that was empty when opened.
                self._searcher.close()
                self._searcher = None
            if self._searcher is None:
                self._searcher = self._ix.searcher()
            return self._searcher

    def _read(self, work: Callable[[Any], Any], doing: str) -> Any:
        """Run `work(searcher)`; once more on a fresh searcher if the files changed under it.

        A writer in another process may merge segments and delete the files an older table of
        contents names; a second failure on the newest one means the index is damaged.
        """
        for attempt in (1, 2):
            try:
                # One reader at a time: without mmap, a Whoosh searcher shares file handles, and
                # concurrent threads (the app's workers) interleave their seeks and reads.
                with self._lock:
                    return work(self.searcher())
            except _READ_ERRORS as exc:
                self.close()
                if attempt == 2:
                    raise IndexDamaged(f"index damaged ({type(exc).__name__} while {doing})") from exc
                time.sleep(0.05)
        raise AssertionError("unreachable")

    def doc_count(self) -> int:
        return self._read(lambda s: s.doc_count(), "counting")

    def being_written(self) -> bool:
        """True while another process holds the lock of a sync (building or updating this index)."""
        lock = _storage(self.path).lock(SYNC_LOCK_NAME)
        try:
            if not lock.acquire(blocking=False):
                return True
        except OSError:
            return False
        lock.release()
        return False

    def articles(self) -> dict[str, IndexedArticle]:
        """Every indexed article by its path relative to the corpus, with its cached extraction."""
        from whoosh.query import Term

        def read(s) -> dict[str, IndexedArticle]:
            cached = {}
            for docnum in s.docs_for_query(Term("type", "extraction")):
                f = s.stored_fields(docnum)
                cached[f["source"]] = (f["hash"], f["extraction"])
            out = {}
            for docnum in s.docs_for_query(Term("type", "article")):
                f = s.stored_fields(docnum)
                content_hash, extraction = cached.get(f["id"], (None, "{}"))
                out[f["path"]] = IndexedArticle(
                    f["id"], f["path"], f["size"], f["mtime_ns"], f["hash"],
                    extraction if content_hash == f["hash"] else "{}",
                )
            return out

        return self._read(read, "reading")

    def quote_speakers(self) -> dict[str, str | None]:
        """Quote doc id -> the canonical speaker it was indexed with."""
        from whoosh.query import Term

        def read(s) -> dict[str, str | None]:
            return {
                f["id"]: f.get("canonical")
                for f in map(s.stored_fields, s.docs_for_query(Term("type", "quote")))
            }

        return self._read(read, "reading")

    # writing

    @contextmanager
    def update(self) -> Iterator[IndexUpdate]:
        """One batch of changes in a single commit: all of it lands, or none.

        While `replacing`, the batch holds every document and its commit replaces the whole index.
        """
        with open_writer(self.path, self._ix.schema) as writer:
            batch = IndexUpdate(self.path, writer, replacing=self.replacing)
            try:
                yield batch
                if batch.changed:
                    batch.write_quotes()
                    _commit(writer, batch.finish, keep_old=not self.replacing)
                    self.replacing = False
            except BaseException:
                batch.abort()
                raise
            if not batch.changed:  # a touched but identical file writes nothing
                writer.cancel()
                _sweep_failed_commit(self.path)  # the empty segment's files the writer opened
        self.close()

    # searching

    def search(
        self,
        query: str,
        *,
        kind: SearchKind = "auto",
        limit: int = 20,
        highlight: bool = True,
        seconds: float = SEARCH_SECONDS,
    ) -> SearchResult:
        """Search with the Whoosh query language; never raises for a bad query."""
        result = SearchResult(query=query)
        parsed, kind, note = self._parse(query, kind)
        result.note = note
        if parsed is None:
            return result
        from whoosh.collectors import TimeLimit
        from whoosh.query import Term

        words, date_ranges = _split_date_ranges(parsed)

        def run(s):
            # The type restriction (and any top-level date range) is a set of document numbers cached
            # per searcher, checked in the time-limit loop: as query clauses they cost more than the
            # query itself (Whoosh walks a date range as a union of hundreds of terms: 0.3 s at 22k).
            allow = self._docs_of_type(s, kind)
            for date_range in date_ranges:
                allow = allow & self._docs_dated(s, date_range)
            # Only date ranges: every document of the kind, filtered by date.
            q = Term("type", kind) if words is None else words
            top = self._bulk_top(s, q, allow, kind, limit, seconds)
            if top is None:  # a query the bulk evaluator does not reproduce: Whoosh's own loop
                collector = _typed_collector()(s.collector(limit=limit), seconds, allow)
                timed_out = False
                try:
                    s.search_with_collector(q, collector)
                except TimeLimit:
                    timed_out = True
                top = [(hit.score, hit.docnum) for hit in collector.results()], collector.allowed, timed_out
            items, allowed, timed_out = top
            terms = _query_terms(words, s.reader()) if highlight and words is not None else _Highlight()
            found = [_to_hit(s.stored_fields(docnum), score, kind, terms) for score, docnum in items]
            total = max(len(found), allowed)
            return found, total, timed_out

        found, result.total, timed_out = self._read(run, "searching")
        if timed_out:
            result.note = _join_notes(result.note, f"search stopped after {seconds:g} s: partial results")
        result.hits.extend(found)
        if len(found) < 3 and result.note is None:
            with self._lock:
                result.suggestion = self._did_you_mean(self.searcher(), parsed, query)
        return result

    def _bulk_top(self, searcher, q, allow: frozenset[int], kind: str, limit: int, seconds: float):
        """(top `limit` (score, docnum) as Whoosh's TopCollector orders them, documents allowed, timed out).

        None when the query has a matcher `_BulkScorer` does not know. Every matching document is
        scored, so the count is exact: Whoosh's block skipping miscounted it, mostly short (1,191
        of 1,586 for "prime minister" at 22k articles, 420 of 3,515 for minist*), once over.
        """
        import heapq

        from whoosh.collectors import TimeLimit

        if not isinstance(limit, int) or limit < 1 or searcher.weighting.use_final:
            return None
        deadline = time.monotonic() + seconds
        context = searcher.context()
        lengths = self._lengths_for(searcher)
        local = self._local_docs(searcher, kind, allow)
        q = _lazy_phrases(q)
        per_segment, timed_out = [], False
        try:
            for n, (sub, offset) in enumerate(searcher.leaf_searchers()):
                if n in local:
                    scorer = _BulkScorer(sub.reader(), lengths, deadline)
                    per_segment.append((offset, scorer.scores(q.matcher(sub, context), local[n])))
        except _Unsupported:
            return None
        except TimeLimit:
            timed_out = True
        # Whoosh's TopCollector keeps the highest scores, the lower document number first on a tie.
        candidates = [
            (-score, offset + d) for offset, scores in per_segment for d, score in scores.items() if offset + d in allow
        ]
        top = heapq.nsmallest(limit, candidates)
        return [(-negated, docnum) for negated, docnum in top], len(candidates), timed_out

    def _lengths_for(self, searcher) -> Callable[[Any, str], Sequence[int | None]]:
        """Field lengths per segment and field, read once per searcher."""
        with self._lock:
            if self._field_lengths[0] is not searcher:
                self._field_lengths = (searcher, {})
            cache = self._field_lengths[1]

        def lengths(reader, fieldname: str) -> Sequence[int | None]:
            key = (id(reader), fieldname)
            with self._lock:
                if key not in cache:
                    cache[key] = _field_lengths(reader, fieldname)
                return cache[key]

        return lengths

    def _local_docs(self, searcher, kind: str, allow: frozenset[int]) -> dict[int, frozenset[int] | None]:
        """Per segment holding allowed documents, their segment numbers (None: every document of it).

        A first build puts articles and quotes in segments of their own, so most searches skip
        one segment and need no filter in the other; a narrow date range narrows what is scored.
        """
        with self._lock:
            if self._type_segments[0] is not searcher:
                self._type_segments = (searcher, {})
            cache = self._type_segments[1]
            if kind not in cache:
                cache[kind] = self._split_by_segment(searcher, self._docs_of_type(searcher, kind))
            of_type = cache[kind]
        # A filter is only worth its cost when it leaves out most documents (results are filtered anyway).
        if len(allow) * 4 > len(self._docs_of_type(searcher, kind)):
            return of_type
        split = self._split_by_segment(searcher, allow)
        return {n: docs for n, docs in split.items() if n in of_type}

    @staticmethod
    def _split_by_segment(searcher, docs: frozenset[int]) -> dict[int, frozenset[int] | None]:
        ordered = sorted(docs)
        out: dict[int, frozenset[int] | None] = {}
        for n, (sub, offset) in enumerate(searcher.leaf_searchers()):
            count = sub.doc_count_all()
            lo, hi = bisect_left(ordered, offset), bisect_left(ordered, offset + count)
            if hi > lo:
                out[n] = None if hi - lo == count else frozenset(d - offset for d in ordered[lo:hi])
        return out

    def _docs_dated(self, searcher, date_range) -> frozenset[int]:
        """Documents whose date falls in a Whoosh `DateRange`, from a per-searcher table of dates."""
        from whoosh.fields import NUMERIC

        name = date_range.fieldname
        with self._lock:
            if self._date_docs[0] is not searcher:
                self._date_docs = (searcher, {})
            tables = self._date_docs[1]
            if name not in tables:
                field, reader = searcher.schema[name], searcher.reader()
                values, docs = [], []
                for token in field.sortable_terms(reader, name):  # full precision only
                    values.append(NUMERIC.from_bytes(field, token))
                    docs.append(tuple(reader.postings(name, token).all_ids()))
                tables[name] = (values, docs)
            values, docs = tables[name]
        start, end = date_range.start, date_range.end
        lo = 0 if start is None else (bisect_right if date_range.startexcl else bisect_left)(values, start)
        hi = len(values) if end is None else (bisect_left if date_range.endexcl else bisect_right)(values, end)
        return frozenset(chain.from_iterable(docs[lo:hi]))

    def _docs_of_type(self, searcher, kind: str) -> frozenset[int]:
        from whoosh.query import Term

        with self._lock:
            if self._type_docs[0] is not searcher:
                self._type_docs = (searcher, {})
            cache = self._type_docs[1]
            if kind not in cache:
                cache[kind] = frozenset(searcher.docs_for_query(Term("type", kind)))
            return cache[kind]

    def _parser(self, kind: str, dates: bool):
        """One parser per kind and day (dates are relative to today).

        Without `dates`, no date grammar: building it is a tenth of a one-off `briefing search`.
        """
        from whoosh.qparser import GtLtPlugin, MultifieldParser, WildcardPlugin

        key = (kind, date.today(), dates)
        with self._lock:
            parser = self._parsers.get(key)
            if parser is None:
                fields = ["title", "body"] if kind == "article" else ["body", "speaker"]
                parser = MultifieldParser(fields, self._index_schema())
                if dates:
                    from whoosh.qparser.dateparse import DateParserPlugin

                    parser.add_plugin(DateParserPlugin(free=False))
                parser.add_plugin(GtLtPlugin())
                parser.remove_plugin_class(WildcardPlugin)
                parser.add_plugin(WildcardPlugin())
                self._parsers = {k: v for k, v in self._parsers.items() if k[1] == key[1]}
                self._parsers[key] = parser
            return parser

    def _index_schema(self):
        """The index's schema, kept: Whoosh's `FileIndex.schema` reads the table of contents from disk each time.

        Taken from a searcher, through `_read`: read from disk while another process commits, the
        table of contents can be deleted under it (FileNotFoundError, seen in a test under load).
        """
        with self._lock:
            if self._schema[0] is not self._ix:
                self._schema = (self._ix, self._read(lambda s: s.schema, "reading the schema"))
            return self._schema[1]

    def _parse(self, query: str, kind: SearchKind):
        """Parse with guards against Whoosh's known traps; fall back to plain words."""
        from whoosh.qparser import MultifieldParser

        note = None
        query = " ".join(query.split())
        if len(query) > MAX_QUERY_CHARS:
            query, note = _cut_query(query)
        if kind == "auto":
            kind = "quote" if re.search(r"\bspeaker:", query) else "article"
        if not query.strip():
            return None, kind, _join_notes(note, "empty query")
        fields = ["title", "body"] if kind == "article" else ["body", "speaker"]
        schema = self._index_schema()
        query = _DATE_CLAUSE.sub(lambda m: _ISO_DATE.sub(r"\1\2\3", m.group()), query)
        if kind == "quote":
            query = _DATE_CLAUSE.sub(lambda m: "q" + m.group(), query)
        parser = self._parser(kind, dates="date:" in query)
        problem = _wildcard_problem(query)
        if problem:
            return None, kind, _join_notes(note, problem)
        syntax = syntax_problem(query)  # what Whoosh would quietly drop (`"unbalanced`, `visas AND (`)
        if syntax is None and _nesting(query) <= MAX_NESTING:
            try:
                parsed = parser.parse(query)
                _check_numeric_terms(parsed, schema)
                if _wildcard_problem_in(parsed):
                    return None, kind, _join_notes(note, _wildcard_problem_in(parsed))
                return parsed, kind, note
            except Exception:
                pass
        words = [w for w in re.findall(r"\w+", query) if w not in ("AND", "OR", "NOT", "ANDNOT", "TO")]
        reason = f" ({syntax})" if syntax else ""
        note = _join_notes(note, f"query did not parse{reason}; searched for the plain words")
        if not words:
            return None, kind, note
        try:
            return MultifieldParser(fields, schema).parse(" ".join(words)), kind, note
        except Exception:
            return None, kind, note

    def _did_you_mean(self, searcher, parsed, query: str) -> str | None:
        try:
            corrected = searcher.correct_query(parsed, query, prefix=1, maxdist=2)
        except Exception:
            return None
        if corrected.query == parsed or corrected.string == query:
            return None
        return corrected.string


def _split_date_ranges(parsed) -> tuple[Any, list[Any]]:
    """(the query without its top-level date ranges, those ranges); the words part may be None."""
    from whoosh.query import And, DateRange

    def is_date_range(q) -> bool:
        return isinstance(q, DateRange) and q.fieldname in ("date", "qdate") and q.boost == 1.0

    if is_date_range(parsed):
        return None, [parsed]
    if not isinstance(parsed, And):
        return parsed, []
    ranges = [q for q in parsed.subqueries if is_date_range(q)]
    if not ranges:
        return parsed, []
    rest = [q for q in parsed.subqueries if not is_date_range(q)]
    return (And(rest, boost=parsed.boost) if len(rest) > 1 else rest[0] if rest else None), ranges


_READ_ERRORS = (EOFError, OSError, ValueError, KeyError, IndexError, struct_error)


@functools.cache
def _typed_collector():
    """A time limit and a set of allowed documents in one loop: Whoosh's own two wrappers do not nest."""
    from whoosh.collectors import TimeLimit, TimeLimitCollector

    class TypedTimeLimitCollector(TimeLimitCollector):
        def __init__(self, child, timelimit: float, allow: frozenset[int]) -> None:
            super().__init__(child, timelimit, use_alarm=False)
            self.allow = allow
            self.allowed = 0  # matching documents of the wanted type (Whoosh's count includes the others)

        def collect_matches(self) -> None:
            child, allow, offset = self.child, self.allow, self.offset
            for sub_docnum in child.matches():
                if self.timedout:
                    raise TimeLimit
                if offset + sub_docnum in allow:
                    self.allowed += 1
                    child.collect(sub_docnum)

    return TypedTimeLimitCollector
