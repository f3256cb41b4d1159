"""Bad queries and bad input everywhere: never an exception, always an answer in bounded time.

Property tests drive `SearchIndex.search` and `Workspace.search` with arbitrary Unicode and with
queries assembled from the pieces of Whoosh's query language that trip it (unbalanced quotes and
brackets, lone operators, `field:` with nothing, wildcards). `@pytest.mark.slow` variants run many
more examples (CI runs them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.index import MAX_QUERY_CHARS, SEARCH_SECONDS, SearchIndex
from briefing.models import SearchResult
from briefing.workspace import Workspace
from tests.conftest import SEEDS, run_cli

# Parsing is capped and searching is time-limited; this bound only catches an unbounded answer.
BOUND_SECONDS = SEARCH_SECONDS + 5

PIECES = [
    "visas", "Starmer", "prime", "minister", "£500m", "“one in, one out”", '"', '"one in', "(", ")", "((", "))",
    "[", "]", "{", "}", "AND", "OR", "NOT", "ANDNOT", "NOT NOT", "TO", "^", "~", "~2", "title:", "body:",
    "date:", "outlet:", "speaker:", "nosuchfield:", "date:[", "date:[2025-06-01 TO", "date:[x TO y]",
    "date:>", "date:<2025", "*", "?", "a*", "*a*", "vi*", "vi?a", "\\", "'", ":", "::", "-", "+", "\x00",
    "\x1b[2J", "\u202e", "　", "ÿ", "名前",
]
QUERIES = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=25).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
)


@pytest.fixture(scope="module")
def seeds_index(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("queries")
    corpus = base / "corpus"
    shutil.copytree(SEEDS, corpus)
    index = base / "index"
    ws = Workspace.open(corpus, index)
    ws.sync_index()
    ws.close()
    return corpus, index


@pytest.fixture(scope="module")
def index(seeds_index) -> SearchIndex:
    return SearchIndex(seeds_index[1]).open()


@pytest.fixture(scope="module")
def workspace(seeds_index) -> Workspace:
    ws = Workspace.open(*seeds_index)
    ws.sync_index()
    return ws


def check(result: SearchResult, query: str, started: float) -> None:
    assert isinstance(result, SearchResult)
    assert time.monotonic() - started < BOUND_SECONDS, f"unbounded: {query[:80]!r}"
    assert result.note is None or "\n" not in result.note
    for hit in result.hits:
        assert hit.source[:3] in {"000", "001", "002", "003", "004"}
        for s, e in hit.offsets:
            assert 0 <= s <= e


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SLOW = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FAST
@given(query=QUERIES, kind=st.sampled_from(["article", "quote", "auto"]))
def test_search_index_never_raises(index, query, kind):
    started = time.monotonic()
    check(index.search(query, kind=kind), query, started)


@FAST
@given(query=QUERIES)
def test_workspace_search_never_raises(workspace, query):
    started = time.monotonic()
    check(workspace.search(query), query, started)


@pytest.mark.slow
@SLOW
@given(query=QUERIES, kind=st.sampled_from(["article", "quote", "auto"]))
def test_search_index_never_raises_many_examples(index, query, kind):
    started = time.monotonic()
    check(index.search(query, kind=kind), query, started)


@pytest.mark.slow
@settings(
    max_examples=25, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.large_base_example],
)
@given(query=st.lists(st.sampled_from(PIECES), min_size=300, max_size=2500).map(" ".join))
def test_huge_assembled_queries_are_cut_and_bounded(index, query):
    started = time.monotonic()
    result = index.search(query)
    check(result, query, started)
    assert result.note and f"first {MAX_QUERY_CHARS} characters" in result.note


@pytest.mark.parametrize(
    "query",
    ["a" * 10_000, "visas " * 2_000, "(" * 10_000, '"' * 10_000, "NOT " * 2_500, "title:" * 1_500, "*" * 10_000],
)
def test_ten_thousand_character_queries(index, query):
    started = time.monotonic()
    result = index.search(query)
    check(result, query, started)
    assert result.note


@pytest.mark.parametrize("query", ["*", "a*", "*a*", "?", "??*", "title:*", "body:a*", "visas OR *", "x?"])
def test_unbounded_wildcards_are_refused_with_a_message(index, query):
    started = time.monotonic()
    result = index.search(query)
    check(result, query, started)
    assert result.hits == []
    assert result.note and "wildcard refused" in result.note


def test_allowed_wildcards_answer(index):
    assert {h.source[:3] for h in index.search("vi*").hits} >= {"000", "003"}


@pytest.mark.parametrize("query", ["title:", "date:", "speaker:", "AND", "OR", "NOT", '"', "()", "[]", "nosuchfield:x"])
def test_empty_fields_and_lone_operators(index, query):
    started = time.monotonic()
    check(index.search(query), query, started)


# --- bad input to every command -----------------------------------------------------------------

COMMANDS = [["index"], ["search", "visas"], ["sources"], ["quotes"], ["figures"], ["speakers"], ["compare"],
            ["export", "-o", "-"]]


def one_line(proc, code: int = 2) -> str:
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    (line,) = proc.stderr.splitlines()
    assert line.startswith("briefing: ")
    return line


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_missing_corpus_and_file_instead_of_folder(command, tmp_path):
    file = tmp_path / "article.txt"
    file.write_text("Just a file\n\nNot a folder.\n")
    line = one_line(run_cli(*command, "--corpus", str(tmp_path / "missing"), "--index", str(tmp_path / "i")))
    assert "corpus folder not found" in line
    line = one_line(run_cli(*command, "--corpus", str(file), "--index", str(tmp_path / "i")))
    assert "corpus is not a folder" in line


EMPTY_CORPUS = {  # command -> exit code and what stderr says: nothing to find is exit 1, like grep
    "index": (0, None),
    "search": (1, "no articles (.txt, .md, .html, .htm) in"),
    "sources": (1, None),
    "quotes": (1, None),
    "figures": (1, None),
    "speakers": (1, None),
    "compare": (1, None),
}


@pytest.mark.parametrize("command", [c for c in COMMANDS if c[0] in EMPTY_CORPUS], ids=lambda c: c[0])
def test_empty_corpus_folder(command, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = run_cli(*command, "--corpus", str(empty), "--index", str(tmp_path / "i"))
    code, says = EMPTY_CORPUS[command[0]]
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr
    if says:
        assert one_line(proc, code).startswith(f"briefing: {says}")
    else:
        assert proc.stderr == ""


@pytest.mark.parametrize(
    "args, says",
    [
        (["search"], "required: query"),
        (["search", "visas", "--limit", "0"], "--limit"),
        (["search", "visas", "--limit", "many"], "--limit"),
        (["nosuchcommand"], "invalid choice"),
        (["sources", "--corpus"], "expected one argument"),
        (["--bogus"], "unrecognized arguments"),
        (["search", "visas", "--json", "--bogus"], "unrecognized arguments"),
        (["export", "--pinned", "--query", "x"], "choose one of"),
        (["quotes", "--source", "nope"], "no source with id"),
        (["figures", "--source", "nope"], "no source with id"),
        (["export", "--source", "nope", "-o", "-"], "no source with id"),
    ],
)
def test_bad_flags(args, says, seeds_index):
    corpus, index = seeds_index
    assert says in one_line(run_cli(*args, "--corpus", str(corpus), "--index", str(index)))


def test_unwritable_export_path(seeds_index, tmp_path):
    corpus, index = seeds_index
    line = one_line(run_cli("export", "-o", str(tmp_path / "no" / "such" / "dir.md"), "--corpus", str(corpus),
                            "--index", str(index)))
    assert "cannot write" in line
    exists = tmp_path / "exists.md"
    exists.write_text("mine\n")
    assert "--force" in one_line(run_cli("export", "-o", str(exists), "--corpus", str(corpus), "--index", str(index)))
    assert exists.read_text() == "mine\n"
    locked = tmp_path / "locked"
    locked.mkdir()
    mounted = False
    if os.geteuid() == 0:  # root ignores folder modes: a read-only tmpfs, where the machine allows it
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(locked)],
                                 capture_output=True).returncode == 0
        if not mounted:
            pytest.skip("running as root (ignores chmod) and cannot mount a read-only tmpfs here")
    else:
        locked.chmod(0o500)
    try:
        line = one_line(run_cli("export", "-o", str(locked / "out.md"), "--corpus", str(corpus), "--index", str(index)))
        assert "cannot write" in line
    finally:
        if mounted:
            subprocess.run(["umount", str(locked)], check=True)
        locked.chmod(0o700)


def passage_cut_mid_word(body: str) -> str:
    """A stretch of `body` whose character MAX_QUERY_CHARS falls inside a word."""
    words = body.split()
    for start in range(len(words)):
        passage = " ".join(words[start:])
        if len(passage) > MAX_QUERY_CHARS + 50 and passage[MAX_QUERY_CHARS - 1].isalnum() \
                and passage[MAX_QUERY_CHARS].isalnum() and '"' not in passage[:MAX_QUERY_CHARS + 50]:
            return passage[: MAX_QUERY_CHARS + 50]
    raise AssertionError("no such passage")


def test_a_pasted_passage_is_cut_at_a_word_and_finds_its_article(workspace):
    """"…search-engine Goo" found nothing: the cut word is not in any article."""
    for source in workspace.sources:
        passage = passage_cut_mid_word(source.body)
        result = workspace.search(passage)
        assert source.id in {h.source for h in result.hits}, (source.id, result.note)
        assert result.note and "word" in result.note and f"first {MAX_QUERY_CHARS} characters" in result.note
