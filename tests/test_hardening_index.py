"""A broken or busy index: each fault is rebuilt from the corpus or stopped with one clear line.

Every case runs the real CLI as a subprocess and checks: no traceback, a non-zero exit only with one
`briefing: ...` line, never silently wrong results, and the corpus files untouched.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.index import MANIFEST_NAME, WRITELOCK_NAME
from briefing.index_folder import MARKER_NAME, SCHEMA_VERSION
from briefing.workspace import Workspace
from tests.conftest import BBC, REPO, SEEDS, run_cli

VISA_SEEDS = {"000", "003"}
BBC_COPY = 200  # enough that a commit takes a while, small enough for 2 busy cores


def hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def corpus(tmp_path):
    dest = tmp_path / "corpus"
    shutil.copytree(SEEDS, dest)
    before = hashes(dest)
    yield dest
    assert hashes(dest) == before, "a corpus file was touched"


@pytest.fixture
def built(corpus, tmp_path):
    index = tmp_path / "index"
    Workspace.open(corpus, index).sync_index()
    return corpus, index


def search(corpus: Path, index: Path, query: str = "visas", **env: str):
    return run_cli("search", query, "--json", "--corpus", str(corpus), "--index", str(index), env=env)


def messages(proc) -> list[str]:
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.splitlines()
    assert all(line.startswith("briefing: ") for line in lines), lines
    return lines


def assert_visas_found(proc) -> list[str]:
    assert proc.returncode == 0, proc.stderr
    assert {h["source"][:3] for h in json.loads(proc.stdout)} == VISA_SEEDS
    return messages(proc)


def assert_one_line_failure(proc, *words: str, code: int = 2) -> str:
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    assert proc.stdout == ""
    (line,) = messages(proc)
    for word in words:
        assert word in line, line
    return line


def segment(index: Path) -> Path:
    (seg,) = index.glob("*.seg")
    return seg


# --- damaged files ------------------------------------------------------------------------------


def test_truncated_segment_is_rebuilt(built):
    corpus, index = built
    seg = segment(index)
    os.truncate(seg, seg.stat().st_size // 2)
    lines = assert_visas_found(search(corpus, index))
    assert lines == ["briefing: index was damaged (EOFError); rebuilding from the corpus"]
    assert assert_visas_found(search(corpus, index)) == []  # and it stays fixed, silently


def test_missing_segment_is_rebuilt(built):
    corpus, index = built
    segment(index).unlink()
    (line,) = assert_visas_found(search(corpus, index))
    assert "index was damaged" in line


@pytest.mark.parametrize(
    "garbage",
    [b"garbage\n", random.Random(1).randbytes(4000), b"\x80\x04\x95" + random.Random(2).randbytes(64)],
    ids=["text", "random", "pickle-header"],
)
def test_garbage_table_of_contents_is_rebuilt(built, garbage):
    corpus, index = built
    (toc,) = index.glob("_MAIN_*.toc")
    toc.write_bytes(garbage)
    (line,) = assert_visas_found(search(corpus, index))
    assert "index was damaged" in line


def test_newer_truncated_table_of_contents_is_rebuilt(built):
    corpus, index = built
    (toc,) = index.glob("_MAIN_*.toc")
    (index / "_MAIN_9.toc").write_bytes(toc.read_bytes()[:100])
    (line,) = assert_visas_found(search(corpus, index))
    assert "index was damaged" in line


def test_leftover_temporary_toc_is_harmless_and_cleared_on_the_next_write(built):
    corpus, index = built
    (toc,) = index.glob("_MAIN_*.toc")
    leftover = index / f"{toc.name.replace('_1.', '_2.')}.{time.time()}"  # Whoosh's own temp name
    leftover.write_bytes(toc.read_bytes()[:50])
    assert assert_visas_found(search(corpus, index)) == []
    extra = corpus / "extra.txt"
    extra.write_text("Extra story\n\nMore about visas and work permits.\n")
    try:
        proc = run_cli("index", "--corpus", str(corpus), "--index", str(index))
        assert proc.returncode == 0, proc.stderr
        assert not leftover.exists()
        proc = search(corpus, index)
        assert {h["source"][:3] for h in json.loads(proc.stdout)} == VISA_SEEDS | {"ext"}
    finally:
        extra.unlink()


def test_index_from_an_older_schema_is_rebuilt(built):
    corpus, index = built
    marker = json.loads((index / MARKER_NAME).read_text())
    (index / MARKER_NAME).write_text(json.dumps({**marker, "schema": 1}))
    lines = assert_visas_found(search(corpus, index))
    assert lines == [f"briefing: index format changed (v1 → v{SCHEMA_VERSION}); rebuilding"]
    assert json.loads((index / MARKER_NAME).read_text())["schema"] == SCHEMA_VERSION


# --- locks and writers --------------------------------------------------------------------------

HOLD_LOCK = """
import sys, time
from briefing.index import _storage
from pathlib import Path
lock = _storage(Path(sys.argv[1])).lock("MAIN_WRITELOCK")
assert lock.acquire(blocking=False)
print("locked", flush=True)
time.sleep(120)
"""


def hold_lock(index: Path) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(index)], stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    assert proc.stdout.readline() == "locked\n"
    return proc


def test_stale_lock_from_a_killed_process_is_cleared(built):
    corpus, index = built
    holder = hold_lock(index)
    holder.kill()  # SIGKILL: the lock file stays behind, the flock dies with the process
    holder.wait()
    assert (index / WRITELOCK_NAME).exists()
    (corpus / "000_23ed8d137b3c117b.txt").touch()
    started = time.monotonic()
    proc = run_cli("index", "--corpus", str(corpus), "--index", str(index), env={"BRIEFING_LOCK_TIMEOUT": "5"})
    assert proc.returncode == 0, proc.stderr
    assert time.monotonic() - started < 5, "waited for a dead process's lock"


def test_live_writer_makes_a_second_one_say_busy(built):
    corpus, index = built
    holder = hold_lock(index)
    try:
        extra = corpus / "extra.txt"
        extra.write_text("Extra story\n\nMore about visas.\n")
        proc = run_cli("index", "--corpus", str(corpus), "--index", str(index), env={"BRIEFING_LOCK_TIMEOUT": "1"})
        line = assert_one_line_failure(proc, "index busy", code=3)
        assert str(index) in line
    finally:
        holder.kill()
        holder.wait()
        extra.unlink()
    assert_visas_found(search(corpus, index))


@pytest.fixture
def bbc_copy(tmp_path):
    if not BBC.is_dir():
        pytest.skip(f"BBC corpus not found at {BBC}")
    dest = tmp_path / "bbc"
    dest.mkdir()
    for path in sorted(BBC.glob("*.txt"))[:BBC_COPY]:
        shutil.copy2(path, dest / path.name)
    return dest


def test_two_index_commands_at_once(bbc_copy, tmp_path):
    index = tmp_path / "index"
    before = hashes(bbc_copy)
    cmd = [sys.executable, "-m", "briefing", "index", "--corpus", str(bbc_copy), "--index", str(index)]
    env = {**os.environ, "BRIEFING_LOCK_TIMEOUT": "60"}
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for _ in "ab"]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert "Traceback" not in err
    ws = Workspace.open(bbc_copy, index)
    report = ws.sync_index()
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, BBC_COPY)
    assert ws.index().doc_count() >= BBC_COPY
    assert len(ws.index().articles()) == BBC_COPY
    assert hashes(bbc_copy) == before


def test_kill_9_during_commits_leaves_a_readable_index(bbc_copy, tmp_path):
    index = tmp_path / "index"
    Workspace.open(bbc_copy, index).sync_index()
    names = sorted(p.name for p in bbc_copy.iterdir())
    rng = random.Random(6)
    marked: set[str] = set()
    killed = 0
    for round_ in range(3):
        for name in rng.sample(names, 80):
            with open(bbc_copy / name, "a") as fh:
                fh.write(f"\nKestrel{round_} appended line.\n")
            marked.add(name)
        known = set(os.listdir(index))
        proc = subprocess.Popen(
            [sys.executable, "-m", "briefing", "index", "--corpus", str(bbc_copy), "--index", str(index)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            if set(os.listdir(index)) - known:  # the writer has started writing files: mid-commit
                time.sleep(rng.uniform(0, 0.3))
                proc.send_signal(signal.SIGKILL)
                killed += 1
                break
            time.sleep(0.005)
        proc.wait()
        # The previous (or the new) index is readable at once, without syncing.
        reader = Workspace.open(bbc_copy, index).index()
        assert len(reader.articles()) == BBC_COPY
    assert killed >= 2, "the writer finished before it could be killed"
    proc = run_cli("search", "kestrel0 OR kestrel1 OR kestrel2", "--json", "--limit", "400",
                   "--corpus", str(bbc_copy), "--index", str(index), timeout=120)
    assert proc.returncode == 0, proc.stderr
    messages(proc)
    assert {h["source"] for h in json.loads(proc.stdout)} == {Path(n).stem for n in marked}


# --- the folder itself --------------------------------------------------------------------------


def mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@pytest.fixture
def read_only(built, tmp_path):
    """The index folder made read-only: chmod for a normal user; root ignores modes, so a read-only bind mount."""
    corpus, index = built
    if os.geteuid() != 0:
        index.chmod(0o500)
        yield corpus, index
        index.chmod(0o700)
        return
    view = tmp_path / "ro-view"
    view.mkdir(mode=0o700)
    if not (mount("--bind", str(index), str(view)) and mount("-o", "remount,bind,ro", str(view))):
        subprocess.run(["umount", str(view)], capture_output=True)
        pytest.skip("running as root, which ignores chmod, and a read-only bind mount is not allowed here")
    try:
        yield corpus, view
    finally:
        subprocess.run(["umount", str(view)], check=True)


def test_read_only_index_still_answers_when_current(read_only):
    corpus, index = read_only
    assert assert_visas_found(search(corpus, index)) == []


def test_read_only_index_that_needs_an_update_says_so(read_only):
    corpus, index = read_only
    extra = corpus / "extra.txt"
    extra.write_text("Extra story\n\nMore about visas.\n")
    try:
        assert_one_line_failure(search(corpus, index), "cannot write index", str(index))
    finally:
        extra.unlink()


def test_read_only_damaged_index_says_so(built, tmp_path):
    corpus, index = built
    seg = segment(index)
    os.truncate(seg, seg.stat().st_size // 2)
    if os.geteuid() != 0:
        index.chmod(0o500)
        view = index
    else:
        view = tmp_path / "ro-view"
        view.mkdir(mode=0o700)
        if not (mount("--bind", str(index), str(view)) and mount("-o", "remount,bind,ro", str(view))):
            pytest.skip("running as root, which ignores chmod, and a read-only bind mount is not allowed here")
    try:
        assert_one_line_failure(search(corpus, view), "damaged", "read-only")
    finally:
        if view != index:
            subprocess.run(["umount", str(view)], check=True)
        index.chmod(0o700)


def test_full_disk_fails_cleanly_and_keeps_the_previous_index(corpus, tmp_path):
    if not BBC.is_dir():
        pytest.skip(f"BBC corpus not found at {BBC}")
    disk = tmp_path / "disk"
    disk.mkdir()
    if not mount("-t", "tmpfs", "-o", "size=600k", "tmpfs", str(disk)):
        pytest.skip("cannot mount a small tmpfs here (needs root or CAP_SYS_ADMIN) to fill a disk")
    added: list[Path] = []
    try:
        index = disk / "index"
        assert_visas_found(search(corpus, index))
        for path in sorted(BBC.glob("*.txt"))[:150]:
            shutil.copy2(path, corpus / path.name)
            added.append(corpus / path.name)
        proc = search(corpus, index)
        line = assert_one_line_failure(proc, "No space left on device")
        assert "previous index is intact" in line or "cannot write" in line
        # What the failed commit half-wrote is gone, so the disk is not left full by it.
        assert len(list(index.glob("_MAIN_*.toc"))) == 1
        assert not (index / "MAIN.tmp").exists()
        assert {p.name.split(".")[0] for p in index.glob("MAIN_*.*")} == {segment(index).stem}
        for path in added:
            path.unlink()
        added.clear()
        # The lock was released and the previous index answers again once the corpus is back.
        assert_visas_found(search(corpus, index, BRIEFING_LOCK_TIMEOUT="2"))
    finally:
        for path in added:
            path.unlink()
        subprocess.run(["umount", str(disk)], check=True)


class _Payload:
    """Unpickling this runs code: what a hostile table of contents would do."""

    def __init__(self, sentinel: str) -> None:
        self.sentinel = sentinel

    def __reduce__(self):
        return (os.system, (f"touch {self.sentinel}",))


def forged_index(built, tmp_path) -> tuple[Path, Path]:
    """A copy of a real index whose table of contents runs code when Whoosh opens it."""
    _, index = built
    copy = tmp_path / "copied"
    shutil.copytree(index, copy)
    sentinel = tmp_path / "pwned"
    (toc,) = copy.glob("_MAIN_*.toc")
    toc.write_bytes(pickle.dumps(_Payload(str(sentinel))))
    return copy, sentinel


def test_copied_in_index_is_never_opened(built, tmp_path):
    corpus, _ = built
    copy, sentinel = forged_index(built, tmp_path)
    line = assert_one_line_failure(search(corpus, copy), "refusing to open", "not created here")
    assert str(copy) in line
    assert not sentinel.exists()


@pytest.mark.parametrize("mode", [0o770, 0o707, 0o755])
def test_group_or_world_accessible_index_is_never_opened(built, mode):
    corpus, index = built
    index.chmod(mode)
    try:
        assert_one_line_failure(search(corpus, index), "refusing to open", f"mode {mode:o}")
    finally:
        index.chmod(0o700)


def test_index_owned_by_another_user_is_never_opened(built, tmp_path):
    corpus, index = built
    if os.geteuid() != 0:
        pytest.skip("only root can give a folder to another user")
    os.chown(index, 65534, 65534)
    try:
        assert_one_line_failure(search(corpus, index), "owned by another user")
    finally:
        os.chown(index, 0, 0)


def test_a_folder_of_someone_elses_files_is_never_opened(built, tmp_path):
    corpus, _ = built
    copy, sentinel = forged_index(built, tmp_path)
    (copy / MARKER_NAME).unlink()
    assert_one_line_failure(search(corpus, copy), "not an index briefing created")
    assert not sentinel.exists()


# --- a long-lived reader while another process commits and merges --------------------------------

WRITER = """
import sys
from pathlib import Path
from briefing.workspace import Workspace
corpus, index, rounds = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
for n in range(rounds):
    (corpus / f"merge_{n:03d}.txt").write_text(f"Merge story {n}\\n\\nThe mergecheck story number {n} about visas.\\n")
    Workspace.open(corpus, index).sync_index()
