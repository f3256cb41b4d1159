"""Many readers at once: 10 SSH sessions search one shared index in a loop while a writer changes it.

Every article the writer produces carries a checksum line that a half-written document (the title of
one version, the body of another, or a body cut short) cannot satisfy; every search result is checked
against it. BRIEFING_SOAK_SECONDS sets the duration (default 20 here; the issue asks for 60).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from briefing.workspace import Workspace
from tests import ssh_harness
from tests.conftest import BBC, REPO, SEEDS
from tests.ssh_harness import SSHServer

sshd = ssh_harness.sshd  # the fixture: a real sshd on 127.0.0.1 for this module

SOAK_SECONDS = int(os.environ.get("BRIEFING_SOAK_SECONDS", "20"))
READERS = 10
BACKGROUND_ARTICLES = 60
CHECK = re.compile(r"soakcheck article (\d+) version (\d+) checksum ([0-9a-f]{16})")


def checksum(n: int, version: int) -> str:
    return hashlib.sha256(f"{n}:{version}".encode()).hexdigest()[:16]


def soak_article(n: int, version: int, filler: str) -> str:
    return (
        f"Soak article {n} version {version}\n\n"
        f"The soakcheck article {n} version {version} checksum {checksum(n, version)} opens it.\n\n"
        f"{filler}\n"
    )


def hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


class Writer(threading.Thread):
    """Adds and updates soak articles (each file replaced atomically), then runs `briefing index`."""

    def __init__(self, corpus: Path, index: Path, fillers: list[str], stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.corpus, self.index, self.fillers, self.stop = corpus, index, fillers, stop
        self.versions: dict[int, int] = {}
        self.commits = 0
        self.failures: list[str] = []

    def write(self, n: int) -> None:
        version = self.versions.get(n, 0) + 1
        tmp = self.corpus / f".soak_{n:03d}.partial"  # hidden and not .txt: the loader ignores it
        tmp.write_text(soak_article(n, version, self.fillers[(n + version) % len(self.fillers)]), encoding="utf-8")
        os.replace(tmp, self.corpus / f"soak_{n:03d}.txt")
        self.versions[n] = version

    def run(self) -> None:
        step = 0
        while not self.stop.is_set():
            step += 1
            self.write(len(self.versions) if step % 2 else step % max(1, len(self.versions)))
            proc = subprocess.run(
                [sys.executable, "-m", "briefing", "index", "--corpus", str(self.corpus), "--index", str(self.index)],
                capture_output=True, text=True, cwd=REPO, timeout=120,
            )
            if proc.returncode != 0 or "Traceback" in proc.stderr:
                self.failures.append(proc.stderr[-500:])
            else:
                self.commits += 1
            self.stop.wait(0.3)


def reader_script(reader: int, corpus: Path, index: Path, out: Path, seconds: int) -> str:
    search = " ".join(
        shlex.quote(x)
        for x in (sys.executable, "-m", "briefing", "search", "soakcheck", "--json", "--limit", "500",
                  "--corpus", str(corpus), "--index", str(index))
    )
    prefix = shlex.quote(str(out / f"r{reader}"))
    return (
        f"cd {shlex.quote(str(REPO))} && end=$(( $(date +%s) + {seconds} )); i=0; "
        f"while [ $(date +%s) -lt $end ]; do "
        f"s=$(date +%s%N); {search} > {prefix}.$i.out 2> {prefix}.$i.err; rc=$?; e=$(date +%s%N); "
        f'echo "$i $rc $(( (e - s) / 1000000 ))"; i=$((i + 1)); done'
    )


@pytest.mark.ssh
def test_ten_ssh_readers_and_a_writer(sshd: SSHServer, tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy2(path, corpus / path.name)
    fillers = []
    if BBC.is_dir():
        for path in sorted(BBC.glob("*.txt"))[:BACKGROUND_ARTICLES]:
            shutil.copy2(path, corpus / path.name)
            fillers.append(" ".join(path.read_text(encoding="utf-8").split("\n", 2)[-1].split())[:3000])
    fillers = fillers or ["Filler paragraph about the economy and visas."]
    index = tmp_path / "index"
    stop = threading.Event()
    writer = Writer(corpus, index, fillers, stop)
    for n in range(5):
        writer.write(n)
    Workspace.open(corpus, index).sync_index()
    untouched = {k: v for k, v in hashes(corpus).items() if not k.startswith("soak_")}

    out = tmp_path / "out"
    out.mkdir()
    readers = [
        subprocess.Popen(
            sshd.command(reader_script(r, corpus, index, out, SOAK_SECONDS), tty=False),
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for r in range(READERS)
    ]
    writer.start()
    try:
        results = [p.communicate(timeout=SOAK_SECONDS + 180) for p in readers]
    finally:
        stop.set()
        writer.join(timeout=120)
        for p in readers:
            if p.poll() is None:
                p.kill()

    latencies: list[int] = []
    failures: list[str] = []
    checked = 0
    for r, (stdout, stderr) in enumerate(results):
        assert readers[r].returncode == 0, stderr
        for line in stdout.splitlines():
            i, rc, ms = line.split()
            latencies.append(int(ms))
            err = (out / f"r{r}.{i}.err").read_text()
            if rc != "0" or "Traceback" in err:
                failures.append(f"reader {r} search {i}: exit {rc}: {err[-300:]}")
                continue
            hits = json.loads((out / f"r{r}.{i}.out").read_text())
            assert hits, f"reader {r} search {i} found nothing"
            for hit in hits:
                title = re.fullmatch(r"Soak article (\d+) version (\d+)", hit["title"])
                assert title, hit["title"]
                text = " ".join(f["text"] for f in hit["fragments"])
                found = CHECK.search(text)
                assert found, (hit["source"], text[:200])
                n, version, digest = int(found[1]), int(found[2]), found[3]
                assert (n, version) == (int(title[1]), int(title[2])), ("half-written document", hit)
                assert digest == checksum(n, version), ("corrupt document", hit)
                assert hit["source"] == f"soak_{n:03d}"
                checked += 1
    assert not failures, failures[:5]
    assert not writer.failures, writer.failures[:3]
    assert {k: v for k, v in hashes(corpus).items() if not k.startswith("soak_")} == untouched
    for n, version in writer.versions.items():
        assert (corpus / f"soak_{n:03d}.txt").read_text(encoding="utf-8").startswith(
            f"Soak article {n} version {version}\n"
        )
    assert len(latencies) >= READERS, "too few searches to call it a soak"
    latencies.sort()
    p50 = statistics.median(latencies)
    p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
    with capsys.disabled():
        print(
            f"\nsoak: {SOAK_SECONDS} s, {READERS} SSH readers, {len(latencies)} searches, 0 failed, "
            f"{checked} hits verified, {writer.commits} writer commits ({len(writer.versions)} soak articles); "
            f"latency p50 {p50:.0f} ms, p95 {p95} ms"
        )
