"""Numbers written in words: "six hundred", "twenty-one", "one thousand two hundred".

Apart from the extraction rules so that both the figure reader and its periods ("over three
years") share one vocabulary.
"""

from __future__ import annotations

import re

UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
# "a third", "two-thirds", "three quarters": the share a fraction word names
FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5}

_BASIC = (
    r"(?:" + "|".join(TENS_WORDS) + r")(?:[- ](?:" + "|".join(k for k in UNITS_WORDS if k != "zero")
    + r"))?|" + "|".join(sorted(UNITS_WORDS, key=len, reverse=True))
)
# "six hundred", "one thousand two hundred and fifty", "twenty-one": the words of one number
WORD_NUMBER = (
    r"(?:" + _BASIC + r")(?:[ \t-](?:hundred|thousand)\b(?:(?:[ \t]+and)?[ \t-]+(?:" + _BASIC + r")\b)?)*"
    r"|dozen"
)
SMALL = "|".join(k for k in UNITS_WORDS if k != "zero") + "|" + "|".join(TENS_WORDS)
NUMBER_WORDS = (*(k for k in UNITS_WORDS if k != "zero"), *TENS_WORDS, "dozen")

# month names, for dates that are not figures and periods that are
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)

_TOKEN = re.compile(r"[a-z]+")


def word_value(text: str) -> float:
    """The value of number words matched by `WORD_NUMBER`: 'one thousand two hundred' -> 1200."""
    total = current = 0
    for token in _TOKEN.findall(text.lower()):
        if token == "dozen":
            current = (current or 1) * 12
        elif token == "hundred":
            current = (current or 1) * 100
        elif token == "thousand":
            total += (current or 1) * 1000
            current = 0
        elif token in UNITS_WORDS:
            current += UNITS_WORDS[token]
        elif token in TENS_WORDS:
            current += TENS_WORDS[token]
    return float(total + current)


def small_value(text: str) -> int:
    """A small count in digits or words ('five', '12'); 0 when it is neither."""
    text = text.lower()
    if text.isdigit():
        return int(text)
    return UNITS_WORDS.get(text, TENS_WORDS.get(text, 0))
