"""Markdown export: structure, escaping, scopes, and writing the file atomically.

Every export is read back with markdown-it-py (CommonMark plus tables) and its
front matter with yaml.safe_load; the assertions are about what a reader's
viewer would show, not about the exact bytes (the golden test pins those).
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import subprocess
import tempfile
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from export_mdcheck import footnotes, parse, section

from briefing import export
from briefing.export import (
    ExportError,
    ExportExistsError,
    ExportRequest,
    default_filename,
    render_briefing,
    write_export,
)
from briefing.models import (
    Comparison,
    Figure,
    FigureGroup,
    Fragment,
    Pin,
    Quote,
    SearchHit,
    SharedQuote,
    Source,
)

GENERATED = datetime(2026, 11, 22, 20, 15, 30, 123456, tzinfo=UTC)

HOSTILE = [
    "<script>alert('x')</script> and <b>bold</b> <!-- comment -->",
    "# Not a heading",
    "> not a quote",
    "- not a list",
    "1. not a list either",
    "2) nor this",
    "+ nor this",
    "---",
    "===",
    "***",
    "```python",
    "| a | b |",
    "Use `rm -rf /` and ``double`` ticks",
    "[click](javascript:alert(1)) and ![img](http://x/y.png) and <http://evil.example>",
    "[ref]: http://evil.example",
    "&amp; &#65; &copy; entities",
    "**not bold** __nor this__ ~~nor struck~~ $x^2$ {#id} @someone [^1]",
    "    four spaces of code",
    "Ends with a backslash \\",
    "Bare links: http://x.example (https://y.example) www.z.example mail a@b.example",
]


# building records by hand


def make_source(
    sid: str,
    title: str,
    paragraphs: list[str],
    *,
    when: date | None = None,
    outlet: str | None = None,
    url: str | None = None,
    folder: Path = Path("/corpus/news"),
) -> Source:
    body = "\n\n".join(paragraphs)
    spans, pos = [], 0
    for p in paragraphs:
        spans.append((pos, pos + len(p)))
        pos += len(p) + 2
    return Source(
        id=sid,
        path=folder / f"{sid}.txt",
        title=title,
        body=body,
        paragraphs=tuple(spans),
        content_hash=sid,
        date=when,
        outlet=outlet,
        url=url,
    )


def make_quote(source: Source, text: str, speaker: str | None, *, as_written: str | None = None) -> Quote:
    start = source.body.index(text)
    return Quote(source.id, text, start, start + len(text), "direct", speaker, as_written or speaker)


def make_figure(source: Source, text: str, value: float, measure: str, kind: str = "count") -> Figure:
    start = source.body.index(text)
    return Figure(source.id, text, value, None, kind, "", start, start + len(text), measure=measure)


@pytest.fixture
def world():
    a = make_source(
        "a",
        "Leaders agree to work closely",
        [
            "Leaders agreed to work closely on crossings, a spokesman said.",
            "“It is a serious challenge,” the prime minister said.",
            "More than 1,500 people crossed last week, and the total is 16,000.",
            "“We will act.\n“We will act now,” said the minister.",
        ],
        when=date(2025, 6, 18),
        outlet="BBC News",
        url="https://www.bbc.co.uk/news/a",
    )
    b = make_source(
        "b",
        "Talks on a returns deal",
        [
            "The pair met for talks on a deal.",
            "“It is a serious challenge,” he added, echoing earlier remarks.",
            "About 20,000 people have crossed so far.",
        ],
        when=None,
    )
    c = make_source("c", "An unrelated story", ["Nothing to see here, said nobody."], when=date(2025, 7, 1))
    quotes = [
        make_quote(a, "It is a serious challenge,", "Keir Starmer", as_written="the prime minister"),
        make_quote(a, "We will act.\n“We will act now,", "Yvette Cooper", as_written="the minister"),
        make_quote(b, "It is a serious challenge,", "Keir Starmer", as_written="he"),
    ]
    figures = [
        make_figure(a, "1,500", 1500, "people crossed last week"),
        make_figure(a, "16,000", 16000, "crossings so far this year"),
        make_figure(b, "20,000", 20000, "crossings so far this year"),
    ]
    comparison = Comparison(
        shared_quotes=[SharedQuote("It is a serious challenge,", "Keir Starmer", (quotes[0], quotes[2]))],
        figure_groups=[
            FigureGroup("crossings so far this year", "count", None, (figures[1], figures[2]), disputed=True)
        ],
    )
    return {"sources": [a, b, c], "quotes": quotes, "figures": figures, "comparison": comparison}


def render(world, request: ExportRequest | None = None, **kw) -> str:
    args = {
        "corpus_name": "news",
        "generated": GENERATED,
        "version": "9.9.9",
        "request": request or ExportRequest(),
        "base": Path("/corpus/news"),
        **world,
        **kw,
    }
    return render_briefing(**args)


def no_structure_from_articles(doc) -> None:
    assert doc.html == [], [t.content for t in doc.html]
    assert doc.images == 0
    assert doc.code == 0
    assert all(href.startswith("https://") for href in doc.links), doc.links


# the document


def test_front_matter_has_the_expected_keys_and_values(world):
    doc = parse(render(world))
    assert list(doc.meta) == ["title", "generated", "corpus", "sources", "scope", "tool", "version"]
    assert doc.meta["title"] == "Briefing: news"
    assert doc.meta["generated"] == GENERATED.replace(microsecond=0)
    assert doc.meta["corpus"] == "news"
    assert doc.meta["sources"] == 3
    assert doc.meta["scope"] == "all"
    assert (doc.meta["tool"], doc.meta["version"]) == ("briefing", "9.9.9")


@pytest.mark.parametrize(
    "title",
    [
        'A "quoted": title',
        "Breaking: --- news",
        "---\ntitle: injected\n---",
        "# hash and 'single' quotes",
        "...\nevil: true",
        "key: value\n- item",
        "tab\there, nel\x85and\u2028line separators",
        "{flow: mapping}",
        "[a, b]",
        "&anchor *alias !!python/object:os.system",
        "",
    ],
)
def test_titles_cannot_break_out_of_the_front_matter(world, title):
    text = render(world, ExportRequest(title=title))
    doc = parse(text)
    expected = " ".join(title.replace("\x85", " ").replace("\u2028", " ").split()) or "Briefing: news"
    assert doc.meta["title"] == expected
    assert set(doc.meta) == {"title", "generated", "corpus", "sources", "scope", "tool", "version"}
    assert doc.headings[0] == (1, expected)
    front = text.split("\n---\n", 1)[0].splitlines()[1:]
    assert all(line.split(":", 1)[0] in doc.meta for line in front), front


def test_all_scope_has_the_sections_quotes_rows_and_footnotes(world):
    text = render(world)
    doc = parse(text)
    assert [h for h in doc.headings if h[0] <= 2] == [
        (1, "Briefing: news"),
        (2, "At a glance"),
        (2, "Who said what"),
        (2, "Sources"),
    ]
    assert section(doc, "Who said what") == [(3, "Keir Starmer"), (3, "Yvette Cooper")]
    assert section(doc, "Sources") == [
        (3, "Leaders agree to work closely"),
        (3, "Talks on a returns deal"),
        (3, "An unrelated story"),
    ]
    # the shared quote appears once: two blockquotes for three quote records
    assert len(doc.blockquotes) == 2
    table = doc.tables[0]
    assert table[0] == ["Figure", "What it measures", "Source", "Date"]
    # each source's first figure, then each one's second: an overview, not the first article alone
    assert [row[0] for row in table[1:]] == ["1,500", "20,000", "16,000"]
    assert [row[3] for row in table[1:]] == ["2025-06-18", "undated", "2025-06-18"]
    no_structure_from_articles(doc)
    # one footnote definition per source, pointing at the URL or the path under the corpus
    notes = [line for line in text.splitlines() if line.startswith("[^")]
    assert len(notes) == 3
    assert footnotes(doc.body) == ({"1", "2", "3"}, ["1", "2", "3"])
    # plain CommonMark shows the definitions as text, not as link reference definitions
    assert any(p.startswith("[^1]: “Leaders agree to work closely”, BBC News, 2025-06-18.") for p in doc.paragraphs)
    assert notes[0].endswith("<https://www.bbc.co.uk/news/a>")
    assert notes[1].endswith("news/b.txt")
    assert "undated" in notes[1]


def test_multi_paragraph_quote_keeps_its_paragraphs_inside_one_blockquote(world):
    text = render(world)
    doc = parse(text)
    assert ["We will act.", "We will act now,"] in doc.blockquotes
    block = text[text.index("> We will act.") :].split("\n\n", 1)[0]
    assert block.splitlines() == ["> We will act.", ">", "> We will act now,"]
    attribution = next(p for p in doc.paragraphs if p.startswith("— Yvette Cooper"))
    assert "as “the minister”" in attribution


def test_quote_in_several_sources_is_cited_once_with_all_of_them(world):
    doc = parse(render(world))
    assert doc.blockquotes.count(["It is a serious challenge,"]) == 1
    attribution = next(p for p in doc.paragraphs if p.startswith("— Keir Starmer"))
    assert "quoted in 2 sources" in attribution
    assert "[^1]" in attribution and "[^2]" in attribution


def test_identical_words_merge_even_without_a_comparison(world):
    doc = parse(render(world, comparison=Comparison()))
    assert doc.blockquotes.count(["It is a serious challenge,"]) == 1


def test_disputed_figures_are_flagged_with_the_sources_on_each_side(world):
    doc = parse(render(world))
    rows = {row[0]: row for row in doc.tables[0][1:]}
    assert "disputed" in rows["16,000"][1]
    assert "disputed" in rows["20,000"][1]
    assert "disputed" not in rows["1,500"][1]
    dispute = next(item for item in doc.list_items if item.startswith("crossings so far this year"))
    assert "16,000 in “Leaders agree to work closely”" in dispute
    assert "20,000 in “Talks on a returns deal”" in dispute


def test_hostile_article_text_stays_text(world):
    hostile = make_source(
        "evil",
        "<img src=x onerror=alert(1)> # | title `x` [y](javascript:z)",
        HOSTILE,
        outlet="<b>Outlet</b> | [x](javascript:y)",
        url="javascript:alert(1)",
    )
    quote = make_quote(hostile, HOSTILE[0], "<i>Speaker</i> # [x](y)")
    figure = Figure("evil", "| 5 |", 5, None, "count", "", 0, 1, measure="<td>cells</td> | more")
    doc = parse(
        render(
            world,
            sources=[hostile],
            quotes=[quote],
            figures=[figure],
            comparison=Comparison(),
        )
    )
    no_structure_from_articles(doc)
    assert doc.links == []
    assert [h for h in doc.headings if h[0] <= 2] == [
        (1, "Briefing: news"),
        (2, "At a glance"),
        (2, "Who said what"),
        (2, "Sources"),
    ]
    assert section(doc, "Who said what") == [(3, "<i>Speaker</i> # [x](y)")]
    assert section(doc, "Sources") == [(3, hostile.title)]
    # the lead paragraph reads exactly as written; the rest of the body is not exported
    assert hostile.lead in doc.paragraphs
    assert doc.blockquotes == [[HOSTILE[0]]]
    assert doc.tables[0][1][:2] == ["| 5 |", "| 5 | <td>cells</td> | more"]
    assert len(doc.tables[0]) == 2  # the pipes did not add rows or cells
    assert len(doc.tables[0][1]) == 4
    assert any("javascript:alert(1)" in line for line in doc.body.splitlines() if line.startswith("[^"))


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc not installed (a second, independent reader)")
@pytest.mark.parametrize("reader", ["markdown", "gfm"])
def test_pandoc_reads_the_hostile_export_as_text(world, reader):
    hostile = make_source("evil", "<img src=x onerror=alert(1)> [y](javascript:z)", HOSTILE, url="javascript:alert(1)")
    text = render(
        world,
        ExportRequest(title='T: "x" --- #y\n---\nevil: 1'),
        sources=[hostile, *world["sources"]],
        quotes=[make_quote(hostile, HOSTILE[0], "<i>Speaker</i>"), *world["quotes"]],
        figures=[Figure("evil", "| 5 |", 5, None, "count", "", 0, 1, measure="<td>x</td> | y"), *world["figures"]],
    )
    result = subprocess.run(
        ["pandoc", "-f", reader, "-t", "html", "--metadata", "pagetitle=t"],
        input=text, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr  # pandoc refuses invalid YAML metadata loudly
    html, _, notes = result.stdout.partition('<section class="footnotes')
    # pandoc repeats a note at each reference; the distinct notes are one per source
    items = re.findall(r'role="doc-endnote">(.*?)</li>', notes, re.S)
    distinct = {re.sub(r'<a\s+href="#fnref[^>]*>.*?</a>', "", item, flags=re.S) for item in items}
    assert len(distinct) == 4, distinct
    for tag in ("<script", "<img", "<i>", "<b>", "<code", "<pre", "<ol", "<hr", "<td>x"):
        assert tag not in html, tag
    assert set(re.findall(r'href="(?!#fn)([^"]*)"', html + notes)) == {"https://www.bbc.co.uk/news/a"}
    assert html.count("<blockquote") == 3
    assert html.count("<table") == 1
    assert (html.count("<tr"), html.count("<td")) == (5, 16)  # header and 4 rows of 4 cells: pipes stayed text
    assert re.findall(r"<h2[^>]*>(.*?)</h2>", html) == ["At a glance", "Who said what", "Sources"]


@pytest.mark.parametrize("line", HOSTILE)
def test_each_hostile_line_reads_back_verbatim_as_a_lead_paragraph(line):
    source = make_source("s", "T", [line])
    doc = parse(render_briefing(corpus_name="c", sources=[source], quotes=[], figures=[],
                                generated=GENERATED, version="1"))
    assert " ".join(line.split()) in doc.paragraphs
    no_structure_from_articles(doc)
    assert [h for h in doc.headings if h[0] <= 2] == [(1, "Briefing: c"), (2, "Sources")]


def test_query_scope_lists_matching_fragments_with_hits_in_bold(world):
    a = world["sources"][0]
    fragment_text = "More than 1,500 people crossed last week, and the total is 16,000."
    start = a.body.index(fragment_text)
    hit = SearchHit(
        "a",
        a.title,
        a.date,
        1.0,
        "article",
        (Fragment(fragment_text, start, ((10, 15), (16, 22))),),
        ((start + 10, start + 15),),
    )
    doc = parse(render(world, ExportRequest(scope="query", query="people [x]"), hits=[hit]))
    assert doc.meta["scope"] == "query"
    assert doc.meta["query"] == "people [x]"
    assert doc.meta["sources"] == 1
    assert doc.headings[0] == (1, "Briefing: news — people [x]")
    assert (2, "Matches for “people [x]”") in doc.headings
    assert doc.strong.count("1,500") == 1 and doc.strong.count("people") == 1
    assert fragment_text in doc.list_items
    assert section(doc, "Sources") == [(3, "Leaders agree to work closely")]
    # only quotes from matching sources
    assert len(doc.blockquotes) == 2


def test_query_without_hits_says_so(world):
    doc = parse(render(world, ExportRequest(scope="query", query="zebra"), hits=[]))
    assert doc.meta["sources"] == 0
    assert any("Nothing in the corpus matches “zebra”" in p for p in doc.paragraphs)
    assert [h[1] for h in doc.headings] == ["Briefing: news — zebra"]


def test_pinned_scope_keeps_only_the_pins_in_pin_order(world):
    q_starmer, q_cooper, _ = world["quotes"]
    f1500, _, f20000 = world["figures"]
    pins = (
        Pin("figure", "b", f20000.start, f20000.end),
        Pin("quote", "a", q_cooper.start, q_cooper.end),
        Pin("source", "b"),
        Pin("figure", "a", f1500.start, f1500.end),
        Pin("quote", "a", q_starmer.start, q_starmer.end),
        Pin("quote", "a", 9999, 10000),  # no longer there
    )
    doc = parse(render(world, ExportRequest(scope="pinned", pins=pins)))
    assert doc.meta["scope"] == "pinned" and doc.meta["pins"] == 6
    assert [row[0] for row in doc.tables[0][1:]] == ["20,000", "1,500"]
    assert section(doc, "Who said what") == [(3, "Yvette Cooper"), (3, "Keir Starmer")]
    assert section(doc, "Sources") == [(3, "Talks on a returns deal")]
    assert any("1 pinned item could not be found" in p for p in doc.paragraphs)


def test_nothing_pinned(world):
    doc = parse(render(world, ExportRequest(scope="pinned")))
    assert [h[1] for h in doc.headings] == ["Briefing: news"]
    assert "Nothing is pinned." in doc.paragraphs


def test_sources_scope_in_the_given_order_and_unknown_ids_refused(world):
    doc = parse(render(world, ExportRequest(scope="sources", source_ids=("c", "a"))))
    assert section(doc, "Sources") == [(3, "An unrelated story"), (3, "Leaders agree to work closely")]
    assert doc.meta["source_ids"] == ["c", "a"]
    with pytest.raises(ExportError, match="unknown source id: nope"):
        render(world, ExportRequest(scope="sources", source_ids=("a", "nope")))


def test_requests_are_checked():
    with pytest.raises(ExportError):
        ExportRequest(scope="query", query="  ")
    with pytest.raises(ExportError):
        ExportRequest(scope="sources")
    with pytest.raises(ExportError):
        ExportRequest(scope="everything")  # type: ignore[arg-type]


def test_ranking_and_description_hooks_are_used(world):
    doc = parse(
        render(
            world,
            key_figures=lambda figs, limit: sorted(figs, key=lambda f: -f.value)[:limit],
            describe=lambda f: f"described {f.text}",
        )
    )
    assert [row[0] for row in doc.tables[0][1:]] == ["16,000", "20,000", "1,500"]
    assert doc.tables[0][1][1].startswith("described 16,000")


# file names


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("seeds", "briefing-seeds-2026-11-22.md"),
        ("My News/../x", "briefing-My-News-..-x-2026-11-22.md"),
        ("Éditions du Soir", "briefing-Editions-du-Soir-2026-11-22.md"),
        ("..", "briefing-corpus-2026-11-22.md"),
        ("\x1b[31mred", "briefing-31mred-2026-11-22.md"),
        ("新闻", "briefing-corpus-2026-11-22.md"),
    ],
)
def test_default_filename_is_safe(name, expected):
    result = default_filename(name, date(2026, 11, 22))
    assert result == expected
    assert "/" not in result and not result.startswith(".")


# writing


def leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def test_write_creates_the_file_with_ordinary_permissions(tmp_path):
    target = tmp_path / "out.md"
    old = os.umask(0o022)
    try:
        assert write_export(target, "# hello\n", force=False) == target
    finally:
        os.umask(old)
    assert target.read_text(encoding="utf-8") == "# hello\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert leftovers(tmp_path, {"out.md"}) == []


def test_existing_file_is_replaced_only_with_force(tmp_path):
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    with pytest.raises(ExportExistsError, match="already exists") as caught:
        write_export(target, "new", force=False)
    assert "\n" not in str(caught.value) and str(target) in str(caught.value)
    assert target.read_text(encoding="utf-8") == "old"
    write_export(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # replacing keeps the file's mode
    assert leftovers(tmp_path, {"out.md"}) == []


def test_a_folder_is_not_a_file(tmp_path):
    with pytest.raises(ExportError, match="it is a folder"):
        write_export(tmp_path, "x", force=True)


@contextmanager
def unprivileged():
    """As root, file permissions are not checked: act as nobody for the duration."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(65534)
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.fixture
def read_only_dir():
    folder = Path(tempfile.mkdtemp(prefix="export-ro-"))
    (folder / "out.md").write_text("precious", encoding="utf-8")
    folder.chmod(0o555)
    try:
        yield folder
    finally:
        folder.chmod(0o755)
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()


