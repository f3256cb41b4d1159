"""What the Workspace computed for one state of the corpus, kept beside the index.

Reading 2,225 files, extracting quotes and figures, naming speakers across the corpus and
comparing sources takes tens of seconds; a pickle of the results loads in a fraction of one,
which is what lets the app show its first frame at once on a corpus it has seen before.

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
from dataclasses import dataclass, field
from pathlib import Path, PosixPath, PurePosixPath

from briefing import corpus as corpus_mod
from briefing import models
from briefing.models import Comparison, Figure, LoadResult, LoadWarning, Quote, Speaker

SNAPSHOT_NAME = "workspace.pickle"
FORMAT = 3
_PACKAGE = Path(__file__).resolve().parent
# The modules whose rules shape what a snapshot holds.
_CODE = ("corpus", "hygiene", "models", "extraction", "quotes", "speakers", "figures", "analysis", "snapshot")


@dataclass(slots=True)
class Snapshot:
    key: str
    load: LoadResult
    # Figures by source; quotes only as resolved below (a second, unresolved copy was a quarter of the load)
    figures: dict[str, tuple[Figure, ...]] = field(default_factory=dict)
    quotes: list[Quote] | None = None
    speakers: list[Speaker] | None = None
    speaker_warnings: list[LoadWarning] = field(default_factory=list)
    comparison: Comparison | None = None


def corpus_key(corpus_dir: Path) -> str:
    """A digest of the corpus as `stat` sees it and of the code that reads it."""
    return corpus_state(corpus_dir)[0]


def corpus_state(corpus_dir: Path) -> tuple[str, dict[str, tuple[int, int]]]:
    """The key, and each file's (size, mtime) that went into it, by path relative to the corpus."""
    digest = hashlib.sha256()
    side = []
    for name in (corpus_mod.SOURCES_FILE, corpus_mod.SPEAKERS_FILE):
        try:
            side.append(hashlib.sha256((corpus_dir / name).read_bytes()).hexdigest())
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
    classes += [Snapshot]
    for cls in classes:
        if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__.startswith("briefing."):
            if all(f.init for f in dataclasses.fields(cls)):
                table[cls] = _reducer(cls)
    for cls in (PosixPath, PurePosixPath):
        table[cls] = lambda p: (Path, (str(p),))
    return table


def _ours(index_dir: Path) -> bool:
    """Only a folder that passes the index's own privacy and marker checks holds a snapshot we read."""
    from briefing.index import IndexProblem, _prepare_folder

    if not index_dir.is_dir():
        return False
    try:
        _prepare_folder(index_dir)
    except IndexProblem:
        return False
    return True


def load(index_dir: Path, key: str) -> Snapshot | None:
    """The snapshot for `key`, or None (absent, stale, damaged, or in a folder that is not ours)."""
    path = index_dir / SNAPSHOT_NAME
    if not path.is_file() or not _ours(index_dir):
        return None
    collecting = gc.isenabled()
    try:
        gc.disable()  # tens of thousands of new objects set off collection after collection: half the load time
        with open(path, "rb") as fh:
            snap = pickle.load(fh)  # from the file, not its bytes: at 22,000 articles those were 0.1 GB more
    except Exception:  # truncated, from another version of the classes: recompute
        path.unlink(missing_ok=True)
        return None
    finally:
        if collecting:
            gc.enable()
    if not isinstance(snap, Snapshot) or snap.key != key:
        return None
    return snap


def save(index_dir: Path, snap: Snapshot) -> bool:
    """Write atomically; False (and nothing written) if the folder is not ours or not writable."""
    if not _ours(index_dir):
        return False
    tmp = index_dir / (SNAPSHOT_NAME + f".{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            pickler = pickle.Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.dispatch_table = _dispatch_table()
            pickler.dump(snap)
        os.replace(tmp, index_dir / SNAPSHOT_NAME)
    except (OSError, pickle.PicklingError):
        tmp.unlink(missing_ok=True)
        return False
    return True
