"""Where the index lives: Whoosh imported lazily, the schema, the storage, the folder and its locks.

Split from `briefing.index` (the searcher) and `briefing.index_writing` (the commits): the lock
timeout is read here at call time, so tests set `index_storage.LOCK_TIMEOUT_SECONDS`.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from briefing.hygiene import printable
from briefing.index_folder import MARKER_NAME, IndexProblem
from briefing.lock_wait import acquired_within

LOCK_TIMEOUT_SECONDS = float(os.environ.get("BRIEFING_LOCK_TIMEOUT", "10"))


class IndexBusy(IndexProblem):
    """Another process holds the write lock past our timeout."""


class IndexDamaged(IndexProblem):
    """Whoosh failed reading its own files: the index must be rebuilt from the corpus."""


# --- Whoosh, lazily -----------------------------------------------------------------------------


@functools.cache
def _import_whoosh() -> None:
    """Import Whoosh's core without three modules it never uses here.

    `whoosh.compat` imports `urllib.request` (for a `urlretrieve` nothing calls) and
    `whoosh.reading` the `cached_property` package, which imports asyncio: together a
    third of `briefing search` on the seeds. `whoosh.query.terms` imports the English
    morphology tables (13 ms) for a query class our parser never builds. Stand-ins serve
    those imports only, and are taken out of `sys.modules` again so that any later import
    gets the real modules; the functions they hold import the real ones when called.
    """
    import types

    def urlretrieve(*args: Any, **kwargs: Any) -> Any:
        from urllib.request import urlretrieve as real

        return real(*args, **kwargs)

    def variations(word: str) -> Any:
        from whoosh.lang.morph_en import variations as real

        return real(word)

    stand_ins = {}
    if "urllib.request" not in sys.modules:
        stand_ins["urllib.request"] = types.ModuleType("urllib.request")
        stand_ins["urllib.request"].urlretrieve = urlretrieve
    if "whoosh.lang.morph_en" not in sys.modules:
        stand_ins["whoosh.lang.morph_en"] = types.ModuleType("whoosh.lang.morph_en")
        stand_ins["whoosh.lang.morph_en"].variations = variations
    if "cached_property" not in sys.modules:
        stand_ins["cached_property"] = types.ModuleType("cached_property")
        stand_ins["cached_property"].cached_property = functools.cached_property
    sys.modules.update(stand_ins)
    try:
        import whoosh.compat
        import whoosh.query.terms
        import whoosh.reading  # noqa: F401
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


def _analyzer():
    _import_whoosh()
    from whoosh.analysis import StemmingAnalyzer

    # No stop list: news depends on short words (US, UK, EU, IT, may, will), and dropping
    # words from phrase queries breaks them ("one in, one out").
    return StemmingAnalyzer(stoplist=None, minsize=1)


def _schema():
    from whoosh import fields

    analyzer = _analyzer()
    return fields.Schema(
        # Stored, not indexed: nothing looks a document up by its id (sources are found by `source`),
        # and as a term it was one posting list per quote, a fifth of the time of committing them.
        id=fields.STORED(),
        type=fields.ID(stored=True),
        source=fields.ID(stored=True),
        path=fields.STORED(),
        title=fields.TEXT(stored=True, analyzer=analyzer, field_boost=2.0),
        body=fields.TEXT(stored=True, analyzer=analyzer, phrase=True),
        date=fields.DATETIME(stored=True),
        # Quotes carry their article's date in a field of their own: in one shared field, every
        # article date range also walked the quotes' dates (5x the postings at 22k articles).
        qdate=fields.DATETIME(stored=True),
        outlet=fields.TEXT(stored=True),
        author=fields.TEXT(stored=True),
        speaker=fields.TEXT(stored=True),
        speaker_as_written=fields.STORED(),
        speaker_kind=fields.STORED(),
        canonical=fields.STORED(),
        kind=fields.ID(stored=True),
        start=fields.STORED(),
        end=fields.STORED(),
        size=fields.STORED(),
        mtime_ns=fields.STORED(),
        hash=fields.STORED(),
        # On a document of its own per article ("extraction" type), not on the article: the
        # article can then be indexed by another process before its extraction is done.
        extraction=fields.STORED(),
    )


def _storage(path: Path, *, mmap: bool = False):
    _import_whoosh()
    from whoosh.filedb.filestore import FileStorage

    # Without mmap Whoosh reads postings on demand instead of copying them into RAM
    # (27 MB instead of 227 MB at 22k documents). Writers use mmap: a commit reads every
    # document's field lengths back, one small read each without it.
    return FileStorage(str(path), supports_mmap=mmap)


# --- The folder -------------------------------------------------------------------------------


def _clear_folder(path: Path) -> None:
    """Remove Whoosh's files from a folder we own, keeping the marker and the (held) lock file."""
    for entry in path.iterdir():
        if entry.name in (MARKER_NAME, WRITELOCK_NAME, SYNC_LOCK_NAME):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


