"""Loading real seeds and every kind of bad file, through the real loader."""

from __future__ import annotations

import os
from datetime import date

import pytest

from briefing.corpus import CorpusError, load_corpus
from briefing.hygiene import clean, decode
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def seeds():
    result = load_corpus(SEEDS)
    assert result.warnings == []
    return {s.id: s for s in result.sources}


def test_every_seed_loads_with_stable_ids(seeds):
    assert sorted(seeds) == [
        "000_23ed8d137b3c117b",
        "001_6ee91b2b8eb3983b",
        "002_31579b7372feac52",
        "003_68a504b818462465",
        "004_6302bc43854f0c3c",
    ]


def test_dates_from_the_prefix_and_none_invented(seeds):
    assert seeds["000_23ed8d137b3c117b"].date == date(2025, 6, 18)
    assert seeds["001_6ee91b2b8eb3983b"].date == date(2025, 7, 9)
    for sid in ("002_31579b7372feac52", "003_68a504b818462465", "004_6302bc43854f0c3c"):
        assert seeds[sid].date is None
    # the prefix is metadata, not text
    assert not seeds["000_23ed8d137b3c117b"].body.startswith(("date", " date"))
    assert seeds["000_23ed8d137b3c117b"].body.startswith("Downing Street added")


def test_titles_from_the_lead_sentence(seeds):
    for source in seeds.values():
        assert 20 <= len(source.title) <= 90, source.title
        assert not source.title.endswith((".", ",", ";", ":"))
        assert source.body.startswith(source.title[:20])
    assert seeds["003_68a504b818462465"].title.startswith("Keir Starmer has signalled a new hardline approach")


def test_quote_characters_and_pound_signs_intact(seeds):
    body = seeds["000_23ed8d137b3c117b"].body
    assert "“It is a serious challenge that requires serious responses to it,” Sir Keir" in body
    assert "almost £500m over three years" in body
    assert "16,000 – 42% higher" in body
    assert "we can't be a bit smarter" in seeds["003_68a504b818462465"].body  # straight apostrophe kept


def test_paragraphs_split_on_blank_lines_and_single_newlines(seeds):
    # 000 separates paragraphs with blank lines, 002 with single newlines: both give paragraphs.
    for sid, at_least in (("000_23ed8d137b3c117b", 25), ("002_31579b7372feac52", 20)):
        paragraphs = seeds[sid].paragraph_texts()
        assert len(paragraphs) >= at_least
        assert all(p == p.strip() and "\n\n" not in p for p in paragraphs)
    assert seeds["002_31579b7372feac52"].paragraph_texts()[0].startswith("Sir Keir Starmer said the UK")


def test_headline_line_is_the_title(tmp_path):
    (tmp_path / "a.txt").write_text("Labour plans maternity pay rise\n\nMaternity pay for new mothers is to rise.\n")
    (source,) = load_corpus(tmp_path).sources
    assert source.title == "Labour plans maternity pay rise"
    assert source.body == "Maternity pay for new mothers is to rise."


def test_front_matter_and_sources_yaml(tmp_path):
    (tmp_path / "a.md").write_text(
        "---\ntitle: 'Deal: agreed'\ndate: 2025-07-10\noutlet: The Paper\n---\nBody text here.\n"
    )
    (tmp_path / "b.txt").write_text("Another body. With two sentences.\n")
    (tmp_path / "sources.yaml").write_text(
        "b.txt: {title: From the sidecar, date: 2025-07-01, url: 'https://example.org/b'}\n"
        "a.md: {title: loses to front matter, author: A. Writer}\n"
    )
    result = load_corpus(tmp_path)
    a, b = result.sources
    assert (a.title, a.date, a.outlet, a.author) == ("Deal: agreed", date(2025, 7, 10), "The Paper", "A. Writer")
    assert a.body == "Body text here."
    assert (b.title, b.date, b.url) == ("From the sidecar", date(2025, 7, 1), "https://example.org/b")
    assert result.warnings == []


def test_bad_files_warn_and_never_stop_the_run(tmp_path):
    (tmp_path / "good.txt").write_text("A good article about visas.\n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text("   \n\n")
    (tmp_path / "broken.md").write_text("---\ntitle: [unclosed\n---\nThe body survives.\n")
    (tmp_path / "baddate.md").write_text("---\ndate: next tuesday\n---\nUndated after all.\n")
    (tmp_path / "sources.yaml").write_text("a: [b\n")
    locked = tmp_path / "locked.txt"
    locked.write_text("secret")
    locked.chmod(0)
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "subloop").symlink_to(tmp_path, target_is_directory=True)
    try:
        result = load_corpus(tmp_path)
    finally:
        locked.chmod(0o600)
    by_name = {s.path.name: s for s in result.sources}
    assert set(by_name) >= {"good.txt", "broken.md", "baddate.md"}
    assert by_name["broken.md"].body == "The body survives."
    assert by_name["baddate.md"].date is None
    reasons = {w.path.name: w.reason for w in result.warnings}
    assert "binary" in reasons["binary.txt"]
    assert "empty" in reasons["empty.txt"] and "empty" in reasons["blank.md"]
    assert "YAML" in reasons["broken.md"] and "YAML" in reasons["sources.yaml"]
    assert "date" in reasons["baddate.md"]
    assert "loop.txt" in reasons
    if os.geteuid() != 0:  # root reads anything
        assert "cannot read" in reasons["locked.txt"]
    assert all("\n" not in str(w) for w in result.warnings)


