"""The terminal itself: no terminal at all, a hostile article on a real one, a split escape sequence.

The app runs over a real SSH connection (tests/ssh_harness.py) inside tmux; `tmux pipe-pane` records
every byte that reaches the terminal.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time

import pytest

from briefing.workspace import Workspace
from tests import ssh_harness
from tests.conftest import REPO, run_cli
from tests.data import make_hostile
from tests.ssh_harness import SSHServer, remote_shell

sshd = ssh_harness.sshd  # the fixture: a real sshd on 127.0.0.1 for this module

HINT = "briefing: the reader needs a terminal: use 'ssh -t'"


def assert_hint(proc, started: float) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert proc.stdout == ""
    (line,) = proc.stderr.splitlines()
    assert line.startswith(HINT), line
    assert time.monotonic() - started < 15, "it did not exit at once"


# --- without a terminal ---------------------------------------------------------------------------


def test_no_terminal_over_ssh_T(sshd: SSHServer):
    started = time.monotonic()
    proc = subprocess.run(
        sshd.command(remote_shell(), tty=False), capture_output=True, text=True, stdin=subprocess.DEVNULL,
        timeout=30,
    )
    assert_hint(proc, started)


def test_no_terminal_over_ssh_T_with_a_pipe_for_stdin(sshd: SSHServer):
    started = time.monotonic()
    proc = subprocess.run(
        sshd.command(remote_shell(), tty=False), capture_output=True, text=True, input="q\n", timeout=30
    )
    assert_hint(proc, started)


def test_stdin_at_end_of_file_and_piped():
    started = time.monotonic()
    assert_hint(run_cli(timeout=30), started)  # stdin is /dev/null: at end of file
    started = time.monotonic()
    assert_hint(run_cli(input="", timeout=30), started)  # stdin an empty pipe
    started = time.monotonic()
    # stdin a real terminal, stdout piped into another program
    leader, follower = os.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "briefing"], stdin=follower, capture_output=True, text=True, timeout=30, cwd=REPO
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert_hint(proc, started)


# --- the app in a real terminal over SSH --------------------------------------------------------

TMUX_SIZE = ("100", "30")


class Tmux:
    """A private tmux server (its own socket), so only what this test started is ever touched."""

    def __init__(self, name: str) -> None:
        self.socket = name

    def __call__(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args], capture_output=True, text=True, check=check,
            timeout=20, env=ssh_harness.terminal_env(),  # not the outer terminal's COLUMNS/LINES
        )

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "app").stdout

    def alive(self) -> bool:
        return self("has-session", "-t", "app", check=False).returncode == 0

    def wait_for(self, predicate, what: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen() if self.alive() else ""
            if predicate(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; screen:\n{screen}")


@pytest.fixture
def hostile_app(sshd: SSHServer, tmp_path, isolated_user_dirs):
    """The app over `ssh -tt` in tmux, showing one article full of escape sequences and markup."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux not installed (CI installs it)")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hostile.txt").write_text(
        "Hostile article\n\n"
        f"The ocelot paragraph {make_hostile.TERMINAL_ATTACKS} carries escape sequences.\n\n"
        f"The narwhal paragraph shows {make_hostile.MARKUP} literally.\n",
        encoding="utf-8",
    )
    index = tmp_path / "index"
    Workspace.open(corpus, index).sync_index()
    env = " ".join(
        f"{k}={shlex.quote(str(isolated_user_dirs / k.split('_')[1].lower()))}"
        for k in ("BRIEFING_CACHE_DIR", "BRIEFING_DATA_DIR", "BRIEFING_CONFIG_DIR")
    )
    cd, _, rest = remote_shell().partition(" && ")
    remote = f"{cd} && env {env} ESCDELAY=100 " + rest.removeprefix("exec ")
    remote += " " + shlex.join(["--corpus", str(corpus), "--index", str(index), "--no-mouse"])
    raw = tmp_path / "raw.bin"
    tmux = Tmux(f"briefing-hardening-{os.getpid()}")
    ssh = shlex.join(sshd.command(remote, tty=True))
    tmux(
        "start-server", ";", "set", "-g", "default-terminal", "xterm-256color", ";",
        "new-session", "-d", "-s", "app", "-x", TMUX_SIZE[0], "-y", TMUX_SIZE[1], f"sleep 0.5; exec {ssh}",
    )
    try:
        tmux("pipe-pane", "-o", "-t", "app", f"cat >> {shlex.quote(str(raw))}")
        tmux.wait_for(lambda s: "narwhal paragraph" in s and "index ready" in s, "the article on screen, index ready")
        yield tmux, raw
    finally:
        tmux("kill-server", check=False)


