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


_TERM_UNDER_DISCUSSION = re.compile(r"\b(?:whether|if)\s*$")
_AUXILIARY = re.compile(r"^\s+(?:would|will|is|was|are|were|has|had|can|could|should|may|might|must)\b")
_CLASSIFIED_AS = re.compile(r"\b(?:is|was|are|were|be|being|as)\s+an?\s*$")
_PERMITTED_TO = re.compile(r"\b(?:allowed|permitted|able|free|going|expected|due|set)\s+to\s*$")
_NOUN_AFTER = re.compile(r"^\s+(?:country|place|state|nation|area|zone|route|option|way|haven)s?\b")
_ADVERB_AFTER = re.compile(r"^\s+(?:soon|now|again|there|here|freely|properly|normally|today|later|quickly)\b")


def is_scare_quote(text: str, lead: str, after: str) -> bool:
    """Words in marks that the reporter names or holds at arm's length rather than quotes anyone
    by: a term under discussion (`whether “one, one” would be agreed`), a label given to a place
    (`France is a “safe” country`), a verb used as a technical term (`allowed to “operate” soon`).

    Kept narrow on purpose: in annotated US news most single quoted words (`an “awful” job`) are
    somebody's words (PolNeAR counts them as quotes); broader rules cost 2 points of recall there.
    """
    words = text.strip().split()
    if not words or len(words) > 4 or text.rstrip()[-1:] in ".!?":
        return False
    lead = lead.rstrip()
    if _TERM_UNDER_DISCUSSION.search(lead) and _AUXILIARY.match(after):
        return True
    if len(words) == 1 and text.rstrip()[-1:] not in ",;:":
        if _CLASSIFIED_AS.search(lead) and _NOUN_AFTER.match(after):
            return True
        if _PERMITTED_TO.search(lead) and _ADVERB_AFTER.match(after):
            return True
    return False
