"""What to mark in a search hit, and the fragments of text around the marks.

Split out of `index.py`: the terms a parsed query asks for, found again in a document's text
(by the index's own analyser), merged into spans and cut into sentence fragments.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from briefing.models import Fragment, Quote, SearchHit

FRAGMENTS_PER_HIT = 3
FRAGMENT_MAX_CHARS = 400


@dataclass(frozen=True, slots=True)
class _Highlight:
    """What to mark in a hit: single (stemmed) terms and whole phrases."""

    terms: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()

    initials: frozenset[str] = field(init=False, default=frozenset())  # first letters of all of them

    def __post_init__(self) -> None:
        firsts = {t[:1] for t in self.terms} | {w[:1] for phrase in self.phrases for w in phrase}
        object.__setattr__(self, "initials", frozenset(firsts))

    def __bool__(self) -> bool:
        return bool(self.terms or self.phrases)


def _query_terms(parsed, reader) -> _Highlight:
    """The indexed terms and phrases a query asks for in the text fields, prefixes expanded."""
    from whoosh.query import Not, Phrase, Term

    terms: set[str] = set()
    phrases: list[tuple[str, ...]] = []

    def walk(q) -> None:
        if isinstance(q, Not):
            return
        if isinstance(q, Phrase):
            if q.fieldname in _TEXT_FIELDS:
                phrases.append(tuple(q.words))
            return
        if q.is_leaf():
            if getattr(q, "fieldname", None) not in _TEXT_FIELDS:
                return
            if type(q) is Term:
                terms.add(q.text if isinstance(q.text, str) else q.text.decode("utf-8"))
            else:  # prefix, wildcard, fuzzy: the words they matched
                try:
                    for _, text in q.expanded_terms(reader):
                        terms.add(text.decode("utf-8") if isinstance(text, bytes) else text)
                except Exception:
                    pass
            return
        for child in q.children():
            walk(child)

    walk(parsed)
    return _Highlight(frozenset(terms), tuple(phrases))


_TEXT_FIELDS = ("body", "title", "speaker")


# The analyser's own steps (`StemmingAnalyzer(stoplist=None)`: regex tokens, lower case, Porter stem),
# with one stem cache for the process: a fresh analyser per hit re-stemmed every word of every body
# (most of a highlighted search's time). tests/test_benchmarks_smoke.py checks the two agree.
@functools.cache
def _token_pattern() -> re.Pattern[str]:
    from whoosh.analysis.tokenizers import default_pattern

    return default_pattern


@functools.lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    from whoosh.lang.porter import stem

    return stem(word)


def _tokens(text: str, initials: frozenset[str] | None = None) -> list[tuple[str, int, int]]:
    """(stemmed term, start, end) for every token of `text`, as the index analysed it.

    With `initials`, only words starting with one of them are stemmed (the others get ""):
    stemming changes endings only, and on a cold cache it was most of the highlighting.
    """
    out = []
    for m in _token_pattern().finditer(text):
        word = m.group().lower()
        out.append((_stem(word) if initials is None or word[:1] in initials else "", m.start(), m.end()))
    return out


_TOKEN_PATTERN = r"[\w\*]+(\.?[\w\*]+)*"


@functools.lru_cache(maxsize=256)
def _candidate_pattern(initials: frozenset[str]) -> re.Pattern[str] | None:
    r"""The index's tokens that could be highlighted: those whose first letter is one of `initials`.

    A token of `[\w*]+(\.?[\w*]+)*` starts at a word character that follows neither a word
    character nor a word character and a dot, so a lookbehind finds the same tokens as a scan
    of all of them. The first-letter class is a superset (any non-ASCII letter may lower-case to
    an initial); callers check the lower-cased word. None if Whoosh's pattern is not the one above.
    """
    if _token_pattern().pattern != _TOKEN_PATTERN or not initials:
        return None
    ascii_firsts = "".join(re.escape(chr(c)) for c in range(128) if chr(c).lower() in initials)
    first = f"[{ascii_firsts}]|[^\x00-\x7f]" if ascii_firsts else "[^\x00-\x7f]"
    return re.compile(rf"(?<![\w*])(?<![\w*]\.)(?={first})[\w*]+(?:\.?[\w*]+)*")


def _term_spans(text: str, wanted: _Highlight) -> list[tuple[int, int]]:
    """Character spans of the wanted terms and phrases, overlapping ones merged.

    Only tokens that start like a wanted word are looked at (a phrase's next words are the
    tokens that follow it): a scan of every token was most of a highlighted search.
    """
    if not wanted or not text:
        return []
    pattern = _candidate_pattern(wanted.initials)
    if pattern is None or "" in wanted.terms:
        return _term_spans_by_tokens(text, wanted)
    initials, terms, phrases = wanted.initials, wanted.terms, [p for p in wanted.phrases if p]
    search = _token_pattern().search
    spans = []
    for m in pattern.finditer(text):
        word = m.group().lower()
        if word[:1] not in initials:
            continue
        stem = _stem(word)
        if stem in terms:
            spans.append(m.span())
        for phrase in phrases:
            if phrase[0] != stem:
                continue
            end = m.end()
            for expected in phrase[1:]:
                following = search(text, end)
                if following is None:
                    break
                word = following.group().lower()
                if (_stem(word) if word[:1] in initials else "") != expected:
                    break
                end = following.end()
            else:
                spans.append((m.start(), end))
    return _merge_spans(spans)


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _term_spans_by_tokens(text: str, wanted: _Highlight) -> list[tuple[int, int]]:
    """The spans `_term_spans` finds, from every token of the text (the reference it must agree with)."""
    if not wanted or not text:
        return []
    tokens = _tokens(text, wanted.initials)
    spans = [(s, e) for t, s, e in tokens if t in wanted.terms]
    if wanted.phrases:
        words = [t for t, _, _ in tokens]
        for phrase in wanted.phrases:
            n = len(phrase)
            if not n:
                continue
            rest = list(phrase[1:])
            for i, word in enumerate(words):  # compare the rest only where the first word matches
                if word == phrase[0] and words[i + 1 : i + n] == rest:
                    spans.append((tokens[i][1], tokens[i + n - 1][2]))
    return _merge_spans(spans)


_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+[\"”’)]*|\n|$)")


def fragments_for(body: str, spans: Sequence[tuple[int, int]], limit: int = FRAGMENTS_PER_HIT) -> Iterable[Fragment]:
    """Whole sentences around the hits, adjacent sentences merged, at most `limit` of them."""
    if not spans:
        return []
    sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(body) if m.end() > m.start()]
    chosen: list[list[int]] = []
    i = 0
    for start, _ in spans:
        while i < len(sentences) and sentences[i][1] <= start:
            i += 1
        if i >= len(sentences):
            break
        s_start, s_end = sentences[i]
        if chosen and s_start <= chosen[-1][1]:
            chosen[-1][1] = max(chosen[-1][1], s_end)
        else:
            chosen.append([s_start, s_end])
    out = []
    for s_start, s_end in chosen[:limit]:
        while s_start < s_end and body[s_start].isspace():
            s_start += 1
        s_end = min(s_end, s_start + FRAGMENT_MAX_CHARS)
        while s_end > s_start and body[s_end - 1].isspace():
            s_end -= 1
        hits = tuple((a - s_start, b - s_start) for a, b in spans if a >= s_start and b <= s_end)
        out.append(Fragment(body[s_start:s_end], s_start, hits))
    return out


def _to_hit(f: dict[str, Any], score: float, kind: str, terms: _Highlight) -> SearchHit:
    body = f.get("body") or ""
    spans = _term_spans(body, terms)
    when = f.get("date") or f.get("qdate")
    offset = (f.get("start") or 0) if kind == "quote" else 0
    quote = None
    if kind == "quote":
        quote = Quote(
            source=f["source"], text=body, start=f["start"], end=f["end"], kind=f.get("kind") or "direct",
            speaker=f.get("canonical"), speaker_as_written=f.get("speaker_as_written"),
            speaker_kind=f.get("speaker_kind"),
        )
        fragments = (Fragment(body, f["start"], tuple(spans)),) if body else ()
    else:
        fragments = tuple(fragments_for(body, spans))
    return SearchHit(
        source=f["source"],
        title=f.get("title") or f["source"],
        date=when.date() if isinstance(when, datetime) else None,
        score=float(score),
        kind="quote" if kind == "quote" else "article",
        fragments=fragments,
        offsets=tuple((s + offset, e + offset) for s, e in spans),
        quote=quote,
    )