CONTENT_PAYLOADS = (
    b"pwned", b"another title", b"ZWNobyBwd25lZA", b"osc8.invalid", b"\x1b]52;", b"\x1b]8;;http", b"\x1bc", b"\xc2\x9b"
)


def test_hostile_article_cannot_drive_the_terminal(hostile_app):
    tmux, raw = hostile_app
    screen = tmux.screen()
    # Markup shows literally (the reader wraps it); the OSC 8 link text stays, the link does not.
    for literal in ("[bold]not bold[/]", "[@click=app.quit]quit[/]", "[link=https://evil.example]x[/link]"):
        assert literal in screen, screen
    assert "The ocelot paragraph" in screen
    time.sleep(0.5)
    data = raw.read_bytes()
    assert b"narwhal" in data  # the recording works
    for payload in CONTENT_PAYLOADS:
        assert payload not in data, payload
    # The only OSC sequences are Textual's own: OSC 22 sets the mouse pointer's shape.
    foreign = [osc for osc in re.findall(rb"\x1b\][^\x07\x1b]*", data) if not osc.startswith(b"\x1b]22;")]
    assert foreign == []
    tmux("send-keys", "-t", "app", "q")
    deadline = time.monotonic() + 20
    while tmux.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not tmux.alive(), "q did not quit the app"


def test_split_escape_sequence_over_a_slow_link(hostile_app):
    """ESC, then `[A` after ESCDELAY: the app sees Escape (back: nothing to leave) and two plain keys.

    What the user sees: nothing happens (neither key is bound in the reader); the app does not crash,
    and the arrow they meant to press is simply lost. A larger ESCDELAY (README, "Over SSH") avoids it.
    """
    tmux, _ = hostile_app
    before = tmux.screen()
    tmux("send-keys", "-t", "app", "Escape")
    time.sleep(0.4)  # past ESCDELAY=100 ms: the sequence is split
    tmux("send-keys", "-t", "app", "-l", "[A")
    time.sleep(1.0)
    after = tmux.screen()
    assert tmux.alive()
    assert "narwhal paragraph" in after
    assert "Traceback" not in after
    assert after == before, "the split sequence changed the screen"
    # The whole sequence in one burst is the Up arrow, and the app still answers keys.
    tmux("send-keys", "-t", "app", "Up")
    tmux("send-keys", "-t", "app", "q")
    deadline = time.monotonic() + 20
    while tmux.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not tmux.alive(), "the app stopped answering keys"


def test_cli_output_over_ssh_is_clean(sshd: SSHServer, tmp_path):
    """`briefing search` over `ssh -tt` (a remote pseudo-terminal): no content escapes come back."""
    corpus = tmp_path / "corpus"
    make_hostile.write(corpus)
    index = tmp_path / "index"
    try:
        Workspace.open(corpus, index).sync_index()
        proc = subprocess.run(
            sshd.command(remote_shell("search", "ocelot OR narwhal", "--corpus", str(corpus), "--index", str(index)),
                         tty=True),
            capture_output=True, stdin=subprocess.DEVNULL, timeout=60,
        )
    finally:
        (corpus / "locked.txt").chmod(0o644)
    assert proc.returncode == 0, proc.stderr
    for payload in CONTENT_PAYLOADS:
        assert payload not in proc.stdout, payload
    assert b"[@click=app." in proc.stdout
    assert not re.search(rb"\x1b\]|\x1b\[2J|\x1b\[H", proc.stdout)


# --- odd terminals: dumb, no colour, tiny ---------------------------------------------------------