@pytest.mark.parametrize("name", ["new.md", "out.md"])
def test_read_only_folder_gives_one_line_and_leaves_nothing(read_only_dir, name):
    target = read_only_dir / name
    with unprivileged(), pytest.raises(ExportError) as caught:
        write_export(target, "text", force=True)
    message = str(caught.value)
    assert message.startswith(f"cannot write {target}:") and "\n" not in message
    assert "denied" in message.lower()
    assert leftovers(read_only_dir, set()) == ["out.md"]
    assert (read_only_dir / "out.md").read_text(encoding="utf-8") == "precious"


def test_missing_folder_and_file_as_folder(tmp_path):
    with pytest.raises(ExportError, match=r"cannot write .*missing/out\.md"):
        write_export(tmp_path / "missing" / "out.md", "x", force=False)
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(ExportError, match="cannot write"):
        write_export(tmp_path / "file" / "out.md", "x", force=False)
    assert leftovers(tmp_path, {"file"}) == []


@pytest.mark.parametrize("force", [True, False])
def test_full_disk_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch, force):
    target = tmp_path / "out.md"
    if force:
        target.write_text("old", encoding="utf-8")

    def full(fd):  # the one edge a test cannot make real: a disk filling up mid-write
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(export.os, "fsync", full)
    with pytest.raises(ExportError, match=r"cannot write .*out\.md: the disk is full"):
        write_export(target, "new " * 1000, force=force)
    assert leftovers(tmp_path, {"out.md"}) == []
    if force:
        assert target.read_text(encoding="utf-8") == "old"
    else:
        assert not target.exists()


