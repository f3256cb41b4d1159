"""One open corpus with its index: the facade the CLI, the app and the exporter share.

Everything is computed on first use and cached, so a quick `briefing search`
never extracts quotes and the app's first frame never waits for Whoosh.
Thread-safe enough for the app: its workers call into one Workspace.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from briefing import corpus as corpus_mod
from briefing import locations
from briefing.hygiene import printable
from briefing.models import (
    Comparison,
    Figure,
    FigureGroup,
    LoadResult,
    LoadWarning,
    Quote,
    SearchResult,
    Source,
    SourceEntry,
    SourceRecord,
    Speaker,
)

if TYPE_CHECKING:
    from briefing.snapshot import Store
    from briefing.sync import Scan

CORPUS_ENV = "BRIEFING_CORPUS"
T = TypeVar("T")


def default_corpus_dir() -> Path:
    env = os.environ.get(CORPUS_ENV)
    return Path(env).expanduser() if env else locations.seeds_dir()


class Records(Protocol):
    """Single sources with their quotes and figures, for a reader that opens one at a time."""

    def get(self, source_id: str) -> SourceRecord: ...  # KeyError if there is none

    def quotes(self) -> list[Quote]: ...  # every quote of the corpus

    def shared(self) -> dict[tuple[str, int, int], int]: ...  # quote -> sources quoting it, where more than one


class MemoryRecords:
    """Records already in memory: a corpus without a snapshot yet (the first run, a read-only index)."""

    def __init__(self, records: dict[str, SourceRecord]) -> None:
        self._records = records

    def get(self, source_id: str) -> SourceRecord:
        return self._records[source_id]

    def quotes(self) -> list[Quote]:
        return [q for r in self._records.values() for q in r.quotes]

    def shared(self) -> dict[tuple[str, int, int], int]:
        return {
            (q.source, q.start, q.end): n
            for r in self._records.values() for q, n in zip(r.quotes, r.quoted_in, strict=False) if n > 1
        }


class StoredRecords:
    """Records read from the snapshot file when asked for (see `briefing.snapshot.Store`).

    A piece found damaged makes the Workspace forget the snapshot and compute the answer again.
    """

    def __init__(self, store: Store, workspace: Workspace) -> None:
        self._store = store
        self._workspace = workspace

    def get(self, source_id: str) -> SourceRecord:
        try:
            record = self._store.record(source_id)
        except Exception as exc:
            self._workspace.drop_if_damaged(self._store, exc)
            return self._workspace.record(source_id)
        if record is None:
            raise KeyError(source_id)
        return record

    def quotes(self) -> list[Quote]:
        try:
            return self._store.quotes()
        except Exception as exc:
            self._workspace.drop_if_damaged(self._store, exc)
            return self._workspace.quotes()

    def shared(self) -> dict[tuple[str, int, int], int]:
        try:
            return self._store.shared()
        except Exception as exc:
            self._workspace.drop_if_damaged(self._store, exc)
            return self._workspace.records().shared()


def _recomputed_if_damaged(method: Callable[..., T]) -> Callable[..., T]:
    """Run a Workspace method once more, without the snapshot, if the snapshot turned out damaged.

    A corrupt cache is never worse than a missing one: the second run reads the corpus.
    """

    @functools.wraps(method)
    def run(self: Workspace, *args, **kwargs) -> T:
        store = self._store
        try:
            return method(self, *args, **kwargs)
        except Exception as exc:
            self.drop_if_damaged(store or self._store, exc)
            return method(self, *args, **kwargs)

    return run


class Cancelled(Exception):
    """Long work given up because the Workspace is being left (the app is quitting)."""


def _duplicates_by_source(comparison: Comparison | None) -> dict[str, list[str]]:
    """Each source's near-duplicates, both ways."""
    duplicates: dict[str, list[str]] = {}
    for dup in comparison.duplicates if comparison else ():
        duplicates.setdefault(dup.a, []).append(dup.b)
        duplicates.setdefault(dup.b, []).append(dup.a)
    return duplicates


