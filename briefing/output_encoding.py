"""Output that degrades instead of crashing when the terminal cannot show every character.

Under a locale such as `LC_ALL=en_US.ISO-8859-1`, or `PYTHONIOENCODING=latin-1`, stdout
cannot encode curly quotes, dashes or box drawing; Python's default is a
`UnicodeEncodeError` (stdout) or `\\u256d` litter (stderr, where the app draws). File names
whose bytes are not UTF-8 reach the streams as lone surrogates, which no encoding takes.
`use_fallback_encoding` gives both streams an error handler that writes something close
instead: ASCII borders for box drawing, plain quotes and dashes, else `?`/U+FFFD.
"""

from __future__ import annotations

import codecs
import sys
import unicodedata
from typing import TextIO

ERRORS = "briefing-fallback"

_PUNCTUATION = {
    "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'",
    "–": "-", "—": "--", "―": "--", "‐": "-", "‑": "-", "−": "-",
    "…": "...", "•": "*", "·": "*", "→": "->", "←": "<-", "≈": "~", "×": "x",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ",
}


def _fallback(char: str, encoding: str) -> str:
    """What to write for one character the stream's encoding cannot take."""
    if "\ud800" <= char <= "\udfff":  # a file name's byte that was not UTF-8
        return _first_encodable(("\ufffd", "?"), encoding)
    if char in _PUNCTUATION:
        return _first_encodable((_PUNCTUATION[char], "?"), encoding)
    name = unicodedata.name(char, "")
    if name.startswith("BOX DRAWINGS"):
        horizontal, vertical = "HORIZONTAL" in name, "VERTICAL" in name
        return "-" if horizontal and not vertical else "|" if vertical and not horizontal else "+"
    if "ONE EIGHTH BLOCK" in name:  # Textual's thin "tall" and "outer" borders
        return "|" if "LEFT" in name or "RIGHT" in name else "_" if "LOWER" in name else "-"
    if name.endswith("BLOCK") or name.endswith("SHADE") or name.startswith("QUADRANT"):  # scrollbars, bars
        return "#"
    decomposed = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    return decomposed or "?"


def _first_encodable(options: tuple[str, ...], encoding: str) -> str:
    for option in options:
        try:
            option.encode(encoding)
            return option
        except (UnicodeEncodeError, LookupError):
            continue
    return "?"


def _handler(exc: UnicodeError) -> tuple[bytes, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    encoding = exc.encoding or "ascii"
    text = "".join(_fallback(ch, encoding) for ch in exc.object[exc.start:exc.end])
    # As bytes: the UTF-8 encoder takes only ASCII text back from a handler (U+FFFD is not).
    return text.encode(encoding, "replace"), exc.end


codecs.register_error(ERRORS, _handler)


def use_fallback_encoding(*streams: TextIO) -> None:
    """Give each stream (default: stdout and stderr) the fallback error handler; its encoding stays."""
    for stream in streams or (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            reconfigure(errors=ERRORS)
        except (ValueError, OSError):  # a closed or detached stream
            continue


def is_unicode(stream: TextIO) -> bool:
    """Whether the stream's encoding takes every character (JSON can then stay unescaped)."""
    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name.startswith("utf")
    except LookupError:
        return False
