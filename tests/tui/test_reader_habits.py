"""The reader as a demanding user finds it (issue #20): counters, navigation, wording, discoverability."""

from __future__ import annotations

import re

from textual.widgets import Static
from tui_helpers import notices, screen_text, wait_for, wait_ready

from briefing.tui.widgets.quotes import QuotesPane
from briefing.tui.widgets.reader import Reader
from briefing.tui.widgets.search import SearchPane
from briefing.tui.widgets.sources import SourcesPane


def head_text(app) -> str:
    return str(app.query_one("#article-head", Static).render())


async def search_and_open(pilot, app, query: str) -> Reader:
    await pilot.press("slash", *query)
    pane = app.query_one(SearchPane)
    await wait_for(pilot, lambda: pane.result is not None and pane.result.query == query, "results")
    await pilot.press("enter")
    reader = app.query_one(Reader)
    await wait_for(pilot, lambda: app.focused is reader, "the reader to take focus")
    return reader


async def test_the_hit_counter_follows_the_highlight_and_says_when_it_wraps(make_app) -> None:
    """`n` five times over four hits: the header counts with the highlight, and the wrap is announced."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        reader = await search_and_open(pilot, app, "visas")
        total = len(reader.article.hits)
        assert total >= 2
        first = reader.hit_position[0]
        assert first == 1, "Enter opens at the best hit, counted as the first"
        assert f"hits 1/{total}" in head_text(app)
        seen = []
        for _ in range(total + 1):
            await pilot.press("n")
            await pilot.pause()
            number, count = reader.hit_position
            match = re.search(r"hits (\d+)/(\d+)", head_text(app))
            assert match, head_text(app)
            assert (int(match[1]), int(match[2])) == (number, count)
            body = reader.article.source.body
            start, end = sorted(reader.article.hits)[number - 1]
            line = reader._lines[reader.cursor]
            assert line[0] <= start < max(line[1], line[0] + 1), "the cursor is on the counted hit"
            seen.append(number)
            assert body[start:end]
        assert seen == [(first + i) % total + 1 for i in range(total + 1)]
        assert any("first hit" in n.lower() for n in notices(app)), notices(app)


async def test_paragraph_breaks_in_quotes_are_spaces_not_question_marks(make_app) -> None:
    """A quote spanning paragraphs showed `crossing.??"It is` in the quotes pane."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        quotes_pane = app.query_one(QuotesPane)
        spanning = [q for q in app.view.quotes_of("003_68a504b818462465") if "\n" in q.text]
        assert spanning, "a seed quote spans paragraphs"
        app.open_source("003_68a504b818462465")
        await pilot.pause()
        rows = [str(quotes_pane.option_list.get_option_at_index(i).prompt)
                for i in range(quotes_pane.option_list.option_count)]
        words = " ".join(spanning[0].text.split())[:60]
        assert any(words in row for row in rows), rows
        assert not any("?" in row and "?" not in spanning[0].text for row in rows if words in row)


async def test_titles_are_cut_at_a_word_with_an_ellipsis_everywhere(make_app) -> None:
    """List, reader header, palette and copied citation: no `and a “new`, a closing "…" instead."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        app.open_source("002_31579b7372feac52")
        await pilot.pause()
        listing = app.query_one(SourcesPane).option_list
        row = str(listing.get_option("002_31579b7372feac52").prompt)
        assert "“new tactics”…" in row and "a “new" not in row
        assert "“new tactics”…" in head_text(app)
        await pilot.press("1")
        await pilot.press("y")
        assert app.clipboard.startswith("Sir Keir Starmer said") and "“new tactics”…" in app.clipboard
        assert "a “new" not in app.clipboard


def luminance(colour) -> float:
    """WCAG relative luminance of a rich Color (truecolor triplet)."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = colour.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a, b) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


