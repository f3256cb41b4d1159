"""Flat YAML (theme and config files) read without PyYAML, which costs the app's start 14 ms to import.

Theme files and `config.yaml` are a mapping of plain keys to quoted strings, words, numbers
or booleans, with one level of nesting (`variables:`, `keymap:`). `read_flat` reads exactly
that and returns what `yaml.safe_load` would; for anything else (flow style, anchors,
escapes, a word YAML would read as something other than a string...) it returns `None`,
and the caller asks PyYAML, which also words the errors.
"""

from __future__ import annotations

import re

Value = str | int | float | bool | None
# What PyYAML refuses to read at all.
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# PyYAML's (YAML 1.1) booleans and nulls: as bare words, they are not strings.
_BOOLS = {word: value for value, words in ((True, "yes true on"), (False, "no false off"))
          for base in words.split() for word in (base, base.capitalize(), base.upper())}
_NULLS = {"~", "null", "Null", "NULL"}
_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*\Z")
# A bare word starting with a letter, of characters that cannot start YAML syntax inside it.
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.,+/-]*\Z")
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+\Z")
_LINE = re.compile(r"( *)([^:#\s][^:]*?):(?: +(.*?))?\s*\Z")
_NOT_FLAT = object()


class YamlError(ValueError):
    """PyYAML's error, with its wording, for callers that do not import PyYAML to catch it."""


def load(text: str) -> object:
    """What `yaml.safe_load(text)` returns, without importing PyYAML when the text is flat."""
    flat = read_flat(text)
    if flat is not None:
        return flat
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's where installed: 4x faster
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise YamlError(str(exc)) from exc


def read_flat(text: str) -> dict[str, object] | None:
    """The mapping `text` holds, if it is flat YAML as described above; else None (ask PyYAML)."""
    if "\t" in text or "\r" in text or text.startswith("\ufeff") or _NON_PRINTABLE.search(text):
        return None
    top: dict[str, object] = {}
    nested: dict[str, Value] | None = None  # the mapping under the last key without a value
    parent: str | None = None
    indent: int | None = None
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        found = _LINE.match(line)
        if found is None:
            return None
        spaces, key, raw = len(found.group(1)), found.group(2), found.group(3)
        if not _KEY.match(key) or key in _BOOLS or key in _NULLS:
            return None
        if spaces:
            if parent is None or nested is None or (indent is not None and spaces != indent):
                return None
            indent = spaces
            if key in nested:
                return None
            value = _scalar(raw or "")  # nothing: null (a deeper mapping would come with deeper lines)
            if value is _NOT_FLAT:
                return None
            nested[key] = value  # type: ignore[assignment]
            continue
        if parent is not None and nested is not None and not nested:
            top[parent] = None  # a key with nothing under it is null
        parent, nested, indent = None, None, None
        if key in top:
            return None
        if raw is None or raw == "":
            parent, nested = key, {}
            top[key] = nested
            continue
        value = _scalar(raw)
        if value is _NOT_FLAT:
            return None
        top[key] = value
    if parent is not None and nested is not None and not nested:
        top[parent] = None
    return top or None


def _scalar(raw: str) -> object:
    """The value of one `key: value` line (comment included), or _NOT_FLAT."""
    if not raw:
        return None
    if raw[0] in "\"'":
        quote = raw[0]
        end = raw.find(quote, 1)
        if end < 0:
            return _NOT_FLAT
        inner, rest = raw[1:end], raw[end + 1:]
        if (quote == '"' and "\\" in inner) or (rest and not re.fullmatch(r"\s+#.*", rest)):
            return _NOT_FLAT
        return inner
    word = re.split(r"\s+#", raw, maxsplit=1)[0].rstrip()
    if word in _BOOLS:
        return _BOOLS[word]
    if word in _NULLS:
        return None
    if _INT.match(word):
        return int(word)
    if _FLOAT.match(word):
        return float(word)
    if _WORD.match(word):
        return word
    return _NOT_FLAT
