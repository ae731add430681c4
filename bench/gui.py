"""The window: start to the unlock page, unlock to a full list, and its peak memory.

Every number comes from fresh child processes on Qt's offscreen platform
(bench/gui_child.py says what each does), started through bench/rusage.py, which
also gives each child's peak RSS and the moment it was spawned on the system's
monotonic clock.

Start: the child prints ``time.monotonic()`` on the first turn of the event loop
after the window is shown; start-up is that minus the moment of the spawn. Tend
is started by ``journal_app.ui.window.app.run`` itself on an existing vault (the 10k
benchmark vault), and must then be showing its unlock page. The floor is the same
for an empty ``QMainWindow``. One untimed run of each first, then Tend and the
floor take turns (median of 7). Children get a bytecode cache of their own under
bench/results/pycache (this environment may set PYTHONDONTWRITEBYTECODE, which
would make Tend compile its own modules at every start, as no installed copy
does); a few runs without it are shown for scale.

Unlock: from submitting the passphrase on the unlock page to the moment the
journal view's list model holds every entry (median of 5 children, each timing its
first unlock, so the journal view's import and construction are included, as
they are for a person). The floor is bench/floor.py's read (stdlib sqlite3 and
AES-GCM opening every record) of the same vault, in this process. The KDF is
timed alone in each child with the vault's own parameters.

Memory: the peak RSS of those same children, each of which ends with the list
shown, the newest entry open and the whole window painted once.

Stalls (issue 12: never over 50 ms), at 1k, 10k and 100k entries: one child per
run (median of 3) on a copy of that size's vault, with a 10 ms timer ticking on
the GUI thread (bench/gui_child.py's ``_StallProbe``, the one the export and import
children use); a stall is the longest gap between two ticks minus the tick. In
turn: unlock (submit to the list holding every entry, and 300 ms more); opening
three entries by choosing them in the list (newest, middle, oldest: the worst);
typing in the open entry in two bursts of 8 keys 120 ms apart, each followed by
the editor's own autosave; typing the 2-word search "quiet morning" one key every
120 ms, and the time from its last key to the list showing its results; the same
autosave in an entry opened from those results; Escape to clear the search; and
moving an entry to the trash. An idle window's longest stall is the floor.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import floor
from bench.measure import ChildRun, child_env, median, run_child, time_call
from bench.vaults import PASSPHRASE, RESULTS, ensure_vault, remove_vault, scratch_copy
from journal_app.vault import Vault

GUI_SIZE = 10_000
STALL_SIZES = (1_000, 10_000, 100_000)
STALL_RUNS = 3
# The window's stall scenarios, in the order bench/gui_child.py's ``stalls`` runs them.
STALL_SCENARIOS = (
    ("unlock", "unlock: submit to list shown"),
    ("open", "open an entry"),
    ("autosave", "autosave while typing in an entry"),
    ("search", "type a 2-word search, a key per 120 ms"),
    ("autosave_search", "autosave while a search is shown"),
    ("clear_search", "clear the search (Escape)"),
    ("trash", "move an entry to the trash"),
)
START_RUNS = 7
UNLOCK_RUNS = 5
UNCACHED_RUNS = 3
PYCACHE = RESULTS / "pycache"
CHILD_CODE = "from bench.gui_child import main; main()"


class GuiChildFailed(RuntimeError):
    pass


def gui_env(scratch: Path, *, bytecode_cache: bool = True) -> dict[str, str]:
    """A child's environment: offscreen Qt, settings and data in ``scratch``."""
    env = child_env(
        {
            "QT_QPA_PLATFORM": "offscreen",
            "TEND_CONFIG_DIR": str(scratch / "config"),
            "TEND_DATA_DIR": str(scratch / "data"),
            "BENCH_PASSPHRASE": PASSPHRASE,
        }
    )
    if bytecode_cache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