def test_encodings_detected_and_named(tmp_path):
    (tmp_path / "cp1252.txt").write_bytes(
        "The minister said \x93we will pay \xa3500m\x94 to France.\n".encode("latin-1")
    )
    (tmp_path / "utf16.txt").write_bytes("Le président a dit « oui » — £5.\n".encode("utf-16"))
    result = load_corpus(tmp_path)
    bodies = {s.path.name: s.body for s in result.sources}
    assert bodies["cp1252.txt"] == "The minister said “we will pay £500m” to France."
    assert bodies["utf16.txt"] == "Le président a dit « oui » — £5."
    (warning,) = result.warnings
    assert warning.path.name == "cp1252.txt" and "cp1252" in warning.reason


def test_control_sequences_are_stripped_whole():
    nasty = (
        "a\x1b[2Jb\x1b]0;pwned\x07c\x1b]52;c;SGVsbG8=\x07d\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\e"
        "\x9b31mf\x07g\x00h\u202eRTL\u202c\x7fi\r\nj"
    )
    assert clean(nasty) == "abcdlinkefghRTLi\nj"


def test_decode_refuses_binary():
    with pytest.raises(ValueError):
        decode(b"\x00\x01\x02binary")


def test_missing_or_wrong_corpus(tmp_path):
    with pytest.raises(CorpusError, match="not found"):
        load_corpus(tmp_path / "nope")
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(CorpusError, match="not a folder"):
        load_corpus(tmp_path / "file.txt")


def test_duplicate_stems_get_distinct_ids(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("First article body.")
    (tmp_path / "b" / "x.txt").write_text("Second article body.")
    ids = sorted(s.id for s in load_corpus(tmp_path).sources)
    assert ids == ["a/x", "b/x"]


def _entries(*relpaths: str):
    from briefing.corpus import FileEntry

    return [FileEntry(f"/c/{rel}", rel, 1, 1) for rel in relpaths]


def test_ids_are_unique_for_every_kind_of_shared_name():
    from briefing.corpus import source_ids

    names = [
        "story.txt", "story.md",  # one stem, two suffixes
        "shout.TXT", "shout.txt",  # the suffix's case
        "a/story.txt", "b/story.txt",  # one stem in two folders
        os.fsdecode(b"caf\xe9.txt"), os.fsdecode(b"caf\xe8.txt"), "caf\ufffd.txt",  # shown alike: U+FFFD
        "new\nline.txt", "new\tline.txt", "new?line.txt",  # shown alike: ?
        "solo.txt",
    ]
    ids = source_ids(_entries(*names))
    assert len(set(ids.values())) == len(names), ids
    assert ids["solo.txt"] == "solo"
    assert ids["story.txt"] == "story.txt" and ids["story.md"] == "story.md"
    assert ids["a/story.txt"] == "a/story" and ids["b/story.txt"] == "b/story"
    assert ids["shout.TXT"] == "shout.TXT"
    for source_id in ids.values():  # what reaches JSON, YAML, the index and the terminal
        source_id.encode("utf-8")
        assert not any(ch in source_id for ch in "\n\t\x1b")


def test_ids_do_not_depend_on_the_order_of_the_scan():
    import random

    from briefing.corpus import source_ids

    names = ["story.txt", "story.md", "x/story.txt", os.fsdecode(b"\xff.txt"), "\ufffd.txt", "b.txt"]
    first = source_ids(_entries(*names))
    for seed in range(5):
        shuffled = names[:]
        random.Random(seed).shuffle(shuffled)
        assert source_ids(_entries(*shuffled)) == first


def test_loading_story_txt_and_story_md_keeps_both(tmp_path):
    (tmp_path / "story.txt").write_text("From the text file\n\nThe kestrel body.\n", encoding="utf-8")
    (tmp_path / "story.md").write_text("From the markdown file\n\nThe heron body.\n", encoding="utf-8")
    result = load_corpus(tmp_path)
    assert {s.id: s.title for s in result.sources} == {
        "story.txt": "From the text file", "story.md": "From the markdown file",
    }
