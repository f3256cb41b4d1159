"""Sentence boundaries in news prose, abbreviation-aware and cheap.

One regex scan: a `.`, `!`, `?` or `…` (with any closing marks) followed by space and something that
can start a sentence, unless the full stop closes a title (`Mr.`, `Sen.`, `Lt. Gen.`), an initial
(`Mary J. Blake`, `U.S.`, `D.C.`), a state abbreviation (`Ore.`, `Calif.`) or a common
abbreviation (`No.`, `vs.`). A regex with fixed-width look-behinds (after the full stop, so that
they run only there), grouped by length, because
Python's look-behind must be fixed width; a token-level splitter measured slower.

An abbreviation at the real end of a sentence (`… moved to Washington, D.C. Officials said`) is
missed unless a word that only starts sentences follows (`the U.S. While`, `U.S. He said`): a
sentence running long costs attribution less than a name cut in two.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Words that end with a full stop and rarely end a sentence; case matters ("Gen." not "gen.").
ABBREVIATIONS = (
    "Mr Mrs Ms Dr St Jr Sr Prof Sen Rep Gov Lt Gen Col Sgt Capt Adm Maj Cmdr Gens Sens Reps Rev Hon "
    "Pres Atty Supt Insp Det Gov Amb Fr Messrs Mt Ft No Nos vs etc Inc Corp Co Ltd Bros Jan Feb Mar Apr "
    "Aug Sept Sep Oct Nov Dec Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass "
    "Mich Minn Miss Mo Mont Neb Nev Okla Ore Pa Penn Tenn Tex Va Vt Wash Wis Wisc Wyo"
).split()
# Not state abbreviations that are also ordinary sentence-final words in English text.
_SENTENCE_FINAL_OK = {"Miss", "Wash", "Ill", "Ind", "Mass", "La", "Co", "No"}


def _by_length() -> list[list[str]]:
    """The abbreviations that count, escaped, one sorted group per length (a look-behind is fixed width)."""
    by_len: dict[int, list[str]] = {}
    for word in set(ABBREVIATIONS) - _SENTENCE_FINAL_OK:
        by_len.setdefault(len(word), []).append(re.escape(word))
    return [sorted(words) for _, words in sorted(by_len.items())]


def _lookbehinds() -> str:
    parts = [rf"(?<!\b(?:{'|'.join(words)})\.)" for words in _by_length()]
    # A single capital letter (an initial, `U.S.`, `D.C.`) and `a.m.`/`p.m.`-style pairs.
    parts.append(r"(?<!\b[A-Z]\.)(?<!\.[A-Za-z]\.)")
    return "".join(parts)


def _positive_lookbehinds() -> str:
    parts = [rf"(?<=\b(?:{'|'.join(words)})\.)" for words in _by_length()]
    return "(?:" + "|".join([*parts, r"(?<=\b[A-Z]\.)"]) + ")"


# A full stop that may end a sentence, and one that closes an abbreviation (regex source, to build on).
FULL_STOP = rf"\.{_lookbehinds()}(?!(?<=\bNo\.)\s+\d)"  # `No. 5` goes on
ABBREVIATION_DOT = rf"\.{_positive_lookbehinds()}"
# A sentence ends after this match (its end is where the next sentence starts).
# `… entering the U.S. While Clinton …`: after letters-and-dots, a word that only starts sentences.
_AFTER_INITIALS = (
    r"(?<=\b[A-Z]\.[A-Z]\.)\s+(?=(?:The|He|She|It|They|We|I|But|While|Although|However|When|After|This|"
    r"That|These|Those|His|Her|Their|Its|In|On|At|As|And|If|Yet|Still|Meanwhile)\s)"
)
SENTENCE_BREAK = re.compile(rf"(?:{FULL_STOP}|[!?…])[\"”’)]*\s+(?=[\"“‘(A-Z0-9])|{_AFTER_INITIALS}|\n")


def sentence_starts(text: str, lo: int = 0, hi: int | None = None) -> Iterator[int]:
    """Offsets in `text[lo:hi]` where a new sentence starts (each break's end)."""
    for match in SENTENCE_BREAK.finditer(text, lo, len(text) if hi is None else hi):
        yield match.end()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence in the text, blank ones left out."""
    spans, start = [], 0
    for cut in sentence_starts(text):
        if text[start:cut].strip():
            spans.append((start, cut))
        start = cut
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans
