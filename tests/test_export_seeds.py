"""The export of real corpora through the real extraction, comparison and search: the seeds'
golden file and its promises (length, each quote once, no scare quotes, counts), a pinned
export, and a hostile corpus read by pandoc and by Rich's Markdown renderer.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import yaml
from export_mdcheck import check_counts, footnotes, parse, quote_items, section

from briefing import export
from briefing.briefing_model import is_scare_quote, quote_entries
from briefing.export import ExportRequest, export_workspace
from briefing.models import Pin

GENERATED = datetime(2026, 11, 22, 20, 15, 30, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "data" / "golden" / "seeds-all.md"
UPDATE_GOLDEN = "BRIEFING_UPDATE_GOLDEN"
SEEDS_MAX_LINES = 150
SCARE_QUOTES = ["safe", "one, one", "operate"]  # listed as quotes before this export was rewritten


def workspace(corpus: Path, index: Path):
    from briefing.workspace import Workspace

    return Workspace.open(corpus, index)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    ws = workspace(REPO / "seeds", tmp_path_factory.mktemp("index"))
    text = export_workspace(ws, ExportRequest(), generated=GENERATED, version="golden")
    return ws, text


def test_golden_export_of_the_seeds(seeds):
    """The whole export of the seeds, byte for byte. After a deliberate change to extraction or
    layout, regenerate with BRIEFING_UPDATE_GOLDEN=1 and review the diff."""
    _, text = seeds
    if os.environ.get(UPDATE_GOLDEN):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.is_file(), f"no golden file; create it with {UPDATE_GOLDEN}=1"
    assert text == GOLDEN.read_text(encoding="utf-8"), f"export changed; if intended, rerun with {UPDATE_GOLDEN}=1"


def test_seeds_export_is_short_and_its_header_counts_are_right(seeds):
    ws, text = seeds
    assert len(text.splitlines()) <= SEEDS_MAX_LINES
    doc = parse(text)
    check_counts(doc)
    assert doc.meta["corpus"] == "seeds" and doc.meta["sources"] == len(ws.sources) == 5
    assert doc.meta["undated"] == sum(1 for s in ws.sources if s.date is None)
    assert doc.paragraphs[0].startswith("5 sources · 2025-06-18 to 2025-07-09 · 3 undated")
    assert [h for h in doc.headings if h[0] <= 2] == [
        (1, "Briefing: seeds"), (2, "Key points"), (2, "Who said what"), (2, "Figures"), (2, "Sources")]
    assert doc.html == [] and doc.links == [] and doc.code == 0 and doc.images == 0


def test_seeds_each_quote_once_citing_its_sources_and_no_scare_quotes(seeds):
    ws, text = seeds
    doc = parse(text)
    items = quote_items(doc)
    number = {s.id: n for n, s in enumerate(ws.sources, 1)}
    entries = [e for e in quote_entries(ws.quotes(), ws.comparison().shared_quotes) if not is_scare_quote(e)]
    for entry in entries:
        if entry.kind != "direct":
            continue
        found = [i for i in items if entry.text[:60] in i]
        assert len(found) == 1, entry.text  # once, and once only
        cited = set(re.findall(r"\[\^(\d+)\]", "".join(found) + " ".join(doc.nested.get("Who said what", []))))
        assert {str(number[s]) for s in entry.sources} <= cited
    # the key points name a quote by its first words only: each full quote is in the document once
    points = " ".join(doc.items["Key points"])
    everything = " ".join(doc.items["Who said what"] + doc.nested.get("Who said what", []))
    for entry in entries:
        if entry.kind == "direct":
            assert entry.text not in points
            assert everything.count(entry.text) == 1, entry.text
    every_quote = " ".join(doc.items["Who said what"])
    for scare in SCARE_QUOTES:
        assert f"“{scare}”" not in every_quote
    # the sections agree: the quote unattributed in one source is its speaker's everywhere
    assert "“concrete progress”" in next(i for i in doc.items["Who said what"] if "concrete progress" in i)
    assert all("Unattributed" not in h for _, h in section(doc, "Who said what"))


def test_seeds_figures_are_normalised_and_compared(seeds):
    _, text = seeds
    doc = parse(text)
    money = next(t for t in doc.tables if any("£ 700 meters" in row[1] for row in t))
    row = next(r for r in money if "£ 700 meters" in r[1])
    assert row[0].split(" (")[0] == "£700m"  # normalised (a yearly rate may follow); "as written" keeps the source's
    assert any(h.endswith("· sources disagree") for _, h in section(doc, "Figures"))


def test_pinned_export_of_the_seeds_cites_only_what_it_contains(seeds):
    ws, _ = seeds
    quote = next(q for q in ws.quotes() if q.text.startswith("We constantly talk"))
    request = ExportRequest(scope="pinned", pins=(Pin("quote", quote.source, quote.start, quote.end),))
    doc = parse(export_workspace(ws, request, generated=GENERATED, version="t"))
    assert doc.meta["sources"] == 1
    assert footnotes(doc.body) == ({"1"}, ["1"])
    assert quote_items(doc) == [f"“{quote.text}”[^1]"]
    check_counts(doc)


def test_query_export_of_the_seeds_bolds_the_hits(seeds):
    ws, _ = seeds
    doc = parse(export_workspace(ws, ExportRequest(scope="query", query="visas"), generated=GENERATED, version="t"))
    hits = ws.search("visas", limit=export.SEARCH_LIMIT).hits
    assert doc.meta["sources"] == len({h.source for h in hits}) > 0
    labels = {"Sources disagree", "Sources agree", "A timeline", "Near-duplicates", "Keir Starmer",
              "Downing Street spokesperson", "Chris Philp", "Emmanuel Macron", "John Healey", "The Times",
              "Home Office sources"}  # key points and "Also quoted" lines bold the speaker
    differences = {"we are"}  # a variant's words that differ from the main wording
    assert {s.casefold() for s in doc.strong if s not in labels} - differences == {"visas"}
    check_counts(doc)


def test_export_modules_stay_free_of_the_ui():
    import sys

    code = ("import sys, briefing.export, briefing.briefing_model, briefing.quote_entries, briefing.export_markdown, "
            "briefing.markdown_escape; print('textual' in sys.modules, 'rich' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert result.stdout.strip() == "False False"


# a hostile corpus, read by the renderers people open briefings with

HOSTILE_ARTICLE = """---
title: "<script>alert(1)</script> [x](javascript:y) | # ``` \\u001b]52;c;cHduZWQ=\\u0007"
outlet: "<b>Outlet</b> [@click=app.quit]x[/]"
url: "javascript:alert(1)"
author: "[bold]Author[/] ![i](http://x/i.png)"
date: 2025-06-18
---
The minister spoke about the plan on Monday in London.

