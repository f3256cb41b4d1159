"""Driving the real app in tmux (and through a throwaway sshd) for the terminal tests.

Each test gets its own tmux server (`-L <unique socket>`), so it never touches
anyone else's sessions, and stops only that server and the sshd it started.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.ssh_harness import OUTER_TERMINAL_VARIABLES, terminal_env

REPO = Path(__file__).resolve().parents[2]


def require(binary: str) -> str:
    found = shutil.which(binary) or (binary if Path(binary).is_file() else None)
    if not found:
        pytest.skip(f"{binary} is not installed (.ci/run installs tmux and openssh-server with apt-get)")
    return found


def app_command(corpus: Path, index: Path, home: Path, extra: str = "", env_extra: dict[str, str] | None = None) -> str:
    """A shell command running `python -m briefing` in the checkout with isolated user folders."""
    env = {
        **(env_extra or {}),
        "BRIEFING_DATA_DIR": str(home / "data"),
        "BRIEFING_CONFIG_DIR": str(home / "config"),
        "BRIEFING_CACHE_DIR": str(home / "cache"),
        "TERM": "xterm-256color",
        "PYTHONPATH": str(REPO),
    }
    assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    # Unset again on the far side: over ssh the remote shell's profile could set them too.
    unset = " ".join(f"-u {name}" for name in OUTER_TERMINAL_VARIABLES if name not in env)
    rc = home / "rc"
    return (
        f"cd {shlex.quote(str(REPO))} && env {unset} {assignments} {shlex.quote(sys.executable)} -m briefing"
        f" --corpus {shlex.quote(str(corpus))} --index {shlex.quote(str(index))} {extra};"
        f" echo $? > {shlex.quote(str(rc))}"
    )


class Tmux:
    def __init__(self, workdir: Path, width: int = 100, height: int = 30) -> None:
        self.binary = require("tmux")
        self.socket = f"briefing-test-{uuid.uuid4().hex[:10]}"
        self.workdir = workdir
        self.width, self.height = width, height
        self.raw = workdir / "raw.log"

    def _run(self, *args: str, check: bool = True) -> str:
        # The server starts with the first call and gives its environment to every pane: an explicit one.
        done = subprocess.run([self.binary, "-L", self.socket, "-f", "/dev/null", *args],
                              capture_output=True, text=True, timeout=20, env=terminal_env())
        if check and done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args[:2])} failed: {done.stderr.strip()}")
        return done.stdout

    def start(self, command: str) -> None:
        # The terminal type must be set before the session exists.
        self._run("start-server", ";", "set-option", "-g", "default-terminal", "xterm-256color",
                  ";", "set-option", "-sg", "escape-time", "10",
                  ";", "new-session", "-d", "-x", str(self.width), "-y", str(self.height), "-s", "t",
                  f"sh -c {shlex.quote(command + '; sleep 30')}")
        self._run("pipe-pane", "-o", "-t", "t", f"cat >> {shlex.quote(str(self.raw))}")

    def screen(self) -> str:
        return self._run("capture-pane", "-p", "-t", "t", check=False)

    def keys(self, *keys: str, literal: bool = False) -> None:
        self._run("send-keys", "-t", "t", *(["-l"] if literal else []), *keys)

    def wait_for(self, condition: Callable[[str], bool], what: str, timeout: float = 60, interval: float = 0.2) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if condition(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; the screen shows:\n{screen}")
            time.sleep(interval)

    def stop(self) -> None:
        self._run("kill-server", check=False)


def wait_for_file(path: Path, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while not path.exists() or not path.read_text().strip():
        if time.monotonic() > deadline:
            raise AssertionError(f"{path} never appeared")
        time.sleep(0.1)
    return path.read_text().strip()
