"""The exported document from hand-built records: sections, each quote once, citations, escaping.

Every export is read back with markdown-it-py (CommonMark plus tables, and footnotes where
citations are checked) and its front matter with yaml.safe_load; the assertions are about
what a reader's viewer shows. The seeds' golden file and the renderers are in
test_export_seeds.py; writing files in test_export_write.py.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from export_mdcheck import check_counts, footnotes, parse, quote_items, section

from briefing import briefing_model as model
from briefing.export import ExportError, ExportRequest, render_briefing
from briefing.models import (
    Comparison,
    Figure,
    FigureGroup,
    Fragment,
    NearDuplicate,
    Pin,
    Quote,
    SearchHit,
    SharedQuote,
    Source,
)

GENERATED = datetime(2026, 11, 22, 20, 15, 30, 123456, tzinfo=UTC)
SECTIONS = ["Key points", "Who said what", "Figures", "Sources"]
META_KEYS = ["title", "generated", "corpus", "scope", "sources", "undated", "speakers", "quotes", "figure_tables",
             "from", "to", "outlets", "full", "tool", "version"]

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


def make_source(sid: str, title: str, paragraphs: list[str], *, when: date | None = None, outlet: str | None = None,
                url: str | None = None, author: str | None = None, folder: Path = Path("/corpus/news")) -> Source:
    body = "\n\n".join(paragraphs)
    spans, pos = [], 0
    for p in paragraphs:
        spans.append((pos, pos + len(p)))
        pos += len(p) + 2
    return Source(id=sid, path=folder / f"{sid}.txt", title=title, body=body, paragraphs=tuple(spans),
                  content_hash=sid, date=when, outlet=outlet, url=url, author=author)


def make_quote(source: Source, text: str, speaker: str | None, *, as_written: str | None = None,
               kind: str = "direct", speaker_kind: str | None = None) -> Quote:
    start = source.body.index(text)
    return Quote(source.id, text, start, start + len(text), kind, speaker, as_written or speaker,  # type: ignore[arg-type]
                 speaker_kind)  # type: ignore[arg-type]


def make_figure(source: Source, text: str, value: float, measure: str, kind: str = "count",
                unit: str | None = None) -> Figure:
    start = source.body.index(text)
    return Figure(source.id, text, value, unit, kind, "", start, start + len(text), measure=measure)  # type: ignore[arg-type]


def disputed_group(topic: str, figures: tuple[Figure, ...]) -> FigureGroup:
    """A group the analysis found the sources disagree on."""
    return FigureGroup(topic, "count", None, figures, disputed=True, status="disagree")


@pytest.fixture
def world():
    a = make_source(
        "a", "Leaders agree to work closely",
        [
            "Leaders agreed to work closely on crossings, a spokesman said.",
            "“It is a serious challenge,” the prime minister said.",
            "More than 1,500 people crossed last week, and the total is 16,000.",
            "“We will act.\n“We will act now,” said the minister.",
            "The minister called it “safe” and spoke of a “much more transactional” approach.",
        ],
        when=date(2025, 6, 18), outlet="BBC News", url="https://www.bbc.co.uk/news/a", author="A. Writer",
    )
    b = make_source(
        "b", "Talks on a returns deal",
        [
            "The pair met for talks on a deal.",
            "“It is a serious challenge,” he added, echoing earlier remarks.",
            "About 20,000 people have crossed so far.",
        ],
    )
    c = make_source("c", "An unrelated story", ["Nothing to see here, said nobody."], when=date(2025, 7, 1))
    quotes = [
        make_quote(a, "It is a serious challenge,", "Keir Starmer", as_written="the prime minister"),
        make_quote(a, "We will act.\n“We will act now,", "Yvette Cooper", as_written="the minister"),
        make_quote(a, "safe", None, kind="partial"),
        make_quote(a, "much more transactional", "Yvette Cooper", kind="partial"),
        make_quote(b, "It is a serious challenge,", None, as_written="he"),
    ]
    figures = [
        make_figure(a, "1,500", 1500, "people crossed last week"),
        make_figure(a, "16,000", 16000, "crossings so far this year"),
        make_figure(b, "20,000", 20000, "crossings so far this year"),
    ]
    comparison = Comparison(
        duplicates=[NearDuplicate("a", "b", 0.72)],
        shared_quotes=[SharedQuote("It is a serious challenge,", "Keir Starmer", (quotes[0], quotes[4]))],
        figure_groups=[disputed_group("crossings so far this year", (figures[1], figures[2]))],
    )
    return {"sources": [a, b, c], "quotes": quotes, "figures": figures, "comparison": comparison}


def render(world, request: ExportRequest | None = None, **kw) -> str:
    args = {"corpus_name": "news", "generated": GENERATED, "version": "9.9.9", "request": request or ExportRequest(),
            "base": Path("/corpus/news"), **world, **kw}
    return render_briefing(**args)


def no_structure_from_articles(doc) -> None:
    assert doc.html == [], [t.content for t in doc.html]
    assert doc.images == 0
    assert doc.code == 0
    assert all(href.startswith(("https://", "#")) for href in doc.links), doc.links


# the document


def test_front_matter_keys_and_counts_match_the_body(world):
    doc = parse(render(world))
    assert list(doc.meta) == META_KEYS
    assert doc.meta["title"] == "Briefing: news"
    assert doc.meta["generated"] == GENERATED.replace(microsecond=0)
    assert (doc.meta["sources"], doc.meta["undated"]) == (3, 1)
    assert (doc.meta["from"], doc.meta["to"]) == (date(2025, 6, 18), date(2025, 7, 1))
    assert doc.meta["outlets"] == ["BBC News"]
    assert (doc.meta["tool"], doc.meta["version"], doc.meta["full"]) == ("briefing", "9.9.9", False)
    check_counts(doc)


def test_header_says_the_scope_in_one_line_and_what_it_was_built_from(world):
    doc = parse(render(world))
    assert doc.paragraphs[0] == "3 sources · 2025-06-18 to 2025-07-01 · 1 undated · outlets: BBC News"
    assert doc.paragraphs[1] == "Built from all sources of the corpus “news”."
    assert doc.paragraphs[2] == "3 quotes by 2 speakers · 2 figure tables"


@pytest.mark.parametrize(
    "title",
    ['A "quoted": title', "Breaking: --- news", "---\ntitle: injected\n---", "# hash and 'single' quotes",
     "...\nevil: true", "key: value\n- item", "tab\there, nel\x85and\u2028line separators", "{flow: mapping}",
     "[a, b]", "&anchor *alias !!python/object:os.system", ""],
)
def test_titles_cannot_break_out_of_the_front_matter(world, title):
    text = render(world, ExportRequest(title=title))
    doc = parse(text)
    expected = " ".join(title.replace("\x85", " ").replace("\u2028", " ").split()) or "Briefing: news"
    assert doc.meta["title"] == expected
    assert list(doc.meta) == META_KEYS
    assert doc.headings[0] == (1, expected)
    front = text.split("\n---\n", 1)[0].splitlines()[1:]
    assert all(line.startswith("- ") or line.split(":", 1)[0] in doc.meta for line in front), front


def test_sections_in_order(world):
    doc = parse(render(world))
    assert [h for h in doc.headings if h[0] <= 2] == [(1, "Briefing: news"), *((2, s) for s in SECTIONS)]
    assert section(doc, "Who said what") == [(3, "Yvette Cooper · 2 quotes, 1 source"),
                                             (3, "Keir Starmer · 1 quote, 2 sources")]
    no_structure_from_articles(doc)


def test_a_quote_in_several_sources_appears_once_citing_all_under_one_speaker(world):
    doc = parse(render(world))
    starmer = [i for i in quote_items(doc) if "serious challenge" in i]
    assert starmer == ["“It is a serious challenge,”[^1][^2]"]
    # b's copy had no speaker: the entry's speaker is the one everywhere (no "Unattributed" section)
    assert all("Unattributed" not in h for _, h in section(doc, "Who said what"))
    assert sum(text.count("serious challenge") for text in doc.paragraphs) == 1


def test_multi_paragraph_quote_keeps_its_paragraphs_in_one_item(world):
    text = render(world)
    doc = parse(text)
    assert "“We will act. We will act now,”[^1]" in quote_items(doc)
    assert "- “We will act.\n\n  We will act now,”[^1]" in text


def test_scare_quotes_are_never_listed_and_phrases_stand_apart(world):
    doc = parse(render(world))
    assert not any("“safe”" in p for p in doc.paragraphs)
    assert "Phrases quoted: “much more transactional”[^1]" in doc.items["Who said what"]


def test_reworded_quote_shows_both_wordings_with_the_difference_in_bold(world):
    longer = make_source("d", "Another outlet", ["“We have done a number of returns agreements with them,” he said."])
    reworded = make_source("e", "A third outlet", ["“We did a number of returns agreements with them,” he said."])
    qd = make_quote(longer, "We have done a number of returns agreements with them,", "Keir Starmer")
    qe = make_quote(reworded, "We did a number of returns agreements with them,", "Keir Starmer")
    comparison = Comparison(shared_quotes=[SharedQuote(qd.text, "Keir Starmer", (qd, qe))])
    doc = parse(render(world, sources=[longer, reworded], quotes=[qd, qe], figures=[], comparison=comparison))
    assert quote_items(doc) == ["“We have done a number of returns agreements with them,”[^1]"]
    assert doc.nested["Who said what"] == [
        "worded differently in [^2]: “We did a number of returns agreements with them,”"]
    assert "did" in doc.strong


def test_figures_one_table_per_group_with_status_then_the_other_key_figures(world):
    doc = parse(render(world))
    assert section(doc, "Figures") == [(3, "crossings so far this year · sources disagree"), (3, "Other key figures")]
    group, other = doc.tables
    assert group[0] == ["Value", "As written", "Source", "Date", "Measure"]
    assert [row[0] for row in group[1:]] == ["16,000", "20,000"]
    assert [row[3] for row in group[1:]] == ["2025-06-18", "undated"]
    assert group[1][2] == "Leaders agree to work closely[^1]"
    assert [row[0] for row in other[1:]] == ["1,500"]
    point = next(i for i in doc.items["Key points"] if i.startswith("Sources disagree"))
    assert point == "Sources disagree on crossings so far this year: 16,000[^1] → 20,000[^2]"


def test_key_points_name_the_most_quoted_and_the_near_duplicates(world):
    doc = parse(render(world))
    points = doc.items["Key points"]
    assert "Yvette Cooper: 2 quotes in 1 source, notably “We will act…”[^1]" in points
    assert "Near-duplicates: “Leaders agree to work closely”[^1] and “Talks on a returns deal”[^2] share 72% of " \
           "their text: one is a copy or rewrite of the other" in points


def test_sources_list_title_outlet_date_author_and_where(world):
    text = render(world)
    doc = parse(text)
    assert doc.items["Sources"] == [
        "[^1] “Leaders agree to work closely” · BBC News · 2025-06-18 · by A. Writer · https://www.bbc.co.uk/news/a",
        "[^2] “Talks on a returns deal” · undated · news/b.txt",
        "[^3] “An unrelated story” · 2025-07-01 · news/c.txt",
    ]
    assert doc.links == ["https://www.bbc.co.uk/news/a"]
    assert footnotes(doc.body) == ({"1", "2", "3"}, ["1", "2", "3"])


def test_a_title_taken_from_the_lead_is_cut_at_a_word_outside_quotation_marks():
    from briefing.titles import open_marks

    lead = ("Sir Keir Starmer said the UK would tackle illegal migration with “new tactics” and a “new level of "
            "intent” before crunch talks.")
    source = make_source("s", lead[:88], [lead])
    title, headline = model.display_title(source)
    assert not headline and len(title) <= model.TITLE_CHARS
    assert title.startswith("Sir Keir Starmer said the UK would tackle illegal migration with “new tactics”")
    assert "…" in title and open_marks(title) == []
    assert model.display_title(make_source("h", "A real headline", [lead])) == ("A real headline", True)
    short = make_source("t", "Short lead.", ["Short lead."])
    assert model.display_title(short) == ("Short lead.", False)


def test_hostile_article_text_stays_text(world):
    hostile = make_source("evil", "<img src=x onerror=alert(1)> # | title `x` [y](javascript:z)", HOSTILE,
                          outlet="<b>Outlet</b> | [x](javascript:y)", url="javascript:alert(1)")
    quote = make_quote(hostile, HOSTILE[0], "<i>Speaker</i> # [x](y)")
    figure = Figure("evil", "| 5 |", 5, None, "count", "", 0, 1, measure="<td>cells</td> | more")
    doc = parse(render(world, sources=[hostile], quotes=[quote], figures=[figure], comparison=Comparison()))
    no_structure_from_articles(doc)
    assert doc.links == []
    assert section(doc, "Who said what") == [(3, "<i>Speaker</i> # [x](y) · 1 quote, 1 source")]
    assert quote_items(doc) == [f"“{HOSTILE[0]}”[^1]"]
    row = doc.tables[0][1]
    assert row[:2] == ["5", "| 5 |"] and row[2].endswith("…[^1]") and row[3:] == ["undated", "<td>cells</td> | more"]
    assert len(doc.tables[0]) == 2 and len(doc.tables[0][1]) == 5  # the pipes did not add rows or cells
    assert doc.items["Sources"][0].endswith("javascript:alert(1)")
    check_counts(doc)


@pytest.mark.parametrize("line", HOSTILE)
def test_each_hostile_line_reads_back_verbatim_as_a_quote_and_a_title(line):
    source = make_source("s", line, ["A lead.", line])
    quote = make_quote(source, line, "Someone")
    doc = parse(render_briefing(corpus_name="c", sources=[source], quotes=[quote], figures=[],
                                generated=GENERATED, version="1"))
    flat = " ".join(line.split())
    assert quote_items(doc) == [f"“{flat}”[^1]"]
    assert doc.items["Sources"][0].startswith(f"[^1] “{flat}” · undated")
    no_structure_from_articles(doc)
    assert [h for h in doc.headings if h[0] <= 2] == [(1, "Briefing: c"), (2, "Key points"), (2, "Who said what"),
                                                      (2, "Sources")]


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc not installed (CI installs it)")
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
    html, notes = pandoc_html(text, reader)
    items = re.findall(r'role="doc-endnote">(.*?)</li>', notes, re.S)
    # pandoc repeats a note at each reference; the distinct notes are one per source
    distinct = {" ".join(re.sub(r'<a\s+href="#fnref[^>]*>.*?</a>', "", item, flags=re.S).split()) for item in items}
    assert len(distinct) == 4, distinct
    for tag in ("<script", "<img", "<i>", "<b>", "<code", "<pre", "<ol", "<hr", "<td>x"):
        assert tag not in html, tag
    assert set(re.findall(r'href="(?!#fn)([^"]*)"', html + notes)) == {"https://www.bbc.co.uk/news/a"}
    assert html.count("<table") == 2
    assert (html.count("<tr"), html.count("<td")) == (6, 20)  # 2 headers, 4 rows of 5 cells: pipes stayed text
    assert re.findall(r"<h2[^>]*>(.*?)</h2>", html) == SECTIONS


def pandoc_html(text: str, reader: str) -> tuple[str, str]:
    result = subprocess.run(["pandoc", "-f", reader, "-t", "html", "--metadata", "pagetitle=t"],
                            input=text, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr  # pandoc refuses invalid YAML metadata loudly
    html, _, notes = result.stdout.partition('<section class="footnotes')
    return html, notes


# scopes


def test_query_scope_lists_matching_fragments_with_hits_in_bold(world):
    a = world["sources"][0]
    fragment_text = "More than 1,500 people crossed last week, and the total is 16,000."
    start = a.body.index(fragment_text)
    hit = SearchHit("a", a.title, a.date, 1.0, "article", (Fragment(fragment_text, start, ((10, 15), (16, 22))),),
                    ((start + 10, start + 15),))
    doc = parse(render(world, ExportRequest(scope="query", query="people [x]"), hits=[hit]))
    assert (doc.meta["scope"], doc.meta["query"], doc.meta["sources"]) == ("query", "people [x]", 1)
    assert doc.headings[0] == (1, "Briefing: news — people [x]")
    assert (2, "Matches for “people [x]”") in doc.headings
    assert doc.strong.count("1,500") == 1 and doc.strong.count("people") == 1
    assert doc.items["Matches for “people [x]”"] == [fragment_text + "[^1]"]
    assert doc.paragraphs[1] == "Built from the search “people [x]”: 1 matching source."
    check_counts(doc)


def test_query_without_hits_says_so(world):
    doc = parse(render(world, ExportRequest(scope="query", query="zebra"), hits=[]))
    assert doc.meta["sources"] == 0
    assert "Nothing in the corpus matches this search." in doc.paragraphs
    assert [h[1] for h in doc.headings] == ["Briefing: news — zebra"]


def test_pinned_export_cites_only_what_it_contains(world):
    q_starmer, q_cooper, *_ = world["quotes"]
    f1500, _, f20000 = world["figures"]
    pins = (
        Pin("figure", "b", f20000.start, f20000.end),
        Pin("quote", "a", q_cooper.start, q_cooper.end),
        Pin("figure", "a", f1500.start, f1500.end),
        Pin("quote", "a", q_starmer.start, q_starmer.end),
        Pin("quote", "a", 9999, 10000),  # no longer there
    )
    doc = parse(render(world, ExportRequest(scope="pinned", pins=pins)))
    assert doc.meta["scope"] == "pinned" and doc.meta["pins"] == 5
    assert doc.meta["sources"] == 2
    assert footnotes(doc.body) == ({"1", "2"}, ["1", "2"])
    # the pinned Starmer quote is carried by b too, and b is in the briefing (a figure of it is pinned)
    assert quote_items(doc) == ["“It is a serious challenge,”[^1][^2]", "“We will act. We will act now,”[^2]"]
    assert all("[^3]" not in p for p in doc.paragraphs + doc.list_items)
    assert "1 could not be found" in doc.paragraphs[1]
    check_counts(doc)


def test_pinned_quote_carried_elsewhere_says_so_without_citing_it(world):
    q_starmer = world["quotes"][0]
    doc = parse(render(world, ExportRequest(scope="pinned", pins=(Pin("quote", "a", q_starmer.start, q_starmer.end),))))
    assert quote_items(doc) == ["“It is a serious challenge,”[^1] (and 1 source outside this briefing)"]
    assert footnotes(doc.body) == ({"1"}, ["1"])
    check_counts(doc)


def test_nothing_pinned(world):
    doc = parse(render(world, ExportRequest(scope="pinned")))
    assert [h[1] for h in doc.headings] == ["Briefing: news"]
    assert "Nothing is pinned." in doc.paragraphs
    assert doc.meta["sources"] == 0


def test_sources_scope_in_the_given_order_and_unknown_ids_refused(world):
    doc = parse(render(world, ExportRequest(scope="sources", source_ids=("c", "a"))))
    assert [i.split(" · ")[0] for i in doc.items["Sources"]] == ["[^1] “An unrelated story”",
                                                                  "[^2] “Leaders agree to work closely”"]
    assert doc.meta["source_ids"] == ["c", "a"]
    check_counts(doc)
    with pytest.raises(ExportError, match="unknown source id: nope"):
        render(world, ExportRequest(scope="sources", source_ids=("a", "nope")))


def test_requests_are_checked():
    with pytest.raises(ExportError):
        ExportRequest(scope="query", query="  ")
    with pytest.raises(ExportError):
        ExportRequest(scope="sources")
    with pytest.raises(ExportError):
        ExportRequest(scope="everything")  # type: ignore[arg-type]


def test_front_matter_names_only_the_scope_exported(world):
    """The app passes the search box's query along with every scope; only scope "query" uses it."""
    doc = parse(render(world, ExportRequest(scope="all", query="visas", source_ids=("a",))))
    assert doc.meta["scope"] == "all" and "query" not in doc.meta and "source_ids" not in doc.meta
    assert doc.meta["sources"] == 3


