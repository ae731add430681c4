"""The Markdown the benchmark prints: environment, Tend against its floor, jrnl beside Tend."""

from __future__ import annotations

import os
import platform
import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from bench.core import MANIFEST_CPU_RUNS, WARMUP_SAVES, SizeResult
from bench.gui import STALL_SCENARIOS, GuiResult, StallResult
from bench.measure import mib, ms, ratio
from bench.peer_jrnl import ADD_TEXT, PeerResult

TARGET_AT = 10_000
UNLOCK_TARGET_RATIO = 3.0
SEARCH_TARGET_S = 0.030
SAVE_TARGET_S = 0.020
# Tend's wall time against jrnl's, for list and search, by journal size (issue 12).
PEER_WALL_TARGETS = {1_000: 1.0, 10_000: 0.5}
PEER_RSS_TARGET = 1 / 2


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def environment(load_at_start: float) -> str:
    import cryptography
    import sqlalchemy

    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 0
    return (
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{os.cpu_count()} CPUs ({usable} usable, {_cpu_model()}), "
        f"{platform.system()} {platform.release()} {platform.machine()}; "
        f"SQLite {sqlite3.sqlite_version}, cryptography {cryptography.__version__}, "
        f"SQLAlchemy {sqlalchemy.__version__}; run {datetime.now():%Y-%m-%d %H:%M}; "
        f"load average (1 min) {load_at_start:.2f} at start, {os.getloadavg()[0]:.2f} at end "
        "(above ~0.3, other processes were competing for the 2 CPUs)"
    )


def _table(header: Sequence[str], align: str, rows: Sequence[Sequence[str]]) -> str:
    marks = {"l": "---", "r": "---:", "c": ":---:"}
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(marks[a] for a in align) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _verdict(met: bool) -> str:
    return "yes" if met else "**NO**"


def core_tables(results: Sequence[SizeResult]) -> str:
    rows: list[list[str]] = []

    def add(label: str, value_of, floor_of, fmt, target: str = "", test=None) -> None:
        for r in results:
            value = value_of(r)
            floor = floor_of(r) if floor_of else None
            at_target = r.count == TARGET_AT and test is not None
            rows.append(
                [
                    label,
                    f"{r.count:,}",
                    fmt(value),
                    fmt(floor) if floor is not None else "—",
                    ratio(value, floor) if floor is not None else "—",
                    target if at_target else "",
                    _verdict(test(r)) if at_target else "",
                ]
            )

    add(
        "unlock − KDF",
        lambda r: r.unlock_minus_kdf_s,
        lambda r: r.floor_read_s,
        ms,
        f"≤ {UNLOCK_TARGET_RATIO:g}× floor",
        lambda r: r.unlock_minus_kdf_s <= UNLOCK_TARGET_RATIO * r.floor_read_s,
    )
    add(
        "search, first after unlock",
        lambda r: r.search_first_s,
        None,
        ms,
        f"≤ {SEARCH_TARGET_S * 1000:g} ms",
        lambda r: r.search_first_s <= SEARCH_TARGET_S,
    )
    add(
        "search, warm (median of 20 queries)",
        lambda r: r.search_warm_s,
        None,
        ms,
        f"≤ {SEARCH_TARGET_S * 1000:g} ms",
        lambda r: r.search_warm_s <= SEARCH_TARGET_S,
    )
    add(
        "save one entry (fsynced)",
        lambda r: r.save_s,
        lambda r: r.save_floor_s,
        ms,
        f"≤ {SAVE_TARGET_S * 1000:g} ms",
        lambda r: r.save_s <= SAVE_TARGET_S,
    )
    add(
        "peak RSS, unlocked and loaded",
        lambda r: r.rss_load_kib,
        lambda r: r.rss_floor_kib,
        mib,
    )
    add(
        "peak RSS, loaded + 20 searches",
        lambda r: r.rss_search_kib,
        lambda r: r.rss_floor_kib,
        mib,
    )
    main = _table(
        ["measure", "entries", "Tend", "floor", "Tend / floor", "target (10k)", "met"],
        "lrrrrll",
        rows,
    )

    detail_rows = [
        [
            f"{r.count:,}",
            f"{r.file_bytes / 1e6:,.1f} MB",
            str(r.runs),
            ms(r.open_s),
            ms(r.unlock_s),
            ms(r.kdf_s),
            ms(r.load_s),
            ms(r.read_all_s),
            ms(max(r.load_s - r.read_all_s, 0.0)),
            ms(r.floor_read_s),
            f"{ms(r.search_slowest_s)} ('{r.search_slowest_query}')",
            f"{r.blob_bytes:,} B",
        ]
        for r in results
    ]
    detail = _table(
        [
            "entries",
            "vault file",
            "runs",
            "Vault.open",
            "unlock (with KDF)",
            "KDF alone",
            "Journal(vault)",
            "of which read_all",
            "parse (rest)",
            "floor read",
            "slowest warm query",
            "sealed entry",
        ],
        "rrrrrrrrrrlr",
        detail_rows,
    )
    hits = ", ".join(f"'{q}' {n:,}" for q, n in results[-1].search_hits.items())
    return (
        "## Tend against the floor (medians)\n\n"
        f"{main}\n\n"
        'The floor of "save one entry" is the WAL floor below.\n\n'
        "### Where unlock time goes (medians)\n\n"
        f"{detail}\n\n"
        f"Matches per query at {results[-1].count:,} entries: {hits}.\n\n"
        f"{save_table(results)}"
    )


