"""Per-article extraction (quotes and figures), and its cached form in the index.

Extraction is per article so that the index can cache it and redo only what
changed; naming speakers is corpus-wide and happens after (see `speakers`).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path

from briefing.helper_process import HelperProcess, can_help, while_parent_lives
from briefing.models import Figure, Quote, Source

# From this many articles, a helper process extracts a share of them meanwhile.
PARALLEL_MIN_ARTICLES = 200
# The helper's share, so that it and this process end together (0.4 and 0.6 measured no better).
HELPER_SHARE = 0.5


def _rules_fingerprint() -> str:
    """A digest of the extraction rules' source: cached extractions from other rules are redone.

    Read from the files without importing them (the CLI's quick paths never load the rules).
    """
    digest = hashlib.sha256()
    stages = Path(__file__).resolve().parent / "extract"  # the quote extractor's stages, every file
    modules = [
        "briefing.quotes", "briefing.figures", "briefing.figure_patterns", "briefing.figure_currencies",
        "briefing.figure_numbers", "briefing.figure_measure",
        "briefing.titles",  # titles cut from a lead sentence are stored in the index's article docs
    ]
    modules += [f"briefing.extract.{p.stem}" for p in sorted(stages.glob("*.py"))]
    for module in modules:
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


def extract_many(sources: Sequence[Source]) -> Iterator[tuple[Source, ArticleExtraction]]:
    """Each source with its extraction, in order; from `PARALLEL_MIN_ARTICLES` on, a helper process
    extracts the last `HELPER_SHARE` of them while this one does the rest.

    In a first build of the 2,225 BBC articles, extraction was 6.5 of this process's 15 CPU
    seconds while the index's helper wrote the article segment (`index.IndexUpdate`) in 11;
    what follows it here (naming speakers, indexing quotes) needs every article's. Shared,
    the three processes end closer together on two cores.
    """
    keep = len(sources)
    if keep >= PARALLEL_MIN_ARTICLES and can_help():
        keep -= int(keep * HELPER_SHARE)
    helper = _start_helper(sources[keep:]) if keep < len(sources) else None
    try:
        for source in sources[:keep]:
            yield source, extract(source)
        if helper:
            from briefing.body_names import read_names

            read_names(source.body for source in sources[:keep])  # meanwhile, for naming speakers after
        rest = _helper_result(helper) if helper else None
        if rest is None:  # no helper, or it failed: what it had is done here (and so is any error it met)
            rest = [extract(source) for source in sources[keep:]]
        yield from zip(sources[keep:], rest, strict=True)
    finally:
        if helper:
            helper.abort()


def _start_helper(sources: Sequence[Source]) -> HelperProcess | None:
    try:
        return HelperProcess("briefing.extraction:_extract_helper", list(sources))
    except OSError:  # no process to be had (a limit, no memory): this one does it all
        return None


def _helper_result(helper: HelperProcess) -> list[ArticleExtraction] | None:
    from briefing.body_names import adopt_names

    try:
        extractions, names = helper.result()
    except Exception:
        return None
    adopt_names(names)
    return extractions


def _extract_helper(sources: list[Source], parent: int) -> tuple[list[ArticleExtraction], dict]:
    """In the helper process: the extractions, and what naming the speakers will read in these bodies
    (see `body_names.read_names`): that is then done here too, beside the other processes, not after them."""
    from briefing.body_names import read_names

    extractions = [extract(source) for source in while_parent_lives(sources, parent)]
    return extractions, read_names(source.body for source in sources)


def _import_rules() -> None:
    import briefing.body_names
    import briefing.figures
    import briefing.quotes  # noqa: F401  (imported to be warm: these and read_names)


_extract_helper.warm_up = _import_rules  # type: ignore[attr-defined]
