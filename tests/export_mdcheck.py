"""Reading an export back with a real CommonMark parser, for the export tests.

Each export is split into its YAML front matter and its Markdown body, the body
parsed by markdown-it-py (CommonMark plus GFM tables), and the token stream
turned into the few facts the tests assert: headings, blockquotes, table rows,
plain text of each block, and any HTML, link or image token.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin  # installed with textual

PARSER = MarkdownIt("commonmark").enable("table")
# GFM and Pandoc read `[^1]` as footnotes; plain CommonMark shows them as text.
FOOTNOTE_PARSER = MarkdownIt("commonmark").enable("table").use(footnote_plugin)


def split_front_matter(text: str) -> tuple[dict, str]:
    assert text.startswith("---\n"), "an export starts with YAML front matter"
    end = text.index("\n---\n", 4)
    meta = yaml.safe_load(text[4:end + 1])
    assert isinstance(meta, dict)
    return meta, text[end + len("\n---\n"):]


def plain(inline: Token) -> str:
    """The text a reader sees in an inline token (markup dropped, breaks as spaces)."""
    out = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return "".join(out)


@dataclass
class Doc:
    meta: dict
    body: str
    tokens: list[Token]
    headings: list[tuple[int, str]] = field(default_factory=list)
    blockquotes: list[list[str]] = field(default_factory=list)  # paragraphs of each blockquote
    tables: list[list[list[str]]] = field(default_factory=list)  # rows (header first) of cells
    paragraphs: list[str] = field(default_factory=list)  # plain text of every paragraph
    list_items: list[str] = field(default_factory=list)
    strong: list[str] = field(default_factory=list)
    html: list[Token] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # hrefs
    images: int = 0
    code: int = 0  # code blocks, fences and code spans
    # top-level list items (their paragraphs joined by a space) under each level-2 heading
    items: dict[str, list[str]] = field(default_factory=dict)
    nested: dict[str, list[str]] = field(default_factory=dict)  # items of nested lists, likewise


def parse(text: str) -> Doc:
    meta, body = split_front_matter(text)
    tokens = PARSER.parse(body)
    doc = Doc(meta, body, tokens)
    depth_quote = 0
    quote: list[str] | None = None
    row: list[str] | None = None
    in_item = 0
    h2 = ""
    item_text: list[list[str]] = []  # paragraphs of each open list item, outermost first
    for i, tok in enumerate(tokens):
        if tok.type in ("html_block",):
            doc.html.append(tok)
        elif tok.type in ("code_block", "fence"):
            doc.code += 1
        elif tok.type == "heading_open":
            doc.headings.append((int(tok.tag[1]), plain(tokens[i + 1])))
            if tok.tag == "h2":
                h2 = plain(tokens[i + 1])
        elif tok.type == "blockquote_open":
            depth_quote += 1
            if depth_quote == 1:
                quote = []
        elif tok.type == "blockquote_close":
            depth_quote -= 1
            if depth_quote == 0 and quote is not None:
                doc.blockquotes.append(quote)
                quote = None
        elif tok.type == "list_item_open":
            in_item += 1
            item_text.append([])
        elif tok.type == "list_item_close":
            in_item -= 1
            text_ = " ".join(item_text.pop())
            (doc.items if not item_text else doc.nested).setdefault(h2, []).append(text_)
        elif tok.type == "table_open":
            doc.tables.append([])
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close" and row is not None:
            doc.tables[-1].append(row)
            row = None
        elif tok.type == "inline":
            text_ = plain(tok)
            parent = tokens[i - 1].type
            if parent in ("th_open", "td_open") and row is not None:
                row.append(text_)
            elif parent == "paragraph_open":
                doc.paragraphs.append(text_)
                if in_item:
                    doc.list_items.append(text_)
                    item_text[-1].append(text_)
                if quote is not None:
                    quote.append(text_)
            _walk_inline(tok, doc)
    return doc


def _walk_inline(inline: Token, doc: Doc) -> None:
    children = inline.children or []
    for j, child in enumerate(children):
        if child.type == "html_inline":
            doc.html.append(child)
        elif child.type == "link_open":
            doc.links.append(str(child.attrs.get("href", "")))
        elif child.type == "image":
            doc.images += 1
        elif child.type == "code_inline":
            doc.code += 1
        elif child.type == "strong_open":
            inner = []
            for grand in children[j + 1:]:
                if grand.type == "strong_close":
                    break
                if grand.type == "text":
                    inner.append(grand.content)
            doc.strong.append("".join(inner))


def footnotes(body: str) -> tuple[set[str], list[str]]:
    """Labels referenced, and labels defined in order, as a footnote-aware viewer reads them."""
    refs: set[str] = set()
    defs: list[str] = []
    for tok in FOOTNOTE_PARSER.parse(body):
        if tok.type == "footnote_open":
            defs.append(tok.meta["label"])
        for child in tok.children or []:
            if child.type == "footnote_ref":
                refs.add(child.meta["label"])
    return refs, defs


def section(doc: Doc, name: str) -> list[tuple[int, str]]:
    """The level-3 headings under a level-2 heading."""
    out: list[tuple[int, str]] = []
    inside = False
    for level, text in doc.headings:
        if level <= 2:
            inside = text == name
        elif inside:
            out.append((level, text))
    return out


def quote_items(doc: Doc) -> list[str]:
    """The full quotes under Who said what (phrases and "and N more" lines are not)."""
    return [item for item in doc.items.get("Who said what", []) if item.startswith("“")]


def also_quoted(doc: Doc) -> list[str]:
    """The "Also quoted" lines: a speaker with phrases only, `Name: “…”[^1] · “…”[^2]`."""
    skip = ("“", "Phrases quoted: ", "and ", "a shorter cut", "worded differently")
    return [i for i in doc.items.get("Who said what", []) if not i.startswith(skip) and ": “" in i]


def shown_quotes(doc: Doc) -> int:
    """Full quotes plus the phrases quoted, as the front matter counts them."""
    phrases = [i for i in doc.items.get("Who said what", []) if i.startswith("Phrases quoted: ")]
    return len(quote_items(doc)) + sum(p.count("”[^") for p in phrases + also_quoted(doc))


def speaker_count(doc: Doc) -> int:
    """A section per speaker, and a line per speaker under "Also quoted"."""
    headings = [h for h in section(doc, "Who said what") if h[1] != "Also quoted"]
    return len(headings) + len(also_quoted(doc))


def check_counts(doc: Doc) -> None:
    """The front matter states what the body shows; every citation has its source and every source is cited."""
    refs, defs = footnotes(doc.body)
    assert doc.meta["sources"] == len(doc.items.get("Sources", [])) == len(defs)
    assert refs == set(defs)
    assert doc.meta["speakers"] == speaker_count(doc)
    assert doc.meta["figure_tables"] == len(section(doc, "Figures")) == len(doc.tables)
    assert doc.meta["quotes"] == shown_quotes(doc)
    undated = sum(1 for item in doc.items.get("Sources", []) if " · undated · " in item)
    assert doc.meta["undated"] == undated
