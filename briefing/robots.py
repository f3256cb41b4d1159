"""robots.txt: what a site asks automated readers not to fetch, honoured for what `briefing` polls.

A feed polled by `update`, and every item fetched from a feed, is an automated request and
is checked against the host's robots.txt (read once per run and host, through the same
polite fetcher). A page a person names with `briefing add URL` (or the app's Add URL) is
fetched as a browser would, without asking robots.txt: one page, on one person's request.

Following RFC 9309: a robots.txt that is missing (any 4xx) allows everything; one that
cannot be read (5xx, network failure) disallows everything on that host for this run.
Parsed by the standard library's `urllib.robotparser`: it takes the first matching rule in
file order (not the longest) and reads `*` and `$` in paths literally.
"""

from __future__ import annotations

import urllib.parse
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field

ROBOTS_AGENT = "briefing"  # the product token robots.txt groups are matched against
MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309: parse at least 500 KiB


@dataclass
class RobotsRules:
    """The robots.txt rules of each host asked so far, fetched with `fetch_text(url) -> (status, text)`."""

    fetch_text: Callable[[str], tuple[int, str]]
    _by_origin: dict[str, urllib.robotparser.RobotFileParser | str] = field(default_factory=dict)

    def refusal(self, url: str) -> str | None:
        """Why robots.txt forbids `url`, or None when it may be fetched."""
        parts = urllib.parse.urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        if origin not in self._by_origin:
            self._by_origin[origin] = self._read(origin + "/robots.txt")
        rules = self._by_origin[origin]
        if isinstance(rules, str):
            return rules
        if not rules.can_fetch(ROBOTS_AGENT, url):
            return f"refused by {origin}/robots.txt"
        return None

    def crawl_delay(self, url: str) -> float | None:
        parts = urllib.parse.urlsplit(url)
        rules = self._by_origin.get(f"{parts.scheme.lower()}://{parts.netloc.lower()}")
        if rules is None or isinstance(rules, str):
            return None
        delay = rules.crawl_delay(ROBOTS_AGENT)
        return float(delay) if delay is not None else None

    def _read(self, robots_url: str) -> urllib.robotparser.RobotFileParser | str:
        status, text = self.fetch_text(robots_url)
        parser = urllib.robotparser.RobotFileParser(robots_url)
        if 400 <= status < 500:
            parser.allow_all = True
        elif status != 200:
            return f"robots.txt unreadable ({text}): the host is not polled this run"
        else:
            parser.parse(text.splitlines())
        return parser