class Workspace:
    def __init__(self, corpus_dir: Path, index_dir: Path) -> None:
        self.corpus_dir = corpus_dir
        self.index_dir = index_dir
        self._lock = threading.RLock()
        self._leaving = threading.Event()  # see cancel()
        self._index = None
        # What is held in memory: everything, once asked for as a whole (the CLI, the exporter)...
        self._load: LoadResult | None = None
        self._figures: dict[str, tuple[Figure, ...]] = {}  # by source
        self._quotes: list[Quote] | None = None
        self._grouped: tuple[list[Quote], dict[str, list[Quote]]] | None = None  # the quotes above, by source
        self._shared: tuple[Comparison, dict[tuple[str, int, int], int]] | None = None  # of the comparison below
        # ... and what is small enough to hold always.
        self._speakers: list[Speaker] | None = None
        self._speaker_warnings: list[LoadWarning] = []
        self._comparison: Comparison | None = None
        # The snapshot file for this corpus state, from which the rest is read one source at a time.
        self._store: Store | None = None
        self._store_tried = False
        self._snapshot_key: str | None = None  # the corpus state the results above belong to
        self.last_sync = None

    @classmethod
    def open(cls, corpus_dir: Path | None = None, index_dir: Path | None = None) -> Workspace:
        """Check the corpus folder (raises `CorpusError`) and choose the index folder."""
        corpus_dir = corpus_mod.check_corpus_dir(Path(corpus_dir) if corpus_dir else default_corpus_dir())
        index_dir = Path(index_dir).expanduser() if index_dir else locations.default_index_dir(corpus_dir)
        return cls(corpus_dir, index_dir.absolute())

    @property
    def name(self) -> str:
        """The corpus folder's name as shown and written (its bytes may not be UTF-8)."""
        return printable(self.corpus_dir.name)

    # the corpus

    @_recomputed_if_damaged
    def load(self) -> LoadResult:
        """Every source in memory: from the snapshot when there is one, else from the files."""
        with self._lock:
            if self._load is None:
                store = self._current_store()
                if store is not None:
                    self._take_all(store)
                else:
                    self._load = corpus_mod.load_corpus(self.corpus_dir)
            return self._load

    def _current_store(self) -> Store | None:
        """The snapshot of this corpus state, opened on first call; None if there is none."""
        if not self._store_tried:
            self._store_tried = True
            from briefing import snapshot

            key = snapshot.corpus_key(self.corpus_dir)  # before reading: a later change shows
            if self._snapshot_key is None:
                self._snapshot_key = key
            store = snapshot.load(self.index_dir, key)
            if store is not None and key == self._snapshot_key:
                self._adopt(store)
        return self._store

    def drop_if_damaged(self, store: Store | None, exc: Exception) -> None:
        """Forget (and delete) `store` if `exc` says it is damaged; re-raise `exc` otherwise."""
        from briefing import snapshot

        if store is None or not isinstance(exc, snapshot.SnapshotDamaged):
            raise exc
        with self._lock:
            if self._store is store:
                self._store, self._store_tried = None, True
            snapshot.discard(self.index_dir, store)

    def _adopt(self, store: Store) -> None:
        """Take a snapshot's cross-source results; an older store is left to whoever still reads it."""
        catalog = store.catalog
        self._store = store
        self._speakers = catalog.speakers
        self._speaker_warnings = list(catalog.speaker_warnings)

    def _take_all(self, store: Store) -> None:
        import gc

        collecting = gc.isenabled()
        gc.disable()  # tens of thousands of new objects: collection after collection otherwise
        try:
            records = list(store.records())
        finally:
            if collecting:
                gc.enable()
        self._load = LoadResult([r.source for r in records], list(store.catalog.warnings))
        self._figures.update((r.source.id, r.figures) for r in records)
        self._quotes = store.quotes()

    def _state_key(self, scanned: Scan) -> str | None:
        """The snapshot key for what was just read, or None if a file changed since (no snapshot then).

        Taken after a sync (not before it, which would cost every unchanged run a second scan), and
        checked against the stamps the sync took before reading, by the rule the index uses.
        """
        from briefing import file_stamp, snapshot

        key, seen = snapshot.corpus_state(self.corpus_dir)
        if len(seen) != len(scanned.entries) or scanned.unsettled:
            return None
        for entry in scanned.entries:
            if seen.get(entry.relpath) != file_stamp.stamp(entry) or file_stamp.racy(entry, scanned.settled_ns):
                return None
        return key

    def _save_snapshot(self) -> None:
        """Write what is in memory for the next run, and read it back from there from now on."""
        from briefing import snapshot

        with self._lock:
            if self._load is None or self._quotes is None or self._snapshot_key is None:
                return
            catalog = snapshot.Catalog(
                self._snapshot_key, self._entries_in_memory(), list(self._load.warnings),
                list(self._speakers or []), list(self._speaker_warnings),
            )
            records = [self._in_memory(s) for s in self._load.sources]
            if snapshot.save(self.index_dir, catalog, records, self._quotes, self._comparison):
                store = snapshot.load(self.index_dir, self._snapshot_key)
                if store is not None:
                    self._adopt(store)

    def cancel(self) -> None:
        """Make a comparison running in another thread stop at its next source, raising `Cancelled`.

        Called without the lock, which that thread holds. A quitting app waits for its worker
        threads: 40 s at 22,250 articles while the first opening compared them.
        """
        self._leaving.set()

    def extractions_cached(self) -> bool:
        """True when the snapshot holds every source with its quotes and figures, compared or not yet."""
        with self._lock:
            return self._current_store() is not None

    def results_cached(self) -> bool:
        """True when the snapshot holds every result for this corpus state: nothing to compute."""
        with self._lock:
            store = self._current_store()
            return store is not None and store.catalog.compared

    def release(self) -> None:
        """Forget the texts and extractions held in memory when the snapshot can give them back.

        The app calls this once its view is built: from then on it reads a source when it
        is opened, and a corpus of 22,000 articles costs it tens of MB, not hundreds.
        """
        with self._lock:
            store = self._store
            if store is not None and store.key == self._snapshot_key:
                self._load, self._quotes, self._figures, self._grouped = None, None, {}, None
                self.__dict__.pop("_by_id", None)
                if store.catalog.compared:
                    self._comparison, self._shared = None, None

    @property
    def sources(self) -> list[Source]:
        return self.load().sources

    @cached_property
    def _by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    @_recomputed_if_damaged
    def source(self, source_id: str) -> Source:
        """The source with this id; KeyError if there is none."""
        with self._lock:
            if self._load is None and self._current_store() is not None:
                return self.record(source_id).source
            return self._by_id[source_id]

    def entries(self) -> list[SourceEntry]:
        """What a list of the sources shows, without reading their texts when a snapshot has it."""
        with self._lock:
            store = self._current_store()
            if store is not None:
                return list(store.catalog.entries)
            return self._entries_in_memory()

    def _entries_in_memory(self) -> list[SourceEntry]:
        from briefing.figure_summary import key_figures

        by_source = self._quotes_by_source()
        duplicates = _duplicates_by_source(self._comparison)
        return [
            SourceEntry(s.id, s.title, s.date, s.outlet, len(by_source.get(s.id, ())),
                        len(key_figures(self._figures_of(s.id))), tuple(duplicates.get(s.id, ())))
            for s in self.sources
        ]

    @_recomputed_if_damaged
    def record(self, source_id: str) -> SourceRecord:
        """One source with its quotes and figures; KeyError if there is none."""
        with self._lock:
            store = self._current_store() if self._load is None else None
            if store is not None:
                return StoredRecords(store, self).get(source_id)
            return self._in_memory(self._by_id[source_id])

    def records(self) -> Records:
        """A reader of single sources that other threads can use while this workspace is busy."""
        with self._lock:
            store = self._current_store()
            if store is not None:
                return StoredRecords(store, self)
            self.quotes()
            return MemoryRecords({s.id: self._in_memory(s) for s in self.sources})

    def _in_memory(self, source: Source) -> SourceRecord:
        quotes = tuple(self._quotes_by_source().get(source.id, ()))
        quoted_in: tuple[int, ...] = ()
        if self._comparison is not None:
            shared = self._shared_counts(self._comparison)
            quoted_in = tuple(shared.get((q.source, q.start, q.end), 1) for q in quotes)
        return SourceRecord(source, quotes, self._figures_of(source.id), quoted_in)

    def _shared_counts(self, comparison: Comparison) -> dict[tuple[str, int, int], int]:
        if self._shared is None or self._shared[0] is not comparison:
            self._shared = (comparison, comparison.quoted_in())
        return self._shared[1]

    def _quotes_by_source(self) -> dict[str, list[Quote]]:
        quotes = self.quotes()
        if self._grouped is None or self._grouped[0] is not quotes:
            by_source: dict[str, list[Quote]] = {}
            for quote in quotes:
                by_source.setdefault(quote.source, []).append(quote)
            for group in by_source.values():
                group.sort(key=lambda q: q.start)
            self._grouped = (quotes, by_source)
        return self._grouped[1]

    @property
    def warnings(self) -> list[LoadWarning]:
        return self.file_warnings() + self._speaker_warnings

    def file_warnings(self) -> list[LoadWarning]:
        """The files skipped or read with a caveat (not the speakers file's problems)."""
        with self._lock:
            store = self._current_store()
            return list(store.catalog.warnings if store is not None else self.load().warnings)

    # extraction

    @_recomputed_if_damaged
    def quotes(self, source_id: str | None = None) -> list[Quote]:
        """Quotes with canonical speakers, in source order then text order."""
        with self._lock:
            if self._quotes is None:
                store = self._current_store() if self._load is None else None
                if store is not None and source_id is not None:
                    return list(store.record(source_id).quotes) if source_id in store.catalog.records else []
                if store is not None:
                    self._quotes = store.quotes()  # the texts stay in the file
                else:
                    from briefing.quotes import extract_quotes

                    raw = [q for s in self.sources for q in extract_quotes(s)]
                    self._quotes = self._resolve(self.sources, raw)
                    self._save_snapshot()
            quotes = self._quotes
        return quotes if source_id is None else [q for q in quotes if q.source == source_id]

    def _resolve(self, sources: list[Source], quotes: list[Quote]) -> list[Quote]:
        from briefing.speakers import resolve_speakers

        overrides = self.corpus_dir / corpus_mod.SPEAKERS_FILE
        resolution = resolve_speakers(sources, quotes, overrides if overrides.is_file() else None)
        with self._lock:
            self._speakers = resolution.speakers
            self._speaker_warnings = list(resolution.warnings)
        return list(resolution.quotes)

    def speakers(self) -> list[Speaker]:
        with self._lock:
            if self._speakers is None and self._load is None:
                self._current_store()  # its catalog names them
            if self._speakers is None:
                self.quotes()
            return list(self._speakers or [])

    def find_speaker(self, name: str) -> Speaker | None:
        """The speaker a user means by `name`: exact name or alias first, then the closest fuzzy match."""
        from rapidfuzz import fuzz, process, utils

        speakers = self.speakers()
        wanted = " ".join(name.lower().split())
        for speaker in speakers:
            if wanted in (x.lower() for x in (speaker.name, *speaker.aliases)):
                return speaker
        choices = {i: " ".join((s.name, *s.aliases)) for i, s in enumerate(speakers)}
        best = process.extractOne(name, choices, scorer=fuzz.partial_token_set_ratio, processor=utils.default_process)
        return speakers[best[2]] if best and best[1] >= 80 else None

    @_recomputed_if_damaged
    def figures(self, source_id: str | None = None) -> list[Figure]:
        if source_id is not None:
            return list(self._figures_of(source_id))
        return [f for s in self.sources for f in self._figures_of(s.id)]

    def _figures_of(self, source_id: str) -> tuple[Figure, ...]:
        with self._lock:
            if source_id not in self._figures:
                if self._load is None and self._current_store() is not None:
                    return self.record(source_id).figures  # not kept: the snapshot is the cache
                from briefing.figures import extract_figures

                self._figures[source_id] = tuple(extract_figures(self._by_id[source_id]))
            return self._figures[source_id]

    def key_figures(self, source_id: str | None = None, limit: int | None = None) -> list[Figure]:
        from briefing.figure_summary import key_figures

        return key_figures(self.figures(source_id), limit)

    @_recomputed_if_damaged
    def comparison(self) -> Comparison:
        with self._lock:
            store = self._current_store()
            if self._comparison is None and store is not None:
                self._comparison = store.comparison()
            if self._comparison is None and store is not None and self._load is None:
                self._comparison = self._compare_stored(store)
            if self._comparison is None:
                from briefing.analysis import compare

                self._comparison = compare(self.sources, self.quotes(), self.figures())
                self._save_snapshot()
            return self._comparison

    def _compare_stored(self, store: Store) -> Comparison:
        """Compare the snapshot's sources one record at a time, and write it again with the results.

        The first opening of the app after `briefing index` lands here: reading every text and
        extraction into memory to compare them was 250 MB of a 450 MB peak at 22,000 articles.
        """
        from dataclasses import replace

        from briefing import snapshot
        from briefing.analysis import compare_records

        def read(ids: Iterable[str]) -> Iterator[SourceRecord]:
            for source_id in ids:
                if self._leaving.is_set():
                    raise Cancelled("comparing the sources was cancelled")
                yield store.record(source_id)  # type: ignore[misc]

        ids = list(store.catalog.records)
        comparison = compare_records(ids, read)
        shared = comparison.quoted_in()
        duplicates = _duplicates_by_source(comparison)
        old = store.catalog
        catalog = snapshot.Catalog(
            old.key, [replace(e, duplicates=tuple(duplicates.get(e.id, ()))) for e in old.entries],
            list(old.warnings), list(old.speakers), list(old.speaker_warnings),
        )
        records = (
            replace(r, quoted_in=tuple(shared.get((q.source, q.start, q.end), 1) for q in r.quotes))
            for r in read(ids)
        )
        if snapshot.save(self.index_dir, catalog, records, store.chunks(old.quotes), comparison):
            saved = snapshot.load(self.index_dir, old.key)
            if saved is not None:
                self._adopt(saved)
        return comparison

    @_recomputed_if_damaged
    def disputes(self) -> list[FigureGroup]:
        """The comparison's disputed figures, without reading the rest of it when a snapshot has them."""
        with self._lock:
            store = self._current_store()
            if self._comparison is None and store is not None and store.catalog.compared:
                return list(store.catalog.disputes)
            return self.comparison().disputes

    # the index

    def index(self):
        """The open search index (raises `IndexProblem`). Once open, given without the Workspace's
        lock (the index has its own): a search must not wait for a comparison holding it."""
        index = self._index
        if index is not None:
            return index
        with self._lock:
            if self._index is None:
                from briefing.index import SearchIndex

                self._index = SearchIndex(self.index_dir).open()
            return self._index

    def sync_index(self, progress: Callable[[int, int, str], None] | None = None, *, rebuild: bool = False):
        """Bring the index up to date; returns a `SyncReport`. Cheap when nothing changed."""
        from briefing.index import IndexDamaged, SearchIndex
        from briefing.sync import sync

        with self._lock:
            if rebuild:
                if self._index is not None:
                    self._index.close()
                self._index = SearchIndex(self.index_dir).open(rebuild=True)
            try:
                report, synced = sync(self.index(), self.corpus_dir, progress=progress, resolve=self._resolve)
            except IndexDamaged as exc:  # found damaged mid-read: the corpus has everything to rebuild
                self._index.close()
                self._index = SearchIndex(self.index_dir).open(rebuild=True)
                self._index.notices.append(f"{exc}; rebuilt from the corpus")
                report, synced = sync(self._index, self.corpus_dir, progress=progress, resolve=self._resolve)
            if synced is not None:
                self._load = synced.load
                self._store, self._store_tried = None, True  # of the state before
                self.__dict__.pop("_by_id", None)
                # every current source's figures; none of a source that was removed
                self._figures = {sid: e.figures for sid, e in synced.extractions.items()}
                self._quotes = synced.quotes
                self._comparison = None
                self._snapshot_key = self._state_key(synced.scanned)
                self._save_snapshot()
            self.last_sync = report
            return report

    def search(
        self, query: str, *, limit: int = 20, kind: str = "auto", highlight: bool = True, sync: bool = True
    ) -> SearchResult:
        """Search the index, syncing it first so results are never stale (`sync=False`: as it is)."""
        from briefing.index import IndexDamaged

        if sync and self.last_sync is None:
            self.sync_index()
        try:
            result = self.index().search(query, kind=kind, limit=limit, highlight=highlight)
        except IndexDamaged:
            self.sync_index(rebuild=True)
            result = self.index().search(query, kind=kind, limit=limit, highlight=highlight)
        # The scan only when the index is empty: on 2,225 files it cost more than the search.
        if not result.hits and self.index().doc_count() == 0:
            if not corpus_mod.scan(self.corpus_dir):
                # Say why nothing was found when the reason is the folder, not the query.
                from briefing.query_text import _join_notes

                result.note = _join_notes(
                    result.note,  # the kinds the loader reads: web pages came with `briefing add`
                    f"no articles ({', '.join(corpus_mod.ARTICLE_SUFFIXES)}) in {printable(str(self.corpus_dir))}",
                )
            elif self.index().being_written():  # built anew by another process: not "nothing found"
                from briefing.index import IndexBusy

                raise IndexBusy(
                    f"the index in {printable(str(self.index_dir))} is being built by another briefing; "
                    "try again when it finishes"
                )
        return result

    def close(self) -> None:
        with self._lock:
            if self._index is not None:
                self._index.close()
