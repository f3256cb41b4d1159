"""What a figure's period and qualifier mean for comparing it with another.

`£500m over three years`, `£400m a year` and `more than £700m since 2018` only compare once
each is a rate (about £167m, £400m and over £100m a year); `almost £500m` and `about £500m`
agree because each stands for a range of true values, not a point. Pure functions over a
figure's written fields (`period`, `qualifier`, `value`) and the date its article speaks from.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass
from datetime import date

from briefing.models import Figure

RATE_KINDS = ("money", "count")  # a percentage "a year" is a growth rate: not summed over time
ROUNDING = 0.05  # at most: a plain figure stands for what rounds to it (news rounds: 21,000, £400m)
APPROXIMATE = 0.1  # "about", "around", "some": within 10%

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "fifty": 50, "couple of": 2,
}
_PER = {"year": 1.0, "annum": 1.0, "month": 12.0, "week": 52.0, "day": 365.0, "quarter": 4.0}
_RATE = re.compile(r"^(?:a|an|per|each|every)\s+(year|annum|month|week|day|quarter)$")
_RATE_WORDS = {"annually": "year", "yearly": "year", "monthly": "month", "weekly": "week", "daily": "day"}
_RATE_WORD = re.compile(r"^(annually|yearly|monthly|weekly|daily)$")
_SPAN = re.compile(
    r"^(?:over|in|during|within|for|across)\s+(?:the\s+)?(?:next\s+|past\s+|last\s+|coming\s+|first\s+|previous\s+)?"
    r"(\d+|[a-z]+(?: of)?)\s+(years|decades)$"
)
_DECADE = re.compile(r"^(?:over|in|during|within|for)\s+(?:the\s+|a\s+)?(?:next\s+|past\s+|last\s+|coming\s+)?decade$")
_SINCE = re.compile(r"^since\s+(?:(?P<month>[a-z]+)\s+)?(?P<year>(?:19|20)\d\d)$")
# a running total ("so far in 2025", "by July") or a target ("by 2010") is read at a date, not over a period
_RUNNING = re.compile(r"\b(?:so far|to date|by|since|up to|until)\b")
# "\b(?:19[5-9]\d|20\d\d)\b", written to start with a digit: a pattern that opens with an assertion
# is tried at every position of an article body (latest_year), four times slower
_YEAR = re.compile(r"(?:1(?<!\w1)9[5-9]|2(?<!\w2)0\d)\d\b")
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_PART = re.compile(r"\b(first|second|third|fourth|final|last)\s+(quarter|half)\b")

_AT_MOST = ("up to", "less than", "fewer than", "under", "below", "at most", "as much as", "as many as",
            "as little as", "as few as", "no more than", "a maximum of", "well under", "well below")
_AT_LEAST = ("more than", "over", "above", "at least", "in excess of", "upwards of", "no less than",
             "no fewer than", "a minimum of", "well over", "well above")
_JUST_BELOW = ("almost", "nearly", "just under", "close to")
_JUST_ABOVE = ("just over",)
_APPROX = ("about", "around", "approximately", "approx", "approx.", "roughly", "some", "an estimated",
           "estimated", "circa", "c.", "an average of", "on average", "average")


@dataclass(frozen=True, slots=True)
class Reading:
    """One figure as the comparison sees it: a range of true values, and of yearly rates."""

    low: float
    high: float
    factor: float | None  # value × factor = per year; None where the text gives no rate
    anchor: tuple | None  # the calendar period the value belongs to, where the text pins one

    @property
    def per_year(self) -> tuple[float, float] | None:
        if self.factor is None:
            return None
        return (self.low * self.factor, self.high * self.factor)


def rounding(value: float) -> float:
    """Half a unit of the last significant digit written, as a share of the value, at most 5%:
    "21,000" stands for 20,500–21,500, "5.2%" for 5.15–5.25, "£400m" for £380m–£420m."""
    if value <= 0:
        return ROUNDING
    text = f"{value:.6f}".rstrip("0")
    if text.endswith("."):
        digits = text[:-1]
        unit = 10.0 ** (len(digits) - len(digits.rstrip("0")))
    else:
        unit = 10.0 ** -(len(text) - text.index(".") - 1)
    return min(ROUNDING, unit / 2 / value)


def bounds(value: float, qualifier: str | None) -> tuple[float, float]:
    """The true values a written figure allows: `almost 500` is 450–500, `more than 700` 700 and up."""
    q = " ".join((qualifier or "").lower().split())
    r = rounding(value)
    if q in _AT_MOST:
        return (0.0, value * (1 + r))
    if q in _AT_LEAST:
        return (value * (1 - r), math.inf)
    if q in _JUST_BELOW:
        return (value * (1 - APPROXIMATE), value * (1 + r))
    if q in _JUST_ABOVE:
        return (value * (1 - r), value * (1 + APPROXIMATE))
    if q in _APPROX:
        return (value * (1 - APPROXIMATE), value * (1 + APPROXIMATE))
    return (value * (1 - r), value * (1 + r))


def overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _count(word: str) -> float | None:
    if word.isdigit():
        return float(word)
    return _NUMBER_WORDS.get(word)


def yearly_factor(figure: Figure, as_of: date | None) -> float | None:
    """What multiplies the figure to give a yearly rate, where its period says.

    `a week` ×52, `over three years` ⅓, `since 2018` in an article of June 2025 1/7 (from the middle
    of the first year); `last week`, `in 2003` or `so far this year` are no rate: None.
    """
    if figure.kind not in RATE_KINDS or not figure.period or _baseline(figure):
        return None
    period = " ".join(figure.period.lower().split())
    m = _RATE.match(period)
    if m:
        return _PER[m.group(1)]
    m = _RATE_WORD.match(period)
    if m:
        return _PER[_RATE_WORDS[m.group(1)]]
    m = _SPAN.match(period)
    if m:
        n = _count(m.group(1))
        if n:
            years = n * (10 if m.group(2) == "decades" else 1)
            return 1 / years
        return None
    if _DECADE.match(period):
        return 0.1
    m = _SINCE.match(period)
    if m and as_of is not None:
        month = _MONTHS.get(m.group("month") or "", 0)
        start_year = int(m.group("year"))
        start = date(start_year, month, 1) if month else date(start_year, 7, 1)
        years = (as_of - start).days / 365.25
        return 1 / years if years >= 1 else None
    return None


_BASELINE_BEFORE = ("than", "compared with", "compared to", "from")
_BASELINE_AFTER = ("earlier", "ago", "before", "previously")


def _baseline(figure: Figure) -> bool:
    """'2.7bn a year earlier', 'ten times more than in 2003': the period is a comparison's baseline,
    not the span the figure covers."""
    if not figure.period:
        return False
    period = " ".join(figure.period.lower().split())
    if period.endswith(_BASELINE_AFTER):
        return True  # "a year earlier", "a year ago": read whole since round 2
    sentence = " ".join(figure.sentence.lower().split())
    at = sentence.find(period)
    while at >= 0:
        before = sentence[:at].rstrip()
        after = sentence[at + len(period) :].lstrip()
        if before.endswith(_BASELINE_BEFORE) or after.startswith(_BASELINE_AFTER):
            return True
        at = sentence.find(period, at + 1)
    return False


def anchor(figure: Figure, dated: date | None) -> tuple | None:
    """The calendar period a figure's value belongs to, when two sources can be held to it.

    `in 2003` or `in the first quarter of 2004` pin it by themselves; a figure without a period, or
    with a running one (`so far in 2025`), belongs to its article's date, when the article has one.
    """
    period = "" if _baseline(figure) else " ".join((figure.period or "").lower().split())
    years = tuple(sorted(set(_YEAR.findall(period))))
    if years and not _RUNNING.search(period):
        months = tuple(sorted({_MONTHS[w] for w in re.findall(r"[a-z]+", period) if w in _MONTHS and len(w) > 2}))
        return ("period", years, months, tuple(_PART.findall(period)))
    if dated is not None:
        return ("dated", dated, period)
    return None


def period_end(figure: Figure, latest_year: int | None) -> date | None:
    """'Between January and June' in an article whose latest year is 2025 ends on 30 June 2025."""
    if not figure.period:
        return None
    words = re.findall(r"[a-z]+", figure.period.lower())
    months = [_MONTHS[w] for w in words if w in _MONTHS and len(w) > 2]
    if not months:
        return None
    years = [int(y) for y in _YEAR.findall(figure.period)] or ([latest_year] if latest_year else [])
    if not years:
        return None
    year, month = max(years), months[-1]
    return date(year, month, calendar.monthrange(year, month)[1])


def latest_year(body: str) -> int | None:
    """The latest year an undated article names: the year it speaks from, near enough."""
    years = [int(y) for y in _YEAR.findall(body)]
    return max(years) if years else None


def as_of(dated: date | None, body_year: int | None) -> date | None:
    """The date an article speaks from: its own, else the middle of the latest year it names."""
    if dated is not None:
        return dated
    return date(body_year, 7, 1) if body_year else None


def reading(figure: Figure, dated: date | None, body_year: int | None) -> Reading:
    low, high = bounds(figure.value, figure.qualifier)
    return Reading(low, high, yearly_factor(figure, as_of(dated, body_year)), anchor(figure, dated))
