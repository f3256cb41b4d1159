"""A small news site on 127.0.0.1 for the `briefing add` / `update` tests, and for the app's.

Pages are built at test time around BBC texts (tests/web_pages.py); the site also serves an
RSS and an Atom feed (with ETag and Last-Modified, answering 304 to conditional requests),
redirects (one, a chain, a loop, one to `file://`), a slow page, a 404, a 10 MB page, a PDF,
a truncated body and a home page that is not an article. Every request is recorded.
"""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

from tests.web_pages import PageSpec, bbc_articles, page_html, spec_for

ETAG = '"feed-v1"'
LAST_MODIFIED = "Mon, 07 Feb 2005 10:00:00 GMT"
CHARSET_PROBE = "Prices at the caf\u00e9 rose to \u00a35m \u2013 \u201cquite a jump\u201d, said the owner."
ROBOTS_TXT = b"# automated readers keep out of /private/\nUser-agent: *\nDisallow: /private/\n"


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float


@dataclass
class Site:
    base: str = ""
    pages: dict[str, PageSpec] = field(default_factory=dict)  # by path, e.g. /news/business-001
    requests: list[Request] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None
    # /gated/<path> answers <path> only once `gate.parties` requests are waiting: two runs then
    # certainly overlap (both have read feeds.yaml and the corpus before either gets its feed).
    gate: threading.Barrier | None = None

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]

    def close(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


def start_site(count: int = 8, start: int = 400) -> Site:
    """Serve `count` article pages (paths /news/<name>) plus the feeds and the failure cases."""
    site = Site()
    articles = bbc_articles(count, start)
    for n, (name, title, body) in enumerate(articles):
        spec = spec_for(n, name, title, body)
        site.pages[f"/news/{name}"] = spec
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.server = server
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    # The pages' own canonical URLs point at this server, as a real site's do.
    for path, spec in list(site.pages.items()):
        site.pages[path] = PageSpec(**{**spec.__dict__, "url": site.base + path})
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return site


def rss(site: Site, paths: list[str], extra_links: tuple[str, ...] = ()) -> bytes:
    items = []
    for n, path in enumerate(paths):
        spec = site.pages[path]
        when = format_datetime(datetime(spec.date.year, spec.date.month, spec.date.day, 9, tzinfo=UTC))
        items.append(f"<item><title>{escape(spec.title)}</title><link>{site.url(path)}</link>"
                     f"<guid>{n}</guid><pubDate>{when}</pubDate></item>")
    for link in extra_links:
        items.append(f"<item><title>Elsewhere</title><link>{escape(link)}</link></item>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Ledger: Business</title>'
            f"<link>{site.base}/</link><description>Latest</description>{''.join(items)}</channel></rss>").encode()


def atom(site: Site, paths: list[str]) -> bytes:
    entries = []
    for path in paths:
        spec = site.pages[path]
        entries.append(f'<entry><title>{escape(spec.title)}</title><link rel="alternate" href="{path}"/>'
                       f"<id>{site.url(path)}</id><updated>{spec.date.isoformat()}T09:00:00Z</updated></entry>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Courier: Politics</title><id>{site.base}/atom</id><updated>2005-02-07T10:00:00Z</updated>"
            f'<link rel="self" href="{site.base}/atom.xml"/>{"".join(entries)}</feed>').encode()


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            site.requests.append(Request(self.path, dict(self.headers.items()), time.monotonic()))
            path = self.path.split("?", 1)[0]
            paths = sorted(site.pages)
            if path.startswith("/gated/") and site.gate is not None:
                with contextlib.suppress(threading.BrokenBarrierError):
                    site.gate.wait()
                path = path.removeprefix("/gated")
            if path == "/robots.txt":  # on the host name "localhost", a server error: unreadable
                if (self.headers.get("Host") or "").startswith("localhost"):
                    self._send(503, b"busy", "text/plain")
                else:
                    self._send(200, ROBOTS_TXT, "text/plain")
            elif path.startswith("/private/") and "/news/" + path.rsplit("/", 1)[1] in site.pages:
                spec = site.pages["/news/" + path.rsplit("/", 1)[1]]
                self._send(200, page_html(spec, []).encode("utf-8"), "text/html; charset=utf-8")
            elif path == "/mixed.xml":  # one item robots.txt disallows, one it allows
                private = site.url("/private/" + paths[6].rsplit("/", 1)[1])
                links = (private, site.url(paths[7]), site.url("/bounce?to=" + urllib.parse.quote(private + "?via")))
                self._send(200, rss(site, [], links), "application/rss+xml")
            elif path in site.pages:
                spec = site.pages[path]
                self._send(200, page_html(spec, []).encode("utf-8"), "text/html; charset=utf-8")
            elif path in ("/rss.xml", "/atom.xml"):
                if self.headers.get("If-None-Match") == ETAG or self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                    self._send(304, b"", None, {"ETag": ETAG})
                    return
                if path == "/rss.xml":
                    body = rss(site, paths[:3], ("file:///etc/passwd", site.url("/redirect/1")))
                else:
                    body = atom(site, paths[3:6])
                kind = "application/rss+xml" if path == "/rss.xml" else "application/atom+xml"
                self._send(200, body, kind, {"ETag": ETAG, "Last-Modified": LAST_MODIFIED})
            elif path.startswith("/feeds/relative"):  # links relative to the feed's own address
                names = [p.rsplit("/", 1)[1] for p in paths[:2]]
                links = (f"../news/{names[0]}", f"/news/{names[1]}")
                body = rss(site, [], links).replace(b"<title>Elsewhere</title>", b"<title>Relative</title>")
                self._send(200, body, "application/rss+xml")
            elif path == "/huge.xml":  # 10,000 items, none of them still online
                links = tuple(site.url(f"/gone/{n}") for n in range(10_000))
                self._send(200, rss(site, [], links), "application/rss+xml")
            elif path.startswith("/charset/"):  # a page whose declared charset is wrong
                spec = site.pages[paths[1] if path.endswith("says-latin1") else paths[2]]
                spec = PageSpec(**{**spec.__dict__, "body": [CHARSET_PROBE + " " + spec.body[0], *spec.body[1:]]})
                if path.endswith("says-latin1"):  # UTF-8 bytes, declared ISO-8859-1 in the page and the header
                    body, kind = page_html(spec, [], charset="iso-8859-1").encode("utf-8"), "iso-8859-1"
                else:  # Windows-1252 bytes, declared UTF-8
                    body, kind = page_html(spec, [], charset="utf-8").encode("cp1252"), "utf-8"
                self._send(200, body, f"text/html; charset={kind}")
            elif path == "/bounce":  # a redirect to wherever ?to= says, another host included
                target = urllib.parse.parse_qs(self.path.split("?", 1)[1])["to"][0]
                self._send(302, b"", None, {"Location": target})
            elif path == "/lying-length":  # says 100 MB, sends 1 KB and hangs up
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(100 * 2**20))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(b"<html>" + b" " * 1024)
                self.close_connection = True
            elif path in ("/gzip", "/gzip-unasked", "/bomb"):
                asked = "gzip" in (self.headers.get("Accept-Encoding") or "")
                if path == "/bomb":  # 64 KB on the wire, 64 MB once decoded
                    raw = b"<!doctype html><html><body><p>" + b" " * (64 * 2**20) + b"</p></body></html>"
                else:
                    raw = page_html(site.pages[paths[3] if path == "/gzip" else paths[4]], []).encode("utf-8")
                if asked or path != "/gzip":  # /gzip-unasked and /bomb are gzip even when not asked for
                    self._send(200, gzip.compress(raw, 9), "text/html; charset=utf-8", {"Content-Encoding": "gzip"})
                else:
                    self._send(200, raw, "text/html; charset=utf-8")
            elif path == "/everything.xml":  # every page: overlaps both feeds above
                self._send(200, rss(site, paths), "application/rss+xml")
            elif path.startswith("/redirect/"):  # /redirect/1 -> the first page, /redirect/3 -> /redirect/2 -> ...
                hops = int(path.rsplit("/", 1)[1])
                target = paths[0] if hops <= 1 else f"/redirect/{hops - 1}"
                self._send(302, b"", None, {"Location": target})
            elif path == "/loop":
                self._send(302, b"", None, {"Location": "/loop"})
            elif path == "/to-file":
                self._send(302, b"", None, {"Location": "file:///etc/passwd"})
            elif path == "/slow":
                time.sleep(3)
                self._send(200, page_html(site.pages[paths[0]], []).encode(), "text/html")
            elif path == "/big":  # 10 MB, without a Content-Length: only the reading cap can stop it
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Connection", "close")
                self.end_headers()
                try:
                    self.wfile.write(b"<html><body>")
                    for _ in range(10 * 16):
                        self.wfile.write(b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>")
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True
            elif path == "/report.pdf":
                self._send(200, b"%PDF-1.4\n" + b"\x00" * 2000, "application/pdf")
            elif path == "/truncated":
                body = page_html(site.pages[paths[0]], []).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
            elif path == "/":
                self._send(200, b"<!doctype html><html><head><title>Home</title></head><body><nav>"
                           b"<a href='/news'>News</a></nav><p>Welcome to the Ledger.</p></body></html>", "text/html")
            else:
                self._send(404, b"<html><body>Not found</body></html>", "text/html")

        def _send(self, status: int, body: bytes, kind: str | None, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            if kind:
                self.send_header("Content-Type", kind)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (the timeout test)
                    self.close_connection = True

    return Handler