print("done", flush=True)
"""


def test_long_lived_reader_survives_commits_and_merges(corpus, tmp_path):
    """The app keeps one searcher for hours; a writer's merges delete the segment files it opened."""
    from briefing.index import SearchIndex

    index = tmp_path / "index"
    Workspace.open(corpus, index).sync_index()
    reader = SearchIndex(index).open()
    rounds = 25
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(corpus), str(index), str(rounds)], cwd=REPO,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    searches = 0
    try:
        while writer.poll() is None:
            result = reader.search("mergecheck OR visas", limit=100)
            sources = {h.source for h in result.hits}
            assert {s[:3] for s in sources} >= VISA_SEEDS  # never a half-visible index
            for hit in result.hits:
                if hit.source.startswith("merge_"):
                    assert hit.title == f"Merge story {int(hit.source[6:])}"
            searches += 1
    finally:
        _, err = writer.communicate(timeout=120)
        for path in corpus.glob("merge_*.txt"):
            path.unlink()
    assert writer.returncode == 0, err
    final = reader.search("mergecheck", limit=100)
    assert len(final.hits) == rounds
    assert searches > rounds


# --- the same faults in the app -----------------------------------------------------------------


def run_app(corpus: Path, index: Path, check) -> None:
    """Start the real app headless, wait until it settles, then run `check(app, pilot)`."""
    import asyncio

    from briefing.tui.app import BriefingApp

    async def main() -> None:
        app = BriefingApp(corpus, index, theme="briefing-dark")
        async with app.run_test(size=(120, 40)) as pilot:
            deadline = time.monotonic() + 60
            while not (app.index_ready or app._notifications) and time.monotonic() < deadline:
                await pilot.pause(0.05)
            await pilot.pause(0.3)
            await check(app, pilot)

    asyncio.run(main())


