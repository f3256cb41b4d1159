"""Per-article extraction (quotes and figures), and its cached form in the index.

Extraction is per article so that the index can cache it and redo only what
changed; naming speakers is corpus-wide and happens after (see `speakers`).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from dataclasses import dataclass, field, fields
from pathlib import Path

from briefing.models import Figure, Quote, Source


def _rules_fingerprint() -> str:
    """A digest of the extraction rules' source: cached extractions from other rules are redone.

    Read from the files without importing them (the CLI's quick paths never load the rules).
    """
    digest = hashlib.sha256()
    for module in ("briefing.quotes", "briefing.figures"):
        spec = importlib.util.find_spec(module)
        origin = spec.origin if spec else None
        try:
            digest.update(Path(origin).read_bytes() if origin else module.encode())
        except OSError:
            digest.update(module.encode())
    return digest.hexdigest()[:16]


EXTRACTION_VERSION = _rules_fingerprint()


# Flat records of plain values: reading the fields directly is several times faster than
# `dataclasses.asdict`, which deep-copies (it was 5% of a full build).
_QUOTE_FIELDS = tuple(f.name for f in fields(Quote))
_FIGURE_FIELDS = tuple(f.name for f in fields(Figure))


@dataclass(frozen=True, slots=True)
class ArticleExtraction:
    quotes: tuple[Quote, ...] = field(default_factory=tuple)
    figures: tuple[Figure, ...] = field(default_factory=tuple)

    def to_json(self) -> str:
        return json.dumps(
            {
                "v": EXTRACTION_VERSION,
                "quotes": [{k: getattr(q, k) for k in _QUOTE_FIELDS} for q in self.quotes],
                "figures": [{k: getattr(f, k) for k in _FIGURE_FIELDS} for f in self.figures],
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> ArticleExtraction | None:
        """The cached extraction, or None if absent or from older rules."""
        try:
            data = json.loads(text)
            if data.get("v") != EXTRACTION_VERSION:
                return None
            return cls(
                tuple(Quote(**q) for q in data["quotes"]),
                tuple(Figure(**f) for f in data["figures"]),
            )
        except (ValueError, TypeError, KeyError, AttributeError):
            return None


def extract(source: Source) -> ArticleExtraction:
    from briefing.figures import extract_figures
    from briefing.quotes import extract_quotes

    return ArticleExtraction(tuple(extract_quotes(source)), tuple(extract_figures(source)))
