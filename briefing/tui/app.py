"""The Textual reader: a thin app over the Workspace.

Workers do the slow work (loading, extraction, indexing, searching) and post
messages; the handlers here own every state change. Panes live in `widgets/`,
dialogs in `screens/`, every key has a binding id that `config.yaml` can remap.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widget import AwaitMount
from textual.widgets import ContentSwitcher, Static
from textual.worker import Worker, WorkerState, get_current_worker

from briefing.hygiene import printable
from briefing.locations import bundled_themes_dir, user_themes_dir
from briefing.state import State, load_state, save_state
from briefing.tui import render
from briefing.tui.actions import SelectionActions
from briefing.tui.config import Config, key_clashes, load_config
from briefing.tui.data import CorpusView, build_view, open_workspace, sources_view
from briefing.tui.messages import CorpusLoaded, IndexProgress, IndexReady
from briefing.tui.navigation import Navigation, tab_line
from briefing.tui.searching import Searching
from briefing.tui.themes import DEFAULT_THEME, VARIABLE_DEFAULTS, ThemeSet, load_themes
from briefing.tui.widgets.figures import FiguresPane
from briefing.tui.widgets.hints import HintsBar
from briefing.tui.widgets.quotes import QuotesPane
from briefing.tui.widgets.reader import Reader
from briefing.tui.widgets.search import SearchPane
from briefing.tui.widgets.sources import SourcesPane

if TYPE_CHECKING:
    from textual.widgets import ProgressBar

    from briefing.tui.commands import BriefingCommands
    from briefing.tui.screens.export import ExportChoice

WARM_UP_QUERY = "the news"
QUICK_VIEW_WAIT = 0.2  # seconds the full view may take before the articles are shown alone
FIRST_FRAME_WAIT = 2.0  # seconds indexing waits at most for the first frame
FIRST_FRAME_HOLD = 0.5  # seconds the first frame waits for the view before it shows "Loading…"


def _commands() -> type[BriefingCommands]:
    """The palette's provider, imported when the palette first opens."""
    from briefing.tui.commands import BriefingCommands

    return BriefingCommands