async def test_reader_at_80x24_keeps_context_pages_and_goes_back(make_app) -> None:
    """Enter on a hit keeps the lines above it; PgDn/PgUp scroll the page; the cursor line shows;
    Esc goes back to the results the article was opened from."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, app)
        reader = await search_and_open(pilot, app, "visas")
        await pilot.pause()
        height = reader.scrollable_content_region.height
        assert height > 5
        start = sorted(reader.article.hits)[0][0]
        line = reader._index.line_of(start)
        assert reader.cursor == line
        top = round(reader.scroll_y)
        assert top <= line - min(3, line), "context lines above the hit"
        if line < height - 3:
            assert top == 0, "a hit on the first page leaves the article's first lines on screen"
        await pilot.press("pagedown")
        assert round(reader.scroll_y) == top + height - 1, "PgDn scrolls the page"
        assert top + height - 1 <= reader.cursor < top + 2 * height - 1
        await pilot.press("pageup")
        assert round(reader.scroll_y) == top, "PgUp scrolls back"
        cursor_bg = reader._component("reader--cursor").bgcolor
        base = reader.rich_style.bgcolor
        assert cursor_bg is not None and contrast(cursor_bg, base) >= 1.3, "the cursor line stands out"
        await pilot.press("escape")
        search = app.query_one(SearchPane)
        assert app.query_one("#left").current == "search"
        assert app.focused is search.option_list, app.focused
        # From a quote: Esc goes back to the quotes list.
        await pilot.press("3")
        quotes = app.query_one(QuotesPane)
        await pilot.press("j", "enter")
        await wait_for(pilot, lambda: app.focused is reader, "the reader")
        await pilot.press("escape")
        assert app.focused is quotes.option_list
        # From the sources list: back to it.
        await pilot.press("1", "j", "enter")
        await wait_for(pilot, lambda: app.focused is reader, "the reader")
        await pilot.press("escape")
        assert app.focused is app.query_one(SourcesPane).option_list


async def test_near_copies_name_the_other_source_and_the_list_shows_ids(make_app) -> None:
    """"≈ near-duplicate of 1" read as "of source 1": the other source is named; ids are in the list."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        app.open_source("001_6ee91b2b8eb3983b")
        await pilot.pause()
        head = head_text(app)
        assert "near-copy of 002 “Sir Keir Starmer said" in head, head
        listing = app.query_one(SourcesPane).option_list
        for source_id in ("000_23ed8d137b3c117b", "003_68a504b818462465"):
            assert f"\n{source_id[:3]} · " in str(listing.get_option(source_id).prompt)
        assert "copy of 001" in str(listing.get_option("002_31579b7372feac52").prompt)


async def test_footer_help_toasts_and_filter_are_discoverable(make_app) -> None:
    """At 80x24: the footer's hints are whole and end with "? more"; help lists Enter and G scrolls it;
    a toast is cut at a word; an active filter says "1 of 5 · filter: x"."""
    from briefing.tui.screens.help import HelpScreen
    from briefing.tui.widgets.hints import HintsBar

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, app)
        footer = screen_text(app).split("\n")[-1].rstrip()
        assert footer.endswith("? more"), footer
        shown = app.query_one(HintsBar).shown
        assert len(shown) >= 5
        for keys, label in shown:
            assert f"{keys} {label}" in footer
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "Open the selected source, hit or quote" in screen_text(app)
        body = app.screen.body
        assert body.max_scroll_y > 0
        await pilot.press("G")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert body.scroll_y == 0
        await pilot.press("escape")
        # A long citation's toast is cut after a whole word.
        await pilot.press("3")
        pane = app.query_one(QuotesPane)
        for _ in range(pane.option_list.option_count):  # the first quote longer than a toast
            await pilot.press("j")
            if pane.selected is not None and len(pane.selected.text) > 80:
                break
        quote = pane.selected
        assert quote is not None and len(quote.text) > 80
        await pilot.press("y")
        toast = next(n for n in notices(app) if "Copied: " in n).split("Copied: ", 1)[1]
        assert toast.endswith("…") or toast.endswith("…”")
        kept = toast.rstrip("”").removesuffix("…")
        assert app.clipboard.startswith(kept)
        assert app.clipboard[len(kept)] in " ,.;:”", (kept[-20:], app.clipboard[len(kept):len(kept) + 10])
        # A filter is never invisible.
        await pilot.press("f", *"Macron")
        await wait_for(pilot, lambda: "filter: Macron" in str(app.query_one("#status").render()), "the status")
        status = str(app.query_one("#status").render())
        count = app.query_one(SourcesPane).option_list.option_count
        assert f"{count} of 5 · filter: Macron" in status and count < 5


