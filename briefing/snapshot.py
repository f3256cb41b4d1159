"""What the Workspace computed for one state of the corpus, kept beside the index.

Reading 2,225 files, extracting quotes and figures, naming speakers across the corpus and
comparing sources takes tens of seconds; the snapshot file gives them back in a fraction of one,
which is what lets the app show its first frame at once on a corpus it has seen before.

The file is one record per source (its text, quotes and figures), then every quote in one
piece and the comparison, then a small catalog (what lists show, speakers, the disputed
figures, where each piece starts). The app reads the catalog and opens records one at a time, so its memory does not
grow with the corpus; the CLI reads every record in order.

The snapshot is keyed by the corpus as `stat` sees it (every article's path and stamp, by the
rule of the index's manifest: see `briefing.file_stamp`; the hashes of sources.yaml and
speakers.yaml) and by the code that computed it (the modules' sizes and mtimes), so any change
recomputes. It lives in the index folder, which is
private to the user and marked as ours (Whoosh keeps its own pickles there too); it is never
read from anywhere else, and a damaged one is set aside and recomputed.

Every piece carries a CRC-32 of its bytes, checked before they are unpickled: bytes changed in
place (size and mtime kept, so the key cannot tell) would otherwise load as a wrong text without
a murmur, or fail on every run. A damaged piece raises `SnapshotDamaged`, and the Workspace reads
the corpus again. Pickle stays (rather than JSON or msgspec) because the folder already holds
Whoosh's pickles, so a format that cannot run code would not make the folder safer to share,
while the privacy and marker checks do; and because it loads the BBC catalog in a few ms.
"""

from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import gc
import hashlib
import io
import os
import pickle
import struct
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PosixPath, PurePosixPath
from typing import BinaryIO

from briefing import corpus as corpus_mod
from briefing import models
from briefing.atomic_write import write_atomically
from briefing.file_access import read_file
from briefing.file_stamp import Stamp, stamp
from briefing.models import Comparison, FigureGroup, LoadWarning, Quote, SourceEntry, SourceRecord, Speaker

SNAPSHOT_NAME = "workspace.pickle"
FORMAT = 5
_PACKAGE = Path(__file__).resolve().parent
# The modules whose rules shape what a snapshot holds.
_CODE = (
    "corpus", "hygiene", "models", "extraction", "quotes", "speakers", "figures", "figure_summary", "analysis",
    "figure_groups", "figure_periods", "figure_words", "snapshot", "html_article",
    "figure_patterns", "figure_currencies", "figure_numbers", "figure_measure", "titles",
)  # and every stage of the quote extractor, `extract/*.py`, found as the extraction fingerprint finds them
# The file ends with where its catalog starts and the catalog's checksum: magic, offset, CRC-32.
_TRAILER = struct.Struct("<8sQI")
_MAGIC = b"BRFSNAP5"
COPY_CHUNK = 1 << 20

Span = tuple[int, int, int]  # (offset, length) in the file, and the CRC-32 of those bytes


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
    quotes: Span = (0, 0, 0)  # every quote
    shared: Span = (0, 0, 0)  # (source, start, end) -> sources quoting it, where more than one
    comparison: Span = (0, 0, 0)  # the whole Comparison (the exporter and the CLI read it)


def corpus_key(corpus_dir: Path) -> str:
    """A digest of the corpus as `stat` sees it and of the code that reads it."""
    return corpus_state(corpus_dir)[0]


