"""Reading a saved web page as an article: its main text and what a citation needs.

The main text (no navigation, cookie banners, related links, comments or footers) and the
metadata (headline, date, site name, author, canonical URL, from Open Graph, JSON-LD and
`<time>`) come from trafilatura, which is made for this; nothing here parses HTML with
regular expressions. Only two comments at the very top are read by hand: the
`<!-- saved from url=(NNNN)… -->` line browsers write when saving a page, and the
`<!-- briefing-fetch {…} -->` line `briefing add` writes, both naming where the page came from.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from typing import Any

from briefing.hygiene import Decoded, UndecodableError, decode

HTML_SUFFIXES = (".html", ".htm")
FETCH_COMMENT = "briefing-fetch"
# Below this many characters of main text a page is a landing page, an index or an error page.
MIN_ARTICLE_CHARS = 200

_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)
_FETCH_RECORD = re.compile(rb"<!--\s*" + FETCH_COMMENT.encode() + rb"\s+(\{.*?\})\s*-->", re.S)
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
HEAD_BYTES = 4096  # the top comments are looked for this far into a page


class NotAnArticle(ValueError):
    """The page has no main text worth reading (an index, a login wall, an error page)."""


@dataclass(frozen=True, slots=True)
class PageArticle:
    text: str  # the main text, paragraphs separated by blank lines, headline not repeated
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD, as published
    outlet: str | None = None
    author: str | None = None
    url: str | None = None  # canonical, else where it was fetched or saved from


def decode_page(raw: bytes) -> Decoded:
    """Decode a page's bytes: BOM or UTF-8 first, then the charset the page declares, then a guess.

    A page that is not UTF-8 says what it is far more reliably than a detector can guess.
    """
    try:
        decoded = decode(raw)
    except UndecodableError:
        declared = _declared_charset(raw)
        if declared is None:
            raise
        return Decoded(raw.decode(declared, errors="replace"), declared, guessed=True)
    if decoded.guessed:
        declared = _declared_charset(raw)
        if declared is not None:
            try:  # what the page declares, and its bytes agree: no guess, so no warning
                return Decoded(raw.decode(declared), declared, guessed=False)
            except UnicodeDecodeError:
                pass
    return decoded


def _declared_charset(raw: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(raw[:HEAD_BYTES])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def fetch_record(raw: bytes) -> dict[str, Any]:
    """What `briefing add` noted at the top of a page it fetched (`{}` for any other page)."""
    match = _FETCH_RECORD.search(raw[:HEAD_BYTES])
    if not match:
        return {}
    try:
        record = json.loads(match.group(1))
    except ValueError:
        return {}
    return record if isinstance(record, dict) else {}


def fetch_comment(record: dict[str, Any]) -> bytes:
    """The comment line recording where a page was fetched from; `--` can never end it early."""
    body = json.dumps(record, ensure_ascii=True, sort_keys=True).replace("--", "-\\u002d").replace(">", "\\u003e")
    return f"<!-- {FETCH_COMMENT} {body} -->\n".encode("ascii")


def page_urls(raw: bytes) -> list[str]:
    """Where the page says it came from, by its top comments (not its canonical link)."""
    urls = []
    record = fetch_record(raw)
    for key in ("url", "requested"):
        if isinstance(record.get(key), str):
            urls.append(record[key])
    match = _SAVED_FROM.search(raw[:HEAD_BYTES])
    if match:
        urls.append(match.group(1).decode("ascii", "replace"))
    return urls


def read_page(raw: bytes, html: str) -> PageArticle:
    """The article in a page: `raw` are its bytes (for the top comments), `html` the decoded text.

    Raises `NotAnArticle` when there is no main text of a useful length.
    """
    import trafilatura  # ~0.35 s to import: paid only by corpora that hold web pages

    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        fast=True,  # no second-opinion extractors: 3x faster, and the main pass is right on news pages
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None:
        raise NotAnArticle("no article text found in the page")
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    title = _field(data.get("title"))
    text = _paragraphs(data.get("text") or "", title)
    if len(text) < MIN_ARTICLE_CHARS:
        raise NotAnArticle("not an article: too little main text in the page")
    date = _field(data.get("date"))
    # The page's canonical link or og:url first, then its JSON-LD, then where it was fetched or saved from.
    url = _field(data.get("url")) or _json_ld_url(html) or next(iter(page_urls(raw)), None)
    return PageArticle(
        text=text,
        title=title,
        date=date[:10] if date else None,
        outlet=_field(data.get("sitename")) or _field(data.get("hostname")) or _host(url),
        author=_field(data.get("author")),
        url=url,
    )


def _json_ld_url(html: str) -> str | None:
    """The article's address from JSON-LD (`url`, else `mainEntityOfPage`), which trafilatura does not read."""
    import lxml.html

    try:
        scripts = lxml.html.fromstring(html).xpath('//script[@type="application/ld+json"]/text()')
    except (ValueError, lxml.etree.ParserError):
        return None
    for script in scripts:
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []:
            if not isinstance(item, dict) or "Article" not in str(item.get("@type", "")):
                continue
            for key in ("url", "mainEntityOfPage"):
                value = item.get(key)
                value = value.get("@id") if isinstance(value, dict) else value
                if isinstance(value, str) and value.lower().startswith(("http://", "https://")):
                    return value.strip()
    return None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    from urllib.parse import urlsplit

    return urlsplit(url).hostname


def _paragraphs(text: str, title: str | None) -> str:
    """One paragraph per line from trafilatura, as blank-line-separated paragraphs, headline dropped."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = [line for line in lines if line]
    if lines and title and lines[0] == " ".join(title.split()):
        lines = lines[1:]
    return "\n\n".join(lines)


def _field(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
