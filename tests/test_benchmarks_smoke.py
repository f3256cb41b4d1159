"""The benchmark's code paths on the seeds, each run once, so that `benchmarks/run.py` cannot rot.

Asserts what the benchmark measures and reports (builds that index every seed, searches that
find what they should in all three engines, a 2x copy with distinct ids, the app probe reaching
its first frame), never how fast: timings belong to `python benchmarks/run.py`, not to CI.
Also holds the guards of the speed fixes themselves (fast highlight tokens, the snapshot).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SEEDS

sys.path.insert(0, str(REPO))

from benchmarks import run as bench_run
from benchmarks.baselines import BareWhoosh, Fts5
from benchmarks.corpora import article_files, make_scaled_copy, read_all
from benchmarks.queries import QUERIES, BenchQuery
from benchmarks.suite import TINY


def test_query_set_covers_every_kind() -> None:
    kinds = {q.kind for q in QUERIES}
    assert kinds == {"single", "and", "phrase", "prefix", "speaker", "date"}
    assert len({q.text for q in QUERIES}) == 50
    assert BenchQuery("speaker:blair AND war", "speaker", "blair AND war").bare == "blair AND war"


def test_scaled_copy_has_distinct_ids_and_varied_text(tmp_path: Path) -> None:
    count = make_scaled_copy(SEEDS, tmp_path / "x2", factor=2)
    files = article_files(tmp_path / "x2")
    assert count == len(files) == 2 * len(article_files(SEEDS))
    assert len({f.stem for f in files}) == count
    docs = {d.id: d for d in read_all(tmp_path / "x2")}
    assert all(d.date is not None and d.title and d.body for d in docs.values())
    first = article_files(SEEDS)[0].stem
    assert docs[f"{first}_0"].title != docs[f"{first}_1"].title


def test_baselines_find_the_same_seed_articles(tmp_path: Path) -> None:
    bare, fts = BareWhoosh(tmp_path / "bare"), Fts5(tmp_path / "fts.db")
    assert bare.build(SEEDS) > 0 and fts.build(SEEDS) > 0
    bare.open()
    fts.open()
    try:
        phrase = next(q for q in QUERIES if q.text == '"prime minister"')
        for highlight in (False, True):
            assert bare.search(phrase, highlight) == fts.search(phrase, highlight) == 5
        for q in QUERIES:  # every query runs in both engines without raising
            bare.search(q, True)
            fts.search(q, True)
    finally:
        bare.close()
        fts.close()


def test_the_build_without_extraction_indexes_no_quotes(tmp_path: Path) -> None:
    """What `build, extraction off` times must really skip extraction (it once patched a name sync no longer used)."""
    import subprocess

    from benchmarks.suite import _NO_EXTRACTION, child_env
    from briefing.index import SearchIndex

    argv = [sys.executable, "-c", _NO_EXTRACTION, "index", "--corpus", str(SEEDS), "--index", str(tmp_path / "ix")]
    subprocess.run(argv, env=child_env(tmp_path / "home"), check=True, capture_output=True)
    index = SearchIndex(tmp_path / "ix").open()
    try:
        assert len(index.articles()) == 5
        assert index.quote_speakers() == {}
    finally:
        index.close()


def test_whole_run_on_the_seeds_reports_every_figure(tmp_path: Path) -> None:
    """The full command on the seeds (as the 1x corpus) with one repeat of everything."""
    out = tmp_path / "out.json"
    results = bench_run.run(SEEDS, TINY, seeds=None, log=lambda _msg: None)  # the seeds as the 1x corpus
    out.write_text(json.dumps(results, default=str))
    one = results["1x"]
    assert one["documents"] == 5
    build = one["build"]
    assert build["briefing_s"] > 0 and build["bare_whoosh_s"] > 0 and build["fts5_s"] > 0
    assert build["briefing_mb"] > 0 and build["indexer_rss_mb"] > 0
    assert one["rerun"]["briefing_s"] > 0
    hits = one["search"]["hits"]
    assert hits["briefing"]['"prime minister"'] == hits["bare_whoosh"]['"prime minister"'] == 5
    assert hits["fts5"]['"prime minister"'] == 5
    assert all(set(hits[engine]) == {q.text for q in QUERIES} for engine in ("briefing", "bare_whoosh", "fts5"))
    for mode in ("plain", "highlight"):
        assert one["search"][f"briefing_{mode}"]["p95_ms"] >= one["search"][f"briefing_{mode}"]["p50_ms"] > 0
    assert one["extraction"]["quotes"] > 0 and one["extraction"]["figures"] > 0
    assert one["cli_search"]["briefing_s"] > 0
    app = one["app"]
    assert app["sources"] == 5 and app["mounted_s"] <= app["first_frame_s"] <= app["ready_s"]
    assert app["typed_hits"]["prime minister"] == 5
    table = bench_run.table(results)
    for label in ("full build with extraction", "search highlight p95", "app first frame", "unchanged re-run"):
        assert label in table


def test_seeds_first_frame_is_reported_beside_a_bare_textual_app(tmp_path: Path) -> None:
    from benchmarks.suite import bench_app, child_env

    app = bench_app(SEEDS, tmp_path / "index", child_env(tmp_path / "home"), TINY, typed=("macron",),
                    repeats=1, floor=True)
    assert app["sources"] == 5 and app["first_frame_s"] > 0
    assert 0 < app["textual_floor_s"] < 60
    table = bench_run.table({"seeds": {"cli_search": {"briefing_s": 0.2}, "app": app}})
    assert "a bare Textual app's first frame, the floor" in table


# --- guards of the speed fixes ----------------------------------------------------------------


def test_fast_highlight_tokens_match_the_index_analyser() -> None:
    """`index_highlight._tokens` must analyse exactly as the schema's analyser, or highlights drift."""
    from briefing.corpus import load_corpus
    from briefing.index_highlight import _tokens
    from briefing.index_storage import _analyzer

    analyzer = _analyzer()
    texts = [s.body for s in load_corpus(SEEDS).sources]
    texts += ["Ünïcode café £3.5bn U.S. e-mail 1,000 naïve ’quoted’ x.y.z Delaware* co-operate 9/11"]
    for text in texts:
        expected = [(t.text, t.startchar, t.endchar) for t in analyzer(text, chars=True, mode="index")]
        assert _tokens(text) == expected