def gui_child(args: Sequence[str], *, bytecode_cache: bool = True) -> tuple[ChildRun, Any]:
    """Run one bench/gui_child.py task in a fresh scratch folder; its run and result."""
    with tempfile.TemporaryDirectory(prefix="tend-bench-gui-") as scratch:
        env = gui_env(Path(scratch), bytecode_cache=bytecode_cache)
        run = run_child([sys.executable, "-c", CHILD_CODE, *args], env=env)
    lines = [line for line in run.stdout.splitlines() if line.startswith("BENCH ")]
    if run.returncode != 0 or not lines:
        tail = "\n".join(run.stderr.strip().splitlines()[-15:])
        raise GuiChildFailed(f"gui child '{args[0]}' failed ({run.returncode}):\n{tail}")
    return run, json.loads(lines[-1][len("BENCH ") :])


@dataclass
class StartSample:
    total_s: float  # spawn to the first event-loop turn after show
    python_s: float  # spawn to the first line of the child's code
    imports_s: float  # PySide6 (and Tend's modules)
    window_s: float  # application, window, show, first turn
    rss_kib: int


def _start_sample(args: list[str], *, bytecode_cache: bool = True) -> StartSample:
    run, data = gui_child(args, bytecode_cache=bytecode_cache)
    if not data["ok"]:
        raise GuiChildFailed(f"'{args[0]}': the window was not showing what it should")
    return StartSample(
        total_s=data["shown"] - run.spawned_at,
        python_s=data["began"] - run.spawned_at,
        imports_s=data["imported"] - data["began"],
        window_s=data["shown"] - data["imported"],
        rss_kib=run.peak_rss_kib,
    )


def _median_sample(samples: list[StartSample]) -> StartSample:
    return StartSample(
        total_s=median([s.total_s for s in samples]),
        python_s=median([s.python_s for s in samples]),
        imports_s=median([s.imports_s for s in samples]),
        window_s=median([s.window_s for s in samples]),
        rss_kib=round(median([s.rss_kib for s in samples])),
    )


@dataclass
class UnlockSample:
    total_s: float  # submit to the list model holding every entry
    kdf_s: float
    worker_s: float  # submit to Journal(vault) done, on the worker (KDF included)
    handover_s: float  # from there to the service's slot on the GUI thread
    view_s: float  # importing and building the journal view (first unlock)
    reload_s: float  # JournalView.reload: tags, list model, placeholder
    rest_s: float  # everything else up to the list being full
    idle_s: float  # list full to the event loop's next turn
    open_s: float  # selecting the newest entry in the list until it is open
    paint_s: float  # painting the whole window once
    rss_kib: int


def _unlock_sample(path: Path, count: int) -> UnlockSample:
    run, data = gui_child(["unlock", str(path), str(count)])
    m = data["marks"]
    total = m["listed"] - m["submit"]
    worker = m["load_end"] - m["submit"]
    handover = m["handed_over"] - m["load_end"]
    view = m["view_end"] - m["view_start"]
    reload = m["reload_end"] - m["reload_start"]
    return UnlockSample(
        total_s=total,
        kdf_s=data["kdf_s"],
        worker_s=worker,
        handover_s=handover,
        view_s=view,
        reload_s=reload,
        rest_s=total - worker - handover - view - reload,
        idle_s=m["idle"] - m["listed"],
        open_s=m["open_end"] - m["open_start"],
        paint_s=m["paint_end"] - m["paint_start"],
        rss_kib=run.peak_rss_kib,
    )


@dataclass
class StallResult:
    """Medians over the runs at one size, in seconds."""

    count: int
    runs: int
    idle_s: float  # an idle window's longest stall: the floor
    stalls: dict[str, float]  # scenario name -> longest stall
    search_shown_s: float  # last key of the search to its results shown
    unlock_listed_s: float  # submit to the list holding every entry