def _delta(seconds: float) -> str:
    return ("+" if seconds >= 0 else "−") + ms(abs(seconds))


def _delta_ratio(seconds: float, floor: float) -> str:
    text = ratio(abs(seconds), floor)
    return text if text == "n/a" else ("+" if seconds >= 0 else "−") + text


def save_table(results: Sequence[SizeResult]) -> str:
    """ "What a save costs": Tend's save, three write floors and the manifest's CPU."""
    measured: list[tuple[str, Callable[[SizeResult], float]]] = [
        ("Tend's save: `Journal.add` of a ~1.5 KB entry", lambda r: r.save_s),
        ("floor, WAL: sqlite3 INSERT of the sealed entry's size", lambda r: r.save_floor_s),
        (
            "floor, one file: the same in Tend's mode (rollback journal)",
            lambda r: r.save_one_file_s,
        ),
        (
            "floor, one file + manifest I/O: also upserts the bucket and the root",
            lambda r: r.save_manifest_floor_s,
        ),
        ("manifest CPU: `Manifest.changed` + `sealed_rows`", lambda r: r.manifest_cpu_s),
    ]
    derived: list[tuple[str, Callable[[SizeResult], float]]] = [
        (
            "= keeping the file alone complete (one file − WAL)",
            lambda r: r.save_one_file_s - r.save_floor_s,
        ),
        (
            "= manifest I/O (one file + manifest − one file)",
            lambda r: r.save_manifest_floor_s - r.save_one_file_s,
        ),
        (
            "= manifest, I/O + CPU",
            lambda r: r.save_manifest_floor_s - r.save_one_file_s + r.manifest_cpu_s,
        ),
        (
            "= rest of Tend's save (Tend − manifest floor − manifest CPU)",
            lambda r: r.save_s - r.save_manifest_floor_s - r.manifest_cpu_s,
        ),
    ]
    rows = [
        [label, *(cell for r in results for cell in (ms(of(r)), ratio(of(r), r.save_floor_s)))]
        for label, of in measured
    ]
    rows += [
        [
            label,
            *(
                cell
                for r in results
                for cell in (_delta(of(r)), _delta_ratio(of(r), r.save_floor_s))
            ),
        ]
        for label, of in derived
    ]
    rows.append(
        [
            "sealed sizes Tend wrote: entry / bucket / root",
            *(
                cell
                for r in results
                for cell in (f"{r.blob_bytes:,} / {r.bucket_bytes:,} / {r.root_bytes:,} B", "")
            ),
        ]
    )
    header = ["measure"]
    for r in results:
        header += [f"{r.count:,} entries", "÷ WAL floor"]
    table = _table(header, "l" + "rr" * len(results), rows)
    saves = ", ".join(f"{r.saves}" for r in results)
    return (
        "## What a save costs (medians)\n\n"
        f"{table}\n\n"
        f"Saves per writer: {saves} (after {WARMUP_SAVES} untimed), each on its own scratch "
        "copy of the vault; in every round Tend saves first, then the three floors in an "
        "order that rotates. Each floor commits one fsynced transaction with raw sqlite3 "
        "(bench/floor.py): WAL is `journal_mode=WAL`, `synchronous=FULL`; one file is "
        "Tend's mode, `locking_mode=EXCLUSIVE`, `journal_mode=DELETE`, "
        "`journal_size_limit=0`, `synchronous=FULL`, `secure_delete=ON`; the manifest floor "
        "also overwrites the entry's bucket and the root at the sizes Tend wrote for them "
        "in that round. Manifest CPU: one new record listed and its bucket and the root "
        "sealed, on the cached vault's real manifest, in this process, median of "
        f"{MANIFEST_CPU_RUNS}. Rows starting "
        "with = are differences of the medians above.\n"
    )


