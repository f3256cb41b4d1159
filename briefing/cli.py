"""The command line: `briefing [COMMAND] [--corpus DIR] [--index DIR] ...`.

Contracts scripts rely on: JSON on stdout, messages on stderr; exit 0 found,
1 nothing found (like grep), 2 bad usage or input, 3 index busy.
Never imports Textual unless the app is opened.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from briefing import __version__, piped_output
from briefing.hygiene import display_path, printable, printable_text
from briefing.output_encoding import is_unicode, use_fallback_encoding
from briefing.titles import shorten

EXIT_FOUND, EXIT_NOTHING, EXIT_USAGE, EXIT_BUSY = 0, 1, 2, 3


class CliError(Exception):
    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, as argparse does, without the usage dump
        raise CliError(f"{message} (see 'briefing --help')")


def _global_options(parser: argparse.ArgumentParser, *, defaults: bool) -> None:
    extra: dict[str, Any] = {} if defaults else {"default": argparse.SUPPRESS}
    parser.add_argument(
        "--corpus", metavar="DIR", help="folder of articles (env BRIEFING_CORPUS; default: bundled seeds)",
        **({"default": None} if defaults else extra),
    )
    parser.add_argument(
        "--index", metavar="DIR", help="index folder (default: index/ in a checkout, else the user cache)",
        **({"default": None} if defaults else extra),
    )
    parser.add_argument(
        "--follow-links", action="store_true",
        help="read links that lead out of the corpus folder (env BRIEFING_FOLLOW_LINKS=1; owner's rights still apply)",
        **({"default": False} if defaults else extra),
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="briefing", description="A keyboard-driven terminal reader for news briefings.",
                     epilog="Exit codes: 0 found, 1 nothing found, 2 bad usage or input, 3 index busy, "
                            "4 a URL that add or update could not fetch.")
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    _global_options(parser, defaults=True)
    parser.add_argument("--theme", help="app theme name (see themes/)")
    parser.add_argument("--no-mouse", action="store_true", help="do not capture the mouse in the app")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        _global_options(p, defaults=False)
        return p

    p = command("index", "build or update the index (it also updates itself on every command)")
    p.add_argument("--rebuild", action="store_true", help="throw the index away and build it anew")

    p = command("search", "search articles (or quotes, with speaker: or --quotes)")
    p.add_argument("query", help='Whoosh query: words, AND/OR/NOT, "phrases", prefix*, title:, outlet:, speaker:,'
                   " date:[A TO B];"
                   " or @NAME, a search saved in the app (Ctrl+S)")
    p.add_argument("--limit", type=_positive, default=10, help="most hits to show (default 10)")
    p.add_argument("--quotes", action="store_true", help="search quotes instead of articles")
    p.add_argument("--json", action="store_true", help="print hits as JSON")

    p = command("sources", "list the articles")
    p.add_argument("--unread", action="store_true", help="only those not opened in the app yet")
    p.add_argument("--json", action="store_true", help="print as JSON")

    p = command("quotes", "list quotes with their speakers")
    p.add_argument("--speaker", metavar="NAME", help="only this speaker (any alias, fuzzy)")
    p.add_argument("--source", metavar="ID", help="only this source (its id, or the short one compare shows: 003)")
    p.add_argument("--json", action="store_true", help="print as JSON")

    p = command("figures", "list key figures")
    p.add_argument("--source", metavar="ID", help="only this source (its id, or the short one compare shows: 003)")
    p.add_argument("--json", action="store_true", help="print as JSON")

    p = command("speakers", "list speakers with aliases and quote counts")
    p.add_argument("--json", action="store_true", help="print as JSON")

    p = command("compare", "near-duplicates, shared quotes, and figures compared (agree, timeline, disagree)")
    p.add_argument("--json", action="store_true", help="print as JSON")

    p = command("export", "write a Markdown briefing")
    p.add_argument("-o", "--output", metavar="FILE", help="file to write, or - for stdout")
    p.add_argument("--pinned", action="store_true", help="only what was pinned in the app")
    p.add_argument("--query", metavar="Q", help="only what matches this search")
    p.add_argument("--source", metavar="ID", action="append", dest="sources", help="only these sources")
    p.add_argument("--title", metavar="T", help="the briefing's title")
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.add_argument("--full", action="store_true", help="every speaker, quote and comparison (no caps)")

    from briefing import cli_sources  # add, update: web pages and feeds into the corpus

    cli_sources.add_parsers(command)
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


# --- output helpers -------------------------------------------------------------------------------


def _stderr(message: str) -> None:
    print(f"briefing: {printable(message)}", file=sys.stderr)


def _console(stderr: bool = False):
    from rich.console import Console

    # markup and highlighting off: article text must print literally.
    return Console(stderr=stderr, markup=False, highlight=False, emoji=False, soft_wrap=False)


def _print_json(data: Any) -> None:
    # On a stdout that is not UTF-8, \u escapes keep the JSON whole where characters would be lost.
    json.dump(data, sys.stdout, ensure_ascii=not is_unicode(sys.stdout), indent=2, default=_json_default)
    sys.stdout.write("\n")


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Path):  # as the text output shows it: no controls, no bidi overrides
        return display_path(value)
    raise TypeError(type(value).__name__)


def _iso(value: date | None) -> str:
    return value.isoformat() if value else "undated"


# --- commands -------------------------------------------------------------------------------------


def _workspace(args: argparse.Namespace):
    from briefing.corpus import CorpusError
    from briefing.workspace import Workspace

    try:
        return Workspace.open(args.corpus and Path(args.corpus), args.index and Path(args.index))
    except CorpusError as exc:
        raise CliError(str(exc)) from None


def _sync(ws, *, rebuild: bool = False, verbose: bool = False):
    """Update the index, with a progress bar on a terminal; warnings once per change."""
    progress_cb: Callable[[int, int, str], None] | None = None
    bar = None
    if sys.stderr.isatty():
        from rich.progress import Progress

        bar = Progress(console=_console(stderr=True), transient=True)
        task = bar.add_task("indexing", total=None)

        def progress_cb(done: int, total: int, label: str) -> None:
            bar.update(task, completed=done, total=total, description=f"indexing {printable(label)[:40]}")

        bar.start()
    try:
        report = ws.sync_index(progress_cb, rebuild=rebuild)
    finally:
        if bar is not None:
            bar.stop()
    for notice in report.notices:
        _stderr(notice)
    if verbose or report.changed:
        for warning in report.warnings:
            _stderr(f"warning: {warning}")
    return report


def _synced_workspace(args: argparse.Namespace):
    """The workspace with its index brought up to date: where every reading command starts."""
    ws = _workspace(args)
    _sync(ws)
    return ws


def cmd_index(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    report = _sync(ws, rebuild=args.rebuild, verbose=True)
    print(report.summary())
    return EXIT_FOUND


def cmd_search(args: argparse.Namespace) -> int:
    from briefing.index import IndexBusy

    ws = _workspace(args)
    busy = None
    try:
        _sync(ws)
    except IndexBusy as exc:
        busy = exc
    query, quotes = _saved_query(ws, args.query, args.quotes)
    # An index being built from nothing raises IndexBusy here: exit 3, not "nothing found".
    result = ws.search(query, limit=args.limit, kind="quote" if quotes else "auto", sync=busy is None)
    if busy is not None:
        # A reader should not fail because someone else is writing: search what is there, and say so.
        _stderr(f"{busy}; searched the index as it is (it may miss the newest changes)")
    if result.note:
        _stderr(result.note)
    if result.suggestion and len(result.hits) < 3:
        _stderr(f"did you mean: {result.suggestion}")
    if args.json:
        _print_json([_hit_json(h) for h in result.hits])
    else:
        _print_hits(result, ws)
    return EXIT_FOUND if result.hits else EXIT_NOTHING


def _saved_query(ws, query: str, quotes: bool) -> tuple[str, bool]:
    """`@name`: the search saved under that name in the app (per corpus); anything else as typed."""
    if not query.startswith("@"):
        return query, quotes
    from briefing.state import load_state

    name = query[1:]
    saved = load_state(ws.corpus_dir).state.saved_searches
    if name not in saved and " " in name.strip():  # the app's names may have spaces; else words as typed
        return query, quotes
    if name not in saved:
        known = ", ".join("@" + printable(n) for n in saved) or "none yet (Ctrl+S in the app's search saves one)"
        raise CliError(f"no saved search named {printable(name)!r}; saved: {known}")
    return saved[name].query, quotes or saved[name].kind == "quote"


def _hit_json(hit) -> dict[str, Any]:
    data = {
        "source": hit.source,
        "title": hit.title,
        "date": hit.date,
        "score": round(hit.score, 4),
        "kind": hit.kind,
        "fragments": [
            {"text": f.text, "start": f.start, "hits": [list(h) for h in f.hits]} for f in hit.fragments
        ],
        "offsets": [list(o) for o in hit.offsets],
    }
    if hit.quote is not None:
        data["quote"] = _quote_json(hit.quote)
    return data


def _hit_lines(hit) -> tuple[list[tuple[str, str]], list[tuple[str, tuple[tuple[int, int], ...]]]]:
    """A hit's head as (text, style) pieces, and its fragments on one line each with their hit spans."""
    head = [(hit.title, "bold"), (f"  {_iso(hit.date)}  {hit.source}", "dim")]
    if hit.quote is not None and hit.quote.speaker:
        head.append((f"  — {hit.quote.speaker}", "italic"))
    return head, [(" ".join(f.text.split("\n")), f.hits) for f in hit.fragments]


