"""Shortening a title (or any one-line label) the way an editor would.

Every place that cuts text to a width (the source list, the reader's header, the palette, copied
citations, the export, the loader's titles taken from a lead sentence) cuts through `shorten`:
at a word, never mid-phrase without saying so ("…"), and never leaving a quote mark open
(`a “new` is dropped, `“new tactics and` is closed). Pure text, no UI.
"""

from __future__ import annotations

ELLIPSIS = "…"
PAIRS = {"“": "”", "‘": "’", "«": "»", "(": ")", "[": "]", '"': '"'}
CLOSERS = {close: opening for opening, close in PAIRS.items()}
# Words that leave a phrase hanging when a cut ends on them ("a key focus of their…"): dropped.
_HANGING_WORDS = frozenset(
    "a an the and or but nor of to by in on at for with from as that than their his her its our your my "
    "this these those who which is are was were be will would".split()
)
# Left at the end of a cut, these read as a phrase going on: dropped before the "…" (a straight `"`
# may be closing: `_balanced` drops it when it opens).
_DANGLING = " ,;:-–—/&“‘«(["


def one_line(text: str) -> str:
    """Whitespace (newlines, tabs, paragraph breaks) collapsed to single spaces."""
    return " ".join(text.split())


def shorten(text: str, limit: int | None) -> str:
    """`text` on one line in at most `limit` characters: cut at a word, marks balanced, "…" added.

    Text that fits is only collapsed to one line. A single word longer than the limit is cut
    inside the word (still with "…"). The result, closing marks included, is never longer than
    `limit`.
    """
    text = one_line(text)
    if limit is None or len(text) <= limit:
        return text
    if limit <= 1:
        return ELLIPSIS[:limit]
    room = limit - len(ELLIPSIS)
    while room > 0:
        head = _balanced(_without_hanging_words(_balanced(_cut_at_word(text, room))))
        closers = "".join(PAIRS[mark] for mark in reversed(open_marks(head)))
        if head and len(head) + len(ELLIPSIS) + len(closers) <= limit:
            return head + ELLIPSIS + closers
        room -= max(len(closers), 1)
    return ELLIPSIS


def _cut_at_word(text: str, room: int) -> str:
    """The longest start of `text` within `room` characters that ends at a word's end."""
    if len(text) > room and text[room] == " ":
        head = text[:room]
    else:
        head = text[:room]
        space = head.rfind(" ")
        if space > room // 3:  # else one long word: cut inside it rather than show almost nothing
            head = head[:space]
    return head.rstrip(_DANGLING)


def _without_hanging_words(head: str) -> str:
    """Drop the last words while they are ones a phrase cannot end on (two at most, keeping half the text)."""
    for _ in range(2):
        before, space, last = head.rpartition(" ")
        if not space or last.casefold() not in _HANGING_WORDS or len(before) < len(head) // 2:
            break
        head = before.rstrip(_DANGLING)
    return head


def _balanced(head: str) -> str:
    """Drop a last word that opens a mark it never closes (`and a “new` → `and a`)."""
    marks = open_marks(head)
    if not marks:
        return head
    last_space = head.rfind(" ")
    opened_at = _last_open_position(head)
    if opened_at is not None and opened_at > last_space and last_space > 0:
        return head[:last_space].rstrip(_DANGLING)
    return head


def open_marks(text: str) -> list[str]:
    """The opening marks (“ ‘ « ( [ ") that `text` leaves open, outermost first.

    A ’ between letters is an apostrophe (Macron’s), not the end of a ‘quote’.
    """
    stack: list[str] = []
    for index, ch in enumerate(text):
        if ch == '"':
            if stack and stack[-1] == '"':
                stack.pop()
            else:
                stack.append(ch)
        elif ch in PAIRS:
            stack.append(ch)
        elif ch in CLOSERS:
            if ch == "’" and index + 1 < len(text) and text[index + 1].isalpha():
                continue
            if stack and stack[-1] == CLOSERS[ch]:
                stack.pop()
    return stack


def _last_open_position(text: str) -> int | None:
    """Where the innermost mark left open was opened."""
    marks = open_marks(text)
    if not marks:
        return None
    for index in range(len(text) - 1, -1, -1):
        if text[index] == marks[-1] and open_marks(text[:index]) == marks[:-1]:
            return index
    return None


def short_id(source_id: str) -> str:
    """How a source id is shown beside others: "000_23ed8d…" reads as "000" (as the figures' notes have
    it); an id without a numeric head is shown whole."""
    head = source_id.split("_", 1)[0]
    return head if head.isdigit() and head != source_id else source_id
