"""Text hygiene at the door: bytes in, clean text out, in one place.

Everything the tool shows comes from files it does not control, so decoding,
normalisation and the removal of anything that could drive a terminal
(escape sequences, C0/C1 controls, bidi overrides) happen here and nowhere
else. Rich and Textual only strip BEL, BS, VT, FF and CR themselves.
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from dataclasses import dataclass

# Whole escape sequences first, so their parameters do not survive as litter.
_ESCAPE_SEQUENCES = re.compile(
    r"""
      \x1b\[[0-?]*[ -/]*[@-~]?          # CSI ... final byte
    | \x9b[0-?]*[ -/]*[@-~]?            # 8-bit CSI
    | \x1b\][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?   # OSC ... BEL or ST (title, clipboard, links)
    | \x9d[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?     # 8-bit OSC
    | \x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?          # DCS, SOS, PM, APC strings
    | [\x90\x98\x9e\x9f][^\x1b\x9c]*(?:\x1b\\|\x9c)?  # their 8-bit forms
    | \x1b[ -/]*[0-~]?                  # any other ESC sequence (charset, keypad, RIS, ...)
    """,
    re.VERBOSE,
)
# C0 except tab and newline, DEL, C1, bidi embeddings/overrides/isolates, BOM.
_CONTROL_CHARS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_UNPRINTABLE_IN_NAMES = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What `os.fsdecode` makes of bytes that are not UTF-8 in a file name: lone surrogates, which
# no UTF-8 writer (JSON, YAML, the index, a terminal) accepts.
_SURROGATES = re.compile("[\ud800-\udfff]")


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we can trust."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    guessed: bool  # True when UTF-8 failed and the encoding was detected


def decode(raw: bytes) -> Decoded:
    """Decode file bytes: BOMs first, then strict UTF-8, then a detected encoding."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                return Decoded(raw.decode(encoding), encoding, guessed=False)
            except UnicodeDecodeError as exc:
                raise UndecodableError(f"invalid {encoding} after its byte-order mark") from exc
    if b"\x00" in raw[:8192]:
        raise UndecodableError("binary file (NUL bytes)")
    try:
        return Decoded(raw.decode("utf-8"), "utf-8", guessed=False)
    except UnicodeDecodeError:
        pass
    return _detect(raw)


def _detect(raw: bytes) -> Decoded:
    from charset_normalizer import from_bytes  # only paid for by non-UTF-8 files

    best = from_bytes(raw).best()
    if best is None or best.encoding is None:
        raise UndecodableError("not valid UTF-8 and no other encoding fits")
    encoding = best.encoding
    # Detectors often name a cousin of Windows-1252 for Western text with curly
    # quotes and £; when cp1252 decodes the bytes cleanly it is the likelier truth.
    if encoding != "cp1252" and _looks_like_cp1252(raw):
        encoding = "cp1252"
    text = raw.decode(encoding, errors="strict")
    if _binary_like(text):
        raise UndecodableError("binary file (mostly control characters)")
    return Decoded(text, encoding, guessed=True)


def _looks_like_cp1252(raw: bytes) -> bool:
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    high = [ch for ch in text if ord(ch) > 127]
    western = sum(1 for ch in high if ch in "‘’“”–—£€…éèêàâçôöüïîñáíóú°·«»")
    return bool(high) and western / len(high) >= 0.6


def _binary_like(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t")
    return controls / len(sample) > 0.1


# Only complete references, with their semicolon: HTML's legacy forms without one would turn
# "&notice" into "¬ice" and "&copy2" into "©2" in plain text.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decode_entities(text: str) -> str:
    """Turn HTML character references left in plain text (`&#163;1.8m`, `&amp;`) into characters.

    Run once, on text that is not HTML, before `clean`: a reference to a control character
    (`&#27;`) becomes one and is then removed like any other.
    """
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: html.unescape(m.group()), text)


def clean(text: str) -> str:
    """Normalise to NFC with `\\n` line endings and strip what could drive a terminal.

    Curly quotes, dashes and £ are kept exactly: they are the article.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQUENCES.sub("", text)
    text = _CONTROL_CHARS.sub("", text)
    return unicodedata.normalize("NFC", text)


def printable(name: str) -> str:
    """A file name or id made safe to print on one line: controls shown as `?`, bytes that are
    not UTF-8 as U+FFFD (the real name stays with whoever opens the file)."""
    return _SURROGATES.sub("\ufffd", _UNPRINTABLE_IN_NAMES.sub("?", name))


def printable_text(text: str) -> str:
    """Text that came as bytes not in UTF-8 (`os.fsdecode` surrogates) with U+FFFD for those bytes."""
    return _SURROGATES.sub("\ufffd", text)


def display_path(path: object) -> str:
    """A path as shown and written to JSON, YAML or Markdown: `printable` of its text."""
    return printable(str(path))
