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


def test_the_app_view_reads_sources_from_the_snapshot_one_at_a_time(computed, seeds_copy, index_dir, monkeypatch):
    """With a snapshot, the view holds no text: each source is read from the file when opened."""
    from briefing import corpus
    from briefing.tui.data import build_view

    sources, quotes, figures, _speakers, comparison = computed
    no_extraction(monkeypatch)
    monkeypatch.setattr(corpus, "load_corpus", lambda folder: pytest.fail("read the corpus files"))
    ws = Workspace.open(seeds_copy, index_dir)
    assert ws.results_cached()
    view = build_view(ws)
    assert ws._load is None and ws._quotes is None and ws._comparison is None  # nothing held
    assert [e.id for e in view.sources] == [s.id for s in sources]
    assert view.disputes == comparison.disputes
    for source in sources:
        record = view.record(source.id)
        assert record.source == source
        assert list(record.quotes) == [q for q in quotes if q.source == source.id]
        assert list(record.figures) == [f for f in figures if f.source == source.id]
    shared = comparison.shared_quotes[0]
    assert view.sources_quoted_in(shared.quotes[0]) == len(shared.sources) > 1
    near = comparison.duplicates[0]
    assert near.b in view.duplicates[near.a]
    assert view.all_quotes() == quotes


def test_a_view_keeps_reading_its_snapshot_after_a_resync_replaces_it(computed, seeds_copy, index_dir):
    from briefing.tui.data import build_view

    ws = Workspace.open(seeds_copy, index_dir)
    view = build_view(ws)
    first = view.sources[0].id
    path = next(seeds_copy.glob("*.txt"))
    path.write_text(path.read_text() + "\nA closing line.\n")
    ws.sync_index()
    again = build_view(ws)  # a new snapshot file replaced the one the old view reads
    assert "A closing line." in again.source(path.stem).body
    assert view.record(first) is not None and "A closing line." not in (view.source(path.stem).body)


def test_a_snapshot_without_comparison_is_compared_one_record_at_a_time(seeds_copy, index_dir, monkeypatch):
    """After `briefing index` the snapshot has no comparison yet: the app's first opening computes it
    from the records in the file, never from every text at once, and writes the snapshot again."""
    from briefing import analysis, corpus

    ws = Workspace.open(seeds_copy, index_dir)
    ws.sync_index()
    key = snapshot.corpus_key(seeds_copy)
    assert not snapshot.load(index_dir, key).catalog.compared
    expected = Workspace.open(seeds_copy, index_dir)
    records_before = {s.id: expected.record(s.id) for s in expected.sources}
    comparison = analysis.compare(expected.sources, expected.quotes(), expected.figures())
    shared = comparison.quoted_in()

    no_extraction(monkeypatch)
    monkeypatch.setattr(corpus, "load_corpus", lambda folder: pytest.fail("read the corpus files"))
    monkeypatch.setattr(analysis, "compare", lambda *a: pytest.fail("compared every text at once"))
    monkeypatch.setattr(snapshot, "COPY_CHUNK", 1000)  # the quotes piece is copied in many chunks
    ws = Workspace.open(seeds_copy, index_dir)
    assert ws.comparison() == comparison and ws._load is None

    store = snapshot.load(index_dir, key)
    assert store.catalog.compared and store.catalog.disputes == comparison.disputes
    assert store.comparison() == comparison and store.shared() == shared
    assert store.quotes() == expected.quotes()
    near = comparison.duplicates[0]
    entries = {e.id: e for e in store.catalog.entries}
    assert near.b in entries[near.a].duplicates and near.a in entries[near.b].duplicates
    for sid, before in records_before.items():
        record = store.record(sid)
        assert (record.source, record.quotes, record.figures) == (before.source, before.quotes, before.figures)
        assert record.quoted_in == tuple(shared.get((q.source, q.start, q.end), 1) for q in record.quotes)
    assert any(n > 1 for sid in records_before for n in store.record(sid).quoted_in)
    assert list(index_dir.glob("*.tmp")) == []


def test_the_apps_first_opening_after_briefing_index_never_holds_every_text(seeds_copy, index_dir, monkeypatch):
    """The app shows what the snapshot has at once, then compares one record at a time."""
    from briefing import analysis, corpus
    from briefing.tui.data import build_view, sources_view

    Workspace.open(seeds_copy, index_dir).sync_index()  # as `briefing index` leaves it: extracted, not compared
    no_extraction(monkeypatch)
    monkeypatch.setattr(corpus, "load_corpus", lambda folder: pytest.fail("read the corpus files"))
    monkeypatch.setattr(analysis, "compare", lambda *a: pytest.fail("compared every text at once"))
    ws = Workspace.open(seeds_copy, index_dir)
    assert ws.extractions_cached() and not ws.results_cached()
    quick = sources_view(ws)
    assert quick.extracted and sum(e.quotes for e in quick.sources) > 0 and quick.speakers
    assert not quick.duplicates and not quick.disputes
    full = build_view(ws)
    assert ws._load is None and ws.results_cached()
    assert full.duplicates and full.disputes
    assert [e.id for e in full.sources] == [e.id for e in quick.sources]


def test_a_cancelled_comparison_stops_and_leaves_the_snapshot_as_it_was(seeds_copy, index_dir):
    """The app cancels on quitting: a comparison in its worker thread must not keep the process alive."""
    from briefing.workspace import Cancelled

    Workspace.open(seeds_copy, index_dir).sync_index()
    before = (index_dir / snapshot.SNAPSHOT_NAME).read_bytes()
    ws = Workspace.open(seeds_copy, index_dir)
    ws.cancel()
    with pytest.raises(Cancelled):
        ws.comparison()
    assert (index_dir / snapshot.SNAPSHOT_NAME).read_bytes() == before
    assert list(index_dir.glob("*.tmp")) == []
    assert Workspace.open(seeds_copy, index_dir).comparison().duplicates  # the next opening compares
