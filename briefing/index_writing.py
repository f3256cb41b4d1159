"""Writing the index: the documents, one batch of changes, and its commit.

Split from `briefing.index` (searching) along the writing seam; tests set
`index_writing.PARALLEL_MIN_ARTICLES`, `can_help`, `HelperProcess` and `_article_fields` here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from briefing import index_storage
from briefing.helper_process import HelperProcess, can_help, while_parent_lives
from briefing.hygiene import printable
from briefing.index_bulk import _length_column
from briefing.index_folder import IndexProblem
from briefing.index_postings import DocumentAdder, fast_stemming, postings_writer
from briefing.index_storage import IndexBusy, _remove_temp_tocs, _storage, _sweep_failed_commit
from briefing.models import Quote

# From this many articles in one update, a helper process indexes them while this one extracts.
PARALLEL_MIN_ARTICLES = 200
# From this many quote documents in one update, a helper process writes a share of them meanwhile
# (starting it and handing it the documents costs about 0.1 s of CPU, writing 1,000 quotes 0.2 s).
PARALLEL_MIN_QUOTES = 2000
# The helper's share: this process also finalises the segment that holds the rest of the batch.
QUOTE_HELPER_SHARE = 0.5
ARTICLE_HELPER = "briefing.index_writing:_segment_helper"
QUOTE_HELPER = "briefing.index_writing:_quote_segment_helper"

@dataclass(frozen=True, slots=True)
class ArticleDoc:
    id: str
    path: str
    title: str
    body: str
    date: date | None
    outlet: str | None
    author: str | None
    size: int
    mtime_ns: int
    content_hash: str


@dataclass(frozen=True, slots=True)
class QuoteDoc:
    quote: Quote
    title: str
    date: date | None
    speaker_terms: str  # canonical name and every form as written, for `speaker:`


# --- Writing ------------------------------------------------------------------------------------


class IndexUpdate:
    """The changes of one commit, as `SearchIndex.update()` hands them out.

    Article documents are most of a first build's Whoosh work and need nothing from
    extraction, so from `PARALLEL_MIN_ARTICLES` on a helper process indexes them into a
    segment of its own while this process extracts quotes and figures; the commit then
    lists both segments. Below that, or on one CPU, everything is written here.

    Quote documents are held until `write_quotes()`: from `PARALLEL_MIN_QUOTES` on, a helper
    writes the last `QUOTE_HELPER_SHARE` of them to a segment of its own while this process
    writes the rest (they come last in a build, after the speakers are named, when the
    extraction helper has finished). The table of contents lists this process's segment, then
    the quotes', then the articles': the documents keep the order one writer gives them.
    """

    def __init__(self, path: Path, writer: Any, *, replacing: bool = False) -> None:
        self._path = path
        self._writer = writer
        self._add = DocumentAdder(writer).add
        self._job: HelperProcess | None = None
        self._quote_job: HelperProcess | None = None
        self._quotes: list[dict[str, Any]] = []  # quote docs held until `write_quotes()`
        self._existing: Any = None  # a searcher of the segments before this batch, once needed
        self._replacing = replacing  # the old segments are dropped at the commit: nothing to delete there
        self.changed = replacing  # an empty corpus still replaces the index

    def delete_source(self, source_id: str) -> None:
        """The article, its extraction record and its quotes."""
        self.changed = True
        if not self._replacing:
            self._writer.delete_by_term("source", source_id)

    def add_articles(self, docs: Sequence[ArticleDoc]) -> None:
        self.changed = self.changed or bool(docs)
        fields = [_article_fields(doc) for doc in docs]
        if self._job is None and len(fields) >= PARALLEL_MIN_ARTICLES and can_help():
            try:
                self._job = HelperProcess(ARTICLE_HELPER, (str(self._path), fields))
                return
            except OSError:  # no process to be had (a limit, no memory): this one does it all
                pass
        for f in fields:
            self._add(f)

    def set_extraction(self, source_id: str, content_hash: str, extraction: str) -> None:
        """Cache an article's extraction (JSON, opaque here) for the content it was made from."""
        self.changed = True
        self._add(
            {"id": f"{source_id}#extraction", "type": "extraction", "source": source_id, "hash": content_hash,
             "extraction": extraction}
        )

    def replace_quotes(self, source_id: str, docs: Sequence[QuoteDoc]) -> None:
        from whoosh.query import Term

        self.changed = True
        # Found among the source's few documents: a query for type:quote AND source walked every
        # quote's postings once per source (8 ms a source at 2,225 articles; re-extracting 22,250
        # after a change of rules spent most of an hour there).
        if not self._replacing:
            if self._existing is None:
                self._existing = self._writer.searcher()
            existing = self._existing
            for docnum in existing.docs_for_query(Term("source", source_id)):
                if existing.stored_fields(docnum).get("type") == "quote":
                    self._writer.delete_document(docnum)
        self._quotes.extend(_quote_fields(doc) for doc in docs)

    def write_quotes(self) -> None:
        """Write the quote documents `replace_quotes` was given; before the commit."""
        quotes, self._quotes = self._quotes, []
        keep = len(quotes)
        if keep >= PARALLEL_MIN_QUOTES and can_help():
            keep -= int(keep * QUOTE_HELPER_SHARE)
            try:
                self._quote_job = HelperProcess(QUOTE_HELPER, (str(self._path), quotes[keep:]))
            except OSError:  # no process to be had: this one writes them all
                keep = len(quotes)
        for fields in quotes[:keep]:
            self._add(fields)

    def finish(self) -> list[Any]:
        """Segments written elsewhere, in document order, once they are done (raises what their writer raised)."""
        self._close_existing()
        return [job.result() for job in (self._quote_job, self._job) if job]

    def abort(self) -> None:
        self._close_existing()
        self._quotes = []
        for job in (self._quote_job, self._job):
            if job:
                job.abort()

    def _close_existing(self) -> None:
        if self._existing is not None:
            self._existing.close()
            self._existing = None


