"""The real on-disk Whoosh index: incremental sync, locks, guards, queries."""

from __future__ import annotations

import json
import os
import shutil
import threading
import time

import pytest

from briefing.index import IndexBusy, IndexProblem, SearchIndex
from briefing.index_folder import MARKER_NAME, ForeignIndex
from briefing.workspace import Workspace


def open_ws(corpus, index_dir) -> Workspace:
    return Workspace.open(corpus, index_dir)


def sources_found(result) -> set[str]:
    return {h.source[:3] for h in result.hits}


@pytest.fixture
def synced(seeds_copy, index_dir):
    ws = open_ws(seeds_copy, index_dir)
    report = ws.sync_index()
    assert (report.added, report.updated, report.removed) == (5, 0, 0)
    return ws


def test_search_visas_finds_the_two_visa_seeds_with_sentences(synced):
    result = synced.search("visas")
    assert sources_found(result) == {"000", "003"}
    for hit in result.hits:
        body = synced.source(hit.source).body
        assert hit.fragments
        for fragment in hit.fragments:
            assert body[fragment.start : fragment.start + len(fragment.text)] == fragment.text
            assert fragment.text[0].isupper() or fragment.text[0] in "“\""  # whole sentences
            for s, e in fragment.hits:
                assert fragment.text[s:e].lower().startswith("visa")
        for s, e in hit.offsets:
            assert body[s:e].lower().startswith("visa")


def test_phrase_query_on_disk(synced):
    result = synced.search('"one in, one out"')
    assert sources_found(result) == {"001", "002"}
    for hit in result.hits:
        body = synced.source(hit.source).body
        assert [body[s:e] for s, e in hit.offsets] == ["one in, one out"]
    assert synced.search('"prime minister"').hits  # whoosh-ng crashed on this one


def test_date_ranges_and_fields(synced):
    assert sources_found(synced.search("date:[2025-06-01 TO 2025-06-30]")) == {"000"}
    assert sources_found(synced.search("date:>2025-07-01")) == {"001"}
    assert sources_found(synced.search("title:macron")) == {"001"}
    assert sources_found(synced.search("visas AND NOT date:[2025-06-01 TO 2025-06-30]")) == {"003"}


def test_short_news_words_are_searchable(tmp_path, index_dir):
    (tmp_path / "a.txt").write_text("The US and the UK may talk. IT firms will join the EU plan.\n")
    ws = open_ws(tmp_path, index_dir)
    for word in ("US", "UK", "EU", "IT", "may", "will"):
        assert ws.search(word).hits, word


@pytest.mark.parametrize(
    "query",
    ["NOT NOT bank", "date:[2025-13-45 TO x]", "(" * 50 + "visas" + ")" * 50, '"unbalanced', "title:", "AND",
     "x" * 10_000, "visas)))", "[[[", "\x00\x1b[2J", 'date:""', "date:20*", 'speaker:starmer date:""'],
)
def test_bad_queries_fall_back_without_raising(synced, query):
    result = synced.search(query)
    assert result.hits == [] or result.note is not None or result.hits


def test_unparseable_query_searches_plain_words(synced):
    result = synced.search("(" * 50 + "visas" + ")" * 50)
    assert "plain words" in (result.note or "")
    assert sources_found(result) == {"000", "003"}


@pytest.mark.parametrize("query", ["*", "a*", "*a*", "?x", "title:*"])
def test_unbounded_wildcards_refused(synced, query):
    result = synced.search(query)
    assert result.hits == [] and "wildcard" in (result.note or "")


def test_prefix_with_enough_letters_works(synced):
    assert sources_found(synced.search("vis*")) >= {"000", "003"}


def test_did_you_mean(synced):
    result = synced.search("stamer")
    assert result.hits == [] and result.suggestion == "starmer"


def test_unchanged_run_touches_nothing(synced, index_dir):
    before = {p.name: p.stat().st_mtime_ns for p in index_dir.iterdir()}
    report = open_ws(synced.corpus_dir, index_dir).sync_index()
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, 5)
    assert {p.name: p.stat().st_mtime_ns for p in index_dir.iterdir()} == before