# a large briefing stays navigable


def crowd(n_sources: int, quotes_each: int):
    sources, quotes = [], []
    for i in range(n_sources):
        said = [f"“Statement number {i} {k} about the budget and the plans,” the minister said." for k in
                range(quotes_each)]
        s = make_source(f"s{i:03d}", f"Story {i}", said)
        sources.append(s)
        quotes += [make_quote(s, f"Statement number {i} {k} about the budget and the plans,", "Jane Doe")
                   for k in range(quotes_each)]
    return sources, quotes


def test_a_large_briefing_has_contents_and_caps_each_speaker_unless_full():
    sources, quotes = crowd(12, 1)
    kw = {"corpus_name": "big", "sources": sources, "quotes": quotes, "figures": [], "generated": GENERATED,
          "version": "1"}
    doc = parse(render_briefing(**kw))
    assert doc.headings[1] == (2, "Contents")
    assert doc.links == ["#key-points", "#who-said-what", "#figures", "#sources"]
    assert len(quote_items(doc)) == model.QUOTES_PER_SPEAKER
    assert "and 4 more quotes (--full lists them)" in doc.items["Who said what"]
    check_counts(doc)
    full = parse(render_briefing(**kw, request=ExportRequest(full=True)))
    assert len(quote_items(full)) == 12 and full.meta["full"] is True
    check_counts(full)


