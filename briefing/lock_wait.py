"""Waiting for a lock that is tried without blocking: the index's and the corpus folder's.

Both are flocks (a killed holder releases them) that a second briefing tries again every 50 ms
until `BRIEFING_LOCK_TIMEOUT` has passed, then gives up with a one-line "busy" error.
"""

from __future__ import annotations

import time
from collections.abc import Callable

RETRY_SECONDS = 0.05


def acquired_within(try_once: Callable[[], bool], seconds: float) -> bool:
    """Call `try_once` until it returns True (True) or `seconds` have passed (False)."""
    deadline = time.monotonic() + seconds
    while not try_once():
        if time.monotonic() > deadline:
            return False
        time.sleep(RETRY_SECONDS)
    return True
