"""One writer at a time saves into a corpus folder: `briefing add`, `update` and the app's Add URL.

Two runs at once (two terminals, the app's `u` while a cron `update` runs) each read
`feeds.yaml`, fetch, and write it back: without this, the last write wins and the other's
feeds and seen items are lost, and both may save the same article. The lock is held only for
the short steps that must not interleave (re-check for a duplicate then save; re-read, merge
and write `feeds.yaml`), never while fetching, so a long update does not block a quick add.

Waited for as the index's lock is (`briefing/lock_wait.py`): an flock, so a killed holder releases it,
tried without blocking until `BRIEFING_LOCK_TIMEOUT` seconds (10 by default) have passed. The
lock file stays in place (hidden, so the corpus scan skips it): removing it on release would
let two processes hold locks on two different files of the same name.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefing.hygiene import printable
from briefing.lock_wait import acquired_within

LOCK_NAME = ".briefing-add.lock"


class CorpusBusy(Exception):
    """Another process held the corpus lock past our timeout; the message is one line."""


def lock_timeout() -> float:
    return float(os.environ.get("BRIEFING_LOCK_TIMEOUT", "10"))


@contextmanager
def corpus_lock(corpus_dir: Path) -> Iterator[None]:
    """Hold the corpus folder's write lock; raises `CorpusBusy`, or OSError if it cannot be created."""
    timeout = lock_timeout()
    fd = os.open(Path(corpus_dir) / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    try:
        if not acquired_within(lambda: _try_flock(fd), timeout):
            raise CorpusBusy(
                f"corpus busy: another briefing is adding to {printable(str(corpus_dir))} (waited {timeout:g} s)"
            )
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _try_flock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
