"""Fetching a web page or feed politely and safely, with one-line reasons for every failure.

Built on the standard library's urllib: no new dependency, it honours the user's proxy
settings, verifies TLS, and lets us bound redirects and refuse any scheme but http(s) in
one small handler. What a browser would not do unasked is refused: other schemes
(`file://` from a feed), endless redirects, unbounded bodies. Each host is asked at most
once per `delay` seconds, and conditional headers make a re-read of an unchanged feed free.
"""

from __future__ import annotations

import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from functools import cache

from briefing import __version__
from briefing.content_decoding import ACCEPTED, BodyDecoder, DecodingError

USER_AGENT = f"briefing/{__version__} (news briefing reader; +https://github.com/briefing/briefing)"
ALLOWED_SCHEMES = ("http", "https")
MAX_REDIRECTS = 5
DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 5 * 2**20
DEFAULT_DELAY = 1.0  # seconds between two requests to one host
MAX_CRAWL_DELAY = 30.0  # a robots.txt Crawl-delay is honoured up to this many seconds
_TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "at_medium", "at_campaign")
_CHUNK = 64 * 1024


class FetchError(Exception):
    """One URL could not be fetched; the message is the reason, short enough for one line."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.url = url
        self.reason = reason
        self.status = status  # the HTTP status, when the server answered with an error


@dataclass(frozen=True, slots=True)
class Response:
    url: str  # the final URL, after redirects
    status: int  # 200, or 304 when a conditional request found nothing new
    body: bytes
    content_type: str  # lowercase, without parameters
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def check_url(url: str) -> str:
    """The URL stripped of surrounding spaces, if it is one we may fetch; raises `FetchError` otherwise."""
    url = url.strip()
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        shown = f"{parts.scheme}:" if parts.scheme else "no scheme"
        raise FetchError(url, f"only http and https URLs are fetched ({shown})")
    if not parts.hostname:
        raise FetchError(url, "no host in the URL")
    return url


def normalize_url(url: str) -> str:
    """The form two spellings of one page share: lowercase scheme and host, no default port,
    no fragment, no tracking parameters. Used to tell that an article is already in the corpus."""
    parts = urllib.parse.urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    query = urllib.parse.urlencode(
        [(k, v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
         if not k.lower().startswith(_TRACKING_PARAMS)]
    )
    return urllib.parse.urlunsplit((scheme, netloc, parts.path or "/", query, ""))


@cache
def _redirect_handler_class() -> type:
    """urllib's redirect handler bounded to `MAX_REDIRECTS` hops, and only to http(s).

    Built on first use: urllib.request (with ssl and http.client) is not imported by commands that never fetch.
    """
    import urllib.request

    class BoundedRedirects(urllib.request.HTTPRedirectHandler):
        max_redirections = MAX_REDIRECTS

        def __init__(self, fetcher: Fetcher) -> None:
            self.fetcher = fetcher

        def redirect_request(self, req, fp, code, msg, headers, newurl):
            target = urllib.parse.urljoin(req.full_url, newurl)
            if urllib.parse.urlsplit(target).scheme.lower() not in ALLOWED_SCHEMES:
                raise FetchError(req.full_url, f"redirected to a refused scheme ({printable_url(target)[:60]})")
            new_request = super().redirect_request(req, fp, code, msg, headers, newurl)
            if new_request is None:
                return None
            if getattr(req, "robots", False):  # an automated request stays one after a redirect
                refusal = self.fetcher.robots.refusal(target)
                if refusal:
                    raise FetchError(req.full_url, f"redirected to {printable_url(target)[:80]}, {refusal}")
                new_request.robots = True
            self.fetcher.pacer.wait(target)  # each hop is a request to the host it goes to: paced like any other
            return new_request

    return BoundedRedirects


@dataclass
class HostPacer:
    """Waits so that one host is asked at most once per `delay` seconds (thread-safe)."""

    delay: float = DEFAULT_DELAY
    _last: dict[str, float] = field(default_factory=dict)
    _slower: dict[str, float] = field(default_factory=dict)  # hosts whose robots.txt asks for a longer delay
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def slow_down(self, url: str, delay: float) -> None:
        with self._lock:
            self._slower[_host(url)] = delay

    def wait(self, url: str) -> None:
        host = _host(url)
        with self._lock:
            now = time.monotonic()
            ready = self._last.get(host, -1e9) + max(self.delay, self._slower.get(host, 0.0))
            start = max(now, ready)
            self._last[host] = start
        if start > now:
            time.sleep(start - now)


@dataclass
class Fetcher:
    """Fetches URLs under one set of limits; one per command run."""

    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    pacer: HostPacer = field(default_factory=HostPacer)

    def __post_init__(self) -> None:
        import urllib.request

        from briefing.robots import RobotsRules

        self._opener = urllib.request.build_opener(_redirect_handler_class()(self))
        self.robots = RobotsRules(self._robots_text)

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None, robots: bool = False
    ) -> Response:
        """Fetch `url` (http or https only); raises `FetchError` with a one-line reason.

        With `robots`, an automated request (a polled feed, a feed's item): refused when the
        host's robots.txt disallows it.
        """
        url = check_url(url)
        if robots:
            refusal = self.robots.refusal(url)
            if refusal:
                raise FetchError(url, refusal)
            crawl_delay = self.robots.crawl_delay(url)
            if crawl_delay:
                self.pacer.slow_down(url, min(crawl_delay, MAX_CRAWL_DELAY))
        return self._get(url, etag, last_modified, robots)

    def _robots_text(self, robots_url: str) -> tuple[int, str]:
        from briefing.robots import MAX_ROBOTS_BYTES

        try:
            response = Fetcher(self.timeout, min(self.max_bytes, MAX_ROBOTS_BYTES), self.pacer)._get(
                robots_url, None, None
            )
        except FetchError as exc:
            return exc.status or 0, exc.reason
        return response.status, response.body.decode("utf-8", errors="replace")

    def _get(self, url: str, etag: str | None, last_modified: str | None, robots: bool = False) -> Response:
        import http.client
        import ssl
        import urllib.error
        import urllib.request

        headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                   "application/atom+xml,application/xml;q=0.9,*/*;q=0.5", "Accept-Encoding": ACCEPTED}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self.pacer.wait(url)
        request = urllib.request.Request(url, headers=headers)
        request.robots = robots  # read by the redirect handler
        try:
            with self._opener.open(request, timeout=self.timeout) as reply:
                return self._read(url, reply)
        except FetchError:
            raise
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return Response(exc.url or url, 304, b"", "", exc.headers.get("ETag"), exc.headers.get("Last-Modified"))
            if exc.code in (301, 302, 303, 307, 308):
                target = urllib.parse.urljoin(exc.url or url, exc.headers.get("Location") or "")
                if urllib.parse.urlsplit(target).scheme.lower() not in ALLOWED_SCHEMES:
                    raise FetchError(url, f"redirected to a refused scheme ({printable_url(target)[:60]})") from None
                raise FetchError(url, f"too many redirects (more than {MAX_REDIRECTS})") from None
            raise FetchError(url, f"HTTP {exc.code} {exc.reason}".strip(), exc.code) from None
        except urllib.error.URLError as exc:
            raise FetchError(url, _network_reason(exc.reason)) from None
        except TimeoutError:
            raise FetchError(url, f"timeout after {self.timeout:g} s") from None
        except http.client.IncompleteRead as exc:
            raise FetchError(url, f"connection closed after {len(exc.partial)} bytes of the page") from None
        except (OSError, ValueError, ssl.SSLError, http.client.HTTPException) as exc:
            raise FetchError(url, _network_reason(exc)) from None

    def _read(self, url: str, reply) -> Response:
        declared = reply.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(url, f"too large ({int(declared) / 2**20:.1f} MB, the limit is {self._limit()})")
        chunks, total = [], 0
        deadline = time.monotonic() + self.timeout * 3  # a server trickling bytes must not hold us forever
        try:
            decoder = BodyDecoder(reply.headers.get("Content-Encoding"), self.max_bytes)
            while True:
                chunk = reply.read(_CHUNK)
                if not chunk:
                    break
                total += len(chunk)
                if total > self.max_bytes:
                    raise FetchError(url, f"too large (more than {self._limit()})")
                if time.monotonic() > deadline:
                    raise FetchError(url, f"timeout: the body took more than {self.timeout * 3:g} s")
                chunks.append(decoder.feed(chunk))
            if declared and declared.isdigit() and total < int(declared):
                raise FetchError(url, f"connection closed after {total} of {declared} bytes")
            chunks.append(decoder.finish())
        except DecodingError as exc:
            raise FetchError(url, str(exc)) from None
        content_type = (reply.headers.get_content_type() or "").lower()
        return Response(reply.geturl(), reply.status, b"".join(chunks), content_type,
                        reply.headers.get("ETag"), reply.headers.get("Last-Modified"))

    def _limit(self) -> str:
        return f"{self.max_bytes / 2**20:g} MB"


def _host(url: str) -> str:
    return (urllib.parse.urlsplit(url).hostname or "").lower()


def _network_reason(reason: object) -> str:
    import errno
    import socket
    import ssl

    if isinstance(reason, socket.gaierror):
        return "DNS: host name not found"
    if isinstance(reason, TimeoutError):
        return "timeout"
    if isinstance(reason, ssl.SSLError):
        return f"TLS: {getattr(reason, 'reason', None) or reason}"
    if isinstance(reason, ConnectionRefusedError) or getattr(reason, "errno", None) == errno.ECONNREFUSED:
        return "connection refused"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return " ".join(str(reason).split())[:120] or "network error"


def printable_url(url: str) -> str:
    """A URL safe to print on one line (controls shown as `?`)."""
    from briefing.hygiene import printable

    return printable(url)