def start_app_in_tmux(
    tmp_path, isolated_user_dirs, size: tuple[int, int], corpus=None, mouse: bool = False, **env: str
) -> tuple[Tmux, object]:
    """The app straight in tmux (no ssh), with `env` over a plain xterm environment; `corpus`
    (default: the seeds, indexed beforehand) is left to the app to index."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux not installed (CI installs it)")
    index = tmp_path / "index"
    if corpus is None:
        corpus = REPO / "seeds"
        Workspace.open(corpus, index).sync_index()
    rc = tmp_path / "rc"
    full_env = {
        "TERM": "xterm-256color", "ESCDELAY": "100", "PYTHONPATH": str(REPO),
        **{k: str(isolated_user_dirs / k.split("_")[1].lower())
           for k in ("BRIEFING_CACHE_DIR", "BRIEFING_DATA_DIR", "BRIEFING_CONFIG_DIR")},
        **env,
    }
    # tmux passes its own COLUMNS/LINES on; the app must see the pane's size alone.
    command = (
        f"cd {shlex.quote(str(REPO))} && env -u COLUMNS -u LINES {shlex.join(f'{k}={v}' for k, v in full_env.items())} "
        f"{shlex.quote(sys.executable)} -m briefing --corpus {shlex.quote(str(corpus))}"
        f" --index {shlex.quote(str(index))}"
        f"{'' if mouse else ' --no-mouse'}; "
        f"echo $? > {shlex.quote(str(rc))}; sleep 30"
    )
    tmux = Tmux(f"briefing-odd-{os.getpid()}-{size[0]}x{size[1]}")
    tmux("start-server", ";", "set", "-g", "default-terminal", "xterm-256color", ";",
         "new-session", "-d", "-s", "app", "-x", str(size[0]), "-y", str(size[1]), command)
    tmux("pipe-pane", "-o", "-t", "app", f"cat >> {shlex.quote(str(tmp_path / 'raw.bin'))}")
    return tmux, rc


def wait_for_exit(rc, timeout: float) -> int | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if rc.exists() and rc.read_text().strip():
            return int(rc.read_text())
        time.sleep(0.1)
    return None


@pytest.mark.parametrize(
    ("size", "env"),
    [((100, 30), {"NO_COLOR": "1"}), ((10, 5), {}), ((20, 6), {"NO_COLOR": "1"}), ((100, 30), {"TERM": "vt100"})],
    ids=["no-colour", "10x5", "20x6-no-colour", "vt100"],
)
def test_odd_terminals_stay_responsive(tmp_path, isolated_user_dirs, size, env):
    tmux, rc = start_app_in_tmux(tmp_path, isolated_user_dirs, size, **env)
    try:
        time.sleep(4)  # past the first frame, whatever it draws
        tmux("send-keys", "-t", "app", "q")
        assert wait_for_exit(rc, 15) == 0, f"q was ignored; screen:\n{tmux.screen()}"
    finally:
        tmux("kill-server", check=False)


@pytest.mark.parametrize("term", ["dumb", "unknown"])
def test_a_dumb_terminal_is_told_at_once_not_hung(tmp_path, isolated_user_dirs, term):
    """The app cannot draw on a terminal that says it cannot move the cursor: one line, exit 2."""
    tmux, rc = start_app_in_tmux(tmp_path, isolated_user_dirs, (100, 30), TERM=term)
    try:
        code = wait_for_exit(rc, 15)
        if code is None:  # hung: q must at least end it
            tmux("send-keys", "-t", "app", "q")
        screen = tmux.screen()
        assert code == 2, f"exit {code}; screen:\n{screen}"
        said = " ".join(line.strip() for line in screen.splitlines() if line.strip())
        assert said.startswith("briefing: ") and f"TERM={term}" in said and said.count("briefing:") == 1, said
    finally:
        tmux("kill-server", check=False)


def test_sigterm_during_the_first_build_gives_the_terminal_back(tmp_path, isolated_user_dirs):
    """Killed politely mid-build, the app leaves the alternate screen and stops mouse tracking."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    words = ["visas", "minister", "border", "policy", "talks", "summit", "deal", "said", "the", "of"]
    for n in range(400):
        text = " ".join(words[(n * i) % len(words)] + str(i % 50) for i in range(600))
        (corpus / f"story_{n:03}.txt").write_text(f"Story {n}\n\n\u201cWe will see,\u201d she said. {text}\n")
    tmux, rc = start_app_in_tmux(tmp_path, isolated_user_dirs, (100, 30), corpus=corpus, mouse=True)
    try:
        tmux.wait_for(lambda s: "indexing" in s or "finding quotes" in s, "the first build under way")
        pattern = f"^{sys.executable} -m briefing .*--index {tmp_path / 'index'}"
        pids = subprocess.run(["pgrep", "-f", "--", pattern], capture_output=True, text=True)
        (pid,) = [int(p) for p in pids.stdout.split() if int(p) != os.getpid()]
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        while not (rc.exists() and rc.read_text().strip()) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert rc.exists() and rc.read_text().strip(), "the app did not end on SIGTERM"
        raw = (tmp_path / "raw.bin").read_bytes()
        assert raw.rfind(b"\x1b[?1049l") > raw.rfind(b"\x1b[?1049h"), "left in the alternate screen"
        assert raw.rfind(b"\x1b[?1000l") > raw.rfind(b"\x1b[?1000h"), "mouse tracking left on"
    finally:
        tmux("kill-server", check=False)
