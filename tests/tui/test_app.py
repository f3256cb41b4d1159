"""Pilot tests: each flow of the reader, on the seeds, through real key presses."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import yaml
from textual.widgets import ProgressBar
from tui_helpers import SEEDS, notices, screen_text, wait_for, wait_ready

from briefing.locations import state_file
from briefing.models import Pin, Quote
from briefing.state import load_state
from briefing.tui import app as app_module
from briefing.tui import searching
from briefing.tui.messages import IndexProgress, IndexReady
from briefing.tui.screens.help import HelpScreen
from briefing.tui.widgets.figures import FiguresPane
from briefing.tui.widgets.quotes import QuotesPane
from briefing.tui.widgets.reader import Reader
from briefing.tui.widgets.search import SearchPane
from briefing.tui.widgets.sources import SourcesPane


async def test_first_source_opens_and_enter_opens_another(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        sources = app.query_one(SourcesPane)
        first, second = [s.id for s in sources.visible_sources()[:2]]
        assert app.current == first
        reader = app.query_one(Reader)
        assert reader.article is not None and reader.article.source.id == first
        await pilot.press("1", "j", "enter")
        assert app.current == second
        assert reader.article.source.id == second
        assert app.focused is reader
        assert reader.article.source.title[:30] in screen_text(app)


async def test_the_first_frame_waits_for_the_view_then_shows_loading(make_app, monkeypatch) -> None:
    """No frame of empty panes while the view is coming; after FIRST_FRAME_HOLD they show, "Loading…"."""
    post = app_module.BriefingApp._post_views

    def slow(self: app_module.BriefingApp, ws: object) -> None:
        time.sleep(app_module.FIRST_FRAME_HOLD + 0.7)
        post(self, ws)

    monkeypatch.setattr(app_module.BriefingApp, "_post_views", slow)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert not app.query_one("#panes").display
        assert "Loading…" not in screen_text(app)
        await wait_for(pilot, lambda: "Loading…" in screen_text(app), "the empty panes")
        assert app.view is None
        await wait_ready(pilot, app)
        assert app.query_one(Reader).article.source.title[:30] in screen_text(app)


async def test_slash_before_the_first_frame_mounts_the_search_pane_and_takes_the_keys(make_app, monkeypatch) -> None:
    """The search pane is mounted after the first frame; `/` pressed earlier mounts it and keeps every key."""
    post = app_module.BriefingApp._post_views
    typed = threading.Event()  # the views wait for the keys, however slow the machine

    def held_back(self: app_module.BriefingApp, ws: object) -> None:
        typed.wait(timeout=30)
        post(self, ws)

    monkeypatch.setattr(app_module.BriefingApp, "_post_views", held_back)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert not app.query(SearchPane)
        await pilot.press("slash", *"calais")
        pane = app.query_one(SearchPane)
        assert app.view is None
        assert app.focused is pane.input and pane.query_text == "calais"
        typed.set()
        await wait_ready(pilot, app)
        await wait_for(pilot, lambda: pane.result is not None and pane.result.query == "calais", "the results")
        assert pane.result.hits


async def test_the_progress_bar_is_there_only_while_there_is_work(make_app) -> None:
    """Mounted by the first progress message (a known corpus sends none), removed when the index is ready."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        assert not app.query("#progress")
        app.post_message(IndexProgress(2, 5))
        await pilot.pause()
        bar = app.query_one("#progress", ProgressBar)
        assert (bar.progress, bar.total) == (2, 5)
        assert "indexing 2/5" in screen_text(app)
        app.post_message(IndexReady(None))
        await pilot.pause()
        assert not app.query("#progress")
        assert "index ready" in screen_text(app)


async def test_on_a_known_corpus_the_app_reads_only_the_sources_it_opens(make_app) -> None:
    """The view comes from the snapshot's catalog; the Workspace holds no text once it is built."""
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        ws, view = app.workspace, app.view
        assert ws._store is not None and ws._load is None and ws._quotes is None
        assert set(view._recent) == {app.current}
        await pilot.press("1", "j", "enter")
        assert set(view._recent) == {s.id for s in app.query_one(SourcesPane).visible_sources()[:2]}
        await pilot.press("slash", *"calais")
        await wait_for(pilot, lambda: app.query_one(SearchPane).result is not None, "the results")
        await pilot.press("enter")
        assert "Calais" in app.query_one(Reader).article.source.body
        assert ws._load is None  # searching and opening a hit read no other text


