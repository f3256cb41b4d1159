"""Quoted words that name a thing (a programme, a book, a markup value), not anybody's words.

`told CNN’s “State of the Union”`, `on the podcast “Here’s the Thing.”`, `<tweet id="123">`:
the marks are real but nobody is quoted. The rule: the words before the mark introduce a title
(`on`, `in`, a possessive, `the show`, `titled`) and the quoted words read as one (short, every
content word capitalised); or the mark opens a markup attribute (`=`).
"""

from __future__ import annotations

import re

_TITLE_LEAD = re.compile(
    r"(?:\b(?:on|in|for|at|watch|watching|read|reading|titled|entitled|headlined|dubbed|named|"
    r"called|show|program|programme|podcast|book|memoir|film|movie|series|documentary|column|song|"
    r"album|novel|essay|article|op-ed|broadcast|episode|segment|play|musical|hit|single|newsletter|"
    r"magazine|blog|channel|station|network|event|conference|tour|initiative|plan|act|bill)|['’]s)\s*$",
    re.I,
)
_SMALL = {"a", "an", "the", "of", "and", "or", "in", "on", "for", "to", "at", "with", "by", "from", "is",
          "are", "be", "as", "vs", "vs.", "&", "-", "—", "–"}
_MAX_TITLE_WORDS = 8


def reads_as_title(text: str) -> bool:
    """Short, and every content word capitalised (or a number): `State of the Union`, `New Day.`"""
    words = text.strip().strip("\"“”'‘’.,!?:;").split()
    if not words or len(words) > _MAX_TITLE_WORDS:
        return False
    content = [w for w in words if w.lower() not in _SMALL]
    return bool(content) and all(w[:1].isupper() or w[:1].isdigit() or w[:1] in "#@" for w in content)


def names_a_thing(text: str, lead: str) -> bool:
    """The quoted `text`, after `lead` (the words of its sentence before the mark), is a title or a
    markup value rather than a quotation."""
    lead = lead.rstrip()
    if lead.endswith("="):
        return True
    return bool(_TITLE_LEAD.search(lead)) and reads_as_title(text)