def _print_hits(result, ws=None) -> None:
    """On a terminal, hits in reverse video and lines wrapped; piped, `source:line:text` per fragment."""
    if piped_output.piped():  # for grep and scripts, and without Rich's import (a fifth of the process)
        piped_output.write_lines(_piped_hit_lines(result, ws))
        return
    from rich.text import Text

    console = _console()
    for hit in result.hits:
        head, fragments = _hit_lines(hit)
        console.print(Text.assemble(*head))
        for text, spans in fragments:
            line = Text("  " + text)
            for start, end in spans:
                line.stylize("bold reverse", start + 2, end + 2)
            console.print(line)
        console.print()


def _piped_hit_lines(result, ws) -> list[str]:
    """Every fragment of every hit as `source:line:text`, like `rg`; a hit without fragments gives its title."""
    lines = []
    for hit in result.hits:
        try:
            source = ws.source(hit.source) if ws is not None else None
        except KeyError:
            source = None
        path, body = (source.path, source.body) if source is not None else (None, None)
        fragments = [(f.start, f.text) for f in hit.fragments] or [(hit.offsets[0][0] if hit.offsets else 0, hit.title)]
        lines += [piped_output.hit_line(hit.source, path, body, start, text) for start, text in fragments]
    return lines


def cmd_sources(args: argparse.Namespace) -> int:
    from briefing.state import load_state

    ws = _synced_workspace(args)
    loaded = load_state(ws.corpus_dir)  # what was read in the app, kept per corpus with the pins
    if loaded.warning:
        _stderr(f"warning: {loaded.warning}")
    read = set(loaded.state.read_sources)
    rows = [
        {
            "id": s.id,
            "title": s.title,
            "date": s.date,
            "outlet": s.outlet,
            "words": s.words,
            "path": s.path,
            "url": s.url,
            "author": s.author,
            "read": s.id in read,
        }
        for s in ws.sources
        if not (args.unread and s.id in read)
    ]
    if args.json:
        _print_json(rows)
    else:
        _print_table(
            ["id", "date", "words", "outlet", "title"],
            [[r["id"], _iso(r["date"]), str(r["words"]), r["outlet"] or "", r["title"]] for r in rows],
        )
    return EXIT_FOUND if rows else EXIT_NOTHING


