"""The vocabulary of figures: what may stand around a number and what it makes of it.

Compiled patterns and word lists only, apart from the rules in `briefing.figures` that apply
them: a number's candidates and tails (units, currencies, percentages), qualifiers, the names,
dates, times, ages and scores a number can belong to, and the cues of a race distance.
"""

from __future__ import annotations

import re

from briefing.figure_currencies import ADJECTIVE_PATTERN, ISO_PATTERN, PREFIX_PATTERN, WORD_PATTERN
from briefing.figure_numbers import MONTHS, SMALL, WORD_NUMBER

DURATION_UNITS = {
    "second": "seconds", "seconds": "seconds", "minute": "minutes", "minutes": "minutes",
    "hour": "hours", "hours": "hours", "day": "days", "days": "days", "week": "weeks",
    "weeks": "weeks", "month": "months", "months": "months", "year": "years", "years": "years",
    "decade": "decades", "decades": "decades", "century": "centuries", "centuries": "centuries",
}
DISTANCE_UNITS = {
    "km": "km", "kms": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km",
    "kilometer": "km", "miles": "mile", "mile": "mile", "metres": "metre", "meters": "metre",
    "metre": "metre", "meter": "metre", "m": "metre", "ft": "foot", "feet": "foot", "foot": "foot",
    "yards": "yard", "yard": "yard", "cm": "cm", "mm": "mm", "inches": "inch", "inch": "inch",
}
RATE_UNITS = {"mph": "mph", "km/h": "km/h", "kph": "km/h", "mbps": "Mbps", "kbps": "kbps", "mb/s": "Mbps"}
PEOPLE = frozenset(
    (
        "people persons migrants refugees asylum seekers men women children adults residents voters "
        "workers employees staff students pupils patients fans viewers passengers civilians soldiers "
        "troops officers police doctors nurses teachers members customers subscribers users visitors "
        "victims prisoners inmates families households individuals citizens immigrants applicants "
        "listeners readers boys girls babies pensioners tourists spectators supporters shareholders "
        "investors consumers homeowners taxpayers motorists drivers"
    ).split()
)
# Words after a number that never make it a count of something.
NOT_NOUNS = frozenset(
    (
        "a an the and or but of to in on at by for from with as is was are were be been has have had "
        "will would could should may might can than that which who this these those it its his her "
        "their our your per cent percent points point time over under up down out off into "
        "onto after before since until during between among against about around almost nearly "
        "also still only just even more less most least each every all some any no not so such "
        "if when while where because though although then there here what how why said says say "
        "told added according compared rising rose fell falling up higher lower year-on-year "
        "yesterday today tomorrow last next first second third st nd rd th am pm gmt bst figure figures"
    ).split()
)
SPORT_DISTANCE_CUES = re.compile(
    r"\A\s*(?:from|away|high|tall|long|deep|wide|below|above|off|race|hurdles|sprint|freestyle|"
    r"backstroke|breaststroke|butterfly|relay|medley|indoor|outdoor|final|title|record|world|"
    r"event|runners?|champion|championships?|gold|silver|bronze|medal|medallist|indoors|dash|track|heat|"
    r"semi-final|of water|into|in length|across|behind|ahead|down|up|taller)\b",
    re.I,
)
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
CANDIDATE = re.compile(
    # with a currency prefix the number may follow letters ("RM120", "EUR1.2bn") and carry a sign
    # ("$-12.4bn"); without one it must not continue a word or another number
    r"(?:(?P<cur>" + PREFIX_PATTERN + r")[ \t]?(?P<sign>[-−](?=\d))?|(?<![\w.,/:]))"
    r"(?:(?P<num>" + NUMBER + r")|(?P<word>\b(?:" + WORD_NUMBER + r")\b)"
    r"(?P<point>[ \t]point(?:[ \t](?:zero|one|two|three|four|five|six|seven|eight|nine)\b)+)?"
    # "half a million", "a quarter of a billion": a fraction of the scale that follows
    r"|(?P<frac>\bhalf[ \t]an?|\b(?:a|one)[ \t]quarter[ \t]of[ \t]an?|\bthree[ -]quarters[ \t]of[ \t]an?)"
    r"(?=[ \t](?:million|billion|trillion)\b))"
    r"(?P<half>-and-a-half\b|[ \t]and[ \t]a[ \t]half\b)?"
    r"(?:(?P<scale1>bn|bln|mn|mln|trn|tn|m|k|b)\b|[ \t]?(?P<scale2>(?:thousand|millions?|billion|trillion|lakhs?"
    r"|lac|crores?)\b|(?<=\d[ \t])(?:meters|metres|meter|metre)\b))?",
    re.I,
)
TAIL = re.compile(
    r"\A(?:(?P<code>[ \t]?(?-i:" + ISO_PATTERN + r")\b(?:[ \t](?P<codescale>million|billion|bn|m|thousand)\b)?)"
    r"|(?P<sym>[ \t]?[£$€¥](?![ \t]?\d))"
    r"|(?P<pct>\s?%|\s?per[ \-]?cent\b|\s?percent\b|(?-i:pc|\s?pct)\b)(?P<pts>\s+(?:percentage\s+)?points?\b)?"
    r"|(?P<ppts>\s?(?:percentage points?|ppts?)\b)"
    r"|(?P<pence>p\b(?!\.\w)|\spence\b|\spenny\b|(?-i:\s?cents?\b)|-(?:cents?|pence|penny)\b)"
    r"|(?P<mass>\s?(?:kg|kilograms|tonnes|tons|lbs)\b)"
    r"|\s?(?P<rate>mph|km/h|kph|mbps|kbps|mb/s)\b"
    r"|\s?(?P<dist>km|kms|kilometres|kilometers|kilometre|kilometer|miles?|metres?|meters?|ft|feet|foot"
    r"|yards?|cm|mm|inch(?:es)?)\b(?!-)"
    r"|(?P<hyph>-(?:year|month|week|day|hour|minute|second|mile|metre|meter|km|strong|point|man|"
    r"member|seat|page|game|match|storey|bed|acre|inch|foot|ft|yard|track)s?(?:-old)?\b)"
    r"|[\s-](?:(?P<curadj>" + ADJECTIVE_PATTERN + r")\s)?(?P<curword>" + WORD_PATTERN + r")\b"
    r"|\s(?P<dur>seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|century|centuries)\b)",
    re.I,
)
QUALIFIER = re.compile(
    r"(?:\b(?P<q>more than|less than|fewer than|just over|just under|well over|well under|"
    r"well above|well below|almost|nearly|around|about|approximately|approx\.?|roughly|some|up to|"
    r"at least|at most|as many as|as much as|as few as|as little as|close to|in excess of|"
    r"upwards of|an estimated|estimated|over|under|below|above|just|only|no more than|no fewer than|"
    r"no less than|a maximum of|a minimum of|an average of|on average|average|almost exactly|"
    r"exactly|precisely|circa|c\.)\s*)$",
    re.I,
)
SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s|\Z)|\n")
NAME_BEFORE = re.compile(
    r"(?:\b(?:No|Number|Nos|no|number)\.?|\b(?:Channel|Radio|BBC|Article|Section|Clause|Rule|Page|Chapter|Room|"
    r"Route|Highway|Terminal|Gate|Platform|Flight|Windows|Xbox|Formula|Apollo|Boeing|Airbus|Version|"
    r"Vol|Volume|Level|Stage|Phase|Series|Category|Class|Grade|Model|Mark|Mk|Type|Code|Act|Bill|"
    r"Super|Top|Group|Division|League|Tier|Band|Studio|Building|Block|Unit|Ward|District|Street|"
    r"Road|Avenue|Lane|Square|Place|Court|Row|Floor|Week|Day|Game|Round|Match|Heat|Lap|Test|Part|Episode|"
    r"Season|Year|Title|Number One|Top Ten|Opus|Op|WWII|WW|World War|Matchday|Pentium|PlayStation|"
    r"Series|Hall|House|Wing|Zone|Region|Sector|Area|Line|Jupiter|Saturn|Mars|Big|Team|Euro)"
    r")[ \t]?$"
)
NAME_AFTER = re.compile(
    r"\A(?:\s+(?:Downing|Street|Road|Avenue|Lane|Square|Place|Court|Park|Wall Street|Fifth Avenue|"
    r"Grand|Club|Group|Mile)\b|[A-Za-z]|\s*-?[ \t]*(?:st|nd|rd|th)\b|'s\b|:\d|\.\d|/\d)"
)
DATE_AFTER = re.compile(r"\A(?:st|nd|rd|th)?,?[ \t](?:of[ \t])?(?:" + MONTHS + r")\b")
DATE_BEFORE = re.compile(r"\b(?:" + MONTHS + r")[ \t]$")
TIME_AFTER = re.compile(r"\A(?:[ \t]?(?:am|pm|a\.m\.|p\.m\.)\b|[:.]\d\d\b|[ \t]?(?:GMT|BST|CET|EST|PST)\b)", re.I)
RANGE_LOW = re.compile(r"(?:([£$€¥])?\d[\d,.]*(?:bn|m|k)?|\b(?:" + MONTHS + r"))[-–/]$")
MINUS = re.compile(r"(?:\A|[\s(])[-−]$")
RANGE_TAILS = frozenset({"pct", "ppts", "curword", "dist", "dur", "rate", "pence"})
SCORE = re.compile(r"\A[-–]\d")
WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
ARTICLE_BEFORE = re.compile(
    r"\b(?:the|these|those|its|their|his|her|our|my|your|both|all|every|each|which|first|last)\s+$", re.I
)
AGE_AFTER = re.compile(r"\A(?:\s?(?:to|-|–|and|or)\s?\d+)?[ \t-]years?[- ]olds?\b", re.I)
AGE_BEFORE = re.compile(r"\b(?:aged|age|ages)\s+$", re.I)
MULTIPLIER = re.compile(
    r"\A\s+times\s+(?:that|this|the|as|more|less|bigger|higher|larger|greater|smaller|lower|faster|its|their)\b",
    re.I,
)
ADJECTIVES = re.compile(r"\A(?=\s+(?:more|extra|additional|new|other|further)\s+[a-z])\s+\w+", re.I)
RATIO = re.compile(
    r"\b(?P<a>" + SMALL + r"|\d{1,3})[ \t]in[ \t](?:every[ \t])?(?P<b>" + SMALL + r"|\d{1,4})\b"
    r"(?=[ \t]+(?:[A-Za-z][a-z\-]+[ \t]+){0,2}?[a-z]+)",
    re.I,
)
FRACTION_WORDS = ("half", "quarter", "third", "fifth")
FRACTION_LEAD = re.compile(r"\b(?:a|one|two|three|four)[ -]$")
PROPORTION = re.compile(
    r"(?P<n>a|one|two|three|four)(?:-(?P<d>quarters?|thirds?|fifths?)|[ \t](?P<d2>quarter|thirds?|fifths?|"
    r"quarters(?=[ \t]of[ \t](?:the|all|its|their|his|her|our|those|these)\b)))(?=[ \t]of[ \t])"
    r"(?![ \t]of[ \t]an?[ \t](?:million|billion|trillion)\b)"
    r"(?![ \t]of[ \t](?:the[ \t]|an?[ \t]|this[ \t]|last[ \t]|next[ \t])?(?:year|century|decade|hour|minute|mile|"
    r"season|match|game|way|inch|second|month|week|day|\d{4})\b)"
    r"(?P<pp>[ \t]of[ \t]an?[ \t](?:percentage[ \t])?points?\b)?",
    re.I,
)
CONVERTS = re.compile(r"\A\s*[(;:/,]\s*\Z")
# between two amounts of one kind, words that make the second the first's baseline or new level
BASELINE = re.compile(
    r"\A\W*(?:compared (?:with|to)(?:\s+(?:the|a|an|its|their|previously|reported|expected|forecast|earlier))*"
    r"|against|from|than|versus|vs\.?|up from|down from)\s*\Z",
    re.I,
)
FROM_TO = re.compile(r"\bfrom\s+\Z", re.I)  # "fell from 11.2% to 9.6%": both measure one thing
TO_AFTER = re.compile(r"\A\s+to\s+\Z", re.I)
AND_AFTER = re.compile(r"\A\s+and\s+\Z", re.I)
UP_DOWN = re.compile(r"\A\W*,\s*(up|down)(?:\s+by)?\s+\Z", re.I)
DIGIT_RUNS = re.compile(r"[£$€¥₹₩₪₦฿₽₺0-9][0-9,.]*")
SPORT_SENTENCE = re.compile(
    r"\b(?:sprint\w*|race[sd]?|runn\w+|athlet\w+|hurdles|relay|medal\w*|indoor|olympic|champion\w*|"
    r"metres|swim\w*|freestyle|world record|personal best|penalt(?:y|ies)|scrum\w*|try line|"
    r"touchline|kick\w*|tackl\w*|half-time|full-time)\b",
    re.I,
)
RACE_METRES = frozenset({50, 60, 100, 110, 200, 400, 800, 1500, 3000, 5000, 10000})
RACE_BEFORE = re.compile(
    r"\b(?:the|a|his|her|their|women's|men's|indoor|outdoor|world|Olympic|European|Commonwealth|junior|"
    r"national|British|sprint|in|ran|runs?|running|won|wins?|swam|swims?)[ \t]$",
    re.I,
)
RACE_AFTER = re.compile(r"\A[ \t](?:at|in[ \t]\d+|titles?|finals?|races?|records?|champions?|gold|silver|bronze|"
                         r"medals?|hurdles|heats?|semi-finals?|crown|sprint|event|dash)\b", re.I)
