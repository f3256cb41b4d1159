"""Fixtures for the app tests: a seeds index built once per session, apps that wait for their workers."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from pathlib import Path

import pytest
from tui_helpers import SEEDS

from briefing.tui.app import BriefingApp
from briefing.workspace import Workspace


@pytest.fixture(scope="session")
def seeds_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One index of the seeds for every app test: later tests only check it is current."""
    return tmp_path_factory.mktemp("seeds-index") / "index"


@pytest.fixture(scope="session")
def seeds_workspace(seeds_index: Path) -> Workspace:
    """The seeds, loaded and indexed once: apps built on it are ready almost at once."""
    ws = Workspace.open(SEEDS, seeds_index)
    ws.sync_index()
    ws.comparison()
    return ws


@pytest.fixture
def make_app(seeds_workspace: Workspace) -> Callable[..., BriefingApp]:
    """An app on the shared seeds workspace; `fresh=True` opens its own (the full start-up path)."""

    def make(corpus: Path = SEEDS, index: Path | None = None, *, fresh: bool = False, **kwargs: object) -> BriefingApp:
        shared = None if fresh or corpus != SEEDS or index is not None else seeds_workspace
        return BriefingApp(corpus, index or seeds_workspace.index_dir, theme=kwargs.pop("theme", "briefing-dark"),
                           workspace=shared, **kwargs)

    return make


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests in a fresh event loop (no asyncio plugin is needed for Pilot)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True