def measure_stalls(log: Callable[[str], None], count: int, runs: int = STALL_RUNS) -> StallResult:
    """The stall scenarios at one size, ``runs`` fresh children, each on a fresh copy of
    its vault (a child saves, trashes and leaves a draft in the one it opens)."""
    vault = ensure_vault(count, log=log)
    log(f"  window: stalls at {count:,} entries x{runs}")
    samples = []
    for _ in range(runs):
        path = scratch_copy(vault, f".scratch-stalls-{count}.tend")
        try:
            samples.append(gui_child(["stalls", str(path), str(count)])[1])
        finally:
            remove_vault(path)
    found = [name for name, _ in STALL_SCENARIOS if all(name in s for s in samples)]
    return StallResult(
        count=count,
        runs=runs,
        idle_s=median([s["idle_s"] for s in samples]),
        stalls={name: median([s[name]["stall_s"] for s in samples]) for name in found},
        search_shown_s=median([s["search"]["shown_s"] for s in samples]),
        unlock_listed_s=median([s["unlock"]["listed_s"] for s in samples]),
    )


@dataclass
class GuiResult:
    count: int
    start_runs: int
    unlock_runs: int
    tend_start: StartSample
    floor_start: StartSample
    tend_start_uncached_s: float | None
    unlock: UnlockSample
    floor_read_s: float
    samples: dict[str, list[float]] = field(default_factory=dict)
    stalls: list[StallResult] = field(default_factory=list)


def _floor_read(path: Path, runs: int) -> float:
    with Vault.open(path) as vault:
        vault.unlock(PASSPHRASE)
        assert vault._key is not None
        key, vault_id = bytes(vault._key), vault.vault_id
    floor.read_and_decrypt(path, key, vault_id)  # warm
    return median(
        [time_call(lambda: floor.read_and_decrypt(path, key, vault_id))[0] for _ in range(runs)]
    )


def measure(
    log: Callable[[str], None],
    *,
    start_runs: int = START_RUNS,
    unlock_runs: int = UNLOCK_RUNS,
    count: int = GUI_SIZE,
    stall_sizes: Sequence[int] = STALL_SIZES,
    stall_runs: int = STALL_RUNS,
) -> GuiResult:
    # The children work on a copy: Tend may write to the vault it opens, and a child
    # that ends without closing it leaves SQLite's -wal file beside it.
    path = scratch_copy(ensure_vault(count, log=log), f".scratch-gui-{count}.tend")
    try:
        log(f"  window: start to unlock page, Tend and an empty window x{start_runs} each")
        _start_sample(["start", str(path)])  # untimed: fills the bytecode cache, warms files
        _start_sample(["start-floor"])
        tend: list[StartSample] = []
        empty: list[StartSample] = []
        for _ in range(start_runs):
            tend.append(_start_sample(["start", str(path)]))
            empty.append(_start_sample(["start-floor"]))
        uncached = None
        if "PYTHONDONTWRITEBYTECODE" in child_env():
            log(f"  window: start without a bytecode cache x{UNCACHED_RUNS}")
            uncached = median(
                [
                    _start_sample(["start", str(path)], bytecode_cache=False).total_s
                    for _ in range(UNCACHED_RUNS)
                ]
            )

        log(f"  window: unlock to a full list of {count:,}, then one entry open x{unlock_runs}")
        unlocks = [_unlock_sample(path, count) for _ in range(unlock_runs)]
        floor_read = _floor_read(path, unlock_runs)
    finally:
        remove_vault(path)

    stalls = [measure_stalls(log, size, stall_runs) for size in stall_sizes]

    def mid(name: str) -> float:
        return median([getattr(s, name) for s in unlocks])

    unlock = UnlockSample(
        **{name: mid(name) for name in UnlockSample.__dataclass_fields__ if name != "rss_kib"},
        rss_kib=round(mid("rss_kib")),
    )
    return GuiResult(
        count=count,
        start_runs=start_runs,
        unlock_runs=unlock_runs,
        tend_start=_median_sample(tend),
        floor_start=_median_sample(empty),
        tend_start_uncached_s=uncached,
        unlock=unlock,
        floor_read_s=floor_read,
        samples={
            "start_tend": [s.total_s for s in tend],
            "start_floor": [s.total_s for s in empty],
            "unlock": [s.total_s for s in unlocks],
            "rss": [s.rss_kib for s in unlocks],
        },
        stalls=stalls,
    )
