"""Shared fixtures: the seeds, the BBC corpus beside the repo, and isolated user folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
BBC = REPO.parent / "shared" / "corpora" / "bbc"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """No test reads or writes the real user cache, data or config folders, the repo's index/,
    or the current folder (an export without -o lands in the working directory)."""
    base = tmp_path_factory.mktemp("user")
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))
    for kind in ("cache", "data", "config"):
        monkeypatch.setenv(f"BRIEFING_{kind.upper()}_DIR", str(base / kind))
    monkeypatch.delenv("BRIEFING_CORPUS", raising=False)
    monkeypatch.setenv("BRIEFING_LOCK_TIMEOUT", os.environ.get("BRIEFING_LOCK_TIMEOUT", "10"))
    return base


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    """A writable copy of the seeds, for tests that change the corpus."""
    dest = tmp_path / "corpus"
    shutil.copytree(SEEDS, dest)
    return dest


@pytest.fixture
def index_dir(tmp_path) -> Path:
    return tmp_path / "index"


@pytest.fixture
def bbc_dir() -> Path:
    if not BBC.is_dir():
        pytest.skip(f"BBC corpus not found at {BBC} (it lives in ../shared beside the repo)")
    return BBC


def run_cli(*args: str, env: dict[str, str] | None = None, input: str | None = None, timeout: float = 60):
    """Run `python -m briefing ...` as a real subprocess."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True,
        text=True,
        env=full_env,
        input=input,
        timeout=timeout,
        stdin=None if input is not None else subprocess.DEVNULL,
    )
