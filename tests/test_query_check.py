"""Queries Whoosh would quietly mangle get a note (issue #20, defect 10)."""

from __future__ import annotations

import pytest

from briefing.query_check import syntax_problem


@pytest.mark.parametrize(("query", "problem"), [
    ('"unbalanced', 'an unclosed "'),
    ("date:[2025 TO", "an unclosed ["),
    ("visas AND (", "an unclosed ("),
    ("title:(", "an unclosed ("),
    ("visas AND", "AND with nothing after it"),
    ("OR visas", "OR with nothing before it"),
    ("(visas OR)", "OR with nothing after it"),
    ("visas)", "a ) without its opening"),
    ("title: visas", "title: with nothing after it"),
])
def test_problems_are_named(query: str, problem: str) -> None:
    assert syntax_problem(query) == problem


@pytest.mark.parametrize("query", [
    "visas", '"one in, one out"', "date:[2025-06-01 TO 2025-06-30] AND visas", "date:>2025-07-01",
    "Macron's", "title:visas", "NOT NOT visas", "(visas OR boats) AND NOT france", "visas AND NOT boats",
    'speaker:starmer "(visas"', "prefix*", "date:{2025-01-01 TO]",
    # A phrase is a term to the operators and fields around it (a multi-word outlet from a web page).
    '"one in, one out" AND France', 'visas AND "one in"', '"a b" OR "c d"', 'NOT "x y"', '("a b" OR c)',
    'title:"Brown ally"', 'outlet:"Example News" AND visas',
])
def test_queries_that_parse_have_no_problem(query: str) -> None:
    assert syntax_problem(query) is None