async def test_figures_pane_keeps_the_disputes_under_each_articles_key_figures(make_app) -> None:
    """The corpus-wide disputes are built once (after the first frame) and follow every article."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        figures = app.query_one(FiguresPane)
        disputes = len(app.view.disputes)
        assert disputes, "the seeds disagree on figures"

        def ids() -> list[str]:
            listing = figures.option_list
            return [listing.get_option_at_index(i).id or "" for i in range(listing.option_count)]

        await wait_for(pilot, lambda: "h\x1fdisputes" in ids(), "the disputes")
        for source in app.query_one(SourcesPane).visible_sources()[:3]:
            app.open_source(source.id)
            await pilot.pause()
            listed = ids()
            assert listed[0] == "h\x1fkey"
            assert sum(1 for i in listed if i.startswith("h\x1fg")) == disputes
            keys = [i for i in listed if i.startswith("f\x1f")]
            assert len(keys) == len(app.view.key_figures_of(source.id))
            assert all(f"\x1f{source.id}\x1f" in k for k in keys)


async def test_search_opens_hit_and_n_jumps_between_hits(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await pilot.press("slash")
        assert app.focused is app.query_one(SearchPane).input
        await pilot.press(*"macron")
        pane = app.query_one(SearchPane)
        await wait_for(pilot, lambda: pane.result is not None and pane.result.query == "macron", "results")
        assert pane.result.hits, "the seeds mention Macron"
        assert "Macron" in screen_text(app)
        best = pane.result.hits[0]
        await pilot.press("enter")
        reader = app.query_one(Reader)
        await wait_for(pilot, lambda: app.focused is reader, "the reader to take focus")
        assert app.current == best.source
        body = reader.article.source.body
        assert reader.article.hits and all(body[s:e].lower() == "macron" for s, e in reader.article.hits[:3])
        line = reader._lines[reader.cursor]
        assert "macron" in body[line[0]:line[1]].lower()
        total = len(reader.article.hits)
        assert total >= 2
        await pilot.press("n")
        first = reader.hit_position
        await pilot.press("n")
        assert reader.hit_position == (first[0] % total + 1, total)
        line = reader._lines[reader.cursor]
        assert "macron" in body[line[0]:line[1]].lower()
        await pilot.press("N")
        assert reader.hit_position == first
        # Esc leaves search and goes back to the sources list; `1` does too.
        await pilot.press("slash")
        assert app.query_one("#left").current == "search"
        await pilot.press("escape")
        assert app.query_one("#left").current == "sources"
        await pilot.press("slash", "tab", "1")  # digits type into the box; Tab leaves it
        assert app.query_one("#left").current == "sources"


async def test_enter_before_the_results_opens_the_best_hit_when_they_come(make_app) -> None:
    """Enter within the debounce searches at once (no timer of 0 s, which Textual cannot run)."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await pilot.press("slash", *"macron", "enter")
        reader = app.query_one(Reader)
        await wait_for(pilot, lambda: app.focused is reader, "the best hit to open")
        pane = app.query_one(SearchPane)
        assert pane.result is not None and pane.result.query == "macron"
        assert app.current == pane.result.hits[0].source
        assert reader.hit_position[1] >= 1


