"""The one table of every target, at 1k, 10k and 100k entries, with its floor and ratio.

Each row is one target of the benchmark; each size's cell gives Tend's figure, the
floor measured in the same run and their ratio (or, against jrnl, the ratio of the
two programs' wall times). A row is met when every size measured meets it; a dash
means the figure is not measured at that size. The detailed tables after it say
how each figure was taken.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bench.cli_start import START_TARGET, CliStart
from bench.core import SizeResult
from bench.gui import STALL_SCENARIOS, GuiResult
from bench.measure import mib, ms
from bench.peer_jrnl import PeerResult
from bench.report import (
    GUI_STALL_TARGET_S,
    PEER_WALL_TARGETS,
    SAVE_TARGET_S,
    SEARCH_SHOWN_TARGET_S,
    SEARCH_TARGET_S,
    START_TARGET_RATIO,
)
from bench.transfer import (
    PDF_RSS_TARGET_KIB,
    PROGRESS_GAP_TARGET_S,
    STALL_TARGET_S,
    TransferResult,
)

SIZES = (1_000, 10_000, 100_000)
# Issue 12's targets at 100,000 entries: unlock − KDF against the floor, peak memory.
UNLOCK_TARGET_RATIO = 1.5
MEMORY_TARGET_KIB = 350 * 1024


@dataclass
class Row:
    measure: str
    target: str
    cells: dict[int, str] = field(default_factory=dict)
    met: list[bool] = field(default_factory=list)

    def add(self, count: int, text: str, met: bool) -> None:
        self.cells[count] = text
        self.met.append(met)

    def line(self, sizes: Sequence[int]) -> str:
        verdict = "—" if not self.met else ("yes" if all(self.met) else "**no**")
        cells = [self.cells.get(count, "—") for count in sizes]
        return "| " + " | ".join([self.measure, self.target, *cells, verdict]) + " |"


def _against(value: float, floor: float, show: Callable[[float], str]) -> str:
    ratio = f"{value / floor:.2f}×" if floor > 0 else "—"
    return f"{show(value)} / {show(floor)} = {ratio}"


def _core_rows(results: Sequence[SizeResult]) -> list[Row]:
    unlock = Row("unlock − KDF / floor read", f"≤ {UNLOCK_TARGET_RATIO}× at 100k")
    memory = Row("peak RSS, unlocked / floor", f"≤ {MEMORY_TARGET_KIB // 1024} MiB at 100k")
    searched = Row("peak RSS, after 20 searches", f"≤ {MEMORY_TARGET_KIB // 1024} MiB at 100k")
    search = Row("search, warm (median of 20 queries)", f"≤ {ms(SEARCH_TARGET_S)} at 10k")
    save = Row("save one entry, fsynced / WAL floor", f"≤ {ms(SAVE_TARGET_S)}")
    for r in results:
        big = r.count >= 100_000
        text = _against(r.unlock_minus_kdf_s, r.floor_read_s, ms)
        fast = r.unlock_minus_kdf_s <= UNLOCK_TARGET_RATIO * r.floor_read_s
        unlock.add(r.count, text, not big or fast)
        memory.add(
            r.count,
            _against(r.rss_load_kib, r.rss_floor_kib, mib),
            not big or r.rss_load_kib <= MEMORY_TARGET_KIB,
        )
        searched.add(
            r.count, mib(r.rss_search_kib), not big or r.rss_search_kib <= MEMORY_TARGET_KIB
        )
        quick = r.count != 10_000 or r.search_warm_s <= SEARCH_TARGET_S
        search.add(r.count, ms(r.search_warm_s), quick)
        save.add(r.count, _against(r.save_s, r.save_floor_s, ms), r.save_s <= SAVE_TARGET_S)
    return [unlock, memory, searched, search, save]


def _window_rows(gui: GuiResult | None) -> list[Row]:
    if gui is None:
        return []
    rows = {name: Row(f"longest GUI stall: {label}", "≤ 50 ms") for name, label in STALL_SCENARIOS}
    start = Row("start to unlock page / an empty window", f"≤ {START_TARGET_RATIO:.0f}×")
    tend_start, floor_start = gui.tend_start.total_s, gui.floor_start.total_s
    start.add(
        gui.count,
        _against(tend_start, floor_start, ms),
        tend_start <= START_TARGET_RATIO * floor_start,
    )
    shown = Row("search: last key to results shown", "≤ 100 ms")
    for stalls in gui.stalls:
        for name, value in stalls.stalls.items():
            ok = value <= GUI_STALL_TARGET_S
            rows[name].add(stalls.count, _against(value, stalls.idle_s, ms), ok)
        ok = stalls.search_shown_s <= SEARCH_SHOWN_TARGET_S
        shown.add(stalls.count, ms(stalls.search_shown_s), ok)
    return [start, *rows.values(), shown]


def _cli_rows(starts: Sequence[CliStart], peers: Sequence[PeerResult]) -> list[Row]:
    rows = []
    for start in starts:
        row = Row(f"`tend {start.label}` / `python -c pass`", f"≤ {START_TARGET:.0f}×")
        row.add(SIZES[0], _against(start.tend_s, start.floor_s, ms), start.ratio <= START_TARGET)
        rows.append(row)
    by_label: dict[str, Row] = {}
    for peer in peers:
        target = PEER_WALL_TARGETS.get(peer.count)
        for command in peer.commands:
            if command.label.startswith("add"):
                continue  # no target: jrnl rewrites its whole file, Tend one record
            row = by_label.setdefault(
                command.label,
                Row(f"`tend` {command.label} / jrnl", "≤ 1.0× at 1k, ≤ 0.5× at 10k"),
            )
            ratio = command.tend_wall_s / command.jrnl_wall_s
            text = f"{ms(command.tend_wall_s)} / {ms(command.jrnl_wall_s)} = {ratio:.2f}×"
            row.add(peer.count, text, target is None or ratio <= target)
    return [*rows, *by_label.values()]


def _transfer_rows(transfer: TransferResult | None) -> list[Row]:
    if transfer is None:
        return []
    rows = []
    n = transfer.count
    for export in transfer.exports:
        if export.unavailable:
            continue
        stall = Row(f"longest GUI stall: {export.fmt} export", "≤ 50 ms")
        ok = export.gap_s <= STALL_TARGET_S
        stall.add(n, _against(export.gap_s, transfer.idle_gap_s, ms), ok)
        progress = Row(f"{export.fmt} export: longest without progress", "≤ 1 s")
        ok = export.progress_gap_s <= PROGRESS_GAP_TARGET_S
        progress.add(n, ms(export.progress_gap_s), ok)
        rows += [stall, progress]
        if export.fmt.lower().startswith("pdf"):
            memory = Row("PDF export: peak RSS of the window", "≤ 400 MiB")
            memory.add(n, mib(export.rss_kib), export.rss_kib <= PDF_RSS_TARGET_KIB)
            rows.append(memory)
    if transfer.imported is not None:
        imported = transfer.imported
        row = Row("longest GUI stall: importing jrnl's export", "≤ 50 ms")
        row.add(
            n,
            _against(imported.window_gap_s, imported.idle_gap_s, ms),
            imported.window_gap_s <= STALL_TARGET_S,
        )
        rows.append(row)
    return rows


def summary_table(
    core: Sequence[SizeResult],
    *,
    gui: GuiResult | None = None,
    cli_starts: Sequence[CliStart] = (),
    peers: Sequence[PeerResult] = (),
    transfer: TransferResult | None = None,
) -> str:
    """Markdown: every target, a column per size, Tend / floor = ratio in each cell."""
    sizes = sorted({*SIZES, *(r.count for r in core)})
    rows = [
        *_core_rows(core),
        *_window_rows(gui),
        *_cli_rows(cli_starts, peers),
        *_transfer_rows(transfer),
    ]
    head = ["measure", "target", *(f"{count:,} entries" for count in sizes), "met"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += [row.line(sizes) for row in rows]
    return (
        "## Every target at a glance (medians; Tend / floor = ratio)\n\n"
        + "\n".join(lines)
        + "\n\nHow to read it: bench/README.md. The floors: unlock, raw sqlite3 + AES-GCM "
        "over the same rows; memory, a child holding every plaintext; a GUI stall, an "
        "idle window's longest; the command line, bare Python and jrnl 4.6.\n"
    )