async def test_queries_that_do_not_parse_get_a_note_and_no_odd_suggestion(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await pilot.press("slash")
        pane = app.query_one(SearchPane)
        for query in ('"unbalanced', "date:[2025 TO", "visas AND (", "title:("):
            pane.input.value = query
            await wait_for(pilot, lambda q=query: app._last_search is not None and app._last_search.query == q
                           and app._last_search.serial == app._search_serial, f"the results of {query}")
            status = str(app.query_one("#search-status").render())
            assert "did not parse" in status, (query, status)
            assert "Did you mean" not in str(pane.option_list.get_option_at_index(0).prompt) \
                if pane.option_list.option_count else True


async def test_results_load_more_as_the_list_scrolls(make_app, monkeypatch) -> None:
    """"169 articles (top 25)" with no way to the rest: moving down the list loads the next hits."""
    from briefing.tui import searching
    from briefing.tui.widgets import search as search_module

    monkeypatch.setattr(searching, "SEARCH_LIMIT", 2)
    monkeypatch.setattr(search_module, "MORE_MARGIN", 1)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await pilot.press("slash", *"the")
        pane = app.query_one(SearchPane)
        await wait_for(pilot, lambda: pane.result is not None and pane.result.query == "the", "results")
        total = pane.result.total
        assert total == 5 and len(pane.result.hits) == 2
        assert "2 shown, more as you scroll" in str(app.query_one("#search-status").render())
        await pilot.press("down")  # into the results
        for _ in range(total - 1):
            await pilot.press("down")
            await pilot.pause(0.1)
        await wait_for(pilot, lambda: len(pane.result.hits) == total, "every hit listed")
        assert pane.option_list.option_count == total
        assert pane.option_list.highlighted == total - 1, "the cursor stayed where it was, not back at the top"


async def test_after_a_resize_the_source_list_starts_on_a_row(make_app, tmp_path) -> None:
    """Rows of two or three lines: after a resize the list's first line is a row's first line."""
    from briefing.tui.widgets.sources import SourcesPane

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(40):
        words = " ".join(["migration", "talks", "summit", "channel", "crossings"][: 1 + number % 5] * (1 + number % 3))
        (corpus / f"a{number:03d}.txt").write_text(f"Headline {number} on {words}\n\nBody {number} text.\n")
    app = make_app(corpus, tmp_path / "index", fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        listing = app.query_one(SourcesPane).option_list
        await pilot.press("1", *("j" * 23))
        for size in ((101, 33), (137, 41), (109, 29), (120, 40), (100, 31)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            top = round(listing.scroll_y)
            assert listing._lines[top][1] == 0, (size, top, listing._lines[top])
            highlighted = listing._index_to_line[listing.highlighted]
            assert top <= highlighted < top + listing.scrollable_content_region.height


async def test_back_and_forward_through_the_articles_opened(make_app) -> None:
    """Alt+Left/Alt+Right (and the palette's go: commands) walk the articles opened, to the same place."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        reader = app.query_one(Reader)
        app.open_source("000_23ed8d137b3c117b")
        await pilot.pause()
        await pilot.press(*"jjjjj")
        place = reader.cursor_offset
        app.open_source("002_31579b7372feac52")
        app.open_source("003_68a504b818462465")
        await pilot.pause()
        await pilot.press("alt+left")
        assert app.current == "002_31579b7372feac52" and app.focused is reader
        await pilot.press("alt+left")
        assert app.current == "000_23ed8d137b3c117b" and reader.cursor_offset == place
        for _ in range(2):  # the article shown at start is the first step of the history
            await pilot.press("alt+left")
        assert any("No more articles back" in n for n in notices(app))
        for _ in range(3):
            if app.current == "000_23ed8d137b3c117b":
                break
            await pilot.press("alt+right")
        assert app.current == "000_23ed8d137b3c117b"
        await pilot.press("alt+right")
        assert app.current == "002_31579b7372feac52"
        app.open_source("001_6ee91b2b8eb3983b")  # a new article forgets what was forward
        await pilot.press("alt+right")
        assert app.current == "001_6ee91b2b8eb3983b"
        await pilot.press("ctrl+p")
        await pilot.press(*"go: back")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.current == "002_31579b7372feac52", "the palette's go: back")


async def test_read_state_marks_next_unread_and_mark_all(make_app) -> None:
    """Opened sources are read (kept per corpus); `r` marks this one and opens the next unread;
    `U` marks all listed; the list and the status count them; `briefing sources --unread` agrees."""
    import json

    from tests.conftest import run_cli

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        status = lambda: str(app.query_one("#status").render())  # noqa: E731
        assert "5 unread" in status()
        listing = app.query_one(SourcesPane).option_list
        first = listing.get_option_at_index(0).id
        assert str(listing.get_option(first).prompt).startswith("● ")
        await pilot.press("1", "enter")
        assert app.current == first and "4 unread" in status()
        assert not str(listing.get_option(first).prompt).startswith("● ")
        await pilot.press("r")
        second = app.current
        assert second != first and "3 unread" in status()
        await pilot.press("r")  # marks the second read, opens a third
        assert "2 unread" in status() and app.current not in (first, second)
        unread = json.loads(run_cli("sources", "--unread", "--json", "--index", str(app.index_dir)).stdout)
        assert len(unread) == 2 and first not in {row["id"] for row in unread}
        await pilot.press("U")
        assert "all read" in status()
        result = run_cli("sources", "--unread", "--json", "--index", str(app.index_dir))
        assert result.returncode == 1 and json.loads(result.stdout) == []


async def test_an_opened_quote_is_marked_read_in_the_quotes_pane(make_app) -> None:
    """Enter on a quote opens it in the reader and marks it ✓ in the pane, as newsreaders do."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        pane = app.query_one(QuotesPane)
        listing = pane.option_list
        await wait_for(pilot, lambda: listing.option_count > 1, "the quotes")
        index = next(i for i in range(listing.option_count) if not listing.get_option_at_index(i).disabled)
        assert not str(listing.get_option_at_index(index).prompt).startswith("✓")
        await pilot.press("3")
        listing.highlighted = index
        opened = listing.get_option_at_index(index).id
        await pilot.press("enter")
        await wait_for(pilot, lambda: str(listing.get_option(opened).prompt).startswith("✓"), "the read mark")
        assert app.state.read_quotes


async def test_saved_searches_are_listed_above_the_sources_and_run_from_the_cli(make_app) -> None:
    import json

    from briefing.tui.screens.name_prompt import NamePrompt
    from tests.conftest import run_cli

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await pilot.press("slash", *"visas")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, NamePrompt)
        await pilot.press("ctrl+u", *"returns", "enter")  # Ctrl+U clears the suggested name
        assert not isinstance(app.screen, NamePrompt)
        assert app.state.saved_searches["returns"].query == "visas"
        await pilot.press("escape")  # out of the search: the sources list, the saved search on top
        listing = app.query_one(SourcesPane).option_list
        assert "⌕ returns" in str(listing.get_option_at_index(0).prompt)
        assert listing.highlighted == 1, "the first source stays the one highlighted"
        await pilot.press("g", "enter")
        pane = app.query_one(SearchPane)
        assert app.query_one("#left").current == "search" and pane.query_text == "visas"
        await wait_for(pilot, lambda: pane.result is not None and pane.result.query == "visas", "the saved search")
        saved = run_cli("search", "@returns", "--json", "--index", str(app.index_dir))
        plain = run_cli("search", "visas", "--json", "--index", str(app.index_dir))
        assert saved.returncode == 0 and json.loads(saved.stdout) == json.loads(plain.stdout)
        unknown = run_cli("search", "@nothing", "--index", str(app.index_dir))
        assert unknown.returncode == 2 and "@returns" in unknown.stderr


async def test_open_the_original_web_page_copies_it_without_a_browser(make_app, tmp_path, monkeypatch) -> None:
    """`w` opens the URL where a browser can show it; over SSH (no display) the address is copied."""
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5000 10.0.0.2 22")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Boats talks\n\nThe talks went on.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("No link here\n\nNothing.\n", encoding="utf-8")
    (corpus / "sources.yaml").write_text("a.txt:\n  url: https://news.example/boats\n", encoding="utf-8")
    app = make_app(corpus, tmp_path / "index", fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        app.open_source("a")
        await pilot.press("w")
        assert app.clipboard == "https://news.example/boats"
        assert any("address is copied" in n for n in notices(app))
        app.open_source("b")
        await pilot.press("w")
        assert any("no web address" in n for n in notices(app))
