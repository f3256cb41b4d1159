"""Write the hostile corpus: every kind of file people save that a reader must survive.

Binary and odd files (NUL bytes, invalid UTF-8, cp1252, UTF-16, a newline in a
file name, chmod 000, a symlink loop) are generated at test time rather than
committed: git and editors mangle them. Run as a script to write one into a folder:

    python tests/data/make_hostile.py /tmp/hostile
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

ESC = "\x1b"
# What a hostile article tries to do to the terminal that prints it.
TERMINAL_ATTACKS = (
    f"{ESC}[2J{ESC}[H"  # clear the screen, cursor home
    f"{ESC}]0;pwned title{ESC}\\"  # set the window title (ST)
    f"{ESC}]2;another title\x07"  # set the title (BEL)
    f"{ESC}]52;c;ZWNobyBwd25lZA==\x07"  # OSC 52: write the clipboard
    f"{ESC}]8;;https://osc8.invalid/{ESC}\\click me{ESC}]8;;{ESC}\\"  # OSC 8 hyperlink
    f"{ESC}c"  # full reset
    "\x9b31m"  # 8-bit CSI
)
MARKUP = "[bold]not bold[/] and [/] and [@click=app.quit]quit[/] and [link=https://evil.example]x[/link]"


@dataclass(frozen=True, slots=True)
class Hostile:
    """The folder written and what a test should expect from it."""

    root: Path
    good: dict[str, str] = field(default_factory=dict)  # file name -> a word only that file holds
    bad: dict[str, str] = field(default_factory=dict)  # file name -> a phrase the warning must carry
    unreadable: Path | None = None
    ids: dict[str, str] = field(default_factory=dict)  # good file name -> its id, where not its stem
    secret: str = ""  # a word only a file outside the corpus holds, linked from inside it


def article(word: str, extra: str = "") -> str:
    return f"Headline about {word}\n\nThe {word} story goes on here {extra}and it ends.\n"


def write(root: Path) -> Hostile:
    root.mkdir(parents=True, exist_ok=True)
    good: dict[str, str] = {}
    bad: dict[str, str] = {}

    def text(name: str, body: str, word: str) -> None:
        (root / name).write_text(body, encoding="utf-8")
        good[name] = word

    def raw(name: str, data: bytes) -> None:
        (root / name).write_bytes(data)

    text("plain.txt", article("zebracorn"), "zebracorn")
    raw("binary.txt", bytes(range(256)) * 64)
    bad["binary.txt"] = "binary"
    # Not UTF-8, not text in any encoding: lone continuation bytes, overlong forms, surrogates.
    raw("invalid-utf8.txt", b"\x80\xc0\xaf\xed\xa0\x80\xf8\x88\x80\x80\x80\x01\x02\x03" * 300)
    bad["invalid-utf8.txt"] = "skipped"
    # cp1252: curly quotes 0x93/0x94, a pound sign 0xA3.
    raw(
        "cp1252.txt",
        b"Chancellor on taxes\n\nThe chancellor said \x93we will cut costs by \xa3500m\x94 in the "
        b"quillwort budget.\n",
    )
    good["cp1252.txt"] = "quillwort"
    bad["cp1252.txt"] = "read as cp1252"
    raw("utf16.txt", ("Utf sixteen story\n\nThe marmoset plan, said “Ms Jones”, costs £3bn.\n").encode("utf-16"))
    good["utf16.txt"] = "marmoset"
    raw("empty.txt", b"")
    bad["empty.txt"] = "empty"
    big_para = "The long report on tariffs continues with more detail about the economy. " * 20 + "\n\n"
    (root / "ten-megabytes.txt").write_text(
        "A very long article\n\n" + "The gargantuan file begins.\n\n" + big_para * (10 * 2**20 // len(big_para)),
        encoding="utf-8",
    )
    good["ten-megabytes.txt"] = "gargantuan"
    (root / "one-long-line.txt").write_text(
        ("Leviathan " + "word " * 200_000)[:1_000_000] + "\n", encoding="utf-8"
    )
    good["one-long-line.txt"] = "leviathan"
    text("escapes.txt", article("ocelot", TERMINAL_ATTACKS + " "), "ocelot")
    text("markup.txt", article("narwhal", MARKUP + " "), "narwhal")
    text(
        "broken-front-matter.md",
        "---\ntitle: [unclosed\ndate: : :\n---\nThe axolotl article body survives its front matter.\n",
        "axolotl",
    )
    bad["broken-front-matter.md"] = "front matter"
    text("name with spaces.txt", article("wombat"), "wombat")
    text("ünïcödé-名前.txt", article("capybara"), "capybara")
    text("new\nline.txt", article("pangolin"), "pangolin")
    (root / "sources.yaml").write_text("plain.txt: {title: [unclosed\n  - : :\n", encoding="utf-8")
    bad["sources.yaml"] = "not valid YAML"
    (root / "speakers.yaml").write_text("aliases: {\n  - [\n", encoding="utf-8")
    bad["speakers.yaml"] = "not valid YAML"
    bad["ten-megabytes.txt"] = "only the first"
    unreadable = root / "locked.txt"
    unreadable.write_text(article("okapi"), encoding="utf-8")
    unreadable.chmod(0)
    loop = root / "loop"
    loop.mkdir()
    os.symlink("../loop", loop / "again")  # a folder loop
    os.symlink("self.txt", root / "self.txt")  # a file link to itself
    bad["self.txt"] = "cannot read"
    ids = _names_and_links(root, good, bad)
    return Hostile(root, good, bad, unreadable, ids, secret="basilisk")


def _names_and_links(root: Path, good: dict[str, str], bad: dict[str, str]) -> dict[str, str]:
    """Names that are not UTF-8, names that share an id, links in and out, and one of our exports."""
    ids = {}
    raw_root = os.fsencode(root)
    # Bytes that are not UTF-8 in a file name and in a folder name (Latin-1 é, à).
    with open(raw_root + b"/caf\xe9.txt", "wb") as out:
        out.write(article("brioche").encode())
    good[os.fsdecode(b"caf\xe9.txt")] = "brioche"
    ids[os.fsdecode(b"caf\xe9.txt")] = "caf\ufffd"
    os.mkdir(raw_root + b"/d\xe9j\xe0")
    with open(raw_root + b"/d\xe9j\xe0/inner.txt", "wb") as out:
        out.write(article("tamarin").encode())
    good[os.fsdecode(b"d\xe9j\xe0/inner.txt")] = "tamarin"
    ids[os.fsdecode(b"d\xe9j\xe0/inner.txt")] = "inner"
    # Two files, one stem: by suffix, and by the suffix's case.
    shared_stems = (("story.txt", "kestrel"), ("story.md", "heron"), ("shout.TXT", "puffin"), ("shout.txt", "gannet"))
    for name, word in shared_stems:
        (root / name).write_text(article(word), encoding="utf-8")
        good[name] = word
        ids[name] = name
    # A bidi override, an 8-bit CSI and DEL in a name.
    evil = "evil\u202e\u009b\x7f.txt"
    (root / evil).write_text(article("lemur"), encoding="utf-8")
    good[evil] = "lemur"
    ids[evil] = "evil???"
    # The same article by three names: a hard link and a link inside the corpus are not more articles.
    os.link(root / "plain.txt", root / "zz-hardlink.txt")  # a later name: the first is the article
    os.symlink("plain.txt", root / "alias.txt")
    # A link out of the corpus, to a file only the corpus's reader should see.
    outside = root.parent / "private"
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text(article("basilisk"), encoding="utf-8")
    os.symlink(outside / "secret.txt", root / "memo.txt")
    bad["memo.txt"] = "outside the corpus"
    # A briefing exported into the corpus folder, once as .md and once renamed .txt.
    export = (
        '---\ntitle: "Briefing: corpus"\ngenerated: 2026-12-07 22:00:00\ncorpus: corpus\nsources: 3\n'
        "scope: all\ntool: briefing\nversion: 0.1.0\n---\n\n# Briefing: corpus\n\nThe zebracorn quote.\n"
    )
    (root / "briefing-corpus-2026-12-07.md").write_text(export, encoding="utf-8")
    bad["briefing-corpus-2026-12-07.md"] = "briefing export"
    (root / "old-briefing.txt").write_text(export, encoding="utf-8")
    bad["old-briefing.txt"] = "briefing export"
    return ids


if __name__ == "__main__":
    out = write(Path(sys.argv[1]))
    print(f"wrote {len(out.good)} good and {len(out.bad)} bad files to {out.root}")