def test_a_file_appearing_meanwhile_is_not_replaced(tmp_path, monkeypatch):
    """Without force, publishing never replaces a file created after the existence check."""
    target = tmp_path / "out.md"
    real_fsync = os.fsync

    def racing_fsync(fd):
        real_fsync(fd)
        if not target.exists():
            target.write_text("theirs", encoding="utf-8")

    monkeypatch.setattr(export.os, "fsync", racing_fsync)
    with pytest.raises(ExportExistsError):
        write_export(target, "mine", force=False)
    assert target.read_text(encoding="utf-8") == "theirs"
    assert leftovers(tmp_path, {"out.md"}) == []


# the seeds, through the real extraction, comparison and search


REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "data" / "golden" / "seeds-all.md"
UPDATE_GOLDEN = "BRIEFING_UPDATE_GOLDEN"


def seeds_workspace(corpus: Path, index: Path):
    from briefing.workspace import Workspace

    return Workspace.open(corpus, index)


def test_golden_export_of_the_seeds(index_dir):
    """The whole export of the seeds, byte for byte. After a deliberate change to extraction or
    layout, regenerate with BRIEFING_UPDATE_GOLDEN=1 and review the diff."""
    from briefing.export import export_workspace
    from briefing.figure_summary import key_figures

    ws = seeds_workspace(REPO / "seeds", index_dir)
    text = export_workspace(ws, ExportRequest(), generated=GENERATED, version="golden")
    if os.environ.get(UPDATE_GOLDEN):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.is_file(), f"no golden file; create it with {UPDATE_GOLDEN}=1"
    assert text == GOLDEN.read_text(encoding="utf-8"), f"export changed; if intended, rerun with {UPDATE_GOLDEN}=1"

    doc = parse(text)
    assert doc.meta["corpus"] == "seeds" and doc.meta["sources"] == 5
    assert [h for h in doc.headings if h[0] <= 2] == [
        (1, "Briefing: seeds"),
        (2, "At a glance"),
        (2, "Who said what"),
        (2, "Sources"),
    ]
    assert [t for _, t in section(doc, "Sources")] == [s.title for s in ws.sources]
    rows = doc.tables[0][1:]
    assert len(rows) == min(export.TABLE_FIGURES, len(key_figures(ws.figures())))
    assert len({row[2] for row in rows}) == 5  # every seed has a figure in the overview
    quotes = ws.quotes()
    # every quote is shown once, a quote found in several sources only once
    assert 0 < len(doc.blockquotes) <= len(quotes)
    attributions = [p for p in doc.paragraphs if p.startswith("— ")]
    assert len(attributions) == len(doc.blockquotes)
    assert any("quoted in 2 sources" in a for a in attributions)
    no_structure_from_articles(doc)
    refs, defs = footnotes(doc.body)
    assert refs == set(defs) and len(defs) == 5
    assert doc.links == []  # the seeds have no URLs: footnotes give their paths
    assert [line.split(". ")[-1] for line in text.splitlines() if line.startswith("[^")] == [
        "seeds/" + s.path.name.replace("_", "\\_") for s in ws.sources
    ]


