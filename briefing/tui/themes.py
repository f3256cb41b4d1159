"""YAML theme files → Textual `Theme`s, validated before Textual sees them.

A theme file is a mapping of Textual theme fields (`name`, `primary`, ...,
`dark`, `ansi`) plus `variables`, which holds briefing's own colours
(`speaker-1`…`speaker-6`, `figure`, `hit-background`) and any Textual CSS
variable. Bundled themes come first; a user theme with the same name replaces
one. A file that does not validate is skipped and reported; the caller shows
all problems in one notice and falls back to the default theme.

Every variable's value is checked for the kind of value Textual substitutes it as (a colour, or
text-style words): a value passed through as it was (`"}}} {{{"`, `"red; color: blue"`, `url(…)`,
`""`) broke the stylesheet, which ended the app at start, or on `t` mid-session.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.color import Color, ColorParseError
from textual.css.constants import VALID_STYLE_FLAGS
from textual.theme import Theme

from briefing import yaml_files
from briefing.hygiene import printable

DEFAULT_THEME = "briefing-dark"
SPEAKER_COLOURS = 6

# Defaults for briefing's own variables, so any theme (even one that leaves
# them out, or a Textual built-in) renders the reader.
VARIABLE_DEFAULTS: dict[str, str] = {
    **{f"speaker-{i + 1}": c for i, c in enumerate(
        ("#61afef", "#c678dd", "#98c379", "#e5c07b", "#56b6c2", "#f78c6c")
    )},
    "figure": "#e5c07b",
    "hit-background": "#5c4a1e",
}

_COLOUR_FIELDS = (
    "primary", "secondary", "warning", "error", "success", "accent",
    "foreground", "background", "surface", "panel", "boost",
)
_FLOAT_FIELDS = ("luminosity_spread", "text_alpha")
_BOOL_FIELDS = ("dark", "ansi")
_OTHER_KEYS = ("name", "variables", "description", "author")
_NAME = re.compile(r"\A[a-z0-9][a-z0-9_-]{0,39}\Z")
_VARIABLE_NAME = re.compile(r"\A[a-z][a-z0-9-]{0,59}\Z")
_AUTO_COLOUR = re.compile(r"\Aauto(?: \d{1,3}%)?\Z")  # Textual's contrasting text colour
_WITH_OPACITY = re.compile(r"\A(\S+) \d{1,3}%\Z")
_ANSI_VARIABLES = ("ansi-background", "ansi-foreground")


class ThemeFileError(ValueError):
    pass


@dataclass(slots=True)
class ThemeSet:
    themes: dict[str, Theme] = field(default_factory=dict)  # in cycling order
    problems: list[str] = field(default_factory=list)
    rejected: set[str] = field(default_factory=set)  # the names (and file stems) of files that failed

    def names(self) -> list[str]:
        return list(self.themes)


def parse_theme(data: Any) -> Theme:
    """Validate one theme mapping; raises ThemeFileError naming the first problem."""
    if not isinstance(data, dict):
        raise ThemeFileError("not a mapping")
    unknown = sorted(set(map(str, data)) - set(_COLOUR_FIELDS + _FLOAT_FIELDS + _BOOL_FIELDS + _OTHER_KEYS))
    if unknown:
        raise ThemeFileError(f"unknown key {printable(unknown[0])[:40]!r}")
    name = data.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise ThemeFileError("`name` must be lower-case letters, digits and dashes")
    if "primary" not in data:
        raise ThemeFileError("`primary` is required")
    kwargs: dict[str, Any] = {"name": name}
    for key in _COLOUR_FIELDS:
        if key in data:
            kwargs[key] = _colour(key, data[key])
    for key in _FLOAT_FIELDS:
        if key in data:
            value = data[key]
            if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 1:
                raise ThemeFileError(f"`{key}` must be a number from 0 to 1")
            kwargs[key] = float(value)
    for key in _BOOL_FIELDS:
        if key in data:
            if not isinstance(data[key], bool):
                raise ThemeFileError(f"`{key}` must be true or false")
            kwargs[key] = data[key]
    variables = data.get("variables") or {}
    if not isinstance(variables, dict):
        raise ThemeFileError("`variables` must be a mapping")
    checked: dict[str, str] = {}
    for key, value in variables.items():
        if not isinstance(key, str) or not _VARIABLE_NAME.match(key):
            raise ThemeFileError(f"bad variable name {printable(str(key))[:40]!r}")
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise ThemeFileError(f"variable {key!r} must be a value")
        checked[key] = _variable(key, value)
    if kwargs.get("ansi"):  # Textual's own widgets style ANSI themes with these two
        dark = kwargs.get("dark", True)
        checked.setdefault("ansi-background", "ansi_black" if dark else "ansi_white")
        checked.setdefault("ansi-foreground", "ansi_white" if dark else "ansi_black")
    kwargs["variables"] = {**VARIABLE_DEFAULTS, **checked}
    return Theme(**kwargs)


def load_theme_file(path: Path) -> Theme:
    try:
        data = yaml_files.read(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ThemeFileError(f"cannot read: {_one_line(exc)}") from exc
    except yaml_files.YamlError as exc:
        raise ThemeFileError(f"not valid YAML: {_one_line(exc)}") from exc
    return parse_theme(data)


def load_themes(*folders: Path) -> ThemeSet:
    """Every `*.yaml`/`*.yml` theme in `folders`, later folders overriding earlier names."""
    found = ThemeSet()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() not in (".yaml", ".yml") or path.name.startswith("."):
                continue
            try:
                theme = load_theme_file(path)
            except ThemeFileError as exc:
                found.problems.append(f"theme {printable(path.name)}: {exc}; not used")
                found.rejected.add(path.stem)
                continue
            found.themes[theme.name] = theme
    if DEFAULT_THEME in found.themes:  # the default first, so cycling starts there
        found.themes = {DEFAULT_THEME: found.themes[DEFAULT_THEME], **found.themes}
    return found


def _colour(key: str, value: Any, *, auto: bool = False) -> str:
    """A colour as Textual's stylesheet takes one: `#rrggbb`, a name, `rgb(…)`, with an optional
    opacity (`red 50%`), or `auto 87%` (a contrasting text colour) where `auto`."""
    text = str(value).strip()
    if auto and _AUTO_COLOUR.match(text):
        return text
    alpha = _WITH_OPACITY.match(text)
    try:
        Color.parse(alpha.group(1) if alpha else text)
    except ColorParseError as exc:
        raise ThemeFileError(f"`{key}` is not a colour: {printable(text)[:40]!r}") from exc
    return text


def _variable(key: str, value: Any) -> str:
    """The variable's value, if it is the kind of value Textual (or briefing) uses it as."""
    kind, default = _variable_kinds().get(key, (None, None))
    if str(value).strip() == default:  # what Textual itself sets it to ("initial", "auto 87%", …)
        return default
    if key in VARIABLE_DEFAULTS or key in _ANSI_VARIABLES or kind in ("colour", "text-colour"):
        return _colour(key, value, auto=kind == "text-colour")
    if kind == "style":
        words = str(value).split()
        if not words or any(word not in VALID_STYLE_FLAGS for word in words):
            raise ThemeFileError(f"`{key}` is not a text style: {printable(str(value))[:40]!r}")
        return " ".join(words)
    raise ThemeFileError(f"unknown variable {key!r} (not one Textual or briefing uses)")


@functools.cache
def _variable_kinds() -> dict[str, tuple[str, str]]:
    """Each variable Textual's colour system defines: "colour", "text-colour" (a colour or
    `auto N%`, a contrasting one) or "style" (text-style words), with Textual's default value."""
    generated = Theme(name="probe", primary="#336699").to_color_system().generate()
    kinds = {}
    for key, default in generated.items():
        if set(default.split()) <= VALID_STYLE_FLAGS:
            kinds[key] = ("style", default)
        elif default.startswith("auto"):
            kinds[key] = ("text-colour", default)
        else:
            kinds[key] = ("colour", default)  # link-background's "initial" too: any colour will do
    return kinds


def _one_line(exc: Exception) -> str:
    return printable(" ".join(str(exc).split()))[:120]
