"""The app in a real terminal (tmux), and over a real SSH connection.

The corpus is the seeds plus one hostile article full of escape sequences; the
raw bytes that reach the terminal are captured with `pipe-pane` and checked for
the article's payloads.
"""

from __future__ import annotations

import re
import shlex
import shutil
import sys
import time
from pathlib import Path

import pytest
from terminal_helpers import Tmux, app_command, wait_for_file
from tui_helpers import SEEDS

from tests.ssh_harness import SSHServer, missing_tools

HOSTILE = (
    "Pwned headline\n\n"
    "\x1b]0;PWNED-TITLE\x07\x1b]52;c;UFdORUQtQ0xJUA==\x07\x1b[2J"
    "\x1b]8;;http://pwned.example/\x07link\x1b]8;;\x07 about migration [@click=app.quit]x[/]\n"
)
PAYLOADS = (b"PWNED-TITLE", b"UFdORUQtQ0xJUA==", b"pwned.example")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    return folder


def _search_and_quit(tmux: Tmux, rc: Path, open_hostile: bool = False) -> None:
    tmux.wait_for(lambda s: "index ready" in s, "the app to start and index")
    tmux.keys("/")
    tmux.wait_for(lambda s: "search:" in s or "Search" in s, "the search box")
    tmux.keys("macron", literal=True)
    tmux.wait_for(lambda s: re.search(r"\d articles?\b", s) is not None, "search results")
    tmux.keys("Enter")
    screen = tmux.wait_for(lambda s: "hits 1/" in s, "the hit to open in the reader")
    assert "Macron" in screen
    if open_hostile:  # filter the sources to the hostile article and open it
        tmux.keys("f")
        time.sleep(1)  # focus moves on the app's next turn; keys sent in one burst would overtake it
        tmux.keys("Pwned", literal=True)
        tmux.wait_for(lambda s: "│ Pwned " in s, "the filter to take the text")
        tmux.keys("Enter")
        screen = tmux.wait_for(lambda s: "[@click=app.quit]x[/]" in s, "the hostile article, literally")
        assert "link about migration" in screen
    tmux.keys("q")
    assert wait_for_file(rc) == "0"


@pytest.mark.terminal
def test_a_terminal_started_by_a_test_has_its_own_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pytest's readline exports the outer terminal's COLUMNS/LINES; the test's tmux must not pass them on."""
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("LINES", "50")
    tmux = Tmux(tmp_path, width=100, height=30)
    try:
        probe = "import shutil; print('size', *shutil.get_terminal_size())"  # honours COLUMNS/LINES, as Textual does
        tmux.start(f"{shlex.quote(sys.executable)} -c {shlex.quote(probe)}")
        screen = tmux.wait_for(lambda s: "size " in s, "the probe's answer")
        assert "size 100 30" in screen
    finally:
        tmux.stop()


@pytest.mark.terminal
def test_search_in_tmux(tmp_path: Path, corpus: Path) -> None:
    tmux = Tmux(tmp_path, width=100, height=30)
    rc = tmp_path / "rc"
    try:
        tmux.start(app_command(corpus, tmp_path / "index", tmp_path))
        _search_and_quit(tmux, rc, open_hostile=True)
        raw = tmux.raw.read_bytes()
        assert b"Macron" in raw and b"link about migration" in raw, "pipe-pane did not capture the app"
        assert b"\x1b[?1000h" in raw  # mouse reporting is on by default
        for payload in PAYLOADS:
            assert payload not in raw
    finally:
        tmux.stop()


@pytest.mark.ssh
def test_search_over_ssh(tmp_path: Path, corpus: Path) -> None:
    if missing_tools():
        pytest.skip(missing_tools())
    tmux = Tmux(tmp_path, width=100, height=30)
    rc = tmp_path / "rc"
    sshd = SSHServer.start(tmp_path / "sshd")
    try:
        remote = app_command(corpus, tmp_path / "index", tmp_path, extra="--no-mouse")
        tmux.start(shlex.join(sshd.command(f"sh -c {shlex.quote(remote)}", tty=True)))
        _search_and_quit(tmux, rc)
        raw = tmux.raw.read_bytes()
        assert b"Macron" in raw
        assert b"\x1b[?1000h" not in raw, "--no-mouse still turned mouse reporting on"
        for payload in PAYLOADS:
            assert payload not in raw
    finally:
        tmux.stop()
        sshd.stop()


@pytest.mark.terminal
def test_escape_sequence_split_across_packets(tmp_path: Path, corpus: Path) -> None:
    """A slow link splits Left (ESC [ D) in two; with ESCDELAY above the gap it is still Left.

    Without it (Textual's default 100 ms) the lone ESC would be read as Escape and
    `[D` typed as text: the README's SSH section tells users to raise ESCDELAY.
    """
    tmux = Tmux(tmp_path, width=100, height=30)
    rc = tmp_path / "rc"
    try:
        tmux.start(app_command(corpus, tmp_path / "index", tmp_path, env_extra={"ESCDELAY": "1000"}))
        tmux.wait_for(lambda s: "index ready" in s, "the app to start and index")
        tmux.keys("/")
        tmux.wait_for(lambda s: "search:" in s, "the search box")
        tmux.keys("ab", literal=True)
        tmux.wait_for(lambda s: "│ ab " in s, "the query")
        tmux.keys("\x1b", literal=True)
        time.sleep(0.3)  # the gap between the two packets: more than Textual's default 100 ms
        tmux.keys("[D", literal=True)
        tmux.keys("X", literal=True)
        screen = tmux.wait_for(lambda s: "│ aXb " in s or "[D" in s, "the split key to arrive")
        assert "│ aXb " in screen and "[D" not in screen
        tmux.keys("Escape")
        time.sleep(1.3)  # a lone Escape is only known once ESCDELAY has passed
        tmux.keys("q")
        assert wait_for_file(rc) == "0"
    finally:
        tmux.stop()


@pytest.mark.terminal
def test_the_article_file_opens_in_the_editor_and_the_app_comes_back(tmp_path: Path, corpus: Path) -> None:
    """`E`: the app suspends, $EDITOR gets the article's file and the terminal, then the app redraws."""
    tmux = Tmux(tmp_path, width=100, height=30)
    rc, marker = tmp_path / "rc", tmp_path / "edited"
    editor = f"sh -c 'echo \"$0\" > {marker}; echo EDITOR-RUNNING; sleep 1'"
    try:
        tmux.start(app_command(corpus, tmp_path / "index", tmp_path, env_extra={"EDITOR": editor}))
        tmux.wait_for(lambda s: "index ready" in s, "the app to start and index")
        tmux.keys("E")
        tmux.wait_for(lambda s: "EDITOR-RUNNING" in s, "the editor to have the terminal")
        edited = wait_for_file(marker)
        assert edited.startswith(str(corpus)) and edited.endswith(".txt")
        tmux.wait_for(lambda s: "EDITOR-RUNNING" not in s and "index ready" in s, "the app to come back")
        tmux.keys("q")
        assert wait_for_file(rc) == "0"
    finally:
        tmux.stop()
