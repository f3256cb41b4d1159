"""Which of an article's figures matter most, and how to say one in a line.

Apart from `briefing.figures` (the extraction rules) because the app, the exporter and the
CLI rank and describe figures read from the snapshot: importing the extraction's
compiled patterns for that cost the app's first frame 60 ms.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.models import Figure

_RATE_PERIOD = re.compile(r"(?:a|per|each|every) \w+$", re.I)
_MASS_UNITS = frozenset({"kg", "kilograms", "tonnes", "tons", "lbs"})
_TIER = {"money": 0, "percent": 0, "count": 1, "distance": 1, "rate": 1, "duration": 2, "date": 3}


def _tier(f: Figure) -> int:
    if f.kind == "count" and f.unit == "people":
        return 0
    return _TIER.get(f.kind, 3)


def key_figures(figures: Sequence[Figure], limit: int | None = None) -> list[Figure]:
    """Ranked: money, percentages and counts of people first, then other counts, durations last.

    Within a tier the story's order stands (news puts what matters first); a value repeated
    with the same unit is kept once, at its first mention.
    """
    seen: set[tuple[str, str, str | None, float]] = set()
    unique: list[Figure] = []
    for f in figures:
        key = (f.source, f.kind, f.unit, round(f.value, 6))
        if key in seen:
            continue
        seen.add(key)
        unique.append(f)
    ranked = sorted(unique, key=lambda f: (_tier(f), f.source, f.start))
    return ranked if limit is None else ranked[: max(0, limit)]


def format_value(figure: Figure) -> str:
    """The value as a reader writes it: £500m, $1.13bn, 42%, 1,500."""
    v = figure.value
    if figure.kind == "money":
        symbol = {"GBP": "£", "USD": "$", "EUR": "€", "JPY": "¥"}.get(figure.unit or "", "")
        prefix = symbol or (f"{figure.unit} " if figure.unit else "")
        for scale, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
            if abs(v) >= scale:
                return f"{prefix}{_short(v / scale)}{suffix}"
        return f"{prefix}{_short(v) if v != int(v) else f'{int(v):,}'}"
    if figure.kind == "percent":
        return f"{_short(v)}%" if figure.unit == "percent" else f"{_short(v)} percentage points"
    if figure.kind == "distance" and figure.unit in ("metre", "km", "cm", "mm"):
        return f"{_short(v)}{'m' if figure.unit == 'metre' else figure.unit}"
    if figure.kind in ("distance", "rate", "duration"):
        return f"{_short(v)} {figure.unit}" if figure.unit else _short(v)
    if figure.kind == "count" and abs(v) >= 1e6:
        # "1.7 million people", "94 billion images": as news writes big counts
        scale, word = (1e9, "billion") if abs(v) >= 1e9 else (1e6, "million")
        number = f"{_short(v / scale)} {word}"
    else:
        number = f"{int(v):,}" if v == int(v) else f"{v:,}"
    if figure.kind == "count" and figure.unit in _MASS_UNITS:
        return f"{number} {figure.unit}"  # "7.8 million tonnes"
    return number


def _short(v: float) -> str:
    return f"{v:,.2f}".rstrip("0").rstrip(".")


def describe(figure: Figure) -> str:
    """One readable line: 'more than 1,500 migrants crossed the Channel in small boats (last week)'."""
    value = format_value(figure)
    if figure.kind == "count" and figure.text.replace("-", "").isalpha():
        value = figure.text  # "five Mediterranean countries" reads better than "5 ..."
    parts = [figure.qualifier, value] if figure.qualifier else [value]
    period = figure.period
    if period and _RATE_PERIOD.match(period) and figure.kind != "count":
        parts.append(period)  # "£400m a year — UK payments to France": a rate belongs to its amount
        period = None
    measure = figure.measure
    if figure.kind == "count":
        if measure and f"{figure.text} {measure}" in " ".join(figure.sentence.split()):
            parts.append(measure)  # the words after the number: "1,500 migrants crossed ..."
        elif measure:
            parts.append(f"{figure.unit} — {measure}" if figure.unit == "people" else f"— {measure}")
        elif figure.unit:
            parts.append(figure.unit)
    elif measure:
        parts.append(f"— {measure}")
    line = " ".join(p for p in parts if p)
    if period:
        line += f" ({period})"
    return " ".join(line.split())
