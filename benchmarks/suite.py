"""The measurements: briefing beside bare Whoosh and SQLite FTS5, on one corpus folder.

Whole-process figures (`briefing index`, `briefing search`, the app) run as child
processes so that imports and start-up count, as they do for a user; search latency
and extraction are timed in this process on a warm index, as the app sees them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from benchmarks.baselines import BareWhoosh, Fts5, latencies
from benchmarks.queries import QUERIES, TYPED

REPO = Path(__file__).resolve().parents[1]
PROBE = Path(__file__).resolve().parent / "app_probe.py"
PEAK = Path(__file__).resolve().parent / "peak.py"
FLOOR = Path(__file__).resolve().parent / "textual_floor.py"
RG_QUERY = "prime minister"

# briefing's own indexing path with extraction switched off (benchmark only: no such option exists).
_NO_EXTRACTION = (
    "import sys, briefing.sync as s; from briefing.extraction import ArticleExtraction; "
    "s.extract_many = lambda sources: ((source, ArticleExtraction()) for source in sources); "
    "from briefing.cli import main; sys.exit(main(sys.argv[1:]))"
)


@dataclass(frozen=True, slots=True)
class Plan:
    """How many times to repeat each measurement (medians are taken over the repeats)."""

    builds: int = 3
    processes: int = 5
    search: int = 5
    app: int = 3
    extraction_sample: int | None = None  # articles timed for ms/article; None = all
    app_enabled: bool = True


QUICK = Plan(builds=1, processes=3, search=3, app=1, extraction_sample=500)
TINY = Plan(builds=1, processes=1, search=1, app=1, extraction_sample=5)


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    cpu_s: float  # user + system: steadier than wall time on a shared machine
    rss_mb: float
    stdout: str


def child_env(home: Path) -> dict[str, str]:
    """The environment of every child: this checkout first, user folders in the benchmark's temp dir."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(x for x in (str(REPO), env.get("PYTHONPATH")) if x)
    for kind in ("cache", "data", "config"):
        env[f"BRIEFING_{kind.upper()}_DIR"] = str(home / kind)
    env.pop("BRIEFING_CORPUS", None)
    return env


def run_process(argv: Sequence[str], env: dict[str, str], ok: Sequence[int] = (0,), *, peak: bool = False) -> Run:
    """Run a child to its end; wall seconds, CPU seconds and peak RSS.

    With `peak`, a `python -m`/`-c` child runs under `peak.py`, which reports its own peak;
    otherwise the RSS is wait4's, which starts from this process's peak (see peak.py).
    """
    python = peak and len(argv) > 1 and argv[0] == sys.executable and argv[1] in ("-m", "-c")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile() as high:
        if python:
            argv = [sys.executable, str(PEAK), high.name, *argv[1:]]
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env, cwd=REPO)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        if proc.returncode not in ok:
            message = err.read().decode("utf-8", "replace").strip().splitlines()[-3:]
            raise RuntimeError(f"{' '.join(argv[:4])}… exited {proc.returncode}: {' | '.join(message)}")
        own = Path(high.name).read_text().strip() if python else ""
    rss = float(own) if own else usage.ru_maxrss / 1024
    return Run(seconds, usage.ru_utime + usage.ru_stime, rss, stdout)


def briefing_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "briefing", *args]


