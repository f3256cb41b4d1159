"""Replacing a file whole: a reader, or a crash, finds the old file or the new one, never half of one.

The state, settings, index marker, manifest and snapshot are all written this way. (An export
has its own writer in `export.py`: it must not replace a file that appeared meanwhile, and it
keeps an existing file's mode.)
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomically(
    path: Path, content: bytes | Callable[[BinaryIO], object], *, durable: bool = True, mode: int | None = None
) -> os.stat_result:
    """Write `content` (bytes, or a function that writes to the open file) to a new file beside
    `path`, then rename it over `path`; returns the new file's `stat`.

    `durable` syncs the data to disk before the rename, so that a power cut cannot leave an
    empty file in place of the old one; a cache that can be rebuilt skips it. On any failure,
    `path` is untouched and the temporary file is gone. The temporary file is created private
    (mode 0600) under a hidden name no other writer picks, so two writers never share one;
    `mode` (less the umask) is what the file gets before it takes `path`'s place, for files
    others must read (an article added to a shared corpus).
    """
    fd, tmp = tempfile.mkstemp(prefix=temporary_prefix(path.name), suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            if mode is not None:
                umask = os.umask(0)
                os.umask(umask)
                os.fchmod(fh.fileno(), mode & ~umask)
            if isinstance(content, bytes):
                fh.write(content)
            else:
                content(fh)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
            written = os.fstat(fh.fileno())  # its own, even if another writer replaces `path` next
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return written


def temporary_prefix(name: str) -> str:
    """How the names of the temporary files for a file called `name` begin."""
    return f".{name[:80]}."
