"""Key figures: the numbers that carry a story, read the way a careful reader reads them.

Rules, not a general unit parser: news money shorthand (£500m, $2.5bn) defeats
quantulum3 and Recognizers-Text (see NOTES.md), and machine-translated copy
garbles it further ("£ 700 meters" is £700m: a pound sign means money). One
compiled pattern finds candidate numbers; small look-behind/look-ahead rules
decide kind, unit, qualifier, period and what is measured, and throw out the
numbers that are parts of names (No 10, G7, Channel 4), dates and list numbering.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

from briefing.figure_currencies import (
    PREFIX_BEFORE,
    SCALES,
    prefix_currency,
    word_currency,
)
from briefing.figure_measure import measure, period
from briefing.figure_numbers import (
    FRACTIONS,
    NUMBER_WORDS,
    UNITS_WORDS,
    small_value,
    word_value,
)
from briefing.figure_patterns import (
    ADJECTIVES,
    AGE_AFTER,
    AGE_BEFORE,
    AND_AFTER,
    ARTICLE_BEFORE,
    BASELINE,
    BETWEEN,
    CANDIDATE,
    CHANGE_BY,
    COMPOUND,
    CONVERTS,
    DATE_AFTER,
    DATE_BEFORE,
    DENOMINATION_AFTER,
    DIGIT_RUNS,
    DISTANCE_UNITS,
    DURATION_UNITS,
    FRACTION_LEAD,
    FRACTION_WORDS,
    FROM_TO,
    MILLIONS_OF,
    MINUS,
    MINUS_WORD,
    MONEY_NOUNS,
    MULTIPLIER,
    NAME_AFTER,
    NAME_BEFORE,
    NOT_NOUNS,
    NOT_PROPER,
    PAREN_LENGTH,
    PEOPLE,
    PROPER_BEFORE,
    PROPORTION,
    QUALIFIER,
    RACE_AFTER,
    RACE_BEFORE,
    RACE_METRES,
    RANGE_LOW,
    RANGE_TAILS,
    RATE_UNITS,
    RATIO,
    SCORE,
    SENTENCE_END,
    SPORT_DISTANCE_CUES,
    SPORT_SENTENCE,
    TAIL,
    TIME_AFTER,
    TO_AFTER,
    TO_RANGE,
    UP_DOWN,
    WORD,
)
from briefing.models import Figure, FigureKind, Source


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    value: float
    kind: FigureKind
    unit: str | None
    qualifier_start: int
    qualifier: str | None = None


def extract_figures(source: Source) -> list[Figure]:
    """Every meaningful number in `source.body`, in reading order. Never raises."""
    try:
        return _extract(source.id, source.body)
    except Exception:  # pragma: no cover - a figure lost is better than a crashed reader
        return []


def _extract(source_id: str, body: str) -> list[Figure]:
    sentences = _sentence_spans(body)
    starts = [s for s, _ in sentences]
    candidates: list[_Candidate] = []
    last_end = 0
    for pos in _number_starts(body):
        if pos < last_end:
            continue
        prop = PROPORTION.match(body, pos)
        if prop:
            candidates.append(_proportion(body, prop))
            last_end = prop.end()
            continue
        ratio = RATIO.match(body, pos)
        if ratio:
            cand = _ratio(body, ratio)
            if cand is not None:
                candidates.append(cand)
                last_end = cand.end
                continue
        match = CANDIDATE.match(body, pos)
        if match is None or match.end() == pos:
            continue
        last_end = match.end()
        cand = _read(body, match)
        if cand is not None:
            candidates.append(cand)
            last_end = max(last_end, cand.end)
    figures: list[Figure] = []
    consumed: list[tuple[int, int]] = []
    for i, cand in enumerate(candidates):
        idx = max(0, bisect.bisect_right(starts, cand.start) - 1)
        s_start, s_end = sentences[idx] if sentences else (0, len(body))
        prev = next((c for c in reversed(candidates[:i]) if c.kind != "duration"), None)
        nxt = next((c for c in candidates[i + 1 :] if c.kind != "duration"), None)
        prev_end = prev.end if prev and prev.end > s_start else s_start
        next_start = nxt.qualifier_start if nxt else s_end
        next_start = min(max(next_start, cand.end), s_end)
        when, p_span = period(body, prev_end, cand.qualifier_start, cand.end, next_start, prev_end > s_start)
        if when and p_span:
            consumed.append(p_span)
        unit, kind = cand.unit, cand.kind
        if kind == "count" and unit is None and figures and figures[-1].start >= s_start:
            last = figures[-1]
            if last.kind == "count":
                # "1,500 migrants crossed ..., pushing the total to just over 16,000": still migrants
                unit = last.unit
            elif last.kind == "money" and cand.value >= 1e6 and not _has_noun(body, cand):
                # "4.3bn rupees ($98m; £52m), against 2.7bn a year earlier": rupees, the money
                # of the sentence closest in size (not the conversion in brackets)
                money = [f for f in figures if f.start >= s_start and f.kind == "money" and f.value > 0]
                nearest = min(money, key=lambda f: abs(math.log(f.value / cand.value)))
                kind, unit = "money", nearest.unit
        last = figures[-1] if figures and figures[-1].start >= s_start else None
        if kind == "money" and last and last.kind == "money" and CONVERTS.match(body[last.end : cand.qualifier_start]):
            what = last.measure  # "540bn yen ($5.2bn; £2.77bn)": the same amount in other money
        elif last and last.kind == kind and last.measure and (
            BASELINE.match(body[last.end : cand.qualifier_start])
            or (TO_AFTER.match(body[last.end : cand.qualifier_start]) and FROM_TO.search(body, s_start, last.start))
        ):
            what = last.measure  # "£75m ($141m) compared with £125m", "from 34 cents": the same measure
        elif (
            last and last.kind == kind and last.measure
            and AND_AFTER.match(body[last.end : cand.qualifier_start])
            and BETWEEN.search(body, s_start, last.start)
        ):
            what = last.measure  # "between 3% and 5%": one measure, two ends
        elif (
            last and last.kind in ("percent", "money") and kind in ("percent", "money") and last.measure
            and (updown := UP_DOWN.match(body[last.end : cand.qualifier_start]))
        ):
            # "11.7%, up 0.3 percentage points": a change in what the figure before measures
            what = f"{'rise' if updown.group(1).lower() == 'up' else 'fall'} in {last.measure}"
        else:
            what = measure(
                body, (cand.qualifier_start, cand.start, cand.end), kind, (s_start, s_end), prev_end, next_start, p_span
            )
        figures.append(
            Figure(
                source=source_id,
                text=body[cand.start : cand.end],
                value=cand.value,
                unit=unit,
                kind=kind,
                sentence=body[s_start:s_end].strip(),
                start=cand.start,
                end=cand.end,
                qualifier=cand.qualifier,
                measure=what,
                period=when,
            )
        )
    # A duration that is the period of another figure ("£500m over three years") is not a figure itself.
    return [
        f for f in figures
        if not (f.kind == "duration" and any(a <= f.start and f.end <= b for a, b in consumed))
    ]


def _proportion(body: str, m: re.Match[str]) -> _Candidate:
    """'a quarter of voters' is 25%; 'a quarter of a percentage point' is 0.25 points."""
    n = 1 if m.group("n").lower() == "a" else small_value(m.group("n"))
    share = n / FRACTIONS[(m.group("d") or m.group("d2")).lower()]
    qualifier, q_start = _qualifier_before(body, m.start())
    if m.group("pp"):
        return _Candidate(m.start(), m.end(), round(share, 3), "percent", "percentage points", q_start, qualifier)
    return _Candidate(m.start(), m.end(), round(share * 100, 1), "percent", "percent", q_start, qualifier)


def _qualifier_before(body: str, start: int) -> tuple[str | None, int]:
    """The qualifier written just before a proportion ("almost a quarter", "nearly one in five"),
    and where the figure with it starts."""
    q = QUALIFIER.search(_near_before(body, start))
    if q is None:
        return None, start
    return " ".join(q.group("q").lower().split()), start - len(q.group(0))


def _has_noun(body: str, cand: _Candidate) -> bool:
    return _noun_after(body[cand.end : cand.end + 60]) is not None


def _ratio(body: str, m: re.Match[str]) -> _Candidate | None:
    """'one in five pensioners' is a proportion: 20%."""
    a, b = (small_value(m.group(g)) for g in ("a", "b"))
    if not a or not b or a >= b:
        return None
    qualifier, q_start = _qualifier_before(body, m.start())
    return _Candidate(m.start(), m.end(), round(a / b * 100, 1), "percent", "percent", q_start, qualifier)


def _number_starts(body: str) -> list[int]:
    """Where a number may begin: digit runs and currency signs, and number words.

    Found with plain string search: one regex alternation of number words tried at
    every position costs four times as much as the rest of the extraction.
    """
    starts = []
    for m in DIGIT_RUNS.finditer(body):
        i = m.start()
        if i:
            # "HK$327m", "US$42m", "Rs 500", "EUR1.2bn", "Y=350bn": the letters before name the currency
            j = i + 1 if body[i] == "$" else i
            c = body[j - 1] if body[j - 1] not in " \t" or j < 2 else body[j - 2]
            if c.isupper() or c in "$=." or (c in "sh" and body[max(0, j - 3) : j].rstrip()[-2:] in ("Rs", "Sh", "sh")):
                prefix = PREFIX_BEFORE.search(body, max(0, j - 9), j)
                if prefix:
                    i = min(i, prefix.start())
        starts.append(i)
    low = body.lower()
    for word in FRACTION_WORDS:
        # "half a million", "a quarter of", "two-thirds": the start is the word before the fraction
        i = low.find(word)
        while i >= 0:
            lead = FRACTION_LEAD.search(low, max(0, i - 6), i)
            starts.append(lead.start() if lead else i)
            i = low.find(word, i + len(word))
    size = len(low)
    for word in NUMBER_WORDS:
        i = low.find(word)
        while i >= 0:
            j = i + len(word)
            if (i == 0 or not low[i - 1].isalpha()) and (j >= size or not low[j].isalpha()):
                starts.append(i)
            i = low.find(word, j)
    starts.sort()
    return starts


def _sentence_spans(body: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in SENTENCE_END.finditer(body):
        end = m.end()
        if end > pos:
            spans.append((pos, end))
        pos = end
    if pos < len(body):
        spans.append((pos, len(body)))
    return spans


def _number_value(match: re.Match[str]) -> float | None:
    value = _base_value(match)
    if value is not None and match.group("half"):
        value += 0.5
    return value


def _base_value(match: re.Match[str]) -> float | None:
    num = match.group("num")
    if num is not None:
        try:
            return float(num.replace(",", ""))
        except ValueError:
            return None
    frac = match.group("frac")
    if frac is not None:
        words = frac.lower().replace("-", " ").split()
        share = FRACTIONS[words[1] if words[0] in ("a", "one", "three") else words[0]]
        return (3.0 if words[0] == "three" else 1.0) / share
    word = match.group("word").lower()
    point = match.group("point")
    if point:
        digits = "".join(str(UNITS_WORDS[w]) for w in point.split()[1:])
        return float(f"{int(word_value(word))}.{digits}")
    return word_value(word)


def _read(body: str, m: re.Match[str]) -> _Candidate | None:
    """Decide whether one candidate number is a figure, and of what kind."""
    value = _number_value(m)
    if value is None or not math.isfinite(value * 1e12):
        return None  # a run of 400 digits is not a figure anyone can read
    num_group = next(g for g in ("num", "word", "frac") if m.group(g) is not None)
    num_start = m.start(num_group)
    cur = m.group("cur")
    start = m.start("cur") if cur else num_start
    end = m.end()
    scale_word = (m.group("scale1") or m.group("scale2") or "").lower()
    is_word = m.group("num") is None
    before = _near_before(body, start)
    after = body[end : end + 60]
    cur_unit: str | None = None
    if cur:
        cur_unit, cur_scale = prefix_currency(cur)
        value *= cur_scale  # "MUSD 12": twelve million dollars
        if m.group("sign"):
            value = -value  # "$-12.4bn"
        if cur[-1:].isalpha() and after[:1].isalpha():
            return None  # "CAD 3D": a code before a name, not an amount
    elif not is_word and (before.endswith("%") or (after[:1] == ";" and before.endswith("&#"))):
        return None  # "%28", "&#227;": URL and HTML escapes
    if scale_word == "b" and not cur:
        return None  # "4b" is a name or a grade; "$7.5b" is money
    # a range: "£5-6bn", "10-15%", "1,000-2,000 people" - the low end borrows the high end's
    # scale and unit; a bare "4-0" or "30-20" is a score, "2004-05" a season
    borrow = False
    if not is_word and SCORE.match(after):
        partner = CANDIDATE.match(body, end + 1)
        if partner and partner.group("num") and not (1900 <= value <= 2100 and "," not in m.group("num")):
            p_scale = (partner.group("scale1") or partner.group("scale2") or "").lower()
            p_after = body[partner.end() : partner.end() + 60]
            p_tail = TAIL.match(p_after)
            p_kind = ("pct" if p_tail.group("pct") else p_tail.lastgroup) if p_tail else None
            big = value >= 100 or "," in m.group("num")
            if cur or p_scale or p_kind in RANGE_TAILS or (big and _noun_after(p_after)):
                borrow = True
                scale_word = scale_word or p_scale
                after = p_after
        if not borrow:
            return None
    elif (
        (cur or not is_word)
        and not scale_word
        and (to := TO_RANGE.match(after))
        and (to.group(1).lower() == "to" or BETWEEN.search(before))
        and not (not cur and 1900 <= value <= 2100 and "," not in m.group("num"))  # "in 2003 to £2.89bn"
        and not CHANGE_BY.search(before)  # "fell by 600,000 to 5.9 million": a change, then a level
    ):
        # "$2 to $3 billion", "between 2 and 3 million people", "from 1.2 to 1.5-1.6 billion euros":
        # the low end is written short and shares the high end's scale and unit
        p_scale, p_after, p_cur, p_value = _range_partner(body, end + to.end())
        p_tail = TAIL.match(p_after)
        p_kind = ("pct" if p_tail.group("pct") else p_tail.lastgroup) if p_tail else None
        same_currency = not cur or not p_cur or p_cur == cur_unit
        rising = value <= p_value  # "17,000 to 4.483 million" is a change and a level, not a range
        if same_currency and rising and (p_scale or p_kind in ("curword", "code", "sym", "pct", "ppts")):
            borrow = True
            scale_word = p_scale
            after = p_after
    if not cur and not is_word and MINUS.search(before):
        start -= 1  # "-5 degrees", "a −0.3% change": the sign is part of the figure
        value = -value
        before = before[:-1]
    elif not cur and "minus" in before and (minus := MINUS_WORD.search(before)):
        start -= len(before) - minus.start()  # "minus three percent"
        value = -value
        before = before[: minus.start()]
    low = RANGE_LOW.search(before) if not cur and not is_word else None
    if low:
        if low.group(1):
            cur = low.group(1)  # "£5-6bn": the high end is pounds too
            cur_unit = prefix_currency(cur)[0]
        elif not (scale_word or _range_tail(after) or (value >= 100 and _noun_after(after))):
            return None  # "2004-05", "4-0", "30-20"

    if not cur and (NAME_BEFORE.search(before) or re.search(r"[A-Za-z0-9]$|[A-Za-z][-–/]$", before)):
        return None  # "No 10", "G7", "Under-21", "F-16"
    if not cur and not is_word and not scale_word and "," not in m.group("num") and _after_proper_noun(
        body, start, before
    ):
        if not TAIL.match(after):
            return None  # "Sakhalin 5 field", "Windows 95": a name's number
    if not cur and not scale_word and NAME_AFTER.match(after) and not TAIL.match(after):
        # "10 Downing Street", "21st", "3:30", "1.5.2" - but "1,500 migrants" passes (space before noun)
        return None
    if cur and not low and re.search(r"[A-Za-z0-9]$", before):
        return None
    if TIME_AFTER.match(after) and not scale_word:
        return None
    if not cur and (DATE_AFTER.match(after) or DATE_BEFORE.search(before)) and not scale_word:
        return None
    line_start = body.rfind("\n", 0, start) + 1
    if not cur and not is_word and not body[line_start:start].strip() and re.match(r"\A[.)]\s", after):
        return None  # list numbering
    if is_word and body[start - 1 : start].isalpha():
        return None
    if is_word and m.group(num_group)[0].isupper() and not _sentence_start(body, start):
        return None  # "Lock, Stock and Two Smoking Barrels": a capitalised number mid-sentence is a name
    if not cur and (AGE_AFTER.match(after) or AGE_BEFORE.search(before)):
        return None  # ages: "aged 22", "18 to 21 year olds"

    kind: FigureKind = "count"
    unit: str | None = None
    tail = TAIL.match(after)
    tail_kind = tail.lastgroup if tail else None
    if tail and tail.group("pct"):
        tail_kind = "pct"
    tail_money = _tail_money(tail, tail_kind, body, scale_word) if tail else None
    if (
        tail
        and tail_kind in ("curword", "pence")
        and tail.group(0)[:1] == "-"
        and DENOMINATION_AFTER.match(after, tail.end())
    ):
        return None  # "one-euro jobs", "the one-lira coin": the money names a kind of thing

    if cur:
        unit = cur_unit
        kind = "money"
        value *= SCALES.get(scale_word, 1.0)
    elif scale_word in ("m", "meters", "metres", "meter", "metre") and not cur:
        if scale_word != "m":
            return None  # "700 metres" w/o a currency never reaches here: metres are a tail unit
        # "300m from shore", "the 60m" in a race are metres; "5m people", "10m euros" are millions.
        if tail_money is not None:
            value *= 1e6 * tail_money[1]
            kind, unit = "money", tail_money[0]
            end += 0 if borrow else tail.end()
        elif _race_distance(value, before, after) or SPORT_DISTANCE_CUES.match(after) or PAREN_LENGTH.match(after):
            kind, unit = "distance", "metre"
        else:
            noun = _noun_after(after)
            if noun not in PEOPLE and noun not in MILLIONS_OF and _sporty(body):
                kind, unit = "distance", "metre"  # "the 60m at Leipzig", "200m titles", "the 10m line"
            else:
                value *= 1e6
    else:
        value *= SCALES.get(scale_word, 1.0)

    if kind == "count" and tail_money is not None:
        kind, unit = "money", tail_money[0]
        value *= tail_money[1]
        if not borrow:
            end += tail.end()
            compound = COMPOUND.match(body, end) if tail_kind == "curword" else None
            if compound:
                value += small_value(compound.group("n")) / 100  # "4 dollars 25 cents"
                end = compound.end()
    elif kind == "count" and tail_kind and not (scale_word and tail_kind in ("dist", "dur", "hyph")):
        if tail_kind in ("pct", "ppts"):
            kind, unit = "percent", "percentage points" if (tail.group("ppts") or tail.group("pts")) else "percent"
            end += 0 if borrow else tail.end()
        elif tail_kind == "pence":
            unit = "USD" if "cent" in tail.group("pence") else "GBP"
            kind, value = "money", value / 100
            end += 0 if borrow else tail.end()
        elif tail_kind == "rate":
            kind, unit = "rate", RATE_UNITS.get(tail.group("rate").lower(), tail.group("rate"))
            end += 0 if borrow else tail.end()
        elif tail_kind == "dist":
            if is_word and len(tail.group("dist")) <= 2:
                return None  # "one m" is noise; "five miles" is a distance
            kind, unit = "distance", DISTANCE_UNITS[tail.group("dist").lower()]
            end += 0 if borrow else tail.end()
        elif tail_kind == "mass":
            kind, unit = "count", tail.group("mass").strip().lower()
            end += 0 if borrow else tail.end()
        elif tail_kind == "dur":
            if ARTICLE_BEFORE.search(before) or (is_word and value == 1):
                return None
            kind, unit = "duration", DURATION_UNITS[tail.group("dur").lower()]
            end += 0 if borrow else tail.end()
        elif tail_kind == "hyph":
            word = tail.group("hyph").lower()
            if "-old" in word or word.startswith(("-year", "-month", "-week", "-day", "-hour", "-minute", "-second")):
                return None  # ages and adjectives ("a 35-year-old", "a three-year deal")
            if word.startswith(("-mile", "-metre", "-meter", "-km")):
                kind = "distance"
                unit = DISTANCE_UNITS.get(word.strip("-").rstrip("s"), "metre")
            else:
                return None
    if kind == "count":
        if is_word and value < 2:
            return None
        if not scale_word and not cur and 1000 <= value <= 2100 and m.group("num") and "," not in m.group("num"):
            if "." not in m.group("num"):
                return None  # a year standing alone
        noun = _noun_after(after)
        if is_word and not scale_word:
            if noun is None or ARTICLE_BEFORE.search(before):
                return None
        if noun is not None:
            unit = "people" if noun in PEOPLE else noun
        elif not scale_word and value < 100 and not is_word and not _strong_qualifier(before):
            return None  # a lone small number ("in 3 of them", "aged 16") carries nothing on its own

    q = QUALIFIER.search(before)
    qualifier = None
    q_start = start
    if q:
        qualifier = " ".join(q.group("q").lower().split())
        if qualifier in ("over", "under", "above", "below", "just") and kind in ("duration",):
            qualifier = None
        else:
            q_start = start - (len(before) - q.start("q"))
    return _Candidate(start, end, value, kind, unit, q_start, qualifier)


def _tail_money(tail: re.Match[str], tail_kind: str | None, body: str, scale_word: str) -> tuple[str, float] | None:
    """The currency written after a number ("10m euros", "300m GBP", "450€", "40 USD million")
    and the scale written with it; None when the words after it are not money."""
    if tail_kind == "curword":
        word = tail.group("curword").lower()
        if word == "won" and not tail.group("curadj") and not scale_word:
            return None  # "10 trillion won" is money; "3 won" is a result
        code = word_currency(word, tail.group("curadj"), body)
        return (code, 1.0) if code else None
    if tail_kind == "code":
        code = tail.group("code").split()[0]
        return code, SCALES.get((tail.group("codescale") or "").lower(), 1.0)
    if tail_kind == "sym":
        return prefix_currency(tail.group("sym").strip())[0], 1.0
    return None


def _race_distance(value: float, before: str, after: str) -> bool:
    """'won the 60m at Leipzig', 'the European 100m champion': a race, even in a story with no
    other sport word. Only the distances races are run over, named as an event."""
    if value not in RACE_METRES:
        return False
    noun = _noun_after(after)
    if noun in PEOPLE or noun in MILLIONS_OF or noun in MONEY_NOUNS:
        return False
    return bool(RACE_BEFORE.search(before) or RACE_AFTER.match(after))


def _range_partner(body: str, pos: int) -> tuple[str, str, str | None, float]:
    """The high end of a range that starts at `pos`: its scale, the text after it and its currency,
    following a chain ("1.5-1.6 billion euros") for at most two steps."""
    for _ in range(2):
        partner = CANDIDATE.match(body, pos)
        if not partner or partner.end() == pos or not partner.group("num"):
            return "", "", None, 0.0
        p_scale = (partner.group("scale1") or partner.group("scale2") or "").lower()
        p_after = body[partner.end() : partner.end() + 60]
        p_cur = prefix_currency(partner.group("cur"))[0] if partner.group("cur") else None
        if p_scale or not SCORE.match(p_after):
            return p_scale, p_after, p_cur, _number_value(partner) or 0.0
        pos = partner.end() + 1
    return "", "", None, 0.0


def _near_before(body: str, start: int, size: int = 24) -> str:
    """The few words before a number, cut at a word start: every look-behind rule fits in them,
    and end-anchored searches over a short string stay cheap."""
    if start <= size:
        return body[:start]
    near = body[start - size : start]
    cut = near.find(" ")
    return near[cut + 1 :] if cut >= 0 else near


_sporty_cache: dict[int, tuple[str, bool]] = {}


def _sporty(body: str) -> bool:
    """An article about races and medals: there, a bare '200m' is metres, not millions."""
    key = id(body)
    hit = _sporty_cache.get(key)
    if hit is not None and hit[0] is body:
        return hit[1]
    result = len(SPORT_SENTENCE.findall(body)) >= 2
    if len(_sporty_cache) > 64:
        _sporty_cache.clear()
    _sporty_cache[key] = (body, result)
    return result


def _after_proper_noun(body: str, start: int, before: str) -> bool:
    """A capitalised word mid-sentence right before a number names something."""
    m = PROPER_BEFORE.search(before)
    if not m or m.group(1).lower() in NOT_PROPER:
        return False
    word_start = start - (len(before) - m.start(1))
    return not _sentence_start(body, word_start)


def _range_tail(after: str) -> bool:
    tail = TAIL.match(after)
    return bool(tail) and ("pct" if tail.group("pct") else tail.lastgroup) in RANGE_TAILS


def _strong_qualifier(before: str) -> bool:
    """'well over 50' is a figure; 'voters over 60' is an age: only unambiguous qualifiers count."""
    q = QUALIFIER.search(before)
    return bool(q) and q.group("q").lower() not in ("over", "under", "above", "below", "just", "only")


def _sentence_start(body: str, start: int) -> bool:
    before = body[max(0, start - 3) : start].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?\n:"


def _noun_after(after: str) -> str | None:
    """The counted noun after a number: '1,500 migrants', 'five Mediterranean countries'."""
    after = ADJECTIVES.sub("", after, count=1)
    words = WORD.findall(after[:40])
    m = re.match(r"\A\s+((?:[A-Z][A-Za-z\-]+\s+){0,3})([a-z][a-z\-]+)?", after)
    if not m or not words:
        return None
    names = m.group(1).split()
    noun = (m.group(2) or "").lower()
    if names and (not noun or noun in NOT_NOUNS):
        return names[-1].lower()  # "four Britons who ...", "six WorldCom executives"
    if not noun:
        return None
    if noun in NOT_NOUNS or noun in DURATION_UNITS:
        return None
    if noun == "times" and MULTIPLIER.match(after):
        return None  # "10 times that", "three times as many": a multiplier, not a count
    if noun.endswith("ly") or (noun.endswith("ed") and noun not in ("seed", "speed", "bed")):
        return None
    return noun
