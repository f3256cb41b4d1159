"""What a figure's sentence says about it, in words: for telling which figures measure one thing.

A figure is described by the content words near it (they say what it measures), the rest of its
sentence, the names there, and the clause that carries it; an article by the names it keeps
coming back to (who and what its story is about). Words are stemmed and a few verbs folded into
one ("give", "pay", "promise" money are one thing). A group of figures is labelled from the
same words: the phrase in one member's clause that holds most of what the members share.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefing.models import Figure

NEAR_WORDS = 8  # words either side of a figure that say what it measures
SAME_STORY_NAMES = 2  # names two articles on one story share, at least
SAME_STORY_SHARE = 0.3  # of the names of the article naming fewer
LABEL_WORDS = 9  # a label is a phrase, not a sentence
LABEL_WORD_COST = 0.2  # of a word shared by every member: a label earns its length
LABEL_ONE_WORD = 0.5

_TOKENS = re.compile(r"[A-Za-z0-9’']+")
_BREAK = re.compile(r"[;()–—]|\s-\s")
_CLAUSE = re.compile(r"[,;:()–—\"“”]|\s-\s|\.\s")
_STOP = frozenset((
    "a an the and or but of to in on at by for from with as is was are were be been being has have "
    "had will would could should may might can than that which who whom this these those it its he "
    "she they them his her their our we you i not no so such if when while where because though "
    "also still only just even more less most least each every all some any over under up down out "
    "off into onto after before since until during between among against about around almost nearly "
    "said says say told added according per cent percent year years last first new one two "
    "three four five six seven eight nine ten m bn k million billion thousand there here what how "
    "why do does did done make made well very much many other others same s t mr mrs ms now then "
    "week weeks month months day days time just latest figures"
).split())
# the verbs of money changing hands: "give France £500m" and "pay £400m to France" say one thing
_CANON = {
    **dict.fromkeys("pay paid pays paying give gave given gives giving promis promise promised spend "
                    "spent spending fund funded funding provid provide provided grant granted hand "
                    "handed invest invested donat donate donated commit committed pledg pledge pledged"
                    .split(), "pay"),
    **dict.fromkeys("cross crossed crossing crossings".split(), "cross"),
    **dict.fromkeys("migrant migrants asylum".split(), "migrant"),
}


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    word = word.lower().replace("’", "").replace("'", "")
    if word in _CANON:
        return _CANON[word]
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return _CANON.get(word, word)


@dataclass(frozen=True, slots=True)
class Words:
    """What a figure's sentence says about it: content stems, those near it, names among them."""

    near: tuple[str, ...]
    far: tuple[str, ...]
    names: frozenset[str]
    paid_to: frozenset[str] = frozenset()  # names near a figure paid, given or spent ("France")
    clause: tuple[str, ...] = ()  # content words of the clause carrying the figure