def peer_table(result: PeerResult) -> str:
    rows = []
    wall_target = PEER_WALL_TARGETS.get(result.count, min(PEER_WALL_TARGETS.values()))
    for c in result.commands:
        wall = c.tend_wall_s / c.jrnl_wall_s
        rss = c.tend_rss_kib / c.jrnl_rss_kib
        timed = not c.label.startswith("add")  # jrnl rewrites its file; no target
        rows.append(
            [
                f"{c.label}: `{c.tend_argv}` / `{c.jrnl_argv}`",
                ms(c.tend_wall_s),
                ms(c.jrnl_wall_s),
                f"{wall:.2f}",
                _verdict(wall <= wall_target) if timed else "",
                mib(c.tend_rss_kib),
                mib(c.jrnl_rss_kib),
                f"{rss:.2f}",
                _verdict(rss <= PEER_RSS_TARGET),
            ]
        )
    table = _table(
        [
            "command (Tend / jrnl)",
            "Tend wall",
            "jrnl wall",
            f"Tend / jrnl (≤ {wall_target:.2f})",
            "met",
            "Tend peak RSS",
            "jrnl peak RSS",
            "Tend / jrnl (≤ 0.50)",
            "met",
        ],
        "lrrrlrrrl",
        rows,
    )
    return (
        f"## Tend and jrnl {result.jrnl_version}, whole commands on {result.count:,} "
        f"encrypted entries (median of {result.runs})\n\n"
        f"{table}\n\n"
        "Tend's vault uses its default KDF (Argon2id, 64 MiB, 3 passes, 4 lanes); jrnl's "
        "journal is its v3 format (PBKDF2-SHA256, 100,000 iterations, Fernet) made by "
        f'`jrnl --encrypt`. TEXT is "{ADD_TEXT}". The search matched '
        f"{result.search_hits_tend:,} entries in Tend and {result.search_hits_jrnl:,} in "
        "jrnl. jrnl's add rewrites and "
        "re-encrypts the whole journal and does not fsync; Tend's commits one fsynced "
        "record.\n"
    )


# ------------------------------------------------------------------ the window

START_TARGET_RATIO = 2.0
GUI_RSS_TARGET_BYTES = 250_000_000  # 250 MB (238 MiB)
GUI_STALL_TARGET_S = 0.050
SEARCH_SHOWN_TARGET_S = 0.100


def _stall_rows(result: StallResult) -> list[list[str]]:
    """The longest stall of each scenario at one size, against an idle window's."""
    n, idle = f"{result.count:,}", result.idle_s
    rows = [
        [
            f"longest stall, {label} (median of {result.runs})",
            n,
            ms(result.stalls[name]),
            ms(idle),
            ratio(result.stalls[name], idle),
            f"≤ {ms(GUI_STALL_TARGET_S)}",
            _verdict(result.stalls[name] <= GUI_STALL_TARGET_S),
        ]
        for name, label in STALL_SCENARIOS
        if name in result.stalls
    ]
    shown = result.search_shown_s
    rows.append(
        [
            f"search: last key to results shown (median of {result.runs})",
            n,
            ms(shown),
            "—",
            "",
            f"≤ {ms(SEARCH_SHOWN_TARGET_S)}",
            _verdict(shown <= SEARCH_SHOWN_TARGET_S),
        ]
    )
    return rows


