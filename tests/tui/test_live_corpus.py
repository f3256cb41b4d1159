"""A live corpus: files added, changed or removed while the app is open show without a restart.

Pilot tests check the reader's place, pins and search survive a refresh, that a burst of 500
files is one refresh, and that the list never goes stale (issue #21 item 11: a new article
found by search opens; a deleted one is gone). The tmux tests watch a real terminal: a title
on screen within 2 s of the file landing, and gone within 2 s of its removal. That bound holds
on a machine with a CPU to spare; on a loaded one (CI running other jobs) the time is measured
the same way and the bound is stretched by how oversubscribed the CPUs were (see `_bound`).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from terminal_helpers import Tmux, app_command, wait_for_file
from tui_helpers import SEEDS, screen_text, wait_for, wait_ready

from briefing.tui.app import BriefingApp
from briefing.tui.data import build_view
from briefing.tui.live_corpus import concerns_corpus, view_with_changes
from briefing.workspace import Workspace

NEW_ARTICLE = (
    "Harbour authority approves Quillmoor ferry link\n\n"
    "The harbour authority approved the Quillmoor ferry link on Tuesday, ending a decade of delays.\n\n"
    "\u201cThis is a good day for the islands,\u201d said the authority's chair, Ann Brodie. "
    "The project will cost £42m and open in 2027.\n"
)


def article(n: int) -> str:
    return (f"Zephyrine council note {n}\n\nThe zephyrine council met for session {n} and agreed "
            f"to publish its minutes. The chair said the vote was {n} to 2.\n")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


def test_which_changes_concern_the_corpus(tmp_path: Path) -> None:
    corpus, index = tmp_path / "c", tmp_path / "c" / "idx"
    assert concerns_corpus(str(corpus / "a.txt"), corpus, index)
    assert concerns_corpus(str(corpus / "sub" / "b.HTML"), corpus, index)
    assert concerns_corpus(str(corpus / "sources.yaml"), corpus, index)
    assert concerns_corpus(str(corpus / "newfolder"), corpus, index)  # a folder moved in whole
    assert not concerns_corpus(str(corpus / ".a.txt.x1y2.tmp"), corpus, index)  # an atomic writer's temporary
    assert not concerns_corpus(str(corpus / ".git" / "a.txt"), corpus, index)
    assert not concerns_corpus(str(index / "MAIN_1.seg.txt"), corpus, index)
    assert not concerns_corpus(str(corpus / "feeds.yaml"), corpus, index)
    assert not concerns_corpus(str(tmp_path / "elsewhere.txt"), corpus, index)


def test_the_list_changes_before_the_index_does(corpus: Path, tmp_path: Path) -> None:
    """The first step of a refresh: arrivals read from their files, departures dropped, no index."""
    ws = Workspace.open(corpus, tmp_path / "index")
    ws.sync_index()
    view = build_view(ws)
    assert view_with_changes(view, corpus) is None  # nothing came or went
    gone = view.sources[0].id
    next(corpus.glob(f"{gone}.*")).unlink()
    (corpus / "ferry.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    quick = view_with_changes(view, corpus)
    assert quick is not None
    assert "ferry" in quick.by_id and gone not in quick.by_id
    assert quick.entry("ferry").title == "Harbour authority approves Quillmoor ferry link"
    assert quick.source("ferry").body.startswith("The harbour authority approved")
    assert quick.source(gone) is None
    assert all(q.source != gone for q in quick.all_quotes())
    kept = view.sources[1].id
    assert quick.source(kept) == view.source(kept)  # the others as they were, from the snapshot
    ws.close()


async def test_added_article_shows_keeping_place_pins_and_search(corpus: Path, tmp_path: Path) -> None:
    app = BriefingApp(corpus, tmp_path / "index", theme="briefing-dark")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await wait_for(pilot, lambda: app.live_corpus is not None, "the watcher")
        sources = [s.id for s in app.view.sources]
        app.open_source(sources[1])
        await pilot.pause()
        reader_offset = app.query_one("Reader").cursor_offset
        await pilot.press("p")  # pin the article (or what is under the cursor)
        await pilot.pause()
        pins = list(app.state.pins)
        assert pins
        await pilot.press("slash")
        await pilot.press(*"quillmoor")
        await wait_for(pilot, lambda: app._last_search is not None and app._last_search.query == "quillmoor",
                       "the first search")
        assert not app._last_search.result.hits

        (corpus / "ferry.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        await wait_for(pilot, lambda: "ferry" in app.view.by_id, "the new article in the view")
        assert app.current == sources[1]  # still reading the same article, at the same place
        assert app.query_one("Reader").cursor_offset == reader_offset
        assert list(app.state.pins) == pins
        await wait_for(pilot, lambda: app._last_search is not None and app._last_search.result.hits,
                       "the search to be re-run and find the new article")
        assert [h.source for h in app._last_search.result.hits] == ["ferry"]
        assert "approves Quillmoor ferry" in screen_text(app)


async def test_search_hit_of_a_new_article_opens_and_a_deleted_one_is_gone(corpus: Path, tmp_path: Path) -> None:
    """Issue #21 item 11: never a hit that Enter cannot open, never a deleted article still listed."""
    app = BriefingApp(corpus, tmp_path / "index", theme="briefing-dark")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await wait_for(pilot, lambda: app.live_corpus is not None, "the watcher")
        (corpus / "ferry.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        await wait_for(pilot, lambda: "ferry" in app.view.by_id, "the new article in the view")
        result = app.workspace.search("quillmoor", limit=5)
        [hit] = result.hits
        app.open_hit(hit)
        await pilot.pause()
        assert app.current == "ferry"

        (corpus / "ferry.txt").unlink()
        await wait_for(pilot, lambda: "ferry" not in app.view.by_id, "the deleted article to leave the view")
        await wait_for(pilot, lambda: app.current != "ferry", "the reader to leave the deleted article")
        assert not app.workspace.search("quillmoor", limit=5).hits
        assert "Quillmoor" not in screen_text(app)


async def test_a_burst_of_500_files_is_one_refresh(corpus: Path, tmp_path: Path) -> None:
    app = BriefingApp(corpus, tmp_path / "index", theme="briefing-dark")
    staging = tmp_path / "staging"
    staging.mkdir()
    for n in range(500):
        (staging / f"note{n:03}.txt").write_text(article(n), encoding="utf-8")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await wait_for(pilot, lambda: app.live_corpus is not None, "the watcher")
        before = app.live_corpus.refreshes
        for path in sorted(staging.iterdir()):  # one by one, as a sync tool or an unpacked archive does
            shutil.copy(path, corpus / path.name)
        await wait_for(pilot, lambda: len(app.view.sources) == 505, "all 500 articles in the view")
        await wait_for(pilot, lambda: app.live_corpus.refreshes > before, "the refresh to finish (index and all)")
        await pilot.pause(3)  # time for a second refresh, if there were to be one
        assert app.live_corpus.refreshes == before + 1
        assert len(app.workspace.search("zephyrine", limit=600).hits) == 500


LIVE_BOUND_S = 2.0  # issue #22: a change in the corpus shows within 2 s


def _screen_change_after(tmux: Tmux, condition, what: str) -> float:
    """Seconds from now (just after the file was written) until `condition` holds on screen.

    Polled every 50 ms (the helper's default 200 ms would add up to a tenth of the bound); waits
    long enough to tell "slow" from "never", so the bound is asserted on a measured time.
    """
    started = time.monotonic()
    tmux.wait_for(condition, what, timeout=30, interval=0.05)
    return time.monotonic() - started


def _bound() -> float:
    """2 s, times how many runnable tasks each CPU had over the last minute when above one.

    On an idle or normally busy machine the bound is exactly the issue's; only a machine whose
    CPUs are oversubscribed (the app then waits its turn, which it cannot help) gets more time.
    """
    load = os.getloadavg()[0] / (os.cpu_count() or 1)
    return LIVE_BOUND_S * max(1.0, load)


def _start_app_in_tmux(tmp_path: Path, corpus: Path) -> tuple[Tmux, Path]:
    tmux = Tmux(tmp_path, width=120, height=35)
    # The pane's own size: a COLUMNS exported by pytest's readline would make the app draw narrower.
    tmux.start(app_command(corpus, tmp_path / "index", tmp_path, env_extra={"COLUMNS": "120", "LINES": "35"}))
    tmux.wait_for(lambda s: "index ready" in s, "the app to start and index")
    time.sleep(0.5)  # the watcher starts once the index is ready
    return tmux, tmp_path / "rc"


@pytest.mark.terminal
def test_new_article_title_on_screen_within_2s(tmp_path: Path, corpus: Path) -> None:
    tmux, rc = _start_app_in_tmux(tmp_path, corpus)
    try:
        staged = tmp_path / "ferry.txt"
        staged.write_text(NEW_ARTICLE, encoding="utf-8")
        shutil.copy(staged, corpus / "ferry.txt")
        took = _screen_change_after(tmux, lambda s: "Harbour authority" in s, "the new title on screen")
        bound = _bound()
        print(f"live corpus: new title on screen {took:.2f} s after the copy (bound {bound:.1f} s)")
        assert took <= bound
        tmux.keys("q")
        assert wait_for_file(rc) == "0"
    finally:
        tmux.stop()


@pytest.mark.terminal
def test_deleted_article_leaves_the_screen_within_2s(tmp_path: Path, corpus: Path) -> None:
    (corpus / "ferry.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    tmux, rc = _start_app_in_tmux(tmp_path, corpus)
    try:
        tmux.wait_for(lambda s: "Harbour authority" in s, "the article listed")
        (corpus / "ferry.txt").unlink()
        took = _screen_change_after(tmux, lambda s: "Harbour authority" not in s, "the title gone from the screen")
        bound = _bound()
        print(f"live corpus: deleted title gone {took:.2f} s after the removal (bound {bound:.1f} s)")
        assert took <= bound
        tmux.keys("q")
        assert wait_for_file(rc) == "0"
    finally:
        tmux.stop()


async def test_u_adds_a_url_from_the_app(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    """The key fetches the page into the corpus (from a server on 127.0.0.1); the live corpus shows it."""
    from tests.local_web import start_site
    from tests.web_pages import BBC

    if not BBC.is_dir():
        pytest.skip(f"BBC corpus not found at {BBC}")
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    site = start_site(count=1)
    [(path, spec)] = site.pages.items()
    app = BriefingApp(corpus, tmp_path / "index", theme="briefing-dark")
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_ready(pilot, app)
            await wait_for(pilot, lambda: app.live_corpus is not None, "the watcher")
            current = app.current
            await pilot.press("u")
            await pilot.pause()
            await pilot.press(*site.url(path), "enter")
            await wait_for(pilot, lambda: any(s.title == spec.title for s in app.view.sources),
                           "the fetched page in the view")
            assert app.current == current
            [added] = corpus.glob("*.html")
            assert added.read_bytes().startswith(b"<!-- briefing-fetch ")
    finally:
        site.close()


async def test_w_opens_the_original_page_and_only_a_web_address(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text('---\nurl: "https://news.example/a"\n---\n' + NEW_ARTICLE, encoding="utf-8")
    (corpus / "b.md").write_text('---\nurl: "javascript:alert(1)"\n---\n' + article(1), encoding="utf-8")
    app = BriefingApp(corpus, tmp_path / "index", theme="briefing-dark")
    opened: list[str] = []
    app.open_url = lambda url, **_: opened.append(url)  # the browser is the boundary: record what it is asked
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        app.open_source("a")
        await pilot.press("w")
        app.open_source("b")
        await pilot.press("w")
        await pilot.pause()
    assert opened == ["https://news.example/a"]


async def test_briefing_add_in_another_process_shows_in_the_open_app(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    """Another process fetches and indexes a page: the open app lists it, finds it and opens it,
    and a command-line search meanwhile answers as usual (issue #21 item 11's setting)."""
    import json

    from tests.conftest import run_cli
    from tests.local_web import start_site
    from tests.web_pages import BBC

    if not BBC.is_dir():
        pytest.skip(f"BBC corpus not found at {BBC}")
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    site = start_site(count=1, start=600)
    [(path, spec)] = site.pages.items()
    index = tmp_path / "index"
    app = BriefingApp(corpus, index, theme="briefing-dark")
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_ready(pilot, app)
            await wait_for(pilot, lambda: app.live_corpus is not None, "the watcher")
            added = run_cli("--corpus", str(corpus), "--index", str(index), "add", "--delay", "0", "--json",
                            site.url(path))
            assert added.returncode == 0, added.stderr
            [entry] = json.loads(added.stdout)["added"]
            found = run_cli("--corpus", str(corpus), "--index", str(index), "search", "migration", "--json")
            assert found.returncode == 0 and json.loads(found.stdout)
            await wait_for(pilot, lambda: any(s.title == spec.title for s in app.view.sources), "the page listed")
            words = " ".join(spec.body[0].split()[:5])
            await wait_for(pilot, lambda: bool(app.workspace.search(f'"{words}"', limit=3).hits), "search to find it")
            [hit] = app.workspace.search(f'"{words}"', limit=3).hits
            app.open_hit(hit)
            await pilot.pause()
            assert app.current == hit.source and app.view.entry(hit.source).title == spec.title
            assert entry["path"].endswith(".html")
    finally:
        site.close()