def app_notices(app) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


def test_app_refuses_a_foreign_index_with_a_notice_and_stays_usable(built):
    corpus, index = built
    index.chmod(0o770)

    async def check(app, pilot) -> None:
        assert any("refusing to open" in n for n in app_notices(app)), app_notices(app)
        assert app.is_running
        await pilot.press("2")  # the reader pane still answers keys
        assert app.is_running

    try:
        run_app(corpus, index, check)
    finally:
        index.chmod(0o700)


def test_app_rebuilds_a_damaged_index_and_searches(built):
    corpus, index = built
    seg = segment(index)
    os.truncate(seg, seg.stat().st_size // 2)

    async def check(app, pilot) -> None:
        assert app.index_ready, app_notices(app)
        result = app.workspace.search("visas")
        assert {h.source[:3] for h in result.hits} == VISA_SEEDS

    run_app(corpus, index, check)


def test_app_says_the_damaged_index_was_rebuilt(built):
    corpus, index = built
    seg = segment(index)
    os.truncate(seg, seg.stat().st_size // 2)

    async def check(app, pilot) -> None:
        assert any("damaged" in n for n in app_notices(app)), app_notices(app)

    run_app(corpus, index, check)


def test_a_search_while_another_process_writes_answers_from_the_index_as_it_is(built):
    corpus, index = built
    holder = hold_lock(index)
    extra = corpus / "extra.txt"
    try:
        extra.write_text("Extra story\n\nMore about visas.\n")
        proc = search(corpus, index, BRIEFING_LOCK_TIMEOUT="1")
        (line,) = assert_visas_found(proc)  # the index before the change: 000 and 003, not extra
        assert "index busy" in line and "searched the index as it is" in line
    finally:
        holder.kill()
        holder.wait()
        extra.unlink()


# --- a damaged snapshot -------------------------------------------------------------------------


def overwrite_keeping_stat(path: Path, offset: int, data: bytes) -> None:
    """Bytes changed in place with size and mtime kept: what a bad sector or a stray write leaves."""
    st = path.stat()
    with open(path, "r+b") as fh:
        fh.seek(offset)
        fh.write(data)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size


def cli_outputs(corpus: Path, index: Path) -> dict[str, str]:
    out = {}
    for command in (["sources", "--json"], ["figures", "--json"], ["quotes", "--json"], ["export", "-o", "-"]):
        proc = run_cli(*command, "--corpus", str(corpus), "--index", str(index))
        assert proc.returncode == 0, (command, proc.stderr)
        assert "Traceback" not in proc.stderr
        out[command[0]] = re.sub(r"(?m)^generated: .*$", "", proc.stdout)
    return out


@pytest.mark.parametrize("damage", ["text", "garbage", "catalog"])
def test_a_snapshot_damaged_in_place_is_recomputed(built, damage):
    """Size and mtime kept: only a checksum can tell. The damage is never shown, never fatal."""
    from briefing.snapshot import SNAPSHOT_NAME

    corpus, index = built
    before = cli_outputs(corpus, index)
    titles = [(e.id, e.title) for e in Workspace.open(corpus, index).entries()]
    path = index / SNAPSHOT_NAME
    data = path.read_bytes()
    if damage == "text":  # a quoted word changed everywhere: pickle would load it without a murmur
        for at in [m.start() for m in re.finditer(b"progress", data)]:
            overwrite_keeping_stat(path, at, b"PROGRESS")
    elif damage == "garbage":
        overwrite_keeping_stat(path, len(data) // 3, random.Random(3).randbytes(64))
    else:  # a title in the catalog, which sits at the end
        overwrite_keeping_stat(path, data.rindex(b"Downing Street added"), b"DOWNING")
    assert [(e.id, e.title) for e in Workspace.open(corpus, index).entries()] == titles  # what the app lists first
    assert cli_outputs(corpus, index) == before
    assert run_cli("index", "--corpus", str(corpus), "--index", str(index)).returncode == 0
    assert cli_outputs(corpus, index) == before  # and mended for the next run


def test_a_snapshot_damaged_under_an_open_view_recomputes_the_article(built):
    """The app reads an article from the snapshot when it opens; a damaged one is read again from the corpus."""
    from briefing.snapshot import SNAPSHOT_NAME
    from briefing.tui.data import build_view

    corpus, index = built
    expected = {s.id: s.body for s in Workspace.open(corpus, index).sources}
    view = build_view(Workspace.open(corpus, index))
    path = index / SNAPSHOT_NAME
    data = path.read_bytes()
    overwrite_keeping_stat(path, data.index(b"visa"), b"VISA")
    for source_id, body in expected.items():
        assert view.source(source_id).body == body


@pytest.mark.parametrize("name", ["manifest.json", MARKER_NAME])
def test_index_json_nested_too_deep_is_damage_not_a_crash(built, name):
    """json gives up on deep nesting with RecursionError, which is not a ValueError."""
    corpus, index = built
    (index / name).write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    proc = search(corpus, index)
    if name == MARKER_NAME:  # an unreadable marker: the folder is not proved ours
        assert_one_line_failure(proc, "refusing to open", "marker")
    else:  # a cache of what the last sync saw: the next sync reads the index instead
        assert_visas_found(proc)


# --- edits that keep size and mtime -------------------------------------------------------------


def edit_keeping_size_and_mtime(path: Path, old: bytes, new: bytes) -> None:
    """What `cp -p`, rsync and tar restores do: new bytes, the old size and mtime (ctime moves)."""
    assert len(old) == len(new)
    st = path.stat()
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


@pytest.fixture
def editable(seeds_copy, tmp_path):
    index = tmp_path / "index"
    assert run_cli("index", "--corpus", str(seeds_copy), "--index", str(index)).returncode == 0
    return seeds_copy, index


def test_an_edit_keeping_size_and_mtime_is_indexed(editable):
    corpus, index = editable
    article = next(corpus.glob("003_*.txt"))
    edit_keeping_size_and_mtime(article, b"visas", b"zebra")
    proc = run_cli("index", "--corpus", str(corpus), "--index", str(index))
    assert proc.returncode == 0, proc.stderr
    assert "1 updated" in proc.stdout, proc.stdout
    found = search(corpus, index, "zebra")
    assert found.returncode == 0 and {h["source"][:3] for h in json.loads(found.stdout)} == {"003"}
    exported = run_cli("export", "-o", "-", "--corpus", str(corpus), "--index", str(index))
    sources = run_cli("sources", "--json", "--corpus", str(corpus), "--index", str(index))
    assert sources.returncode == 0 and exported.returncode == 0


def test_search_and_snapshot_agree_after_an_edit_keeping_size_and_mtime(editable):
    """Without `briefing index` in between: the search's own sync and the snapshot see the same text."""
    corpus, index = editable
    article = next(corpus.glob("003_*.txt"))
    edit_keeping_size_and_mtime(article, b"visas", b"zebra")
    found = search(corpus, index, "zebra")
    assert found.returncode == 0, found.stderr
    assert {h["source"][:3] for h in json.loads(found.stdout)} == {"003"}
    ws = Workspace.open(corpus, index)
    assert "zebra" in ws.source(next(s.id for s in ws.sources if s.id.startswith("003"))).body


def test_a_change_within_the_clocks_tick_of_the_scan_is_caught(tmp_path):
    """A coarse clock can give a change the stamp the file had when it was read; it is read again."""
    import hashlib

    from briefing import corpus as corpus_mod
    from briefing import file_stamp

    path = tmp_path / "a.txt"
    path.write_bytes(b"Title\n\nFirst text.\n")
    entry = corpus_mod.file_entry(path, tmp_path)
    read = {"a.txt": hashlib.sha256(path.read_bytes()).hexdigest()}
    stamped = file_stamp.now_ns()
    assert file_stamp.racy(entry, stamped)  # not trusted as it stands
    assert not file_stamp.unchanged(file_stamp.stamp(entry), entry, stamped)
    path.write_bytes(b"Title\n\nOther text.\n")  # same size; its new stamp is not looked at
    settled, unsettled = file_stamp.settle([entry], read, stamped)
    assert unsettled == {"a.txt"} and settled > stamped
    entry = corpus_mod.file_entry(path, tmp_path)
    settled, unsettled = file_stamp.settle([entry], {"a.txt": hashlib.sha256(path.read_bytes()).hexdigest()},
                                           file_stamp.now_ns())
    assert unsettled == set() and file_stamp.unchanged(file_stamp.stamp(entry), entry, settled)


# --- readers during a rebuild -------------------------------------------------------------------

SLOW_BUILD = """
import sys, time
from pathlib import Path
from briefing.workspace import Workspace
ws = Workspace.open(Path(sys.argv[1]), Path(sys.argv[2]))
def slow(done, total, name):
    print("building", flush=True)
    time.sleep(0.5)
ws.sync_index(slow, rebuild=sys.argv[3] == "rebuild")
print("done", flush=True)
"""


def slow_build(corpus: Path, index: Path, how: str) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_BUILD, str(corpus), str(index), how], stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    assert proc.stdout.readline() == "building\n"
    return proc


def finish(proc: subprocess.Popen) -> None:
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0 and out.endswith("done\n"), out


def test_a_search_during_a_rebuild_answers_from_the_previous_index(built):
    corpus, index = built
    builder = slow_build(corpus, index, "rebuild")
    try:
        assert_visas_found(search(corpus, index, BRIEFING_LOCK_TIMEOUT="0.5"))
        (index / MANIFEST_NAME).unlink()  # a search that has to wait for the builder, then gives up
        (line,) = assert_visas_found(search(corpus, index, BRIEFING_LOCK_TIMEOUT="0.5"))
        assert "index busy" in line
    finally:
        finish(builder)
    assert assert_visas_found(search(corpus, index)) == []


def test_a_search_while_the_index_is_built_anew_says_so_and_exits_3(built):
    """A change of index format (or a damaged index) leaves nothing to answer from: say so, never "nothing found"."""
    corpus, index = built
    marker = json.loads((index / MARKER_NAME).read_text())
    (index / MARKER_NAME).write_text(json.dumps({**marker, "schema": SCHEMA_VERSION - 1}))
    builder = slow_build(corpus, index, "sync")
    try:
        proc = search(corpus, index, BRIEFING_LOCK_TIMEOUT="0.5")
        assert_one_line_failure(proc, "being built", code=3)
    finally:
        finish(builder)
    assert_visas_found(search(corpus, index))


def test_an_open_reader_keeps_answering_through_a_rebuild(built):
    """The app's case: its workspace synced at start, then another process rebuilds the index."""
    corpus, index = built
    ws = Workspace.open(corpus, index)
    ws.sync_index()
    assert {h.source[:3] for h in ws.search("visas").hits} == VISA_SEEDS
    builder = slow_build(corpus, index, "rebuild")
    try:
        for _ in range(3):
            assert {h.source[:3] for h in ws.search("visas").hits} == VISA_SEEDS
            time.sleep(0.3)
    finally:
        finish(builder)
    assert {h.source[:3] for h in ws.search("visas").hits} == VISA_SEEDS  # and from the new one
    assert ws.index().doc_count() > 0


# --- a full disk, in the process that stays open ------------------------------------------------


def deleted_files_held_open(folder: Path) -> list[str]:
    """Deleted files under `folder` this process still holds, open or mapped (lsof's view)."""
    held = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(folder)) and target.endswith("(deleted)"):
            held.append(target)
    with open("/proc/self/maps") as maps:
        held += [line.split(maxsplit=5)[-1].strip() for line in maps
                 if str(folder) in line and line.rstrip().endswith("(deleted)")]
    return held


def test_a_full_disk_leaves_no_descriptor_to_a_deleted_file(corpus, tmp_path):
    """The app's case: the process lives on after the failed commit; the space must be given back."""
    from briefing.index_folder import IndexProblem

    disk = tmp_path / "disk"
    disk.mkdir()
    if not mount("-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)):
        pytest.skip("cannot mount a small tmpfs here (needs root or CAP_SYS_ADMIN) to fill a disk")
    words = random.Random(5).choices(["visas", "minister", "border", "policy", "talks", "summit", "deal"], k=40_000)
    filler = [corpus / f"filler_{n}.txt" for n in range(260)]  # past PARALLEL_MIN_ARTICLES: a helper too
    try:
        index = disk / "index"
        ws = Workspace.open(corpus, index)
        ws.sync_index()
        assert ws.search("visas", sync=False).hits  # the app's searcher is open before the failure
        for n, path in enumerate(filler):
            text = " ".join(f"{w}{(n * 7 + i) % 997}" for i, w in enumerate(words[:1200]))  # many distinct terms
            path.write_text(f"Filler {n}\n\n{text} unique{n}\n")
        with pytest.raises(IndexProblem, match="No space left") as failure:
            ws.sync_index()
        # The app keeps the error (its worker's) with its traceback: whatever the frames held stays held.
        assert failure.value.__traceback__ is not None
        assert deleted_files_held_open(disk) == []
        assert {h.source[:3] for h in ws.search("visas", sync=False).hits} >= VISA_SEEDS
    finally:
        for path in filler:
            path.unlink(missing_ok=True)
        ws.close()
        subprocess.run(["umount", "-l", str(disk)], check=True)


# --- two real accounts, one corpus --------------------------------------------------------------


@pytest.fixture
def second_user(tmp_path):
    """A real second account (root can make one), removed afterwards."""
    if os.geteuid() != 0 or shutil.which("useradd") is None:
        pytest.skip("needs root and useradd to make a second account")
    name = f"brf{os.getpid() % 100000}"
    made = subprocess.run(["useradd", "-M", "-s", "/usr/sbin/nologin", name], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"useradd failed: {made.stderr.strip()}")
    import pwd

    try:
        yield pwd.getpwnam(name)
    finally:
        subprocess.run(["userdel", name], capture_output=True)


def run_as(user, argv: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    """`briefing ARGV` in a forked child that has become `user` (the interpreter lives under /root, which
    the account cannot enter: everything is imported here first, by a run as root)."""
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 99
        try:
            os.dup2(out_w, 1)
            os.dup2(err_w, 2)
            sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115 - pytest's capture replaced them
            sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115
            os.setgroups([])
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)
            os.chdir("/")
            for key in ("BRIEFING_CACHE_DIR", "BRIEFING_DATA_DIR", "BRIEFING_CONFIG_DIR", "XDG_CACHE_HOME"):
                os.environ.pop(key, None)
            os.environ.update(env)
            from briefing import cli

            code = cli.main(argv)
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    os.close(out_w)
    os.close(err_w)
    with os.fdopen(out_r) as out, os.fdopen(err_r) as err:
        stdout, stderr = out.read(), err.read()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), stdout, stderr


def test_two_accounts_share_a_corpus_each_with_their_own_index(second_user, tmp_path):
    import tempfile

    from briefing import cli, locations

    shared = Path(tempfile.mkdtemp(prefix="briefing-team-", dir="/tmp"))
    try:
        shared.chmod(0o755)
        corpus = shared / "corpus"
        shutil.copytree(SEEDS, corpus)
        for path in [corpus, *corpus.iterdir()]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        home = shared / "home-b"
        home.mkdir()
        os.chown(home, second_user.pw_uid, second_user.pw_gid)
        # Everything the child will need, imported by a first build and search as root.
        assert cli.main(["search", "visas", "--json", "--corpus", str(corpus), "--index", str(tmp_path / "warm")]) == 0
        owner_index = tmp_path / "owner-index"
        Workspace.open(corpus, owner_index).sync_index()

        env = {"HOME": str(home)}
        code, out, err = run_as(second_user, ["search", "visas", "--json", "--corpus", str(corpus)], env)
        assert code == 0, err
        assert {h["source"][:3] for h in json.loads(out)} == VISA_SEEDS
        # Their index is their own: in their cache, private, never the checkout's index/.
        (theirs,) = (home / ".cache" / "briefing" / "indexes").iterdir()
        assert theirs.stat().st_uid == second_user.pw_uid and theirs.stat().st_mode & 0o077 == 0
        assert not str(locations.default_index_dir(corpus)).startswith(str(home))

        # Pointed at the owner's index, the second account is refused in one line, never opens it.
        code, out, err = run_as(second_user, ["search", "visas", "--corpus", str(corpus), "--index", str(owner_index)],
                                env)
        assert code == 2 and out == "" and "Traceback" not in err, (code, err)
        (line,) = err.splitlines()
        assert line.startswith("briefing: ") and ("another user" in line or "Permission denied" in line), line
    finally:
        shutil.rmtree(shared, ignore_errors=True)


def test_an_open_reader_is_told_the_index_is_being_built_never_given_nothing(built):
    """The app's "0 articles" beside "index ready": its index emptied under it by a build from nothing."""
    from briefing.index import IndexBusy

    corpus, index = built
    ws = Workspace.open(corpus, index)
    ws.sync_index()
    marker = json.loads((index / MARKER_NAME).read_text())
    (index / MARKER_NAME).write_text(json.dumps({**marker, "schema": SCHEMA_VERSION - 1}))
    builder = slow_build(corpus, index, "sync")
    try:
        with pytest.raises(IndexBusy, match="being built"):
            ws.search("visas")
    finally:
        finish(builder)
    assert {h.source[:3] for h in ws.search("visas").hits} == VISA_SEEDS