def test_incremental_add_update_delete(synced, index_dir):
    corpus = synced.corpus_dir
    (corpus / "005_new.txt").write_text("Zanzibar officials discussed ferry crossings.\n")
    (corpus / "003_68a504b818462465.txt").write_text("Rewritten: the article now mentions quokkas.\n")
    (corpus / "004_6302bc43854f0c3c.txt").unlink()
    ws = open_ws(corpus, index_dir)
    report = ws.sync_index()
    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 1, 1, 3)
    assert sources_found(ws.search("zanzibar")) == {"005"}
    assert sources_found(ws.search("quokkas")) == {"003"}
    assert "003" not in sources_found(ws.search("visas"))
    assert "004" not in sources_found(ws.search('"Sir Kir Stmper"'))
    assert ws.index().doc_count() >= 5


def test_rewriting_every_article_leaves_no_dead_segment_behind(synced, index_dir):
    """A change that rewrites every article (here sources.yaml; also new extraction rules) deletes
    every old document: the segments that held them go, from the table of contents and the disk."""
    before = [n for n in whoosh_files(index_dir) if n.endswith(".seg")]
    hits = sources_found(synced.search("visas"))
    (synced.corpus_dir / "sources.yaml").write_text("{}\n")
    ws = open_ws(synced.corpus_dir, index_dir)
    assert ws.sync_index().updated == 5
    after = [n for n in whoosh_files(index_dir) if n.endswith(".seg")]
    assert not set(before) & set(after)
    assert ws.index().doc_count() == synced.index().doc_count()
    assert sources_found(ws.search("visas")) == hits


def whoosh_files(index_dir) -> list[str]:
    return sorted(p.name for p in index_dir.iterdir() if p.name.startswith(("MAIN_", "_MAIN")) and "LOCK" not in p.name)


def test_touched_but_identical_file_is_not_reindexed(synced, index_dir):
    path = synced.corpus_dir / "000_23ed8d137b3c117b.txt"
    os.utime(path, ns=(time.time_ns(), time.time_ns()))
    before = whoosh_files(index_dir)
    report = open_ws(synced.corpus_dir, index_dir).sync_index()
    assert (report.added, report.updated, report.unchanged) == (0, 0, 5)
    assert whoosh_files(index_dir) == before  # no commit at all


def test_schema_version_mismatch_rebuilds(synced, index_dir):
    marker = json.loads((index_dir / MARKER_NAME).read_text())
    marker["schema"] = 0
    (index_dir / MARKER_NAME).write_text(json.dumps(marker))
    ws = open_ws(synced.corpus_dir, index_dir)
    report = ws.sync_index()
    assert any("rebuilding" in n for n in report.notices)
    assert report.added == 5
    assert sources_found(ws.search("visas")) == {"000", "003"}


def test_stale_lock_from_a_dead_process_is_ignored(synced, index_dir):
    (index_dir / "MAIN_WRITELOCK").write_text("12345")  # whoosh's lock file, left by a killed writer
    (synced.corpus_dir / "005_new.txt").write_text("Fresh article about lighthouses.\n")
    ws = open_ws(synced.corpus_dir, index_dir)
    assert ws.sync_index().added == 1
    assert sources_found(ws.search("lighthouses")) == {"005"}


def test_second_writer_waits_then_reports_busy(synced, index_dir, monkeypatch):
    import briefing.index_storage as storage_mod

    monkeypatch.setattr(storage_mod, "LOCK_TIMEOUT_SECONDS", 0.5)
    holder = SearchIndex(index_dir).open()
    writer = holder._ix.writer()
    try:
        (synced.corpus_dir / "005_new.txt").write_text("Another article.\n")
        started = time.monotonic()
        with pytest.raises(IndexBusy, match="index busy"):
            open_ws(synced.corpus_dir, index_dir).sync_index()
        assert time.monotonic() - started >= 0.4
    finally:
        writer.cancel()
    assert open_ws(synced.corpus_dir, index_dir).sync_index().added == 1


def test_second_writer_succeeds_when_the_first_finishes_in_time(synced, index_dir):
    holder = SearchIndex(index_dir).open()
    writer = holder._ix.writer()
    threading.Timer(0.5, writer.cancel).start()
    (synced.corpus_dir / "005_new.txt").write_text("Another article.\n")
    assert open_ws(synced.corpus_dir, index_dir).sync_index().added == 1