@functools.lru_cache(maxsize=4096)
def _sentence_words(sentence: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """A sentence's content stems, and those written as names (capitalised, not first)."""
    stems: dict[str, None] = {}
    names: set[str] = set()
    for i, tok in enumerate(_TOKENS.findall(sentence)):
        stem = content_key(tok)
        if not stem:
            continue
        stems[stem] = None
        if i and tok[0].isupper():
            names.add(stem)
    return tuple(stems), frozenset(names)


@functools.lru_cache(maxsize=65536)
def content_key(token: str) -> str:
    """A token's stem, or "" for what says nothing of a measure (stop words, numbers, letters)."""
    word = token.lower()
    if word in _STOP or word.isdigit() or len(word) < 2:
        return ""
    return stem(word)


def _content(tokens: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(filter(None, map(content_key, tokens))))


def describe(figure: Figure) -> Words:
    sentence = figure.sentence or figure.text
    at = sentence.find(figure.text)
    if at < 0:
        at, end = len(sentence), len(sentence)
    else:
        end = at + len(figure.text)
    before, after = sentence[:at], sentence[end:]
    near_tokens = _TOKENS.findall(_BREAK.split(before)[-1])[-NEAR_WORDS:]
    near_tokens += _TOKENS.findall(_BREAK.split(after)[0])[:NEAR_WORDS]
    near_tokens += _TOKENS.findall(figure.measure or "")
    near = _content(near_tokens)
    stems, names = _sentence_words(sentence)
    near_set = set(near)
    far = tuple(k for k in stems if k not in near_set)
    paid_to = frozenset(names & near_set) if figure.kind == "money" and "pay" in near_set else frozenset()
    clause = _content(_TOKENS.findall(_CLAUSE.split(before)[-1]) + _TOKENS.findall(_CLAUSE.split(after)[0]))
    return Words(near, far, names, paid_to, clause)


# "(?<![.!?\n]\s)\b[A-Z][a-z]{2,}\b" with the look-behinds after the capital: a pattern that opens
# with an assertion is tried at every position of the body, four times slower
_NAME = re.compile(r"[A-Z](?<![.!?\n]\s[A-Z])(?<!\w[A-Z])[a-z]{2,}\b")
_NOT_NAMES = frozenset(
    "The This That These Those There Their They Its His Her But And Also Mr Mrs Ms Sir Dr However It In On At "
    "For From With When While Where What Which Who After Before Since Last Next Monday Tuesday Wednesday "
    "Thursday Friday Saturday Sunday January February March April May June July August September October "
    "November December".split()
)


def story_names(body: str) -> frozenset[str]:
    """The names an article keeps coming back to (twice or more): who and what its story is about."""
    counts = Counter(_NAME.findall(body))
    return frozenset(name for name, n in counts.items() if n > 1 and name not in _NOT_NAMES)


def same_story(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two articles about one story share a good part of their names (Starmer, Macron, France)."""
    common = len(a & b)
    return common >= SAME_STORY_NAMES and common >= SAME_STORY_SHARE * min(len(a), len(b))


_EDGE_WORDS = frozenset(
    "to of by at from is was are were and or but the a an it its that which who with for in on as than "
    "has have had been be will would this these those".split()
)


def label(chosen: Sequence[Figure], words: Sequence[Words]) -> str:
    """A phrase for what the group measures, from the clause that carries one member's figure.

    Words near the members' figures that most members share score, each word of length costs:
    "people crossed the English channel in small boats", "deal to give France". A count's label is
    what follows the number (the counted thing), never the figure itself.
    """
    counts: Counter[str] = Counter()
    near: set[str] = set()
    for w in words:
        counts.update(set(w.near) | set(w.far))
        near.update(w.near)
    share = {k: n / len(words) for k, n in counts.items() if n > 1 and k in near}
    best: tuple[tuple, str] | None = None
    for f in chosen:
        for text, from_start in _label_texts(f):
            tokens = _TOKENS.findall(text)
            stems = [stem(t.lower()) if t.lower() not in _STOP else "" for t in tokens]
            hits = [i for i, k in enumerate(stems) if k in share]
            starts = [0] if from_start else hits
            for lo in starts:
                for hi in hits:
                    if hi < lo or hi - lo >= LABEL_WORDS:
                        continue
                    words = _phrase_words(text, lo, hi)
                    if not words or any(c.isdigit() for c in words):
                        continue
                    covered = {stems[i] for i in hits if lo <= i <= hi}
                    score = sum(share[k] for k in covered) - LABEL_WORD_COST * len(words.split())
                    if len(covered) < 2:
                        score -= LABEL_ONE_WORD  # "Rose", "Close": a word is not yet a phrase
                    key = (-score, len(words))
                    if best is None or key < best[0]:
                        best = (key, words)
    if best is None:
        return ""
    phrase = best[1]
    return phrase[0].upper() + phrase[1:]


def _label_texts(figure: Figure) -> list[tuple[str, bool]]:
    """Where a label may come from, and whether it must start there: a count's following words,
    else either side of the figure within its clause, and the figure's `measure` when it is whole."""
    out: list[tuple[str, bool]] = []
    if figure.measure and "…" not in figure.measure:
        out.append((figure.measure, figure.kind == "count"))
    sentence = figure.sentence or ""
    at = sentence.find(figure.text)
    if at < 0:
        return out
    left = _CLAUSE.split(sentence[:at])[-1]
    right = _CLAUSE.split(sentence[at + len(figure.text) :])[0]
    if figure.kind == "count":
        out.append((right, True))
    else:
        out += [(left, False), (right, False)]
    return out


def _phrase_words(text: str, lo: int, hi: int) -> str:
    """Tokens lo..hi of `text` as written (keeping "English channel"), edges of function words dropped."""
    matches = list(_TOKENS.finditer(text))
    while lo < hi and matches[lo].group().lower() in _EDGE_WORDS:
        lo += 1
    while hi > lo and matches[hi].group().lower() in _EDGE_WORDS:
        hi -= 1
    phrase = text[matches[lo].start() : matches[hi].end()]
    return " ".join(phrase.split())
