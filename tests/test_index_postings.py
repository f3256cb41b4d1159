"""Documents added in one pass, postings written a list at a time, quotes written by a helper: the index
Whoosh's own code writes, byte for byte, and the same search results."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import pytest

from briefing import index_storage, index_writing
from briefing.corpus import load_corpus
from briefing.index_postings import DocumentAdder
from briefing.sync import _article_doc
from briefing.workspace import Workspace

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _documents() -> list[dict]:
    """The seeds as articles, and quote-like documents whose short fields recur (as quotes' do)."""
    sources = load_corpus(SEEDS).sources
    docs = [index_writing._article_fields(_article_doc(s, s.path.name)) for s in sources]
    speakers = ["Keir Starmer starmer", "the Home Office", "Yvette Cooper", "Keir Starmer starmer", "a a I"]
    for n, text in enumerate(
        ["We will stop the boats, we will stop them.", "Ça coûte 1.5bn € — U.S. e-mail co-op", "", "x " * 300,
         "The the THE the", "Numbers 2,000 and 3.14 and *stars*"] * 6
    ):
        docs.append(
            {"id": f"q{n}", "type": "quote", "source": docs[n % len(sources)]["source"], "title": "",
             "_stored_title": "A title", "body": text, "speaker": speakers[n % len(speakers)],
             "speaker_kind": "person", "canonical": None if n % 3 else "Keir Starmer", "kind": "direct",
             "start": n, "end": n + 5, "qdate": datetime(2025, 6, 1 + n % 3)}
        )
    return docs


def _segment_files(folder: Path) -> dict[str, str]:
    return {
        p.name.split(".", 1)[1]: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.iterdir()
        if p.name.startswith("MAIN_") and "." in p.name and p.is_file()
    }


def _write(folder: Path, docs: list[dict], *, ours: bool, limitmb: float = 128) -> dict[str, str]:
    folder.mkdir()
    ix = index_storage._storage(folder, mmap=True).create_index(index_storage._schema())
    writer = ix.writer(compound=False, limitmb=limitmb)  # the segment's files as they are, to compare
    index_writing.fast_stemming(writer.schema)
    if ours:
        add = DocumentAdder(writer).add
        for fields in docs:
            add(fields)
        index_writing._finalize(writer)
    else:
        for fields in docs:
            writer.add_document(**fields)
        writer._finalize_segment()
    writer._close_segment()
    return _segment_files(folder)


@pytest.mark.parametrize("limitmb", [128, 0.05], ids=["in memory", "spilled to disk in runs"])
def test_a_segment_written_in_one_pass_is_the_one_whoosh_writes(tmp_path, limitmb):
    docs = _documents()
    ours = _write(tmp_path / "ours", docs, ours=True, limitmb=limitmb)
    whoosh = _write(tmp_path / "whoosh", docs, ours=False, limitmb=limitmb)
    assert {"pst", "trm", "_stored.col", "_body_len.col"} <= ours.keys()
    assert ours == whoosh


def test_a_field_the_one_pass_does_not_know_goes_through_whoosh(tmp_path):
    """A document with a field outside the schema fails as Whoosh's own add_document fails, adding nothing."""
    from whoosh.fields import UnknownFieldError

    (tmp_path / "ix").mkdir()
    ix = index_storage._storage(tmp_path / "ix", mmap=True).create_index(index_storage._schema())
    writer = ix.writer()
    adder = DocumentAdder(writer)
    with pytest.raises(UnknownFieldError):
        adder.add({"id": "x", "type": "article", "no_such_field": "y"})
    adder.add({"id": "a", "type": "article", "source": "a", "body": "visas and boats"})
    assert writer.docnum == 1
    writer.cancel()


def _quote_hits(ws: Workspace) -> dict[str, list]:
    queries = ["boats", "speaker:starmer", '"small boats"', "visas OR migrants", "the"]
    return {
        q: [(h.kind, h.source, h.offsets, round(h.score, 9)) for h in ws.search(q, kind="quote", sync=False).hits]
        for q in queries
    }


def test_quotes_written_by_a_helper_keep_their_order_and_search_the_same(seeds_copy, tmp_path, monkeypatch):
    serial = Workspace.open(seeds_copy, tmp_path / "serial")
    serial.sync_index()
    monkeypatch.setattr(index_writing, "PARALLEL_MIN_QUOTES", 1)
    monkeypatch.setattr(index_writing, "can_help", lambda: True)
    started = []
    real_job = index_writing.HelperProcess
    monkeypatch.setattr(index_writing, "HelperProcess", lambda *a: started.append(a[0]) or real_job(*a))
    parallel = Workspace.open(seeds_copy, tmp_path / "parallel")
    assert parallel.sync_index().added == 5
    assert started == [index_writing.QUOTE_HELPER]
    assert len(list((tmp_path / "parallel").glob("*.seg"))) == 2
    assert _quote_hits(parallel) == _quote_hits(serial)
    assert _quote_hits(parallel)["boats"]  # quotes were found: the comparison compared something

    def stored(ws: Workspace) -> list[dict]:
        s = ws.index().searcher()
        return [s.stored_fields(n) for n in range(s.doc_count_all())]

    assert stored(parallel) == stored(serial)  # every document, at the same number
    # The next sync reads the index back: nothing to redo.
    again = Workspace.open(seeds_copy, tmp_path / "parallel").sync_index()
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)
