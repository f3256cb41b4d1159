"""Writing an export to disk: safe file names, atomic replacement, one-line errors."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from briefing import export
from briefing.export import ExportError, ExportExistsError, default_filename, write_export

# file names


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("seeds", "briefing-seeds-2026-11-22.md"),
        ("My News/../x", "briefing-My-News-..-x-2026-11-22.md"),
        ("Éditions du Soir", "briefing-Editions-du-Soir-2026-11-22.md"),
        ("..", "briefing-corpus-2026-11-22.md"),
        ("\x1b[31mred", "briefing-31mred-2026-11-22.md"),
        ("新闻", "briefing-corpus-2026-11-22.md"),
    ],
)
def test_default_filename_is_safe(name, expected):
    result = default_filename(name, date(2026, 11, 22))
    assert result == expected
    assert "/" not in result and not result.startswith(".")


# writing


def leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def test_write_creates_the_file_with_ordinary_permissions(tmp_path):
    target = tmp_path / "out.md"
    old = os.umask(0o022)
    try:
        assert write_export(target, "# hello\n", force=False) == target
    finally:
        os.umask(old)
    assert target.read_text(encoding="utf-8") == "# hello\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert leftovers(tmp_path, {"out.md"}) == []


def test_existing_file_is_replaced_only_with_force(tmp_path):
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    with pytest.raises(ExportExistsError, match="already exists") as caught:
        write_export(target, "new", force=False)
    assert "\n" not in str(caught.value) and str(target) in str(caught.value)
    assert target.read_text(encoding="utf-8") == "old"
    write_export(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # replacing keeps the file's mode
    assert leftovers(tmp_path, {"out.md"}) == []


def test_a_folder_is_not_a_file(tmp_path):
    with pytest.raises(ExportError, match="it is a folder"):
        write_export(tmp_path, "x", force=True)


@contextmanager
def unprivileged():
    """As root, file permissions are not checked: act as nobody for the duration."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(65534)
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.fixture
def read_only_dir():
    folder = Path(tempfile.mkdtemp(prefix="export-ro-"))
    (folder / "out.md").write_text("precious", encoding="utf-8")
    folder.chmod(0o555)
    try:
        yield folder
    finally:
        folder.chmod(0o755)
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()


@pytest.mark.parametrize("name", ["new.md", "out.md"])
def test_read_only_folder_gives_one_line_and_leaves_nothing(read_only_dir, name):
    target = read_only_dir / name
    with unprivileged(), pytest.raises(ExportError) as caught:
        write_export(target, "text", force=True)
    message = str(caught.value)
    assert message.startswith(f"cannot write {target}:") and "\n" not in message
    assert "denied" in message.lower()
    assert leftovers(read_only_dir, set()) == ["out.md"]
    assert (read_only_dir / "out.md").read_text(encoding="utf-8") == "precious"


def test_missing_folder_and_file_as_folder(tmp_path):
    with pytest.raises(ExportError, match=r"cannot write .*missing/out\.md"):
        write_export(tmp_path / "missing" / "out.md", "x", force=False)
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(ExportError, match="cannot write"):
        write_export(tmp_path / "file" / "out.md", "x", force=False)
    assert leftovers(tmp_path, {"file"}) == []


@pytest.mark.parametrize("force", [True, False])
def test_full_disk_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch, force):
    target = tmp_path / "out.md"
    if force:
        target.write_text("old", encoding="utf-8")

    def full(fd):  # the one edge a test cannot make real: a disk filling up mid-write
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(export.os, "fsync", full)
    with pytest.raises(ExportError, match=r"cannot write .*out\.md: the disk is full"):
        write_export(target, "new " * 1000, force=force)
    assert leftovers(tmp_path, {"out.md"}) == []
    if force:
        assert target.read_text(encoding="utf-8") == "old"
    else:
        assert not target.exists()


def test_a_file_appearing_meanwhile_is_not_replaced(tmp_path, monkeypatch):
    """Without force, publishing never replaces a file created after the existence check."""
    target = tmp_path / "out.md"
    real_fsync = os.fsync

    def racing_fsync(fd):
        real_fsync(fd)
        if not target.exists():
            target.write_text("theirs", encoding="utf-8")

    monkeypatch.setattr(export.os, "fsync", racing_fsync)
    with pytest.raises(ExportExistsError):
        write_export(target, "mine", force=False)
    assert target.read_text(encoding="utf-8") == "theirs"
    assert leftovers(tmp_path, {"out.md"}) == []