def test_snapshot_serves_a_second_workspace_and_notices_changes(seeds_copy: Path, index_dir: Path) -> None:
    from briefing import snapshot
    from briefing.workspace import Workspace

    first = Workspace.open(seeds_copy, index_dir)
    first.sync_index()
    quotes, comparison = first.quotes(), first.comparison()
    assert (index_dir / snapshot.SNAPSHOT_NAME).is_file()

    second = Workspace.open(seeds_copy, index_dir)
    assert second._current_store() is not None
    assert [q.text for q in second.quotes()] == [q.text for q in quotes]
    assert second.comparison() == comparison

    path = article_files(seeds_copy)[0]
    path.write_text(path.read_text("utf-8") + "\nA new closing line.\n", "utf-8")
    third = Workspace.open(seeds_copy, index_dir)
    assert third._current_store() is None
    assert "A new closing line." in third.source(path.stem).body


def test_damaged_or_foreign_snapshot_is_not_used(seeds_copy: Path, index_dir: Path, tmp_path: Path) -> None:
    from briefing import snapshot
    from briefing.workspace import Workspace

    ws = Workspace.open(seeds_copy, index_dir)
    ws.sync_index()
    ws.quotes()
    target = index_dir / snapshot.SNAPSHOT_NAME
    target.write_bytes(target.read_bytes()[:100])
    again = Workspace.open(seeds_copy, index_dir)
    assert again._current_store() is None and not target.exists()
    assert len(again.sources) == 5

    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / snapshot.SNAPSHOT_NAME).write_bytes(b"not a pickle of ours")
    assert snapshot.load(foreign, snapshot.corpus_key(seeds_copy)) is None


@pytest.mark.parametrize("name", ["benchmarks/run.py", "benchmarks/app_probe.py"])
def test_scripts_start(name: str) -> None:
    import subprocess

    done = subprocess.run([sys.executable, str(REPO / name), "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "usage" in done.stdout


def test_a_childs_peak_memory_is_its_own_not_the_benchmarks(tmp_path: Path) -> None:
    """Linux carries a parent's memory high-water mark over fork and exec into the child's ru_maxrss."""
    import sys

    from benchmarks.suite import child_env, run_process

    ballast = bytearray(200 * 2**20)
    ballast[:: 2**12] = b"\1" * len(ballast[:: 2**12])  # touched, so resident
    env = child_env(tmp_path)
    small = run_process([sys.executable, "-c", "x = bytearray(30 * 2**20); x[::4096] = b'1' * len(x[::4096])"],
                        env, peak=True)
    assert 30 < small.rss_mb < 120  # wait4 said 200 and more
    del ballast
