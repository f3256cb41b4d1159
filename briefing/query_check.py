"""What Whoosh's query parser would quietly drop: an unclosed quote, bracket or parenthesis, an
operator or field with nothing after it.

Whoosh parses `"unbalanced`, `date:[2025 TO` and `visas AND (` without an error, searching for
something other than what was typed; the README promises a note instead. `syntax_problem` names
the first such problem so the search can fall back to the plain words and say why. Pure text.
"""

from __future__ import annotations

import re

OPERATORS = ("AND", "OR", "NOT", "ANDNOT")
_CLOSING = {"(": ")", "[": "]", "{": "}"}
_FIELD_WITHOUT_VALUE = re.compile(r"(?<![\w:])([A-Za-z_]\w*):(?=\s|$|\))")
_WORD = re.compile(r"\S+")


def syntax_problem(query: str) -> str | None:
    """A short reason `query` does not parse as written ("an unclosed \""), or None when it does."""
    outside: list[str] = []  # the query with each quoted phrase blanked out to one word, P
    in_phrase = False
    for ch in query:
        if ch == '"':
            # A phrase is a term: `"one in" AND visas` has something before AND, `title:"a b"` a value.
            outside.append(" " if in_phrase else "P")
            in_phrase = not in_phrase
        else:
            outside.append(" " if in_phrase else ch)
    if in_phrase:
        return 'an unclosed "'
    text = "".join(outside)
    stack: list[str] = []
    for ch in text:
        if ch in _CLOSING:
            stack.append(ch)
        elif ch in _CLOSING.values():
            # Ranges mix their ends: {A TO B] excludes A and includes B.
            fits = stack and (_CLOSING[stack[-1]] == ch or (stack[-1] in "[{" and ch in "]}"))
            if not fits:
                return f"a {ch} without its opening"
            stack.pop()
    if stack:
        return f"an unclosed {stack[-1]}"
    words = _WORD.findall(text.replace("(", " ( ").replace(")", " ) "))
    for index, word in enumerate(words):
        if word not in OPERATORS:
            continue
        after = words[index + 1] if index + 1 < len(words) else None
        if after is None or after == ")" or (after in OPERATORS and word != "AND" and after != "NOT"):
            return f"{word} with nothing after it"
        before = words[index - 1] if index else None
        if word != "NOT" and (before is None or before == "(" or before in OPERATORS):
            return f"{word} with nothing before it"
    field = _FIELD_WITHOUT_VALUE.search(text)
    if field:
        return f"{field.group(1)}: with nothing after it"
    return None
