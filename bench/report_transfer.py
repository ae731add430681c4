"""The Markdown of the export and import tables (bench/transfer.py's figures)."""

from __future__ import annotations

from bench.measure import mib, ms, ratio
from bench.report import _table, _verdict
from bench.transfer import (
    PDF_RSS_TARGET_KIB,
    PROGRESS_GAP_TARGET_S,
    STALL_TARGET_S,
    TransferResult,
)


def _throughput(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}/s" if seconds > 0 else "—"


def _megabytes(size: int) -> str:
    return f"{size / 1e6:,.1f} MB"


def _export_memory_table(result: TransferResult) -> str:
    """Each export's peak memory and the longest its progress bar stood still."""
    names = {"md": "Markdown", "json": "JSON", "pdf": "PDF"}
    rows = []
    for row in result.exports:
        if row.unavailable or not row.runs:
            continue
        rss_target = f"≤ {mib(PDF_RSS_TARGET_KIB)}" if row.fmt == "pdf" else ""
        rows.append(
            [
                f"export {names[row.fmt]}",
                mib(row.rss_before_kib),
                mib(row.rss_kib),
                rss_target,
                _verdict(row.rss_kib <= PDF_RSS_TARGET_KIB) if rss_target else "",
                ms(row.progress_gap_s),
                f"≤ {ms(PROGRESS_GAP_TARGET_S)}",
                _verdict(row.progress_gap_s <= PROGRESS_GAP_TARGET_S),
            ]
        )
    return _table(
        [
            "export",
            "RSS at the call",
            "peak RSS",
            "target",
            "met",
            "progress still, longest",
            "target",
            "met",
        ],
        "lrrrlrrl",
        rows,
    )


def transfer_tables(result: TransferResult) -> str:
    names = {"md": "Markdown", "json": "JSON", "pdf": "PDF"}
    n = result.count
    rows = []
    stall_rows = [["idle window, no work (for scale)", "—", ms(result.idle_gap_s), "", ""]]
    for row in result.exports:
        label = f"export {names[row.fmt]}"
        if row.unavailable:
            rows.append([label, f"not available ({row.unavailable})", "", "", "", "", ""])
            stall_rows.append([label, "not available", "", "", ""])
            continue
        what = _megabytes(row.size_bytes)
        floor_what = _megabytes(row.floor_bytes)
        if row.fmt == "pdf":
            what += f", {row.pages:,} pages"
            floor_what += f", {row.floor_pages:,} pages"
        rows.append(
            [
                f"{label} ({what}; runs: {row.runs})",
                ms(row.wall_s),
                _throughput(n, row.wall_s),
                ms(row.floor_s) if row.floor_s else "—",
                floor_what if row.floor_s else "—",
                ratio(row.wall_s, row.floor_s) if row.floor_s else "—",
                "",
            ]
        )
        stall_rows.append(
            [
                f"{label} via `TransferService.export_entries`",
                ms(row.wall_s),
                ms(row.gap_s),
                f"≤ {STALL_TARGET_S * 1000:g} ms",
                _verdict(row.gap_s <= STALL_TARGET_S),
            ]
        )
    imp = result.imported
    if imp is not None:
        rows.append(
            [
                f"import jrnl export: parse + run_import (runs: {imp.runs})",
                ms(imp.total_s),
                _throughput(n, imp.total_s),
                ms(imp.floor_s),
                "",
                ratio(imp.total_s, imp.floor_s),
                "",
            ]
        )
        stall_rows.append(
            [
                "import via `preview_import` + `import_entries`, until the list shows all",
                ms(imp.window_wall_s),
                ms(imp.window_gap_s),
                f"≤ {STALL_TARGET_S * 1000:g} ms",
                _verdict(imp.window_gap_s <= STALL_TARGET_S),
            ]
        )
    main = _table(
        ["work", "Tend", "entries/s", "floor", "floor wrote", "Tend / floor", ""],
        "lrrrrrl",
        rows,
    )
    stalls = _table(
        ["work, while the window runs", "wall", "longest stall", "target", "met"],
        "lrrll",
        stall_rows,
    )
    notes = [
        f"Export child's peak RSS (window unlocked, then every export): "
        f"{mib(result.export_rss_kib)}."
    ]
    if imp is not None:
        notes.append(
            f"The jrnl export ({_megabytes(imp.source_bytes)}) was {imp.source}. Import "
            f"split: parse {ms(imp.parse_s)}, run_import {ms(imp.import_s)}; through the "
            f"window: preview {ms(imp.window_preview_s)}, import "
            f"{ms(imp.window_import_s)}, list refreshed {ms(imp.window_listed_s)} later. "
            f"Import child's peak RSS: {mib(imp.rss_kib)}."
        )
    elif result.import_problem:
        notes.append(f"Import not measured: {result.import_problem}.")
    return (
        f"## Export and import, {n:,} entries (medians)\n\n"
        f"{main}\n\n"
        "Floors (bench/transfer_floor.py): the same fields formatted with one f-string "
        "or one `json.dumps` and written durably; for the PDF, Qt laying out and "
        "painting the same text plain, unstyled; for the import, `json.loads`, then each "
        "entry's JSON sealed with AES-GCM and inserted by sqlite3 in one transaction.\n\n"
        "### Does the window stay responsive? (a 10 ms timer on the GUI thread)\n\n"
        f"{stalls}\n\n"
        "Longest stall: the longest gap between ticks, from 100 ms before the call to "
        "100 ms after the task ended (worst over the runs). " + " ".join(notes) + "\n\n"
        "### Memory and progress while exporting\n\n"
        f"{_export_memory_table(result)}\n\n"
        "Peak RSS: the export child's high-water mark from the call to the end (reset "
        "just before the call; the largest over the runs), beside its RSS at the call "
        "(the window unlocked on every entry). Progress still: the longest time the "
        "progress bar did not move, from the call to its first move, between moves, and "
        "from its last move to the end (the longest over the runs).\n"
    )