def corpus_state(corpus_dir: Path) -> tuple[str, dict[str, Stamp]]:
    """The key, and each file's stamp that went into it, by path relative to the corpus."""
    digest = hashlib.sha256()
    side = []
    for name in (corpus_mod.SOURCES_FILE, corpus_mod.SPEAKERS_FILE):
        try:
            # not `read_bytes`: a FIFO there would wait for a writer forever
            side.append(hashlib.sha256(read_file(corpus_dir / name, corpus_mod.MAX_FILE_BYTES)).hexdigest())
        except OSError:
            side.append(None)
    code = []
    stages = sorted((_PACKAGE / "extract").glob("*.py"))  # a stage added later counts without a list to update
    for path in [_PACKAGE / f"{name}.py" for name in _CODE] + stages:
        name = path.relative_to(_PACKAGE).with_suffix("").as_posix()
        try:
            st = path.stat()
            code.append((name, st.st_size, st.st_mtime_ns))
        except OSError:
            code.append((name, None, None))
    digest.update(repr((FORMAT, str(corpus_dir), side, code)).encode())
    # Every file the loader would look at, and what kept it out: the key may be stricter than the
    # loader (a file it skips still counts), never looser.
    problems: list[LoadWarning] = []
    entries = corpus_mod.scan(corpus_dir, problems)
    for e in entries:
        digest.update(f"{e.relpath}\0{stamp(e)}\n".encode("utf-8", "surrogateescape"))
    for w in problems:
        digest.update(f"{w.path}\0{w.reason}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest(), {e.relpath: stamp(e) for e in entries}


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
        """A piece's bytes, checked against its checksum; raises SnapshotDamaged."""
        data = self._bytes(span[0], span[1])
        if zlib.crc32(data) != span[2]:
            raise SnapshotDamaged("a snapshot piece does not match its checksum")
        return data

    def _bytes(self, offset: int, length: int) -> bytes:
        data = os.pread(self._fh.fileno(), length, offset)
        if len(data) != length:
            raise SnapshotDamaged("snapshot file is shorter than its catalog says")
        return data

    def chunks(self, span: Span) -> Iterator[bytes]:
        """A piece as stored, a MB at a time: copied into a new snapshot without being loaded.

        The checksum is checked as the last chunk is read: a writer of these chunks must
        let SnapshotDamaged abandon what it wrote.
        """
        offset, end, crc = span[0], span[0] + span[1], 0
        while offset < end:
            chunk = self._bytes(offset, min(COPY_CHUNK, end - offset))
            crc = zlib.crc32(chunk, crc)
            offset += len(chunk)
            if offset >= end and crc != span[2]:
                raise SnapshotDamaged("a snapshot piece does not match its checksum")
            yield chunk

    def quotes(self) -> list[Quote]:
        """Every quote of the corpus (not kept here: the Workspace and the app's view keep theirs)."""
        return self._read(self.catalog.quotes)  # type: ignore[return-value]

    def shared(self) -> dict[tuple[str, int, int], int]:
        return self._read(self.catalog.shared) if self.catalog.compared else {}  # type: ignore[return-value]

    def comparison(self) -> Comparison | None:
        return self._read(self.catalog.comparison) if self.catalog.compared else None  # type: ignore[return-value]

    def fileno(self) -> int:
        return self._fh.fileno()

    def close(self) -> None:
        self._fh.close()


class SnapshotDamaged(Exception):
    """The snapshot's bytes are not what was written: recompute from the corpus."""


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
        magic, at, crc = _TRAILER.unpack(os.pread(fh.fileno(), _TRAILER.size, size - _TRAILER.size))
        if magic != _MAGIC or not 0 <= at <= size - _TRAILER.size:
            raise SnapshotDamaged("not a snapshot of this version")
        data = os.pread(fh.fileno(), size - _TRAILER.size - at, at)
        if zlib.crc32(data) != crc:
            raise SnapshotDamaged("the snapshot's catalog does not match its checksum")
        catalog = pickle.loads(data)
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


def discard(index_dir: Path, store: Store) -> None:
    """Remove the snapshot file `store` was read from, unless a newer one has replaced it."""
    path = index_dir / SNAPSHOT_NAME
    with contextlib.suppress(OSError):
        opened, current = os.fstat(store.fileno()), path.stat()
        if (opened.st_dev, opened.st_ino) == (current.st_dev, current.st_ino):
            path.unlink()


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

    table = _dispatch_table()

    def write(fh: BinaryIO) -> None:
        def put(obj: object) -> Span:
            # Each piece pickled on its own (it must load on its own), then checksummed.
            pickler = pickle.Pickler(buffer := io.BytesIO(), protocol=pickle.HIGHEST_PROTOCOL)
            pickler.dispatch_table = table
            pickler.dump(obj)
            return put_bytes([buffer.getbuffer()])

        def put_bytes(chunks: Iterable[bytes | memoryview]) -> Span:
            start, crc = fh.tell(), 0
            for chunk in chunks:
                fh.write(chunk)
                crc = zlib.crc32(chunk, crc)
            return start, fh.tell() - start, crc

        catalog.records = {r.source.id: put(r) for r in records}
        catalog.quotes = put(quotes) if isinstance(quotes, list) else put_bytes(quotes)
        catalog.compared = comparison is not None
        if comparison is not None:
            catalog.disputes = comparison.disputes
            catalog.shared = put(comparison.quoted_in())
            catalog.comparison = put(comparison)
        at, _, crc = put(catalog)
        fh.write(_TRAILER.pack(_MAGIC, at, crc))

    try:  # a cache, rebuilt if lost: not synced to disk
        write_atomically(index_dir / SNAPSHOT_NAME, write, durable=False)
    except (OSError, pickle.PicklingError, SnapshotDamaged):  # the last: a damaged piece being copied
        return False
    return True