def gui_tables(result: GuiResult) -> str:
    t, f, u = result.tend_start, result.floor_start, result.unlock
    start_ok = t.total_s <= START_TARGET_RATIO * f.total_s
    rss_ok = u.rss_kib * 1024 <= GUI_RSS_TARGET_BYTES
    n = f"{result.count:,}"
    rows = [
        [
            f"start to unlock window shown (median of {result.start_runs})",
            "—",
            ms(t.total_s),
            ms(f.total_s),
            ratio(t.total_s, f.total_s),
            f"≤ {START_TARGET_RATIO:g}× floor",
            _verdict(start_ok),
        ],
        [
            f"unlock to a full list (median of {result.unlock_runs})",
            n,
            ms(u.total_s),
            ms(result.floor_read_s),
            ratio(u.total_s, result.floor_read_s),
            "",
            "",
        ],
        [
            "peak RSS, unlocked, list shown, one entry open",
            n,
            mib(u.rss_kib),
            mib(f.rss_kib),
            ratio(u.rss_kib, f.rss_kib),
            "≤ 250 MB (238 MiB)",
            _verdict(rss_ok),
        ],
        [
            "peak RSS, start to unlock window",
            "—",
            mib(t.rss_kib),
            mib(f.rss_kib),
            ratio(t.rss_kib, f.rss_kib),
            "",
            "",
        ],
    ]
    for stalls in result.stalls:
        rows.extend(_stall_rows(stalls))
    main = _table(
        ["measure", "entries", "Tend", "floor", "Tend / floor", "target", "met"],
        "lrrrrll",
        rows,
    )
    start_detail = _table(
        ["start (medians)", "spawn to Python running", "imports", "app + window + show", "total"],
        "lrrrr",
        [
            [
                label,
                ms(s.python_s),
                ms(s.imports_s),
                ms(s.window_s),
                ms(s.total_s),
            ]
            for label, s in (("Tend", t), ("empty QMainWindow (floor)", f))
        ],
    )
    unlock_detail = _table(
        [
            "KDF alone",
            "worker: unlock + Journal(vault)",
            "hand-over to GUI thread",
            "journal view imported + built",
            "view.reload (list model)",
            "rest of the window's unlocked slot",
            "list full → next event-loop turn",
            "open newest entry",
            "paint whole window",
        ],
        "rrrrrrrrr",
        [
            [
                ms(u.kdf_s),
                ms(u.worker_s),
                ms(u.handover_s),
                ms(u.view_s),
                ms(u.reload_s),
                ms(u.rest_s),
                ms(u.idle_s),
                ms(u.open_s),
                ms(u.paint_s),
            ]
        ],
    )
    uncached = ""
    if result.tend_start_uncached_s is not None:
        uncached = (
            " This environment sets PYTHONDONTWRITEBYTECODE; the children above get a "
            "bytecode cache of their own (bench/results/pycache), as an installed Tend "
            "has. Without one, compiling Tend's modules at each start, Tend took "
            f"{ms(result.tend_start_uncached_s)} (median of 3)."
        )
    samples = ", ".join(ms(s) for s in result.samples["start_tend"])
    floor_samples = ", ".join(ms(s) for s in result.samples["start_floor"])
    return (
        f"## Tend's window ({n}-entry vault, Qt offscreen, fresh processes)\n\n"
        f"{main}\n\n"
        "Start: from spawning `python -c ...` to the first event-loop turn after the "
        "window is shown (Tend: `journal_app.ui.window.app.run` on an existing vault, showing "
        "its unlock page). Floor: the same for `QApplication` + an empty "
        "`QMainWindow().show()`. Unlock: from submitting the passphrase on the unlock "
        "page to the list model holding every entry; floor: bench/floor.py's read "
        "(sqlite3 + AES-GCM of every record). Memory floor: the empty window's child. "
        "Stalls: the longest gap between the ticks of a 10 ms timer on the GUI thread, "
        "minus the tick, in fresh children at each size (bench/gui.py says what each "
        "scenario does); floor: an idle window's longest stall. "
        f"Start samples, Tend: {samples}; floor: {floor_samples}.{uncached}\n\n"
        "### Where start-up time goes\n\n"
        f"{start_detail}\n\n"
        f"### Where unlock-to-list time goes (medians of {result.unlock_runs}, each part "
        "its own median)\n\n"
        f"{unlock_detail}\n"
    )
