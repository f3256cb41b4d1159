"""The command palette (Ctrl+P): the app's own commands, titled by category.

Source titles and speaker names come from files, so prompts are built as
`Content` with the fuzzy-match offsets styled on top (Textual's own
`Matcher.highlight` parses its candidate as markup); help texts are fixed
strings, because the palette parses them as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from briefing.tui.render import one_line

if TYPE_CHECKING:
    from briefing.tui.app import BriefingApp

Command = tuple[str, Callable[[], object], str, bool]  # name, action, help, shown before typing


class BriefingCommands(Provider):
    @property
    def briefing(self) -> BriefingApp:
        return cast("BriefingApp", self.app)

    def commands(self) -> list[Command]:
        app = self.briefing
        found: list[Command] = [
            ("view: Search", app.action_search, "Search articles or quotes", True),
            ("view: Help", app.action_help, "Every key and its binding id", True),
            ("export: Briefing as Markdown", app.action_export, "Write a Markdown briefing", True),
            ("corpus: Add a web page or feed (URL)", app.action_add_url, "Fetch a URL into the corpus", True),
            ("view: Original web page in the browser", app.action_open_original, "The article's URL (w)", True),
            ("theme: Next theme", app.action_next_theme, "Cycle the themes", True),
            ("view: Quotes of all sources / this article", app.action_toggle_quote_scope,
             "Toggle the Quotes pane scope", True),
            ("go: Back to the previous article", partial(app.action_history, -1), "Alt+Left", True),
            ("go: Forward to the next article", partial(app.action_history, 1), "Alt+Right", True),
            ("read: Next unread source", app.action_next_unread, "Marks this one read", True),
            ("read: Mark all listed sources read", app.action_mark_all_read, "Only the filtered ones under a filter",
             True),
            ("open: The article's file in $EDITOR", app.action_open_file, "E: the app waits for the editor", True),
            ("app: Quit", app.action_quit, "Leave briefing", True),
        ]
        found.append(("search: Save this search as…", app.action_save_search, "Ctrl+S in the search box", True))
        for name, saved in app.state.saved_searches.items():
            found.append((f"search: {one_line(name, 40)} — {one_line(saved.query, 60)}",
                          partial(app.run_saved_search, name), "Run this saved search", True))
            found.append((f"search: forget {one_line(name, 40)}", partial(app.forget_saved_search, name),
                          "Remove this saved search", False))
        for name in app.theme_names:
            found.append((f"theme: {name}", partial(app.set_theme, name), "Switch to this theme", False))
        view = app.view
        if view is not None:
            for source in view.sources:
                found.append((f"open: {one_line(source.title, 120)}", partial(app.open_source, source.id),
                              "Open this source", False))
            for speaker in view.speakers:
                found.append((f"quotes: {one_line(speaker.name, 60)}", partial(app.show_speaker, speaker.name),
                              "All quotes by this speaker", False))
        return found

    async def discover(self) -> Hits:
        for name, action, help_text, shown in self.commands():
            if shown:
                yield DiscoveryHit(Content(name), action, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text, _ in self.commands():
            score, offsets = matcher.fuzzy_search.match(query, name)
            if score > 0:
                prompt = Content(name)
                for offset in offsets:
                    prompt = prompt.stylize("reverse", offset, offset + 1)
                yield Hit(score, prompt, action, text=name, help=help_text)