def folder_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def percentile(values: Sequence[float], pct: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def ms_stats(seconds: Sequence[float]) -> dict[str, float]:
    return {"p50_ms": percentile(seconds, 50) * 1000, "p95_ms": percentile(seconds, 95) * 1000}


# --- the measurements ---------------------------------------------------------------------------


def bench_builds(corpus: Path, work: Path, env: dict[str, str], plan: Plan) -> dict:
    """Full builds: briefing with and without extraction (whole process), bare Whoosh, FTS5."""
    index = work / "index"
    full, off, bare, bare_cpu, fts = [], [], [], [], []
    for _ in range(plan.builds):
        bare_dir = work / "bare"
        shutil.rmtree(bare_dir, ignore_errors=True)
        cpu = time.process_time()
        bare.append(BareWhoosh(bare_dir).build(corpus))
        bare_cpu.append(time.process_time() - cpu)
        fts.append(Fts5(work / "fts.db").build(corpus))
        off.append(run_process(
            [sys.executable, "-c", _NO_EXTRACTION, "index", "--rebuild", "--corpus", str(corpus),
             "--index", str(work / "index-noextract")], env))
        full.append(
            run_process(briefing_cmd("index", "--rebuild", "--corpus", str(corpus), "--index", str(index)), env,
                        peak=True)
        )
    return {
        "briefing_s": median(r.seconds for r in full),
        "briefing_cpu_s": median(r.cpu_s for r in full),
        "briefing_noextract_s": median(r.seconds for r in off),
        "briefing_noextract_cpu_s": median(r.cpu_s for r in off),
        "bare_whoosh_s": median(bare),
        "bare_whoosh_cpu_s": median(bare_cpu),
        "fts5_s": median(fts),
        "briefing_mb": folder_mb(index),
        "briefing_noextract_mb": folder_mb(work / "index-noextract"),
        "bare_whoosh_mb": folder_mb(work / "bare"),
        "fts5_mb": folder_mb(work / "fts.db"),
        "indexer_rss_mb": max(r.rss_mb for r in full),
    }


def bench_rerun(corpus: Path, work: Path, env: dict[str, str], plan: Plan) -> dict:
    """`briefing index` on an unchanged corpus, as a whole process."""
    runs = [
        run_process(briefing_cmd("index", "--corpus", str(corpus), "--index", str(work / "index")), env)
        for _ in range(plan.processes)
    ]
    if "0 added, 0 updated, 0 removed" not in runs[-1].stdout:
        raise RuntimeError(f"the re-run was not unchanged: {runs[-1].stdout.strip()}")
    return {
        "briefing_s": median(r.seconds for r in runs),
        "briefing_cpu_s": median(r.cpu_s for r in runs),
    }


def bench_search(corpus: Path, work: Path, plan: Plan) -> dict:
    """Latency over the 50 queries, top 10, plain and with 3 highlighted fragments per hit."""
    from briefing.workspace import Workspace

    ws = Workspace.open(corpus, work / "index")
    ws.sync_index()
    bare = BareWhoosh(work / "bare")
    bare.open()
    fts = Fts5(work / "fts.db")
    fts.open()

    class Ours:
        def search(self, q, highlight: bool) -> int:
            return len(ws.search(q.text, limit=10, highlight=highlight).hits)

    out: dict = {"hits": {}}
    for name, engine in (("briefing", Ours()), ("bare_whoosh", bare), ("fts5", fts)):
        for highlight in (False, True):
            key = f"{name}_{'highlight' if highlight else 'plain'}"
            per_query = latencies(engine, QUERIES, highlight, plan.search)
            out[key] = ms_stats(per_query)
            out[key]["per_query_ms"] = {q.text: t * 1000 for q, t in zip(QUERIES, per_query, strict=True)}
        out["hits"][name] = {q.text: engine.search(q, False) for q in QUERIES}
    ws.close()
    bare.close()
    fts.close()
    return out


def bench_extraction(corpus: Path, plan: Plan) -> dict:
    """Quote and figure extraction per article, in this process."""
    from briefing.corpus import load_corpus
    from briefing.figures import extract_figures
    from briefing.quotes import extract_quotes

    sources = load_corpus(corpus).sources
    if plan.extraction_sample:
        step = max(1, len(sources) // plan.extraction_sample)
        sources = sources[::step][: plan.extraction_sample]
    started = time.perf_counter()
    quotes = sum(len(extract_quotes(s)) for s in sources)
    quote_s = time.perf_counter() - started
    started = time.perf_counter()
    figures = sum(len(extract_figures(s)) for s in sources)
    figure_s = time.perf_counter() - started
    n = max(1, len(sources))
    return {
        "articles": len(sources),
        "quotes": quotes,
        "figures": figures,
        "quotes_ms_per_article": quote_s / n * 1000,
        "figures_ms_per_article": figure_s / n * 1000,
    }


def bench_cli_search(corpus: Path, index: Path, env: dict[str, str], plan: Plan, rg: bool = True) -> dict:
    """`briefing search` as a whole process on an up-to-date index, beside `rg -i` on the folder."""
    cmd = briefing_cmd("search", "--corpus", str(corpus), "--index", str(index), RG_QUERY)
    run_process(cmd, env, ok=(0, 1))  # the index is current before timing
    out = {"briefing_s": median(run_process(cmd, env, ok=(0, 1)).seconds for _ in range(plan.processes))}
    rg_path = shutil.which("rg")
    if rg and rg_path:
        out["rg_s"] = median(
            run_process([rg_path, "-i", RG_QUERY, str(corpus)], env, ok=(0, 1)).seconds for _ in range(plan.processes)
        )
    return out


def bench_app(corpus: Path, index: Path, env: dict[str, str], plan: Plan, typed: Sequence[str] = TYPED,
              *, repeats: int | None = None, floor: bool = False) -> dict:
    """The app headless (`run_test`), index already built: first frame, as-you-type results, peak RSS.

    The first opening after `briefing index` also compares the sources (the index command does
    not) and rewrites the snapshot: it is reported on its own (`first_open`); the medians are of
    the openings after it, which is every opening until the corpus changes. With `floor`, each
    opening alternates with one of a bare Textual app on the same files (`textual_floor.py`).
    """

    def probe(script: Path = PROBE, *args: str) -> dict:
        argv = [sys.executable, str(script), "--corpus", str(corpus), *args, "--launched", repr(time.time())]
        run = run_process(argv, env)
        return json.loads(run.stdout.strip().splitlines()[-1])  # with the probe's own peak RSS

    app_args = ["--index", str(index)]
    for query in typed:
        app_args += ["--type", query]
    first = probe(PROBE, *app_args)
    runs, floors = [], []
    for _ in range(repeats or plan.app):
        if floor:
            floors.append(probe(FLOOR)["first_frame"])
        runs.append(probe(PROBE, *app_args))
    typed_all = [t for r in runs for t in r["typed"].values()]
    return {
        "sources": runs[0]["sources"],
        "imported_s": median(r["imported"] for r in runs),
        "mounted_s": median(r["mounted"] for r in runs),
        "first_frame_s": median(r["first_frame"] for r in runs),
        # from BriefingApp() on: without Python's start and the imports, mostly Textual's
        "first_frame_app_s": median(r["first_frame_app"] for r in runs),
        "ready_s": median(r["ready"] for r in runs),
        "typed_p50_ms": percentile(typed_all, 50) * 1000 if typed_all else None,
        "typed_max_ms": max(typed_all) * 1000 if typed_all else None,
        "typed_hits": runs[-1]["hits"],
        "rss_mb": max(r["rss_mb"] for r in runs),
        "first_open": {"first_frame_s": first["first_frame"], "ready_s": first["ready"], "rss_mb": first["rss_mb"]},
        "textual_floor_s": median(floors) if floors else None,
    }


def bench_corpus(corpus: Path, work: Path, env: dict[str, str], plan: Plan, log=print) -> dict:
    """Every measurement on one corpus folder; `work` holds its indexes."""
    from benchmarks.corpora import article_files

    work.mkdir(parents=True, exist_ok=True)
    out: dict = {"corpus": str(corpus), "documents": len(article_files(corpus))}
    steps = [
        ("build", f"builds ({plan.builds}×)", lambda: bench_builds(corpus, work, env, plan)),
        ("rerun", "unchanged re-run", lambda: bench_rerun(corpus, work, env, plan)),
        ("search", "search latency", lambda: bench_search(corpus, work, plan)),
        ("extraction", "extraction", lambda: bench_extraction(corpus, plan)),
        ("cli_search", "briefing search as a process", lambda: bench_cli_search(corpus, work / "index", env, plan)),
    ]
    if plan.app_enabled:
        steps.append(("app", "the app", lambda: bench_app(corpus, work / "index", env, plan)))
    for key, what, step in steps:
        log(f"  {what}…")
        started = time.perf_counter()
        try:
            out[key] = step()
        except Exception as exc:  # one failed measurement must not lose the others
            if key == "build":
                raise
            out[key] = {"error": f"{type(exc).__name__}: {exc}"}
            log(f"  {what} failed: {exc}")
        log(f"  … {time.perf_counter() - started:.0f} s")
    return out


def bench_seeds(seeds: Path, work: Path, env: dict[str, str], plan: Plan) -> dict:
    """The bundled seeds: `briefing search` as a process and the app's first frame."""
    index = work / "index"
    run_process(briefing_cmd("index", "--corpus", str(seeds), "--index", str(index)), env)
    out = {"cli_search": bench_cli_search(seeds, index, env, plan, rg=False)}
    if plan.app_enabled:
        # A second or less a run: enough runs for a median that two shared cores do not sway.
        out["app"] = bench_app(seeds, index, env, plan, typed=("prime minister", "macron"),
                               repeats=max(plan.app, 7), floor=True)
    return out
