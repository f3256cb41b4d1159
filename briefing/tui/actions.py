"""What the keys do to the selection and the lists: speaker, pin, copy, filter, sort, theme, help.

A mixin of `BriefingApp` (the app's state, its `view` and `state`, stays in app.py).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.widgets import ContentSwitcher, Input

from briefing.models import Figure, Pin, Quote, Source
from briefing.state import SavedSearch
from briefing.tui import render
from briefing.tui.widgets.figures import FiguresPane
from briefing.tui.widgets.quotes import QuotesPane
from briefing.tui.widgets.reader import Reader
from briefing.tui.widgets.search import SearchPane
from briefing.tui.widgets.sources import SourcesPane

if TYPE_CHECKING:
    from briefing.tui.app import BriefingApp


class SelectionActions:
    """The actions on what the focused pane points at (mixed into BriefingApp)."""

    def show_speaker(self: BriefingApp, speaker: str) -> None:
        quotes = self.query_one(QuotesPane)
        quotes.all_sources = True
        quotes.only_speaker, quotes.speaker = True, speaker
        quotes.refresh_items()
        self.action_pane(2)

    def action_filter(self: BriefingApp) -> None:
        self.query_one("#left", ContentSwitcher).current = "sources"
        self._activate(0)
        self.query_one("#source-filter", Input).focus()

    def action_sort(self: BriefingApp) -> None:
        sources = self.query_one(SourcesPane)
        sources.action_sort()
        self.notify(f"Sources by {sources.sort}", markup=False, timeout=2)

    def action_toggle_quote_scope(self: BriefingApp) -> None:
        self.query_one(QuotesPane).action_toggle_scope()

    # -- the selection: what p, y and s act on ---------------------------
    def _selection(self: BriefingApp) -> Quote | Figure | Source | None:
        """The quote, figure or source the focused pane points at."""
        pane = self._current_pane()
        view = self.view
        if view is None:
            return None
        if pane == 0:
            left = self.query_one("#left", ContentSwitcher)
            if left.current == "search":
                result = self.query_one(SearchPane).result
                chosen = self.query_one(SearchPane).option_list.highlighted_id
                if result and chosen and chosen.isdigit():
                    hit = result.hits[int(chosen)]
                    return hit.quote or view.source(hit.source)
                return None
            chosen = self.query_one(SourcesPane).option_list.highlighted_id
            return view.source(chosen) if chosen else None
        if pane == 2:
            return self.query_one(QuotesPane).selected
        if pane == 3:
            return self.query_one(FiguresPane).selected
        reader = self.query_one(Reader)
        quote = reader.quote_under_cursor
        if quote is not None:
            return quote
        return view.source(self.current) if self.current else None

    def action_speaker(self: BriefingApp) -> None:
        quotes = self.query_one(QuotesPane)
        if quotes.only_speaker:
            quotes.toggle_speaker(None)
            self.notify("Showing every speaker", markup=False, timeout=2)
            return
        selected = self._selection()
        if not isinstance(selected, Quote):
            self.notify("Put the cursor on a quote first", severity="warning", markup=False, timeout=3)
            return
        quotes.toggle_speaker(selected.speaker)
        quotes.highlight(selected)
        if self.screen.has_class("-narrow"):  # one pane at a time: show the filtered quotes
            self.action_pane(2)
        name = render.one_line(selected.speaker or "unattributed", 60)
        self.notify(f"Only quotes by {name} (s again for all)", markup=False, timeout=3)

    def action_pin(self: BriefingApp) -> None:
        selected = self._selection()
        if selected is None:
            self.bell()
            return
        if isinstance(selected, Source):
            pin, what = Pin("source", selected.id), "source"
        elif isinstance(selected, Quote):
            pin, what = Pin("quote", selected.source, selected.start, selected.end), "quote"
        else:
            pin, what = Pin("figure", selected.source, selected.start, selected.end), "figure"
        pinned = self.state.toggle_pin(pin)
        self._save_state()
        for pane in (self.query_one(SourcesPane), self.query_one(QuotesPane), self.query_one(FiguresPane)):
            pane.pins = self.state.pins
            pane.refresh_items()
        count = len(self.state.pins)
        self.notify(f"{'Pinned' if pinned else 'Unpinned'} {what} ({count} pinned)", markup=False, timeout=2)

    def action_copy(self: BriefingApp) -> None:
        selected = self._selection()
        view = self.view
        if selected is None or view is None:
            self.bell()
            return
        source = selected if isinstance(selected, Source) else view.source(selected.source)
        if source is None:
            return
        if isinstance(selected, Quote):
            text = render.citation_for_quote(selected, source)
        elif isinstance(selected, Figure):
            text = render.citation_for_figure(selected, source)
        else:
            text = render.citation_for_source(source).strip("()")
        self.copy_to_clipboard(text)
        self.notify("Copied: " + render.one_line(text, 80), markup=False, timeout=3)

    def set_theme(self: BriefingApp, name: str) -> None:
        self.theme = name
        self.state.theme = name
        self._save_state()

    def action_next_theme(self: BriefingApp) -> None:
        names = self.theme_names or ["textual-dark"]
        index = names.index(self.theme) + 1 if self.theme in names else 0
        self.set_theme(names[index % len(names)])
        self.notify(f"Theme: {self.theme}", markup=False, timeout=2)

    def help_rows(self: BriefingApp) -> list[tuple[str, str, str]]:
        """(keys, what they do, binding id): Enter first, the key every list answers to."""
        keymap = self.config.keymap
        rows = [("enter", "Open the selected source, hit or quote", "(lists)")]
        from briefing.tui.app import _all_bindings

        for binding in _all_bindings():
            keys = keymap.get(binding.id or "", binding.key)
            shown = ", ".join(self.get_key_display(Binding(k.strip(), "")) for k in keys.split(","))
            rows.append((shown, binding.description, binding.id or ""))
        rows.append((self.get_key_display(Binding("ctrl+p", "")), "Command palette", "(textual)"))  # as ^t, ^s
        return rows

    def action_help(self: BriefingApp) -> None:
        from briefing.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.help_rows()))

    # -- read state ------------------------------------------------------
    def _show_read(self: BriefingApp) -> None:
        """The source list's unread marks and the status line's count, after a change."""
        sources = self.query_one(SourcesPane)
        sources.read = set(self.state.read_sources)
        sources.refresh_items()

    def action_next_unread(self: BriefingApp) -> None:
        """Mark this article read and open the next unread one in the list's order (newsboat's `n`)."""
        if self.current is not None and self.state.mark_read(self.current):
            self._save_state()
        listed = [s.id for s in self.query_one(SourcesPane).visible_sources()]
        unread = self.state.unread(listed)
        if not unread:
            self._show_read()
            self.notify("Every listed source is read", markup=False, timeout=2)
            return
        after = listed.index(self.current) if self.current in listed else -1
        following = [sid for sid in listed[after + 1:] if sid in unread] or unread
        self.open_source(following[0])
        self.notify(f"{len(unread) - 1} unread left", markup=False, timeout=2)

    def action_mark_all_read(self: BriefingApp) -> None:
        """Every listed source read (only the filtered ones while a filter is on)."""
        listed = [s.id for s in self.query_one(SourcesPane).visible_sources()]
        marked = sum(self.state.mark_read(sid) for sid in listed)
        self._save_state()
        self._show_read()
        self.notify(f"Marked {marked} source{'s' if marked != 1 else ''} read", markup=False, timeout=2)

    # -- saved searches --------------------------------------------------
    def _show_saved_searches(self: BriefingApp) -> None:
        sources = self.query_one(SourcesPane)
        sources.saved_searches = {name: (saved.query, saved.kind) for name, saved in self.state.saved_searches.items()}
        sources.refresh_items()

    def action_save_search(self: BriefingApp) -> None:
        """Ctrl+S in the search: keep this query under a name, listed above the sources."""
        pane = self._search_pane()
        query = pane.query_text.strip() if pane is not None else ""
        if pane is None or not query:
            self.notify("Type a search first, then Ctrl+S to save it", severity="warning", markup=False, timeout=3)
            return
        kind = pane.kind
        from briefing.tui.screens.name_prompt import NamePrompt

        def named(name: str | None) -> None:
            if not name:
                return
            replaced = name in self.state.saved_searches
            self.state.saved_searches[name] = SavedSearch(query, kind)
            self._save_state()
            self._show_saved_searches()
            self.notify(f"{'Replaced' if replaced else 'Saved'} search “{name}” (briefing search @{name})",
                        markup=False, timeout=3)

        self.push_screen(NamePrompt("Save this search", query, "Name (Enter saves, Esc cancels)"), named)

    async def run_saved_search(self: BriefingApp, name: str) -> None:
        saved = self.state.saved_searches.get(name)
        if saved is None:
            return
        await self.action_search()
        self.query_one(SearchPane).run_query(saved.query, saved.kind)

    async def on_sources_pane_saved_search_chosen(self: BriefingApp, message: SourcesPane.SavedSearchChosen) -> None:
        await self.run_saved_search(message.name)

    def forget_saved_search(self: BriefingApp, name: str) -> None:
        if self.state.saved_searches.pop(name, None) is not None:
            self._save_state()
            self._show_saved_searches()
            self.notify(f"Forgot the saved search “{name}”", markup=False, timeout=2)

    # -- the original --------------------------------------------------------
    def open_url(self: BriefingApp, url: str, *, new_tab: bool = True) -> None:
        """A web page in the browser where one has a window of its own; over SSH or without a display
        Python's `webbrowser` would start a console browser in this very terminal: the address is
        copied (OSC 52) instead."""
        if _has_graphical_browser():
            super().open_url(url, new_tab=new_tab)  # type: ignore[misc]
            self.notify("Opened in the browser: " + render.one_line(url, 80), markup=False, timeout=3)
            return
        self.copy_to_clipboard(url)
        self.notify("No browser here; the address is copied: " + render.one_line(url, 80), markup=False, timeout=5)

    def action_open_file(self: BriefingApp) -> None:
        """The article's file in $VISUAL/$EDITOR, the app suspended meanwhile (back on exit)."""
        from textual.app import SuspendNotSupported

        source = self.view.source(self.current) if self.view and self.current else None
        if source is None:
            self.bell()
            return
        editor = shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi")
        try:
            with self.suspend():
                done = subprocess.run([*editor, str(source.path)], check=False)
        except SuspendNotSupported:
            self.notify("This terminal cannot hand itself to an editor", severity="warning", markup=False)
            return
        except OSError as exc:
            reason = render.one_line(exc.strerror or str(exc), 80)
            self.notify(f"Cannot start {render.one_line(editor[0], 40)}: {reason}", severity="error", markup=False)
            return
        if done.returncode != 0:
            self.notify(f"{render.one_line(editor[0], 40)} exited with {done.returncode}", severity="warning",
                        markup=False, timeout=3)


def _has_graphical_browser() -> bool:
    """A browser opens in a window of its own: macOS, Windows, or a local X/Wayland session."""
    if os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY"):
        return False
    return sys.platform in ("darwin", "win32") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
