"""The YAML files read at every start (themes, config, state), kept parsed in a small JSON cache.

Importing PyYAML costs about 20 ms of the app's start, out of the 0.1-0.2 s that briefing adds
to a bare Textual app's first frame. A file unchanged since it was last parsed (same size, mtime
and inode) is taken from the cache instead, so a start reads JSON and stats a handful of files.
Only data that JSON gives back exactly is cached (no dates, no number keys), so a cached read and
a fresh parse never differ. The cache is a convenience: any trouble with it (unreadable, corrupt,
read-only disk) falls back to parsing, silently.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from briefing.atomic_write import write_atomically
from briefing.locations import yaml_cache_file

CACHE_VERSION = 1
MAX_ENTRIES = 200  # a state file per corpus opened accumulates; the oldest go first


class YamlError(ValueError):
    """The file is not valid YAML (the message is PyYAML's)."""


def read(path: Path) -> Any:
    """The file's data. Raises OSError, UnicodeDecodeError, or YamlError when it does not parse."""
    stamp = _stamp(os.stat(path))
    key = os.path.abspath(path)
    entries = _entries()
    cached = entries.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    with open(path, "rb") as handle:
        stamp = _stamp(os.fstat(handle.fileno()))  # of the bytes read, were the file replaced meanwhile
        text = handle.read().decode("utf-8")
    data = parse(text)
    _remember(entries, key, stamp, data)
    return data


def parse(text: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: 4x faster
    except yaml.YAMLError as exc:
        raise YamlError(str(exc)) from exc


def write(path: Path, data: Any) -> None:
    """Write atomically (a reader, or a crash, sees the old file or the new one, never half) and cache it."""
    import yaml

    stamp = _replace(path, yaml.safe_dump(data, sort_keys=False, allow_unicode=True), durable=True)
    _remember(_entries(), os.path.abspath(path), stamp, data)


def _replace(path: Path, text: str, *, durable: bool) -> list[int]:
    """Replace `path` with `text`; returns the written file's stamp, even if another process
    replaces `path` right after."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return _stamp(write_atomically(path, text.encode("utf-8"), durable=durable))


def _stamp(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def _entries() -> dict[str, list[Any]]:
    try:
        cache = json.loads(yaml_cache_file().read_text("utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: nested past what json reads
        return {}
    if not isinstance(cache, dict) or cache.get("version") != CACHE_VERSION or not isinstance(cache.get("files"), dict):
        return {}
    return {k: v for k, v in cache["files"].items() if isinstance(v, list) and len(v) == 2}


def _remember(entries: dict[str, list[Any]], key: str, stamp: list[int], data: Any) -> None:
    try:
        if json.loads(json.dumps(data)) != data:  # number keys would come back as text
            return
    except (TypeError, ValueError, RecursionError):  # dates, sets, NaN; nested past what json writes
        return
    entries.pop(key, None)
    entries[key] = [stamp, data]
    kept = dict(list(entries.items())[-MAX_ENTRIES:])
    with contextlib.suppress(OSError):  # a cache that cannot be written is done without
        _replace(yaml_cache_file(), json.dumps({"version": CACHE_VERSION, "files": kept}, ensure_ascii=False),
                 durable=False)
