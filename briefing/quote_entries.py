"""Quotes as a briefing shows them: each once, with every source that carries it, its wordings,
under one speaker; scare quotes never.

Part of the briefing model (`briefing.briefing_model`): the export's "Who said what" and key
points and the app's quotes pane all group quotes through here, so "quoted in N sources", a
speaker and a wording cannot differ between them.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from briefing.markdown_escape import one_line  # whitespace runs as one space, controls dropped
from briefing.models import Figure, Quote, SharedQuote, SpeakerKind

KIND_ORDER: dict[str, int] = {"person": 0, "organisation": 1, "role": 2}
EXCERPT_WORDS = 12  # a quote named in the key points: its first words only (the quote is under its speaker)
PHRASES_PER_SPEAKER = 12  # phrases quoted under one speaker before "and N more" (lifted by --full)


@dataclass(frozen=True, slots=True)
class Variant:
    """One wording of a quote and the sources that print it that way."""

    paragraphs: tuple[str, ...]
    sources: tuple[str, ...]
    relation: Literal["main", "shorter", "reworded"]  # to the main wording
    changed: tuple[tuple[int, int], ...] = ()  # "reworded": spans of `text` not in the main wording

    @property
    def text(self) -> str:
        return " ".join(self.paragraphs)


@dataclass(frozen=True, slots=True)
class QuoteEntry:
    """One quote, once, with every source in the briefing that carries it."""

    speaker: str | None
    speaker_kind: SpeakerKind
    kind: Literal["direct", "partial"]
    variants: tuple[Variant, ...]  # the main wording first
    sources: tuple[str, ...]  # in the briefing, in source order
    elsewhere: int  # sources outside the briefing carrying it too
    occurrences: tuple[Quote, ...]

    @property
    def main(self) -> Variant:
        return self.variants[0]

    @property
    def text(self) -> str:
        return self.main.text

    @property
    def quoted_in(self) -> int:
        return len(self.sources) + self.elsewhere


@dataclass(slots=True)
class SpeakerSection:
    name: str | None  # None: unattributed
    kind: SpeakerKind
    quotes: list[QuoteEntry]  # full quotes shown
    partials: list[QuoteEntry]  # phrases quoted, apart from the full quotes
    hidden: int = 0  # full quotes left out by the cap
    sources: tuple[str, ...] = ()
    hidden_partials: int = 0

    @property
    def shown(self) -> int:
        return len(self.quotes) + len(self.partials)

    @property
    def total(self) -> int:
        return len(self.quotes) + self.hidden + len(self.partials) + self.hidden_partials


_FOLD = re.compile(r"[^\w]+")


def fold_words(text: str) -> list[str]:
    """Words compared across outlets: case, punctuation and quotation marks ignored."""
    return [w for w in _FOLD.split(text.replace("’", "'").replace("'", "").casefold()) if w]


def speaker_name(quote: Quote) -> str | None:
    """The canonical speaker on one line, or None when there is no printable name."""
    return one_line(quote.speaker) or None


def speaker_kind(quote: Quote) -> SpeakerKind:
    """The extraction's kind of speaker; an unknown one is taken for a person."""
    return quote.speaker_kind or "person"


def is_scare_quote(entry: QuoteEntry) -> bool:
    """A phrase in quotation marks that is not somebody's words: never listed as a quote.

    A partial quote nobody is said to have said is a term or a scare quote ("safe"); so is
    a partial quote of one word, repeated or not ("operate", "one, one").
    """
    if entry.kind != "partial":
        return False
    return entry.speaker is None or len(set(fold_words(entry.text))) < 2


def span_key(item: Quote | Figure) -> tuple[str, int, int]:
    """A quote or figure by where it stands: the same key pins and the app use."""
    return (item.source, item.start, item.end)


def quote_entries(
    quotes: Sequence[Quote],
    shared: Sequence[SharedQuote] = (),
    order: Mapping[str, int] | None = None,
    within: set[str] | None = None,
) -> list[QuoteEntry]:
    """`quotes` as entries: a quote the comparison found in several sources (or the same words
    twice) is one entry citing them all, with its wordings; first seen first.

    The sources cited are those of `quotes` and, of the comparison's others, those `within` the
    briefing; the rest count as `elsewhere`.
    """
    order = order if order is not None else {}
    shared_of: dict[tuple[str, int, int], int] = {}
    for n, sq in enumerate(shared):
        for q in sq.quotes:
            shared_of.setdefault(span_key(q), n)
    by_words: dict[tuple[str, ...], object] = {}
    groups: dict[object, list[Quote]] = {}
    words_of: dict[tuple[str, int, int], tuple[str, ...]] = {}
    for q in quotes:
        words = words_of[span_key(q)] = tuple(fold_words(q.text))
        gid: object = shared_of.get(span_key(q))
        if gid is None:
            gid = by_words.get(words, span_key(q))
        by_words.setdefault(words, gid)
        groups.setdefault(gid, []).append(q)
    names: dict[str | None, str | None] = {None: None}  # a speaker's name as written -> on one line
    entries = []
    for gid, members in groups.items():
        group_shared = shared[gid] if isinstance(gid, int) else None
        if within and group_shared is not None:
            seen = {span_key(q) for q in members}
            members += [q for q in group_shared.quotes if q.source in within and span_key(q) not in seen]
        if len(members) > 1:
            members.sort(key=lambda q: (order.get(q.source, len(order)), q.start))
        said = [q for q in members + list(group_shared.quotes if group_shared else ()) if q.speaker]
        for q in said:
            if q.speaker not in names:
                names[q.speaker] = one_line(q.speaker) or None
        speakers = Counter(name for q in said if (name := names[q.speaker]))
        speaker = speakers.most_common(1)[0][0] if speakers else None
        kind_of = next((q for q in members if names.get(q.speaker) == speaker), members[0])
        in_scope = tuple(dict.fromkeys(q.source for q in members))
        everywhere = set(in_scope) | set(group_shared.sources if group_shared else ())
        entries.append(QuoteEntry(
            speaker=speaker,
            speaker_kind=speaker_kind(kind_of),
            kind="direct" if any(q.kind == "direct" for q in members) else "partial",
            variants=_variants(members, words_of),
            sources=in_scope,
            elsewhere=len(everywhere) - len(in_scope),
            occurrences=tuple(members),
        ))
    return entries