async def test_the_debounce_counts_from_the_key_not_from_the_handling(make_app) -> None:
    """A query change the app gets to only a debounce after the key is searched at once, with no timer."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await pilot.press("slash")
        pane = app.query_one(SearchPane)
        late = SearchPane.Changed("macron", "article")
        late.at -= searching.SEARCH_DEBOUNCE
        pane.post_message(late)
        await wait_for(pilot, lambda: pane.result is not None and pane.result.query == "macron", "the results")
        assert app._search_timer is None


async def test_quote_search_and_kind_toggle(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await pilot.press("slash", *"deterrent", "ctrl+t")
        pane = app.query_one(SearchPane)
        assert pane.kind == "quote"
        await wait_for(pilot, lambda: pane.result is not None and pane.result.query == "deterrent"
                       and app._last_search.kind == "quote", "quote results")
        assert pane.result.hits and all(hit.kind == "quote" for hit in pane.result.hits)
        await pilot.press("enter")
        hit = pane.result.hits[0]
        await wait_for(pilot, lambda: app.current == hit.source, "the hit to open")
        reader = app.query_one(Reader)
        assert reader.quote_under_cursor is not None


async def test_quotes_filter_by_speaker_and_open(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        quotes = app.query_one(QuotesPane)
        await pilot.press("3", "a")  # all sources
        assert quotes.all_sources
        everyone = quotes.visible_quotes()
        speakers = {q.speaker for q in everyone}
        assert len(speakers) > 1
        await pilot.press("j")
        chosen = quotes.selected
        assert isinstance(chosen, Quote)
        await pilot.press("s")
        shown = quotes.visible_quotes()
        assert shown and {q.speaker for q in shown} == {chosen.speaker}
        assert len(shown) < len(everyone)
        await pilot.press("s")
        assert len(quotes.visible_quotes()) == len(everyone)
        # Enter opens the article at the quote.
        await pilot.press("enter")
        reader = app.query_one(Reader)
        selected = quotes.selected
        assert app.current == selected.source
        assert reader.quote_under_cursor == selected


async def test_pin_and_unpin_persist(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await pilot.press("3")
        quote = app.query_one(QuotesPane).selected
        assert quote is not None
        pin = Pin("quote", quote.source, quote.start, quote.end)
        await pilot.press("p")
        assert app.state.pins == [pin]
        assert load_state(SEEDS).state.pins == [pin]
        assert "★" in screen_text(app)
        await pilot.press("1", "p")  # a source too
        source_pin = Pin("source", app.query_one(SourcesPane).option_list.highlighted_id)
        assert app.state.pins == [pin, source_pin]
        await pilot.press("3", "p")
        assert app.state.pins == [source_pin]
        assert load_state(SEEDS).state.pins == [source_pin]


async def test_copy_quote_with_citation(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await pilot.press("3")
        quote = app.query_one(QuotesPane).selected
        source = app.view.by_id[quote.source]
        await pilot.press("y")
        copied = app.clipboard
        assert copied.startswith("“") and " ".join(quote.text.split()) in copied
        assert source.title in copied
        if source.date:
            assert source.date.isoformat() in copied


async def test_theme_cycles_and_persists(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        assert app.theme == "briefing-dark"
        names = app.theme_names
        assert {"briefing-dark", "briefing-light", "briefing-high-contrast", "briefing-ansi"} <= set(names)
        await pilot.press("t")
        assert app.theme == names[1]
        assert load_state(SEEDS).state.theme == names[1]
    # The next session starts with the saved theme when none is asked for.
    again = make_app(theme=None)
    async with again.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, again)
        assert again.theme == names[1]


async def test_the_chosen_theme_styles_the_first_frame(make_app) -> None:
    """A theme asked for at start is the first frame's: its classes and its colours, not the default's."""
    app = make_app(theme="briefing-light")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        assert app.theme == "briefing-light"
        assert app.has_class("-light-mode", "-theme-briefing-light") and not app.has_class("-dark-mode")
        assert app.screen.styles.background.hex.lower() == "#fbfaf7"  # themes/light.yaml's background
        await pilot.press("t")
        assert app.theme != "briefing-light" and not app.has_class("-theme-briefing-light")


async def test_help_lists_every_binding(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        await pilot.press("G")  # the list is longer than the screen: its end too
        text += screen_text(app)
        for binding_id in ("app.search", "app.quit", "reader.next_hit", "app.pin", "app.copy", "quotes.scope"):
            assert binding_id in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert not isinstance(app.screen, HelpScreen)


async def test_quit(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_keymap_from_config_remaps_keys(make_app, isolated_user_dirs: Path) -> None:
    config = isolated_user_dirs / "config" / "config.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(yaml.safe_dump({"keymap": {"app.quit": "x", "app.next_theme": "T", "no.such": "z"}}))
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_ready(pilot, app)
        assert any("no.such" in n for n in notices(app))
        await pilot.press("q")
        assert app.is_running
        await pilot.press("T")
        assert app.theme != "briefing-dark"
        await pilot.press("question_mark")
        assert "x" in screen_text(app)
        await pilot.press("escape", "x")
        await pilot.pause()
        assert not app.is_running


async def test_broken_theme_gives_one_notice_and_falls_back(make_app, isolated_user_dirs: Path) -> None:
    themes = isolated_user_dirs / "config" / "themes"
    themes.mkdir(parents=True)
    (themes / "bad.yaml").write_text("name: [unclosed\n")
    (themes / "worse.yaml").write_text("name: worse\nprimary: not-a-colour\n")
    (themes / "good.yaml").write_text("name: my-own\nprimary: '#ff0000'\n")
    app = make_app(theme="missing-theme")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_ready(pilot, app)
        settings = [n for n in app._notifications if n.title == "Settings"]
        assert len(settings) == 1
        message = settings[0].message
        assert "bad.yaml" in message and "worse.yaml" in message and "missing-theme" in message
        assert app.theme == "briefing-dark"
        assert "my-own" in app.theme_names


async def test_corrupt_state_is_set_aside_with_a_notice(make_app) -> None:
    path = state_file(SEEDS)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("pins: {broken\n")
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_ready(pilot, app)
        assert any("set aside" in n for n in notices(app))
        assert app.state.pins == []
        await pilot.press("1", "p")
        assert load_state(SEEDS).state.pins == app.state.pins


async def test_narrow_terminal_shows_one_pane_at_a_time(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, app)
        assert app.screen.has_class("-narrow")
        reader_pane, quotes = app.query_one("#reader-pane"), app.query_one(QuotesPane)
        assert reader_pane.display and reader_pane.region.width >= 70
        assert quotes.region.width == 0
        await pilot.press("3")
        await pilot.pause()
        assert quotes.region.width >= 70 and reader_pane.region.width == 0
        await pilot.press("tab")
        await pilot.pause()
        assert app.query_one("#figures").region.width >= 70
        await pilot.press("shift+tab", "shift+tab")
        await pilot.pause()
        assert reader_pane.region.width >= 70


async def test_command_palette_opens_a_source(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        target = app.query_one(SourcesPane).visible_sources()[-1]
        await pilot.press("ctrl+p")
        await pilot.press(*("open: " + target.title[:25]))
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.current == target.id, "the palette to open the source")


async def test_export_dialog_writes_markdown(make_app, tmp_path: Path) -> None:
    app = make_app()
    out = tmp_path / "out.md"
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_ready(pilot, app)
        await pilot.press("e")
        name = app.screen.query_one("#export-name")
        # Tab moves inside the dialog, and letters do not reach the main screen.
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#export-scope")
        await pilot.press("t", "q", "shift+tab")
        assert app.theme == "briefing-dark" and app.is_running and app.focused is name
        name.value = str(out)
        await pilot.press("enter")
        await wait_for(pilot, out.exists, "the export file")
        text = out.read_text(encoding="utf-8")
        assert text.startswith("---") and app.view.by_id[app.current].title[:20] in text
        # Again: the file exists, so without "replace" the export refuses and says so.
        await pilot.press("e")
        app.screen.query_one("#export-name").value = str(out)
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("exists" in n for n in notices(app)), "the exists notice")


async def test_filter_sort_and_enter_opens_best_match(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        sources = app.query_one(SourcesPane)
        target = sorted(app.view.sources, key=lambda s: s.title.casefold())[0]
        await pilot.press("o")
        assert sources.sort == "title"
        assert sources.visible_sources()[0] == target
        await pilot.press("f", *target.title[:12].lower())
        assert sources.visible_sources() and all(
            target.title[:12].lower() in s.title.lower() for s in sources.visible_sources()
        )
        await pilot.press("tab", "f", "enter")
        assert app.current == sources.visible_sources()[0].id


async def test_typing_fast_shows_only_the_last_query(make_app) -> None:
    """Each key schedules a search; superseded ones never show and never collide in the engine."""
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_ready(pilot, app)
        await pilot.press("slash")
        pane = app.query_one(SearchPane)
        seen: list[str] = []
        original = pane.show_result
        pane.show_result = lambda result, *rest, **kw: (  # type: ignore[method-assign]
            seen.append(result.query), original(result, *rest, **kw))
        for query in ("small", "small boats", "macron", "migrants", "prime minister"):
            pane.input.value = query
            await pilot.pause(0.01)
        await wait_for(pilot, lambda: seen and seen[-1] == "prime minister", "the last query's results")
        await pilot.pause(0.4)
        assert seen[-1] == "prime minister"
        assert not [n for n in app._notifications if n.severity == "error"]


async def test_did_you_mean_is_shown_and_enter_takes_it(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await pilot.press("slash", *"macorn")
        pane = app.query_one(SearchPane)
        await wait_for(pilot, lambda: pane.result is not None and pane.result.query == "macorn", "results")
        suggestion = pane.result.suggestion
        assert suggestion and suggestion in screen_text(app)
        assert "Did you mean" in screen_text(app)
        await pilot.press("down")  # from the box into the results, where the suggestion comes first
        assert app.focused is pane.option_list and pane.option_list.highlighted == 0
        await pilot.press("enter")
        assert pane.input.value == suggestion
        await wait_for(pilot, lambda: pane.result.query == suggestion and pane.result.hits, "the suggestion's hits")


async def test_speaker_of_the_quote_under_the_reader_cursor(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, app)
        reader = app.query_one(Reader)
        quote = app.view.quotes_of(app.current)[0]
        reader.go_to_offset(quote.start)
        await pilot.pause()
        assert reader.quote_under_cursor is not None
        under = reader.quote_under_cursor
        speaker = under.speaker or under.speaker_as_written or "unattributed"
        assert f"Speaker: {speaker}"[:40] in screen_text(app).replace("\n", " ")
        await pilot.press("s")  # narrow: the quotes pane shows, filtered to that speaker
        quotes = app.query_one(QuotesPane)
        assert quotes.only_speaker and quotes.region.width >= 70
        assert {q.speaker for q in quotes.visible_quotes()} == {under.speaker}
        await pilot.press("escape")
        assert not quotes.only_speaker


async def test_speaker_query_finds_quotes_without_toggling(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await pilot.press("slash")
        query = "speaker:starmer visas"
        await pilot.press(*query)
        pane = app.query_one(SearchPane)
        await wait_for(pilot, lambda: pane.result is not None and pane.result.query == query, "results")
        assert pane.kind == "article"  # the toggle was not touched
        assert pane.result.hits and all(h.kind == "quote" for h in pane.result.hits)
        assert all(h.quote.speaker == "Keir Starmer" for h in pane.result.hits)


async def test_new_rows_redraw_the_list_without_a_layout_of_the_screen(monkeypatch) -> None:
    """A list's height comes from its pane, not its rows: new results redraw it alone (a layout redrew
    every pane, 18 ms a query); a scrollbar that comes or goes still lays the screen out."""
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import Static
    from textual.widgets.option_list import Option

    from briefing.tui.widgets.lists import NavList

    layouts: list[object] = []
    real_layout = Screen._refresh_layout
    monkeypatch.setattr(Screen, "_refresh_layout", lambda *a, **k: layouts.append(a) or real_layout(*a, **k))

    def rows(count: int, word: str) -> list[Option]:
        return [Option(f"{word} {n}\nsecond line" if n % 2 else f"{word} {n}", id=str(n)) for n in range(count)]

    class ListApp(App):
        CSS = "NavList { height: 1fr; } #results { overflow-y: scroll; }"

        def compose(self):
            yield Static("a pane beside the list")
            yield NavList(id="results")
            yield NavList(id="other")

    app = ListApp()
    async with app.run_test(size=(40, 30)) as pilot:
        results, other = app.query_one("#results", NavList), app.query_one("#other", NavList)
        results.set_options(rows(9, "first"))
        await pilot.pause()
        layouts.clear()
        results.set_options(rows(14, "second"))  # 21 lines instead of 13, in a list 14 high
        await pilot.pause()
        assert layouts == []
        assert results.virtual_size.height == 21 and results.vertical_scrollbar.window_virtual_size == 21
        assert "second 0" in results.render_line(0).text and "first" not in results.render_line(0).text
        other.set_options(rows(3, "few"))
        await pilot.pause()
        assert not other.show_vertical_scrollbar
        other.set_options(rows(30, "many"))  # too many for its 14 lines: its scrollbar comes
        await pilot.pause()
        assert other.show_vertical_scrollbar and layouts


async def test_a_list_longer_than_the_terminal_measures_its_rows_once(monkeypatch) -> None:
    """Its scrollbar is there before the first measure: measured twice, 22,250 sources cost 1 s."""
    from textual.app import App
    from textual.widgets.option_list import Option

    from briefing.tui import render
    from briefing.tui.widgets.lists import NavList

    widths: list[int] = []  # of each row measured: Row keeps its last count, so a repeat at one width is free
    count_lines = render.wrapped_lines
    monkeypatch.setattr(render, "wrapped_lines", lambda line, width, fold=True: (
        widths.append(width) if line.startswith("title") else None) or count_lines(line, width, fold))

    def rows(count: int) -> list[Option]:
        return [Option(render.join((f"title {n} " * 3, "bold"), ("\n", ""), ("2025-07-10", "")), id=str(n))
                for n in range(count)]

    class ListApp(App):
        CSS = "NavList { height: 1fr; }"  # as the app's panes size them: no height measured from the rows

        def compose(self):
            yield NavList()

    app = ListApp()
    async with app.run_test(size=(40, 20)) as pilot:
        listing = app.query_one(NavList)
        listing.set_options(rows(50))
        await pilot.pause()
        assert len(widths) == 50 and len(set(widths)) == 1  # once each, at the width beside the scrollbar
        assert listing.show_vertical_scrollbar and listing.virtual_size.height == sum(listing._heights.values())
        narrow = widths[0]
        listing.set_options(rows(3))  # fits: no scrollbar, as OptionList would have it
        await pilot.pause()
        assert not listing.show_vertical_scrollbar and widths[-3:] == [widths[-1]] * 3 and widths[-1] > narrow
