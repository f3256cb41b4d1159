"""The core never imports Textual, and the CLI's import path stays lean (Whoosh only when used)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import SEEDS

CORE_MODULES = [
    "briefing.models", "briefing.hygiene", "briefing.corpus", "briefing.locations", "briefing.index",
    "briefing.index_folder", "briefing.snapshot",
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


def piped_search(index) -> str:
    """A statement running `briefing search visas > /dev/null` in the process."""
    return (
        "import os; sys.stdout = open(os.devnull, 'w'); from briefing.cli import main; "
        f"main(['search', 'visas', '--index', {str(index)!r}]); sys.stdout = sys.__stdout__"
    )


def test_piped_search_imports_neither_rich_nor_what_whoosh_never_uses(tmp_path):
    """A quick `briefing search | grep` pays for Whoosh's index and parser, nothing more."""
    loaded = imported_after(piped_search(tmp_path / "ix"))
    assert "whoosh.qparser" in loaded  # the search did run
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "rich", "asyncio", "cached_property")}
    assert "urllib.request" not in loaded and "whoosh.lang.morph_en" not in loaded


def test_modules_whoosh_was_spared_still_import_for_real(tmp_path):
    loaded = imported_after(
        piped_search(tmp_path / "ix")
        + "; import urllib.request, cached_property; from whoosh.query.terms import variations; "
        "assert urllib.request.urlopen and cached_property.threaded_cached_property; "
        "assert 'runs' in variations('run')"
    )
    assert {"urllib.request", "cached_property", "asyncio", "whoosh.lang.morph_en"} <= loaded


def test_opening_an_indexed_corpus_reads_its_snapshot_without_the_engine_module(index_dir):
    """The app's first frame waits on this read: importing `briefing.index` cost it 15 ms."""
    from briefing.cli import main

    assert main(["index", "--corpus", str(SEEDS), "--index", str(index_dir)]) == 0
    loaded = imported_after(
        f"from briefing.workspace import Workspace; ws = Workspace.open({str(SEEDS)!r}, {str(index_dir)!r}); "
        "assert ws.extractions_cached()"
    )
    assert "briefing.snapshot" in loaded and "briefing.index" not in loaded


def test_the_app_imports_pyyaml_only_to_parse_a_changed_file():
    """20 ms of the first frame: themes, config and state are read from `yaml_files`' cache."""
    assert "yaml" not in imported_after("import briefing.tui.app")
