"""Search scored a posting list at a time (`_BulkScorer`) against Whoosh's own document-by-document loop.

The bulk evaluator must give exactly Whoosh's hits, scores and order, on a real index with
several segments, deleted documents, quotes beside articles, and every query shape the app
accepts; and highlighting from candidate tokens must find exactly what a scan of every token finds.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.queries import QUERIES
from briefing.index import ArticleDoc, QuoteDoc, SearchIndex
from briefing.index_highlight import _Highlight, _term_spans, _term_spans_by_tokens, _tokens
from briefing.models import Quote
from tests.conftest import BBC

QUOTE = re.compile(r"“([^”]{10,300})”|\"([^\"]{10,300})\"")

EXTRA_QUERIES = (
    "prime minister", '"prime minister" blair', "blair OR brown OR howard", "economy NOT growth",
    "title:economy", "title:film^3 OR music", '"world cup" OR "six nations" OR "box office"', "tele* phone",
    "elect* AND \"general election\"", "speaker:blair war", 'speaker:"tony blair"', '"the the"', '"a"',
    '"oil prices"^2', '"chief executive" AND (profit OR loss)', '"interest rates"~3', "gordon brown chancellor",
    "econom* OR invest* OR minist*", "date:[20040101 TO 20041231]", "film date:[20040101 TO 20041231]",
    "(labour AND NOT tory) OR speaker:brown", "chelsea AND mourinho AND football",
)
# Phrases with slop are left to Whoosh (the evaluator refuses them), everything else is bulk.
WHOOSH_ONLY = {'"interest rates"~3'}


def _docs(bbc_dir: Path, count: int) -> tuple[list[ArticleDoc], list[QuoteDoc]]:
    articles, quotes = [], []
    for n, path in enumerate(sorted(bbc_dir.glob("*.txt"))[::7][:count]):
        title, _, body = path.read_text("utf-8", errors="replace").partition("\n")
        body = body.strip()
        when = date(2004 + n % 2, 1 + n % 12, 1 + n % 28)
        articles.append(ArticleDoc(
            id=path.stem, path=path.name, title=title.strip(), body=body, date=when, outlet=None, author=None,
            size=len(body), mtime_ns=n, content_hash=str(n),
        ))
        for m in QUOTE.finditer(body):
            group = 1 if m.group(1) else 2
            speaker = ("Tony Blair", "Gordon Brown", "Michael Howard", "Jose Mourinho")[n % 4]
            quote = Quote(path.stem, m.group(group), m.start(group), m.end(group), "direct", speaker, speaker)
            quotes.append(QuoteDoc(quote, title.strip(), when, f"{speaker} {speaker.split()[-1]}"))
    return articles, quotes


@pytest.fixture(scope="module")
def bbc_index(tmp_path_factory) -> SearchIndex:
    """240 BBC articles and their quotes in three commits (three segments), some of the first deleted."""
    if not BBC.is_dir():
        pytest.skip(f"BBC corpus not found at {BBC}")
    articles, quotes = _docs(BBC, 240)
    ix = SearchIndex(tmp_path_factory.mktemp("bulk") / "index").open()
    for part in (slice(0, 120), slice(120, 240)):
        with ix.update() as batch:
            batch.add_articles(articles[part])
            ids = {a.id for a in articles[part]}
            for source in sorted(ids):
                batch.replace_quotes(source, [q for q in quotes if q.quote.source == source])
    with ix.update() as batch:
        for article in articles[:120:10]:
            batch.delete_source(article.id)
    assert len(ix.searcher().leaf_searchers()) >= 2
    assert any(sub.reader().has_deletions() for sub, _ in ix.searcher().leaf_searchers())
    return ix


def _result(ix: SearchIndex, query: str, limit: int) -> tuple:
    r = ix.search(query, limit=limit)
    hits = [(h.kind, h.source, h.score, h.offsets, h.fragments, h.quote) for h in r.hits]
    return hits, r.total, r.note, r.suggestion


def _whoosh_results(ix: SearchIndex, queries, limit: int, monkeypatch, *, exhaustive: bool) -> dict:
    """The same searches through Whoosh's collector; `exhaustive`: no block skipping, so totals are exact."""
    with monkeypatch.context() as m:
        m.setattr(SearchIndex, "_bulk_top", lambda *args: None)
        if exhaustive:
            from whoosh.collectors import TopCollector
            from whoosh.searching import Searcher

            m.setattr(Searcher, "collector", lambda self, limit=10, **kw: TopCollector(limit, False, replace=0))
        return {q: _result(ix, q, limit) for q in queries}


