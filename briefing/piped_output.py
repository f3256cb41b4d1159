"""The command line's output when stdout is not a terminal: one record per line, for grep and scripts.

As ripgrep and git do it: nothing wrapped or padded, no styling, every line standing on its own
(the source id on each, so `grep` keeps it), fields separated by tabs, a search hit as
`source:line:text` with the line of the article's file. No Rich import: piped runs stay light.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from briefing.corpus import MAX_FILE_BYTES
from briefing.file_access import read_file
from briefing.html_article import decode_page
from briefing.hygiene import clean, decode, printable


def piped() -> bool:
    """True when stdout goes to a file or a pipe rather than a terminal."""
    try:
        return not sys.stdout.isatty()
    except (AttributeError, ValueError):  # replaced or closed stdout
        return True


def field(value: object) -> str:
    """One field: on one line, whitespace collapsed (a tab inside would split the record), no controls."""
    return printable(" ".join(str(value if value is not None else "").split()))


def record(*fields: object) -> str:
    """Fields as one tab-separated line."""
    return "\t".join(field(value) for value in fields)


def write_lines(lines: Iterable[str]) -> None:
    """Write each line with its newline; a closed pipe raises BrokenPipeError for `main` to end quietly."""
    write = sys.stdout.write
    for line in lines:
        write(line + "\n")


def hit_line(source_id: str, path: Path | None, body: str | None, offset: int, text: str) -> str:
    """`source:line:text`: the line is the article file's (1-based) where `offset` of its body falls."""
    return f"{field(source_id)}:{file_line(path, body, offset)}:{field(text)}"


def file_line(path: Path | None, body: str | None, offset: int) -> int:
    """The file's line number holding body offset `offset`.

    The loader drops what comes before the body (front matter, a date line, the headline) and
    trailing spaces, so the body's first line is looked up in the file; if the file cannot be
    read (or has changed), the line within the body is the best answer left.
    """
    within = body.count("\n", 0, max(offset, 0)) + 1 if body else 1
    if path is None or not body:
        return within
    if path.suffix.lower() in (".html", ".htm"):  # a saved page: its text is what trafilatura took out
        paragraph = body.split("\n")[within - 1]
        return _html_line(path, " ".join(paragraph.split()[:6])) or within
    first = _body_start_line(path, body.split("\n", 1)[0].rstrip())
    return within if first is None else first + within - 1


@cache
def _html_line(path: Path, words: str) -> int | None:
    """The (1-based) line of a saved page whose text, tags dropped and character references read,
    holds `words` (a paragraph's first words), so `vim +N page.html` lands on the paragraph."""
    import html
    import re

    if not words:
        return None
    try:
        text = decode_page(read_file(path, MAX_FILE_BYTES)).text  # as the loader decodes a page
    except (OSError, ValueError):
        return None
    for number, line in enumerate(text.split("\n"), start=1):
        if words in " ".join(html.unescape(re.sub(r"<[^>]*>", " ", line)).split()):
            return number
    return None


@cache
def _body_start_line(path: Path, first_body_line: str) -> int | None:
    """The (1-based) line of `path` that the body starts at, if found."""
    try:
        text = clean(decode(read_file(path, MAX_FILE_BYTES)).text)
    except (OSError, ValueError):
        return None
    for number, line in enumerate(text.split("\n"), start=1):
        if first_body_line.strip() and line.strip().endswith(first_body_line.strip()):  # after a date prefix
            return number
    return None
