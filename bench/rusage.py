"""Run one command and record its wall time and peak RSS: ``python rusage.py OUT CMD...``.

Linux carries a parent's peak RSS into a child it spawns: the child starts with a
copy of (or, with vfork, the very) parent's memory map, and ``exec`` folds that
map's high-water mark into the peak the kernel reports for the child. Measured
straight from the benchmark's own large process, every child would seem at least
as big as the benchmark. So this small script, started with ``python -I -S`` and
importing nothing beyond ``os``, ``sys`` and ``time``, spawns the command itself:
the command then inherits only this script's few MiB, less than any Python
program's own peak. It writes "wall_seconds peak_rss_kib exit_code spawned_at" to
OUT; ``ru_maxrss`` is in KiB on Linux, and ``spawned_at`` is ``time.monotonic()``
just before the spawn (the system-wide monotonic clock on Linux, so a child can
print the same clock to say how long after its spawn something happened).
"""

import os
import sys
import time


def main() -> int:
    out, argv = sys.argv[1], sys.argv[2:]
    spawned_at = time.monotonic()
    start = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, os.environ)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    with open(out, "w") as handle:  # noqa: PTH123 - pathlib is one import too many here
        handle.write(f"{wall!r} {usage.ru_maxrss} {code} {spawned_at!r}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
