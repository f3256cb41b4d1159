"""A briefing as one Markdown file: what a colleague reads in any viewer, a note or a ticket.

Three steps, three modules: `briefing.briefing_model` decides what the briefing says (the
same model feeds the app's quotes and figures panes), `briefing.export_markdown` writes it
down, and this module ties them to an open Workspace and puts the text on disk atomically.
The CLI handles `-o -` (stdout) and exit codes; the app's `e` dialog calls the same functions.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from briefing import export_markdown
from briefing.briefing_model import SEARCH_LIMIT, Briefing, ExportError, ExportRequest, KeyFigures, build_briefing
from briefing.hygiene import display_path
from briefing.models import Comparison, Figure, Quote, SearchHit, Source

if TYPE_CHECKING:
    from briefing.workspace import Workspace

__all__ = [
    "SEARCH_LIMIT", "Briefing", "ExportError", "ExportExistsError", "ExportRequest", "briefing_of_workspace",
    "default_filename", "export_workspace", "render_briefing", "write_export",
]


class ExportExistsError(ExportError):
    """The target file exists and replacing it was not asked for (CLI: --force; app: the Replace box)."""


def render_briefing(
    *,
    corpus_name: str,
    sources: Sequence[Source],
    quotes: Sequence[Quote],
    figures: Sequence[Figure],
    comparison: Comparison | None = None,
    request: ExportRequest | None = None,
    hits: Sequence[SearchHit] = (),
    generated: datetime,
    version: str,
    key_figures: KeyFigures | None = None,
    base: Path | None = None,
) -> str:
    """The briefing as Markdown with YAML front matter, from records (pure; raises ExportError)."""
    briefing = build_briefing(
        corpus_name=corpus_name, sources=sources, quotes=quotes, figures=figures, comparison=comparison,
        request=request, hits=hits, key_figures=key_figures, base=base,
    )
    return export_markdown.render(briefing, generated=generated, version=version)


def briefing_of_workspace(
    ws: Workspace, request: ExportRequest, *, hits: Sequence[SearchHit] | None = None
) -> Briefing:
    """The model of what `request` exports from an open Workspace (the dialog previews its header).

    For scope "query" the search is run here unless `hits` are given (the app passes the
    results it is showing, so the export matches the screen).
    """
    from briefing.figure_summary import key_figures

    if request.scope != "query":
        hits = ()
    elif hits is None:
        hits = ws.search(" ".join((request.query or "").split()), limit=SEARCH_LIMIT).hits
    if request.scope == "pinned":  # only the pinned sources are read: ten pins of 2,225 articles in 0.1 s
        records = []
        for source_id in dict.fromkeys(pin.source for pin in request.pins):
            with contextlib.suppress(KeyError):  # gone from the corpus: the pin is reported missing
                records.append(ws.record(source_id))
        sources: Sequence[Source] = [r.source for r in records]
        quotes: Sequence[Quote] = [q for r in records for q in r.quotes]
        figures: Sequence[Figure] = [f for r in records for f in r.figures]
    else:
        sources, quotes, figures = ws.sources, ws.quotes(), ws.figures()
    return build_briefing(
        corpus_name=ws.name,
        sources=sources,
        quotes=quotes,
        figures=figures,
        comparison=ws.comparison(),
        request=request,
        hits=hits,
        key_figures=key_figures,
        base=ws.corpus_dir,
    )


def export_workspace(
    ws: Workspace,
    request: ExportRequest,
    *,
    generated: datetime | None = None,
    version: str | None = None,
    hits: Sequence[SearchHit] | None = None,
) -> str:
    """Collect what `request` needs from an open Workspace and render it."""
    from briefing import __version__

    briefing = briefing_of_workspace(ws, request, hits=hits)
    return export_markdown.render(
        briefing, generated=generated or datetime.now().astimezone(), version=version or __version__
    )


# file names and writing


def default_filename(corpus_name: str, today: date) -> str:
    """`briefing-<corpus>-<YYYY-MM-DD>.md`, the corpus name reduced to safe file-name characters."""
    name = unicodedata.normalize("NFKD", corpus_name).encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip(".-_")[:60].strip(".-_") or "corpus"
    return f"briefing-{name}-{today.isoformat()}.md"


def write_export(path: Path, text: str, *, force: bool) -> Path:
    """Write `text` to `path` atomically: a temp file beside it, fsync, then rename.

    An existing file is replaced only with `force` (ExportExistsError otherwise).
    On any failure the target is untouched and no temp file is left behind.
    """
    path = Path(path)
    shown = display_path(path)
    if path.is_dir():
        raise ExportError(f"cannot write {shown}: it is a folder")
    if path.exists() and not force:
        raise ExportExistsError(f"{shown} already exists; replace it with --force")
    folder = path.parent
    tmp: str | None = None
    try:
        mode = _file_mode(path)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name[:80]}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fchmod(out.fileno(), mode)
            os.fsync(out.fileno())
        if force:
            os.replace(tmp, path)
        else:
            _publish_new(tmp, path, shown)
        tmp = None
        _sync_folder(folder)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if exc.errno == errno.ENOSPC:
            reason = "the disk is full"
        raise ExportError(f"cannot write {shown}: {reason}") from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return path


def _publish_new(tmp: str, path: Path, shown: str) -> None:
    """Publish without replacing a file that appeared meanwhile: a hard link fails if it exists."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise ExportExistsError(f"{shown} already exists; replace it with --force") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        if path.exists():  # a file system without hard links: check, then rename
            raise ExportExistsError(f"{shown} already exists; replace it with --force") from None
        os.replace(tmp, path)
        return
    with contextlib.suppress(OSError):  # the export is in place: do not report a failure now
        os.unlink(tmp)


def _file_mode(path: Path) -> int:
    """An existing file keeps its mode; a new one gets what `open` would give it (0666 & ~umask)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        pass
    return 0o666 & ~_umask()


def _umask() -> int:
    """The process umask, read without setting it where Linux allows (the app writes from a thread)."""
    try:
        # Bytes, not text: a process that dropped privileges may be unable to import a codec.
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def _sync_folder(folder: Path) -> None:
    """Make the rename durable too; not every system can open a folder, so best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
