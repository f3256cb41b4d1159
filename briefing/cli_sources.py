"""`briefing add` and `briefing update`: the commands that bring web pages and feeds into a corpus.

Kept apart from cli.py, which only registers them. Exit codes: 0 when every URL was added or
already there, 4 when any failed (each failure is one line on stderr naming the URL and the
reason; the others are still added), 2 for bad usage, 3 when the index is busy.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date

from briefing.hygiene import printable

EXIT_SOME_FAILED = 4


def add_parsers(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Register `add` and `update` through cli.py's `command(name, help)` factory."""
    p = command("add", "fetch web pages or feeds (RSS, Atom) into the corpus, then index them")
    p.add_argument("urls", nargs="+", metavar="URL", help="a page or a feed (http or https)")
    p.add_argument("--since", type=_day, metavar="DATE", help="feed items published on or after YYYY-MM-DD")
    p.add_argument("--limit", type=_count, metavar="N", help="at most N new items per feed")
    _fetch_options(p)

    p = command("update", "re-read the feeds kept in the corpus (feeds.yaml) and add their new items")
    _fetch_options(p)


def _fetch_options(p: argparse.ArgumentParser) -> None:
    from briefing.fetching import DEFAULT_DELAY, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT

    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S", help="seconds per request")
    p.add_argument("--max-mb", type=float, default=DEFAULT_MAX_BYTES / 2**20, metavar="MB", help="largest page")
    p.add_argument("--delay", type=float, default=DEFAULT_DELAY, metavar="S", help="seconds between requests to a host")
    p.add_argument("--json", action="store_true", help="print a JSON summary")


def cmd_add(args: argparse.Namespace) -> int:
    return _run(args, lambda adder: adder.add(args.urls, args.since, args.limit))


def cmd_update(args: argparse.Namespace) -> int:
    return _run(args, lambda adder: adder.update())


def _run(args: argparse.Namespace, work) -> int:
    from briefing import cli
    from briefing.adding import Adder
    from briefing.fetching import Fetcher, HostPacer

    if not args.corpus and not os.environ.get("BRIEFING_CORPUS"):
        raise cli.CliError("add and update need a corpus folder to write to: --corpus DIR or BRIEFING_CORPUS")
    if args.timeout <= 0 or args.max_mb <= 0 or args.delay < 0:
        raise cli.CliError("--timeout and --max-mb must be positive, --delay not negative")
    ws = cli._workspace(args)
    fetcher = Fetcher(timeout=args.timeout, max_bytes=int(args.max_mb * 2**20), pacer=HostPacer(args.delay))
    with _status() as progress:
        report = work(Adder(ws.corpus_dir, fetcher, progress))
    for failure in report.failures:
        cli._stderr(f"{failure.url}: {failure.reason}")
    if args.command == "update" and not report.feeds and not report.failures:
        cli._stderr("no feeds followed in this corpus yet: add one with 'briefing add FEED_URL'")
    sync = cli._sync(ws)
    if args.json:
        cli._print_json({**report.to_json(), "index": sync.summary()})
    else:
        _print_report(report, sync.summary())
    return EXIT_SOME_FAILED if report.failures else cli.EXIT_FOUND


def _print_report(report, index_summary: str) -> None:
    for feed in report.feeds:
        what = {"unchanged": "unchanged since the last read", "failed": "failed"}.get(
            feed.status, f"{feed.items} new item{'s' * (feed.items != 1)}"
        )
        later = f" ({feed.waiting} more next time)" if feed.waiting else ""
        print(printable(f"feed {feed.url}: {what}{later}"))
    for added in report.added:
        print(printable(f"added {added.path}  {added.title or ''}").rstrip())
    for dup in report.duplicates:
        print(printable(f"already in the corpus: {dup.url} ({dup.path})"))
    print(f"{len(report.added)} added, {len(report.duplicates)} already there, {len(report.failures)} failed; "
          f"index: {index_summary}")


class _status:
    """A one-line spinner on a terminal's stderr naming what is being fetched; silent otherwise."""

    def __enter__(self) -> Callable[[str], None]:
        self._status = None
        if sys.stderr.isatty():
            from briefing.cli import _console

            self._status = _console(stderr=True).status("starting")
            self._status.start()
            return lambda message: self._status.update(printable(message)[:100])
        return lambda _message: None

    def __exit__(self, *exc) -> None:
        if self._status is not None:
            self._status.stop()


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive number: {text!r}")
    return int(text)
