"""What sits at a path is not trusted: files swapped between scan and read, folders nested
beyond reason, links out of the corpus, our own exports, non-UTF-8 output (issue 21)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import REPO, SEEDS, run_cli
from tests.data import make_hostile


def _run_python(script: str, timeout: float = 30, **kwargs) -> subprocess.CompletedProcess:
    """A script in its own process: a hang is a timeout here, not a stuck test run."""
    return subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True,
                          timeout=timeout, cwd=REPO, **kwargs)


# --- item 3: swapped between the scan and the read -------------------------------------------------

SWAP_AFTER_SCAN = """
    import os, sys
    from pathlib import Path
    from briefing import corpus
    folder = Path(sys.argv[1])
    real_scan = corpus.scan

    def scan_then_swap(root, warnings=None):
        entries = real_scan(root, warnings)
        target = folder / "victim.txt"
        target.unlink()
        {swap}
        return entries

    corpus.scan = scan_then_swap
    result = corpus.load_corpus(folder)
    print(sorted(s.id for s in result.sources))
    print([(w.path.name, w.reason) for w in result.warnings])
"""


@pytest.mark.parametrize(
    ("swap", "reason"),
    [
        ("os.mkfifo(target)", "not a regular file (a FIFO)"),  # open() used to wait for a writer forever
        ("os.symlink('/dev/zero', target)", "not a regular file (a character device)"),  # read without end
        ("os.symlink('/dev/urandom', target)", "not a regular file (a character device)"),
    ],
)
def test_a_file_swapped_for_a_special_file_after_the_scan_is_skipped(tmp_path, swap, reason):
    (tmp_path / "good.txt").write_text(make_hostile.article("okapi"), encoding="utf-8")
    (tmp_path / "victim.txt").write_text(make_hostile.article("victim"), encoding="utf-8")
    script = SWAP_AFTER_SCAN.replace("{swap}", swap)
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(script), str(tmp_path)], capture_output=True,
                          text=True, timeout=30, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    ids, warnings = proc.stdout.splitlines()
    assert ids == "['good']"
    assert warnings == f"[('victim.txt', 'skipped: {reason}')]"


def test_a_file_that_grows_past_the_cap_while_read_is_not_read_without_bound(tmp_path):
    from briefing.file_access import FileTooLarge, read_file

    (tmp_path / "a.txt").write_bytes(b"x" * 5000)
    assert len(read_file(tmp_path / "a.txt", 5000)) == 5000
    with pytest.raises(FileTooLarge):
        read_file(tmp_path / "a.txt", 4999)
    with pytest.raises(OSError, match="not a regular file"):
        read_file("/dev/zero", 5000)


def test_side_files_that_are_fifos_do_not_hang_the_index(tmp_path):
    """sources.yaml and speakers.yaml are hashed on every run: a FIFO there hung every command."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    os.mkfifo(corpus / "sources.yaml")
    os.mkfifo(corpus / "speakers.yaml")
    for args in (("index",), ("sources", "--json"), ("export", "-o", "-")):
        proc = run_cli(*args, "--corpus", str(corpus), "--index", str(tmp_path / "index"), timeout=60)
        assert proc.returncode == 0, (args, proc.stderr)
        assert "Traceback" not in proc.stderr


# --- item 7: folders nested about a thousand deep --------------------------------------------------


def _nest(root: Path, depth: int) -> Path:
    """`depth` folders one in another, made without recursion (os.makedirs recurses up the path)."""
    here = root
    for _ in range(depth):
        here = here / "d"
        os.mkdir(here)
    return here


def _unnest(root: Path, depth: int) -> None:
    paths = [root]
    for _ in range(depth):
        paths.append(paths[-1] / "d")
    for path in reversed(paths[1:]):
        for child in path.iterdir():
            child.unlink()
        path.rmdir()


