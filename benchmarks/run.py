"""Benchmark briefing against bare Whoosh and SQLite FTS5: `python benchmarks/run.py [BBC_DIR] [options]`.

Prints one table (every figure beside its baselines, as ratios, with the target it is held to)
and writes the raw figures as JSON (default `benchmarks/results/<time>.json`, git-ignored).
`--scale10` adds a 10x copy of the corpus (22,250 documents at BBC size) made in a temp dir;
it takes a while on two cores. `--quick` runs each measurement fewer times.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import sys
import tempfile
import time
from dataclasses import asdict, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.suite import QUICK, REPO, Plan, bench_corpus, bench_seeds, child_env

DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "bbc"
SEEDS = REPO / "seeds"

# Absolute targets from issue 7 (seconds, milliseconds, MB); ratio targets are checked in `rows`.
SEARCH_P95_MS = {"1x": 15.0, "10x": 35.0}
FIRST_FRAME_S = {"seeds": 0.5, "1x": 1.0}
TYPED_MS = 100.0
CLI_SEEDS_S = 0.3
APP_RSS_MB_10X = 150.0


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}×" if a is not None and b else "–"


def _verdict(ok: bool | None) -> str:
    return "" if ok is None else ("met" if ok else "MISSED")


def rows(results: dict) -> list[tuple[str, str, str, str, str, str, str]]:
    """(metric, briefing, bare Whoosh, FTS5, ratio to bare, ratio to FTS5, target and verdict)."""
    out = []

    def row(metric, ours, bare=None, fts=None, fmt="{:.2f}", target="", ok=None):
        def show(v):
            return fmt.format(v) if v is not None else "–"

        out.append((metric, show(ours), show(bare), show(fts), _ratio(ours, bare), _ratio(ours, fts),
                    f"{target} {_verdict(ok)}".strip()))

    seeds = results.get("seeds")
    if seeds:
        cli = seeds["cli_search"]["briefing_s"]
        row("seeds: briefing search, process (s)", cli, target=f"≤ {CLI_SEEDS_S} s", ok=cli <= CLI_SEEDS_S)
        if "app" in seeds:
            ff = seeds["app"]["first_frame_s"]
            row("seeds: app first frame (s)", ff, target=f"≤ {FIRST_FRAME_S['seeds']} s",
                ok=ff <= FIRST_FRAME_S["seeds"])
            row("seeds: same, from BriefingApp() (s)", seeds["app"]["first_frame_app_s"])
            floor = seeds["app"].get("textual_floor_s")
            if floor:
                out.append(("seeds: a bare Textual app's first frame, the floor (s)", f"{floor:.2f}", "", "", "", "",
                            f"briefing: {_ratio(ff, floor)}, +{ff - floor:.2f} s"))
    for label in ("1x", "10x"):
        r = results.get(label)
        if not r:
            continue
        p = f"{label} ({r['documents']} docs): "
        b = r["build"]
        row(p + "full build with extraction (s)", b["briefing_s"], b["bare_whoosh_s"], b["fts5_s"],
            target="≤ 1.3× bare", ok=b["briefing_s"] <= 1.3 * b["bare_whoosh_s"])
        row(p + "  same, CPU seconds (steadier when shared)", b.get("briefing_cpu_s"), b.get("bare_whoosh_cpu_s"))
        row(p + "build, extraction off (s)", b["briefing_noextract_s"], b["bare_whoosh_s"], b["fts5_s"])
        row(p + "  same, CPU seconds", b.get("briefing_noextract_cpu_s"), b.get("bare_whoosh_cpu_s"))
        row(p + "index size (MB)", b["briefing_mb"], b["bare_whoosh_mb"], b["fts5_mb"], fmt="{:.1f}")
        row(p + "index size, extraction off (MB)", b["briefing_noextract_mb"], b["bare_whoosh_mb"], b["fts5_mb"],
            fmt="{:.1f}")
        for key in ("rerun", "search", "extraction", "cli_search", "app"):
            if "error" in r.get(key, {}):
                out.append((p + f"{key}: FAILED", "", "", "", "", "", r[key]["error"][:100]))
                r = {**r, key: None}
        rerun = r["rerun"]["briefing_s"] if r["rerun"] else float("nan")
        out.append((p + "unchanged re-run, process (s)", f"{rerun:.2f}", "", "", "", "",
                    f"{rerun / b['briefing_s']:.1%} of build; ≤ 5% {_verdict(rerun <= 0.05 * b['briefing_s'])}"))
        s = r["search"] or {}
        for mode in ("plain", "highlight") if s else ():
            for stat in ("p50_ms", "p95_ms"):
                ours = s[f"briefing_{mode}"][stat]
                bare, fts = s[f"bare_whoosh_{mode}"][stat], s[f"fts5_{mode}"][stat]
                target, ok = "", None
                if mode == "highlight" and stat == "p95_ms":
                    cap = SEARCH_P95_MS.get(label)
                    target = f"≤ 1.2× bare, ≤ {cap:g} ms"
                    ok = ours <= 1.2 * bare and ours <= cap
                row(p + f"search {mode} {stat[:3]} (ms)", ours, bare, fts, fmt="{:.1f}", target=target, ok=ok)
        e = r["extraction"] or {}
        row(p + "quote extraction (ms/article)", e.get("quotes_ms_per_article"))
        row(p + "figure extraction (ms/article)", e.get("figures_ms_per_article"))
        c = r["cli_search"] or {"briefing_s": float("nan")}
        out.append((p + "briefing search, process (s) vs rg -i (s)", f"{c['briefing_s']:.3f}",
                    "", "", "", "", f"rg {c['rg_s']:.3f} s: {_ratio(c['briefing_s'], c['rg_s'])}"
                    if c.get("rg_s") else ""))
        row(p + "indexer peak RSS, main process (MB)", b["indexer_rss_mb"], fmt="{:.0f}")
        a = r.get("app")
        if a:
            cap = FIRST_FRAME_S.get(label)
            row(p + "app first frame (s)", a["first_frame_s"], target=f"≤ {cap:g} s" if cap else "",
                ok=a["first_frame_s"] <= cap if cap else None)
            row(p + "same, from BriefingApp() (s)", a["first_frame_app_s"])
            row(p + "app index ready (s)", a["ready_s"])
            if a["typed_max_ms"] is not None:
                row(p + "app results after debounce, max (ms)", a["typed_max_ms"], fmt="{:.0f}",
                    target=f"≤ {TYPED_MS:g} ms", ok=a["typed_max_ms"] <= TYPED_MS)
            cap = APP_RSS_MB_10X if label == "10x" else None
            row(p + "app peak RSS (MB)", a["rss_mb"], fmt="{:.0f}", target=f"≤ {cap:g} MB" if cap else "",
                ok=a["rss_mb"] <= cap if cap else None)
            first = a.get("first_open")
            if first:
                row(p + "first opening after the build: index ready (s)", first["ready_s"])
                row(p + "first opening after the build: peak RSS (MB)", first["rss_mb"], fmt="{:.0f}")
    return out


def table(results: dict) -> str:
    header = ("metric", "briefing", "bare Whoosh", "FTS5", "÷ bare", "÷ FTS5", "target")
    body = rows(results)
    widths = [max(len(str(r[i])) for r in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) if i < 6 else str(c)
                       for i, (c, w) in enumerate(zip(r, widths, strict=True))) for r in [header, *body]]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


def run(corpus: Path, plan: Plan, *, scale10: bool = False, seeds: Path | None = SEEDS, log=print) -> dict:
    """Every measurement; the corpus, its 10x copy and the indexes live in a temp dir removed at the end."""
    from benchmarks.corpora import make_scaled_copy

    results: dict = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "load": os.getloadavg() if hasattr(os, "getloadavg") else None},
        "plan": asdict(plan),
    }
    # Whole-process timings as an installed copy runs: with its bytecode compiled (pip does that
    # at install). Under PYTHONDONTWRITEBYTECODE a changed module was compiled anew by every child.
    compileall.compile_dir(REPO / "briefing", quiet=1)
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        work = Path(tmp)
        env = child_env(work / "home")
        saved = {k: os.environ.get(k) for k in env if k.startswith("BRIEFING_")}
        os.environ.update({k: v for k, v in env.items() if k.startswith("BRIEFING_")})
        try:
            if seeds is not None:
                log("seeds…")
                results["seeds"] = bench_seeds(seeds, work / "seeds", env, plan)
            log(f"1x: {corpus}")
            results["1x"] = bench_corpus(corpus, work / "1x", env, plan, log)
            if scale10:
                log("10x: making the copy…")
                count = make_scaled_copy(corpus, work / "corpus10", 10)
                log(f"10x: {count} documents")
                results["10x"] = bench_corpus(work / "corpus10", work / "10x", env, plan, log)
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
    results["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    results["machine"]["load_after"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS,
                        help="BBC folder (default: %(default)s)")
    parser.add_argument("--quick", action="store_true", help="fewer repeats (medians over 1–3 runs)")
    parser.add_argument("--scale10", action="store_true", help="also run on a 10x copy (slow on 2 cores)")
    parser.add_argument("--no-app", action="store_true", help="skip the app measurements")
    parser.add_argument("--json", type=Path, help="where to write the figures (default benchmarks/results/)")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"benchmark: corpus folder not found: {args.corpus}", file=sys.stderr)
        return 2
    plan = QUICK if args.quick else Plan()
    if args.no_app:
        plan = replace(plan, app_enabled=False)
    log = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731
    results = run(args.corpus.resolve(), plan, scale10=args.scale10, log=log)
    print(table(results))
    target = args.json or REPO / "benchmarks" / "results" / f"{time.strftime('%Y%m%d-%H%M%S')}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=2, default=str), "utf-8")
    print(f"\nfigures written to {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
