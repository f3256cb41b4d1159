"""The benchmark's documents: the BBC folder as it is, and a 10x copy made on the fly.

The copy gives every article distinct ids and lightly varied text (a date line, a
paragraph dropped, two paragraphs swapped, a varied title), so that Whoosh sees new
documents and the extractors new sentences, not byte-identical files.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

_DATE_LINE = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})[ \t]*")


@dataclass(frozen=True, slots=True)
class RawDoc:
    """One article as the baselines read it: no cleaning, no metadata, just title and body."""

    id: str
    title: str
    body: str
    date: date | None


def article_files(folder: Path) -> list[Path]:
    return sorted(p for p in Path(folder).rglob("*") if p.suffix in (".txt", ".md") and p.is_file())


def read_raw(path: Path) -> RawDoc:
    """The baselines' reader: line 1 is the title (after an optional `date YYYY-MM-DD`), the rest the body."""
    text = path.read_text("utf-8", errors="replace")
    when = None
    match = _DATE_LINE.match(text)
    if match:
        when = date.fromisoformat(match.group(1))
        text = text[match.end():]
    title, _, body = text.strip().partition("\n")
    return RawDoc(path.stem, title.strip(), body.strip(), when)


def read_all(folder: Path) -> list[RawDoc]:
    return [read_raw(p) for p in article_files(folder)]


def make_scaled_copy(source: Path, dest: Path, factor: int = 10, seed: int = 7) -> int:
    """Write `factor` varied copies of every article of `source` into `dest`; returns the file count."""
    rng = random.Random(seed)
    dest.mkdir(parents=True, exist_ok=True)
    base = date(2004, 1, 1)
    count = 0
    for path in article_files(source):
        text = path.read_text("utf-8", errors="replace")
        title, _, body = text.strip().partition("\n")
        paragraphs = [x.strip() for x in body.strip().split("\n\n") if x.strip()]
        for k in range(factor):
            varied = list(paragraphs)
            if k and len(varied) > 4:
                del varied[rng.randrange(1, len(varied))]
                i = rng.randrange(1, len(varied) - 1)
                varied[i], varied[i + 1] = varied[i + 1], varied[i]
            when = base + timedelta(days=rng.randrange(0, 730))
            head = title.strip() if k == 0 else f"{title.strip()} ({k + 1})"
            out = dest / f"{path.stem}_{k}{path.suffix}"
            out.write_text(f"date {when.isoformat()} {head}\n\n" + "\n\n".join(varied) + "\n", "utf-8")
            count += 1
    return count