def test_group_fields_read_the_comparison_status():
    assert model.group_fields(disputed_group("t", ()))[:2] == ("disagree", "t")
    timeline = FigureGroup("t", "count", None, (), disputed=False, status="timeline", label="People crossed",
                           per_year=(None, 12.0))
    assert model.group_fields(timeline) == ("timeline", "People crossed", (None, 12.0))


def test_timeline_and_yearly_rates_in_tables_and_key_points(world):
    f16, f20 = world["figures"][1], world["figures"][2]
    timeline = FigureGroup("crossings", "count", None, (f16, f20), disputed=False, status="timeline",
                           label="People crossed so far", per_year=(32000.0, None))
    doc = parse(render(world, comparison=Comparison(figure_groups=[timeline])))
    assert section(doc, "Figures")[0] == (3, "People crossed so far · a timeline (the value moves with the date)")
    assert [row[0] for row in doc.tables[0][1:]] == ["16,000 (32,000 a year)", "20,000"]
    assert "A timeline on People crossed so far: 16,000 (32,000 a year)[^1] → 20,000[^2]" in doc.items["Key points"]


def test_a_pinned_phrase_stays_even_if_it_looks_like_a_scare_quote(world):
    safe = world["quotes"][2]
    doc = parse(render(world, ExportRequest(scope="pinned", pins=(Pin("quote", "a", safe.start, safe.end),))))
    assert doc.items["Who said what"] == ["Phrases quoted: “safe”[^1]"]
    check_counts(doc)


