"""Back and forward through the articles opened, as a browser (or frogmouth) keeps them.

Pure data, no Textual: the app records each article it opens and where the reader's cursor
was when the reader left it, so Back returns to the same place in the text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

HISTORY_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Visit:
    source: str
    offset: int = 0  # body offset of the reader's cursor


class History:
    def __init__(self, limit: int = HISTORY_LIMIT) -> None:
        self._visits: list[Visit] = []
        self._at = -1
        self._limit = limit

    @property
    def current(self) -> Visit | None:
        return self._visits[self._at] if self._visits else None

    def visit(self, visit: Visit) -> None:
        """Record an article opened; the same article again only moves the place. Forward is forgotten."""
        if self.current is not None and self.current.source == visit.source:
            self._visits[self._at] = visit
            return
        del self._visits[self._at + 1:]
        self._visits.append(visit)
        if len(self._visits) > self._limit:
            del self._visits[: len(self._visits) - self._limit]
        self._at = len(self._visits) - 1

    def remember_offset(self, offset: int) -> None:
        """Where the cursor is in the current article, for when Back or Forward comes back to it."""
        if self.current is not None:
            self._visits[self._at] = replace(self.current, offset=offset)

    def step(self, direction: int) -> Visit | None:
        """One step back (-1) or forward (1); None at either end."""
        wanted = self._at + direction
        if not self._visits or not 0 <= wanted < len(self._visits):
            return None
        self._at = wanted
        return self._visits[wanted]

    def position(self) -> tuple[int, int]:
        """(current visit from 1, visits recorded)."""
        return self._at + 1, len(self._visits)