WRITELOCK_NAME = "MAIN_WRITELOCK"  # Whoosh's own writer lock file: we take the same lock to rebuild
# Held for a whole sync (read the index, read the corpus, commit, write the manifest), so two
# processes never interleave a stale view with a newer one. Always taken before WRITELOCK_NAME.
SYNC_LOCK_NAME = "SYNC_LOCK"
_TOC = re.compile(r"_MAIN_\d+\.toc")
_TEMP_TOC = re.compile(r"_MAIN_\d+\.toc\..+")  # left by a crash between write and rename


@contextmanager
def sync_lock(path: Path) -> Iterator[None]:
    """The lock a whole sync holds; see SYNC_LOCK_NAME."""
    with _write_lock(path, _storage(path), SYNC_LOCK_NAME):
        yield


@contextmanager
def _write_lock(path: Path, storage, name: str = WRITELOCK_NAME) -> Iterator[None]:
    """Whoosh's writer lock (an flock, so a killed holder releases it), waited for up to the timeout."""
    lock = storage.lock(name)
    try:
        if not acquired_within(lambda: lock.acquire(blocking=False), LOCK_TIMEOUT_SECONDS):
            raise IndexBusy(
                f"index busy: another briefing is writing {printable(str(path))} "
                f"(waited {LOCK_TIMEOUT_SECONDS:g} s)"
            )
    except OSError as exc:
        raise IndexProblem(f"cannot write index in {printable(str(path))}: {exc.strerror or exc}") from exc
    try:
        yield
    finally:
        lock.release()


def _open_existing(storage):
    """The index in `storage` checked readable, None if there is none; raises if it is damaged."""
    from whoosh import index as windex

    has_toc = any(_TOC.fullmatch(name) for name in storage.list())
    try:
        exists = windex.exists(storage)
    except Exception:
        exists = False
    if not (has_toc or exists):
        return None
    if not exists:
        raise IndexDamaged("unreadable table of contents")
    ix = storage.open_index()
    _check_readable(ix)
    return ix


def _sweep_failed_commit(path: Path) -> None:
    """Remove what a failed commit left behind (its half-written segment, Whoosh's temp folder).

    On a full disk they would keep it full until the next successful commit. Best effort, and
    only while nobody else holds the writer lock.
    """
    from whoosh.index import TOC, clean_files

    storage = _storage(path)
    lock = storage.lock(WRITELOCK_NAME)
    try:
        if not lock.acquire(blocking=False):
            return
    except OSError:
        return
    try:
        toc = TOC.read(storage, "MAIN")
        clean_files(storage, "MAIN", toc.generation, toc.segments)
        shutil.rmtree(path / "MAIN.tmp", ignore_errors=True)
    except Exception:
        pass
    finally:
        lock.release()


def _remove_temp_tocs(path: Path) -> None:
    """Whoosh never removes a temporary table of contents a crash left; only a lock holder may."""
    for name in os.listdir(path):
        if _TEMP_TOC.fullmatch(name):
            (path / name).unlink(missing_ok=True)


def _check_readable(ix) -> None:
    """Touch every segment's last stored document and first term: truncated files fail here, not mid-search."""
    with ix.reader() as reader:
        for leaf, _ in reader.leaf_readers():
            if leaf.doc_count_all():
                leaf.stored_fields(leaf.doc_count_all() - 1)
            next(iter(leaf.all_terms()), None)
