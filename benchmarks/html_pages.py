"""Saved web pages against plain text: `python benchmarks/html_pages.py [COUNT]` (default 200).

Builds COUNT pages from BBC texts inside realistic templates (tests/web_pages.py) in a temp dir,
with the same articles as `.txt` beside them, and prints one JSON line: how many pages read with
the right title, date and outlet, how many boilerplate phrases reached a body, the load time per
article for each format (best of three), and the time to index each folder from scratch.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.corpus import load_corpus
from tests.web_pages import BBC, BOILERPLATE, write_pages


def best_load(folder: Path) -> tuple[object, float]:
    best, result = float("inf"), None
    for _ in range(3):
        started = time.perf_counter()
        result = load_corpus(folder)
        best = min(best, time.perf_counter() - started)
    return result, best


def index_seconds(folder: Path, index: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "briefing", "--corpus", str(folder), "--index", str(index), "index"],
                   check=True, capture_output=True)
    return time.perf_counter() - started


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pages, texts = Path(tmp, "html"), Path(tmp, "txt")
        pages.mkdir()
        texts.mkdir()
        specs = write_pages(pages, count)
        for spec in specs:
            shutil.copy(BBC / f"{spec.name}.txt", texts)
        started = time.perf_counter()
        import trafilatura  # noqa: F401  (its import is paid once per process; reported apart)

        import_s = time.perf_counter() - started
        html_result, html_s = best_load(pages)
        _, txt_s = best_load(texts)
        by_id = {s.id: s for s in html_result.sources}
        right = sum(
            1 for s in specs
            if s.name in by_id and (by_id[s.name].title, by_id[s.name].date, by_id[s.name].outlet)
            == (s.title, s.date, s.outlet)
        )
        leaked = sum(1 for s in html_result.sources for p in BOILERPLATE if p.lower() in s.body.lower())
        print(json.dumps({
            "pages": count, "metadata_right": right, "boilerplate_in_bodies": leaked,
            "trafilatura_import_s": round(import_s, 2),
            "load_ms_per_html": round(html_s / count * 1000, 2), "load_ms_per_txt": round(txt_s / count * 1000, 3),
            "index_s_html": round(index_seconds(pages, Path(tmp, "ix-html")), 2),
            "index_s_txt": round(index_seconds(texts, Path(tmp, "ix-txt")), 2),
        }))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
