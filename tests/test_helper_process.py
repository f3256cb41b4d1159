"""Work done in helper processes: the same results as done here, and failures that say what failed."""

from __future__ import annotations

import pytest

from briefing import extraction
from briefing.helper_process import HelperProcess, while_parent_lives
from briefing.workspace import Workspace
from tests.conftest import SEEDS


def _everything(ws: Workspace) -> tuple:
    """What a sync computes from the articles: quotes with their speakers, figures, search hits."""
    hits = {q: [(h.source, h.offsets) for h in ws.search(q, sync=False).hits]
            for q in ["visas", "speaker:starmer", '"small boats"', "kind:indirect"]}
    return ws.quotes(), ws.figures(), [s.name for s in ws.speakers()], hits


def test_a_helper_answers_with_its_function_s_return_value():
    from briefing.body_names import read_names
    from briefing.corpus import load_corpus

    sources = load_corpus(SEEDS).sources[:2]
    extractions, names = HelperProcess("briefing.extraction:_extract_helper", sources).result()
    assert extractions == [extraction.extract(s) for s in sources]
    # what naming the speakers reads in those bodies, read there instead of after extraction here
    assert names == read_names(s.body for s in sources)
    assert any(full for _runs, full in names.values())


def test_an_exception_in_a_helper_is_raised_here():
    job = HelperProcess("briefing.extraction:_extract_helper", [None])  # not a Source
    with pytest.raises(AttributeError, match="body"):
        job.result()


def test_a_helper_that_cannot_start_says_so_in_one_line():
    job = HelperProcess("briefing.no_such_module:work", [])
    with pytest.raises(OSError) as failed:
        job.result()
    message = str(failed.value)
    assert "helper process failed (briefing.no_such_module:work)" in message
    assert "No module named 'briefing.no_such_module'" in message
    assert "\n" not in message


def test_a_helper_whose_parent_has_gone_stops():
    import os

    assert list(while_parent_lives(range(450), os.getppid())) == list(range(450))
    checked = while_parent_lives(range(450), parent=os.getppid() + 1)  # not this process's parent
    with pytest.raises(OSError, match="went away"):
        next(checked)


@pytest.fixture
def extraction_helper(monkeypatch):
    """Extraction shared with a helper process from the first article on: the helpers started are listed."""
    monkeypatch.setattr(extraction, "PARALLEL_MIN_ARTICLES", 1)
    monkeypatch.setattr(extraction, "can_help", lambda: True)
    started: list[int] = []
    real_start = extraction._start_helper
    monkeypatch.setattr(extraction, "_start_helper", lambda todo: started.append(len(todo)) or real_start(todo))
    return started


def _serial(corpus, index_dir, monkeypatch) -> Workspace:
    """The same corpus synced with no helper, to compare with."""
    ws = Workspace.open(corpus, index_dir)
    with monkeypatch.context() as serial_only:
        serial_only.setattr(extraction, "PARALLEL_MIN_ARTICLES", 10**9)
        ws.sync_index()
    return ws


def test_articles_extracted_by_a_helper_process_give_the_same_briefing(seeds_copy, tmp_path, extraction_helper,
                                                                       monkeypatch):
    serial = _serial(seeds_copy, tmp_path / "serial", monkeypatch)
    parallel = Workspace.open(seeds_copy, tmp_path / "parallel")
    assert parallel.sync_index().added == 5
    assert extraction_helper == [2]  # 5 articles: the helper's share is 2, this process's 3
    assert _everything(parallel) == _everything(serial)
    assert _everything(parallel)[0]  # quotes were found: the comparison compared something


def test_a_failing_extraction_helper_leaves_the_work_to_this_process(seeds_copy, tmp_path, extraction_helper,
                                                                     monkeypatch):
    serial = _serial(seeds_copy, tmp_path / "serial", monkeypatch)
    monkeypatch.setattr(extraction, "_start_helper", lambda sources: HelperProcess("briefing.no_such:work", sources))
    parallel = Workspace.open(seeds_copy, tmp_path / "parallel")
    assert parallel.sync_index().added == 5
    assert _everything(parallel) == _everything(serial)


def test_a_helper_started_ahead_is_the_one_that_gets_the_work():
    from briefing import helper_process
    from briefing.corpus import load_corpus

    function = "briefing.extraction:_extract_helper"
    helper_process.start_ahead(function)
    try:
        ahead = helper_process._AHEAD[function]
        sources = load_corpus(SEEDS).sources[:1]
        job = HelperProcess(function, sources)
        assert job._process is ahead and function not in helper_process._AHEAD
        assert job.result()[0] == [extraction.extract(s) for s in sources]
    finally:
        helper_process.cancel_ahead()


def test_helpers_started_ahead_and_not_needed_are_stopped():
    from briefing import helper_process

    helper_process.start_ahead("briefing.index_writing:_segment_helper")
    ahead = helper_process._AHEAD["briefing.index_writing:_segment_helper"]
    helper_process.cancel_ahead()
    assert helper_process._AHEAD == {}
    assert ahead.returncode is not None  # ended and reaped, not left waiting on its stdin


def test_writers_stem_as_whoosh_does_through_the_memo():
    from briefing.index_storage import _schema
    from briefing.index_writing import fast_stemming

    text = "Ministers were running, ran and runs; the economies' economic growth grows. " * 3
    plain, memo = _schema(), _schema()
    fast_stemming(memo)
    fast_stemming(memo)  # once only: a second call keeps the memo it finds
    words = [(t.text, t.pos) for t in plain["body"].analyzer(text, positions=True)]
    assert [(t.text, t.pos) for t in memo["body"].analyzer(text, positions=True)] == words
    stem = next(i for i in memo["body"].analyzer.items if hasattr(i, "_stem"))._stem
    assert type(stem.__self__).__name__ == "_StemMemo" and "run" in stem.__self__.values()
