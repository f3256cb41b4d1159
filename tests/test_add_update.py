"""`briefing add` and `briefing update` against a real HTTP server on 127.0.0.1 (tests/local_web.py).

No test here touches any other address: proxies are switched off and every URL is local
(the DNS case fails inside this process, without asking a resolver).
"""

from __future__ import annotations

import itertools
import json
import os
import socket
import subprocess
import sys
import threading
import urllib.parse
from pathlib import Path

import pytest

from briefing.corpus import load_corpus
from briefing.corpus_lock import LOCK_NAME, corpus_lock
from briefing.feeds import DEFAULT_FEED_ITEMS, read_feeds
from briefing.fetching import Fetcher, FetchError, HostPacer
from tests.conftest import run_cli
from tests.local_web import CHARSET_PROBE, ETAG, start_site
from tests.web_pages import BBC

PROXY_VARS = ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")


@pytest.fixture(scope="module")
def site():
    if not BBC.is_dir():
        pytest.skip(f"BBC corpus not found at {BBC}")
    site = start_site()
    yield site
    site.close()


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch):
    for name in PROXY_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


def add(corpus: Path, *args: str):
    return run_cli("--corpus", str(corpus), "--index", str(corpus.parent / "index"), "add", "--delay", "0", *args)


def failure_lines(stderr: str) -> dict[str, str]:
    lines = [line.removeprefix("briefing: ") for line in stderr.splitlines() if line.startswith("briefing: ")]
    out = {}
    for line in lines:
        url, _, reason = line.partition(": ")
        assert url not in out, f"two lines for {url}"
        out[url] = reason
    return out


def test_pages_feeds_and_every_failure_kind(site, corpus):
    pages = sorted(site.pages)
    first = site.pages[pages[0]]
    urls = {
        "page": site.url(pages[0]),
        "same page, tracking parameter": site.url(pages[0]) + "?utm_source=feed&utm_medium=rss",
        "redirect chain to it": site.url("/redirect/3"),
        "rss": site.url("/rss.xml"),
        "atom": site.url("/atom.xml"),
    }
    failing = {
        site.url("/loop"): "too many redirects",
        site.url("/to-file"): "refused scheme",
        site.url("/slow"): "timeout",
        site.url("/missing"): "HTTP 404",
        site.url("/big"): "too large",
        site.url("/report.pdf"): "not an article: application/pdf",
        site.url("/"): "not an article",
        site.url("/truncated"): "connection closed",
        "file:///etc/passwd": "only http and https",
        "ftp://127.0.0.1/x": "only http and https",
    }
    result = add(corpus, "--timeout", "1", "--json", *urls.values(), *failing)
    assert result.returncode == 4, result.stderr
    reasons = failure_lines(result.stderr)
    for url, expected in failing.items():
        assert expected in reasons.pop(url), url
    # What the feed itself carried: a file:// item is refused, by name, without being fetched.
    [(item, reason)] = reasons.items()
    assert item.startswith("file:") and "only http and https" in reason and "/rss.xml" in reason

    summary = json.loads(result.stdout)
    assert len(summary["added"]) == 6  # three RSS items (one is the first page) + three Atom + nothing twice
    assert {f["url"]: f["status"] for f in summary["feeds"]} == {urls["rss"]: "new", urls["atom"]: "new"}
    # The tracking-parameter URL, the redirect chain, and in the feed the first page and a redirect to it.
    assert len(summary["duplicates"]) == 4
    first_path = {a["path"] for a in summary["added"] if a["url"] == urls["page"]}
    assert {d["path"] for d in summary["duplicates"]} == first_path

    files = sorted(p.name for p in corpus.iterdir())
    assert "feeds.yaml" in files
    assert not [f for f in files if f.startswith(".") and f != LOCK_NAME]  # no temporary file left behind
    loaded = load_corpus(corpus)
    assert not loaded.warnings
    assert len(loaded.sources) == 6
    by_url = {s.url: s for s in loaded.sources}
    assert by_url[first.url].title == first.title
    assert by_url[first.url].outlet == first.outlet and by_url[first.url].date == first.date
    assert all(p.stat().st_mode & 0o044 for p in corpus.glob("*.html"))  # readable by others, like a saved file

    hits = run_cli("--corpus", str(corpus), "--index", str(corpus.parent / "index"), "search",
                   '"' + " ".join(first.body[1].split()[:5]) + '"', "--json")
    assert hits.returncode == 0 and json.loads(hits.stdout)[0]["title"] == first.title


