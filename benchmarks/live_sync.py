"""Time the app's live refresh at BBC scale: one article added, changed, removed.

Usage: python benchmarks/live_sync.py [CORPUS] [--live] [--profile]
The corpus is copied to a temporary folder and indexed once; then each change is made and timed
as `briefing.tui.live_corpus` does it (a fresh Workspace, `sync_index`, then the view the app
shows, then a search that must find the change). Best of 3 per change.
With --live, the real watcher (`LiveCorpus`, watchfiles) runs instead, and the time is taken from
the file write to the moment the workspace handed over finds the change by search.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from briefing.tui.data import build_view, sources_view
from briefing.workspace import Workspace

MARK = "zyxwquaffle"


def refresh(corpus: Path, index: Path, query: str, want: bool) -> dict[str, float]:
    t0 = time.perf_counter()
    ws = Workspace.open(corpus, index)
    ws.sync_index()
    t_sync = time.perf_counter()
    found = bool(ws.search(query, sync=False).hits)
    t_search = time.perf_counter()
    quick = ws.extractions_cached() and not ws.results_cached()
    (sources_view(ws) if quick else build_view(ws))
    t_view = time.perf_counter()
    if quick:
        build_view(ws)
    t_full = time.perf_counter()
    ws.close()
    assert found == want, (query, found, want)
    return {"sync": t_sync - t0, "search": t_search - t0, "view": t_view - t0, "full": t_full - t0}


class _App:
    """What LiveCorpus needs of the app: its view and workspace, replaced on the refresh thread."""

    def __init__(self, ws: Workspace) -> None:
        self.workspace, self.view = ws, build_view(ws)

    def call_from_thread(self, fn, *args, **kwargs):
        return fn(*args, **kwargs)

    def notify(self, message, **_kwargs) -> None:
        print("notice:", message)

    def apply(self, ws, view, _report):
        old, self.workspace, self.view = self.workspace, ws, view
        return old


def live(corpus: Path, index: Path) -> dict[str, list[float]]:
    import threading

    from briefing.tui.live_corpus import LiveCorpus

    app = _App(Workspace.open(corpus, index))
    app.workspace.sync_index()
    lock = threading.Lock()
    watcher = LiveCorpus(app, corpus, index, app.apply, lock)
    watcher.start()
    time.sleep(1.0)

    def until(query: str, want: bool) -> float:
        """Seconds until search agrees; then waits for the refresh (comparison and all) to end,
        so the next change is timed on its own."""
        t0, done = time.perf_counter(), watcher.refreshes
        while time.perf_counter() - t0 < 60:
            with lock:
                found = bool(app.workspace.search(query, sync=False).hits)
            if found == want:
                took = time.perf_counter() - t0
                while watcher.refreshes == done and time.perf_counter() - t0 < 60:
                    time.sleep(0.05)
                return took
            time.sleep(0.02)
        raise AssertionError(query)

    victim = sorted(corpus.rglob("*.txt"))[200]
    original = victim.read_text()
    out: dict[str, list[float]] = {"add": [], "change": [], "remove": []}
    for n in range(3):
        new = corpus / f"zz_live_{n}.txt"
        new.write_text(f"Live article {n}\n\n\"We will {MARK}l{n} now,\" said Tony Blair.\n")
        out["add"].append(until(f"{MARK}l{n}", True))
        time.sleep(0.5)
        victim.write_text(original.replace("\n", f"\n{MARK}m{n} ", 1))
        out["change"].append(until(f"{MARK}m{n}", True))
        time.sleep(0.5)
        new.unlink()
        out["remove"].append(until(f"{MARK}l{n}", False))
        time.sleep(0.5)
    watcher.stop()
    return out


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    src = Path(args[0] if args else "/work/shared/corpora/bbc")
    tmp = Path(tempfile.mkdtemp(prefix="bench-live-"))
    corpus, index = tmp / "bbc", tmp / "index"
    shutil.copytree(src, corpus)
    t = time.perf_counter()
    ws = Workspace.open(corpus, index)
    ws.sync_index()
    build_view(ws)
    ws.close()
    print(f"first build: {time.perf_counter() - t:.2f} s")
    if "--live" in sys.argv:
        for kind, times in live(corpus, index).items():
            print(f"{kind}: file write -> search finds it: best {min(times):.2f} s, all "
                  + " ".join(f"{x:.2f}" for x in times))
        shutil.rmtree(tmp)
        return
    victim = sorted(corpus.rglob("*.txt"))[100]
    original = victim.read_text()
    results: dict[str, list[dict[str, float]]] = {"add": [], "change": [], "remove": []}
    for n in range(3):
        new = corpus / f"zz_added_{n}.txt"
        new.write_text(f"Added article {n}\n\n\"We will {MARK}{n} now,\" said Tony Blair.\n")
        results["add"].append(refresh(corpus, index, f"{MARK}{n}", True))
        victim.write_text(original.replace("\n", f"\n{MARK}c{n} ", 1))
        results["change"].append(refresh(corpus, index, f"{MARK}c{n}", True))
        new.unlink()
        results["remove"].append(refresh(corpus, index, f"{MARK}{n}", False))
    for kind, runs in results.items():
        best = {k: min(r[k] for r in runs) for k in runs[0]}
        print(kind, " ".join(f"{k} {v:.2f}s" for k, v in best.items()))
    shutil.rmtree(tmp)


if __name__ == "__main__":
    if "--profile" in sys.argv:
        import cProfile

        cProfile.run("main()", "/tmp/bench_live.prof")
    else:
        main()