def test_folders_nested_a_thousand_deep_give_one_warning_not_a_crash(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "top.txt").write_text(make_hostile.article("okapi"), encoding="utf-8")
    (_nest(corpus, 3) / "shallow.txt").write_text(make_hostile.article("shallow"), encoding="utf-8")
    deep = _nest(corpus / "d" / "d" / "d", 987)
    (deep / "deep.txt").write_text(make_hostile.article("abyssal"), encoding="utf-8")
    try:
        for args in (("index",), ("sources", "--json"), ("search", "okapi")):
            proc = run_cli(*args, "--corpus", str(corpus), "--index", str(tmp_path / "index"), timeout=120)
            assert proc.returncode == 0, (args, proc.stderr[-2000:])
            assert "Traceback" not in proc.stderr
        proc = run_cli("index", "--corpus", str(corpus), "--index", str(tmp_path / "index"))
        deep_warnings = [line for line in proc.stderr.splitlines() if "nested deeper than" in line]
        assert len(deep_warnings) == 1, proc.stderr[-2000:]
        ids = {r["id"] for r in json.loads(run_cli("sources", "--json", "--corpus", str(corpus), "--index",
                                                   str(tmp_path / "index")).stdout)}
        assert ids == {"top", "shallow"}
    finally:
        _unnest(corpus, 990)


