"""What a figure measures and over which time: readable phrases, not cut-up sentences.

A reader wants "£400m a year — UK payments to France to try to stop the problem", not the words
that happen to stand around the number. The rules, in order: a conversion in brackets measures
what the amount before it measures; a change ("rose 4.5% to $193bn") names what changed; a count
is the noun phrase after it; otherwise the clause that carries the figure, from its subject to
its object, cut at clause boundaries and never after a preposition, with the figure's place
shown by "…" when it stands in the middle.
"""

from __future__ import annotations

import re

from briefing.figure_numbers import MONTHS, WORD_NUMBER

_PERIOD = re.compile(
    # "compared with the same period in 2024" is the baseline of a comparison, not the figure's period
    r"(?<!same point )(?<!same period )(?<!same time )(?<!same month )(?<!same quarter )(?<!same week )"
    r"\b(?:"
    r"(?:last|this|next|the past|the last|the previous|the next)"
    r" (?:week|month|year|quarter|decade|financial year|season|summer|winter|spring|autumn)"
    # "a year earlier" and "than a year ago" are a comparison's baseline (`_NOT_RATE_BEFORE` for the rest)
    r"|(?:a|per|each|every) (?:day|week|month|year|quarter|annum|head|hour|minute|second)"
    r"(?! (?:earlier|ago|before|later|previously)\b)"
    r"|so far (?:in \d{4}|this year|this month)"
    r"|(?:over|in|during|within|for) (?:the )?(?:next |past |last |first |previous |coming )?"
    r"(?:\d+|" + WORD_NUMBER + r"|couple of|few) (?:days|weeks|months|years|decades|quarters)"
    r"(?: (?:to|ending|ended) (?:the end of )?(?:" + MONTHS + r")(?: \d{4})?)?"
    r"|(?:over|in|during|within|for) (?:the )?(?:next|past|last|first|previous|coming) "
    r"(?:day|week|month|year|quarter|decade)"
    r"|since (?:\d{4}|(?:" + MONTHS + r")(?: \d{4})?|last \w+)"
    r"|between (?:" + MONTHS + r"|\d{4}) and (?:" + MONTHS + r"|\d{4})(?: \d{4})?"
    r"|(?:in|during|for) (?:the )?(?:first|second|third|fourth|final|last) (?:quarter|half|six months"
    r"|three months|nine months)(?: of (?:the year|\d{4}))?"
    r"|(?:in|for|during) (?:the )?(?:full[- ]year|financial year|tax year|year to \w+)"
    r"|for the year|(?:in|by|during|for) \d{4}(?:[-/]\d{1,4})?"
    r"|(?:in|during|for|by) (?:" + MONTHS + r")(?: \d{4})?"
    r"|year[- ]on[- ]year|a year (?:earlier|ago)|year[- ]earlier"
    r")\b",
    re.I,
)


# a dash or a semicolon ends the clause a period after the figure may belong to ("growth of just 0.1% -
# and a similar-sized contraction in the previous quarter")
_CLAUSE_END = re.compile(r"\s[-–—]\s|[;—–]")
# before a figure, a baseline belongs to the figure it was compared with ("24% higher than in 2003 and 21%")
_BASELINE_BEFORE = re.compile(r"(?:\bthan|\bcompared (?:with|to)|\bfrom|\bagainst)\s+$", re.I)
_RATE_WORDS = re.compile(r"(?:a|per|each|every) ", re.I)
# "for more than a year", "almost a quarter, 22%": a length of time or a share, not a rate
_NOT_RATE_BEFORE = re.compile(r"\b(?:than|from|almost|nearly|about|around|roughly|over|under)\s+$", re.I)


def _not_rate(text: str, m: re.Match[str]) -> bool:
    word = m.group()
    return (
        word[:2].lower() == "a "
        and not _BASELINE_WORDS.search(word)
        and bool(_NOT_RATE_BEFORE.search(text, max(0, m.start() - 9), m.start()))
    )

# characters: "a week" is a rate beside its amount ("£400m a year", "£5m to France a year"), farther on it
# is someone else's ("a £500m initiative to provide three hours of activity a week"); "every year" reaches further
_RATE_REACH = 30
_BASELINE_WORDS = re.compile(r"(?:earlier|ago|before|previously)$", re.I)


