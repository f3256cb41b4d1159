"""The command line as scripts use it: real subprocesses, exit codes, JSON on stdout."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli


@pytest.fixture(scope="module")
def shared_index(tmp_path_factory):
    """One index for the read-only CLI tests on the bundled seeds (the default corpus)."""
    return str(tmp_path_factory.mktemp("cli") / "index")


def test_version_and_module_entry_point():
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("briefing ")


def test_search_visas_as_json(shared_index):
    result = run_cli("search", "visas", "--json", "--index", shared_index)
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert {h["source"][:3] for h in hits} == {"000", "003"}
    for hit in hits:
        assert set(hit) >= {"source", "title", "date", "score", "kind", "fragments", "offsets"}
        for fragment in hit["fragments"]:
            for s, e in fragment["hits"]:
                assert fragment["text"][s:e].lower().startswith("visa")


def test_search_prints_highlighted_sentences(shared_index):
    result = run_cli("search", "visas", "--index", shared_index)
    assert result.returncode == 0
    assert "countries who do not agree to “returns agreements” will have their visas limited" in " ".join(
        result.stdout.split()
    )
    assert "\x1b" not in result.stdout  # not a terminal: no styling codes


def test_phrase_search(shared_index):
    result = run_cli("search", '"one in, one out"', "--json", "--index", shared_index)
    assert {h["source"][:3] for h in json.loads(result.stdout)} == {"001", "002"}


def test_nothing_found_exits_1_like_grep(shared_index):
    result = run_cli("search", "zyzzyva", "--json", "--index", shared_index)
    assert result.returncode == 1
    assert json.loads(result.stdout) == []


def test_did_you_mean_on_stderr(shared_index):
    result = run_cli("search", "stamer", "--index", shared_index)
    assert result.returncode == 1
    assert "did you mean: starmer" in result.stderr


def test_bad_query_falls_back_with_a_note(shared_index):
    result = run_cli("search", "NOT NOT visas", "--json", "--index", shared_index)
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1)
    assert len(result.stderr.strip().splitlines()) == 1


def test_sources_dates_and_titles(shared_index):
    result = run_cli("sources", "--json", "--index", shared_index)
    assert result.returncode == 0
    rows = {r["id"][:3]: r for r in json.loads(result.stdout)}
    assert rows["000"]["date"] == "2025-06-18" and rows["001"]["date"] == "2025-07-09"
    assert [rows[k]["date"] for k in ("002", "003", "004")] == [None, None, None]
    for row in rows.values():
        assert set(row) >= {"id", "title", "date", "outlet", "words", "path"}
        assert row["title"] and row["words"] > 300


def test_global_options_before_or_after_the_command(seeds_copy, tmp_path):
    (seeds_copy / "005_extra.txt").write_text("Quokkas were seen near Calais.\n")
    index = str(tmp_path / "ix")
    before = run_cli("--corpus", str(seeds_copy), "--index", index, "search", "quokkas", "--json")
    after = run_cli("search", "quokkas", "--json", "--corpus", str(seeds_copy), "--index", index)
    env = run_cli("search", "quokkas", "--json", "--index", index, env={"BRIEFING_CORPUS": str(seeds_copy)})
    for result in (before, after, env):
        assert result.returncode == 0, result.stderr
        assert [h["source"] for h in json.loads(result.stdout)] == ["005_extra"]


def test_index_command_summary_and_rebuild(seeds_copy, tmp_path):
    index = str(tmp_path / "ix")
    first = run_cli("index", "--corpus", str(seeds_copy), "--index", index)
    assert first.returncode == 0
    assert first.stdout.startswith("5 added, 0 updated, 0 removed, 0 skipped, 0 unchanged")
    again = run_cli("index", "--corpus", str(seeds_copy), "--index", index)
    assert again.stdout.startswith("0 added, 0 updated, 0 removed, 0 skipped, 5 unchanged")
    rebuilt = run_cli("index", "--rebuild", "--corpus", str(seeds_copy), "--index", index)
    assert rebuilt.stdout.startswith("5 added")


def test_index_reports_bad_files_one_line_each(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Good article.\n")
    (corpus / "bin.txt").write_bytes(b"\x00\x01\x02\x03")
    (corpus / "empty.md").write_text("")
    result = run_cli("index", "--corpus", str(corpus), "--index", str(tmp_path / "ix"))
    assert result.returncode == 0
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 2 and any("bin.txt" in w for w in warnings) and any("empty.md" in w for w in warnings)
    assert "1 added" in result.stdout and "2 skipped" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("search", "x", "--corpus", "/nonexistent/corpus"),
        ("sources", "--corpus", "/etc/hostname"),
        ("search",),
        ("search", "x", "--limit", "zero"),
        ("frobnicate",),
        ("quotes", "--source", "no-such-id"),
    ],
)
def test_bad_usage_or_input_is_one_line_and_exit_2(args, shared_index):
    result = run_cli(*args, "--index", shared_index)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("briefing: ")


def test_unwritable_index_folder_is_one_line_exit_2(tmp_path):
    parent = tmp_path / "ro"
    parent.mkdir()
    (parent / "file").write_text("not a folder")
    result = run_cli("search", "visas", "--index", str(parent / "file" / "ix"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "index" in result.stderr


def test_foreign_index_folder_refused(tmp_path):
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "_MAIN_1.toc").write_bytes(b"not ours")
    result = run_cli("search", "visas", "--index", str(foreign))
    assert result.returncode == 2 and "refusing" in result.stderr


def test_app_without_a_terminal_exits_at_once_with_a_hint(shared_index):
    result = run_cli("--index", shared_index, timeout=20)
    assert result.returncode == 2
    assert "ssh -t" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_quotes_figures_speakers_compare_json(shared_index):
    quotes = json.loads(run_cli("quotes", "--json", "--index", shared_index).stdout)
    assert quotes and all(
        set(q) >= {"source", "text", "speaker", "speaker_as_written", "speaker_kind", "kind", "start", "end"}
        for q in quotes
    )
    starmer = json.loads(run_cli("quotes", "--speaker", "Starmer", "--json", "--index", shared_index).stdout)
    assert starmer and {q["speaker"] for q in starmer} == {"Keir Starmer"}
    assert {q["speaker_kind"] for q in starmer} == {"person"}
    figures = json.loads(run_cli("figures", "--json", "--index", shared_index).stdout)
    assert figures and all(
        set(f) >= {"source", "text", "value", "unit", "kind", "qualifier", "measure", "period", "sentence",
                   "start", "end"} for f in figures
    )
    speakers = json.loads(run_cli("speakers", "--json", "--index", shared_index).stdout)
    assert "Keir Starmer" in {s["name"] for s in speakers}
    compare = json.loads(run_cli("compare", "--json", "--index", shared_index).stdout)
    assert set(compare) == {"duplicates", "shared_quotes", "figures"}


def test_quote_search_by_speaker(shared_index):
    result = run_cli("search", "speaker:starmer visas", "--json", "--index", shared_index)
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits and all(h["kind"] == "quote" and h["quote"]["speaker"] == "Keir Starmer" for h in hits)
