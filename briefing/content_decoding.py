"""Undoing a response's Content-Encoding (gzip, deflate) without trusting its size.

We ask for gzip (news pages shrink four- to eightfold) and some servers send it unasked.
A few kilobytes of gzip can expand to gigabytes: output is produced in bounded steps and
counted, and the body is refused as soon as it passes the cap, before the rest is inflated.
"""

from __future__ import annotations

import zlib

ACCEPTED = "gzip, deflate"  # what we send as Accept-Encoding (identity is always acceptable too)


class DecodingError(ValueError):
    """The body cannot be decoded, or decodes to more than the cap; the message is one line."""


class BodyDecoder:
    """Feed the body's bytes as they arrive; `feed` returns the decoded bytes, at most `max_bytes` in all."""

    def __init__(self, content_encoding: str | None, max_bytes: int) -> None:
        encoding = (content_encoding or "identity").strip().lower()
        self.max_bytes = max_bytes
        self.total = 0
        if encoding in ("identity", ""):
            self._inflate = None
        elif encoding in ("gzip", "x-gzip"):
            self._inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._inflate = zlib.decompressobj(zlib.MAX_WBITS)
        else:
            raise DecodingError(f"unsupported Content-Encoding: {encoding[:30]}")

    def feed(self, data: bytes) -> bytes:
        if self._inflate is None:
            return self._count(data)
        out = []
        try:
            while data:
                piece = self._inflate.decompress(data, self.max_bytes - self.total + 1)
                out.append(self._count(piece))
                data = self._inflate.unconsumed_tail
        except zlib.error as exc:
            raise DecodingError(f"damaged compressed body ({exc})") from None
        return b"".join(out)

    def finish(self) -> bytes:
        if self._inflate is None:
            return b""
        try:
            rest = self._inflate.flush()
        except zlib.error as exc:
            raise DecodingError(f"damaged compressed body ({exc})") from None
        if not self._inflate.eof:
            raise DecodingError("compressed body cut short")
        return self._count(rest)

    def _count(self, data: bytes) -> bytes:
        self.total += len(data)
        if self.total > self.max_bytes:
            raise DecodingError(f"too large (more than {self.max_bytes / 2**20:g} MB once decompressed)")
        return data