def _paragraphs(q: Quote) -> tuple[str, ...]:
    paragraphs = tuple(" ".join(p.split()) for p in q.paragraphs if p.strip())
    return paragraphs or (" ".join(q.text.split()),)


def _variants(
    members: Sequence[Quote], words_of: Mapping[tuple[str, int, int], tuple[str, ...]]
) -> tuple[Variant, ...]:
    """The wordings of one quote: the longest is the main one; the others are cuts of it or rewordings."""
    if len(members) == 1:
        return (Variant(_paragraphs(members[0]), (members[0].source,), "main"),)
    wordings: dict[tuple[str, ...], tuple[tuple[str, ...], list[str]]] = {}
    for q in members:
        words = words_of.get(span_key(q)) or tuple(fold_words(q.text))
        paragraphs, sources = wordings.setdefault(words, (_paragraphs(q), []))
        if q.source not in sources:
            sources.append(q.source)
    ranked = sorted(wordings.items(), key=lambda kv: -len(kv[0]))
    main_words, (main_paragraphs, main_sources) = ranked[0]
    out = [Variant(main_paragraphs, tuple(main_sources), "main")]
    joined = " " + " ".join(main_words) + " "
    for words, (paragraphs, sources) in ranked[1:]:
        if " " + " ".join(words) + " " in joined:
            out.append(Variant(paragraphs, tuple(sources), "shorter"))
        else:
            text = " ".join(paragraphs)
            out.append(Variant(paragraphs, tuple(sources), "reworded", _changed(text, main_words)))
    return tuple(out)


def _changed(text: str, main_words: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """Spans of `text` whose words the main wording does not have at that point."""
    tokens = [(m.start(), m.end(), fold_words(m.group())) for m in re.finditer(r"\S+", text)]
    tokens = [(s, e, w[0] if w else "") for s, e, w in tokens]
    matcher = difflib.SequenceMatcher(None, [w for _, _, w in tokens], list(main_words), autojunk=False)
    spans = []
    for op, i1, i2, _, _ in matcher.get_opcodes():
        if op in ("replace", "insert", "delete") and i2 > i1:
            spans.append((tokens[i1][0], tokens[i2 - 1][1]))
    return tuple(spans)


def speaker_sections(
    entries: Iterable[QuoteEntry], *, cap: int | None, keep_scare_quotes: bool = False
) -> list[SpeakerSection]:
    """Entries by speaker: people first, then organisations and roles, the most quoted first;
    unattributed last. Scare quotes are left out (unless the reader pinned them: `keep_scare_quotes`);
    each section's full quotes capped at `cap`."""
    by_speaker: dict[str | None, list[QuoteEntry]] = {}
    for entry in entries:
        if keep_scare_quotes or not is_scare_quote(entry):
            by_speaker.setdefault(entry.speaker, []).append(entry)
    sections = []
    for name, listed in by_speaker.items():
        full = sorted((e for e in listed if e.kind == "direct"), key=lambda e: -e.quoted_in)  # stable
        partials = [e for e in listed if e.kind == "partial"]
        shown = full if cap is None else full[:cap]
        phrases = partials if cap is None else partials[:PHRASES_PER_SPEAKER]
        kinds = Counter(e.speaker_kind for e in listed)
        sections.append(SpeakerSection(
            name, kinds.most_common(1)[0][0], shown, phrases, len(full) - len(shown),
            tuple(dict.fromkeys(s for e in listed for s in e.sources)), len(partials) - len(phrases),
        ))
    sections.sort(key=lambda s: (s.name is None, KIND_ORDER[s.kind], -s.total))
    return sections


def representative(section: SpeakerSection) -> QuoteEntry | None:
    """The speaker's quote most worth reading first: carried by the most sources, then of a readable length."""
    def score(e: QuoteEntry) -> tuple[int, int]:
        words = len(e.text.split())
        return (e.quoted_in, 1 if 8 <= words <= 45 else 0)

    best = None
    for entry in section.quotes:
        if best is None or score(entry) > score(best):
            best = entry
    return best


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    """The first words of a quote, always fewer than all of them: the quote itself is shown once, elsewhere."""
    parts = text.split()
    keep = min(words, max(1, len(parts) // 2)) if len(parts) <= words else words
    return " ".join(parts[:keep]).rstrip(",;:.") + "…"
