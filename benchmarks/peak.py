"""A child's own peak memory, which `wait4` cannot give: `python benchmarks/peak.py OUT -m MODULE ARGS…`.

Linux keeps a process's largest resident set across `exec`, so a child forked from the benchmark
(itself 150–450 MB while it holds baselines and copies) reported the benchmark's peak as its own.
`VmHWM` in /proc/self/status is the high-water mark of this program's memory since its `exec`.
This runs MODULE (or `-c CODE`) as `python` would and writes that figure, in MB, to OUT.
"""

from __future__ import annotations

import atexit
import runpy
import sys
from pathlib import Path


def own_peak_mb() -> float | None:
    """This process's peak resident memory since exec, or None where /proc does not say."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def main() -> None:
    out, how, what, *args = sys.argv[1:]
    atexit.register(lambda: Path(out).write_text(str(own_peak_mb() or "")))
    if how == "-m":
        sys.argv = [what, *args]
        runpy.run_module(what, run_name="__main__", alter_sys=True)
    elif how == "-c":
        sys.argv = ["-c", *args]
        exec(compile(what, "<benchmark>", "exec"), {"__name__": "__main__"})
    else:
        raise SystemExit("usage: peak.py OUT (-m MODULE | -c CODE) ARGS…")


if __name__ == "__main__":
    main()