def test_a_pinned_source_brings_its_quotes_and_key_figures(world):
    doc = parse(render(world, ExportRequest(scope="pinned", pins=(Pin("source", "b"),))))
    assert doc.meta["sources"] == 1
    assert quote_items(doc) == ["“It is a serious challenge,”[^1] (and 1 source outside this briefing)"]
    assert [row[0] for table in doc.tables for row in table[1:]] == ["20,000"]
    check_counts(doc)


def test_people_first_then_organisations_and_roles(world):
    s = make_source("s", "Many voices", [
        "“The ministry will act soon on this,” the ministry said.",
        "“The ministry will review the rules too,” the ministry added.",
        "“We are watching closely,” a spokesman said.",
        "“I agree with that plan,” said Jane Doe.",
    ])
    quotes = [
        make_quote(s, "The ministry will act soon on this,", "Ministry of Defence", speaker_kind="organisation"),
        make_quote(s, "The ministry will review the rules too,", "Ministry of Defence", speaker_kind="organisation"),
        make_quote(s, "We are watching closely,", "Downing Street spokesperson", speaker_kind="role"),
        make_quote(s, "I agree with that plan,", "Jane Doe", speaker_kind="person"),
    ]
    doc = parse(render(world, sources=[s], quotes=quotes, figures=[], comparison=Comparison()))
    assert [h.split(" · ")[0] for _, h in section(doc, "Who said what")] == [
        "Jane Doe", "Ministry of Defence (organisation)", "Downing Street spokesperson (role)"]
