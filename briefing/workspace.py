"""One open corpus with its index: the facade the CLI, the app and the exporter share.

Everything is computed on first use and cached, so a quick `briefing search`
never extracts quotes and the app's first frame never waits for Whoosh.
Thread-safe enough for the app: its workers call into one Workspace.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from briefing import corpus as corpus_mod
from briefing import locations
from briefing.hygiene import printable
from briefing.models import Comparison, Figure, LoadResult, LoadWarning, Quote, SearchResult, Source, Speaker

CORPUS_ENV = "BRIEFING_CORPUS"


def default_corpus_dir() -> Path:
    env = os.environ.get(CORPUS_ENV)
    return Path(env).expanduser() if env else locations.seeds_dir()


class Workspace:
    def __init__(self, corpus_dir: Path, index_dir: Path) -> None:
        self.corpus_dir = corpus_dir
        self.index_dir = index_dir
        self._lock = threading.RLock()
        self._index = None
        self._load: LoadResult | None = None
        self._figures: dict[str, tuple[Figure, ...]] = {}  # by source
        self._quotes: list[Quote] | None = None
        self._speakers: list[Speaker] | None = None
        self._speaker_warnings: list[LoadWarning] = []
        self._comparison: Comparison | None = None
        self._snapshot_key: str | None = None  # the corpus state the cached results above belong to
        self.last_sync = None

    @classmethod
    def open(cls, corpus_dir: Path | None = None, index_dir: Path | None = None) -> Workspace:
        """Check the corpus folder (raises `CorpusError`) and choose the index folder."""
        corpus_dir = corpus_mod.check_corpus_dir(Path(corpus_dir) if corpus_dir else default_corpus_dir())
        index_dir = Path(index_dir).expanduser() if index_dir else locations.default_index_dir(corpus_dir)
        return cls(corpus_dir, index_dir.absolute())

    @property
    def name(self) -> str:
        return self.corpus_dir.name

    # the corpus

    def load(self) -> LoadResult:
        with self._lock:
            if self._load is None and not self._restore_snapshot():
                self._load = corpus_mod.load_corpus(self.corpus_dir)
            return self._load

    def _restore_snapshot(self) -> bool:
        """Take what an earlier run computed for this very corpus state (see `briefing.snapshot`)."""
        from briefing import snapshot

        self._snapshot_key = snapshot.corpus_key(self.corpus_dir)  # before reading: a later change shows
        snap = snapshot.load(self.index_dir, self._snapshot_key)
        if snap is None:
            return False
        self._load = snap.load
        self._figures.update(snap.figures)
        self._quotes, self._speakers = snap.quotes, snap.speakers
        self._speaker_warnings = list(snap.speaker_warnings)
        self._comparison = snap.comparison
        return True

    def _state_key(self, sources: list[Source]) -> str | None:
        """The snapshot key for what was just read, or None if a file changed since (no snapshot then).

        Taken after a sync (not before it, which would cost every unchanged run a second scan).
        """
        from briefing import snapshot

        key, seen = snapshot.corpus_state(self.corpus_dir)
        for source in sources:
            rel = source.path.relative_to(self.corpus_dir).as_posix()
            if seen.get(rel) != (source.size, source.mtime_ns):
                return None
        return key

    def _save_snapshot(self) -> None:
        from briefing import snapshot

        with self._lock:
            if self._load is None or self._snapshot_key is None:
                return
            snap = snapshot.Snapshot(
                self._snapshot_key, self._load, dict(self._figures), self._quotes, self._speakers,
                list(self._speaker_warnings), self._comparison,
            )
            snapshot.save(self.index_dir, snap)

    @property
    def sources(self) -> list[Source]:
        return self.load().sources

    @cached_property
    def _by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    def source(self, source_id: str) -> Source:
        """The source with this id; KeyError if there is none."""
        return self._by_id[source_id]

    @property
    def warnings(self) -> list[LoadWarning]:
        return self.load().warnings + self._speaker_warnings

    # extraction

    def quotes(self, source_id: str | None = None) -> list[Quote]:
        """Quotes with canonical speakers, in source order then text order."""
        with self._lock:
            if self._quotes is None:
                from briefing.quotes import extract_quotes

                raw = [q for s in self.sources for q in extract_quotes(s)]
                self._quotes = self._resolve(self.sources, raw)
                self._save_snapshot()
            quotes = self._quotes
        return quotes if source_id is None else [q for q in quotes if q.source == source_id]

    def _resolve(self, sources: list[Source], quotes: list[Quote]) -> list[Quote]:
        from briefing.speakers import resolve_speakers

        overrides = self.corpus_dir / corpus_mod.SPEAKERS_FILE
        resolution = resolve_speakers(sources, quotes, overrides if overrides.is_file() else None)
        with self._lock:
            self._speakers = resolution.speakers
            self._speaker_warnings = list(resolution.warnings)
        return list(resolution.quotes)

    def speakers(self) -> list[Speaker]:
        self.quotes()
        return list(self._speakers or [])

    def find_speaker(self, name: str) -> Speaker | None:
        """The speaker a user means by `name`: exact name or alias first, then the closest fuzzy match."""
        from rapidfuzz import fuzz, process, utils

        speakers = self.speakers()
        wanted = " ".join(name.lower().split())
        for speaker in speakers:
            if wanted in (x.lower() for x in (speaker.name, *speaker.aliases)):
                return speaker
        choices = {i: " ".join((s.name, *s.aliases)) for i, s in enumerate(speakers)}
        best = process.extractOne(name, choices, scorer=fuzz.partial_token_set_ratio, processor=utils.default_process)
        return speakers[best[2]] if best and best[1] >= 80 else None

    def figures(self, source_id: str | None = None) -> list[Figure]:
        ids = [source_id] if source_id else [s.id for s in self.sources]
        return [f for sid in ids for f in self._figures_of(sid)]

    def _figures_of(self, source_id: str) -> tuple[Figure, ...]:
        with self._lock:
            if source_id not in self._figures:
                from briefing.figures import extract_figures

                self._figures[source_id] = tuple(extract_figures(self.source(source_id)))
            return self._figures[source_id]

    def key_figures(self, source_id: str | None = None, limit: int | None = None) -> list[Figure]:
        from briefing.figures import key_figures

        return key_figures(self.figures(source_id), limit)

    def comparison(self) -> Comparison:
        with self._lock:
            if self._comparison is None:
                from briefing.analysis import compare

                self._comparison = compare(self.sources, self.quotes(), self.figures())
                self._save_snapshot()
            return self._comparison

    # the index

    def index(self):
        """The open search index (raises `IndexProblem` with a one-line reason)."""
        with self._lock:
            if self._index is None:
                from briefing.index import SearchIndex

                self._index = SearchIndex(self.index_dir).open()
            return self._index

    def sync_index(self, progress: Callable[[int, int, str], None] | None = None, *, rebuild: bool = False):
        """Bring the index up to date; returns a `SyncReport`. Cheap when nothing changed."""
        from briefing.index import IndexDamaged, SearchIndex
        from briefing.sync import sync

        with self._lock:
            if rebuild:
                if self._index is not None:
                    self._index.close()
                self._index = SearchIndex(self.index_dir).open(rebuild=True)
            try:
                report, synced = sync(self.index(), self.corpus_dir, progress=progress, resolve=self._resolve)
            except IndexDamaged as exc:  # found damaged mid-read: the corpus has everything to rebuild
                self._index.close()
                self._index = SearchIndex(self.index_dir).open(rebuild=True)
                self._index.notices.append(f"{exc}; rebuilt from the corpus")
                report, synced = sync(self._index, self.corpus_dir, progress=progress, resolve=self._resolve)
            if synced is not None:
                self._load = synced.load
                self.__dict__.pop("_by_id", None)
                # every current source's figures; none of a source that was removed
                self._figures = {sid: e.figures for sid, e in synced.extractions.items()}
                self._quotes = synced.quotes
                self._comparison = None
                self._snapshot_key = self._state_key(synced.load.sources)
                self._save_snapshot()
            self.last_sync = report
            return report

    def search(
        self, query: str, *, limit: int = 20, kind: str = "auto", highlight: bool = True, sync: bool = True
    ) -> SearchResult:
        """Search the index, syncing it first so results are never stale (`sync=False`: as it is)."""
        from briefing.index import IndexDamaged

        if sync and self.last_sync is None:
            self.sync_index()
        try:
            result = self.index().search(query, kind=kind, limit=limit, highlight=highlight)
        except IndexDamaged:
            self.sync_index(rebuild=True)
            result = self.index().search(query, kind=kind, limit=limit, highlight=highlight)
        # The scan only when the index is empty: on 2,225 files it cost more than the search.
        if not result.hits and self.index().doc_count() == 0 and not corpus_mod.scan(self.corpus_dir):
            # Say why nothing was found when the reason is the folder, not the query.
            from briefing.index import _join_notes

            result.note = _join_notes(result.note, f"no articles (.txt, .md) in {printable(str(self.corpus_dir))}")
        return result

    def close(self) -> None:
        with self._lock:
            if self._index is not None:
                self._index.close()
