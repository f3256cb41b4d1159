"""Checks and rewrites of a query's text before (and just after) Whoosh parses it.

Split out of `index.py`: length, nesting, wildcards, dates and numbers, each a pure function
of the text (or of the parsed query), with the one-line notes they give the user.
"""

from __future__ import annotations

import re

from briefing.hygiene import printable

MAX_QUERY_CHARS = 500
MIN_WILDCARD_PREFIX = 2


# Whoosh's date parser reads 2025-06-01 inside a range as the whole year 2025; 20250601 it reads right.
_DATE_CLAUSE = re.compile(r"\bdate:\s*(?:\[[^\]]*\]|\{[^}]*\}|[<>]=?\S+|\S+)")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _nesting(query: str) -> int:
    depth = deepest = 0
    for ch in query:
        if ch == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif ch == ")":
            depth = max(0, depth - 1)
    return deepest


_WILDCARD_WORD = re.compile(r"(?:(?<=\s)|^|(?<=[:(]))([^\s:()\"]*[*?][^\s()\"]*)")


def _wildcard_problem(query: str) -> str | None:
    for match in _WILDCARD_WORD.finditer(query):
        word = match.group(1)
        literal = re.split(r"[*?]", word, maxsplit=1)[0]
        if len(literal) < MIN_WILDCARD_PREFIX:
            return (
                f"wildcard refused: {printable(word)[:40]!s} needs at least {MIN_WILDCARD_PREFIX} "
                "letters before * or ?"
            )
    return None


def _check_numeric_terms(parsed, schema) -> None:
    """Raise now for a date term Whoosh cannot convert (`date:""`, `date:20*`).

    Whoosh converts such terms only when it builds matchers, mid-search, and then raises a
    bare Exception; found here, the query falls back to plain words like any parse error.
    """
    from whoosh.fields import NUMERIC
    from whoosh.query import NumericRange, Term

    for leaf in [parsed] if parsed.is_leaf() else parsed.leaves():
        field = schema[leaf.fieldname] if getattr(leaf, "fieldname", None) in schema else None
        if not isinstance(field, NUMERIC) or isinstance(leaf, NumericRange):
            continue
        if type(leaf) is not Term:
            raise ValueError(f"{type(leaf).__name__} on a date field")
        field.to_bytes(leaf.text)


def _wildcard_problem_in(parsed) -> str | None:
    from whoosh.query import Prefix, Wildcard

    for q in parsed.leaves() if hasattr(parsed, "leaves") else [parsed]:
        if isinstance(q, (Prefix, Wildcard)):
            text = q.text if isinstance(q.text, str) else str(q.text)
            literal = re.split(r"[*?]", text, maxsplit=1)[0]
            if len(literal) < MIN_WILDCARD_PREFIX:
                return f"wildcard refused: needs at least {MIN_WILDCARD_PREFIX} letters before * or ?"
    return None


def _cut_query(query: str) -> tuple[str, str]:
    """The query cut to MAX_QUERY_CHARS at a word boundary, and the note that says so.

    Cut mid-word, a pasted passage ended in a word no article has ("…search-engine Goo"), and as
    every word must match, it found nothing. A quote mark left unpaired by the cut is dropped.
    """
    cut = query[: MAX_QUERY_CHARS + 1]
    space = cut.rfind(" ")
    if space > 0:
        cut, how = cut[:space], "after its last whole word within"
    else:  # one giant "word": nothing to keep whole
        cut, how = cut[:MAX_QUERY_CHARS], "to"
    if cut.count('"') % 2:
        cut = cut[: cut.rfind('"')] + cut[cut.rfind('"') + 1:]
    words = len(cut.split())
    return cut.rstrip(), f"query cut {how} its first {MAX_QUERY_CHARS} characters ({words} words searched)"


def _join_notes(a: str | None, b: str | None) -> str | None:
    return "; ".join(x for x in (a, b) if x) or None
