"""The floor for the app's first frame: a bare Textual app showing the same articles, timed as `app_probe.py`.

`python benchmarks/textual_floor.py --corpus DIR --launched T` prints one JSON object: seconds
from launch to the imports done (`imported`) and to the first frame (`first_frame`). The app
is what any Textual reader of these files would start with, and nothing of briefing's: the
article titles in an `OptionList` beside the first article's text in a scrolling `Static`, a
heading and a status line, in the same 120×40 headless terminal. Our first frame less this
one is what briefing adds (its imports, its stylesheet, the snapshot, the panes).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path


async def probe(corpus: Path, launched: float) -> dict:
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal, VerticalScroll
    from textual.widgets import OptionList, Static

    out: dict = {"imported": time.time() - launched}
    files = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]

    class Floor(App):
        CSS = "OptionList { width: 40; } #status { dock: bottom; height: 1; }"

        def compose(self) -> ComposeResult:
            yield Static(files[0].name, id="head")
            with Horizontal():
                yield OptionList(*(t.strip().splitlines()[0][:80] for t in texts))
                with VerticalScroll():
                    yield Static(texts[0], markup=False)
            yield Static(f"{len(files)} articles", id="status")

    app = Floor()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0)  # a frame composed, as app_probe waits for one
        out["first_frame"] = time.time() - launched
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--launched", type=float, required=True, help="time.time() when the parent launched us")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(probe(args.corpus, args.launched))))


if __name__ == "__main__":
    sys.exit(main())
