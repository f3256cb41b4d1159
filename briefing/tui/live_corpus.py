"""The corpus folder, watched while the app is open: a file added, changed or removed shows at once.

watchfiles (inotify and its kin, polling where there are none) reports changes; a burst of them
(an unpacked archive, a sync tool, `briefing add` with a feed) is gathered into one batch
(`STEP_MS` of quiet, at most `DEBOUNCE_MS`), and a batch that arrives while a refresh runs is
folded into the next one: 500 files copied in make one refresh, not 500.

A refresh has two steps. First the list: the folder is scanned and only the files that came or
went are read, and the app gets its current view with those sources added or dropped (in tens
of milliseconds at any corpus size). Then the index: a fresh Workspace on the same folders is
synced (which also picks up what another process already indexed: the app never holds on to a
stale list) and its view handed over, with quotes, figures and search; then the comparison
across sources runs and a last view brings the disputed figures. At 2,225 articles the sync
takes 1.2-1.7 s (the corpus read again, speakers resolved again from names cached per text, the
snapshot written whole; benchmarks/sync_phases.py), hence the first step. Search answers on
the new workspace while it compares (`Workspace.index` takes no lock once open). The app
keeps the open article, the reader's place, the pins and the search through both.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from briefing import corpus as corpus_mod
from briefing.corpus import ARTICLE_SUFFIXES, SOURCES_FILE, SPEAKERS_FILE
from briefing.hygiene import printable
from briefing.models import LoadWarning, Quote, SourceEntry, SourceRecord
from briefing.tui.data import CorpusView, build_view, index_view, open_workspace, sources_view

STEP_MS = 250  # quiet time that ends a batch of changes (a single change waits this long)
DEBOUNCE_MS = 2000  # longest a batch is held while changes keep coming (a long burst)
BUSY_RETRY_S = 1.0  # the index was being written by another process: try again after this
_SIDE_FILES = (SOURCES_FILE, SPEAKERS_FILE)


def concerns_corpus(path: str, corpus_dir: Path, index_dir: Path | None) -> bool:
    """True for a change the corpus view depends on: an article or a metadata file, not hidden,
    not inside the index folder (it may live in the corpus) and not a writer's temporary file."""
    p = Path(path)
    try:
        rel = p.relative_to(corpus_dir)
    except ValueError:
        return False
    if index_dir is not None and p.is_relative_to(index_dir):
        return False
    if any(part.startswith(".") for part in rel.parts):  # hidden files and folders; atomic writers' temporaries
        return False
    name = p.name.lower()
    return name.endswith(ARTICLE_SUFFIXES) or p.name in _SIDE_FILES or (
        "." not in p.name  # a folder (moved in or out whole): its articles change with it
    )


class OverlayRecords:
    """A view's records with the sources that just arrived (read from their files, not yet
    extracted) and without those that just went: what the list shows until the index catches up."""

    def __init__(self, base: Any, added: dict[str, SourceRecord], removed: set[str]) -> None:
        self._base, self._added, self._removed = base, added, removed

    def get(self, source_id: str) -> SourceRecord:
        if source_id in self._removed:
            raise KeyError(source_id)
        found = self._added.get(source_id)
        return found if found is not None else self._base.get(source_id)

    def quotes(self) -> list[Quote]:
        return [q for q in self._base.quotes() if q.source not in self._removed]

    def shared(self) -> dict[tuple[str, int, int], int]:
        return {k: n for k, n in self._base.shared().items() if k[0] not in self._removed}


def view_with_changes(view: CorpusView, corpus_dir: Path) -> CorpusView | None:
    """`view` with the articles added to or removed from `corpus_dir` since it was built, read
    without the index; None when no article came or went (a changed one waits for the index)."""
    warnings: list[LoadWarning] = []
    entries = corpus_mod.scan(corpus_dir, warnings)
    ids = corpus_mod.source_ids(entries)
    present = {ids[e.relpath]: e for e in entries}
    removed = {sid for sid in view.by_id if sid not in present}
    arrived = [sid for sid in present if sid not in view.by_id]
    if not removed and not arrived:
        return None
    metadata, policy = corpus_mod.reading_rules(corpus_dir, warnings)  # as the loader reads: no link out
    added: dict[str, SourceRecord] = {}
    for sid in arrived:
        source = corpus_mod.load_file(present[sid], sid, metadata, warnings, policy)
        if source is not None:
            added[sid] = SourceRecord(source)
    if not removed and not added:
        return None
    sources = [e for e in view.sources if e.id not in removed]
    sources += [SourceEntry(r.source.id, r.source.title, r.source.date, r.source.outlet) for r in added.values()]
    return index_view(CorpusView(
        name=view.name, corpus_dir=view.corpus_dir, records=OverlayRecords(view.records, added, removed),
        sources=sources, warnings=view.warnings, speakers=view.speakers, disputes=view.disputes,
        extracted=view.extracted,
    ))


