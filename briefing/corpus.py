"""Loading a corpus folder into `Source` records.

A corpus is a folder (searched recursively) of `.txt` and `.md` articles, with
optional `sources.yaml` metadata beside them. Bad files never stop a run: each
becomes one `LoadWarning` naming the file and the reason.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from briefing.file_access import AccessPolicy, FileRefused, read_file
from briefing.html_article import HTML_SUFFIXES, NotAnArticle, decode_page, read_page
from briefing.hygiene import UndecodableError, clean, decode, decode_entities, printable
from briefing.models import LoadResult, LoadWarning, Source
from briefing.titles import shorten

ARTICLE_SUFFIXES = (".txt", ".md", *HTML_SUFFIXES)
SOURCES_FILE = "sources.yaml"
SPEAKERS_FILE = "speakers.yaml"
MAX_FILE_BYTES = 64 * 1024 * 1024
# Past this an "article" is a dump: indexing and extraction would take minutes, so the rest is
# dropped with a warning (measured: a 10 MB article took ~50 s to index and resolve speakers).
MAX_BODY_CHARS = 2**20
METADATA_KEYS = ("title", "date", "outlet", "url", "author")
# Folders below the corpus folder that are walked; deeper ones are named in one warning.
MAX_DEPTH = 64
FOLLOW_LINKS_SETTING = "follow_outside_links"  # in sources.yaml: `follow_outside_links: true`
FOLLOW_LINKS_ENV = "BRIEFING_FOLLOW_LINKS"

_DATE_PREFIX = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})[ \t]*")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S | re.M)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s")
_CLOSING_PUNCTUATION = ".,;:!?\"”’)"
TITLE_MAX_CHARS = 90
_EXPORT_TOOL = re.compile(r"^tool:[ \t]*['\"]?briefing['\"]?[ \t]*$", re.M)
_EXPORT_GENERATED = re.compile(r"^generated:[ \t]*\S", re.M)


class CorpusError(Exception):
    """The corpus folder itself is unusable (missing, not a folder)."""


@dataclass(frozen=True, slots=True)
class FileEntry:
    """What `stat` says about one article file: enough to tell whether it changed."""

    fspath: str  # a string: a Path per file was most of a scan's cost, and most scans read no file
    relpath: str
    size: int
    mtime_ns: int
    ctime_ns: int = 0  # a chmod changes ctime, not mtime

    @property
    def path(self) -> Path:
        return Path(self.fspath)


def check_corpus_dir(folder: Path) -> Path:
    folder = Path(folder).expanduser()
    if not folder.exists():
        raise CorpusError(f"corpus folder not found: {printable(str(folder))}")
    if not folder.is_dir():
        raise CorpusError(f"corpus is not a folder: {printable(str(folder))}")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise CorpusError(f"corpus folder is not readable: {printable(str(folder))}")
    return folder.resolve()


def scan(folder: Path, warnings: list[LoadWarning] | None = None) -> list[FileEntry]:
    """List the article files under `folder` with their size and mtime, without reading them.

    Hidden files and folders are skipped; symlinked folders are not followed
    (a symlink loop cannot trap the walk); a dangling or looping file link is a warning.
    Each folder's files come before its subfolders, names sorted. The walk keeps its own
    stack (folders nested a thousand deep ran Python out of recursion) and stops
    `MAX_DEPTH` folders down, with one warning. One file reached by several names (hard
    links, a link inside the corpus) is listed once, under its own name rather than a link's.
    `os.scandir` and no pathlib on the way: this runs before every command, and on 2,225
    files pathlib was a fifth of a whole `briefing search`.
    """
    entries: list[tuple[FileEntry, tuple[int, int], bool]] = []
    too_deep: list[str] = []
    stack: list[tuple[str, str, int]] = [(str(folder), "", 0)]
    while stack:
        path, prefix, depth = stack.pop()
        if depth > MAX_DEPTH:
            too_deep.append(path)
            continue
        subfolders = _scan_folder(path, prefix, entries, warnings)
        stack.extend((p, f"{prefix}{name}/", depth + 1) for name, p in reversed(subfolders))
    if too_deep and warnings is not None:
        warnings.append(LoadWarning(Path(too_deep[0]), f"not read: folders nested deeper than {MAX_DEPTH} levels"))
    return _one_entry_per_file(entries)


def _scan_folder(
    folder: str, prefix: str, entries: list[tuple[FileEntry, tuple[int, int], bool]], warnings: list[LoadWarning] | None
) -> list[tuple[str, str]]:
    """Add one folder's article files to `entries`; its subfolders as (name, path), sorted."""
    try:
        with os.scandir(folder) as listing:
            found = sorted((e for e in listing if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        if warnings is not None:
            warnings.append(LoadWarning(Path(folder), f"cannot list folder: {exc.strerror or exc}"))
        return []
    folders = []
    for entry in found:
        try:
            if entry.is_dir(follow_symlinks=False):
                folders.append((entry.name, entry.path))
                continue
            if not entry.name.lower().endswith(ARTICLE_SUFFIXES):
                continue
            st = entry.stat()  # through a file link: a dangling or looping one fails here
            is_link = entry.is_symlink()
        except OSError as exc:
            if warnings is not None:
                warnings.append(LoadWarning(Path(entry.path), f"cannot read: {exc.strerror or exc}"))
            continue
        if stat.S_ISREG(st.st_mode):
            file = FileEntry(entry.path, prefix + entry.name, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
            entries.append((file, (st.st_dev, st.st_ino), is_link))
    return folders


def _one_entry_per_file(entries: list[tuple[FileEntry, tuple[int, int], bool]]) -> list[FileEntry]:
    """Each file once: the first of its names that is not a symlink, else its first name."""
    chosen: dict[tuple[int, int], int] = {}
    for n, (_, key, is_link) in enumerate(entries):
        first = chosen.get(key)
        if first is None or (entries[first][2] and not is_link):
            chosen[key] = n
    keep = set(chosen.values())
    return [file for n, (file, _, _) in enumerate(entries) if n in keep]


def source_ids(entries: list[FileEntry]) -> dict[str, str]:
    """Ids unique among distinct files and stable across runs (they depend on the names alone).

    The file stem; where stems collide, the relative path without its suffix; where those
    collide too (`story.txt` and `story.md`), the relative path; where even the printable
    forms collide (names differing in bytes shown as `?` or U+FFFD), that plus a digest of
    the real name. An id is printed bare in listings and written to JSON, YAML and the index:
    it is made of `printable` text only.
    """
    forms = {e.relpath: _id_forms(e.relpath) for e in entries}
    level = dict.fromkeys(forms, 0)
    while True:
        by_id: dict[str, list[str]] = {}
        for rel, n in level.items():
            by_id.setdefault(forms[rel][n], []).append(rel)
        crowded = [rel for rels in by_id.values() if len(rels) > 1 for rel in rels if level[rel] < 2]
        if not crowded:
            break
        for rel in crowded:
            level[rel] += 1
    ids = {rel: forms[rel][n] for rel, n in level.items()}
    counts: dict[str, int] = {}
    for source_id in ids.values():
        counts[source_id] = counts.get(source_id, 0) + 1
    for rel, source_id in ids.items():
        if counts[source_id] > 1:
            digest = hashlib.sha256(os.fsencode(rel)).hexdigest()[:10]
            ids[rel] = f"{source_id}~{digest}"
    return ids


def _id_forms(relpath: str) -> tuple[str, str, str]:
    """Candidate ids of one file, shortest first: stem, path without suffix, path."""
    name = relpath.rsplit("/", 1)[-1]
    stem = Path(name).stem
    without_suffix = relpath[: len(relpath) - len(name) + len(stem)]
    return printable(stem), printable(without_suffix), printable(relpath)


def load_sources_yaml(folder: Path, warnings: list[LoadWarning]) -> dict[str, dict[str, Any]]:
    """Per-file metadata from `sources.yaml`, keyed by file name or relative path."""
    return _metadata(_read_sources_yaml(folder, warnings))


def _read_sources_yaml(folder: Path, warnings: list[LoadWarning]) -> dict[Any, Any]:
    """The mapping in `sources.yaml`, read like an article (no FIFO, no link out of the corpus)."""
    path = Path(folder) / SOURCES_FILE
    if not path.is_file():
        return {}
    import yaml  # only when there is metadata to read: it costs ~20 ms at start-up

    try:
        raw = read_file(path, MAX_FILE_BYTES, AccessPolicy.for_corpus(folder))
        data = load_yaml(clean(decode(raw).text))
    except FileRefused as exc:
        warnings.append(LoadWarning(path, f"ignored: {exc.reason}"))
        return {}
    except (OSError, UndecodableError, yaml.YAMLError) as exc:
        warnings.append(LoadWarning(path, f"ignored, not valid YAML: {_one_line(exc)}"))
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        warnings.append(LoadWarning(path, "ignored: expected a mapping of file names to metadata"))
        return {}
    return data


def load_yaml(text: str) -> Any:
    """`yaml.safe_load`, with nesting too deep for Python's stack (`[[[[…`) a `YAMLError` like any
    other: PyYAML builds nested values by recursion, and a RecursionError ended every command."""
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: 4x faster
    except RecursionError:
        raise yaml.YAMLError("nested too deeply") from None


def _metadata(data: dict[Any, Any]) -> dict[str, dict[str, Any]]:
    return {str(k): v for k, v in data.items() if isinstance(v, dict)}


def follow_outside_links(sources_yaml: dict[Any, Any]) -> bool:
    """Whether links leading out of the corpus are read: `follow_outside_links: true` in
    `sources.yaml`, or `BRIEFING_FOLLOW_LINKS=1` (what `briefing --follow-links` sets)."""
    if os.environ.get(FOLLOW_LINKS_ENV, "") not in ("", "0"):
        return True
    return sources_yaml.get(FOLLOW_LINKS_SETTING) is True


def load_corpus(folder: Path) -> LoadResult:
    """Load every article under `folder`; bad files become warnings, never exceptions."""
    folder = check_corpus_dir(folder)
    result = LoadResult()
    entries = scan(folder, result.warnings)
    metadata, policy = reading_rules(folder, result.warnings)
    ids = source_ids(entries)
    for entry in entries:
        source = load_file(entry, ids[entry.relpath], metadata, result.warnings, policy)
        if source is not None:
            result.sources.append(source)
    return result


def reading_rules(folder: Path, warnings: list[LoadWarning]) -> tuple[dict[str, dict[str, Any]], AccessPolicy]:
    """What every file of `folder` is read with: `sources.yaml`'s metadata and the access policy
    (shared with readers of single files: the live corpus, `briefing add`'s duplicate check)."""
    settings = _read_sources_yaml(folder, warnings)
    return _metadata(settings), AccessPolicy.for_corpus(folder, allow_outside=follow_outside_links(settings))


def load_file(
    entry: FileEntry,
    source_id: str,
    metadata: dict[str, dict[str, Any]],
    warnings: list[LoadWarning],
    policy: AccessPolicy | None = None,
) -> Source | None:
    """Read, decode, clean and split one article; `None` (with a warning) if unusable.

    What is opened is checked on its descriptor (see `file_access`): a file swapped for a
    FIFO or a device since the scan is skipped, never waited on or read without end.
    """
    path = entry.path
    if entry.size > MAX_FILE_BYTES:
        warnings.append(LoadWarning(path, f"skipped: larger than {MAX_FILE_BYTES // 2**20} MB"))
        return None
    try:
        raw = read_file(entry.fspath, MAX_FILE_BYTES, policy)
    except FileRefused as exc:
        warnings.append(LoadWarning(path, f"skipped: {exc.reason}"))
        return None
    except OSError as exc:
        warnings.append(LoadWarning(path, f"skipped, cannot read: {exc.strerror or exc}"))
        return None
    is_page = path.suffix.lower() in HTML_SUFFIXES
    try:
        decoded = decode_page(raw) if is_page else decode(raw)
    except UndecodableError as exc:
        warnings.append(LoadWarning(path, f"skipped: {exc}"))
        return None
    if decoded.guessed:
        warnings.append(LoadWarning(path, f"not UTF-8, read as {decoded.encoding}"))

    meta: dict[str, Any] = {}
    if is_page:  # the page's own metadata counts like front matter; its entities are decoded by the parser
        page = _read_page(raw, decoded.text, path, warnings)
        if page is None:
            return None
        text, meta = page
    else:
        text = clean(decode_entities(decoded.text))  # `&#163;1.8m` is £1.8m, decoded before controls go
        if is_briefing_export(text):
            warnings.append(LoadWarning(path, "skipped: a briefing written by 'briefing export', not an article"))
            return None
    if path.suffix.lower() == ".md":
        text, meta = _split_front_matter(text, path, warnings)
    for key in (entry.relpath, path.name):
        for k, v in metadata.get(key, {}).items():
            meta.setdefault(str(k), v)

    match = _DATE_PREFIX.match(text)
    if match:
        meta.setdefault("date", match.group(1))
        text = text[match.end():]

    body = "\n".join(line.rstrip() for line in text.strip().split("\n"))
    title = _text_field(meta.get("title"))
    if title is None:
        title, body = _headline(body)
    if not body.strip():
        warnings.append(LoadWarning(path, "skipped: empty"))
        return None
    if len(body) > MAX_BODY_CHARS:
        cut = body.rfind(" ", MAX_BODY_CHARS // 2, MAX_BODY_CHARS)
        body = body[: cut if cut > 0 else MAX_BODY_CHARS].rstrip()
        warnings.append(
            LoadWarning(
                path, f"only the first {MAX_BODY_CHARS // 2**20} MiB of text kept ({entry.size / 2**20:.1f} MiB file)"
            )
        )

    return Source(
        id=source_id,
        path=path,
        title=title or _title_from_lead(body),
        body=body,
        paragraphs=split_paragraphs(body),
        content_hash=hashlib.sha256(raw).hexdigest(),
        date=_parse_date(meta.get("date"), path, warnings),
        outlet=_text_field(meta.get("outlet")),
        url=_text_field(meta.get("url")),
        author=_text_field(meta.get("author")),
        size=entry.size,
        mtime_ns=entry.mtime_ns,
    )


def is_briefing_export(text: str) -> bool:
    """Whether `text` is one of briefing's own exports: front matter with `tool: briefing` and
    `generated:` (what `export.render_briefing` writes), whatever the file is called."""
    match = _FRONT_MATTER.match(text)
    return bool(match and _EXPORT_TOOL.search(match.group(1)) and _EXPORT_GENERATED.search(match.group(1)))


def _read_page(raw: bytes, html: str, path: Path, warnings: list[LoadWarning]) -> tuple[str, dict[str, Any]] | None:
    """A web page's main text and metadata; `None` (with a warning) when it holds no article."""
    try:
        page = read_page(raw, html)
    except NotAnArticle as exc:
        warnings.append(LoadWarning(path, f"skipped: {exc}"))
        return None
    meta = {"title": page.title, "date": page.date, "outlet": page.outlet, "author": page.author, "url": page.url}
    return clean(page.text), {k: v for k, v in meta.items() if v}


def file_entry(path: Path, root: Path) -> FileEntry:
    st = path.stat()
    return FileEntry(str(path), path.relative_to(root).as_posix(), st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def iter_paragraph_breaks(block: str) -> Iterator[int]:
    """Offsets (within a blank-line-separated block) where a single newline starts a new paragraph.

    Some outlets put one paragraph per line with no blank line between; hard-wrapped
    text breaks lines mid-sentence. A line ending a sentence, or a next line opening
    a quote, is a paragraph break; anything else is a soft wrap.
    """
    pos = 0
    while True:
        nl = block.find("\n", pos)
        if nl < 0:
            return
        before = block[:nl].rstrip()
        after = block[nl + 1 : nl + 2]
        if before.endswith((".", "!", "?", "”", '"', "’", ")", ":")) or after in "“\"‘'":
            yield nl
        pos = nl + 1


def split_paragraphs(body: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    for match in re.finditer(r"[^\n](?:.|\n(?![ \t]*\n))*", body):
        start = match.start()
        block = match.group()
        cut = 0
        for nl in iter_paragraph_breaks(block):
            spans.append((start + cut, start + nl))
            cut = nl + 1
        spans.append((start + cut, match.end()))
    return tuple((s, e) for s, e in spans if body[s:e].strip())


def _split_front_matter(
    text: str, path: Path, warnings: list[LoadWarning]
) -> tuple[str, dict[str, Any]]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, {}
    rest = text[match.end():]
    try:
        import yaml

        data = load_yaml(match.group(1))
    except yaml.YAMLError as exc:
        warnings.append(LoadWarning(path, f"front matter ignored, not valid YAML: {_one_line(exc)}"))
        return rest, {}
    if data is None:
        return rest, {}
    if not isinstance(data, dict):
        warnings.append(LoadWarning(path, "front matter ignored: not a mapping"))
        return rest, {}
    return rest, {str(k): v for k, v in data.items()}


def _headline(body: str) -> tuple[str | None, str]:
    """A short first line standing alone, without closing punctuation, is the headline."""
    first, sep, rest = body.partition("\n")
    if (
        sep
        and rest.startswith("\n")
        and rest.strip()
        and 0 < len(first.strip()) <= 120
        and not first.rstrip().endswith(tuple(_CLOSING_PUNCTUATION))
    ):
        return first.strip(), rest.strip()
    return None, body


def _title_from_lead(body: str) -> str:
    lead = body.strip().split("\n", 1)[0]
    match = _SENTENCE_END.search(lead)
    sentence = lead[: match.start() + 1] if match else lead
    if len(sentence) > TITLE_MAX_CHARS:  # at a word, with "…" and no quote mark left open
        return shorten(sentence, TITLE_MAX_CHARS)
    return sentence.strip().rstrip(_CLOSING_PUNCTUATION + " –—-")


def _text_field(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(clean(decode_entities(str(value))).split())
    return text or None


def _parse_date(value: Any, path: Path, warnings: list[LoadWarning]) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        warnings.append(LoadWarning(path, f"date ignored, not YYYY-MM-DD: {printable(str(value))[:40]}"))
        return None


def _one_line(exc: Exception) -> str:
    return printable(" ".join(str(exc).split()))[:160]
