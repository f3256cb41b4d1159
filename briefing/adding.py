"""Adding web pages and feeds to a corpus folder: `briefing add` and `briefing update`.

A page is saved as fetched, with one comment line on top recording where it came from and
when (what a citation needs), and only once it is known to hold an article: a page that is
not one, a failed download, a crash midway, leave nothing in the corpus. The same article
reached twice (two URLs, a redirect, a feed item and a pasted link, the same text under
another address) is saved once.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from briefing import corpus as corpus_mod
from briefing.atomic_write import write_atomically
from briefing.corpus_lock import CorpusBusy, corpus_lock
from briefing.feeds import (
    DEFAULT_FEED_ITEMS,
    FEEDS_FILE,
    FeedRecord,
    looks_like_feed,
    parse_feed,
    read_feeds,
    select_items,
    write_feeds,
)
from briefing.fetching import Fetcher, FetchError, Response, check_url, normalize_url
from briefing.file_access import read_file
from briefing.html_article import (
    HTML_SUFFIXES,
    NotAnArticle,
    decode_page,
    fetch_comment,
    fetch_record,
    page_urls,
    read_page,
)
from briefing.hygiene import UndecodableError

Progress = Callable[[str], None]
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_SLUG_CHARS = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Added:
    url: str
    path: str  # relative to the corpus
    title: str | None
    feed: str | None = None


@dataclass(frozen=True, slots=True)
class Duplicate:
    url: str
    path: str  # the file that already holds it


@dataclass(frozen=True, slots=True)
class Failure:
    url: str
    reason: str


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    url: str
    status: str  # "new", "updated", "unchanged" (304), "failed"
    items: int = 0  # items considered this run
    title: str | None = None
    waiting: int = 0  # new items left for the next run by --limit or the default cap


@dataclass
class AddReport:
    added: list[Added] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    feeds: list[FeedOutcome] = field(default_factory=list)

    def to_json(self) -> dict:
        return {k: [asdict(x) for x in getattr(self, k)] for k in ("added", "duplicates", "failures", "feeds")}


class KnownArticles:
    """The web pages already in the corpus, by every URL they answer to and by their text."""

    def __init__(self) -> None:
        self.by_url: dict[str, str] = {}
        self.by_text: dict[str, str] = {}
        self.read: set[str] = set()  # the files already looked at

    @classmethod
    def in_corpus(cls, corpus_dir: Path) -> KnownArticles:
        return cls().refresh(corpus_dir)

    def refresh(self, corpus_dir: Path) -> KnownArticles:
        """Also know the pages saved since the last look (by another run, under the corpus lock)."""
        _, policy = corpus_mod.reading_rules(corpus_dir, [])
        for entry in corpus_mod.scan(corpus_dir):
            if not entry.relpath.lower().endswith(HTML_SUFFIXES) or entry.relpath in self.read:
                continue
            self.read.add(entry.relpath)
            try:  # as the loader reads: no FIFO, no link out of the corpus
                raw = read_file(entry.fspath, corpus_mod.MAX_FILE_BYTES, policy)
            except OSError:  # FileRefused included
                continue
            record = fetch_record(raw)
            urls = page_urls(raw)
            text_hash = record.get("text_sha256") if isinstance(record.get("text_sha256"), str) else None
            if isinstance(record.get("canonical"), str):
                urls.append(record["canonical"])
            if not record:  # a page saved some other way: its canonical URL and text from the page itself
                try:
                    page = read_page(raw, decode_page(raw).text)
                except (NotAnArticle, UndecodableError):
                    continue
                urls += [page.url] if page.url else []
                text_hash = text_digest(page.text)
            self.remember(entry.relpath, urls, text_hash)
        return self

    def remember(self, relpath: str, urls: list[str], text_hash: str | None) -> None:
        self.read.add(relpath)
        for url in urls:
            self.by_url.setdefault(normalize_url(url), relpath)
        if text_hash:
            self.by_text.setdefault(text_hash, relpath)

    def find(self, urls: list[str], text_hash: str | None = None) -> str | None:
        for url in urls:
            hit = self.by_url.get(normalize_url(url))
            if hit:
                return hit
        return self.by_text.get(text_hash) if text_hash else None


def text_digest(text: str) -> str:
    """The same article text under any markup or spacing gives the same digest."""
    return hashlib.sha256(" ".join(text.split()).casefold().encode("utf-8")).hexdigest()


class Adder:
    """One `add` or `update` run over one corpus folder."""

    def __init__(self, corpus_dir: Path, fetcher: Fetcher, progress: Progress | None = None) -> None:
        self.corpus_dir = corpus_dir
        self.fetcher = fetcher
        self.progress = progress or (lambda _message: None)
        self.known = KnownArticles.in_corpus(corpus_dir)
        self.report = AddReport()
        self.feeds, problem = read_feeds(corpus_dir)
        self._feeds_readable = problem is None
        self._added_feeds: set[str] = set()  # the feeds `add` was given (followed even if removed meanwhile)
        self._seen_before: dict[str, set[str]] = {}  # each feed's seen items as this run found them
        if problem:
            self.report.failures.append(Failure(str(corpus_dir / FEEDS_FILE), problem))

    def add(self, urls: list[str], since: date | None = None, limit: int | None = None) -> AddReport:
        """Add each URL: a page, or a feed whose items are added and which is followed from now on."""
        for url in urls:
            try:
                url = check_url(url)
                if self.known.find([url]) is None or url in self.feeds:
                    self._add_url(url, since, limit)
                else:
                    self.report.duplicates.append(Duplicate(url, self.known.find([url]) or ""))
            except FetchError as exc:
                self.report.failures.append(Failure(exc.url or url, exc.reason))
        self._save_feeds()
        return self.report

    def update(self) -> AddReport:
        """Re-read every followed feed, asking only for what changed, and add its new items."""
        for url, record in list(self.feeds.items()):
            self.progress(f"feed {url}")
            try:
                response = self.fetcher.get(url, etag=record.etag, last_modified=record.last_modified, robots=True)
            except FetchError as exc:
                self.report.failures.append(Failure(url, exc.reason))
                self.report.feeds.append(FeedOutcome(url, "failed"))
                continue
            if response.not_modified:
                self.report.feeds.append(FeedOutcome(url, "unchanged", 0, record.title))
                continue
            since = _date_or_none(record.since)
            self._add_feed(url, response, since, record.limit, status="updated")
        self._save_feeds()
        return self.report

    # one URL

    def _add_url(self, url: str, since: date | None, limit: int | None) -> None:
        self.progress(f"fetching {url}")
        record = self.feeds.get(url)
        response = self.fetcher.get(url)
        if looks_like_feed(response.content_type, response.body):
            self._added_feeds.add(url)
            self._add_feed(url, response, since, limit, status="updated" if record else "new")
        else:
            self._add_page(url, response)

    def _add_feed(self, url: str, response: Response, since: date | None, limit: int | None, *, status: str) -> None:
        try:
            feed = parse_feed(response.body, response.url)
        except ValueError as exc:
            self.report.failures.append(Failure(url, str(exc)))
            self.report.feeds.append(FeedOutcome(url, "failed"))
            return
        record = self.feeds.get(url) or FeedRecord(url)
        record.title = feed.title or record.title
        record.etag, record.last_modified = response.etag, response.last_modified
        if since is not None:
            record.since = since.isoformat()
        if limit is not None:
            record.limit = limit
        # Only items the feed still lists are remembered: `seen` stays as long as the feed, not its history.
        listed = {i.url for i in feed.items}
        seen = set(record.seen or []) & listed
        waiting = [i for i in select_items(feed.items, since, None) if i.url not in seen]
        cap = limit or record.limit or DEFAULT_FEED_ITEMS  # the rest wait for the next run
        items = waiting[:cap]
        self.report.feeds.append(FeedOutcome(url, status, len(items), feed.title, len(waiting) - len(items)))
        for n, item in enumerate(items, 1):
            self.progress(f"{n}/{len(items)} {item.url}")
            if self._add_item(item.url, url):
                seen.add(item.url)
        self._seen_before.setdefault(url, set(record.seen or []))
        record.seen = sorted(seen)
        self.feeds[url] = record

    def _add_item(self, item_url: str, feed_url: str) -> bool:
        """Add one feed item; True when it need not be tried again (added, duplicate, refused)."""
        try:
            item_url = check_url(item_url)
        except FetchError as exc:
            self.report.failures.append(Failure(item_url, f"{exc.reason}, in the feed {feed_url}"))
            return True
        hit = self.known.find([item_url])
        if hit is not None:
            self.report.duplicates.append(Duplicate(item_url, hit))
            return True
        try:
            response = self.fetcher.get(item_url, robots=True)
        except FetchError as exc:
            self.report.failures.append(Failure(item_url, exc.reason))
            # Gone, too big, or refused by robots.txt (maybe after a redirect): not tried again.
            final = exc.reason.startswith(("HTTP 404", "HTTP 410", "too large", "only http"))
            return final or "refused by" in exc.reason
        return self._add_page(item_url, response, feed=feed_url)

    def _add_page(self, url: str, response: Response, feed: str | None = None) -> bool:
        if response.content_type not in _HTML_TYPES and not _sniffs_as_html(response.body):
            self.report.failures.append(Failure(url, f"not an article: {response.content_type or 'no type'}, not HTML"))
            return True
        try:
            page = read_page(response.body, decode_page(response.body).text)
        except (NotAnArticle, UndecodableError) as exc:
            self.report.failures.append(Failure(url, str(exc) if "article" in str(exc) else f"not an article: {exc}"))
            return True
        digest = text_digest(page.text)
        urls = [url, response.url, *([page.url] if page.url else [])]
        try:
            with corpus_lock(self.corpus_dir):  # no other run saves it between our check and our save
                self.known.refresh(self.corpus_dir)
                return self._save_page(url, response, page, urls, digest, feed)
        except CorpusBusy as exc:  # not seen: the next update tries it again
            self.report.failures.append(Failure(url, str(exc)))
            return False
        except OSError as exc:
            self.report.failures.append(Failure(url, f"cannot lock the corpus: {exc.strerror or exc}"))
            return False

    def _save_page(self, url: str, response: Response, page, urls: list[str], digest: str, feed: str | None) -> bool:
        hit = self.known.find(urls, digest)
        if hit is not None:
            self.report.duplicates.append(Duplicate(url, hit))
            return True
        record = {
            "url": response.url,
            "requested": url,
            "canonical": page.url,
            "fetched": datetime.now(UTC).replace(microsecond=0).isoformat(),
            "feed": feed,
            "text_sha256": digest,
        }
        rel = self._file_name(page.title, page.url or response.url)
        try:
            _save(self.corpus_dir / rel, response.body, fetch_comment({k: v for k, v in record.items() if v}))
        except OSError as exc:
            self.report.failures.append(Failure(url, f"cannot save into the corpus: {exc.strerror or exc}"))
            return False
        self.known.remember(rel, urls, digest)
        self.report.added.append(Added(url, rel, page.title, feed))
        return True

    def _file_name(self, title: str | None, url: str) -> str:
        slug = _slug(title or "page")
        tag = hashlib.sha1(normalize_url(url).encode("utf-8")).hexdigest()[:8]
        name = f"{slug}-{tag}.html"
        n = 2
        while (self.corpus_dir / name).exists():
            name, n = f"{slug}-{tag}-{n}.html", n + 1
        return name

    def _save_feeds(self) -> None:
        """Merge what this run learnt into `feeds.yaml` as it is now: another run may have written it meanwhile."""
        if not self._feeds_readable or not self._seen_before:
            return
        where = str(self.corpus_dir / FEEDS_FILE)
        try:
            with corpus_lock(self.corpus_dir):
                current, problem = read_feeds(self.corpus_dir)
                if problem:  # broken since we started: left alone, as at the start
                    self.report.failures.append(Failure(where, problem))
                    return
                merged = merge_feeds(current, self.feeds, self._seen_before, self._added_feeds)
                write_feeds(self.corpus_dir, merged)
        except CorpusBusy as exc:
            self.report.failures.append(Failure(where, f"not saved, {exc}"))
        except OSError as exc:
            self.report.failures.append(Failure(where, f"cannot save: {exc.strerror or exc}"))


def merge_feeds(
    current: dict[str, FeedRecord], ours: dict[str, FeedRecord], seen_before: dict[str, set[str]], added: set[str]
) -> dict[str, FeedRecord]:
    """`feeds.yaml` as read now, with what this run learnt about the feeds it read (the keys of
    `seen_before`): their newest validators and titles, and the items this run saw plus those
    another run added meanwhile. A feed removed from the file meanwhile stays removed, unless
    this run was asked to add it."""
    merged = dict(current)
    for url in sorted(seen_before):
        theirs, mine = current.get(url), ours[url]
        if theirs is None and url not in added:
            continue
        seen = set(mine.seen or []) | (set((theirs.seen if theirs else None) or []) - seen_before[url])
        merged[url] = FeedRecord(
            url, mine.title or (theirs.title if theirs else None), mine.etag, mine.last_modified,
            mine.since, mine.limit, sorted(seen) or None,
        )
    return merged


def _save(path: Path, body: bytes, comment: bytes) -> None:
    """The page as fetched, the fetch record first (after a byte-order mark), whole or not at all."""
    bom = next((b for b in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) if body.startswith(b)), b"")
    if bom and bom != codecs.BOM_UTF8:
        comment = comment.decode("ascii").encode("utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be")
    write_atomically(path, bom + comment + body[len(bom):], mode=0o666)


def _sniffs_as_html(body: bytes) -> bool:
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _slug(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    slug = _SLUG_CHARS.sub("-", ascii_title).strip("-")[:60].rstrip("-")
    return slug or "page"


def _date_or_none(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
