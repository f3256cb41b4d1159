"""Messages the workers post to the app; the app's handlers own every state change."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.message import Message

from briefing.models import SearchResult
from briefing.tui.data import CorpusView


class CorpusLoaded(Message):
    def __init__(self, workspace: Any, view: CorpusView) -> None:
        super().__init__()
        self.workspace = workspace
        self.view = view


class IndexProgress(Message):
    """Coalesces: only the latest count matters."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexProgress)


class IndexReady(Message):
    def __init__(self, report: Any) -> None:
        super().__init__()
        self.report = report


class SearchDone(Message):
    """`prompts`: the result list's rows, built in the search thread (one per hit, in order)."""

    def __init__(self, serial: int, query: str, kind: str, result: SearchResult,
                 prompts: list[Content] | None = None) -> None:
        super().__init__()
        self.serial = serial
        self.query = query
        self.kind = kind
        self.result = result
        self.prompts = prompts