“<script>alert('x')</script> [click](javascript:alert(1)) and [@click=app.quit]quit[/] is the plan,” said Jane Smith.

“We will ```not``` put | pipes | in ~~tables~~ and $x^2$ [^1] here,” Jane Smith added.

Ms Smith said the cost was £500m, “a [bold]fair[/bold] price”.
"""


@pytest.fixture(scope="module")
def hostile_export(tmp_path_factory):
    import sys

    sys.path.insert(0, str(REPO / "tests" / "data"))
    try:
        from make_hostile import ESC, MARKUP, TERMINAL_ATTACKS, write
    finally:
        sys.path.pop(0)
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    written = write(root)
    (root / "ten-megabytes.txt").unlink()  # reading it is another test's business; here it costs seconds
    (root / "attacks.md").write_text(
        HOSTILE_ARTICLE + f"\n“{TERMINAL_ATTACKS} and {MARKUP} were said,” said Jane Smith.\n", encoding="utf-8")
    ws = workspace(root, tmp_path_factory.mktemp("hindex"))
    try:
        text = export_workspace(ws, ExportRequest(), generated=GENERATED, version="t")
    finally:
        if written.unreadable is not None:
            written.unreadable.chmod(0o644)
    return text, ESC


def test_hostile_corpus_export_is_inert_markdown(hostile_export):
    text, esc = hostile_export
    assert esc not in text and "\x07" not in text and "\x9b" not in text
    doc = parse(text)
    check_counts(doc)
    assert doc.html == [] and doc.code == 0 and doc.images == 0
    assert [h for h in doc.links if not h.startswith("#")] == []
    assert any("Jane Smith" in h for _, h in section(doc, "Who said what"))


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc not installed (CI installs it)")
@pytest.mark.parametrize("reader", ["markdown", "gfm"])
def test_pandoc_reads_the_hostile_corpus_export_as_text(hostile_export, reader):
    text, _ = hostile_export
    result = subprocess.run(["pandoc", "-f", reader, "-t", "html", "--metadata", "pagetitle=t"],
                            input=text, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    html = result.stdout
    for tag in ("<script", "<img", "<b>", "<code", "<pre", "<del", "<span class=\"math"):
        assert tag not in html, tag
    hrefs = set(re.findall(r'href="([^"]*)"', html))
    assert all(h.startswith("#") for h in hrefs), hrefs


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc not installed (CI installs it)")
def test_pandoc_reads_the_seeds_export(seeds):
    _, text = seeds
    result = subprocess.run(["pandoc", "-f", "gfm", "-t", "html"], input=text, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("<table") == parse(text).meta["figure_tables"] > 0
    notes = re.findall(r'role="doc-endnote">(.*?)</li>', result.stdout, re.S)
    distinct = {" ".join(re.sub(r'<a\s+href="#fnref[^>]*>.*?</a>', "", n, flags=re.S).split()) for n in notes}
    assert len(distinct) == 5


def rich_render(text: str) -> str:
    from rich.console import Console
    from rich.markdown import Markdown

    body = text.split("\n---\n", 1)[1]
    out = io.StringIO()
    Console(file=out, force_terminal=True, color_system="truecolor", width=100).print(Markdown(body))
    return out.getvalue()


@pytest.mark.parametrize("which", ["seeds", "hostile"])
def test_rich_renders_the_export_with_nothing_but_colours(which, seeds, hostile_export):
    text = seeds[1] if which == "seeds" else hostile_export[0]
    rendered = rich_render(text)
    sequences = re.findall(r"\x1b(\[[0-9;]*[A-Za-z]|\].*?(?:\x1b\\|\x07)|.)", rendered)
    # Rich may link the table of contents' own anchors (OSC 8); nothing else but colour (SGR)
    others = [s for s in sequences if not re.fullmatch(r"\[[0-9;]*m", s) and not s.startswith("]8;")]
    assert others == []
    assert all(re.fullmatch(r"\]8;[^;]*;(#[a-z-]*)?(\x1b\\|\x07)", s) for s in sequences if s.startswith("]8;"))
    assert "\x07" not in re.sub(r"\x1b\]8;[^\x07]*\x07", "", rendered)
    if which == "hostile":
        plain = re.sub(r"\x1b(\[[0-9;]*m|\]8;[^\x1b\x07]*(\x1b\\|\x07))", "", rendered)
        assert "[@click=app.quit]quit[/]" in plain  # Rich markup in an article stays text


def test_cli_full_flag_lifts_the_caps(tmp_path):
    from tests.conftest import run_cli

    proc = run_cli("export", "--full", "-o", "-", "--corpus", str(REPO / "seeds"), "--index", str(tmp_path / "i"))
    assert proc.returncode == 0, proc.stderr
    doc = parse(proc.stdout)
    assert doc.meta["full"] is True and doc.meta["scope"] == "all"
    check_counts(doc)


def test_front_matter_of_one_day_names_the_date_twice_without_yaml_aliases(seeds):
    """A briefing whose sources share one date wrote `from: &id001 2025-07-10` and `to: *id001`."""
    ws, _ = seeds
    text = export_workspace(ws, ExportRequest(scope="sources", source_ids=("001_6ee91b2b8eb3983b",)),
                            generated=GENERATED, version="golden")
    front = text.split("---\n")[1]
    assert "&id" not in front and "*id" not in front
    meta = yaml.safe_load(front)
    assert meta["from"] == meta["to"] == date(2025, 7, 9)