class LiveCorpus:
    """Watches `corpus_dir` and calls `apply(workspace, view, report)` on the app's thread after each change.

    `apply` returns the workspace it replaced, closed here once no search can be using it.
    """

    def __init__(self, app: Any, corpus_dir: Path, index_dir: Path | None,
                 apply: Callable[[Any, Any, Any], Any], engine_lock: threading.Lock) -> None:
        self.app = app
        self.corpus_dir = Path(corpus_dir)
        self.index_dir = Path(index_dir) if index_dir else None
        self.apply = apply
        self.engine_lock = engine_lock
        self.refreshes = 0  # completed refreshes (tests count them: one per burst)
        self.last_latency: float | None = None  # seconds from the first change of a batch to its view applied
        self._stop = threading.Event()
        self._pending = threading.Event()
        self._first_change: float | None = None
        self.first_step_done: float | None = None  # when the last list-only update was shown
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        for target, name in ((self._watch, "briefing-watch"), (self._refresh_loop, "briefing-refresh")):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        self._stop.set()
        self._pending.set()

    def _watch(self) -> None:
        import watchfiles

        corpus, index = self.corpus_dir, self.index_dir
        try:
            for _changes in watchfiles.watch(
                corpus,
                watch_filter=lambda _change, path: concerns_corpus(path, corpus, index),
                debounce=DEBOUNCE_MS,
                step=STEP_MS,
                stop_event=self._stop,
                raise_interrupt=False,
                ignore_permission_denied=True,
            ):
                if self._first_change is None:
                    self._first_change = time.monotonic() - STEP_MS / 1000
                self._pending.set()
        except Exception as exc:  # the folder went away, too many watches: say so once, keep reading
            if not self._stop.is_set():
                self._notify(f"no longer watching the corpus folder: {exc}")

    def _refresh_loop(self) -> None:
        while True:
            self._pending.wait()
            if self._stop.is_set():
                return
            self._pending.clear()
            started = self._first_change
            self._first_change = None
            try:
                self._refresh()
            except Exception as exc:
                from briefing.index import IndexBusy

                if isinstance(exc, IndexBusy):  # another process is indexing: its result is picked up next time
                    time.sleep(BUSY_RETRY_S)
                    self._pending.set()
                    continue
                self._notify(f"could not re-read the corpus: {' '.join(str(exc).split())[:160]}")
                continue
            self.refreshes += 1
            if started is not None:
                self.last_latency = time.monotonic() - started

    def _refresh(self) -> None:
        shown, current = self.app.view, self.app.workspace
        quick = view_with_changes(shown, self.corpus_dir) if shown is not None else None
        if quick is not None:
            self._hand_over(current, quick, None)
            self.first_step_done = time.monotonic()
        ws = open_workspace(self.corpus_dir, self.index_dir)
        report = ws.sync_index()
        if self._stop.is_set():
            ws.close()
            return
        # The articles first (from the snapshot just written, without the comparison), then everything.
        quick = ws.extractions_cached() and not ws.results_cached()
        self._hand_over(ws, sources_view(ws) if quick else build_view(ws), report)
        if quick and not self._stop.is_set():
            self._hand_over(ws, build_view(ws), report)

    def _hand_over(self, ws: Any, view: Any, report: Any) -> None:
        try:
            old = self.app.call_from_thread(self.apply, ws, view, report)
        except RuntimeError:  # the app has gone
            self._stop.set()
            return
        if old is not None and old is not ws:
            with self.engine_lock:  # no search is reading it any more
                old.close()

    def _notify(self, message: str) -> None:
        with contextlib.suppress(RuntimeError):
            self.app.call_from_thread(
                self.app.notify, printable(message), title="Corpus", severity="warning", markup=False, timeout=8
            )
