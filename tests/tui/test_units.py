"""The app's pure parts: theme files, config, line wrapping, Content building, the view lookups."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.content import Content

from briefing.corpus import split_paragraphs
from briefing.locations import bundled_themes_dir
from briefing.models import (
    Figure,
    Fragment,
    Quote,
    SearchHit,
    Source,
    SourceEntry,
    SourceRecord,
    Speaker,
)
from briefing.tui import data, render
from briefing.tui.config import load_config
from briefing.tui.data import CorpusView, index_view
from briefing.tui.layout import LineIndex, wrap_spans
from briefing.tui.themes import ThemeFileError, load_themes, parse_theme
from briefing.workspace import MemoryRecords

# -- themes -----------------------------------------------------------------


def test_bundled_themes_load_cleanly() -> None:
    themes = load_themes(bundled_themes_dir())
    assert themes.problems == []
    assert themes.names()[0] == "briefing-dark"
    assert {"briefing-dark", "briefing-light", "briefing-high-contrast", "briefing-ansi"} <= set(themes.names())
    assert themes.themes["briefing-ansi"].ansi
    assert themes.themes["briefing-light"].dark is False
    for theme in themes.themes.values():
        assert {"speaker-1", "speaker-6", "figure", "hit-background"} <= set(theme.variables)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ([1, 2], "not a mapping"),
        ({"name": "x"}, "`primary` is required"),
        ({"name": "Bad Name", "primary": "red"}, "`name`"),
        ({"name": "x", "primary": "not-a-colour"}, "not a colour"),
        ({"name": "x", "primary": "red", "colour": "blue"}, "unknown key"),
        ({"name": "x", "primary": "red", "dark": "yes"}, "true or false"),
        ({"name": "x", "primary": "red", "text_alpha": 3}, "from 0 to 1"),
        ({"name": "x", "primary": "red", "variables": {"speaker-1": "[bold]"}}, "not a colour"),
        ({"name": "x", "primary": "red", "variables": {"Bad Var": "red"}}, "bad variable name"),
    ],
)
def test_bad_theme_data_is_named(data: object, problem: str) -> None:
    with pytest.raises(ThemeFileError, match=problem):
        parse_theme(data)


def test_user_theme_overrides_and_broken_files_are_reported(tmp_path: Path) -> None:
    (tmp_path / "dark.yaml").write_text("name: briefing-dark\nprimary: '#ff0000'\n")
    (tmp_path / "broken.yaml").write_text("name: [\n")
    (tmp_path / "notes.txt").write_text("not a theme")
    (tmp_path / "mine.yml").write_text("name: mine\nprimary: ansi_red\nansi: true\ndark: false\n")
    themes = load_themes(bundled_themes_dir(), tmp_path)
    assert themes.themes["briefing-dark"].primary == "#ff0000"
    assert len(themes.problems) == 1 and "broken.yaml" in themes.problems[0]
    assert themes.themes["mine"].variables["ansi-background"] == "ansi_white"


# -- config -----------------------------------------------------------------


def test_config_keymap_and_problems(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("theme: briefing-light\nkeymap:\n  app.quit: ' q , ctrl+q '\n  nope: x\n  app.help: 3\n")
    config = load_config(path, {"app.quit", "app.help"})
    assert config.theme == "briefing-light"
    assert config.keymap == {"app.quit": "q,ctrl+q"}
    assert len(config.problems) == 2
    assert load_config(tmp_path / "missing.yaml").problems == []
    path.write_text("keymap: [unclosed\n")
    assert load_config(path).problems and load_config(path).keymap == {}


# -- wrapping ---------------------------------------------------------------


def _source(body: str) -> Source:
    return Source(id="s", path=Path("s.txt"), title="T", body=body, paragraphs=split_paragraphs(body),
                  content_hash="0")


def test_spaces_before_a_paragraph_count_in_its_first_line() -> None:
    """They are drawn: uncounted, the line was wider than the reader and lost its last cells (found by hypothesis)."""
    from rich.cells import cell_len

    body = "a\n \naaa中中"
    lines = wrap_spans(body, split_paragraphs(body), 8)
    assert all(cell_len(body[s:e].replace("\n", " ").rstrip()) <= 8 for s, e in lines)
    assert body[lines[-1][0]:lines[-1][1]] == "aaa中中"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet=st.sampled_from("ab cd“”£€ 中\n"), min_size=1, max_size=200), min_size=1, max_size=4),
    st.integers(min_value=8, max_value=60),
)
def test_wrapped_lines_fit_and_cover_every_paragraph(paragraphs: list[str], width: int) -> None:
    from rich.cells import cell_len

    source = _source("\n\n".join(p.strip() or "x" for p in paragraphs))
    lines = wrap_spans(source.body, source.paragraphs, width)
    for start, end in lines:
        assert cell_len(source.body[start:end].replace("\n", " ").rstrip()) <= width
    covered = "".join(source.body[s:e] for s, e in lines)
    for p_start, p_end in source.paragraphs:
        assert "".join(source.body[p_start:p_end].split()) in "".join(covered.split())
    index = LineIndex(lines)
    for number, (start, end) in enumerate(lines):
        if end > start:
            assert index.line_of(start) == number


def test_a_very_long_word_is_cut() -> None:
    source = _source("x" * 100)
    assert wrap_spans(source.body, source.paragraphs, 30) == [(0, 30), (30, 60), (60, 90), (90, 100)]


# -- content ----------------------------------------------------------------

HOSTILE = "[/b] [bold]x[/bold] [@click=app.quit]q[/]"


def test_content_keeps_markup_literal() -> None:
    assert render.plain(HOSTILE).plain == HOSTILE  # type: ignore[attr-defined]
    source = Source(id="s", path=Path("s"), title=HOSTILE, body=HOSTILE, paragraphs=((0, len(HOSTILE)),),
                    content_hash="0", outlet=HOSTILE)
    assert HOSTILE in render.source_prompt(source, 1, 2, True, True).plain  # type: ignore[attr-defined]
    quote = Quote("s", HOSTILE, 0, len(HOSTILE), "direct", speaker=HOSTILE)
    assert HOSTILE in render.quote_prompt(quote, {HOSTILE: 0}, 3, False, HOSTILE).plain  # type: ignore[attr-defined]
    assert render.citation_for_quote(quote, source).startswith("“" + HOSTILE)


def test_hit_prompt_marks_the_hit_offsets() -> None:
    fragment = Fragment(text="the [b]small[/b] boats", start=10, hits=((7, 12), (17, 22)))
    hit = SearchHit("s", "Title", None, 1.0, "article", (fragment,), ((17, 22),))
    content = render.hit_prompt(hit)
    plain = content.plain  # type: ignore[attr-defined]
    assert "the [b]small[/b] boats" in plain
    offset = plain.index("the [b]")
    marked = {plain[span.start:span.end] for span in content.spans if span.start >= offset}  # type: ignore[attr-defined]
    assert {"small", "boats"} <= marked


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("ab cd  ef£é—“”\xa0中あ\u0301-\n\t\r"), max_size=160), st.integers(1, 60),
       st.sampled_from(["fold", "ellipsis"]))
def test_row_height_is_contents_height(text: str, width: int, overflow: str) -> None:
    """Rows count their height from the plain lines; it must be what Content wraps them into."""
    rules = {"text_overflow": overflow}
    assert render.Row(text).get_height(rules, width) == Content(text).get_height(rules, width)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=12), st.sampled_from(["", "bold", "$accent"])), max_size=6))
def test_join_is_the_pieces_added_together(parts: list[tuple[str, str]]) -> None:
    """One-piece rows show exactly what adding styled Contents showed (control codes stripped alike)."""
    added = Content("")
    for text, style in parts:
        added += Content(text).stylize(style) if style else Content(text)
    joined = render.join(*parts)
    assert joined.plain == added.plain
    assert [(s.start, s.end, s.style) for s in joined.spans if s.end > s.start] == [
        (s.start, s.end, s.style) for s in added.spans if s.end > s.start
    ]


# -- view lookups -----------------------------------------------------------


def test_index_view_builds_lookups() -> None:
    body = "He said “one two three four five” and “six”."
    a, b = _source(body), Source(id="b", path=Path("b"), title="B", body=body, paragraphs=((0, len(body)),),
                                 content_hash="1")
    q1 = Quote("s", "one two three four five", 9, 32, "direct", speaker="Ann")
    q2 = Quote("b", "one two three four five", 9, 32, "direct", speaker="Ann")
    q3 = Quote("s", "six", 39, 42, "partial", speaker="Bob")
    fig = Figure("s", "five", 5.0, None, "count", body, 28, 32)
    records = MemoryRecords({"s": SourceRecord(a, (q1, q3), (fig,), (2, 1)), "b": SourceRecord(b, (q2,), (), (2,))})
    view = CorpusView(name="c", corpus_dir=None, records=records,
                      sources=[SourceEntry("s", "T", quotes=2, key_figures=1, duplicates=("b",)),
                               SourceEntry("b", "B", quotes=1, duplicates=("s",))],
                      speakers=[Speaker("Ann", quote_count=2), Speaker("Bob", quote_count=1)])
    index_view(view)
    # one source at a time, from its record; then every quote at once, as the "all sources" list reads them
    assert view.sources_quoted_in(q1) == 2 and view.sources_quoted_in(q3) == 1
    assert view.quotes_of("s") == (q1, q3) and view.all_quotes() == [q1, q3, q2]
    assert view.sources_quoted_in(q2) == 2 and view.sources_quoted_in(q3) == 1
    assert view.duplicates == {"s": ("b",), "b": ("s",)}
    assert view.speaker_slot == {"Ann": 0, "Bob": 1}
    assert view.figure_at("s", 28, 32) == fig and view.quote_at(("s", 39, 42)) == q3
    assert view.key_figures_of("s") == [fig] and view.source("b") == b
    assert view.source("nope") is None and view.quotes_of("nope") == ()


def test_view_reads_sources_when_opened_and_keeps_only_the_recent(monkeypatch) -> None:
    monkeypatch.setattr(data, "RECENT_RECORDS", 2)
    read: list[str] = []

    class Counting(MemoryRecords):
        def get(self, source_id: str) -> SourceRecord:
            read.append(source_id)
            return super().get(source_id)

    sources = {i: replace(_source(f"Text {i}."), id=i) for i in "abc"}
    records = Counting({i: SourceRecord(s) for i, s in sources.items()})
    view = index_view(CorpusView(name="c", corpus_dir=None, records=records,
                                 sources=[SourceEntry(i, "T") for i in sources]))
    assert read == []  # building the view reads no text
    for source_id in "aab":
        view.source(source_id)
    assert read == ["a", "b"]
    view.source("c")  # a is dropped: read again when opened again
    view.source("a")
    assert read == ["a", "b", "c", "a"]