class BriefingApp(Navigation, SelectionActions, Searching, App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "briefing"
    COMMANDS: ClassVar = {_commands}  # like the dialogs, loaded when first used
    COMMAND_PALETTE_BINDING = "ctrl+p"
    HORIZONTAL_BREAKPOINTS: ClassVar = [(0, "-narrow"), (100, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", id="app.search"),
        Binding("escape", "back", "Back", show=False, id="app.back"),
        Binding("alt+left,ctrl+left,backspace", "history(-1)", "Previous article", show=False, id="app.history_back"),
        Binding("alt+right,ctrl+right", "history(1)", "Next article (after Back)", show=False,
                id="app.history_forward"),
        Binding("tab", "next_pane", "Next pane", show=False, priority=True, id="app.next_pane"),
        Binding("shift+tab", "previous_pane", "Prev pane", show=False, priority=True, id="app.previous_pane"),
        Binding("1", "pane(0)", "Sources", show=False, id="app.pane_sources"),
        Binding("2", "pane(1)", "Reader", show=False, id="app.pane_reader"),
        Binding("3", "pane(2)", "Quotes", show=False, id="app.pane_quotes"),
        Binding("4", "pane(3)", "Figures", show=False, id="app.pane_figures"),
        Binding("f", "filter", "Filter sources", id="app.filter"),
        Binding("o", "sort", "Sort sources", id="app.sort"),
        Binding("s", "speaker", "Speaker only", id="app.speaker"),
        Binding("p", "pin", "Pin", id="app.pin"),
        Binding("r", "next_unread", "Next unread (marks this read)", id="app.next_unread"),
        # Not `A`: over a slow link a split Up arrow (ESC [ A) would end in it.
        Binding("U", "mark_all_read", "Mark all listed read", id="app.mark_all_read"),
        Binding("y", "copy", "Copy", id="app.copy"),
        Binding("e", "export", "Export", id="app.export"),
        Binding("E", "open_file", "Open the article's file in $EDITOR", id="app.open_file"),
        Binding("t", "next_theme", "Theme", id="app.next_theme"),
        Binding("u", "add_url", "Add URL", show=False, id="app.add_url"),
        Binding("w", "open_original", "Open original", show=False, id="app.open_original"),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(
        self,
        corpus_dir: Path | None = None,
        index_dir: Path | None = None,
        *,
        theme: str | None = None,
        config_path: Path | None = None,
        workspace: Any = None,
    ) -> None:
        """`workspace`: an already open Workspace to show (tests share one); else one is opened."""
        self.theme_set: ThemeSet = load_themes(bundled_themes_dir(), user_themes_dir())
        super().__init__()
        self.corpus_dir = corpus_dir
        self.index_dir = index_dir
        self.workspace: Any = None
        self._given_workspace = workspace
        self.view: CorpusView | None = None
        self.state = State()
        self.state_warning: str | None = None
        self.index_ready = False
        self.index_failure: str | None = None
        self.current: str | None = None  # open source id
        self._index_step = ""  # "indexing…", "index ready": the status line's second part
        self._init_navigation()
        self.hits_by_source: dict[str, tuple[tuple[int, int], ...]] = {}
        self._init_searching()
        self._requested_theme = theme
        self._active = -1
        self._engine_lock = threading.Lock()
        self._first_frame = threading.Event()  # set once the first view is on screen
        self._hold: contextlib.ExitStack | None = None  # the first frame held back for the view
        self._search_mount: AwaitMount | None = None
        self.live_corpus: Any = None  # briefing.tui.live_corpus.LiveCorpus, once the index is ready
        self.config: Config = load_config(config_path, {b.id for b in _all_bindings() if b.id})
        for registered in self.theme_set.themes.values():
            self.register_theme(registered)
        self._problems: list[str] = list(self.theme_set.problems) + list(self.config.problems)
        if self.config.keymap:  # a remapped key landing on another binding's key: one would never run
            self._problems += key_clashes({b.id: b.key for b in _all_bindings() if b.id}, self.config.keymap)
        # Chosen before the app starts: set in on_mount, it restyled every widget once more (0.05 s).
        self.theme = self._theme_choice(self._requested_theme or self.config.theme)

    # -- composition -----------------------------------------------------
    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(VARIABLE_DEFAULTS)

    @property
    def theme_names(self) -> list[str]:
        return self.theme_set.names()

    def get_default_screen(self) -> Screen:
        """The main screen, born with its width class (`-wide`/`-narrow`).

        Textual adds the class on the first resize, which restyled every widget once more (15 ms).
        """
        screen = super().get_default_screen()
        width = self.size.width
        for edge, name in sorted(self.HORIZONTAL_BREAKPOINTS, reverse=True):
            if width >= edge:
                screen.add_class(name, update=False)
                break
        return screen

    def compose(self) -> ComposeResult:
        # The reader pane starts active, with its class and tab composed in: set on mount, they restyled it.
        self._active = 1
        yield Static(tab_line(self._active), id="tabs")
        with Container(id="panes") as panes:
            panes.display = False  # until the view is in (see _hold_first_frame)
            with ContentSwitcher(initial="sources", id="left", classes="pane"):
                yield SourcesPane(id="sources")  # and the search pane, after the first frame (_mount_search)
            with Vertical(id="reader-pane", classes="pane -active"):
                yield Static(render.plain("Loading…"), id="article-head")
                yield Reader(id="reader")
            yield QuotesPane(id="quotes", classes="pane")
            yield FiguresPane(id="figures", classes="pane")
        with Horizontal(id="statusbar"):
            yield Static(render.plain(""), id="status")
        yield HintsBar(id="hints")

    def on_mount(self) -> None:
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        self._set_titles()
        self._show_hints()
        if self._problems:
            self.notify("\n".join(self._problems), title="Settings", severity="warning", markup=False, timeout=8)
            self._problems = []
        self.query_one(Reader).focus()  # pane 2 is active from compose()
        self._hold_first_frame()
        self._exit_on_signals()
        self.load_workspace()

    def _exit_on_signals(self) -> None:
        """SIGTERM and SIGHUP end the app as `q` does: Python's default ended the process at once,
        leaving the terminal in the alternate screen with mouse tracking on."""
        import asyncio
        import signal

        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # not the main thread
                loop.add_signal_handler(signum, self.exit)

    def on_unmount(self) -> None:
        if self.live_corpus is not None:
            self.live_corpus.stop()
        if self.workspace is not None:
            self.workspace.cancel()  # a comparison in the load worker would keep the process alive

    def _hold_first_frame(self) -> None:
        """No frame until the view is in, and the panes hidden until then.

        On a known corpus the view arrives within tens of milliseconds; a frame of empty panes
        drawn before it cost as much as the full one (0.1 s on the seeds) and was drawn over at once.
        Textual still lays out and renders the screen once while updates are held back, hence the
        panes are hidden rather than only held. Hidden by their own style, not by a class: a class
        would restyle every widget in them when it goes (12 ms). A corpus that takes longer shows the
        empty panes, "Loading…", after FIRST_FRAME_HOLD seconds.
        """
        self._hold = contextlib.ExitStack()
        self._hold.enter_context(self.batch_update())
        self.set_timer(FIRST_FRAME_HOLD, self._release_first_frame)

    def _release_first_frame(self) -> None:
        """Let frames be drawn (once; the timer, the view or a failed load, whichever is first)."""
        hold, self._hold = self._hold, None
        if hold is not None:
            self.query_one("#panes").display = True
            hold.close()
            self.screen.refresh(layout=True)
            self.call_after_refresh(self._mount_search)

    def _mount_search(self) -> AwaitMount:
        """Mount the search pane behind the sources, once; `/` awaits it if it comes first.

        After the first frame: its query box, status line and list cost that frame 30 ms.
        """
        if self._search_mount is None:
            pane = SearchPane(id="search")
            pane.display = False  # the switcher shows it when it is the current one
            self._search_mount = self.query_one("#left", ContentSwitcher).mount(pane)
        return self._search_mount

    def _search_pane(self) -> SearchPane | None:
        """The search pane, if it is mounted yet."""
        found = self.query(SearchPane)
        return found.first() if found and found.first().is_mounted else None

    def _set_titles(self) -> None:
        titles = {
            "left": "1 Sources · / Search", "reader-pane": "2 Reader",
            "quotes": "3 Quotes", "figures": "4 Key figures",
        }
        for widget_id, title in titles.items():
            self.query_one(f"#{widget_id}").border_title = render.plain(title)

    def _keys_for(self, binding_id: str) -> str:
        binding = next((b for b in _all_bindings() if b.id == binding_id), None)
        keys = self.config.keymap.get(binding_id, binding.key if binding else "")
        return self.get_key_display(Binding(keys.split(",")[0].strip(), ""))

    def _show_hints(self) -> None:
        """The main keys, as remapped, most useful first: as many as fit, then `? more`."""
        hints = [("app.search", "search"), ("reader.next_hit", "next hit"), ("app.pane_sources", "panes"),
                 ("app.history_back", "back"), ("app.speaker", "speaker"), ("app.pin", "pin"),
                 ("app.copy", "copy"), ("app.export", "export"), ("app.filter", "filter"),
                 ("app.next_theme", "theme"), ("app.quit", "quit")]
        shown = [(self._keys_for(binding_id), label) for binding_id, label in hints]
        shown[2] = (shown[2][0] + "-4", shown[2][1])  # 1-4
        shown.insert(len(shown) - 1, ("ctrl+p", "commands"))
        self.query_one(HintsBar).set_hints(shown, (self._keys_for("app.help"), "more"))

    def _theme_choice(self, wanted: str | None) -> str:
        names = self.theme_names
        if wanted and wanted not in names and wanted not in self.available_themes:
            if wanted not in self.theme_set.rejected:  # a rejected file has said so already
                self._problems.append(f"theme {printable(wanted)[:40]!r} not found; using {DEFAULT_THEME}")
            wanted = None
        return wanted or (DEFAULT_THEME if DEFAULT_THEME in names else "textual-dark")

    # -- workers ---------------------------------------------------------
    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load_workspace(self) -> None:
        collecting = gc.isenabled()
        gc.disable()  # the new corpus objects set off collection after collection (0.08 s on 2,225 articles)
        try:
            ws = self._given_workspace or open_workspace(self.corpus_dir, self.index_dir)
            self._post_views(ws)
        finally:
            if collecting:
                gc.enable()
        worker = get_current_worker()
        # The index check (a stat per file) waits for the first frame: it would share the GIL with it.
        waited = 0.0
        while not self._first_frame.wait(0.05) and not worker.is_cancelled and waited < FIRST_FRAME_WAIT:
            waited += 0.05

        def progress(done: int, total: int, _name: str) -> None:
            if not worker.is_cancelled:
                self.post_message(IndexProgress(done, total))

        report = ws.sync_index(progress)
        if getattr(report, "changed", False) or getattr(report, "rebuilt", False):
            self.post_message(CorpusLoaded(ws, build_view(ws)))
        self._warm_up(ws)
        # The open index, its searchers and their caches live as long as the app, as the view does:
        # out of the collector's way too. Each full collection went over them while the user typed,
        # for 100-150 ms at 22,250 articles (35 ms at 2,225); pending garbage here is a few hundred objects.
        gc.freeze()
        self.post_message(IndexReady(report))

    def _warm_up(self, ws: Any) -> None:
        """One throwaway search: the first real one would open the searcher and the parser
        (90 ms of the first query on 2,225 articles) while the user waits. With highlights, as
        the app searches: their first use cost the first query 10 ms more."""
        # A failure here is the real search's to report.
        with self._engine_lock, contextlib.suppress(Exception):
            ws.search(WARM_UP_QUERY, limit=1, highlight=True, sync=False)
            # Quote searches have caches of their own: the first `speaker:` query paid 130 ms for them at 22,250
            # articles (a speaker query warms what it needs; a quote-body one held 7 MB more).
            ws.search(f"speaker:{WARM_UP_QUERY.split()[-1]}", limit=1, highlight=False, sync=False)

    def _post_views(self, ws: Any) -> None:
        """The full view; the articles alone first only if extraction takes a while.

        With extractions cached the full view follows in 0.1 s: showing the articles alone
        first would fill every pane twice before the first frame (0.3 s on 2,225 articles).
        """
        if ws.results_cached():  # the full view is a catalog read away; no text is read
            self.post_message(CorpusLoaded(ws, build_view(ws)))
            return
        quick = sources_view(ws)
        if ws.extractions_cached():
            # All but the comparison is read from the snapshot: show it now, and compare once it is on
            # screen. Comparing meanwhile took the GIL from the first frame: 11.7 s at 22,250 articles.
            self.post_message(CorpusLoaded(ws, quick))
            self._first_frame.wait(FIRST_FRAME_WAIT)
            self.post_message(CorpusLoaded(ws, build_view(ws)))
            return
        lock = threading.Lock()
        done = False

        def readable_before_extraction_ends() -> None:
            with lock:
                if not done:
                    self.post_message(CorpusLoaded(ws, quick))

        early = threading.Timer(QUICK_VIEW_WAIT, readable_before_extraction_ends)
        early.daemon = True
        early.start()
        full = build_view(ws)
        with lock:
            done = True
            early.cancel()
            self.post_message(CorpusLoaded(ws, full))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        reason = printable(" ".join(str(error).split()))[:200] or type(error).__name__
        group = event.worker.group
        if group == "load" and self.view is None:
            self.query_one("#article-head", Static).update(render.plain(f"Cannot open the corpus: {reason}", "$error"))
            self._release_first_frame()
        if group == "load":
            self.index_failure = reason
            self._set_status(f"index unavailable: {reason}")
            self._hide_progress()
        self.notify(reason, title={"load": "Corpus", "search": "Search", "export": "Export"}.get(group, "Error"),
                    severity="error", markup=False, timeout=10)

    # -- worker results --------------------------------------------------
    @on(CorpusLoaded)
    def _corpus_loaded(self, message: CorpusLoaded) -> None:
        first = self.view is None
        if first:
            # The corpus stays for the whole session: exempt it (and Textual's start-up objects) from
            # the collector, whose full passes over it cost 0.1 s each while the panes fill on 2,225 articles.
            gc.freeze()
        self.workspace, self.view = message.workspace, message.view
        view = self.view
        if first:
            loaded = load_state(view.corpus_dir or Path("."))
            self.state, self.state_warning = loaded.state, loaded.warning
            if loaded.warning:
                self.notify(loaded.warning, title="State", severity="warning", markup=False)
            if self.state.theme and not self._requested_theme and self.state.theme in self.available_themes:
                self.theme = self.state.theme
            elif self.state.theme and self.state.theme not in self.available_themes:
                self.state.theme = None  # a remembered theme that no longer loads is forgotten
                self._save_state()
            if view.warnings:
                lines = [render.one_line(str(w), 160) for w in view.warnings[:5]]
                more = len(view.warnings) - len(lines)
                self.notify("\n".join(lines) + (f"\n… and {more} more" if more > 0 else ""),
                            title=f"{len(view.warnings)} file(s) skipped or read with a caveat",
                            severity="warning", markup=False, timeout=8)
        pins = self.state.pins
        self.query_one(SourcesPane).read = set(self.state.read_sources)
        self.query_one(SourcesPane).saved_searches = {
            name: (saved.query, saved.kind) for name, saved in self.state.saved_searches.items()
        }
        self.query_one(SourcesPane).set_view(view, pins)
        self.query_one(QuotesPane).read = self.state.read_quotes
        self.query_one(QuotesPane).set_view(view, pins)
        self.query_one(FiguresPane).set_view(view, pins)
        if first or (self.current and self.current not in view.by_id):
            start = self.state.last_source if self.state.last_source in view.by_id else None
            if start is None:
                visible = self.query_one(SourcesPane).visible_sources()
                start = visible[0].id if visible else None
            if start:
                self.open_source(start, focus=False)
            else:
                self.query_one("#article-head", Static).update(render.plain("No articles in this corpus."))
        elif self.current:
            self.open_source(self.current, at=self.query_one(Reader).cursor_offset, focus=False)
        if first:
            self._release_first_frame()
            self.call_after_refresh(self._first_frame.set)
        if not self.index_ready:
            step = "indexing…" if view.extracted else "finding quotes and figures…"
            self._show_status(step)
            if not view.extracted:  # extraction takes a while: show that something is going on
                self._progress()

    def _progress(self) -> ProgressBar:
        """The status bar's progress bar, mounted when there is work to show.

        On a known corpus there is none: the index is found current in a moment. Mounted from the
        start, the bar's three widgets (and its animation) cost the first frame 20 ms.
        """
        found = self.query("#progress")
        if found:
            return found.first()
        from textual.widgets import ProgressBar

        bar = ProgressBar(id="progress", show_eta=False)
        self.query_one("#statusbar").mount(bar)
        return bar

    def _hide_progress(self) -> None:
        for bar in self.query("#progress"):
            bar.remove()

    @on(IndexProgress)
    def _index_progress(self, message: IndexProgress) -> None:
        self._progress().update(total=max(message.total, 1), progress=message.done)
        self._set_status(f"indexing {message.done}/{message.total}")

    @on(IndexReady)
    def _index_ready(self, message: IndexReady) -> None:
        self.index_ready = True
        self._hide_progress()
        self._show_status("index ready")
        for notice in getattr(message.report, "notices", []) or []:  # e.g. a damaged index was rebuilt
            self.notify(render.one_line(notice, 160), title="Index", markup=False, timeout=8)
        shown = {str(w) for w in (self.view.warnings if self.view else [])}
        fresh = [str(w) for w in getattr(message.report, "warnings", []) or [] if str(w) not in shown]
        if fresh:  # one notice, not one per file: the CLI's `briefing index` lists them all
            lines = [render.one_line(w, 160) for w in fresh[:5]]
            more = f"\n… and {len(fresh) - 5} more" if len(fresh) > 5 else ""
            self.notify("\n".join(lines) + more, title="Index", severity="warning", markup=False, timeout=8)
        pane = self._search_pane()
        if pane is not None and pane.query_text.strip():
            self._schedule_search(pane.query_text, pane.kind, delay=0)
        if self.live_corpus is None and self.workspace is not None:
            from briefing.tui.live_corpus import LiveCorpus

            ws = self.workspace
            self.live_corpus = LiveCorpus(self, ws.corpus_dir, ws.index_dir, self.corpus_changed, self._engine_lock)
            self.live_corpus.start()

    def corpus_changed(self, workspace: Any, view: CorpusView, report: Any) -> Any:
        """The live corpus's news: show `view` as a fresh load would, keeping the reader's place, the
        pins and the search (re-run once the index has it: `report` not None); returns the workspace it replaces."""
        old = self.workspace
        self._corpus_loaded(CorpusLoaded(workspace, view))
        if report is not None:
            self._index_ready(IndexReady(report))
        return old

    _MAIN_SCREEN_ACTIONS = frozenset({
        "search", "back", "next_pane", "previous_pane", "pane", "filter", "sort", "speaker", "pin", "copy",
        "export", "next_theme", "help", "quit", "history", "next_unread", "mark_all_read",
        "save_search", "open_file", "open_original", "add_url",
    })

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dialogs own their keys: Tab moves between their fields, letters type or do nothing."""
        return not (action in self._MAIN_SCREEN_ACTIONS and isinstance(self.screen, ModalScreen))

    def action_open_original(self) -> None:
        """The open article's page in the browser: its canonical URL, http(s) only (a page names its own)."""
        source = self.view.source(self.current) if self.view and self.current else None
        url = source.url if source else None
        if not url or not url.lower().startswith(("http://", "https://")):
            self.notify("This article has no web address", severity="warning", markup=False, timeout=3)
            return
        self.open_url(url)

    def action_add_url(self) -> None:
        if self.workspace is None:
            self.notify("Still loading", severity="warning", markup=False, timeout=2)
            return
        from briefing.locations import seeds_dir

        if self.workspace.corpus_dir.resolve() == seeds_dir().resolve():  # as `briefing add` refuses them
            self.notify("The bundled seeds are not written to: open a folder of your own "
                        "(briefing --corpus DIR) to add pages", severity="warning", markup=False, timeout=6)
            return
        from briefing.tui.screens.add_url import AddUrlDialog, fetch_into_corpus

        def chosen(url: str | None) -> None:
            if url:
                self.notify(f"Fetching {render.one_line(url, 100)}", title="Add URL", markup=False, timeout=3)
                work = functools.partial(fetch_into_corpus, self, self.workspace.corpus_dir, url)
                self.run_worker(work, thread=True, group="add", exit_on_error=False)

        self.push_screen(AddUrlDialog(), chosen)

    # -- export, theme, help ---------------------------------------------
    def action_export(self) -> None:
        if self.workspace is None or self.view is None:
            self.notify("Still loading", severity="warning", markup=False, timeout=2)
            return
        from briefing import export

        scopes: dict[str, str] = {}
        if self.state.pins:
            scopes["pinned"] = f"Pinned items ({len(self.state.pins)})"
        if self.current:
            scopes["article"] = "This article: " + render.one_line(self.view.by_id[self.current].title, 50)
        pane = self._search_pane()
        query = pane.query_text.strip() if pane is not None else ""
        if query:
            scopes["query"] = "Search results for: " + render.one_line(query, 40)
        scopes["all"] = f"The whole corpus ({len(self.view.sources)} sources)"
        filename = export.default_filename(self.view.name, date.today())

        def request_for(scope: str) -> Any:
            return export.ExportRequest(
                scope="sources" if scope == "article" else scope,  # type: ignore[arg-type]
                query=query or None,
                source_ids=(self.current,) if scope == "article" and self.current else (),
                pins=tuple(self.state.pins),
            )

        def preview(scope: str) -> list[str]:  # in the dialog's worker thread
            with self._engine_lock:
                briefing = export.briefing_of_workspace(self.workspace, request_for(scope))
            return export_markdown.preview_lines(briefing)

        def write(choice: ExportChoice) -> Path:  # in the dialog's worker thread; the dialog shows a failure
            try:
                with self._engine_lock:
                    text = export.export_workspace(self.workspace, request_for(choice.scope))
                return export.write_export(choice.path, text, force=choice.replace)
            except export.ExportError as exc:
                self.call_from_thread(self.notify, str(exc), title="Export", severity="error", markup=False)
                raise

        def chosen(choice: ExportChoice | None) -> None:
            if choice is not None:
                self.notify(f"Exported to {printable(str(choice.path))}", title="Export", markup=False)

        from briefing import export_markdown
        from briefing.tui.screens.export import ExportDialog

        self.push_screen(ExportDialog(filename, scopes, next(iter(scopes)), Path.cwd(), preview, write), chosen)

    # -- state -----------------------------------------------------------
    def _save_state(self) -> None:
        if self.view is None or self.view.corpus_dir is None:
            return
        try:
            save_state(self.view.corpus_dir, self.state)
        except OSError as exc:
            self.notify(f"Cannot save state: {printable(str(exc))[:120]}", severity="warning", markup=False)

    def _show_status(self, step: str | None = None) -> None:
        """The status line: what the source list shows (its filter and sort), then the index's step."""
        if step is not None:
            self._index_step = step
        summary = self.query_one(SourcesPane).summary()
        self._set_status(" · ".join(part for part in (summary, self._index_step) if part))

    def on_sources_pane_listed(self, message: SourcesPane.Listed) -> None:
        if self._index_step:  # not over "indexing 3/5", which the next progress message replaces anyway
            self._show_status()

    def _set_status(self, text: str) -> None:
        """One line of fixed size: no layout of the screen for it."""
        self.query_one("#status", Static).update(render.plain(text, "$text-muted"), layout=False)


@functools.cache
def _all_bindings() -> tuple[Binding, ...]:
    """Every binding the app defines, for the keymap check, the hints line and the help screen.

    Class attributes, so gathered once: the hints line asked ten times at start (5 ms).
    """
    from briefing.tui.widgets.lists import NavList

    found: list[Binding] = []
    for owner in (BriefingApp, Reader, NavList, SourcesPane, QuotesPane, SearchPane):
        for binding in owner.BINDINGS:
            if isinstance(binding, Binding) and binding.id and binding not in found:
                found.append(binding)
    return tuple(found)


def run_app(
    corpus_dir: Path | None,
    index_dir: Path | None,
    *,
    theme: str | None = None,
    mouse: bool = True,
) -> int:
    """Run the reader until the user quits; returns the exit code for the CLI."""
    app = BriefingApp(corpus_dir, index_dir, theme=theme)
    result = app.run(mouse=mouse)
    return int(result or 0) if app.return_code in (None, 0) else int(app.return_code or 1)