def _print_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Aligned columns; on a terminal the last (long) column is cut to the width. Piped: one record per
    line, tab-separated, no header, nothing padded or cut."""
    if piped_output.piped():
        piped_output.write_lines(piped_output.record(*row) for row in rows)
        return
    from rich.text import Text

    console = _console()
    widths = [max([len(headers[i]), *(len(row[i]) for row in rows)]) for i in range(len(headers) - 1)]
    for n, row in enumerate([headers, *rows]):
        padded = "".join(cell.ljust(w + 2) for cell, w in zip(row, widths, strict=False))
        # Only the last column is cut: shortening the whole line collapsed the padding, unaligning rows.
        line = padded + shorten(row[-1], max(console.width - len(padded), 12))
        console.print(Text(line, style="bold" if n == 0 else ""), soft_wrap=True)


def _quote_json(q) -> dict[str, Any]:
    return {
        "source": q.source,
        "text": q.text,
        "speaker": q.speaker,
        "speaker_as_written": q.speaker_as_written,
        "speaker_kind": q.speaker_kind,
        "kind": q.kind,
        "start": q.start,
        "end": q.end,
    }


def cmd_quotes(args: argparse.Namespace) -> int:
    ws = _synced_workspace(args)
    args.source = _check_source(ws, args.source)
    quotes = ws.quotes(args.source)
    if args.speaker:
        speaker = ws.find_speaker(args.speaker)
        if speaker is None:
            _stderr(f"no speaker matches {args.speaker!r} (see 'briefing speakers')")
            if args.json:  # nothing found is still JSON, as `search --json` gives []
                _print_json([])
            return EXIT_NOTHING
        quotes = [q for q in quotes if q.speaker == speaker.name]
    if args.json:
        _print_json([_quote_json(q) for q in quotes])
    elif piped_output.piped():  # source, speaker, as written, kind, quote
        piped_output.write_lines(
            piped_output.record(q.source, q.speaker or "(unattributed)", q.speaker_as_written or "", q.kind,
                                f"“{q.text}”")
            for q in quotes
        )
    else:
        from rich.text import Text

        console = _console()
        for q in quotes:
            line = Text()
            line.append(_who(q), style="bold")
            if q.speaker and q.speaker_as_written and q.speaker_as_written != q.speaker:
                line.append(f" (as “{q.speaker_as_written}”)", style="dim")
            line.append(f"  {q.source}" + ("  partial" if q.kind == "partial" else ""), style="dim")
            console.print(line)
            console.print(Text("  “" + " ".join(q.text.split()) + "”"))
    return EXIT_FOUND if quotes else EXIT_NOTHING


def _who(q) -> str:
    """Who said it, as the app's quotes have it: a named speaker, else the role or organisation as
    written ("The Times", "the government": attributed, if to no one named), else unattributed."""
    return q.speaker or q.speaker_as_written or "(unattributed)"


def _check_source(ws, source_id: str | None) -> str | None:
    """The full id of `--source`: as listed, or as compare, figures and the app show it ("003" for
    "003_68a5…") when exactly one source is shown so."""
    if source_id is None:
        return None
    try:
        ws.source(source_id)
        return source_id
    except KeyError:
        from briefing.titles import short_id

        named = [e.id for e in ws.entries() if short_id(e.id) == source_id]
        if len(named) == 1:
            return named[0]
        raise CliError(f"no source with id {source_id!r} (see 'briefing sources')") from None


def _figure_json(f) -> dict[str, Any]:
    data = asdict(f)
    return {k: data[k] for k in (
        "source", "text", "value", "unit", "kind", "qualifier", "measure", "period", "sentence", "start", "end"
    )}


def cmd_figures(args: argparse.Namespace) -> int:
    ws = _synced_workspace(args)
    args.source = _check_source(ws, args.source)
    figures = ws.key_figures(args.source)
    if args.json:
        _print_json([_figure_json(f) for f in figures])
    else:
        from briefing.figure_summary import describe

        _print_table(["source", "kind", "figure"], [[f.source, f.kind, describe(f)] for f in figures])
    return EXIT_FOUND if figures else EXIT_NOTHING


def cmd_speakers(args: argparse.Namespace) -> int:
    ws = _synced_workspace(args)
    speakers = ws.speakers()
    rows = [
        {"name": s.name, "aliases": list(s.aliases), "quotes": s.quote_count, "sources": list(s.sources)}
        for s in speakers
    ]
    if args.json:
        _print_json(rows)
    else:
        _print_table(
            ["speaker", "quotes", "sources", "aliases seen"],
            [[r["name"], str(r["quotes"]), str(len(r["sources"])), "; ".join(r["aliases"])] for r in rows],
        )
    return EXIT_FOUND if rows else EXIT_NOTHING


def cmd_compare(args: argparse.Namespace) -> int:
    ws = _synced_workspace(args)
    comparison = ws.comparison()
    data = {
        "duplicates": [asdict(d) for d in comparison.duplicates],
        "shared_quotes": [
            {"text": sq.text, "speaker": sq.speaker, "sources": list(sq.sources),
             "quotes": [_quote_json(q) for q in sq.quotes]}
            for sq in comparison.shared_quotes
        ],
        "figures": [
            {"topic": g.topic, "kind": g.kind, "unit": g.unit, "disputed": g.disputed, "note": g.note,
             "status": g.status, "label": g.label,
             "figures": [{**_figure_json(f), "per_year": rate} for f, rate in zip(g.figures, _rates(g), strict=True)]}
            for g in comparison.figure_groups
        ],
    }
    if args.json:
        _print_json(data)
    else:
        _print_comparison(comparison)
    found = comparison.duplicates or comparison.shared_quotes or comparison.figure_groups
    return EXIT_FOUND if found else EXIT_NOTHING


def _rates(group) -> tuple[float | None, ...]:
    """The group's yearly rates, one per figure (None throughout for a group made before rates)."""
    return group.per_year if len(group.per_year) == len(group.figures) else (None,) * len(group.figures)


