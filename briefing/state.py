"""What the reader leaves behind between sessions: pins, last open source, theme, what was read,
saved searches.

One small YAML file per corpus (`locations.state_file`). Losing it must never
stop the app: a file that cannot be read is set aside beside itself and the
session starts fresh, with one warning to show. Writes are atomic (temporary
file in the same folder, then `os.replace`), so a crash leaves the old state.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing import yaml_files
from briefing.hygiene import printable
from briefing.locations import state_file
from briefing.models import Pin

STATE_VERSION = 1
_PIN_KINDS = ("source", "quote", "figure")


class StateError(ValueError):
    """The state file is not a state this version can read."""


QuoteRef = tuple[str, int, int]  # (source, start, end)
SEARCH_KINDS = ("article", "quote")


@dataclass(frozen=True, slots=True)
class SavedSearch:
    query: str
    kind: str = "article"  # or "quote"


@dataclass(slots=True)
class State:
    pins: list[Pin] = field(default_factory=list)
    last_source: str | None = None
    theme: str | None = None
    read_sources: list[str] = field(default_factory=list)  # in the order they were read
    read_quotes: list[QuoteRef] = field(default_factory=list)
    saved_searches: dict[str, SavedSearch] = field(default_factory=dict)  # name -> search, in saving order

    def mark_read(self, source_id: str) -> bool:
        """Mark a source read; True if it was unread."""
        if source_id in self.read_sources:
            return False
        self.read_sources.append(source_id)
        return True

    def mark_quote_read(self, quote: QuoteRef) -> bool:
        if quote in self.read_quotes:
            return False
        self.read_quotes.append(quote)
        return True

    def unread(self, source_ids: list[str]) -> list[str]:
        """The ids of `source_ids` not read yet, in their order."""
        read = set(self.read_sources)
        return [sid for sid in source_ids if sid not in read]

    def is_pinned(self, pin: Pin) -> bool:
        return pin in self.pins

    def toggle_pin(self, pin: Pin) -> bool:
        """Pin or unpin; returns True when the item is now pinned."""
        if pin in self.pins:
            self.pins.remove(pin)
            return False
        self.pins.append(pin)
        return True


@dataclass(frozen=True, slots=True)
class LoadedState:
    state: State
    warning: str | None = None  # set when a corrupt file was set aside


def to_dict(state: State) -> dict[str, Any]:
    pins = []
    for pin in state.pins:
        entry: dict[str, Any] = {"kind": pin.kind, "source": pin.source}
        if pin.start is not None:
            entry["start"] = pin.start
            entry["end"] = pin.end
        pins.append(entry)
    return {
        "version": STATE_VERSION,
        "last_source": state.last_source,
        "theme": state.theme,
        "pins": pins,
        "read_sources": list(state.read_sources),
        "read_quotes": [{"source": s, "start": a, "end": b} for s, a, b in state.read_quotes],
        "saved_searches": {name: {"query": saved.query, "kind": saved.kind}
                           for name, saved in state.saved_searches.items()},
    }


def from_dict(data: Any) -> State:
    """Parse a state mapping; raises StateError on anything malformed."""
    if data is None:
        return State()
    if not isinstance(data, dict):
        raise StateError("not a mapping")
    version = data.get("version", STATE_VERSION)
    if version != STATE_VERSION:
        raise StateError(f"unknown version {printable(str(version))[:20]}")
    pins: list[Pin] = []
    raw_pins = data.get("pins") or []
    if not isinstance(raw_pins, list):
        raise StateError("pins is not a list")
    for raw in raw_pins:
        if not isinstance(raw, dict) or raw.get("kind") not in _PIN_KINDS:
            raise StateError("a pin is malformed")
        source = raw.get("source")
        start, end = raw.get("start"), raw.get("end")
        if not isinstance(source, str) or not all(v is None or type(v) is int for v in (start, end)):
            raise StateError("a pin is malformed")
        pin = Pin(raw["kind"], source, start, end)
        if pin not in pins:
            pins.append(pin)
    last, theme = data.get("last_source"), data.get("theme")
    if not all(v is None or isinstance(v, str) for v in (last, theme)):
        raise StateError("last_source and theme must be text")
    return State(pins=pins, last_source=last, theme=theme, read_sources=_read_sources(data),
                 read_quotes=_read_quotes(data), saved_searches=_saved_searches(data))


def _read_sources(data: dict[str, Any]) -> list[str]:
    raw = data.get("read_sources") or []
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        raise StateError("read_sources is not a list of ids")
    return list(dict.fromkeys(raw))


def _read_quotes(data: dict[str, Any]) -> list[QuoteRef]:
    raw = data.get("read_quotes") or []
    if not isinstance(raw, list):
        raise StateError("read_quotes is not a list")
    quotes: list[QuoteRef] = []
    for entry in raw:
        if not isinstance(entry, dict):
            raise StateError("a read quote is malformed")
        source, start, end = entry.get("source"), entry.get("start"), entry.get("end")
        if not isinstance(source, str) or type(start) is not int or type(end) is not int:
            raise StateError("a read quote is malformed")
        quotes.append((source, start, end))
    return list(dict.fromkeys(quotes))


def _saved_searches(data: dict[str, Any]) -> dict[str, SavedSearch]:
    raw = data.get("saved_searches") or {}
    if not isinstance(raw, dict):
        raise StateError("saved_searches is not a mapping")
    saved: dict[str, SavedSearch] = {}
    for name, entry in raw.items():
        if not isinstance(name, str) or not isinstance(entry, dict):
            raise StateError("a saved search is malformed")
        query, kind = entry.get("query"), entry.get("kind", "article")
        if not isinstance(query, str) or kind not in SEARCH_KINDS:
            raise StateError(f"saved search {printable(name)[:30]!r} is malformed")
        saved[name] = SavedSearch(query, kind)
    return saved


def load_state(corpus: Path, path: Path | None = None) -> LoadedState:
    """Read the state for `corpus`; a missing file is a fresh state, a bad one is set aside."""
    path = path or state_file(corpus)
    try:
        return LoadedState(from_dict(yaml_files.read(path)))
    except FileNotFoundError:
        return LoadedState(State())
    except (OSError, UnicodeDecodeError, yaml_files.YamlError, StateError) as exc:
        return LoadedState(State(), _set_aside(path, _reason(exc)))


def save_state(corpus: Path, state: State, path: Path | None = None) -> None:
    """Write atomically: a reader (or a crash) sees the old file or the new one, never half."""
    yaml_files.write(path or state_file(corpus), to_dict(state))


def _set_aside(path: Path, reason: str) -> str:
    aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        os.replace(path, aside)
    except OSError:
        return f"state file unreadable ({reason}); starting fresh: {printable(str(path))}"
    return f"state file unreadable ({reason}); set aside as {printable(str(aside))}"


def _reason(exc: Exception) -> str:
    return printable(" ".join(str(exc).split()))[:120] or type(exc).__name__
