"""An incremental sync (the app's live refresh) must leave what a full rebuild leaves.

Speaker resolution is corpus-wide (a name in one article folds spellings and settles roles in
another), and the refresh rewrites only what changed: these tests add, change and remove
articles, then compare sources, quotes with their speakers, speakers, figures and search hits
of a fresh Workspace synced incrementally with those of one built from nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.workspace import Workspace

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
BBC_PICK = ["politics_007", "politics_012", "politics_014", "politics_021", "business_001", "sport_002"]
QUERIES = ["Blair", "said", "minister", "election", "£", "government", "zyxwquaffle", "Brown"]


def _state(ws: Workspace) -> dict[str, object]:
    """Everything the panes and the search show, in a form two workspaces can be compared by."""
    hits = {}
    for query in QUERIES + [s.name for s in ws.speakers()[:15]]:
        for kind in ("article", "quote"):
            result = ws.search(query, kind=kind, limit=1000, highlight=False, sync=False)
            hits[(query, kind)] = sorted(
                (h.source, h.kind, h.quote.start if h.quote else -1, h.quote.speaker if h.quote else "")
                for h in result.hits
            )
    return {
        "sources": ws.entries(),
        "quotes": sorted(ws.quotes(), key=repr),  # with their canonical speakers
        "speakers": sorted(ws.speakers(), key=repr),
        "figures": sorted(ws.figures(), key=repr),
        "hits": hits,
    }


def _incremental(corpus: Path, index: Path) -> dict[str, object]:
    ws = Workspace.open(corpus, index)  # as the live refresh does: a fresh Workspace on the same folders
    try:
        report = ws.sync_index()
        assert report.changed
        return _state(ws)
    finally:
        ws.close()


def _full(corpus: Path, index: Path) -> dict[str, object]:
    ws = Workspace.open(corpus, index)
    try:
        ws.sync_index(rebuild=True)
        return _state(ws)
    finally:
        ws.close()


@pytest.fixture
def mixed_corpus(tmp_path, bbc_dir) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    for name in BBC_PICK:
        shutil.copy(bbc_dir / f"{name}.txt", corpus / f"{name}.txt")
    return corpus


def _assert_same(incremental: dict[str, object], full: dict[str, object]) -> None:
    for key in full:
        assert incremental[key] == full[key], key


def test_added_changed_removed_articles_match_a_full_rebuild(mixed_corpus, tmp_path, bbc_dir):
    index = tmp_path / "index"
    ws = Workspace.open(mixed_corpus, index)
    ws.sync_index()
    ws.quotes()
    ws.close()

    # Added: an article naming in full a person others name by surname only.
    shutil.copy(bbc_dir / "politics_022.txt", mixed_corpus / "politics_022.txt")
    (mixed_corpus / "zz_new.txt").write_text(
        "Chancellor speaks\n\nChancellor Gordon Brown said: \"We will zyxwquaffle the budget.\"\n"
        "\"It is a prudent plan,\" Mr Brown said.\n"
    )
    _assert_same(_incremental(mixed_corpus, index), _full(mixed_corpus, tmp_path / "full1"))

    # Changed: a name removed from one article (its speakers elsewhere may change with it).
    changed = mixed_corpus / "politics_007.txt"
    changed.write_text(changed.read_text().replace("Blair", "Blears"))
    _assert_same(_incremental(mixed_corpus, index), _full(mixed_corpus, tmp_path / "full2"))

    # Removed: the article that named the chancellor in full.
    (mixed_corpus / "zz_new.txt").unlink()
    (mixed_corpus / "politics_012.txt").unlink()
    _assert_same(_incremental(mixed_corpus, index), _full(mixed_corpus, tmp_path / "full3"))


def test_changed_seed_matches_a_full_rebuild(seeds_copy, tmp_path):
    index = tmp_path / "index"
    ws = Workspace.open(seeds_copy, index)
    ws.sync_index()
    ws.close()
    first = sorted(seeds_copy.glob("*.txt"))[0]
    first.write_text(first.read_text() + '\n"We zyxwquaffle nothing," said Gordon Brown.\n')
    _assert_same(_incremental(seeds_copy, index), _full(seeds_copy, tmp_path / "full"))


def test_search_does_not_wait_for_a_comparison_in_another_thread(seeds_copy, tmp_path, monkeypatch):
    """The live refresh hands the app a workspace, then compares its sources (seconds at BBC scale)
    under the workspace's lock: the app's search of that workspace must answer meanwhile."""
    import threading

    from briefing import analysis

    ws = Workspace.open(seeds_copy, tmp_path / "index")
    ws.sync_index()
    inside, release = threading.Event(), threading.Event()

    def slow(real):
        def compare(*args, **kwargs):
            inside.set()
            release.wait(30)
            return real(*args, **kwargs)

        return compare

    for name in ("compare", "compare_records"):  # from memory, or from the snapshot
        monkeypatch.setattr(analysis, name, slow(getattr(analysis, name)))
    comparing = threading.Thread(target=ws.disputes)
    comparing.start()
    try:
        assert inside.wait(10), "the comparison did not start"
        found: list[int] = []
        searching = threading.Thread(target=lambda: found.append(len(ws.search("minister", sync=False).hits)))
        searching.start()
        searching.join(5)
        assert found and found[0] > 0, "search waited for the comparison"
    finally:
        release.set()
        comparing.join(30)
        ws.close()
