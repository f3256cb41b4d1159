"""The core never imports Textual, and the CLI's import path stays lean (Whoosh only when used)."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE_MODULES = [
    "briefing.models", "briefing.hygiene", "briefing.corpus", "briefing.locations", "briefing.index",
    "briefing.sync", "briefing.workspace", "briefing.extraction", "briefing.quotes", "briefing.speakers",
    "briefing.figures", "briefing.analysis", "briefing.export", "briefing.state", "briefing.cli",
]


def imported_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_without_textual_or_whoosh(module):
    loaded = imported_after(f"import {module}")
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "whoosh")}


def test_workspace_can_load_and_extract_without_textual():
    loaded = imported_after(
        "from briefing.workspace import Workspace; ws = Workspace.open(); ws.quotes(); ws.figures(); ws.comparison()"
    )
    assert "textual" not in loaded