@pytest.mark.parametrize(("limit", "or_matcher"), [(10, "auto"), (40, "auto"), (10, "binary tree")])
def test_bulk_search_gives_whooshs_hits_scores_and_order(bbc_index, monkeypatch, limit, or_matcher):
    from whoosh.query import Or

    if or_matcher == "binary tree":  # what segments over 5,000 documents get (the 22k corpus)
        monkeypatch.setattr(Or, "matcher_type", Or.DEFAULT_MATCHER)
    queries = [q.text for q in QUERIES] + list(EXTRA_QUERIES)
    used = []
    real = SearchIndex._bulk_top

    def spy(self, *args):
        out = real(self, *args)
        used.append(out is not None)
        return out

    monkeypatch.setattr(SearchIndex, "_bulk_top", spy)
    bulk = {}
    for q in queries:
        used.clear()
        bulk[q] = _result(bbc_index, q, limit)
        assert used == [q not in WHOOSH_ONLY], q
    exact = _whoosh_results(bbc_index, queries, limit, monkeypatch, exhaustive=True)
    skipping = _whoosh_results(bbc_index, queries, limit, monkeypatch, exhaustive=False)
    for q in queries:
        assert bulk[q] == exact[q], q  # hits, scores, order, fragments, exact totals
        assert bulk[q][0] == skipping[q][0], q  # Whoosh as it searches by default: the same hits
    found = [q for q in queries if bulk[q][0]]
    assert len(found) > 0.8 * len(queries)


def test_bulk_search_stops_at_the_time_limit(bbc_index):
    result = bbc_index.search("econom* OR invest*", limit=10, seconds=0)
    assert result.note and "partial" in result.note


def test_highlight_spans_on_real_articles_agree_with_a_full_token_scan(bbc_dir):
    for path in sorted(bbc_dir.glob("*.txt"))[::37]:
        text = path.read_text("utf-8", errors="replace")
        words = [t for t, _, _ in _tokens(text)]
        for i in range(0, len(words) - 3, max(1, len(words) // 6)):
            wanted = _Highlight(frozenset(words[i : i + 2]), (tuple(words[i + 1 : i + 4]), ("the", "of")))
            assert _term_spans(text, wanted) == _term_spans_by_tokens(text, wanted)


# Letters that lower-case to something else or to two characters, dots and stars (token characters
# for Whoosh), apostrophes, digits: the places where a token's start could be misread.
ALPHABET = "abcemp AEMP..*_'’-\n1İKßΣσ"
WORDS = st.text(alphabet="abcemp1İKß*", min_size=1, max_size=4)


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(alphabet=ALPHABET, max_size=80),
    terms=st.frozensets(WORDS, max_size=3),
    phrases=st.lists(st.lists(WORDS, min_size=1, max_size=3).map(tuple), max_size=2),
)
def test_highlight_spans_agree_with_a_full_token_scan(text, terms, phrases):
    from briefing.index_highlight import _stem

    # Wanted words as the index holds them: stems of lower-cased words.
    stems = tuple(tuple(_stem(w.lower()) for w in p) for p in phrases)
    wanted = _Highlight(frozenset(_stem(t.lower()) for t in terms), stems)
    assert _term_spans(text, wanted) == _term_spans_by_tokens(text, wanted)


def test_highlight_spans_of_every_word_of_a_tricky_text():
    text = "U.S. a.b..c *star* e.g. İstanbul KELVIN ßtraße me.me. Me, me!"
    tokens = _tokens(text)
    for t, _, _ in tokens:
        wanted = _Highlight(frozenset([t]), ((t, tokens[-1][0]),))
        assert _term_spans(text, wanted) == _term_spans_by_tokens(text, wanted)
        assert _term_spans(text, wanted)
