"""How long the command line takes to say its version and its help, against bare Python.

``tend --version`` and ``tend --help`` should load only what they need: the target
is at most 3× the wall time of ``python -c pass`` started the same way, the two
taking turns so that the machine's moods hit both alike (median of ``runs``).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from bench.measure import child_env, median, run_child
from bench.peer_jrnl import _tend_bin

START_TARGET = 3.0


@dataclass(frozen=True, slots=True)
class CliStart:
    label: str  # "--version" or "--help"
    tend_s: float
    floor_s: float  # python -c pass

    @property
    def ratio(self) -> float:
        return self.tend_s / self.floor_s


def measure(runs: int = 9) -> list[CliStart]:
    """``tend --version`` and ``tend --help`` against ``python -c pass``, in turns."""
    env = child_env()
    floor = [sys.executable, "-c", "pass"]
    found = []
    for flag in ("--version", "--help"):
        tend = [_tend_bin(), flag]
        run_child(tend, env=env)  # warms the bytecode cache and the file cache
        tend_runs, floor_runs = [], []
        for _ in range(runs):
            tend_runs.append(run_child(tend, env=env).wall_s)
            floor_runs.append(run_child(floor, env=env).wall_s)
        found.append(CliStart(flag, median(tend_runs), median(floor_runs)))
    return found
