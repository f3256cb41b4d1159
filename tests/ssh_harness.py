"""A real sshd on 127.0.0.1 for tests: throwaway keys and config in a temp folder, a free port.

The recipe from NOTES.md. Loopback only, key authentication only; the server is stopped by the
pid in its own PidFile, so nothing the test did not start is ever killed.

    with SSHServer.start(tmp_path) as server:
        subprocess.run(server.command("echo hi", tty=False))
"""

from __future__ import annotations

import getpass
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO

SSHD = "/usr/sbin/sshd"
# What a terminal started by a test must not inherit from the terminal pytest runs in: GNU readline
# (imported by pytest) exports the outer terminal's size as COLUMNS/LINES, and an app inside the test's
# 100x30 tmux then drew itself 120 wide; TMUX would make tmux think it is nested.
OUTER_TERMINAL_VARIABLES = ("COLUMNS", "LINES", "TMUX", "TMUX_PANE", "STY", "COLORTERM", "NO_COLOR", "ESCDELAY")


def terminal_env(**extra: str) -> dict[str, str]:
    """The environment for a tmux server, sshd or ssh a test starts: this process's, without what
    describes the outer terminal, with TERM set explicitly (tests must not depend on where they run)."""
    env = {k: v for k, v in os.environ.items() if k not in OUTER_TERMINAL_VARIABLES}
    env["TERM"] = "xterm-256color"
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def missing_tools() -> str | None:
    if not Path(SSHD).exists():
        return f"{SSHD} not installed (apt-get install openssh-server; CI installs it)"
    for tool in ("ssh", "ssh-keygen"):
        if shutil.which(tool) is None:
            return f"{tool} not installed (apt-get install openssh-client; CI installs it)"
    return None


@dataclass
class SSHServer:
    folder: Path
    port: int
    user: str
    process: subprocess.Popen

    @classmethod
    def start(cls, folder: Path) -> SSHServer:
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("hostkey", "clientkey"):
            subprocess.run(
                ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / name)], check=True
            )
        shutil.copy(folder / "clientkey.pub", folder / "authorized_keys")
        (folder / "authorized_keys").chmod(0o600)
        if os.geteuid() == 0:
            Path("/run/sshd").mkdir(parents=True, exist_ok=True)  # sshd's privilege-separation folder
        port = free_port()
        config = folder / "sshd_config"
        config.write_text(
            "\n".join(
                [
                    f"Port {port}",
                    "ListenAddress 127.0.0.1",
                    f"HostKey {folder / 'hostkey'}",
                    f"PidFile {folder / 'sshd.pid'}",
                    f"AuthorizedKeysFile {folder / 'authorized_keys'}",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "UsePAM no",
                    "StrictModes no",
                    "PermitRootLogin prohibit-password",
                    "MaxStartups 100:30:200",  # the soak opens many sessions at once
                    "MaxSessions 50",
                    "LogLevel ERROR",
                    "AcceptEnv LANG LC_* TERM ESCDELAY",
                    "",
                ]
            )
        )
        # -D: stay in the foreground as our child, so we own it and can reap it.
        process = subprocess.Popen(
            [SSHD, "-D", "-f", str(config), "-E", str(folder / "sshd.log")], env=terminal_env()
        )
        server = cls(folder, port, getpass.getuser(), process)
        server._wait_until_listening()
        return server

    def _wait_until_listening(self, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"sshd exited: {(self.folder / 'sshd.log').read_text(errors='replace')}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("sshd did not start listening")

    def command(self, remote: str | Sequence[str], *, tty: bool | None = None) -> list[str]:
        """The ssh command line running `remote` (a shell string or an argv) on this server.

        tty=True forces a terminal (-tt), False refuses one (-T), None lets ssh decide.
        """
        if not isinstance(remote, str):
            remote = shlex.join(remote)
        flags = {True: ["-tt"], False: ["-T"], None: []}[tty]
        return [
            "ssh", *flags,
            "-i", str(self.folder / "clientkey"),
            "-F", "/dev/null",
            "-o", "IdentitiesOnly=yes",
            "-o", "BatchMode=yes",
            "-o", "StrictHostKeyChecking=accept-new",
            "-o", f"UserKnownHostsFile={self.folder / 'known_hosts'}",
            "-o", "LogLevel=ERROR",
            "-p", str(self.port),
            f"{self.user}@127.0.0.1",
            remote,
        ]

    def stop(self) -> None:
        pid_file = self.folder / "sshd.pid"
        if self.process.poll() is None:
            pid = int(pid_file.read_text()) if pid_file.exists() else self.process.pid
            if pid == self.process.pid:  # only ever the server we started
                os.kill(pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> SSHServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()



def remote_shell(*args: str) -> str:
    return f"cd {shlex.quote(str(REPO))} && exec {shlex.quote(sys.executable)} -m briefing " + shlex.join(args)


@pytest.fixture(scope="module")
def sshd(tmp_path_factory) -> Iterator[SSHServer]:
    problem = missing_tools()
    if problem:
        pytest.skip(problem)
    server = SSHServer.start(tmp_path_factory.mktemp("sshd"))
    try:
        yield server
    finally:
        server.stop()
