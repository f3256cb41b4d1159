"""The person names an article writes, read once per text and kept.

`name_runs`: runs of capitalised words that may name a person, with their titles stripped;
`full_names`: those written in full (after a title or role, or whose surname is titled
elsewhere). Speaker resolution (`briefing.speakers`) reads both for every article on every
resolution, so they are cached by a digest of the text, and a build reads them where each
article is extracted (`read_names`, `adopt_names`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from briefing.extract.mentions import SENTENCE_STARTERS as _SENTENCE_STARTERS
from briefing.extract.names import CAP_RUN, LINK_WORDS, ORG_HINT, PARTY_WORDS, ROLE_WORDS, TITLED, strip_titles

Run = tuple[int, int, str, str]  # start, end, the run as written, the name without titles


def _name_runs(body: str) -> list[Run]:
    """(start, end, run as written, name without titles) for runs that may name a person."""
    out = []
    for match in CAP_RUN.finditer(body):
        run = match.group(0)
        first = run.split(" ", 1)[0]
        if first in _SENTENCE_STARTERS or (first.endswith(("ing", "ed", "ly")) and f" {first.lower()} " in body):
            run = run[len(first):].lstrip()  # "Despite Ted Cruz", "Did Donald Trump": not part of the name
        if " " not in run:
            continue
        name = strip_titles(run)
        words = name.split()
        if not 2 <= len(words) <= 3 or ORG_HINT.search(name) or PARTY_WORDS.search(name):
            continue
        out.append((match.start(), match.end(), run, name))
    return out


def _full_names(body: str) -> tuple[str, ...]:
    """Person names in full: after a title or role, or whose surname is also titled."""
    titled_surnames = {m.group(1) for m in TITLED.finditer(body)}
    names: list[str] = []
    for start, end, run, name in name_runs(body):
        words = name.split()
        if body.startswith(("'s", "’s"), end):
            continue
        before = body[max(0, start - 30):start].split()
        prev = before[-1].lower().strip(",") if before else ""
        role_before = prev in ROLE_WORDS and prev not in LINK_WORDS
        if (name != run or role_before or words[-1] in titled_surnames
                or body.count(words[-1]) > body.count(name)):  # "Carlos Moya ... said Moya"
            names.append(re.sub(r"['’]s$", "", name))
    return tuple(names)


# A body's name runs and full names depend on its text alone: kept across resolutions, so the
# app's refresh after one changed article re-reads one body, not 2,225 (0.5 s of 0.65 s at BBC
# scale). Keyed by a digest of the text, not the text: the app lets go of texts it has shown.
_TEXT_CACHE_MAX = 1 << 16
T = TypeVar("T")
_runs_by_text: dict[bytes, list[Run]] = {}
_full_names_by_text: dict[bytes, tuple[str, ...]] = {}


def _text_key(body: str) -> bytes:
    return hashlib.blake2b(body.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _by_text(table: dict[bytes, T], compute: Callable[[str], T], body: str) -> T:
    key = _text_key(body)
    found = table.get(key)
    if found is None:
        if len(table) >= _TEXT_CACHE_MAX:
            table.clear()
        found = table[key] = compute(body)
    return found


def name_runs(body: str) -> list[Run]:
    return _by_text(_runs_by_text, _name_runs, body)


def full_names(body: str) -> tuple[str, ...]:
    return _by_text(_full_names_by_text, _full_names, body)


BodyNames = dict[bytes, tuple[list[Run], tuple[str, ...]]]


def read_names(bodies: Iterable[str]) -> BodyNames:
    """What resolution reads in each body (its name runs and full names), keyed as kept across
    resolutions. A build reads them where each article is extracted, in both processes, so the
    corpus-wide resolution after extraction, which nothing else overlaps, starts with them read."""
    out: BodyNames = {}
    for body in bodies:
        names = full_names(body)  # reads the runs too
        out[_text_key(body)] = (name_runs(body), names)
    return out


def adopt_names(read: BodyNames) -> None:
    """Keep names another process read (`read_names`) as if read here."""
    for key, (runs, names) in read.items():
        if len(_runs_by_text) >= _TEXT_CACHE_MAX or len(_full_names_by_text) >= _TEXT_CACHE_MAX:
            return  # full: the rest is read again when needed
        _runs_by_text.setdefault(key, runs)
        _full_names_by_text.setdefault(key, names)