def test_failed_commit_releases_the_lock(synced, index_dir, monkeypatch):
    from whoosh.writing import SegmentWriter

    def disk_full(self, *args, **kwargs):
        raise OSError(28, "No space left on device")

    (synced.corpus_dir / "005_new.txt").write_text("Article written to a full disk.\n")
    with monkeypatch.context() as m:
        m.setattr(SegmentWriter, "_finalize_segment", disk_full)  # writing the new segment's files
        with pytest.raises(IndexProblem, match="No space left"):
            open_ws(synced.corpus_dir, index_dir).sync_index()
    previous = SearchIndex(index_dir).open().search("visas")
    assert sources_found(previous) == {"000", "003"}  # previous index intact
    assert open_ws(synced.corpus_dir, index_dir).sync_index().added == 1  # and the lock was not leaked


def test_foreign_folders_are_never_opened(tmp_path, seeds_copy):
    stranger = tmp_path / "stranger"
    stranger.mkdir()
    (stranger / "_MAIN_1.toc").write_bytes(b"cos\nsystem\n(S'touch /tmp/pwned'\ntR.")
    with pytest.raises(ForeignIndex, match="not an index briefing created"):
        open_ws(seeds_copy, stranger).sync_index()
    assert not (stranger / MARKER_NAME).exists()


def test_copied_index_is_refused(synced, index_dir, tmp_path):
    copy = tmp_path / "copied"
    shutil.copytree(index_dir, copy)
    with pytest.raises(ForeignIndex, match="not created here"):
        open_ws(synced.corpus_dir, copy).sync_index()


def test_shared_writable_index_is_refused(synced, index_dir):
    index_dir.chmod(0o777)
    try:
        with pytest.raises(ForeignIndex, match="by others"):
            open_ws(synced.corpus_dir, index_dir).sync_index()
    finally:
        index_dir.chmod(0o700)


def test_new_index_folder_is_private(synced, index_dir):
    assert index_dir.stat().st_mode & 0o777 == 0o700


def test_damaged_index_is_rebuilt(synced, index_dir):
    for segment in index_dir.glob("*.seg"):
        segment.write_bytes(segment.read_bytes()[:10])
    for toc in index_dir.glob("*.toc"):
        toc.write_bytes(b"garbage")
    ws = open_ws(synced.corpus_dir, index_dir)
    report = ws.sync_index()
    assert any("damaged" in n for n in report.notices)
    assert sources_found(ws.search("visas")) == {"000", "003"}


def test_quotes_are_indexed_as_their_own_documents(synced):
    result = synced.search("speaker:starmer visas")
    assert result.hits and all(h.kind == "quote" for h in result.hits)
    for hit in result.hits:
        body = synced.source(hit.source).body
        assert body[hit.quote.start : hit.quote.end] == hit.quote.text
        assert hit.quote.speaker == "Keir Starmer"
        assert "visa" in hit.quote.text.lower()


def test_commit_writes_the_same_segment_as_whoosh_reading_lengths_per_posting(synced, tmp_path):
    """`_finalize` reads each field's lengths once; the files must be Whoosh's own, byte for byte.

    Block and term statistics keep each field's shortest and longest document, so a length read
    for the wrong document, or a missing one, changes the postings and terms files.
    """
    import hashlib

    from whoosh.filedb.filestore import FileStorage

    from briefing.index_storage import _schema
    from briefing.index_writing import _finalize

    searcher = synced.index()._ix.searcher()
    docs = [dict(fields) for fields in searcher.all_stored_fields()]
    searcher.close()
    assert len(docs) > 40 and {d["type"] for d in docs} == {"article", "quote", "extraction"}
    schema = _schema()
    docs = [{k: v for k, v in d.items() if k in schema.names()} for d in docs]

    def files_after(finalize, folder) -> list[str]:
        ix = FileStorage(str(folder), supports_mmap=True).create().create_index(schema)
        writer = ix.writer()
        writer.compound = False  # the files themselves, without a compound file's random names
        for fields in docs:
            writer.add_document(**fields)
        finalize(writer)
        writer._close_segment()
        return sorted(hashlib.sha1(p.read_bytes()).hexdigest() + p.suffix for p in folder.iterdir()
                      if p.suffix in (".trm", ".pst", ".col"))

    ours = files_after(_finalize, tmp_path / "ours")
    assert ours == files_after(lambda w: w._finalize_segment(), tmp_path / "whoosh")
    assert {name[-4:] for name in ours} == {".trm", ".pst", ".col"}


