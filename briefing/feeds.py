"""RSS and Atom feeds: reading their items, and the list of followed feeds kept in the corpus.

Feeds are parsed by feedparser from bytes we fetched ourselves (feedparser never fetches:
it would follow `file://` and any scheme). The followed feeds live in `feeds.yaml` in the
corpus folder, so the folder carries its own subscriptions to another machine.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from briefing.atomic_write import write_atomically
from briefing.corpus import MAX_FILE_BYTES, load_yaml
from briefing.file_access import read_file

FEEDS_FILE = "feeds.yaml"
DEFAULT_FEED_ITEMS = 50  # new items fetched per feed and run without --limit (a feed may list thousands)
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")


@dataclass(frozen=True, slots=True)
class FeedItem:
    url: str
    title: str | None
    published: date | None


@dataclass(frozen=True, slots=True)
class Feed:
    title: str | None
    items: list[FeedItem]  # newest first


def looks_like_feed(content_type: str, body: bytes) -> bool:
    """RSS or Atom by its declared type, or by its first element when served as generic XML/text."""
    if content_type in _FEED_TYPES:
        return True
    if content_type in ("text/html", "application/xhtml+xml"):
        return False
    head = body[:1024].lstrip().lower()
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2:].lstrip()
        while head.startswith(b"<!--") or head.startswith(b"<?"):
            end = head.find(b"-->") + 3 if head.startswith(b"<!--") else head.find(b"?>") + 2
            head = head[end:].lstrip()
    return head.startswith((b"<rss", b"<feed", b"<rdf:rdf"))


def parse_feed(body: bytes, base_url: str) -> Feed:
    """The items of a feed, with absolute links; raises ValueError if it is not a feed at all."""
    import urllib.parse

    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": base_url})
    if not parsed.get("version") and not parsed.entries:
        raise ValueError("not an RSS or Atom feed")
    items = []
    for entry in parsed.entries:
        link = entry.get("link") or next(
            (lk.get("href") for lk in entry.get("links", []) if lk.get("rel") in (None, "alternate")), None
        )
        if not link:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = datetime.fromtimestamp(calendar.timegm(stamp), UTC).date() if stamp else None
        items.append(FeedItem(urllib.parse.urljoin(base_url, link.strip()), _text(entry.get("title")), published))
    items.sort(key=lambda i: i.published or date.min, reverse=True)
    return Feed(_text(parsed.feed.get("title")), items)


def select_items(items: list[FeedItem], since: date | None, limit: int | None) -> list[FeedItem]:
    """The items published on or after `since` (undated items kept), newest first, at most `limit`."""
    chosen = [i for i in items if since is None or i.published is None or i.published >= since]
    return chosen[:limit] if limit else chosen


@dataclass
class FeedRecord:
    """What is kept about one followed feed between runs."""

    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    since: str | None = None  # YYYY-MM-DD, as given to `briefing add --since`
    limit: int | None = None
    seen: list[str] | None = None  # item URLs already handled (added, duplicates, not articles)

    def to_yaml(self) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in ("title", "etag", "last_modified", "since", "limit", "seen")}
        return {k: v for k, v in data.items() if v not in (None, [])}


def read_feeds(corpus_dir: Path) -> tuple[dict[str, FeedRecord], str | None]:
    """The followed feeds by URL, and a problem with the file if it could not be read."""
    import yaml

    path = Path(corpus_dir) / FEEDS_FILE
    if not path.exists():
        return {}, None
    try:
        data = load_yaml(read_file(path, MAX_FILE_BYTES).decode("utf-8"))  # not a FIFO's endless wait
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return {}, f"{FEEDS_FILE}: not readable YAML ({' '.join(str(exc).split())[:100]})"
    feeds = (data or {}).get("feeds") if isinstance(data, dict) else None
    if not isinstance(feeds, dict):
        return {}, f"{FEEDS_FILE}: expected 'feeds:' with one entry per feed URL"
    out = {}
    for url, rec in feeds.items():
        rec = rec if isinstance(rec, dict) else {}
        seen = rec.get("seen")
        limit = rec.get("limit")
        out[str(url)] = FeedRecord(
            str(url), _text(rec.get("title")), _text(rec.get("etag")), _text(rec.get("last_modified")),
            _text(rec.get("since")), limit if isinstance(limit, int) and limit > 0 else None,
            [str(s) for s in seen] if isinstance(seen, list) else None,
        )
    return out, None


def write_feeds(corpus_dir: Path, feeds: dict[str, FeedRecord]) -> None:
    """Replace `feeds.yaml` whole (a reader never sees half of it)."""
    import yaml

    data = {"feeds": {url: rec.to_yaml() for url, rec in sorted(feeds.items())}}
    text = "# Feeds followed by `briefing update` (written by briefing add; safe to edit).\n" + yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, width=120
    )
    write_atomically(Path(corpus_dir) / FEEDS_FILE, text.encode("utf-8"), mode=0o666)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