def _print_comparison(comparison) -> None:
    if piped_output.piped():  # one record a line, its kind first: duplicate, shared, figures
        record = piped_output.record
        piped_output.write_lines([
            *(record("duplicate", d.a, d.b, f"{d.overlap:.0%}") for d in comparison.duplicates),
            *(record("shared", len(sq.sources), sq.speaker or "(unattributed)", f"“{sq.text}”", ",".join(sq.sources))
              for sq in comparison.shared_quotes),
            *(record("figures", g.status, g.topic, g.note)
              for g in comparison.figure_groups),
        ])
        return
    from rich.text import Text

    console = _console()
    console.print(Text("Near-duplicates", style="bold"))
    for d in comparison.duplicates:
        console.print(Text(f"  {d.a} ≈ {d.b}  ({d.overlap:.0%} shared)"))
    console.print(Text("Quoted in several sources", style="bold"))
    for sq in comparison.shared_quotes:
        line = Text(f"  {len(sq.sources)} sources  ")
        line.append(sq.speaker or next((_who(q) for q in sq.quotes if q.speaker_as_written), "(unattributed)"),
                    style="bold")
        line.append("  “" + shorten(sq.text, 100) + "”")
        console.print(line)
    console.print(Text("Figures compared", style="bold"))
    styles = {"disagree": ("DISAGREE", "bold red"), "timeline": ("timeline", "yellow"), "agree": ("agree", "green")}
    for g in comparison.figure_groups:
        word, style = styles.get(g.status, (g.status, ""))
        line = Text("  ")
        line.append(f"{word:<9}", style=style)
        line.append(f"{g.topic}: {g.note}")
        console.print(line)