def _commit(writer: Any, helpers_segments: Callable[[], list[Any]], *, keep_old: bool = True) -> None:
    """`SegmentWriter.commit()`, with the segments helper processes wrote added to the table of contents.

    What Whoosh's own MpWriter does with `multisegment=True` (its sub-writers merge their
    postings in the parent instead, which NOTES.md measured slower than one process). Our own
    segment is written before waiting for the helpers': on 2,225 articles that overlaps 3 s.
    Without `keep_old`, the new table of contents lists only this batch's segments (a rebuild).
    """
    # Whoosh's MERGE_SMALL looks only at sizes: a segment whose every document was deleted (each
    # article rewritten, as a change of extraction rules does) stayed listed, and on disk, for good.
    segments = [s for s in writer._merge_segments(None, None, None) if s.doc_count() > 0] if keep_old else []
    if writer._added:
        segments.append(_finalize(writer))
    else:
        writer._close_segment()
    segments.extend(helpers_segments())
    writer._commit_toc(segments)
    writer._finish()


def _finalize(writer: Any) -> Any:
    """`SegmentWriter._finalize_segment()`, with the field lengths it looks up read a column at a time.

    Whoosh reads the new segment's length of a document's field back for every posting it
    writes, one column read each: about a tenth of the time of writing a segment of quotes.
    """
    read_back = writer.per_document_reader
    writer.per_document_reader = lambda: _LengthsReadOnce(read_back())
    in_lists = postings_writer(writer.fieldwriter)
    if in_lists is not None:
        writer.fieldwriter.add_postings = in_lists
    try:
        return writer._finalize_segment()
    finally:
        del writer.per_document_reader
        if in_lists is not None:
            del writer.fieldwriter.add_postings


class _LengthsReadOnce:
    """A per-document reader whose `doc_field_length` reads each field's length column once."""

    def __init__(self, perdoc: Any) -> None:
        self._perdoc = perdoc
        self._columns: dict[str, list[int | None] | None] = {}

    def column(self, fieldname: str) -> list[int | None] | None:
        """Every document's length of `fieldname` (None for a length byte of 0); None if not readable so."""
        try:
            return self._columns[fieldname]
        except KeyError:
            column = self._columns[fieldname] = _length_column(self._perdoc, fieldname)
            return column

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int | None:
        column = self.column(fieldname)
        if column is None:
            return self._perdoc.doc_field_length(docnum, fieldname, default)
        return column[docnum]  # None for a length byte of 0, as Whoosh's own

    def __getattr__(self, name: str) -> Any:  # close() and the rest: the reader's own
        return getattr(self._perdoc, name)


def _segment_helper(payload: tuple[str, list[dict[str, Any]]], parent: int) -> Any:
    """In a helper process: write the docs it is sent (the articles, or a share of the quotes) to a segment,
    without the lock (the parent holds it).

    Never `_finish()` or `cancel()` here: they delete the temp folder the parent's writer shares.
    """
    path, docs = payload
    storage = _storage(Path(path), mmap=True)  # Whoosh imported, as everywhere, by `_import_whoosh`
    from whoosh.writing import SegmentWriter

    writer = SegmentWriter(storage.open_index(), _lk=False)
    fast_stemming(writer.schema)
    add = DocumentAdder(writer).add
    try:
        for fields in while_parent_lives(docs, parent):  # not into a folder nobody will commit
            add(fields)
        return _finalize(writer)
    except Exception:
        with suppress(Exception):
            writer._close_segment()
        raise


