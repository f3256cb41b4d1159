"""Direct and partial quotes, and who said them, by rules alone: a pipeline of small stages.

No language model can be downloaded here, so quotes are found with a small state machine over the
quotation marks and attributed from the clause structure around them. News prose is regular
enough that this is both accurate and fast (about 1 ms of CPU an article). The guiding rule for
speakers: a wrong name is worse than none, so anything unsure is left unattributed.

The stages, each in `briefing.extract` with its own tests (tests/test_extract.py):

1. `sentences`: sentence ends that know titles, initials and abbreviations (`Sen.`, `U.S.`).
2. `mentions`: names with titles, initials, suffixes and party tags; the speaker's kind
   (`person`, `organisation`, `role`); whether a mention can speak at all.
3. `cues`: one lexicon of reporting verbs in every inflection, cue nouns and `according to`.
4. `spans` and `titles`: where quotes open and close (curly marks face a way; a straight mark
   opens after whitespace; multi-paragraph quotes are one span), and what kind each is: `direct`
   (an utterance), `partial` (a phrase in a sentence that reports speech), or nothing (a scare
   quote, a programme title, a markup value).
5. `attribution` and `subjects`: the source is the grammatical subject of the cue, through
   appositives, relative clauses, party tags, participles (`, saying`), coordination (`and called
   him`), inversion (`said X`), colon frames (`X:`, `X resisted:`), dash bylines and `according
   to`; `attribution` finds the clause, `subjects` the words in it that name the source.
6. `coreference`: pronouns, roles and bare surnames to the person the article names; a quote
   with no clause continues the previous speaker; shared surnames told apart by title and recency.

`patterns` holds the regexes the stages share. This module runs them over one article; it fills
`speaker_as_written` (the naming mention, or for a pronoun the mention it refers to) and
`speaker_kind`; `briefing.speakers` turns the mention into one canonical name across the corpus.
"""

from __future__ import annotations

from dataclasses import replace

from briefing.extract.attribution import Attribution
from briefing.extract.coreference import Coreference
from briefing.extract.mentions import speaker_kind
from briefing.extract.patterns import (
    FINITE,
    MARKS,
    SENTENCE_END_IN_AFTER,
    SPEAKS_OF,
    Event,
    before_clause,
)
from briefing.extract.spans import SpanFinder
from briefing.extract.subjects import Subjects
from briefing.models import Quote, QuoteKind, Source


def extract_quotes(source: Source) -> list[Quote]:
    """Every quote in the source body, in order, with its speaker as written (or None)."""
    try:
        return _Extractor(source).run()
    except RecursionError:  # pragma: no cover - defensive; the rules are iterative
        return []


class _Extractor(SpanFinder, Attribution, Subjects, Coreference):
    """The stages over one article: spans, kinds, attribution, coreference."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.body = source.body
        spans = source.paragraphs or ((0, len(self.body)),)
        self.para_starts = [s for s, _ in spans]
        self.para_spans = list(spans)
        self._genders: dict[str, str] | None = None
        self._events: list[Event] | None = None
        self._event_pos: list[int] = []
        self.orphans: set[int] = set()
        self._runs: list[tuple[int, int, str, bool]] | None = None
        self._gender_cache: dict[str, str | None] = {}
        self._before_surname: dict[str, tuple[str, ...]] = {}
        self.quote_spans: list[tuple[int, int]] = []
        self.surname_speakers: list[tuple[int, str]] = []  # (quote, full name) told apart by a title

    # -- finding the quoted spans ------------------------------------------------

    def run(self) -> list[Quote]:
        quotes: list[Quote] = []
        prev_close = -1
        prev_speaker: str | None = None
        prev_end = -1
        prev_kind: str | None = None
        self.quote_spans = self.spans()
        for open_at, close_at in self.quote_spans:
            start, end = open_at + 1, close_at
            text = self.body[start:end]
            if not text.strip():
                continue
            body = self.body
            para = self.para_of(open_at)
            ps = self.para_spans[para][0]
            lo = max(ps, prev_close + 1, open_at - 400)
            before_full = body[lo:open_at]
            cut = self.sentence_start(lo, open_at)
            before = body[cut:open_at]
            close_para_end = self.para_spans[self.para_of(close_at)][1]
            after = body[close_at + 1:min(close_para_end, close_at + 300)]
            nxt = MARKS.search(after)
            if nxt:
                after = after[:nxt.start()]
            if after[:1] in ".!?…" and after[:1]:
                after = ""
            end_match = SENTENCE_END_IN_AFTER.search(after)
            if end_match:
                after = after[:end_match.start()]
            lead = before.strip()
            sentence = ""  # the quote's sentence before it, read only where it is used
            if open_at in self.orphans:
                kind: QuoteKind | None = "direct"
            elif (prev_kind == "direct" and lo == prev_close + 1 and lead.endswith(",")
                  and len(lead.split()) <= 6 and before_clause(lead)):
                kind = "direct"  # `"...," he said, "and the rest."`: the same quote, interrupted
            else:
                sentence = self.sentence_before(ps, open_at)
                kind = self.classify(text, before, after, sentence)
            if kind is None:
                prev_close = close_at
                prev_kind = None
                continue
            prev_kind = kind
            context = before if kind == "direct" else sentence  # not direct: classify read the sentence
            if kind == "direct" and not before.strip() and para > 0:
                context = self.colon_paragraph_before(para) or context
            speaker = self.attribute(text, context, after, open_at, kind,
                                     open_at + 1 if open_at in self.orphans else cut)
            if speaker is None and kind == "direct" and not after.strip():
                speaker = self.byline_below(close_at)
            if speaker is None and kind == "direct":
                speaker = self.inherit(open_at, before_full, before, prev_speaker, prev_end, after)
            speaker = self.usable(speaker)
            if speaker:
                speaker = self.shared_surname(speaker, open_at)
            quotes.append(Quote(self.source.id, text, start, end, kind, None, speaker, speaker_kind(speaker)))
            if kind == "direct":
                prev_speaker, prev_end = speaker, close_at
                if speaker:
                    self.add_event(Event(open_at, speaker, *self.describe(speaker)))
            prev_close = close_at
        return self.share_sentence_speakers(quotes)

    def share_sentence_speakers(self, quotes: list[Quote]) -> list[Quote]:
        """`The promise to “take our country back” and “make America great again” appeals to …,
        said Alan Abramowitz.`: partial quotes joined with nothing that could report either share
        the speaker of the last, whose words run up to the reporting clause."""
        for i in range(len(quotes) - 2, -1, -1):
            here, nxt = quotes[i], quotes[i + 1]
            if (here.kind == "partial" and nxt.kind == "partial" and here.speaker_as_written is None
                    and nxt.speaker_as_written and self.no_clause_between(here.end + 1, nxt.start - 1)
                    and not here.text.rstrip("'’\" ").endswith((".", "!", "?"))):
                quotes[i] = replace(here, speaker_as_written=nxt.speaker_as_written, speaker_kind=nxt.speaker_kind)
        return quotes

    def no_clause_between(self, lo: int, hi: int) -> bool:
        """`“…” and “…”`, `“…”, “…”`: nothing between two quotes that could report either."""
        gap = self.body[lo:hi]
        return len(gap) <= 40 and not FINITE.search(gap) and not SPEAKS_OF.search(gap) and "\n" not in gap
