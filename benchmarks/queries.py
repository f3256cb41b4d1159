"""The fixed query set: 50 queries of every kind the app and CLI accept, with their baseline forms.

Each query is written once in briefing's syntax; the bare-Whoosh form drops what only briefing
has (`speaker:` searches quote documents there, the article text here), and the FTS5 form says
the same thing in FTS5's MATCH syntax plus an optional date range on a plain column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BenchQuery:
    text: str  # briefing's query language
    kind: str  # single, and, phrase, prefix, speaker, date
    fts: str | None  # FTS5 MATCH expression; None for a date-only query
    dates: tuple[str, str] | None = None  # ISO bounds, inclusive, for the FTS5 WHERE clause

    @property
    def bare(self) -> str:
        """The same query for a bare Whoosh index of title/body/date."""
        return re.sub(r"\bspeaker:", "", self.text)


def _q(text: str, kind: str, fts: str | None = None, dates: tuple[str, str] | None = None) -> BenchQuery:
    return BenchQuery(text, kind, fts if fts is not None or kind == "date" else text, dates)


QUERIES: tuple[BenchQuery, ...] = (
    *(_q(w, "single") for w in (
        "economy", "election", "film", "music", "football", "internet",
        "blair", "profit", "oil", "mobile", "chelsea", "labour",
    )),
    *(_q(f"{a} AND {b}", "and") for a, b in (
        ("economy", "growth"), ("blair", "brown"), ("film", "award"), ("mobile", "phone"), ("oil", "price"),
        ("chelsea", "mourinho"), ("tax", "election"), ("music", "download"), ("bank", "interest"),
        ("england", "rugby"),
    )),
    *(_q(f'"{p}"', "phrase") for p in (
        "prime minister", "interest rates", "world cup", "general election", "mobile phone",
        "box office", "chief executive", "six nations", "human rights", "oil prices",
    )),
    *(_q(p, "prefix") for p in ("elect*", "econom*", "champion*", "comput*", "invest*", "minist*", "digit*", "tele*")),
    _q("speaker:blair", "speaker", "blair"),
    _q("speaker:brown", "speaker", "brown"),
    _q("speaker:howard", "speaker", "howard"),
    _q("speaker:mourinho", "speaker", "mourinho"),
    _q("speaker:blair AND war", "speaker", "blair AND war"),
    _q("economy date:[20050101 TO 20051231]", "date", "economy", ("2005-01-01", "2005-12-31")),
    _q("film date:[20040101 TO 20041231]", "date", "film", ("2004-01-01", "2004-12-31")),
    _q("date:[20050101 TO 20050131]", "date", None, ("2005-01-01", "2005-01-31")),
    _q("blair date:[20040101 TO 20050601]", "date", "blair", ("2004-01-01", "2005-06-01")),
    _q('"prime minister" date:[20040601 TO 20050630]', "date", '"prime minister"', ("2004-06-01", "2005-06-30")),
)

# What the as-you-type probe types into the app, one key at a time.
TYPED = ("prime minister", "economy", "chelsea", "speaker:blair", "elect*")

assert len(QUERIES) == 50, len(QUERIES)