def cmd_export(args: argparse.Namespace) -> int:
    from briefing import export
    from briefing.state import load_state

    if sum(bool(x) for x in (args.pinned, args.query, args.sources)) > 1:
        raise CliError("choose one of --pinned, --query and --source")
    ws = _synced_workspace(args)
    if args.sources:  # "003" as compare and the app show it, for the export as for quotes and figures
        args.sources = [_check_source(ws, source_id) for source_id in args.sources]
    pins: tuple = ()
    if args.pinned:
        loaded = load_state(ws.corpus_dir)
        if loaded.warning:
            _stderr(f"warning: {loaded.warning}")
        pins = tuple(loaded.state.pins)
        if not pins:
            raise CliError("nothing is pinned for this corpus (pin with p in the app)", EXIT_NOTHING)
    scope = "pinned" if args.pinned else "query" if args.query else "sources" if args.sources else "all"
    try:
        request = export.ExportRequest(
            scope=scope, title=args.title, query=args.query, source_ids=tuple(args.sources or ()), pins=pins,
            full=args.full,
        )
        text = export.export_workspace(ws, request)
        if args.output == "-":
            sys.stdout.write(text)
            return EXIT_FOUND
        target = Path(args.output) if args.output else Path(export.default_filename(ws.name, date.today()))
        written = export.write_export(target, text, force=args.force)
    except export.ExportError as exc:
        raise CliError(str(exc)) from None
    _stderr(f"wrote {written}")
    return EXIT_FOUND