def _all_hits(ws: Workspace) -> dict[str, list[tuple]]:
    queries = ["visas", '"one in, one out"', "speaker:starmer", "small boats", "date:[2025-06-01 TO 2025-06-30]"]
    return {
        q: [
            (h.kind, h.source, h.offsets, round(h.score, 6), [f.text for f in h.fragments])
            for h in ws.search(q, sync=False).hits
        ]
        for q in queries
    }


def test_articles_indexed_by_a_helper_process_search_the_same(seeds_copy, tmp_path, monkeypatch):
    """A big update has a helper process index the articles while this one extracts: same index either way."""
    from briefing import index_writing as index_mod

    serial = open_ws(seeds_copy, tmp_path / "serial")
    serial.sync_index()
    monkeypatch.setattr(index_mod, "PARALLEL_MIN_ARTICLES", 1)
    monkeypatch.setattr(index_mod, "can_help", lambda: True)
    started = []
    real_job = index_mod.HelperProcess
    monkeypatch.setattr(index_mod, "HelperProcess", lambda *a: started.append(a[0]) or real_job(*a))
    parallel = open_ws(seeds_copy, tmp_path / "parallel")
    assert parallel.sync_index().added == 5
    assert started == ["briefing.index_writing:_segment_helper"]
    assert len(list((tmp_path / "parallel").glob("*.seg"))) == 2  # the helper's articles, our quotes
    assert _all_hits(parallel) == _all_hits(serial)
    # The next sync finds every article with its cached extraction: nothing to redo.
    (seeds_copy / "000_23ed8d137b3c117b.txt").touch()
    again = open_ws(seeds_copy, tmp_path / "parallel").sync_index()
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)


def test_a_failing_helper_process_leaves_the_previous_index(synced, index_dir, monkeypatch):
    from briefing import index_writing as index_mod

    before = _all_hits(synced)
    synced.close()
    for path in synced.corpus_dir.glob("*.txt"):
        path.write_text(path.read_text() + "\nA new closing line.\n")
    real_fields = index_mod._article_fields
    monkeypatch.setattr(index_mod, "PARALLEL_MIN_ARTICLES", 1)
    monkeypatch.setattr(index_mod, "can_help", lambda: True)
    # A field the schema lacks fails in the helper, after it has started writing its segment.
    monkeypatch.setattr(index_mod, "_article_fields", lambda doc: {**real_fields(doc), "no_such_field": "x"})
    files_before = sorted(p.name for p in index_dir.iterdir())
    with pytest.raises(Exception, match="no_such_field"):
        open_ws(synced.corpus_dir, index_dir).sync_index()
    assert sorted(p.name for p in index_dir.iterdir()) == files_before  # nothing half-written left
    assert _all_hits(open_ws(synced.corpus_dir, index_dir)) == before
    monkeypatch.setattr(index_mod, "_article_fields", real_fields)
    assert open_ws(synced.corpus_dir, index_dir).sync_index().updated == 5  # and the lock was released


@pytest.mark.parametrize(
    "query",
    ["date:[2025-06-01 TO 2025-06-30]", "visas date:>2025-06-01", "date:<20250701 migrants", "date:2025",
     "crossings date:{20250618 TO 20250709}", "speaker:starmer date:2025", "small AND boats AND date:[2025 TO]",
     "date:20250618 OR visas"],
)
def test_date_ranges_filter_exactly_as_whoosh_evaluates_them(synced, monkeypatch, query):
    """Top-level date ranges are applied as a filter of document numbers: the same hits, in the same order."""
    from briefing import index as index_mod

    def hits():
        return [(h.kind, h.source, h.offsets) for h in synced.search(query, limit=50, sync=False).hits]

    filtered = hits()
    monkeypatch.setattr(index_mod, "_split_date_ranges", lambda parsed: (parsed, []))
    assert filtered == hits()
    assert filtered or query.startswith("crossings")
