"""Property tests: whatever an article says, the export's Markdown keeps its shape.

Random text mixes Markdown and HTML syntax, YAML syntax, controls and any
Unicode. Each escaped piece must parse back (CommonMark plus tables) to exactly
its own text, and a whole export must keep its headings, one blockquote per
quote, one table row per figure, and no HTML, link, image or code token.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from export_mdcheck import PARSER, check_counts, parse, plain, quote_items
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import markdown_escape as md
from briefing.briefing_model import display_title
from briefing.export import ExportRequest, render_briefing
from briefing.models import Figure, Quote, Source

SYNTAX = [
    "<", ">", "<script>", "</b>", "<!--", "-->", "<?php", "<![CDATA[", "|", "#", "##", "-", "--", "---",
    "1.", "2)", "+", "*", "**", "_", "__", "`", "```", "~~~", "~", "[", "]", "(", ")", "](", "![",
    "javascript:", "http://x.y", "www.x.y", "!", "&", "&amp;", "&#65;", "&#x41;", "\\", "===", "    ",
    "\t", "\n", "\n\n", "\r\n", " ", ":", ": ", "$", "$$", "^", "[^1]", "{", "}", "{#id}", "@", '"', "'",
    "“", "”", "‘", "’", "...", "a", "b", "Z", "9", "0", "é", "\u00a0", "\x00", "\x1b[31m", "\x85",
    "\u2028", "\u202e", "%", "=", "?", "/", ",", ".",
]
fragment = st.one_of(st.sampled_from(SYNTAX), st.characters(codec="utf-8"), st.text(max_size=3))
article_text = st.lists(fragment, max_size=16).map("".join)
words = st.lists(st.sampled_from(["a", "b", "é", "9", "Zed", "**", "#", "-", "<", "|", "`", "&"]),
                 min_size=1, max_size=4).map(" ".join)


def only_paragraph(markdown: str):
    tokens = PARSER.parse(markdown)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], markdown
    return tokens[1]


# the escaping primitives


@given(article_text)
def test_escaped_text_reads_back_as_itself(text):
    expected = md.one_line(text)
    escaped = md.escape(text)
    if not expected:
        assert PARSER.parse(escaped) == []
        return
    inline = only_paragraph(escaped)
    assert [c.type for c in inline.children] == ["text"], escaped
    assert plain(inline) == expected


@given(article_text)
def test_escaped_text_is_one_table_cell(text):
    table = parse("---\n{}\n---\n| head | x |\n| --- | --- |\n| " + md.cell(text) + " | end |\n")
    assert table.tables == [[["head", "x"], [md.one_line(text) or "—", "end"]]]
    assert table.html == [] and table.links == []


@given(article_text)
def test_escaped_title_is_one_heading(text):
    tokens = PARSER.parse("### " + md.title(text) + "\n\nafter")
    assert [t.type for t in tokens][:3] == ["heading_open", "inline", "heading_close"]
    assert plain(tokens[1]) == (md.one_line(text) or md.UNTITLED)
    assert [t.type for t in tokens][3:] == ["paragraph_open", "inline", "paragraph_close"]


@given(st.lists(article_text, min_size=1, max_size=4))
def test_blockquote_keeps_its_paragraphs(paragraphs):
    expected = [md.one_line(p) for p in paragraphs if md.one_line(p)]
    doc = parse("---\n{}\n---\n" + md.blockquote(paragraphs) + "\n\nafter\n")
    if not expected:
        assert doc.blockquotes == []
        return
    assert doc.blockquotes == [expected]
    assert doc.paragraphs[-1] == "after"


def expected_marks(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """The bold runs a reader should see: spans trimmed to letters and digits, overlaps merged."""
    trimmed = []
    for s, e in spans:
        s, e = max(0, s), min(len(text), e)
        while s < e and not text[s].isalnum():
            s += 1
        while e > s and not text[e - 1].isalnum():
            e -= 1
        if s < e:
            trimmed.append((s, e))
    merged: list[list[int]] = []
    for s, e in sorted(trimmed):
        gap = text[merged[-1][1]:s] if merged else "x"
        invisible = not md.one_line(gap) and not any(ch.isspace() for ch in gap)  # nothing between
        if merged and (s <= merged[-1][1] or invisible):
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [md.one_line(text[s:e]) for s, e in merged]


@st.composite
def text_with_hits(draw):
    text = draw(article_text)
    n = len(text)
    spans = draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted).map(tuple), max_size=5))
    return text, spans


@given(text_with_hits())
def test_hits_are_bold_and_the_text_reads_back(case):
    text, spans = case
    result = md.highlight(text, spans)
    if not md.one_line(text):
        assert PARSER.parse(result) == []
        return
    inline = only_paragraph(result)
    assert plain(inline) == md.one_line(text)
    marks = [c.type for c in inline.children if c.type not in ("text",)]
    strong = []
    children = inline.children
    for i, child in enumerate(children):
        if child.type == "strong_open":
            assert children[i + 1].type == "text" and children[i + 2].type == "strong_close", result
            strong.append(children[i + 1].content)
    assert set(marks) <= {"strong_open", "strong_close"}
    assert strong == [m for m in expected_marks(text, spans) if m], result


# whole documents


@st.composite
def corpora(draw):
    sources, quotes, figures = [], [], []
    for n in range(draw(st.integers(1, 3))):
        paragraphs = draw(st.lists(article_text, min_size=1, max_size=3))
        said = [f"Q{n}{k} " + draw(article_text) for k in range(draw(st.integers(0, 2)))]
        body_parts = [*paragraphs, *said]
        body = "\n\n".join(body_parts)
        spans, pos = [], 0
        for part in body_parts:
            spans.append((pos, pos + len(part)))
            pos += len(part) + 2
        sid = f"s{n}"
        source = Source(
            id=sid,
            path=draw(st.sampled_from(["/c/x.txt", "/c/a b/[x](y).txt", "/c/<b>.md"])),
            title=draw(article_text),
            body=body,
            paragraphs=tuple(spans),
            content_hash=sid,
            date=draw(st.none() | st.just(date(2025, 6, 18))),
            outlet=draw(st.none() | article_text),
            url=draw(st.none() | st.sampled_from(["javascript:alert(1)", "https://e.x/a?b=c&d", "x<y>"])),
        )
        sources.append(source)
        for k, q in enumerate(said):
            start = spans[len(paragraphs) + k][0]
            speaker = draw(st.none() | words | article_text)
            quotes.append(Quote(sid, q, start, start + len(q), "direct", speaker, draw(st.none() | article_text)))
        for _ in range(draw(st.integers(0, 2))):
            figures.append(Figure(sid, draw(article_text), 1.0, None, "count", "", 0, 1,
                                  measure=draw(st.none() | article_text),
                                  qualifier=draw(st.none() | article_text)))
    return sources, quotes, figures


def check_document(case, title, corpus_name) -> None:
    sources, quotes, figures = case
    text = render_briefing(
        corpus_name=corpus_name,
        sources=sources,
        quotes=quotes,
        figures=figures,
        request=ExportRequest(title=title),
        generated=datetime(2026, 11, 22, 21, 0, tzinfo=UTC),
        version="0.1.0",
    )
    doc = parse(text)
    expected_title = md.one_line(title) or f"Briefing: {md.one_line(corpus_name)}".strip()
    assert doc.meta["title"] == expected_title
    assert doc.meta["corpus"] == md.one_line(corpus_name)
    assert doc.meta["sources"] == len(sources)
    check_counts(doc)

    assert doc.html == [] and doc.images == 0 and doc.code == 0
    assert all(href == "https://e.x/a?b=c&d" for href in doc.links), doc.links

    top = [h for h in doc.headings if h[0] <= 2]
    assert top[0] == (1, md.one_line(expected_title) or md.UNTITLED)
    names = [name for _, name in top[1:]]
    assert names == [n for n in ("Key points", "Who said what", "Figures", "Sources") if n in names]
    assert "Sources" in names and ("Figures" in names) == bool(figures)
    for n, s in enumerate(sources, 1):
        shown, _ = display_title(s)
        assert doc.items["Sources"][n - 1].startswith(f"[^{n}] “{md.one_line(shown) or md.UNTITLED}” · ")

    # each quote once (their words are distinct), its paragraphs kept, citing its source
    number = {s.id: n for n, s in enumerate(sources, 1)}
    items = quote_items(doc)
    assert len(items) == len(quotes)
    for q in quotes:
        words = " ".join(md.one_line(p) for p in q.paragraphs if md.one_line(p))
        assert f"“{words}”[^{number[q.source]}]" in items
    # one table row per figure, five cells each, the article's words in their own cell
    if figures:
        assert len(doc.tables) == 1
        assert len(doc.tables[0]) == 1 + len(figures)
        assert all(len(row) == 5 for row in doc.tables[0])
        per_source = [[f for f in figures if f.source == s.id] for s in sources]
        interleaved = [figs[i] for i in range(len(figures)) for figs in per_source if i < len(figs)]
        written = [md.one_line(" ".join(p for p in (f.qualifier, f.text) if p)) or "—" for f in interleaved]
        assert [row[1] for row in doc.tables[0][1:]] == written
        assert [row[4] for row in doc.tables[0][1:]] == [md.one_line(f.measure) or "—" for f in interleaved]
    else:
        assert doc.tables == []


SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}


@settings(max_examples=30, **SETTINGS)
@given(corpora(), article_text, article_text)
def test_any_article_text_keeps_the_document_shape(case, title, corpus_name):
    check_document(case, title, corpus_name)


@pytest.mark.slow
@settings(max_examples=500, **SETTINGS)
@given(corpora(), article_text, article_text)
def test_any_article_text_keeps_the_document_shape_many_examples(case, title, corpus_name):
    check_document(case, title, corpus_name)
