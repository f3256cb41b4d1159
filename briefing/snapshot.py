"""What the Workspace computed for one state of the corpus, kept beside the index.

Reading 2,225 files, extracting quotes and figures, naming speakers across the corpus and
comparing sources takes tens of seconds; the snapshot file gives them back in a fraction of one,
which is what lets the app show its first frame at once on a corpus it has seen before.

The file is one record per source (its text, quotes and figures), then every quote in one
piece and the comparison, then a small catalog (what lists show, speakers, the disputed
figures, where each piece starts). The app reads the catalog and opens records one at a time, so its memory does not
grow with the corpus; the CLI reads every record in order.

The snapshot is keyed by the corpus as `stat` sees it (every article's path, size, mtime and
ctime, the hashes of sources.yaml and speakers.yaml) and by the code that computed it (the
modules' sizes and mtimes), so any change recomputes. It lives in the index folder, which is
private to the user and marked as ours (Whoosh keeps its own pickles there too); it is never
read from anywhere else, and a damaged one is set aside and recomputed.
"""

from __future__ import annotations

import copyreg
import dataclasses
import gc
import hashlib
import os
import pickle
import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PosixPath, PurePosixPath
from typing import BinaryIO

from briefing import corpus as corpus_mod
from briefing import models
from briefing.atomic_write import write_atomically
from briefing.file_access import read_file
from briefing.models import Comparison, FigureGroup, LoadWarning, Quote, SourceEntry, SourceRecord, Speaker

SNAPSHOT_NAME = "workspace.pickle"
FORMAT = 4
_PACKAGE = Path(__file__).resolve().parent
# The modules whose rules shape what a snapshot holds.
_CODE = (
    "corpus", "hygiene", "models", "extraction", "quotes", "speakers", "figures", "figure_summary", "analysis",
    "figure_groups", "figure_periods", "figure_words", "snapshot", "html_article",
    "figure_patterns", "figure_currencies", "figure_numbers", "figure_measure",
    "extract/sentences", "extract/mentions", "extract/cues", "extract/titles", "extract/patterns",
    "extract/spans", "extract/attribution", "extract/coreference", "titles",
)
# The file ends with where its catalog starts: magic, offset.
_TRAILER = struct.Struct("<8sQ")
_MAGIC = b"BRFSNAP4"
COPY_CHUNK = 1 << 20

Span = tuple[int, int]  # (offset, length) in the file


@dataclass(slots=True)
class Catalog:
    """The part of a snapshot read at once; records and quotes are read when asked for."""

    key: str
    entries: list[SourceEntry] = field(default_factory=list)
    warnings: list[LoadWarning] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    speaker_warnings: list[LoadWarning] = field(default_factory=list)
    compared: bool = False  # the comparison below was computed
    disputes: list[FigureGroup] = field(default_factory=list)  # of the comparison: the app shows these at once
    records: dict[str, Span] = field(default_factory=dict)  # by source id, in source order
    quotes: Span = (0, 0)  # every quote
    shared: Span = (0, 0)  # (source, start, end) -> sources quoting it, where more than one
    comparison: Span = (0, 0)  # the whole Comparison (the exporter and the CLI read it)


def corpus_key(corpus_dir: Path) -> str:
    """A digest of the corpus as `stat` sees it and of the code that reads it."""
    return corpus_state(corpus_dir)[0]


