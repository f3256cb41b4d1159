"""One headless run of the app, timed from process launch: `python benchmarks/app_probe.py ...`.

Run as its own process by the benchmark so that imports count and peak memory is the app's.
Prints one JSON object: seconds from launch to the imports done (`imported`), to the app
mounted (`mounted`), to the first useful frame (sources listed and an article in the reader:
`first_frame`), to the index ready (`ready`); seconds from `BriefingApp()` to that first frame
(`first_frame_app`: the app's own share, without Python's start and the imports, which are
Textual's above all); per typed query, seconds from the last keystroke to its results on screen,
less the debounce (`typed`: every message handled and a frame composed; `typed_idle`: then
also Pilot's wait for an idle CPU, as measured before); and the peak RSS in MB (`rss_mb`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.peak import own_peak_mb  # after the checkout is on the path

POLL = 0.005
TIMEOUT = 300.0


async def _until(pilot, condition, what: str) -> None:
    """Poll with a plain sleep: `pilot.pause` walks every widget each time, and that CPU was
    taken from the app (a search thread shares the GIL with it)."""
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"app probe: timed out waiting for {what}")
        await asyncio.sleep(POLL)


async def probe(corpus: Path, index: Path, launched: float, typed: list[str]) -> dict:
    from textual.keys import _character_to_key

    from briefing.tui.app import BriefingApp
    from briefing.tui.searching import SEARCH_DEBOUNCE
    from briefing.tui.widgets.reader import Reader
    from briefing.tui.widgets.search import SearchPane

    out: dict = {"imported": time.time() - launched}
    created = time.perf_counter()
    app = BriefingApp(corpus, index, theme="briefing-dark")
    async with app.run_test(size=(120, 40)) as pilot:
        out["mounted"] = time.time() - launched
        reader = app.query_one(Reader)
        await _until(pilot, lambda: app.view is not None and reader.article is not None, "the first article")
        await pilot.pause(0)  # a frame composed with them: the view can be in before any frame is
        out["first_frame"] = time.time() - launched
        out["first_frame_app"] = time.perf_counter() - created
        out["sources"] = len(app.view.sources)
        await _until(pilot, lambda: app.index_ready, "the index")
        out["ready"] = time.time() - launched
        out["typed"] = {}
        out["typed_idle"] = {}
        out["hits"] = {}
        pane = app.query_one(SearchPane)
        await pilot.press("slash")
        for query in typed:
            pane.input.value = ""
            await pilot.pause(SEARCH_DEBOUNCE * 2)
            keys = [_character_to_key(ch) for ch in query]
            await pilot.press(*keys[:-1])
            pressed = time.perf_counter()  # before the last key: its handling counts too
            await pilot.press(keys[-1])
            await _until(pilot, lambda q=query: pane.result is not None and pane.result.query == q, query)
            # Every message the results set off handled, then a frame composed (pause(0) ends with one).
            # Not pause(): its wait for an idle CPU (20 ms at least) is the test's, not the app's.
            await pilot.pause(0)
            out["typed"][query] = max(0.0, time.perf_counter() - pressed - SEARCH_DEBOUNCE)
            await pilot.pause()  # the measure of earlier runs, for comparison
            out["typed_idle"][query] = max(0.0, time.perf_counter() - pressed - SEARCH_DEBOUNCE)
            out["hits"][query] = len(pane.result.hits)
    # Its own peak: ru_maxrss would start from the benchmark's (see peak.py).
    out["rss_mb"] = own_peak_mb() or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--launched", type=float, required=True, help="time.time() when the parent launched us")
    parser.add_argument("--type", action="append", default=[], dest="typed")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(probe(args.corpus, args.index, args.launched, args.typed))))


if __name__ == "__main__":
    main()
