"""Where an incremental sync's time goes: one article added, changed, removed (best of 3 each).

Usage: python benchmarks/sync_phases.py CORPUS_COPY INDEX_DIR
CORPUS_COPY must be a writable copy (a file is added, changed and removed, then put back) whose
index in INDEX_DIR is built. The first change warms the process (as the app's first refresh does).
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

from briefing import sync as sync_mod
from briefing.index import SearchIndex
from briefing.workspace import Workspace

spent: dict[str, float] = defaultdict(float)


def timed(owner, name: str, label: str) -> None:
    real = getattr(owner, name)

    def run(*args, **kwargs):
        t = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            spent[label] += time.perf_counter() - t

    setattr(owner, name, run)


timed(sync_mod.corpus_mod, "load_corpus", "read the corpus")
timed(SearchIndex, "articles", "index: read articles")
timed(SearchIndex, "quote_speakers", "index: read quote speakers")
timed(Workspace, "_resolve", "speaker resolution")
timed(sync_mod, "_write_quotes", "quote docs (incl. speakers read)")
timed(Workspace, "_save_snapshot", "snapshot")


def once(corpus: Path, index: Path) -> dict[str, float]:
    spent.clear()
    t = time.perf_counter()
    ws = Workspace.open(corpus, index)
    ws.sync_index()
    ws.close()
    return {**spent, "sync total": time.perf_counter() - t}


def main() -> None:
    corpus, index = Path(sys.argv[1]), Path(sys.argv[2])
    new, victim = corpus / "zz_phase.txt", sorted(corpus.glob("*.txt"))[300]
    original = victim.read_text()
    new.write_text('Warm up\n\n"We warm up," said Tony Blair.\n')
    once(corpus, index)
    new.unlink()
    once(corpus, index)
    runs: dict[str, list[dict[str, float]]] = defaultdict(list)
    for n in range(3):
        new.write_text(f'Phase {n}\n\n"We will phase{n} now," said Tony Blair.\n')
        runs["add"].append(once(corpus, index))
        victim.write_text(original.replace("\n", f"\nphasechange{n} ", 1))
        runs["change"].append(once(corpus, index))
        new.unlink()
        runs["remove"].append(once(corpus, index))
    victim.write_text(original)
    once(corpus, index)
    for kind, rs in runs.items():
        print(kind + ": " + ", ".join(f"{k} {min(r.get(k, 0) for r in rs):.2f}" for k in rs[0]))


if __name__ == "__main__":
    main()