def test_the_scan_keeps_its_order_without_recursion(tmp_path):
    from briefing.corpus import scan

    for rel in ("b/z.txt", "b/a/y.txt", "a.txt", "a/x.txt", "c.md", "b/c/w.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("text", encoding="utf-8")
    # each folder's files first, then its subfolders, names sorted, depth first
    assert [e.relpath for e in scan(tmp_path)] == ["a.txt", "c.md", "a/x.txt", "b/z.txt", "b/a/y.txt", "b/c/w.txt"]


# --- item 13: links out of the corpus, and whose rights -------------------------------------------


@pytest.fixture
def linked_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plain.txt").write_text(make_hostile.article("okapi"), encoding="utf-8")
    private = tmp_path / "private"
    private.mkdir()
    (private / "secret.txt").write_text(make_hostile.article("basilisk"), encoding="utf-8")
    os.symlink(private / "secret.txt", corpus / "memo.txt")
    return corpus


def _ids(corpus: Path, index: Path, env: dict[str, str] | None = None) -> set[str]:
    proc = run_cli("sources", "--json", "--corpus", str(corpus), "--index", str(index), env=env)
    assert proc.returncode == 0, proc.stderr
    return {r["id"] for r in json.loads(proc.stdout)}


def test_links_out_of_the_corpus_are_followed_only_when_allowed(linked_corpus, tmp_path):
    index = tmp_path / "index"
    assert _ids(linked_corpus, index) == {"plain"}
    (linked_corpus / "sources.yaml").write_text("follow_outside_links: true\n", encoding="utf-8")
    assert _ids(linked_corpus, index) == {"plain", "memo"}  # the setting's change is a change of the corpus
    (linked_corpus / "sources.yaml").unlink()
    assert _ids(linked_corpus, index) == {"plain"}
    assert _ids(linked_corpus, index, env={"BRIEFING_FOLLOW_LINKS": "1"}) == {"plain", "memo"}
    assert _ids(linked_corpus, index) == {"plain"}
    proc = run_cli("sources", "--json", "--follow-links", "--corpus", str(linked_corpus), "--index", str(index))
    assert {r["id"] for r in json.loads(proc.stdout)} == {"plain", "memo"}


def test_a_link_through_proc_to_the_readers_files_is_not_followed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plain.txt").write_text(make_hostile.article("okapi"), encoding="utf-8")
    os.symlink("/proc/self/cwd/.env.txt", corpus / "env.txt")
    workdir = tmp_path / "work"
    workdir.mkdir()
    (workdir / ".env.txt").write_text("Credentials\n\nAPI_KEY=hunter2 is the basilisk password.\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "export", "-o", "-", "--corpus", str(corpus), "--index",
         str(tmp_path / "index")],
        capture_output=True, text=True, cwd=workdir, timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert proc.returncode == 0, proc.stderr
    assert "hunter2" not in proc.stdout and "basilisk" not in proc.stdout
    assert "env.txt: skipped: link leads outside the corpus folder" in proc.stderr


def test_a_file_the_corpus_owner_could_not_read_is_not_read_even_when_links_are_allowed(tmp_path):
    """The reader (root here) may read anything; the corpus belongs to `nobody`, who may not."""
    if os.geteuid() != 0:
        pytest.skip("needs root to make a corpus owned by another user")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plain.txt").write_text(make_hostile.article("okapi"), encoding="utf-8")
    secret = tmp_path / "root-only.txt"
    secret.write_text(make_hostile.article("basilisk"), encoding="utf-8")
    secret.chmod(0o600)
    os.symlink(secret, corpus / "memo.txt")
    (corpus / "mine.txt").write_text(make_hostile.article("wombat"), encoding="utf-8")
    (corpus / "mine.txt").chmod(0o600)  # a root-only file inside nobody's corpus: not theirs to see either
    (corpus / "sources.yaml").write_text("follow_outside_links: true\n", encoding="utf-8")
    for path in (corpus, corpus / "plain.txt", corpus / "sources.yaml"):
        os.chown(path, 65534, 65534)
    proc = run_cli("export", "-o", "-", "--corpus", str(corpus), "--index", str(tmp_path / "index"))
    assert proc.returncode == 0, proc.stderr
    assert "basilisk" not in proc.stdout and "wombat" not in proc.stdout and "okapi" in proc.stdout
    assert "memo.txt: skipped: the corpus folder's owner could not read it" in proc.stderr
    assert "mine.txt: skipped: the corpus folder's owner could not read it" in proc.stderr


def test_sources_yaml_linked_out_of_the_corpus_is_not_read(tmp_path):
    """Its YAML error message would quote the file it was linked to."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plain.txt").write_text(make_hostile.article("okapi"), encoding="utf-8")
    (tmp_path / "secret.yaml").write_text("password: [hunter2\n", encoding="utf-8")
    os.symlink(tmp_path / "secret.yaml", corpus / "sources.yaml")
    proc = run_cli("index", "--corpus", str(corpus), "--index", str(tmp_path / "index"))
    assert proc.returncode == 0, proc.stderr
    assert "hunter2" not in proc.stderr
    assert "sources.yaml: ignored: link leads outside the corpus folder" in proc.stderr


# --- item 14: our own exports ---------------------------------------------------------------------


def test_an_export_into_the_corpus_is_not_read_back(seeds_copy, tmp_path):
    index = tmp_path / "index"
    before = _ids(seeds_copy, index)
    compare_before = json.loads(run_cli("compare", "--json", "--corpus", str(seeds_copy), "--index",
                                        str(index)).stdout)
    for target in ("briefing.md", "notes/briefing-copy.txt"):
        (seeds_copy / target).parent.mkdir(exist_ok=True)
        proc = run_cli("export", "-o", str(seeds_copy / target), "--corpus", str(seeds_copy), "--index", str(index))
        assert proc.returncode == 0, proc.stderr
    assert _ids(seeds_copy, index) == before
    compare_after = json.loads(run_cli("compare", "--json", "--corpus", str(seeds_copy), "--index",
                                       str(index)).stdout)
    assert compare_after["shared_quotes"] == compare_before["shared_quotes"]
    proc = run_cli("index", "--corpus", str(seeds_copy), "--index", str(index))
    assert "briefing.md: skipped: a briefing written by 'briefing export'" in proc.stderr


def test_an_article_that_only_mentions_the_tool_is_kept(tmp_path):
    from briefing.corpus import is_briefing_export

    assert not is_briefing_export("---\ntitle: Tools we use\ntool: briefing\n---\nThe body.\n")
    assert not is_briefing_export("tool: briefing\ngenerated: 2026-01-01\n\nNo front matter.\n")
    assert is_briefing_export("---\ntitle: x\ngenerated: 2026-12-07 22:00:00\ntool: briefing\nversion: 1\n---\n")


# --- item 6: a terminal that is not UTF-8 -----------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("quotes",), ("figures",), ("compare",), ("export", "-o", "-"), ("search", "--quotes", "minister"),
     ("search", "visas"), ("sources",), ("speakers",)],
)
def test_a_latin1_terminal_gets_replacement_characters_not_a_traceback(args, tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", *args, "--index", str(tmp_path / "index")],
        capture_output=True, cwd=REPO, timeout=120, env={**os.environ, "PYTHONIOENCODING": "latin-1"},
    )
    err = proc.stderr.decode("latin-1")
    assert proc.returncode == 0, (args, err[-1500:])
    assert "Traceback" not in err and "\\u" not in err
    out = proc.stdout.decode("latin-1")
    assert out.strip()
    if args[0] in ("figures", "export"):
        assert "£" in out  # what latin-1 has is kept


def test_json_on_a_latin1_terminal_is_whole(tmp_path):
    """JSON is data: \\u escapes instead of replacement characters."""
    utf8 = run_cli("quotes", "--json", "--index", str(tmp_path / "index"))
    latin1 = subprocess.run(
        [sys.executable, "-m", "briefing", "quotes", "--json", "--index", str(tmp_path / "index")],
        capture_output=True, cwd=REPO, timeout=120, env={**os.environ, "PYTHONIOENCODING": "latin-1"},
    )
    assert latin1.returncode == 0
    assert json.loads(latin1.stdout.decode("latin-1")) == json.loads(utf8.stdout)


def test_the_fallback_draws_ascii_borders():
    from briefing.output_encoding import ERRORS

    assert "╭──╮│x│╰──╯".encode("latin-1", ERRORS) == b"+--+|x|+--+"
    assert "▁▔▏▕▆█░".encode("latin-1", ERRORS) == b"_-||###"
    assert "“£5m” – café…".encode("ascii", ERRORS) == b'"?5m" - cafe...'
    assert "caf\udce9".encode("utf-8", ERRORS) == "caf\ufffd".encode()


def test_yaml_nested_past_the_stack_is_a_warning_not_a_crash(tmp_path):
    """The sibling of the deep folders: PyYAML builds nested values by recursion."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plain.txt").write_text(make_hostile.article("okapi"), encoding="utf-8")
    (corpus / "deep.md").write_text("---\ntitle: " + "[" * 20000 + "\n---\nThe abyssal body.\n", encoding="utf-8")
    (corpus / "sources.yaml").write_text("plain.txt: " + "[" * 20000 + "\n", encoding="utf-8")
    (corpus / "speakers.yaml").write_text("Keir Starmer: " + "[" * 20000 + "\n", encoding="utf-8")
    proc = run_cli("index", "--corpus", str(corpus), "--index", str(tmp_path / "index"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    for name in ("deep.md", "sources.yaml", "speakers.yaml"):
        assert f"/{name}: " in proc.stderr, name
    assert _ids(corpus, tmp_path / "index") == {"plain", "deep"}


# --- item 2 over time: a file that starts or stops sharing a stem -----------------------------------


def test_an_id_that_changes_when_a_stem_starts_colliding_leaves_nothing_stale(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "story.txt").write_text(make_hostile.article("kestrel"), encoding="utf-8")
    assert _ids(corpus, index) == {"story"}
    (corpus / "story.md").write_text(make_hostile.article("heron"), encoding="utf-8")
    assert _ids(corpus, index) == {"story.txt", "story.md"}
    for word in ("kestrel", "heron"):
        hits = json.loads(run_cli("search", word, "--json", "--corpus", str(corpus), "--index", str(index)).stdout)
        assert [(h["source"], h["title"]) for h in hits] == [
            ("story.txt" if word == "kestrel" else "story.md", f"Headline about {word}")
        ]
    (corpus / "story.md").unlink()
    assert _ids(corpus, index) == {"story"}
    hits = json.loads(run_cli("search", "kestrel OR heron", "--json", "--corpus", str(corpus), "--index",
                              str(index)).stdout)
    assert [h["source"] for h in hits] == ["story"]
