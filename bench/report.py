"""The Markdown the benchmark prints: environment, Tend against its floor, jrnl beside Tend."""

from __future__ import annotations

import os
import platform
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from bench.core import SizeResult
from bench.measure import mib, ms, ratio
from bench.peer_jrnl import ADD_TEXT, PeerResult

TARGET_AT = 10_000
UNLOCK_TARGET_RATIO = 3.0
SEARCH_TARGET_S = 0.030
SAVE_TARGET_S = 0.020
PEER_WALL_TARGET = 1 / 3
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
        "### Where unlock time goes (medians)\n\n"
        f"{detail}\n\n"
        f"Matches per query at {results[-1].count:,} entries: {hits}.\n"
    )


def peer_table(result: PeerResult) -> str:
    rows = []
    for c in result.commands:
        wall = c.tend_wall_s / c.jrnl_wall_s
        rss = c.tend_rss_kib / c.jrnl_rss_kib
        rows.append(
            [
                f"{c.label}: `{c.tend_argv}` / `{c.jrnl_argv}`",
                ms(c.tend_wall_s),
                ms(c.jrnl_wall_s),
                f"{wall:.2f}",
                _verdict(wall <= PEER_WALL_TARGET),
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
            "Tend / jrnl (≤ 0.33)",
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
