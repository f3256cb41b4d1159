"""The two baselines, on the same documents and queries as briefing.

Bare Whoosh is the floor for our engine: the same analyser (`briefing.index_storage._analyzer`),
id/title/body/date stored, one writer, one commit, Whoosh's own highlighter.
SQLite FTS5 (standard library) shows what an embedded C engine does with the same work.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from benchmarks.corpora import read_all
from benchmarks.queries import BenchQuery


class BareWhoosh:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.ix = None
        self.searcher = None
        self.parser = None

    def build(self, corpus: Path) -> float:
        """Read the files and index them in one commit; returns seconds."""
        from whoosh import fields
        from whoosh.filedb.filestore import FileStorage

        from briefing.index_storage import _analyzer

        started = time.perf_counter()
        docs = read_all(corpus)
        analyzer = _analyzer()
        schema = fields.Schema(
            id=fields.ID(stored=True, unique=True),
            title=fields.TEXT(stored=True, analyzer=analyzer),
            body=fields.TEXT(stored=True, analyzer=analyzer, phrase=True),
            date=fields.DATETIME(stored=True),
        )
        self.path.mkdir(parents=True, exist_ok=True)
        self.ix = FileStorage(str(self.path)).create_index(schema)  # Whoosh's defaults: its fastest build
        writer = self.ix.writer()
        for d in docs:
            extra = {"date": datetime(d.date.year, d.date.month, d.date.day)} if d.date else {}
            writer.add_document(id=d.id, title=d.title, body=d.body, **extra)
        writer.commit()
        return time.perf_counter() - started

    def open(self) -> None:
        from whoosh.filedb.filestore import FileStorage

        # Searched as briefing searches (no mmap: postings read on demand, a small process).
        self.ix = FileStorage(str(self.path), supports_mmap=False).open_index()
        self.searcher = self.ix.searcher()
        self.parser = self._parser()  # built once, as briefing caches its parsers

    def _parser(self):
        from whoosh.qparser import GtLtPlugin, MultifieldParser
        from whoosh.qparser.dateparse import DateParserPlugin

        parser = MultifieldParser(["title", "body"], self.ix.schema)
        parser.add_plugin(DateParserPlugin(free=False))
        parser.add_plugin(GtLtPlugin())
        return parser

    def search(self, query: BenchQuery, highlight: bool) -> int:
        """Top 10 with their stored fields, and with 3 highlighted fragments each if asked; returns hits."""
        parsed = self.parser.parse(query.bare)
        hits = self.searcher.search(parsed, limit=10)
        for hit in hits:
            hit.fields()
            if highlight:
                hit.highlights("body", top=3)
        return len(hits)

    def close(self) -> None:
        if self.searcher is not None:
            self.searcher.close()


class Fts5:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.db: sqlite3.Connection | None = None

    def build(self, corpus: Path) -> float:
        started = time.perf_counter()
        docs = read_all(corpus)
        self.path.unlink(missing_ok=True)
        db = sqlite3.connect(self.path)
        db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, date UNINDEXED, "
            "tokenize='porter unicode61')"
        )
        db.executemany(
            "INSERT INTO docs VALUES (?, ?, ?, ?)",
            ((d.id, d.title, d.body, d.date.isoformat() if d.date else None) for d in docs),
        )
        db.commit()
        db.close()
        return time.perf_counter() - started

    def open(self) -> None:
        self.db = sqlite3.connect(self.path)

    def search(self, query: BenchQuery, highlight: bool) -> int:
        assert self.db is not None
        cols = "id, title" + (", snippet(docs, 2, '[', ']', '…', 24)" if highlight else "")
        where, args = [], []
        if query.fts is not None:
            where.append("docs MATCH ?")
            args.append(query.fts)
        if query.dates:
            where.append("date BETWEEN ? AND ?")
            args.extend(query.dates)
        order = " ORDER BY rank" if query.fts is not None else ""
        rows = self.db.execute(f"SELECT {cols} FROM docs WHERE {' AND '.join(where)}{order} LIMIT 10", args)
        return len(rows.fetchall())

    def close(self) -> None:
        if self.db is not None:
            self.db.close()


def timed(fn, *args) -> tuple[float, object]:
    started = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - started, out


def latencies(engine, queries: Sequence[BenchQuery], highlight: bool, repeats: int) -> list[float]:
    """Per query, the median of `repeats` timings (after one warm-up), in seconds."""
    from statistics import median

    out = []
    for q in queries:
        engine.search(q, highlight)
        out.append(median(timed(engine.search, q, highlight)[0] for _ in range(repeats)))
    return out
