"""Helpers shared by the app tests."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from briefing.tui.app import BriefingApp

READY_TIMEOUT = 60.0
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


async def wait_ready(pilot, app: BriefingApp) -> None:
    """Until the corpus is loaded and the index synced (bounded; the test fails if it never is)."""
    deadline = time.monotonic() + READY_TIMEOUT
    while not (app.index_ready and app.view is not None):
        assert time.monotonic() < deadline, "the app never finished loading"
        await pilot.pause(0.05)
    await pilot.pause()


async def wait_for(pilot, condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await pilot.pause(0.05)
    await pilot.pause()


def screen_text(app: BriefingApp) -> str:
    """What the screen shows, as plain text."""
    return "\n".join("".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips())


def notices(app: BriefingApp) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]
