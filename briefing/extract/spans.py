"""Stage 4, quotes: where quotations open and close, and whether each is a direct quote, a partial
quote or not a quote at all (a scare quote, a title).

A mixin of the extractor (`briefing.quotes`): it reads `self.body` and the paragraph spans.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from briefing.extract.cues import SPEECH_CUE
from briefing.extract.patterns import (
    AMBIGUOUS,
    ANY_VERB,
    CLOSE,
    CLOSERS,
    FIRST_PERSON,
    LEFT_BOUNDARY,
    MARKS,
    NESTED_TAIL,
    OPEN,
    OPENERS,
    RIGHT_BOUNDARY,
    SENTENCE_END_MARK,
    SENTENCE_PUNCT,
    VERB,
    before_clause,
)
from briefing.extract.sentences import SENTENCE_BREAK as _SENTENCE_BREAK
from briefing.extract.titles import is_scare_quote, names_a_thing
from briefing.models import QuoteKind


class SpanFinder:
    """Stage 4, quotes: where quotations open and close, and whether each is a direct quote, a partial"""

    def para_of(self, pos: int) -> int:
        return max(0, bisect_right(self.para_starts, pos) - 1)

    def mark_type(self, pos: int) -> int:
        body = self.body
        ch = body[pos]
        if ch in OPENERS:
            return OPEN
        if ch in CLOSERS:
            return CLOSE
        prev = body[pos - 1] if pos > 0 else " "
        nxt = body[pos + 1] if pos + 1 < len(body) else " "
        left = prev.isspace() or prev in LEFT_BOUNDARY
        right = nxt.isspace() or nxt in RIGHT_BOUNDARY
        if left and not right:
            return OPEN
        if right and not left:
            return CLOSE
        return AMBIGUOUS

    def spans(self) -> list[tuple[int, int]]:
        """(open mark, close mark) positions; multi-paragraph quotes are one span."""
        body = self.body
        out: list[tuple[int, int]] = []
        open_at: int | None = None
        last_open = -1  # the latest (re-)opening mark of the open quote
        cur_para = -1
        marks = [m.start() for m in MARKS.finditer(body)]
        skip: set[int] = set()
        for i, pos in enumerate(marks):
            if pos in skip:
                continue
            kind = self.mark_type(pos)
            para = self.para_of(pos)
            if open_at is not None and para != cur_para:
                at_start = not body[self.para_starts[para]:pos].strip()
                if kind != CLOSE and at_start and para == cur_para + 1:
                    cur_para, last_open = para, pos  # newspaper convention: the quote runs on
                    continue
                self.salvage(open_at, self.para_spans[cur_para][1], out)
                open_at = None
            if kind == AMBIGUOUS:
                kind = CLOSE if open_at is not None else OPEN
            if kind == OPEN:
                if open_at is None:
                    open_at, last_open, cur_para = pos, pos, para
                    continue
                before = body[last_open + 1:pos].rstrip()
                mid_sentence = not before or before[-1] not in SENTENCE_PUNCT
                if mid_sentence and self.nested(marks, i, para):
                    skip.add(marks[i + 1])  # `"... he was the "Father of the House" and ...`
                    continue
                if before and before[-1] in SENTENCE_PUNCT and len(before) > 1:
                    narrative = self.narrative_tail(last_open + 1, pos)
                    if narrative is None:
                        last_open = pos  # re-opened after a sentence: paragraphs run together
                        continue
                    self.salvage(open_at, narrative, out)
                else:
                    self.salvage(open_at, pos, out)
                open_at, last_open, cur_para = pos, pos, para
            elif open_at is not None:
                out.append((open_at, pos))
                open_at = None
            else:
                self.orphan(pos, para, out)
        if open_at is not None:
            self.salvage(open_at, self.para_spans[cur_para][1] if cur_para >= 0 else len(body), out)
        return out

    def nested(self, marks: list[int], i: int, para: int) -> bool:
        """A short quotation inside an open quote, marked with the same double marks.

        The inner pair closes within a few words, mid-sentence (a lowercase word
        follows), and the outer quote still closes later in the same paragraph or
        runs on into the next one.
        """
        if i + 2 >= len(marks):
            return False
        inner_close, outer_close = marks[i + 1], marks[i + 2]
        if inner_close - marks[i] > 80 or self.mark_type(inner_close) == OPEN:
            return False
        outer_para = self.para_of(outer_close)
        runs_on = (outer_para == para + 1
                   and not self.body[self.para_starts[outer_para]:outer_close].strip())
        if not runs_on and (outer_para != para or self.mark_type(outer_close) == OPEN):
            return False
        return bool(NESTED_TAIL.match(self.body, inner_close + 1))

    def narrative_tail(self, start: int, pos: int) -> int | None:
        """Where the reporter's own sentence starts, if the text before a re-opening mark has one.

        `"...happens. Meanwhile, a spokesman said no one had pressed him. "Quote` is
        not one quote running on: the last sentence reports speech in the third
        person, so the earlier quote ended before it.
        """
        segment = self.body[start:pos].rstrip()
        breaks = [m.end() for m in _SENTENCE_BREAK.finditer(segment)]
        last_start = breaks[-1] if breaks else 0
        if last_start == 0:
            return None
        sentence = segment[last_start:]
        if FIRST_PERSON.search(sentence) or not ANY_VERB.search(sentence):
            return None
        return start + last_start

    def orphan(self, pos: int, para: int, out: list[tuple[int, int]]) -> None:
        """A closing mark with no opening one, followed by `he said`: the sentence is the quote."""
        body = self.body
        ps = self.para_spans[para][0]
        if body[pos - 1:pos] not in (",", "?", "!"):
            return
        after = body[pos + 1:pos + 80]
        if not re.match(rf"\s*(?:he|she|they|[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?)\s+{VERB}\b", after):
            return
        lo = max(ps, pos - 400, out[-1][1] + 1 if out else 0)
        start = lo
        for brk in _SENTENCE_BREAK.finditer(body, lo, pos):
            start = brk.end()
        if len(body[start:pos].split()) >= 3 and MARKS.search(body, start, pos) is None:
            out.append((start - 1, pos))
            self.orphans.add(start - 1)

    def salvage(self, open_at: int, limit: int, out: list[tuple[int, int]]) -> None:
        """An unclosed quote: keep it only where its end is plain.

        `"I lost three years. He added: "...` keeps `I lost three years.` (the
        sentence carrying the next reporting clause is not part of the quote); a
        quote running to the end of its paragraph lost its closing mark there.
        """
        segment = self.body[open_at + 1:limit].rstrip()
        ends = [m.end() for m in SENTENCE_END_MARK.finditer(segment)]
        if not ends or len(segment.split()) < 3:
            return
        tail = segment[ends[-1]:]
        if not tail.strip():
            out.append((open_at, open_at + 1 + ends[-1]))
        elif ANY_VERB.search(tail) and len(tail) < 120 and len(segment[:ends[-1]].split()) >= 3:
            out.append((open_at, open_at + 1 + ends[-1]))

    # -- one quote ----------------------------------------------------------------

    def sentence_start(self, lo: int, open_at: int) -> int:
        """Where the sentence holding the mark at `open_at` starts, looking back no further than `lo`."""
        cut = lo
        for brk in _SENTENCE_BREAK.finditer(self.body, lo, min(len(self.body), open_at + 1)):
            if brk.end() <= open_at:
                cut = brk.end()
        return cut

    def sentence_before(self, para_start: int, open_at: int) -> str:
        """The quote's sentence up to its opening mark, earlier quotes in it included."""
        return self.body[self.sentence_start(max(para_start, open_at - 400), open_at):open_at]

    def classify(self, text: str, before: str, after: str, sentence: str = "") -> QuoteKind | None:
        stripped = text.strip().strip("'‘’")
        words = stripped.split()
        if not words or names_a_thing(text, before):
            return None
        first_alpha = next((c for c in stripped if c.isalpha()), "")
        upper = first_alpha.isupper()
        ends_punct = stripped[-1] in ".,!?…-—–:;" or stripped.endswith("...")
        lead = before.rstrip()
        lead_char = lead[-1:] if lead else ""
        titleish = not ends_punct and sum(w[:1].isupper() for w in words) >= max(1, len(words) * 0.6)
        multi = "\n" in text or len(_SENTENCE_BREAK.findall(stripped)) > 0
        if lead_char == ":":
            return "direct" if (ends_punct or len(words) >= 3 or multi) else "partial"
        sentence_start = not lead or (lead_char in "([—–-" and len(lead) < 3)
        if sentence_start:
            if multi or (ends_punct and (len(words) >= 3 or after.strip()[:1].islower() or not after.strip())):
                return "direct"
            if len(words) >= 5 and not titleish:
                return "direct"
            return self.partial_or_none(sentence or before, after, titleish, text)
        verb_before = before_clause(lead) if len(lead) < 250 else None
        if lead_char == "," or verb_before:
            if upper and (len(words) >= 4 or (ends_punct and len(words) >= 2)) and not titleish:
                if verb_before or lead_char == ",":
                    return "direct"
        if upper and multi and len(words) >= 6:
            return "direct"
        return self.partial_or_none(sentence or before, after, titleish, text)

    @staticmethod
    def partial_or_none(before: str, after: str, titleish: bool, text: str = "") -> QuoteKind | None:
        if titleish and not ANY_VERB.search(before):
            return None
        if is_scare_quote(text, before, after):
            return None
        if SPEECH_CUE.search(before) or SPEECH_CUE.search(after):
            return "partial"
        return None

    # -- attribution --------------------------------------------------------------
