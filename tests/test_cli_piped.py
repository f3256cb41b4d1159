"""Piped output, as ripgrep and git give it (issue #20, defect 6): one record a line, nothing wrapped
or padded, the source id on every line; a pipe closed early is not "nothing found"."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tests.conftest import REPO, run_cli

SEEDS = REPO / "seeds"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("piped") / "index"
    assert run_cli("index", "--index", str(folder)).returncode == 0
    return str(folder)


def test_quotes_piped_are_one_line_each_unpadded(index: str) -> None:
    result = run_cli("quotes", "--speaker", "starmer", "--index", index)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    quotes = json.loads(run_cli("quotes", "--speaker", "starmer", "--json", "--index", index).stdout)
    assert len(lines) == len(quotes) > 5
    for line, quote in zip(lines, quotes, strict=True):
        fields = line.split("\t")
        assert fields[0] == quote["source"] and fields[1] == quote["speaker"]
        assert fields[-1] == "“" + " ".join(quote["text"].split()) + "”"
        assert line == line.strip()


def test_search_piped_is_source_line_text(index: str) -> None:
    result = run_cli("search", "visas", "--index", index)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines
    for line in lines:
        match = re.fullmatch(r"(\d{3}_[0-9a-f]{16}):(\d+):(\S.*\S)", line)
        assert match, line
        source, number, text = match[1], int(match[2]), match[3]
        file_lines = next(SEEDS.glob(f"{source}.*")).read_text(encoding="utf-8").split("\n")
        assert " ".join(text.split()[:4]) in " ".join(file_lines[number - 1].split()), (line, file_lines[number - 1])


@pytest.mark.parametrize("command", [["sources"], ["figures"], ["speakers"], ["compare"], ["quotes"]])
def test_tables_piped_are_records_without_padding(index: str, command: list[str]) -> None:
    result = run_cli(*command, "--index", index)
    assert result.returncode == 0
    for line in result.stdout.splitlines():
        assert line == line.strip() and "  " not in line, line
        assert "\t" in line


def test_compare_piped_keeps_whole_quotes(index: str) -> None:
    shared = json.loads(run_cli("compare", "--json", "--index", index).stdout)["shared_quotes"]
    lines = run_cli("compare", "--index", index).stdout.splitlines()
    for quote in shared:
        assert any("“" + " ".join(quote["text"].split()) + "”" in line for line in lines)


@pytest.mark.parametrize("command", [["sources"], ["figures"], ["search", "visas"]])
def test_a_closed_pipe_is_not_nothing_found(index: str, command: list[str]) -> None:
    """`briefing sources | head -1`: exit 0, quietly, like git."""
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", *command, "--index", index],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
    )
    process.stdout.close()  # the reader has gone before the first line
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    assert b"Traceback" not in stderr and b"Exception ignored" not in stderr
