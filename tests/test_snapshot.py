"""The workspace snapshot: what one run computed is what the next one reads, for that corpus state only."""

from __future__ import annotations

import os

import pytest

from briefing import snapshot
from briefing.workspace import Workspace


def results(ws: Workspace) -> tuple:
    return (ws.sources, ws.quotes(), ws.figures(), ws.speakers(), ws.comparison())


@pytest.fixture
def computed(seeds_copy, index_dir):
    ws = Workspace.open(seeds_copy, index_dir)
    ws.sync_index()
    before = results(ws)
    assert (index_dir / snapshot.SNAPSHOT_NAME).is_file()
    return before


def no_extraction(monkeypatch):
    from briefing import figures, quotes

    def fail(source):
        raise AssertionError(f"extracted {source.id} again")

    monkeypatch.setattr(quotes, "extract_quotes", fail)
    monkeypatch.setattr(figures, "extract_figures", fail)


def test_a_second_run_reads_the_results_without_extracting(computed, seeds_copy, index_dir, monkeypatch):
    no_extraction(monkeypatch)
    assert results(Workspace.open(seeds_copy, index_dir)) == computed


def test_a_changed_article_is_not_served_from_the_snapshot(computed, seeds_copy, index_dir):
    path = next(seeds_copy.glob("003_*.txt"))
    path.write_text(path.read_text() + "\n“We will not stop,” said Yvette Cooper.\n")
    ws = Workspace.open(seeds_copy, index_dir)
    assert any("We will not stop" in q.text for q in ws.quotes())
    assert ws.sources != computed[0]


def test_a_damaged_snapshot_is_recomputed(computed, seeds_copy, index_dir):
    path = index_dir / snapshot.SNAPSHOT_NAME
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert results(Workspace.open(seeds_copy, index_dir)) == computed


def test_a_snapshot_in_a_folder_that_is_not_ours_is_never_read(computed, seeds_copy, index_dir):
    os.chmod(index_dir, 0o755)
    try:
        assert snapshot.load(index_dir, snapshot.corpus_key(seeds_copy)) is None
    finally:
        os.chmod(index_dir, 0o700)
    assert snapshot.load(index_dir, snapshot.corpus_key(seeds_copy)) is not None