def period(
    body: str, lo: int, q_start: int, end: int, hi: int, after_figure: bool = False
) -> tuple[str | None, tuple[int, int] | None]:
    """The time span a figure covers: after it in its clause first, else before it in its sentence.

    `after_figure`: `lo` is the end of the figure before, whose own period a span right there is
    ("5.4% from 10.2% in 2003 and cut its debt to £160m": 2003 is the 10.2%'s)."""
    after = body[end:hi]
    cut = _CLAUSE_END.search(after)
    if cut:
        after = after[: cut.start()]
    for m in _PERIOD.finditer(after):
        if _not_rate(after, m):
            continue
        if m.group()[:2].lower() == "a " and m.start() > _RATE_REACH:
            continue  # "£500m initiative to provide three hours of activity a week": the hours' rate
        return " ".join(m.group().split()), (end + m.start(), end + m.end())
    before = body[lo:q_start]
    best = None
    for m in _PERIOD.finditer(before):
        if _BASELINE_WORDS.search(m.group()) or _BASELINE_BEFORE.search(before, 0, m.start()):
            continue
        if after_figure and not before[: m.start()].strip():
            continue
        if _RATE_WORDS.match(m.group()):
            continue  # a rate is said after its amount ("£5m a year"); before one it is something else
        if _not_rate(before, m):
            continue
        best = m
    if best:
        return " ".join(best.group().split()), (lo + best.start(), lo + best.end())
    return None, None


