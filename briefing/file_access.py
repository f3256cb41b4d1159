"""Reading a file of the corpus without trusting what sits at its path.

Between the scan and the read a file can be swapped for a FIFO (an `open()` that never
returns), a device (`/dev/zero`: a read that never ends), or a symlink to a file the
reader may see but the corpus's owner may not (another user's secrets, `/proc/self/cwd/.env`).
So: open without blocking, check what was opened on the descriptor itself, read at most
the size cap, and judge where the opened file really is, not where the path said it was.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_CHUNK = 1 << 20


class FileRefused(OSError):
    """The file was opened, or found, but is not one to read; `reason` says why in a few words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class FileTooLarge(FileRefused):
    pass


@dataclass(frozen=True, slots=True)
class AccessPolicy:
    """Where corpus files may lead, and whose rights bound what is read.

    `root` is the resolved corpus folder; `owner` its owner's uid. Links that resolve outside
    `root` are refused unless `allow_outside`; wherever a file is, it is read only if `owner`
    could have read it (checked when the reader is not the owner).
    """

    root: str
    owner: int
    allow_outside: bool = False

    @classmethod
    def for_corpus(cls, root: Path, *, allow_outside: bool = False) -> AccessPolicy:
        resolved = os.path.realpath(root)
        return cls(resolved, os.stat(resolved).st_uid, allow_outside)


def read_file(path: str | os.PathLike[str], limit: int, policy: AccessPolicy | None = None) -> bytes:
    """The file's bytes, at most `limit`; raises `FileRefused` (or `FileTooLarge`, or OSError)."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise FileRefused(f"not a regular file ({_kind(st.st_mode)})")
        if policy is not None:
            _check_policy(fd, path, st, policy)
        if st.st_size > limit:
            raise FileTooLarge(f"larger than {limit // 2**20} MB")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:  # the size said at most `limit`, but a file can grow while read
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise FileTooLarge(f"larger than {limit // 2**20} MB")
        return b"".join(chunks)
    finally:
        os.close(fd)


def where_opened(fd: int, path: str | os.PathLike[str]) -> str:
    """The real location of an open file: from /proc (what was opened), else the resolved path."""
    try:
        target = os.readlink(f"/proc/self/fd/{fd}")
        if target.startswith("/"):
            return target
    except OSError:
        pass
    return os.path.realpath(path)


def inside(location: str, root: str) -> bool:
    return location == root or location.startswith(root.rstrip(os.sep) + os.sep)


def _check_policy(fd: int, path: str | os.PathLike[str], st: os.stat_result, policy: AccessPolicy) -> None:
    if not policy.allow_outside and not inside(where_opened(fd, path), policy.root):
        raise FileRefused("link leads outside the corpus folder (not followed)")
    euid = os.geteuid() if hasattr(os, "geteuid") else policy.owner  # no owners to compare on Windows
    if euid != policy.owner and not owner_may_read(st, policy.owner):
        raise FileRefused("the corpus folder's owner could not read it")


def owner_may_read(st: os.stat_result, uid: int) -> bool:
    """Whether user `uid` has read permission on the file described by `st` (its own bits only)."""
    if uid == 0:
        return True
    if st.st_uid == uid:
        return bool(st.st_mode & stat.S_IRUSR)
    if st.st_gid in _groups_of(uid):
        return bool(st.st_mode & stat.S_IRGRP)
    return bool(st.st_mode & stat.S_IROTH)


def _groups_of(uid: int) -> set[int]:
    try:
        import pwd

        entry = pwd.getpwuid(uid)
        return set(os.getgrouplist(entry.pw_name, entry.pw_gid))
    except (KeyError, OSError, ImportError, AttributeError):
        return set()


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "special"