def corpus_state(corpus_dir: Path) -> tuple[str, dict[str, tuple[int, int]]]:
    """The key, and each file's (size, mtime) that went into it, by path relative to the corpus."""
    digest = hashlib.sha256()
    side = []
    for name in (corpus_mod.SOURCES_FILE, corpus_mod.SPEAKERS_FILE):
        try:
            # not `read_bytes`: a FIFO there would wait for a writer forever
            side.append(hashlib.sha256(read_file(corpus_dir / name, corpus_mod.MAX_FILE_BYTES)).hexdigest())
        except OSError:
            side.append(None)
    code = []
    for name in _CODE:
        try:
            st = (_PACKAGE / f"{name}.py").stat()
            code.append((name, st.st_size, st.st_mtime_ns))
        except OSError:
            code.append((name, None, None))
    digest.update(repr((FORMAT, str(corpus_dir), side, code)).encode())
    # Every file the loader would look at, and what kept it out: the key may be stricter than the
    # loader (a file it skips still counts), never looser.
    problems: list[LoadWarning] = []
    entries = corpus_mod.scan(corpus_dir, problems)
    for e in entries:
        digest.update(f"{e.relpath}\0{e.size}\0{e.mtime_ns}\0{e.ctime_ns}\n".encode("utf-8", "surrogateescape"))
    for w in problems:
        digest.update(f"{w.path}\0{w.reason}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest(), {e.relpath: (e.size, e.mtime_ns) for e in entries}


def _reducer(cls: type):
    names = tuple(f.name for f in dataclasses.fields(cls))
    return lambda obj: (cls, tuple(getattr(obj, name) for name in names))


def _dispatch_table() -> dict:
    """Records pickled as their constructor's arguments.

    Pickle's default for a slotted dataclass calls `dataclasses.fields()` once per object while
    loading: two thirds of the load time (0.9 s for the BBC corpus); the constructor is cheap.
    """
    table = copyreg.dispatch_table.copy()
    classes = [getattr(models, name) for name in dir(models)]
    classes += [Catalog]
    for cls in classes:
        if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__.startswith("briefing."):
            if all(f.init for f in dataclasses.fields(cls)):
                table[cls] = _reducer(cls)
    for cls in (PosixPath, PurePosixPath):
        table[cls] = lambda p: (Path, (str(p),))
    return table


def _ours(index_dir: Path) -> bool:
    """Only a folder that passes the index's own privacy and marker checks holds a snapshot we read."""
    from briefing.index_folder import IndexProblem, prepare_folder

    if not index_dir.is_dir():
        return False
    try:
        prepare_folder(index_dir)
    except IndexProblem:
        return False
    return True


class Store:
    """An open snapshot: the catalog in memory, a source's record read from the file when asked.

    Reads go through the file opened at load, so a snapshot replaced meanwhile (a re-sync
    writes a new one) never mixes with this one. Safe to share between threads.
    """

    def __init__(self, fh, catalog: Catalog) -> None:
        self._fh = fh
        self.catalog = catalog

    @property
    def key(self) -> str:
        return self.catalog.key

    def _read(self, span: Span) -> object:
        return pickle.loads(self.piece(span))

    def record(self, source_id: str) -> SourceRecord | None:
        span = self.catalog.records.get(source_id)
        return None if span is None else self._read(span)  # type: ignore[return-value]

    def records(self) -> Iterator[SourceRecord]:
        """Every record, in source order (one pass over the file)."""
        for span in self.catalog.records.values():
            yield self._read(span)  # type: ignore[misc]

    def piece(self, span: Span) -> bytes:
        data = os.pread(self._fh.fileno(), span[1], span[0])
        if len(data) != span[1]:
            raise SnapshotDamaged("snapshot file is shorter than its catalog says")
        return data

    def chunks(self, span: Span) -> Iterator[bytes]:
        """A piece as stored, a MB at a time: copied into a new snapshot without being loaded."""
        offset, end = span[0], span[0] + span[1]
        while offset < end:
            chunk = self.piece((offset, min(COPY_CHUNK, end - offset)))
            offset += len(chunk)
            yield chunk

    def quotes(self) -> list[Quote]:
        """Every quote of the corpus (not kept here: the Workspace and the app's view keep theirs)."""
        return self._read(self.catalog.quotes)  # type: ignore[return-value]

    def shared(self) -> dict[tuple[str, int, int], int]:
        return self._read(self.catalog.shared) if self.catalog.compared else {}  # type: ignore[return-value]

    def comparison(self) -> Comparison | None:
        return self._read(self.catalog.comparison) if self.catalog.compared else None  # type: ignore[return-value]

    def close(self) -> None:
        self._fh.close()


class SnapshotDamaged(Exception):
    pass


def load(index_dir: Path, key: str) -> Store | None:
    """The snapshot for `key`, or None (absent, stale, damaged, or in a folder that is not ours)."""
    path = index_dir / SNAPSHOT_NAME
    if not path.is_file() or not _ours(index_dir):
        return None
    collecting = gc.isenabled()
    fh = None
    try:
        gc.disable()  # thousands of new objects set off collection after collection: half the load time
        fh = open(path, "rb")  # noqa: SIM115 - the Store keeps it open for its reads
        size = os.fstat(fh.fileno()).st_size
        magic, at = _TRAILER.unpack(os.pread(fh.fileno(), _TRAILER.size, size - _TRAILER.size))
        if magic != _MAGIC or not 0 <= at < size:
            raise SnapshotDamaged("not a snapshot of this version")
        fh.seek(at)
        catalog = pickle.load(fh)
        if not isinstance(catalog, Catalog):
            raise SnapshotDamaged("not a snapshot catalog")
    except Exception:  # truncated, another version of the classes: recompute
        if fh is not None:
            fh.close()
        path.unlink(missing_ok=True)
        return None
    finally:
        if collecting:
            gc.enable()
    if catalog.key != key:
        fh.close()
        return None
    return Store(fh, catalog)


def save(
    index_dir: Path, catalog: Catalog, records: Iterable[SourceRecord], quotes: list[Quote] | Iterator[bytes],
    comparison: Comparison | None,
) -> bool:
    """Write atomically; False (and nothing written) if the folder is not ours or not writable.

    `records` are written as they come, and `quotes` may be the piece another snapshot stored
    (`Store.chunks`), so rewriting a large snapshot never holds it all. The catalog's spans and
    what it says of the comparison are filled in here.
    """
    if not _ours(index_dir):
        return False

    def write(fh: BinaryIO) -> None:
        pickler = pickle.Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = _dispatch_table()

        def put(obj: object) -> Span:
            start = fh.tell()
            pickler.dump(obj)
            pickler.clear_memo()  # each piece must load on its own
            return start, fh.tell() - start

        catalog.records = {r.source.id: put(r) for r in records}
        if isinstance(quotes, list):
            catalog.quotes = put(quotes)
        else:
            start = fh.tell()
            for chunk in quotes:
                fh.write(chunk)
            catalog.quotes = start, fh.tell() - start
        catalog.compared = comparison is not None
        if comparison is not None:
            catalog.disputes = comparison.disputes
            catalog.shared = put(comparison.quoted_in())
            catalog.comparison = put(comparison)
        at = fh.tell()
        pickler.dump(catalog)
        fh.write(_TRAILER.pack(_MAGIC, at))

    try:  # a cache, rebuilt if lost: not synced to disk
        write_atomically(index_dir / SNAPSHOT_NAME, write, durable=False)
    except (OSError, pickle.PicklingError):
        return False
    return True
