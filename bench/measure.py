"""Timing and peak memory: medians of in-process calls, and whole child processes.

A child's peak memory is its peak resident set size as the kernel reports it when
the child is reaped (``os.wait4``'s ``ru_maxrss``, in KiB on Linux): the one
process's own peak, not a maximum over every child this process ever had, which is
what ``RUSAGE_CHILDREN`` gives. Children are started through bench/rusage.py, whose
docstring says why.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RUSAGE = Path(__file__).resolve().parent / "rusage.py"


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def time_call(fn: Callable[[], object]) -> tuple[float, object]:
    """Seconds one call took, and what it returned."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


@dataclass(frozen=True, slots=True)
class ChildRun:
    wall_s: float
    peak_rss_kib: int
    returncode: int
    stdout: str
    stderr: str
    spawned_at: float = 0.0  # time.monotonic() just before the spawn


def run_child(
    argv: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    stdin: str | None = None,
    cwd: Path | None = None,
) -> ChildRun:
    """Run a command to its end through bench/rusage.py: its wall time and peak RSS.

    Wall time runs from spawn to reap of the command itself, as the small wrapper
    sees it, so the wrapper's own start-up is not counted. Output goes to files.
    """
    with (
        tempfile.TemporaryDirectory(prefix="tend-bench-") as scratch,
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryFile() as inp,
    ):
        if stdin is not None:
            inp.write(stdin.encode())
            inp.seek(0)
        report = Path(scratch) / "rusage"
        wrapper = subprocess.run(
            [sys.executable, "-I", "-S", str(RUSAGE), str(report), *argv],
            stdin=inp if stdin is not None else subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env=dict(env) if env is not None else None,
            cwd=cwd,
            start_new_session=True,  # no controlling terminal: nothing may prompt
            check=False,
        )
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
        if wrapper.returncode != 0 or not report.exists():
            raise RuntimeError(f"could not run {argv[0]}: {stderr.strip()}")
        wall, peak, code, spawned_at = report.read_text().split()
        return ChildRun(float(wall), int(peak), int(code), stdout, stderr, float(spawned_at))


def child_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        part for part in (str(PROJECT_ROOT), env.get("PYTHONPATH", "")) if part
    )
    env.pop("PYTHONMALLOC", None)
    env.update(extra or {})
    return env


def python_child(module_args: Sequence[str], *, env: Mapping[str, str] | None = None) -> ChildRun:
    """``python -m bench.child ...`` with this interpreter; raises if it fails."""
    run = run_child([sys.executable, "-m", "bench.child", *module_args], env=child_env(env))
    if run.returncode != 0:
        raise RuntimeError(f"bench.child {' '.join(module_args)} failed:\n{run.stderr}")
    return run


def ms(seconds: float) -> str:
    if seconds >= 10:
        return f"{seconds:,.1f} s"
    value = seconds * 1000
    if value >= 100:
        return f"{value:,.0f} ms"
    if value >= 10:
        return f"{value:.1f} ms"
    return f"{value:.2f} ms"


def mib(kib: float) -> str:
    return f"{kib / 1024:,.1f} MiB"


def ratio(value: float, floor: float) -> str:
    if floor <= 0:
        return "n/a"
    return f"{value / floor:.2f}×"