def cmd_app(args: argparse.Namespace) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise CliError(
            "the reader needs a terminal: use 'ssh -t', or a command such as "
            "'briefing search QUERY' or 'briefing sources' (see 'briefing --help')"
        )
    term = os.environ.get("TERM", "")
    if term.lower() in ("dumb", "unknown"):
        # Rich takes such a terminal for 80x25 without cursor moves; the app's layout then swung between
        # that size and the real one for good (100% CPU, a blank screen, keys ignored).
        raise CliError(
            f"the reader cannot draw on TERM={printable(term)}: set TERM (e.g. TERM=xterm-256color), "
            "or use a command such as 'briefing search QUERY' (see 'briefing --help')"
        )
    ws = _workspace(args)  # check the corpus before taking over the screen
    from briefing.tui.app import run_app

    return run_app(ws.corpus_dir, args.index and Path(args.index), theme=args.theme, mouse=not args.no_mouse)


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: cmd_app,
    "index": cmd_index,
    "search": cmd_search,
    "sources": cmd_sources,
    "quotes": cmd_quotes,
    "figures": cmd_figures,
    "speakers": cmd_speakers,
    "compare": cmd_compare,
    "export": cmd_export,
    "add": lambda args: _cli_sources().cmd_add(args),
    "update": lambda args: _cli_sources().cmd_update(args),
}


TEXT_ARGUMENTS = ("query", "title", "speaker", "source", "sources")  # text, not file names


def _prepare_arguments(args: argparse.Namespace) -> argparse.Namespace:
    """`--follow-links` as the environment the loader (and any helper process) reads; and bytes
    that are not UTF-8 in a typed query, title, speaker or id (a latin-1 terminal) as U+FFFD, as
    in ids made from such file names. Paths keep their bytes, to be opened."""
    if getattr(args, "follow_links", False):
        from briefing.corpus import FOLLOW_LINKS_ENV

        os.environ[FOLLOW_LINKS_ENV] = "1"
    for name in TEXT_ARGUMENTS:
        value = getattr(args, name, None)
        if isinstance(value, str):
            setattr(args, name, printable_text(value))
        elif isinstance(value, list):
            setattr(args, name, [printable_text(v) for v in value])
    return args


def _cli_sources():
    from briefing import cli_sources

    return cli_sources


def main(argv: Sequence[str] | None = None) -> int:
    from briefing.index import IndexBusy, IndexProblem

    use_fallback_encoding()  # a latin-1 terminal gets "?" and ASCII borders, not a traceback
    try:
        args = _prepare_arguments(build_parser().parse_args(argv))
        code = COMMANDS[args.command](args)
        sys.stdout.flush()  # a pipe closed early fails here, not in the interpreter's last flush
        return code
    except CliError as exc:
        _stderr(str(exc))
        return exc.code
    except IndexBusy as exc:
        _stderr(str(exc))
        return EXIT_BUSY
    except IndexProblem as exc:
        _stderr(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `briefing sources | head -1`: the reader left, which is not "nothing found"; say nothing (as git).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FOUND
