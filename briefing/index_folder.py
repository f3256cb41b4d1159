"""The index folder: made private, or proved ours, before anything in it is opened.

Whoosh keeps its schema and segment list as pickles, so opening a folder someone else wrote
would run their code. A folder is used only when it is private to this user and carries the
marker this tool wrote into it. Kept out of `index.py` so that the snapshot beside the index can
be checked without importing the search engine's module (10-15 ms of the app's first frame).
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from briefing.atomic_write import temporary_prefix, write_atomically
from briefing.hygiene import printable

SCHEMA_VERSION = 6  # of the index; a folder marked with another is rebuilt (6: quotes store speaker_kind)
MARKER_NAME = ".briefing-index.json"


class IndexProblem(Exception):
    """The index cannot be used as asked; the message is one line for the user."""


class ForeignIndex(IndexProblem):
    """The folder was not created by this tool for this user: never opened."""


def _marker_for(path: Path) -> dict[str, Any]:
    st = path.stat()
    return {"tool": "briefing", "uid": os.getuid(), "dev": st.st_dev, "ino": st.st_ino}


def prepare_folder(path: Path) -> dict[str, Any]:
    """Create the folder privately, or check that it is ours; return its marker."""
    display = printable(str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise IndexProblem(f"cannot create index folder {display}: {exc.strerror or exc}") from exc
    if path.is_symlink() or not path.is_dir():
        raise ForeignIndex(f"index path is not a plain folder: {display}")
    st = path.stat()
    marker_path = path / MARKER_NAME
    # A marker being written by a process that created the folder a moment ago is not foreign.
    writing = temporary_prefix(MARKER_NAME)
    entries = [p for p in os.listdir(path) if p != MARKER_NAME and not p.startswith(writing)]
    if st.st_uid != os.getuid():
        raise ForeignIndex(f"refusing to open index folder owned by another user: {display}")
    if not marker_path.exists():
        if entries:
            raise ForeignIndex(
                f"refusing to open {display}: not an index briefing created "
                "(Whoosh indexes run code when opened); choose another --index or delete it"
            )
        write_marker(path, {**_marker_for(path), "schema": SCHEMA_VERSION})
    if stat.S_IMODE(st.st_mode) & 0o077:
        raise ForeignIndex(
            f"refusing to open index folder {display}: it is readable or writable by others "
            f"(mode {stat.S_IMODE(st.st_mode):o}, expected 700)"
        )
    try:
        marker = json.loads(marker_path.read_text("utf-8"))
        mst = marker_path.lstat()
    except (OSError, ValueError, RecursionError) as exc:  # RecursionError: nested past what json reads
        raise ForeignIndex(
            f"refusing to open {display}: its marker is unreadable ({printable(str(exc))[:100]})"
        ) from exc
    expected = _marker_for(path)
    if (
        not isinstance(marker, dict)
        or not stat.S_ISREG(mst.st_mode)
        or mst.st_uid != os.getuid()
        or any(marker.get(k) != v for k, v in expected.items())
    ):
        raise ForeignIndex(
            f"refusing to open {display}: it was not created here by briefing for this user "
            "(copied or moved in?); choose another --index or delete it"
        )
    return marker


def write_marker(path: Path, marker: dict[str, Any]) -> None:
    write_json(path, MARKER_NAME, marker)


def write_json(path: Path, name: str, data: dict[str, Any]) -> None:
    """Replace the file `name` in the index folder `path`, durably; a failure is an IndexProblem."""
    try:
        write_atomically(path / name, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except OSError as exc:
        raise IndexProblem(f"cannot write to index folder {printable(str(path))}: {exc.strerror or exc}") from exc