def test_query_export_of_the_seeds_bolds_the_hits(seeds_copy, index_dir):
    from briefing.export import export_workspace

    ws = seeds_workspace(seeds_copy, index_dir)
    text = export_workspace(ws, ExportRequest(scope="query", query="visas"), generated=GENERATED)
    doc = parse(text)
    assert doc.meta["query"] == "visas" and doc.meta["scope"] == "query"
    hits = ws.search("visas", limit=export.SEARCH_LIMIT).hits
    assert doc.meta["sources"] == len({h.source for h in hits}) > 0
    assert (2, "Matches for “visas”") in doc.headings
    labels = {"disputed", "Disputed figures", "Key figures", "Quotes"}  # the export's own bold words
    hit_words = [s for s in doc.strong if s not in labels]
    assert hit_words and {s.casefold() for s in hit_words} == {"visas"}
    expected_fragments = sum(len(h.fragments) for h in hits)
    matches = [item for item in doc.list_items if "visas" in item.casefold()]
    assert len(matches) >= expected_fragments
    assert [t for _, t in section(doc, "Sources")] == [ws.source(sid).title for sid in
                                                       dict.fromkeys(h.source for h in hits)]


def test_export_modules_stay_free_of_the_ui():
    import subprocess
    import sys

    code = "import sys, briefing.export, briefing.markdown_escape; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert result.stdout.strip() == "False"


def test_front_matter_names_only_the_scope_exported(world):
    """The app passes the search box's query along with every scope; only scope "query" uses it."""
    doc = parse(render(world, ExportRequest(scope="all", query="visas", source_ids=("a",))))
    assert doc.meta["scope"] == "all" and "query" not in doc.meta and "source_ids" not in doc.meta
    assert doc.meta["sources"] == 3
