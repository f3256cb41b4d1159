"""When an article file counts as changed: one rule for the index's manifest and the snapshot's key.

Size and mtime alone miss an edit that keeps both (`cp -p`, rsync, a tar restore, or two writes
within one tick of a coarse clock); the index then served the old text while the snapshot, keyed
by ctime too, showed the new one. ctime cannot be set back by a user and moves on every write,
rename or chmod, so the stamp holds it. A file whose stamp is within one clock tick of the
moment it was stamped may still change without its stamp moving (ext4's clock ticks by a few
ms, FAT's by 2 s): such a stamp is not trusted (git calls this "racily clean") until `settle`
has waited out the tick and found the file's bytes still the ones that were read.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

Stamp = tuple[int, int, int]  # size, mtime_ns, ctime_ns
COARSE_TICK_NS = 2_000_000_000  # a file system that keeps whole seconds: FAT's mtime ticks by 2 s
FINE_TICK_NS = 20_000_000  # the rest: ext4 takes its times from a clock that ticks every 1-10 ms


class Stated(Protocol):
    size: int
    mtime_ns: int
    ctime_ns: int


class FileLike(Stated, Protocol):
    fspath: str
    relpath: str


def stamp(entry: Stated) -> Stamp:
    return (entry.size, entry.mtime_ns, entry.ctime_ns)


def now_ns() -> int:
    """The moment a scan starts, to compare stamps with (wall clock: file times are wall clock)."""
    return time.time_ns()


def racy(entry: Stated, stamped_ns: int) -> bool:
    """True if the file changed so close to `stamped_ns` that a later change might not show."""
    return max(entry.mtime_ns, entry.ctime_ns) >= stamped_ns - _tick(entry)


def unchanged(recorded: Sequence[int] | None, entry: Stated, stamped_ns: int) -> bool:
    """True if `entry` has the stamp `recorded` (size, mtime, ctime) and that stamp can be trusted."""
    return (
        recorded is not None
        and len(recorded) >= 3
        and tuple(recorded[:3]) == stamp(entry)
        and not racy(entry, stamped_ns)
    )


def _tick(entry: Stated) -> int:
    return COARSE_TICK_NS if entry.ctime_ns % 1_000_000_000 == 0 else FINE_TICK_NS


def settle(entries: Iterable[FileLike], hashes: Mapping[str, str], stamped_ns: int) -> tuple[int, set[str]]:
    """Make the stamps taken at `stamped_ns` trustworthy: (the moment they can be trusted from,
    the files whose stamps cannot be: changed since they were read, or not read).

    Racy files are read once more after their clock has ticked past their stamp: unchanged bytes
    then mean any later change moves the stamp. `hashes` are the SHA-256 of what was read, by path.
    """
    close = [e for e in entries if racy(e, stamped_ns)]
    if not close:
        return stamped_ns, set()
    wait = max(max(e.mtime_ns, e.ctime_ns) + _tick(e) for e in close) - now_ns()
    if wait > 0:
        time.sleep(wait / 1e9)
    settled = now_ns()
    changed = set()
    for e in close:
        if _sha256(e) != hashes.get(e.relpath):
            changed.add(e.relpath)
    return settled, changed


def _sha256(entry: FileLike) -> str | None:
    """The file's hash if it is still a regular file within its stamped size (read as the corpus
    is: see `file_access`, so a FIFO swapped in meanwhile cannot hang us)."""
    from briefing.file_access import read_file

    try:
        return hashlib.sha256(read_file(entry.fspath, entry.size + 1)).hexdigest()
    except OSError:
        return None
