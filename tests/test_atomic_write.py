"""`write_atomically`, which the state, settings, index marker, manifest and snapshot are written with."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.atomic_write import temporary_prefix, write_atomically
from briefing.index_folder import MARKER_NAME, prepare_folder


def test_replaces_the_file_and_returns_the_new_files_stat(tmp_path: Path) -> None:
    path = tmp_path / "state.yaml"
    path.write_text("old")
    written = write_atomically(path, b"new content")
    assert path.read_bytes() == b"new content"
    assert written.st_size == len(b"new content")
    assert written.st_ino == path.stat().st_ino
    assert os.listdir(tmp_path) == ["state.yaml"]


def test_a_function_writes_to_the_open_file(tmp_path: Path) -> None:
    path = tmp_path / "workspace.pickle"

    def write(fh) -> None:
        fh.write(b"one,")
        assert fh.tell() == 4  # a real file: the snapshot records offsets as it writes
        fh.write(b"two")

    write_atomically(path, write, durable=False)
    assert path.read_bytes() == b"one,two"


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failure_leaves_the_old_file_and_no_temporary_one(tmp_path: Path, error: BaseException) -> None:
    path = tmp_path / "manifest.json"
    path.write_text("{}")

    def write(fh) -> None:
        fh.write(b'{"half": ')
        raise error

    with pytest.raises(type(error)):
        write_atomically(path, write)
    assert path.read_text() == "{}"
    assert os.listdir(tmp_path) == ["manifest.json"]


def test_the_new_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "state.yaml"
    write_atomically(path, b"pins: []\n")
    assert path.stat().st_mode & 0o077 == 0


def test_an_index_folder_whose_marker_is_being_written_is_not_foreign(tmp_path: Path) -> None:
    """A process that created the folder a moment ago may be writing its marker: that folder is
    still one briefing is creating, not someone else's."""
    folder = tmp_path / "index"
    folder.mkdir(mode=0o700)
    (folder / f"{temporary_prefix(MARKER_NAME)}x1y2z3.tmp").write_text("{")
    marker = prepare_folder(folder)
    assert marker["tool"] == "briefing"
    assert (folder / MARKER_NAME).exists()