_BREAK_CHARS = re.compile(r",(?!\d{3})|[;:()\[\]–—\"“”]|\s-\s|\.\s")  # "2,000" is a number, not a break
_BREAK_WORDS = frozenset(
    "despite while whilst although though because but whereas which who whom when if unless until "
    "said says say added adding according after before whether otherwise compared versus than against".split()
)
# after a figure a comparison is still about it ("42% higher than at the same point last year")
_RIGHT_BREAKS = _BREAK_WORDS - {"compared", "versus", "than", "against"}
_LEADING = frozenset("and but with while as or so then also yet still even now however meanwhile".split())
_TRAILING = frozenset(
    "to of by at from is was are were and or but the a an it its before after that which who with for in on as "
    "than worth totalling totaling around about into towards toward over under some nearly almost be been being "
    "estimated put valued further extra additional another between massive record compared than versus against".split()
)
_DETERMINERS = frozenset("the a an its their his her our this that these those".split())
_PREPOSITIONS = frozenset(
    "to of by at from for in on with into towards toward over under about as and or against during through across "
    "between among within without".split()
)
_PRONOUNS = frozenset("it they he she we i you this that which who there".split())
_AUX = frozenset(
    "has have had will would could should may might must is was are were be been being to also already".split()
)
# "the UK paying £400m to France": the payment is the thing measured
_MONEY_VERBS = {
    "pay": "payments", "pays": "payments", "paid": "payments", "paying": "payments",
    "spend": "spending", "spends": "spending", "spent": "spending", "spending": "spending",
    "invest": "investment", "invests": "investment", "invested": "investment", "investing": "investment",
    "lend": "loans", "lends": "loans", "lent": "loans", "lending": "loans",
    "donate": "donations", "donated": "donations", "donating": "donations",
}
_UP = frozenset(
    "rose rise rises risen rising climbed climbs jumped jumps grew grows grown increased increases gained gains "
    "soared surged up higher advanced".split()
)
_DOWN = frozenset(
    "fell falls fall fallen falling dropped drops declined declines slipped slips slumped lost loses shed sheds "
    "down dipped dips plunged tumbled slid eased lower decreased".split()
)
# the figure is an adjective of the noun after it: "a $600m loan", "Turkey's current $18.6bn loan"
_ADJECTIVAL = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|our|this|that)|['’]s|\bcurrent|\bnew|\bextra)\s*$", re.I)
_CONVERSION = re.compile(r"\s*\([^()]{0,60}\)")  # used with match(body, pos): anchored there
# words after a figure that only say when ("on Thursday", "in 2003", "by late morning")
_WHEN_ONLY = re.compile(
    r"\s*(?:in|on|at|by|during|until|since)\s+(?:\d{4}\b|(?:" + MONTHS + r")\b"
    r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|late\b|early\b|mid-?\w+"
    r"|the (?:end|start|close|beginning)\b|(?:morning|afternoon|evening|midday)\b)"
)
_OF_AFTER = re.compile(r"\A\s+of\s", re.I)
_MONEY_OR_PERCENT = re.compile(r"[£$€¥]|\d[\d,.]*(?:%|bn)\W*$")
_AMOUNT = re.compile(r"[£$€¥]|\d[\d,.]*(?:%|bn|m|p)\W*$|\d{1,3}(?:,\d{3})+\W*$")  # not a year: "a 2003 bond deal"


def measure(
    body: str,
    span: tuple[int, int, int],
    kind: str,
    sentence: tuple[int, int],
    lo: int,
    hi: int,
    p_span: tuple[int, int] | None,
) -> str | None:
    """The thing a figure counts or pays for, in words a reader can take in at a glance.

    `span` is (qualifier start, start, end) of the figure; `lo`/`hi` the ends of the figures
    before and after it in its sentence; `p_span` its period's words, left out of the phrase.
    """
    q_start, _start, end = span
    s_start, s_end = sentence
    left_text = _without(body, _clause_start(body, s_start, q_start), q_start, p_span)
    right_start = end
    conversion = _CONVERSION.match(body, end, s_end)
    if conversion and hi <= conversion.end():
        right_start = conversion.end()  # "540bn yen ($5.2bn; £2.77bn) in fresh backing": past the brackets
        hi = s_end
    right_text = _without(body, right_start, max(hi, right_start), p_span)
    right = [] if _WHEN_ONLY.match(right_text) else _right_words(right_text)

    if kind == "count":
        if p_span and right_start <= p_span[0] < hi:
            right_text = body[right_start : p_span[0]]  # "1,500 migrants crossed ... last week"
        words = _right_words(right_text, cut_words=_COUNT_BREAKS, limit=9, shortest=False)
        if words:
            return " ".join(words)
        return _left_phrase(_without(body, max(lo, _clause_start(body, s_start, q_start)), q_start, p_span)) or None

    appositive = _apposition(body, q_start, end, s_start, lo, hi)
    if appositive:
        return appositive
    change = _change(left_text.split())
    if not change and len(left_text.split()) <= 1:
        # ", to £700m": the change it ends stands earlier in the sentence
        change = _change(_without(body, s_start, q_start, p_span).split())
    if change:  # "revenue rose 4.5%": a rise in revenue; "shares rose 12% to A$4.76": the shares' price
        return change
    if _OF_AFTER.match(right_text) and kind == "percent":
        # "32% of votes cast", "a third of the 2,000 broadband users": a count inside the phrase is part of it
        whole = _without(body, right_start, s_end, p_span)
        of_words = _right_words(whole, amounts=_MONEY_OR_PERCENT, verb_ends=False)
        if len(of_words) > 1:
            return " ".join(of_words[1:])
    raw_left = _without(body, max(lo, _clause_start(body, s_start, q_start)), q_start, p_span)
    first = right[0].lower() if right else ""
    if first and first not in _AUX and first not in _PREPOSITIONS and _ADJECTIVAL.search(raw_left):
        return " ".join(right)  # "a $600m loan from American Express", "the 0.8% rise"
    left = _left_phrase(raw_left)
    nominal = _nominal(left)
    if nominal:
        return " ".join([nominal, *right]) if right else nominal
    if left and right:
        return f"{left} … {' '.join(right)}"
    if not left and not right:
        # "compared to 34% who said it was improving": the relative clause is all there is
        relative = re.match(r"\s*(?:who|which|that)\s", right_text)
        if relative:
            right = _right_words(
                right_text[relative.end() :], cut_words=_RIGHT_BREAKS - {"said", "says", "say"}, verb_ends=False
            )
    return left or " ".join(right) or None


def _apposition(body: str, q_start: int, end: int, s_start: int, lo: int, hi: int) -> str | None:
    """'More than two-thirds of those questioned, 68%, said ...': a figure between commas restates the
    noun phrase before it, which the rest of the sentence then speaks of."""
    if body[q_start - 2 : q_start] != ", " or body[end : end + 1] != ",":
        return None
    comma = q_start - 2
    words = body[max(lo, _clause_start(body, s_start, comma)) : comma].split()
    for i in range(len(words) - 1, 0, -1):
        if words[i].lower() in ("and", "or"):
            words = words[i + 1 :]  # "48% use two or three and a small number, 7%,": a small number
            break
    while words and words[0].lower() in _PREPOSITIONS:
        words.pop(0)  # "two-thirds of those questioned, 68%,": those questioned
    left = _left_phrase(" ".join(words))
    if not left:
        return None
    right = _right_words(
        body[end + 1 : max(hi, end + 1)], cut_words=_RIGHT_BREAKS - {"said", "says", "say"}, verb_ends=False
    )
    if right and right[0].lower() in ("and", "or", "but"):
        right = []
    return f"{left} … {' '.join(right)}" if right else left


# a count's noun phrase runs on through "who" and "that" ("21,000 people who have made the crossing")
_COUNT_BREAKS = frozenset("and but while which whereas although though as despite because said says".split())


def _clause_start(body: str, lo: int, start: int) -> int:
    """Where the clause holding `start` begins: after the last comma, bracket, dash or clause word."""
    text = body[lo:start]
    cut = 0
    for m in _BREAK_CHARS.finditer(text):
        cut = m.end()
    return lo + cut


def _without(body: str, a: int, b: int, p_span: tuple[int, int] | None) -> str:
    if b <= a:
        return ""
    if p_span and a <= p_span[0] and p_span[1] <= b:
        return body[a : p_span[0]] + body[p_span[1] : b]
    return body[a:b]


def _left_phrase(text: str) -> str:
    """The clause before the figure, from its subject: 'the UK paying', 'a deal to give France'."""
    words = text.split()
    of_np = _OF_NP.search(text) if len(words) > 8 else None
    if of_np:
        return of_np.group(1)  # "if found guilty he could lose his job or face a fine of £22,000": a fine
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in _BREAK_WORDS:
            words = words[i + 1 :]
            break
    while words and (words[-1].lower().strip(".") in _TRAILING or words[-1].lower() in _MODALS):
        words.pop()
    if len(words) > 8:
        # the last eight words, from their last noun phrase of three words or more ("a deal to give
        # France"); else from a word that starts a phrase, not from inside a name ("Bank of America")
        start = len(words) - 8
        det = max((i for i in range(start, len(words) - 2) if words[i].lower() in _DETERMINERS), default=None)
        if det is not None:
            start = det
        else:
            while start > 0 and words[start][:1].isupper():
                if words[start - 1][:1].isupper():
                    start -= 1
                elif start > 1 and words[start - 1] == "of" and words[start - 2][:1].isupper():
                    start -= 2
                else:
                    break
        words = words[start:]
        while words and (words[0].lower() in _AUX or words[0].lower() in _PREPOSITIONS):
            words.pop(0)
    while words and (words[0].lower() in _LEADING or (words[0].endswith("ly") and words[0][:1].isupper())):
        words.pop(0)
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return ""  # "there are estimated to be": nothing a reader can hold on to
    text = " ".join(words)
    when = _PERIOD.match(text)
    if when and when.end() < len(text):
        text = text[when.end() :].strip()  # "last week it would pay": the period is said apart
    return text


def _right_words(
    text: str,
    cut_words: frozenset[str] = _RIGHT_BREAKS,
    limit: int = 10,
    shortest: bool = True,
    amounts: re.Pattern[str] | None = None,
    verb_ends: bool = True,
) -> list[str]:
    """The clause after the figure, up to its end, never ending on a preposition or article.

    Past the limit it ends before a preposition: the first one after three words for money and
    percentages (what was paid for, not the whole story), the last one for a count's noun phrase."""
    part = _BREAK_CHARS.split(text, maxsplit=1)[0]
    part = re.sub(r"[.!?]+\s*$", "", part)
    words = part.split()
    # another amount ends the phrase: "… and $150,000 a year" belongs to that figure, not this one
    amounts = amounts or _AMOUNT
    words = words[: next((i for i, w in enumerate(words) if amounts.match(w)), len(words))]
    # "a 20% cut to the 1990 level was set to be missed": the verb of the sentence ends the phrase
    if verb_ends:
        words = words[: next((i for i, w in enumerate(words) if i >= 2 and w.lower() in _MAIN_VERBS), len(words))]
    # "and that will worsen", "and were spent": a new clause, not more of this phrase
    words = words[
        : next(
            (
                i for i, w in enumerate(words[:-1])
                if w.lower() in ("and", "or") and words[i + 1].lower() in _NEW_CLAUSE
            ),
            len(words),
        )
    ]
    for i, w in enumerate(words):
        if w.lower() in cut_words:
            words = words[:i]
            break
    if len(words) > limit:
        words = words[:limit]
        cuts = [i for i, w in enumerate(words) if w.lower() in _PREPOSITIONS and i >= 3]
        cut = (cuts[0] if shortest else cuts[-1]) if cuts else None
        if cut is not None:
            words = words[:cut]  # end before the phrase the limit would cut in two
    while words and (words[-1].lower() in _TRAILING or words[-1].lower() in _AUX or words[-1].lower() in _PRONOUNS):
        words.pop()
    return words


# verbs that take a thing to a level ("raised 7.8% to 830bn rupees"), but not a change on their
# own ("the appeal raised $150m" is money raised)
_PUSHED = frozenset(
    "pushed push pushes pushing took take takes taking brought bring brings bringing raised lifted boosted "
    "doubled cut reduced lowered halved".split()
)


def _change(words: list[str]) -> str | None:
    """'annual revenue rose' -> 'rise in annual revenue'; 'shares rose 12% to' -> 'shares'."""
    if not words:
        return None
    last = words[-1].lower()
    if last in ("to", "at", "from"):
        # a level after a change: the verb stands a few words back ("fell 3.7% in March to"), or the
        # thing changed stands between it and "to" ("pushed total spending for the month to")
        for i in range(len(words) - 2, max(-1, len(words) - 10), -1):
            word = words[i].lower()
            if word in _UP or word in _DOWN or word in _PUSHED:
                between = words[i + 1 : -1]
                if word in _PUSHED and between and not any(ch.isdigit() for ch in " ".join(between)):
                    return _noun_phrase(" ".join(between)) or None
                return _noun_phrase(" ".join(_before_aux(words[:i]))) or None
        return None
    if last in ("went", "gone", "goes"):
        # "the rate went up to 5.5%" ("up to" read as the qualifier): the level of the rate
        return _noun_phrase(" ".join(_before_aux(words))) or None
    i = len(words) - 2 if last == "by" else len(words) - 1
    verb = words[i].lower() if i >= 0 else ""
    if verb not in _UP and verb not in _DOWN:
        return None
    np = _noun_phrase(" ".join(_before_aux(words[:i])))
    return f"{'rise' if verb in _UP else 'fall'} in {np}" if np else None


_OF_NP = re.compile(r"\b((?:a|an)\s+(?:[a-z][a-z\-]*\s+){0,2}(?:fine|bill|turnout|loss|profit|deficit|surplus"
                    r"|debt|payout|payment|rise|fall|increase|drop|cut|fee|charge|grant|salary|price|budget|total)"
                    r")\s+of\s*$")
_MAIN_VERBS = frozenset("is was are were has had".split())
_PASSIVE = frozenset("is was are were be been being get gets got".split())
_MODALS = frozenset("will would could should may might must can".split())
_NEW_CLAUSE = frozenset(
    "is was are were has have had will would could should may might must can it they he she we that this there".split()
)
_AUX_VERBS = frozenset("now already also went gone go goes going".split())


def _before_aux(words: list[str]) -> list[str]:
    """'India's defence budget has also been' -> 'India's defence budget'."""
    while words and (words[-1].lower() in _AUX or words[-1].lower() in _AUX_VERBS):
        words = words[:-1]
    return words


def _noun_phrase(text: str) -> str:
    """'while its annual revenue' -> 'annual revenue'; keeps a named owner ("Foster's shares")."""
    words = text.split()
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in _BREAK_WORDS or words[i].lower() in _LEADING or words[i].lower() in _AUX:
            words = words[i + 1 :]
            break
    while words and (words[0].lower() in _DETERMINERS or words[0].lower() in _LEADING):
        words.pop(0)
    start = max(0, len(words) - 5)
    while start > 0 and words[start][:1].isupper() and words[start - 1][:1].isupper():
        start -= 1  # "BBC Two's share of the audience": not cut inside a name
    return " ".join(words[start:])


def _nominal(left: str) -> str | None:
    """'the UK paying' -> 'UK payments': the money a named subject pays, spends or invests."""
    words = left.split()
    if len(words) < 2 or words[-1].lower() not in _MONEY_VERBS:
        return None
    noun = _MONEY_VERBS[words[-1].lower()]
    subject = words[:-1]
    if subject[-1].lower() in _PASSIVE:
        return None  # "Their children were paid": the payee, not a payer
    while subject and subject[-1].lower() in _AUX:
        subject.pop()
    while subject and subject[0].lower() in _DETERMINERS:
        subject.pop(0)
    if not subject or len(subject) > 4 or subject[-1].lower() in _PREPOSITIONS or subject[-1].lower() in _PRONOUNS:
        return None
    return f"{' '.join(subject)} {noun}"
