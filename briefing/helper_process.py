"""Work handed to a helper Python process, so that a big update uses both cores.

A plain subprocess, not `multiprocessing`: its spawn mode re-runs the caller's main
script, and fork is unsafe from the app's threads. Pickles go both ways over pipes
between two processes of ours: the payload in on stdin, `(ok, value)` back on stdout.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from briefing.hygiene import printable

T = TypeVar("T")


def cpus() -> int:
    """The CPUs this process may run on (a container's or `taskset`'s limit, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_help() -> bool:
    """True when a helper process would run beside this one rather than take turns with it."""
    return cpus() > 1 and bool(sys.executable)


class HelperProcess:
    """A function run in a new process; `result()` is its return value, or raises what it raised.

    `function` is named as `"package.module:function"` and must be importable from this
    checkout; it is called with the unpickled payload and this process's pid (see `while_parent_lives`).
    """

    def __init__(self, function: str, payload: Any) -> None:
        import pickle  # here: the CLI's quick paths import this module, and never start a helper

        self._function = function
        with _AHEAD_LOCK:
            ahead = _AHEAD.pop(function, None)
        self._process = ahead if ahead is not None and ahead.poll() is None else _spawn(function)
        try:  # held here, not as the thread's argument: that would keep it (article texts) to the end
            self._payload: bytes | None = pickle.dumps((payload, os.getpid()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:
            self._process.kill()
            raise
        self._output: tuple[bytes, bytes] = (b"", b"")
        self._talk = threading.Thread(target=self._communicate, daemon=True)
        self._talk.start()  # feeding the pipe would otherwise wait for the helper's imports

    def _communicate(self) -> None:
        """Feed the payload and let go of it, then wait for the answer."""
        try:
            self._process.stdin.write(self._payload)  # type: ignore[union-attr]
            self._process.stdin.flush()  # type: ignore[union-attr]
        except OSError:
            pass  # the helper died: its answer (or its absence) says why
        self._payload = None
        self._output = self._process.communicate()

    def result(self) -> Any:
        import pickle

        self._talk.join()
        out, err = self._output
        self._output = (b"", b"")  # let go of the bytes once read (17 MB of extractions at 22,250 articles)
        try:
            ok, value = pickle.loads(out)
        except Exception:
            lines = err.decode("utf-8", "replace").strip().splitlines()
            why = printable(lines[-1]) if lines else f"exit code {self._process.returncode}"
            ok, value = False, OSError(f"helper process failed ({self._function}): {why}")
        if not ok:
            raise value
        return value

    def abort(self) -> None:
        """Stop the helper (a no-op once it has answered)."""
        self._process.kill()
        self._talk.join()


def _spawn(function: str) -> Any:
    """A Python process that imports `function`, then waits for its payload on stdin (see `serve`)."""
    import subprocess

    module, name = function.split(":")
    package_root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
    code = f"from briefing.helper_process import serve; from {module} import {name}; serve({name})"
    return subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )


# Helpers started before their payload exists, by function (see `start_ahead`).
_AHEAD: dict[str, Any] = {}
_AHEAD_LOCK = threading.Lock()


def start_ahead(*functions: str) -> None:
    """Start helper processes for `functions` now; the next `HelperProcess(function, payload)` takes one.

    A first build starts its helpers before reading the corpus: their interpreter and imports
    (0.2-0.4 s of CPU each) then run beside that reading, on a core that would otherwise wait.
    """
    for function in functions:
        with _AHEAD_LOCK:
            if function in _AHEAD:
                continue
        try:
            process = _spawn(function)
        except OSError:  # no process to be had: one is tried again when needed
            continue
        with _AHEAD_LOCK:
            _AHEAD[function] = process


def cancel_ahead() -> None:
    """Stop the helpers `start_ahead` started that nothing took (they wait on their stdin)."""
    with _AHEAD_LOCK:
        ahead = list(_AHEAD.values())
        _AHEAD.clear()
    for process in ahead:
        process.kill()
        process.communicate()


def serve(function: Callable[[Any, int], Any]) -> None:
    """The helper's side: `function(payload, parent_pid)`, its result or exception pickled to stdout.

    `function.warm_up()`, if it has one, runs first, before the payload is read."""
    import pickle

    warm_up = getattr(function, "warm_up", None)
    if warm_up is not None:  # imports, while the payload is still being made (see `start_ahead`)
        warm_up()
    payload, parent = pickle.load(sys.stdin.buffer)
    try:
        result: tuple[bool, Any] = (True, function(payload, parent))
    except Exception as exc:
        result = (False, exc)
    try:
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an exception (or a result) that does not pickle
        data = pickle.dumps((False, OSError(f"helper failed: {type(result[1]).__name__}: {result[1]}")))
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def while_parent_lives(items: Iterable[T], parent: int, every: int = 200) -> Iterator[T]:
    """`items`, with a check every `every` of them that the process this helper works for is still
    there: once it has gone (killed mid-update), stop with OSError rather than work for nobody."""
    for n, item in enumerate(items):
        if n % every == 0 and os.getppid() != parent:
            raise OSError("the indexing process went away")
        yield item
