"""Keeping the index in step with the corpus folder, incrementally.

An unchanged corpus is recognised from `stat` alone (each file's stamp, see
`briefing.file_stamp`, against the manifest of the last finished sync) and touches nothing. Otherwise the index's
own record of each file (its content hash) decides what is added, updated and
removed, in one commit, so a crash leaves the previous index whole and the next
run finishes the job.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from briefing import corpus as corpus_mod
from briefing import file_stamp
from briefing.extraction import EXTRACTION_VERSION, ArticleExtraction, extract_many
from briefing.file_access import read_file
from briefing.helper_process import cancel_ahead, start_ahead
from briefing.hygiene import printable
from briefing.index import SCHEMA_VERSION, ArticleDoc, IndexUpdate, QuoteDoc, SearchIndex, sync_lock
from briefing.index_writing import ARTICLE_HELPER, QUOTE_HELPER
from briefing.models import LoadResult, LoadWarning, Quote, Source

Progress = Callable[[int, int, str], None]


@dataclass(slots=True)
class SyncReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    warnings: list[LoadWarning] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return len({w.path for w in self.warnings if w.reason.startswith("skipped")})

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        return (
            f"{self.added} added, {self.updated} updated, {self.removed} removed, "
            f"{self.skipped} skipped, {self.unchanged} unchanged in {self.seconds:.2f} s"
        )


@dataclass(slots=True)
class SyncedCorpus:
    """What a sync that had to read the corpus learned, so callers need not read it again."""

    load: LoadResult
    extractions: dict[str, ArticleExtraction]
    quotes: list[Quote]
    scanned: Scan  # what `stat` said before the files were read: the stamps these results belong to


def _file_hash(path: Path) -> str | None:
    """The digest of a side file; None if absent, or a FIFO or device (never waited on or read without end)."""
    try:
        return hashlib.sha256(read_file(path, corpus_mod.MAX_FILE_BYTES)).hexdigest()
    except OSError:
        return None


def fingerprints(corpus_dir: Path) -> dict[str, object]:
    """Things besides the articles whose change means every article doc is rewritten."""
    return {
        "schema": SCHEMA_VERSION,
        "extraction": EXTRACTION_VERSION,
        "sources.yaml": _file_hash(corpus_dir / corpus_mod.SOURCES_FILE),
        "speakers.yaml": _file_hash(corpus_dir / corpus_mod.SPEAKERS_FILE),
        # Which links are followed decides which files are articles (sources.yaml's setting is in its hash).
        "follow_links": corpus_mod.follow_outside_links({}),
    }


def manifest_key(relpath: str) -> str:
    """A relative path as a key of the manifest (UTF-8 JSON): itself, or, for a name whose bytes
    are not UTF-8 (lone surrogates after `os.fsdecode`), NUL and the bytes in hex. No file name
    holds a NUL, so distinct names keep distinct keys."""
    try:
        relpath.encode("utf-8")
    except UnicodeEncodeError:
        return "\0" + os.fsencode(relpath).hex()
    return relpath


@dataclass(slots=True)
class Scan:
    """The corpus as `stat` saw it, and when: taken before any file is read."""

    entries: list[corpus_mod.FileEntry]
    warnings: list[LoadWarning]
    at_ns: int
    # After the files were read (see file_stamp.settle): from when the stamps can be trusted, and
    # the files whose stamps cannot (changed while being read): they count as changed next time.
    settled_ns: int = 0
    unsettled: set[str] = field(default_factory=set)

    @classmethod
    def now(cls, corpus_dir: Path) -> Scan:
        at = file_stamp.now_ns()
        warnings: list[LoadWarning] = []
        return cls(corpus_mod.scan(corpus_dir, warnings), warnings, at)


def _unchanged_by_stat(manifest: dict, entries: list[corpus_mod.FileEntry], prints: dict) -> bool:
    if manifest.get("fingerprints") != prints:
        return False
    known = manifest.get("files", {})
    skipped = manifest.get("skipped", {})
    if len(entries) != len(known) + len(skipped):
        return False
    stamped = manifest.get("scanned_ns")
    if not isinstance(stamped, int):
        return False
    for e in entries:
        key = manifest_key(e.relpath)
        rec = known.get(key) or skipped.get(key)
        if not file_stamp.unchanged(rec, e, stamped):
            return False
    return True


def sync(
    index: SearchIndex,
    corpus_dir: Path,
    *,
    progress: Progress | None = None,
    resolve: Callable[[list[Source], list[Quote]], list[Quote]] | None = None,
) -> tuple[SyncReport, SyncedCorpus | None]:
    """Bring `index` up to date with `corpus_dir`; returns the report and, if read, the corpus."""
    started = time.perf_counter()
    report = SyncReport(notices=list(index.notices))
    index.notices.clear()
    unchanged, manifest, prints, scanned = _check_unchanged(index, corpus_dir, report, started)
    if unchanged and not index.replacing:
        return report, None
    with sync_lock(index.path):
        # Another process may have finished the same work while we waited for the lock.
        unchanged, manifest, prints, scanned = _check_unchanged(index, corpus_dir, report, started)
        if unchanged and not index.replacing:
            return report, None
        first_build = _first_build(index, manifest, scanned)
        if first_build:
            start_ahead(ARTICLE_HELPER, "briefing.extraction:_extract_helper")
        try:
            return _sync_read(index, corpus_dir, report, manifest, prints, scanned, started, progress, resolve,
                              first_build=first_build)
        finally:
            cancel_ahead()  # any helper started ahead that was not needed


def _check_unchanged(index: SearchIndex, corpus_dir: Path, report: SyncReport, started: float):
    """(True, ...) with `report` filled in when `stat` alone shows nothing changed since the last sync."""
    scanned = Scan.now(corpus_dir)
    prints = fingerprints(corpus_dir)
    manifest = index.read_manifest()
    if not _unchanged_by_stat(manifest, scanned.entries, prints):
        return False, manifest, prints, scanned
    report.unchanged = len(manifest.get("files", {}))
    # The last sync's warnings hold that scan's warnings too: each once.
    remembered = [LoadWarning(Path(corpus_dir, rel), reason) for rel, reason in manifest.get("warnings", [])]
    once: dict[tuple[str, str], LoadWarning] = {}
    for warning in scanned.warnings + remembered:
        once.setdefault((printable(str(warning.path)), warning.reason), warning)
    report.warnings = list(once.values())
    report.seconds = time.perf_counter() - started
    return True, manifest, prints, scanned


def _first_build(index: SearchIndex, manifest: dict, scanned: Scan) -> bool:
    """True when every article will be written, and enough of them for helper processes to share the work."""
    from briefing import extraction, index_writing

    many = len(scanned.entries) >= max(extraction.PARALLEL_MIN_ARTICLES, index_writing.PARALLEL_MIN_ARTICLES)
    return many and (index.replacing or not manifest.get("files")) and extraction.can_help()


def _sync_read(
    index: SearchIndex,
    corpus_dir: Path,
    report: SyncReport,
    manifest: dict,
    prints: dict,
    scanned: Scan,
    started: float,
    progress: Progress | None,
    resolve: Callable[[list[Source], list[Quote]], list[Quote]] | None,
    *,
    first_build: bool = False,
) -> tuple[SyncReport, SyncedCorpus]:
    load = corpus_mod.load_corpus(corpus_dir)
    report.unchanged = 0  # counted below (a check by stat may have counted them first)
    report.warnings = [*load.warnings, *_speakers_file_warnings(corpus_dir)]
    indexed = {} if index.replacing else index.articles()  # a rebuild writes every article anew
    force = manifest.get("fingerprints", {}).get("sources.yaml") != prints["sources.yaml"]

    extractions: dict[str, ArticleExtraction] = {}
    seen_paths = set()
    todo = []
    for source in load.sources:
        rel = source.path.relative_to(corpus_dir).as_posix()
        seen_paths.add(rel)
        old = indexed.get(rel)
        cached = ArticleExtraction.from_json(old.extraction) if old else None
        if old and cached and not force and old.content_hash == source.content_hash and old.id == source.id:
            extractions[source.id] = cached
            report.unchanged += 1
        else:
            todo.append((source, rel, old))
            report.added += old is None
            report.updated += old is not None
    removed = [old.id for rel, old in indexed.items() if rel not in seen_paths]
    report.removed = len(removed)

    with index.update() as batch:
        # Every id a rewritten file had or gets: a file's id changes when its stem starts colliding.
        for source_id in {*removed, *(old.id for _, _, old in todo if old), *(s.id for s, _, _ in todo)}:
            batch.delete_source(source_id)
        batch.add_articles([_article_doc(source, rel) for source, rel, _ in todo])  # maybe elsewhere, meanwhile:
        rels = {source.id: rel for source, rel, _ in todo}
        for n, (source, extracted) in enumerate(extract_many([source for source, _, _ in todo]), 1):
            extractions[source.id] = extracted
            batch.set_extraction(source.id, source.content_hash, extracted.to_json())
            if progress:
                progress(n, len(todo), rels[source.id])
        if first_build:  # its imports beside the speakers' naming, on the core the extraction helper left
            start_ahead(QUOTE_HELPER)
        quotes = [q for s in load.sources for q in extractions[s.id].quotes]
        if resolve is not None:
            quotes = resolve(load.sources, quotes)
        _write_quotes(index, batch, load.sources, quotes, rewritten={s.id for s, _, _ in todo})
    # The stamps from before the files were read: a file changed meanwhile shows as changed next time.
    hashes = {s.path.relative_to(corpus_dir).as_posix(): s.content_hash for s in load.sources}
    scanned.settled_ns, scanned.unsettled = file_stamp.settle(scanned.entries, hashes, scanned.at_ns)
    stamps = {e.relpath: list(file_stamp.stamp(e)) for e in scanned.entries if e.relpath not in scanned.unsettled}
    index.write_manifest(
        {
            "fingerprints": prints,
            "scanned_ns": scanned.settled_ns,
            "files": {
                manifest_key(rel): [*stamps.get(rel, (-1, -1, -1)), s.content_hash]
                for s in load.sources
                for rel in (s.path.relative_to(corpus_dir).as_posix(),)
            },
            "skipped": {
                manifest_key(rel): stamps.get(rel, [-1, -1, -1])
                for w in load.warnings
                if w.reason.startswith("skipped") and w.path.is_relative_to(corpus_dir)
                for rel in (w.path.relative_to(corpus_dir).as_posix(),)
            },
            "warnings": [
                [printable(w.path.relative_to(corpus_dir).as_posix()), w.reason]
                for w in report.warnings
                if w.path.is_relative_to(corpus_dir)
            ],
        }
    )
    report.seconds = time.perf_counter() - started
    return report, SyncedCorpus(load, extractions, quotes, scanned)


def _write_quotes(
    index: SearchIndex, batch: IndexUpdate, sources: list[Source], quotes: list[Quote], rewritten: set[str]
) -> None:
    """Quote docs of rewritten articles, and of any article whose quotes' speakers changed."""
    from briefing.speakers import speaker_terms  # here, not at the top: rapidfuzz and YAML slow every command

    by_source: dict[str, list[Quote]] = {}
    for q in quotes:
        by_source.setdefault(q.source, []).append(q)
    stored_speakers = index.quote_speakers() if len(rewritten) < len(sources) else {}
    sources_by_id = {s.id: s for s in sources}
    for source_id, source_quotes in by_source.items():
        stale = source_id in rewritten or any(
            stored_speakers.get(f"{q.source}#{q.start}", "\0") != q.speaker for q in source_quotes
        )
        if stale:
            source = sources_by_id[source_id]
            batch.replace_quotes(
                source_id, [QuoteDoc(q, source.title, source.date, speaker_terms(q)) for q in source_quotes]
            )


def _speakers_file_warnings(corpus_dir: Path) -> list[LoadWarning]:
    """A broken `speakers.yaml` is named like any bad file, not only inside the app."""
    from briefing.speakers import load_overrides

    path = corpus_dir / corpus_mod.SPEAKERS_FILE
    return load_overrides(path)[1] if path.is_file() else []


def _article_doc(source: Source, rel: str) -> ArticleDoc:
    return ArticleDoc(
        id=source.id,
        path=rel,
        title=source.title,
        body=source.body,
        date=source.date,
        outlet=source.outlet,
        author=source.author,
        size=source.size,
        mtime_ns=source.mtime_ns,
        content_hash=source.content_hash,
    )
