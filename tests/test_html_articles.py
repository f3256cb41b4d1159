"""Saved web pages as articles, and character references decoded once in the loader.

The pages are built at test time around BBC texts inside realistic templates (tests/web_pages.py):
the metadata must come from the page, and none of the boilerplate may become searchable.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from briefing.corpus import load_corpus
from tests.conftest import run_cli
from tests.web_pages import BBC, BOILERPLATE, page_html, spec_for, write_pages

PAGES = 24


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    if not BBC.is_dir():
        pytest.skip(f"BBC corpus not found at {BBC}")
    folder = tmp_path_factory.mktemp("pages")
    specs = write_pages(folder, PAGES)
    return folder, specs, tmp_path_factory.mktemp("index") / "index"


def test_pages_read_with_their_metadata_and_no_boilerplate(pages):
    folder, specs, _ = pages
    result = load_corpus(folder)
    assert not result.warnings
    by_id = {s.id: s for s in result.sources}
    assert len(by_id) == len(specs)
    for spec in specs:
        source = by_id[spec.name]
        assert (source.title, source.date, source.outlet, source.author, source.url) == (
            spec.title, spec.date, spec.outlet, spec.author, spec.url
        )
        assert source.body.split("\n\n") == spec.body  # every paragraph, in order, and nothing else
        for phrase in BOILERPLATE:
            assert phrase.lower() not in source.body.lower()


def test_no_boilerplate_line_is_searchable_but_the_article_is(pages):
    folder, specs, index = pages
    for phrase in BOILERPLATE:
        result = run_cli("--corpus", str(folder), "--index", str(index), "search", f'"{phrase}"', "--json")
        assert result.returncode == 1, (phrase, result.stdout)
    spec = specs[3]
    words = spec.body[1].split()[:6]
    result = run_cli("--corpus", str(folder), "--index", str(index), "search", '"' + " ".join(words) + '"', "--json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert [h["source"] for h in hits] == [spec.name]
    fragment = hits[0]["fragments"][0]
    s, e = fragment["hits"][0]
    assert " ".join(fragment["text"][s:e].split()) == " ".join(words)  # offsets into the page's main text


def test_export_cites_the_page_url(pages):
    folder, specs, index = pages
    spec = specs[0]
    result = run_cli(
        "--corpus", str(folder), "--index", str(index), "export", "-o", "-", "--source", spec.name,
    )
    assert result.returncode == 0, result.stderr
    links = [
        t.attrs["href"]
        for block in MarkdownIt().parse(result.stdout)
        for t in (block.children or [])
        if t.type == "link_open"
    ]
    assert spec.url in links


def test_page_in_a_declared_charset_and_saved_from_comment(tmp_path):
    spec = spec_for(0, "fare", "Rail fares rise by £1.50", ["Fares rise by £1.50 – “again” – from today. " * 8] * 3)
    page = page_html(spec, [], charset="windows-1252").replace(f'<link rel="canonical" href="{spec.url}">', "")
    page = page.replace(f'<meta property="og:url" content="{spec.url}">', "")
    page = page.replace(f'"mainEntityOfPage": "{spec.url}"', '"mainEntityOfPage": "not a web address"')
    raw = b"<!-- saved from url=(0031)https://saved.example/rail-fares -->\n" + page.encode("cp1252")
    (tmp_path / "fare.htm").write_bytes(raw)
    result = load_corpus(tmp_path)
    [source] = result.sources
    assert source.title == "Rail fares rise by £1.50"
    assert source.body.startswith("Fares rise by £1.50 – “again” – from today.")
    assert source.url == "https://saved.example/rail-fares"
    assert not result.warnings  # the page said what it is: no "not UTF-8, read as …" on every command


def test_a_page_without_an_article_is_one_warning(tmp_path):
    (tmp_path / "index.html").write_text(
        "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav>"
        "<p>Welcome.</p><footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    result = load_corpus(tmp_path)
    assert result.sources == []
    [warning] = result.warnings
    assert warning.path.name == "index.html" and warning.reason.startswith("skipped:") and "article" in warning.reason


def test_character_references_in_text_are_decoded_once(tmp_path):
    (tmp_path / "deal.txt").write_text(
        "Club agrees &#163;1.8m deal\n\nThe club paid &#163;1.8m for AT&T&#8217;s stake, &amp;c; "
        "a &notice stays; &amp;#163; is written out once.&#27;[2J\n",
        encoding="utf-8",
    )
    (tmp_path / "note.md").write_text(
        '---\ntitle: "Profits &amp; losses"\n---\nRevenue rose to &#x20AC;5m this year, the firm said.\n',
        encoding="utf-8",
    )
    by_id = {s.id: s for s in load_corpus(tmp_path).sources}
    deal = by_id["deal"]
    assert deal.title == "Club agrees £1.8m deal"
    assert deal.body == "The club paid £1.8m for AT&T’s stake, &c; a &notice stays; &#163; is written out once.[2J"
    assert "\x1b" not in deal.body
    assert by_id["note"].title == "Profits & losses"
    assert by_id["note"].body == "Revenue rose to €5m this year, the firm said."


def test_figures_read_the_decoded_amount(tmp_path, index_dir):
    (tmp_path / "deal.txt").write_text(
        "Club agrees deal\n\nThe club paid &#163;1.8m for the striker, its chairman said on Monday.\n",
        encoding="utf-8",
    )
    result = run_cli("--corpus", str(tmp_path), "--index", str(index_dir), "figures", "--json")
    assert result.returncode == 0, result.stderr
    assert "£1.8m" in result.stdout
    assert "&#163;" not in result.stdout


def test_html_pages_are_listed_by_the_scan(tmp_path):
    from briefing.corpus import scan

    for name in ("a.html", "b.HTM", "c.txt", "d.css", ".hidden.html"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [e.relpath for e in scan(Path(tmp_path))] == ["a.html", "b.HTM", "c.txt"]


def test_quotes_and_figures_of_a_page_point_into_its_text(pages):
    from briefing.workspace import Workspace

    folder, specs, index = pages
    ws = Workspace.open(folder, index)
    ws.sync_index()
    quotes = ws.quotes()
    figures = ws.figures()
    assert len(quotes) > len(specs) and len(figures) > len(specs)  # BBC texts are full of both
    for item in [*quotes, *figures]:
        assert ws.source(item.source).body[item.start:item.end] == item.text
    first = ws.source(specs[0].name)
    assert "£" in first.body and any(f.source == first.id and f.text.startswith("£") for f in figures)
    ws.close()


@pytest.mark.parametrize("keep", ["json-ld", "open graph"])
def test_metadata_from_either_standard_place_alone(tmp_path, keep):
    """A page with only JSON-LD (no Open Graph, canonical link or <time>), or only Open Graph."""
    import re

    if not BBC.is_dir():
        pytest.skip(f"BBC corpus not found at {BBC}")
    [spec] = write_pages(tmp_path, 1, start=50)
    page = tmp_path / f"{spec.name}.html"
    html = page.read_text(encoding="utf-8")
    if keep == "json-ld":
        html = re.sub(r'\s*<meta (property|name)="(og:[a-z_]+|article:published_time|author)"[^>]*>', "", html)
        html = re.sub(r'\s*<link rel="canonical"[^>]*>|\s*<time[^>]*>[^<]*</time>', "", html)
        html = html.replace(f"<title>{spec.title} | {spec.outlet}</title>", "<title>News</title>")
    else:
        html = re.sub(r'<script type="application/ld\+json">.*?</script>', "", html)
    page.write_text(html, encoding="utf-8")
    [source] = load_corpus(tmp_path).sources
    assert (source.title, source.date, source.outlet, source.author, source.url) == (
        spec.title, spec.date, spec.outlet, spec.author, spec.url
    )
