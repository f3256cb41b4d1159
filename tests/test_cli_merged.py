"""The merged product as a user drives it: what each branch got right alone but clashed together."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from tests.conftest import run_cli


@pytest.fixture(scope="module")
def shared_index(tmp_path_factory):
    return str(tmp_path_factory.mktemp("merged") / "index")


def test_source_as_compare_and_the_app_name_it(shared_index):
    """`compare` says "003 (£400m a year)" and the app's list shows "003 ·": `--source 003` finds it."""
    compared = run_cli("compare", "--index", shared_index)
    assert "003 (£400m a year)" in compared.stdout
    for command in ("figures", "quotes"):
        short = run_cli(command, "--source", "003", "--json", "--index", shared_index)
        assert short.returncode == 0, short.stderr
        assert {row["source"] for row in json.loads(short.stdout)} == {"003_68a504b818462465"}
        whole = run_cli(command, "--source", "003_68a504b818462465", "--json", "--index", shared_index)
        assert json.loads(whole.stdout) == json.loads(short.stdout)
    unknown = run_cli("figures", "--source", "009", "--index", shared_index)
    assert unknown.returncode == 2 and "no source with id '009'" in unknown.stderr


def test_a_phrase_joined_by_an_operator_is_searched_as_typed(shared_index):
    """A phrase beside AND is a term: not "did not parse" and every article of the seeds."""
    result = run_cli("search", '"one in, one out" AND France', "--json", "--index", shared_index)
    assert "did not parse" not in result.stderr
    assert {h["source"][:3] for h in json.loads(result.stdout)} == {"001", "002"}


def on_a_terminal(*args: str, columns: int = 100) -> str:
    """What a command prints to a real terminal (a pty) `columns` wide, escape sequences removed."""
    leader, follower = os.openpty()
    env = {**os.environ, "COLUMNS": str(columns), "LINES": "40", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    try:
        proc = subprocess.Popen([sys.executable, "-m", "briefing", *args], stdin=subprocess.DEVNULL,
                                stdout=follower, stderr=subprocess.DEVNULL, env=env)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the other side closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout=60)
    finally:
        os.close(leader)
    text = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)


def test_sources_on_a_terminal_stay_in_columns(shared_index):
    """Long lead-sentence titles made each row longer than the terminal; cutting the whole line collapsed
    its padding, so rows no longer lined up under the header."""
    lines = [line for line in on_a_terminal("sources", "--index", shared_index).splitlines() if line.strip()]
    header, rows = lines[0], lines[1:]
    assert len(rows) == 5
    title_at = header.index("title")
    for row in rows:
        assert len(row) <= 100, row
        assert row[title_at - 2:title_at] == "  " and row[title_at] != " ", row  # under its header
        assert row[header.index("date"):].startswith(("2025-", "undated")), row


def test_a_quote_given_to_an_organisation_is_not_called_unattributed(shared_index):
    """The attribution stages give "proof of concept" to The Times (an organisation, no named speaker):
    the terminal said "(unattributed) (as “The Times”)", as the app does not."""
    quotes = on_a_terminal("quotes", "--source", "001", "--index", shared_index)
    assert "The Times" in quotes and "(unattributed) (as" not in quotes
    compared = on_a_terminal("compare", "--index", shared_index)
    line = next(line for line in compared.splitlines() if "proof of concept" in line)
    assert "The Times" in line and "(unattributed)" not in line, line