def _import_writer() -> None:
    from briefing.index_storage import _import_whoosh

    _import_whoosh()
    import whoosh.codec.whoosh3
    import whoosh.writing  # noqa: F401


_segment_helper.warm_up = _import_writer  # type: ignore[attr-defined]
# The same work for the quotes' segment, under a name of its own: a first build starts both
# helpers ahead (see `helper_process.start_ahead`), one per name.
_quote_segment_helper = _segment_helper


def _article_fields(doc: ArticleDoc) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": doc.id,
        "type": "article",
        "source": doc.id,
        "path": doc.path,
        "title": doc.title,
        "body": doc.body,
        "size": doc.size,
        "mtime_ns": doc.mtime_ns,
        "hash": doc.content_hash,
    }
    if doc.date:
        fields["date"] = datetime(doc.date.year, doc.date.month, doc.date.day)
    if doc.outlet:
        fields["outlet"] = doc.outlet
    if doc.author:
        fields["author"] = doc.author
    return fields


def _quote_fields(doc: QuoteDoc) -> dict[str, Any]:
    q = doc.quote
    fields: dict[str, Any] = {
        "id": f"{q.source}#{q.start}",
        "type": "quote",
        "source": q.source,
        # Stored for display, not indexed: quote searches never look at titles, and analysing
        # the article title once per quote was a tenth of a build.
        "title": "",
        "_stored_title": doc.title,
        "body": q.text,
        "speaker": doc.speaker_terms,
        "speaker_as_written": q.speaker_as_written,
        "speaker_kind": q.speaker_kind,
        "canonical": q.speaker,
        "kind": q.kind,
        "start": q.start,
        "end": q.end,
    }
    if doc.date:
        fields["qdate"] = datetime(doc.date.year, doc.date.month, doc.date.day)
    return fields


@contextmanager
def open_writer(path: Path, schema: Any) -> Iterator[Any]:
    """Whoosh's writer, for the caller to commit; cancelled, and its files swept, on any failure."""
    from whoosh.index import LockError

    try:
        writer = _storage(path, mmap=True).open_index(schema=schema).writer(
            timeout=index_storage.LOCK_TIMEOUT_SECONDS, delay=0.05
        )
    except LockError as exc:
        raise IndexBusy(
            f"index busy: another briefing is writing {printable(str(path))} "
            f"(waited {index_storage.LOCK_TIMEOUT_SECONDS:g} s)"
        ) from exc
    except OSError as exc:
        raise IndexProblem(
            f"cannot write index in {printable(str(path))}: {exc.strerror or exc}"
        ) from exc
    try:
        _remove_temp_tocs(path)
        fast_stemming(writer.schema)
        yield writer
    except BaseException as exc:
        # Whoosh keeps the lock after a failed commit until cancel(), even in `with`.
        try:
            writer.cancel()
        except Exception:
            lock = getattr(writer, "writelock", None)
            if lock is not None and getattr(lock, "fd", None) is not None:
                lock.release()
        _close_files_of(writer)
        _let_go_of_finished_frames(exc)
        _sweep_failed_commit(path)
        if isinstance(exc, OSError):
            raise IndexProblem(
                f"index update failed in {printable(str(path))}: {exc.strerror or exc}; "
                "the previous index is intact"
            ) from exc
        raise


def _let_go_of_finished_frames(exc: BaseException) -> None:
    """Clear the locals of the frames a failed write went through and left, keeping the traceback.

    Whoosh closes nothing it opened when a write fails midway (a segment's files, as it copies
    them into the compound file on a full disk, are locals of Whoosh's and shutil's frames):
    kept by the error, those descriptors kept the deleted files' space in a process that lives
    on (the app). The frames still running (this one, the update's) cannot be cleared and are left.
    """
    tb = exc.__traceback__
    while tb is not None:
        with suppress(RuntimeError):
            tb.tb_frame.clear()
        tb = tb.tb_next


def _close_files_of(writer: Any) -> None:
    """Close every file (and map) Whoosh's writer still holds, after a failed write.

    `cancel()` closes them one after the other and stops at the first that cannot be flushed
    (a full disk): the rest stayed open, each keeping a deleted file's space while the app lives.
    """
    import io
    import mmap

    seen: set[int] = set()
    todo: list[Any] = [writer]
    while todo:
        item = todo.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, (io.IOBase, mmap.mmap)):
            with suppress(Exception):
                item.close()
        elif isinstance(item, (list, tuple, set)):
            todo.extend(item)
        elif isinstance(item, dict):
            todo.extend(item.values())
        elif type(item).__module__.startswith("whoosh.") and hasattr(item, "__dict__"):
            if type(item).__name__ in ("Schema", "FileStorage", "FileIndex"):
                continue  # nothing of the failed write, and the searcher's storage is shared
            todo.extend(vars(item).values())