MONEY_NOUNS = frozenset(
    "deal contract fund investment budget loan bid takeover offer project scheme package profit profits "
    "loss losses debt debts fine bill plan programme cost costs revenue revenues sales turnover".split()
)
COMPOUND = re.compile(r"[ \t]+(?:and[ \t]+)?(?P<n>\d{1,2}|" + SMALL + r")[ \t]+(?:cents?|pence|p)\b", re.I)
# "one-euro jobs", "the one-lira coin", "a 50-cent piece": a currency joined to its number by a hyphen
# and followed by one of these nouns names a kind of thing, not an amount ("a five-cent hit" is money)
DENOMINATION_AFTER = re.compile(
    r"[\"”’']?[ \t]+(?:coins?|notes?|banknotes?|pieces?|jobs?|shops?|stores?|stamps?|bits?|tokens?)\b", re.I
)
MINUS_WORD = re.compile(r"\bminus[ \t]+$", re.I)
TO_RANGE = re.compile(r"\A[ \t]+(to|and)[ \t]+(?=(?:" + PREFIX_PATTERN + r")?[ \t]?\d)", re.I)
CHANGE_BY = re.compile(
    r"\b(?:by|rose|fell|risen|fallen|climbed|dropped|jumped|grew|gained|lost|added|shed)[ \t]+$", re.I
)
BETWEEN = re.compile(r"\bbetween[ \t]+(?:" + PREFIX_PATTERN + r")?[ \t]?$", re.I)
PAREN_LENGTH = re.compile(r"\A\s*\(\s*\d[\d.,]*\s?(?:ft|feet|foot|in|inches|cm|yards?|metres|meters)\b")
# things counted in millions in the news ("133m text messages"), never a length
MILLIONS_OF = frozenset(
    "copies homes messages subscribers barrels shares tickets units votes euros dollars pounds tonnes "
    "visits downloads pages hits calls records albums singles accounts phones computers pcs households "
    "emails e-mails texts entries items books sales cars".split()
)
PROPER_BEFORE = re.compile(r"\b([A-Z][a-z]+)[ \t]$")
NOT_PROPER = frozenset(
    (
        "january february march april may june july august september october november december "
        "monday tuesday wednesday thursday friday saturday sunday some about around almost nearly "
        "only just over under more fewer less up by in on at to from of and or the a"
    ).split()
)
