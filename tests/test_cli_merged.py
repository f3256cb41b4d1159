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
    exported = run_cli("export", "--source", "003", "-o", "-", "--index", shared_index)
    assert exported.returncode == 0, exported.stderr
    assert "source_ids:\n- 003_68a504b818462465" in exported.stdout
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


PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Small boats: minister defends plan | Example News</title>
<meta property="og:title" content="Small boats: minister defends plan">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2025-07-10T08:00:00Z">
</head><body><nav>Home | Politics | Sport</nav>
<article><h1>Small boats: minister defends plan</h1>
<p>The home secretary said the government would spend &pound;120m on new patrols, a serious investment in
our borders, she told MPs on Thursday after a long debate in the Commons about the Channel.</p>
<p>More than 20,000 people have crossed the Channel so far this year, according to Home Office figures,
up 50% on last year, and ministers expect the summer to bring more.</p>
<p>Critics said the plan would cost &pound;1.2bn over five years and would not work. It is a gimmick, said
the shadow home secretary, who called for a return to the previous approach.</p>
</article><footer>Cookie policy | About us</footer></body></html>
"""


def test_search_piped_gives_a_saved_page_s_own_line(tmp_path):
    """`source:line:text` is "the article file's line": for a saved web page it was the line of the
    extracted text (1, 2, 3), which in the page is the <head>."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    page = corpus / "boats.html"
    page.write_text(PAGE, encoding="utf-8")
    result = run_cli("search", "gimmick OR Thursday", "--corpus", str(corpus), "--index", str(tmp_path / "ix"))
    assert result.returncode == 0, result.stderr
    file_lines = PAGE.split("\n")
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    for line in lines:
        source, number, _text = line.split(":", 2)
        assert source == "boats"
        assert file_lines[int(number) - 1].startswith("<p>"), line
    assert lines[0].split(":")[1] != lines[1].split(":")[1]


def test_nothing_found_as_json_is_an_empty_list_for_every_command(shared_index):
    """`search --json` gives [] and exit 1; `quotes --speaker NOBODY --json` gave no JSON at all."""
    for args in (("search", "zyzzyva"), ("quotes", "--speaker", "Zyzzyva Nobody")):
        result = run_cli(*args, "--json", "--index", shared_index)
        assert result.returncode == 1, result.stderr
        assert json.loads(result.stdout) == []


def test_help_names_the_exit_codes_and_every_option():
    """The README's exit codes (4 came with add/update) are in `briefing --help`; every option says what it
    does (five `--json` said nothing), and compare's line says figures agree, follow or disagree."""
    main = run_cli("--help").stdout
    for code in ("0 found", "1 nothing found", "2 bad usage", "3 index busy", "4 a URL"):
        assert code in " ".join(main.split()), code
    for command in ("search", "sources", "quotes", "figures", "speakers", "compare", "export", "index", "add",
                    "update"):
        text = run_cli(command, "--help").stdout
        options = re.findall(r"^  (-[-\w]+(?:, --[-\w]+)?(?: [A-Z]+)?)( +\S.*)?$", text, flags=re.M)
        assert options, command
        for option, said in options:
            assert said.strip(), f"{command} {option} has no help"
    assert "disagree" in run_cli("compare", "--help").stdout


def test_an_empty_corpus_names_every_kind_of_article_it_would_read(tmp_path):
    """Saved web pages are articles too: the note said "(.txt, .md)"."""
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("search", "visas", "--corpus", str(empty), "--index", str(tmp_path / "ix"))
    assert result.returncode == 1
    assert "no articles (.txt, .md, .html, .htm) in" in result.stderr