def test_update_adds_only_new_items_with_conditional_requests(site, corpus):
    first = add(corpus, site.url("/rss.xml"))
    # The feed's one failure is its file:// item.
    assert first.returncode == 4 and next(iter(failure_lines(first.stderr))).startswith("file:")
    before = len(site.requests)
    result = run_cli("--corpus", str(corpus), "--index", str(corpus.parent / "index"), "update", "--delay", "0",
                     "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["added"] == [] and summary["failures"] == []
    assert summary["feeds"] == [{"url": site.url("/rss.xml"), "status": "unchanged", "items": 0,
                                 "title": "Ledger: Business", "waiting": 0}]
    during = site.requests[before:]
    assert [r.path for r in during] == ["/robots.txt", "/rss.xml"]  # no page asked for again
    during = during[1:]
    assert during[0].headers.get("If-None-Match") == ETAG
    assert during[0].headers.get("If-Modified-Since")
    assert during[0].headers["User-Agent"].startswith("briefing/")


def test_update_without_conditional_support_still_adds_nothing_twice(site, corpus):
    """A server that ignores ETag sends the whole feed again: the items already handled are not fetched."""
    assert add(corpus, site.url("/atom.xml")).returncode == 0
    feeds = corpus / "feeds.yaml"
    feeds.write_text(feeds.read_text().replace("etag:", "old_etag:").replace("last_modified:", "old_lm:"))
    before = len(site.requests)
    result = run_cli("--corpus", str(corpus), "--index", str(corpus.parent / "index"), "update", "--delay", "0",
                     "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["added"] == []
    assert [r.path for r in site.requests[before:]] == ["/robots.txt", "/atom.xml"]


def test_since_and_limit_bound_a_feed(site, corpus):
    specs = [site.pages[p] for p in sorted(site.pages)[3:6]]
    newest = max(s.date for s in specs)
    result = add(corpus, "--since", newest.isoformat(), "--json", site.url("/atom.xml"))
    assert result.returncode == 0, result.stderr
    assert [a["title"] for a in json.loads(result.stdout)["added"]] == [s.title for s in specs if s.date >= newest]

    other = corpus.parent / "other"
    other.mkdir()
    result = add(other, "--limit", "1", "--json", site.url("/rss.xml"))
    assert len(json.loads(result.stdout)["added"]) == 1


def test_requests_to_one_host_are_spaced(site, corpus):
    pages = sorted(site.pages)[5:8]
    before = len(site.requests)
    result = run_cli("--corpus", str(corpus), "--index", str(corpus.parent / "index"), "add", "--delay", "0.4",
                     *[site.url(p) for p in pages])
    assert result.returncode == 0, result.stderr
    times = [r.at for r in site.requests[before:]]
    assert len(times) == 3
    assert all(b - a >= 0.35 for a, b in itertools.pairwise(times))


def test_a_host_that_does_not_resolve_is_named_as_dns(monkeypatch):
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    with pytest.raises(FetchError) as caught:
        Fetcher(timeout=1, pacer=HostPacer(0)).get("http://news.invalid/story")
    assert caught.value.reason.startswith("DNS")


def test_add_needs_a_corpus_folder(site):
    result = run_cli("add", site.url("/rss.xml"))
    assert result.returncode == 2
    assert "--corpus" in result.stderr and "Traceback" not in result.stderr


def test_a_broken_feeds_file_is_one_line_and_left_alone(site, corpus):
    feeds = corpus / "feeds.yaml"
    feeds.write_text("feeds: [unclosed\n", encoding="utf-8")
    result = run_cli("--corpus", str(corpus), "--index", str(corpus.parent / "index"), "update", "--delay", "0")
    assert result.returncode == 4
    [(where, reason)] = failure_lines(result.stderr).items()
    assert where.endswith("feeds.yaml") and "YAML" in reason
    assert "Traceback" not in result.stderr
    assert feeds.read_text(encoding="utf-8") == "feeds: [unclosed\n"


def _start_add(corpus: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "briefing", "--corpus", str(corpus), "--index", str(corpus.parent / "index"),
         "add", "--delay", "0.05", "--json", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, env=dict(os.environ),
    )


def test_two_runs_at_once_lose_no_feed_and_save_no_article_twice(site, corpus):
    """Two real processes add two feeds that share three items, both having read the corpus first."""
    site.gate = threading.Barrier(2, timeout=20)
    try:
        runs = [_start_add(corpus, site.url("/gated/atom.xml")), _start_add(corpus, site.url("/gated/everything.xml"))]
        outs = [run.communicate(timeout=60) for run in runs]
    finally:
        site.gate = None
    assert [run.returncode for run in runs] == [0, 0], outs
    added = [a for out, _ in outs for a in json.loads(out)["added"]]
    duplicates = [d for out, _ in outs for d in json.loads(out)["duplicates"]]
    assert len(added) == len(site.pages) == 8  # each page once, whichever run saved it
    assert len(duplicates) == 3  # the three shared items, found by the run that came second
    assert len(list(corpus.glob("*.html"))) == 8
    feeds, problem = read_feeds(corpus)
    assert problem is None
    assert set(feeds) == {site.url("/gated/atom.xml"), site.url("/gated/everything.xml")}
    assert len(feeds[site.url("/gated/atom.xml")].seen or []) == 3
    assert len(feeds[site.url("/gated/everything.xml")].seen or []) == 8
    assert len(load_corpus(corpus).sources) == 8


def test_a_run_that_cannot_get_the_corpus_lock_says_so_and_saves_nothing(site, corpus):
    with corpus_lock(corpus):
        result = run_cli("--corpus", str(corpus), "--index", str(corpus.parent / "index"), "add", "--delay", "0",
                         site.url(sorted(site.pages)[0]), env={"BRIEFING_LOCK_TIMEOUT": "0.3"})
    assert result.returncode == 4
    [(_url, reason)] = failure_lines(result.stderr).items()
    assert reason.startswith("corpus busy: another briefing is adding to") and "0.3 s" in reason
    assert "Traceback" not in result.stderr
    assert not list(corpus.glob("*.html"))


def update(corpus: Path, *args: str):
    return run_cli("--corpus", str(corpus), "--index", str(corpus.parent / "index"), "update", "--delay", "0",
                   "--json", *args)


def test_robots_txt_is_honoured_for_feeds_and_their_items_not_for_a_page_a_person_adds(site, corpus):
    private_page = site.url("/private/" + sorted(site.pages)[5].rsplit("/", 1)[1])
    before = len(site.requests)
    result = add(corpus, "--json", private_page)  # a person's own request, as in a browser
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["added"]) == 1
    assert "/robots.txt" not in [r.path for r in site.requests[before:]]

    before = len(site.requests)
    result = add(corpus, "--json", site.url("/mixed.xml"))
    assert result.returncode == 4
    disallowed = "/private/" + sorted(site.pages)[6].rsplit("/", 1)[1]
    bounce = site.url("/bounce?to=" + urllib.parse.quote(site.url(disallowed) + "?via"))
    assert failure_lines(result.stderr) == {
        site.url(disallowed): f"refused by {site.base}/robots.txt",
        bounce: f"redirected to {site.url(disallowed)}?via, refused by {site.base}/robots.txt",
    }
    assert [a["url"] for a in json.loads(result.stdout)["added"]] == [site.url(sorted(site.pages)[7])]
    asked = [r.path for r in site.requests[before:]]
    assert not [p for p in asked if p.startswith(disallowed)]
    assert asked.count("/robots.txt") == 1  # read once per run and host
    # A refused item is not tried again: the next update asks for nothing but robots.txt and the feed.
    before = len(site.requests)
    assert update(corpus).returncode == 0
    assert sorted(r.path for r in site.requests[before:]) == ["/mixed.xml", "/robots.txt"]


def test_update_does_not_poll_a_feed_robots_txt_forbids_or_whose_robots_txt_is_unreadable(site, corpus):
    forbidden = site.url("/private/feed.xml")
    unreadable = site.url("/rss.xml").replace("127.0.0.1", "localhost")
    (corpus / "feeds.yaml").write_text(f"feeds:\n  {forbidden}: {{}}\n  {unreadable}: {{}}\n", encoding="utf-8")
    before = len(site.requests)
    result = update(corpus)
    assert result.returncode == 4
    reasons = failure_lines(result.stderr)
    assert reasons[forbidden] == f"refused by {site.base}/robots.txt"
    assert reasons[unreadable].startswith("robots.txt unreadable (HTTP 503")
    assert [r.path for r in site.requests[before:]] == ["/robots.txt", "/robots.txt"]  # no feed asked for
    feeds, _ = read_feeds(corpus)
    assert set(feeds) == {forbidden, unreadable}  # still followed: robots.txt may change


def test_feed_items_with_relative_links_are_read_against_the_feed_address(site, corpus):
    result = add(corpus, "--json", site.url("/feeds/relative.xml"))
    assert result.returncode == 0, result.stderr
    added = json.loads(result.stdout)["added"]
    assert sorted(a["url"] for a in added) == [site.url(p) for p in sorted(site.pages)[:2]]


def test_a_feed_of_ten_thousand_items_is_bounded(site, corpus):
    before = len(site.requests)
    result = add(corpus, "--json", "--limit", "5", site.url("/huge.xml"))
    assert result.returncode == 4  # the items are gone (404)
    asked = [r.path for r in site.requests[before:] if r.path.startswith("/gone/")]
    assert len(asked) == 5
    assert json.loads(result.stdout)["feeds"][0]["items"] == 5

    other = corpus.parent / "other"
    other.mkdir()
    before = len(site.requests)
    result = add(other, "--json", site.url("/huge.xml"))  # no --limit: the default cap
    asked = [r.path for r in site.requests[before:] if r.path.startswith("/gone/")]
    assert len(asked) == DEFAULT_FEED_ITEMS
    assert json.loads(result.stdout)["feeds"][0]["waiting"] == 10_000 - DEFAULT_FEED_ITEMS
    # Not fetched now, but not forgotten: the next update takes the next ones.
    before = len(site.requests)
    update(other)
    asked = [r.path for r in site.requests[before:] if r.path.startswith("/gone/")]
    assert len(asked) == DEFAULT_FEED_ITEMS and "/gone/0" not in asked


@pytest.mark.parametrize("page", ["/charset/utf8-says-latin1", "/charset/cp1252-says-utf8"])
def test_a_page_whose_declared_charset_is_wrong_is_read_right(site, corpus, page):
    result = add(corpus, "--json", site.url(page))
    assert result.returncode == 0, result.stderr
    [source] = load_corpus(corpus).sources
    assert CHARSET_PROBE in source.body and "\ufffd" not in source.body


def test_the_delay_applies_to_the_host_a_redirect_ends_on(site, corpus):
    pages = sorted(site.pages)
    other_host = site.url("/bounce").replace("127.0.0.1", "localhost")
    direct, bounced = site.url(pages[5]), site.url(pages[6])
    before = len(site.requests)
    result = run_cli("--corpus", str(corpus), "--index", str(corpus.parent / "index"), "add", "--delay", "0.5",
                     direct, f"{other_host}?to={urllib.parse.quote(bounced)}")
    assert result.returncode == 0, result.stderr
    [first, _bounce, second] = site.requests[before:]
    assert second.path == pages[6]
    assert second.at - first.at >= 0.45  # the second page on 127.0.0.1 waited, though asked via localhost


def test_a_declared_length_over_the_cap_is_refused_before_reading(site, corpus):
    result = add(corpus, "--max-mb", "5", site.url("/lying-length"))
    assert result.returncode == 4
    assert failure_lines(result.stderr) == {site.url("/lying-length"): "too large (100.0 MB, the limit is 5 MB)"}


def test_gzip_is_asked_for_and_decoded_within_the_size_cap(site, corpus):
    before = len(site.requests)
    result = add(corpus, "--json", "--max-mb", "2", site.url("/gzip"), site.url("/gzip-unasked"), site.url("/bomb"))
    assert result.returncode == 4
    assert "gzip" in site.requests[before].headers.get("Accept-Encoding", "")
    added = sorted(a["url"] for a in json.loads(result.stdout)["added"])
    assert added == [site.url("/gzip"), site.url("/gzip-unasked")]
    assert failure_lines(result.stderr) == {site.url("/bomb"): "too large (more than 2 MB once decompressed)"}
    assert all(b"\x1f\x8b" not in p.read_bytes()[:200] for p in corpus.glob("*.html"))  # saved decoded


def test_merging_feeds_keeps_the_other_runs_work_and_its_removals():
    from briefing.adding import merge_feeds
    from briefing.feeds import FeedRecord

    start = {"a": FeedRecord("a", seen=["old", "x"]), "gone": FeedRecord("gone", seen=["g"])}
    ours = {"a": FeedRecord("a", etag='"2"', seen=["x", "y"]),  # "old" left the feed: forgotten
            "gone": FeedRecord("gone", seen=["g", "h"]), "new": FeedRecord("new", seen=["n"])}
    now = {"a": FeedRecord("a", etag='"1"', seen=["old", "x", "z"]),  # another run saw "z" meanwhile
           "b": FeedRecord("b", seen=["q"])}  # and added "b"; someone removed "gone"
    merged = merge_feeds(now, ours, {"a": set(start["a"].seen), "gone": {"g"}, "new": set()}, added={"new"})
    assert sorted(merged) == ["a", "b", "new"]
    assert merged["a"].seen == ["x", "y", "z"] and merged["a"].etag == '"2"'
    assert merged["b"].seen == ["q"] and merged["new"].seen == ["n"]
