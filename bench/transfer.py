"""Export and import at 10k entries: wall time, throughput, and whether the window stalls.

Both run in child processes (bench/gui_child.py) with Tend's window on Qt's
offscreen platform, unlocked on the benchmark's 10k fast-KDF vault.

Export: every entry (``JournalService.select_entries(Selection())``, oldest first)
through ``service.transfer.export_entries`` as Markdown, JSON and PDF, as when the
window exports (Markdown and JSON on the service's worker thread; the PDF typeset and
painted on the GUI thread in short slices, then written by the worker), while a timer
ticks every 10 ms on the GUI thread and a progress bar in the status bar follows the
task. Wall time is from the call to the task's ``finished`` signal (median of 3; the
PDF once, then again, up to 3 runs, only while one more run still fits in
PDF_BUDGET_S in all).
"Longest stall" is the longest gap between two ticks from 100 ms before the call to
100 ms after the end, the worst over the runs; an idle window's longest gap (no
work) is shown for scale. Each export also gives the child's peak RSS while it ran
(the kernel's high-water mark, reset just before the call: /proc/self/clear_refs)
and the longest time the progress bar stood still, from the call to its first move,
between moves, and from its last move to the end. Floors: bench/transfer_floor.py,
in the same child. If ``journal_app.ui.services.pdf`` is missing or its export
fails, the PDF row says so.

Import: a jrnl JSON export of the same 10k synthetic entries, made by jrnl itself
(``jrnl --export json`` on the peer's journal, bench/peer_jrnl.py) and kept in
bench/results/peer/. With --no-peer, jrnl is neither installed nor run: an export
it made before is used if there is one, else the jrnl layout is written from the
synthetic entries directly (and the table says so). Timed: ``parse(path, "jrnl")``
then ``run_import`` into a fresh fast-KDF vault (median of 3, a new vault each
time). Then the same through the window: ``preview_import`` then ``import_entries``
on the service's worker, into an unlocked, empty journal, until the list shows
every entry, with the ticking timer.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.gui import GUI_SIZE, gui_child
from bench.measure import median
from bench.peer_jrnl import JrnlSetup, PeerUnavailable, ensure_jrnl
from bench.synthetic import GENERATOR_VERSION, SEED, Generator
from bench.vaults import RESULTS, ensure_vault, remove_vault, scratch_copy

PDF_BUDGET_S = 30.0
STALL_TARGET_S = 0.050
PDF_RSS_TARGET_KIB = 400 * 1024
PROGRESS_GAP_TARGET_S = 1.0


@dataclass
class ExportRow:
    fmt: str
    runs: int = 0
    wall_s: float = 0.0
    gap_s: float = 0.0
    size_bytes: int = 0
    pages: int = 0
    floor_s: float = 0.0
    floor_bytes: int = 0
    floor_pages: int = 0
    unavailable: str = ""
    rss_kib: int = 0  # the child's peak RSS during the export (the largest over the runs)
    rss_before_kib: int = 0  # its RSS when the export began (the window, unlocked)
    progress_gap_s: float = 0.0  # the longest the progress bar stood still


@dataclass
class ImportResult:
    source: str  # how the jrnl export was made
    source_bytes: int
    runs: int
    parse_s: float
    import_s: float
    floor_s: float
    window_wall_s: float
    window_preview_s: float
    window_import_s: float
    window_listed_s: float
    window_gap_s: float
    idle_gap_s: float
    rss_kib: int

    @property
    def total_s(self) -> float:
        return self.parse_s + self.import_s


@dataclass
class TransferResult:
    count: int
    exports: list[ExportRow]
    idle_gap_s: float
    export_rss_kib: int
    imported: ImportResult | None
    import_problem: str = ""


# ------------------------------------------------------------------ the jrnl export


def _cached_jrnl_exports(count: int) -> list[Path]:
    pattern = f"jrnl*-g{GENERATOR_VERSION}-s{SEED}-{count}/export.json"
    return sorted((RESULTS / "peer").glob(pattern))


def _synthetic_jrnl_layout(count: int) -> Path:
    """The jrnl export layout written straight from the synthetic entries."""
    path = RESULTS / f"jrnl-layout-synthetic-g{GENERATOR_VERSION}-s{SEED}-{count}.json"
    if path.exists():
        return path
    entries = []
    tags: dict[str, int] = {}
    for item in Generator().entries(count):
        marks = [f"@{tag}" for tag in item.tags]
        for mark in marks:
            tags[mark] = tags.get(mark, 0) + 1
        title = item.title or item.body.split("\n", 1)[0]
        body = item.body if item.title else item.body.partition("\n")[2].lstrip("\n")
        if marks:
            body = f"{body}\n{' '.join(marks)}"
        entries.append(
            {
                "title": title,
                "body": body,
                "date": item.created.strftime("%Y-%m-%d"),
                "time": item.created.strftime("%H:%M"),
                "tags": marks,
                "starred": False,
            }
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".tmp")
    temp.write_text(json.dumps({"tags": tags, "entries": entries}, ensure_ascii=False, indent=1))
    temp.replace(path)
    return path


def jrnl_export(count: int, log: Callable[[str], None], *, run_jrnl: bool) -> tuple[Path, str]:
    """A jrnl JSON export of the synthetic journal, and a sentence on where it came from."""
    if run_jrnl:
        try:
            version = ensure_jrnl(log)
            setup = JrnlSetup(count, version)
            setup.ensure(log)
            target = setup.root / "export.json"
            if not target.exists():
                log(f"  making a jrnl JSON export of {count:,} entries ('jrnl --export json')")
                setup.fresh_copy()  # the comparison's adds are not part of the journal
                run = setup.run("--export", "json")
                if run.returncode != 0:
                    raise PeerUnavailable(f"'jrnl --export json' failed: {run.stderr[-300:]}")
                found = len(json.loads(run.stdout)["entries"])
                if found != count:
                    raise PeerUnavailable(f"jrnl exported {found} entries, not {count}")
                temp = target.with_suffix(".tmp")
                temp.write_text(run.stdout, encoding="utf-8")
                temp.replace(target)
            return target, f"made by jrnl {version} (`jrnl --export json`)"
        except (PeerUnavailable, OSError, ValueError, KeyError) as exc:
            reason = f"jrnl could not make it ({exc})"
    else:
        cached = _cached_jrnl_exports(count)
        if cached:
            made_by = cached[-1].parent.name.split("-", 1)[0].replace("jrnl", "jrnl ")
            return cached[-1], f"made earlier by {made_by} (`jrnl --export json`)"
        reason = "--no-peer, and jrnl has not made one here before"
    log(f"  jrnl export: writing jrnl's layout from the synthetic entries ({reason})")
    return _synthetic_jrnl_layout(count), (
        f"jrnl's layout written from the synthetic entries, not by jrnl: {reason}"
    )


# ------------------------------------------------------------------ measuring


def _export_rows(data: dict[str, Any]) -> list[ExportRow]:
    rows = []
    for fmt in ("md", "json", "pdf"):
        info = data["formats"][fmt]
        runs = info["runs"]
        row = ExportRow(fmt, unavailable=info.get("unavailable", ""))
        if runs:
            row.runs = len(runs)
            row.wall_s = median([r["wall_s"] for r in runs])
            row.gap_s = max(r["gap_s"] for r in runs)
            row.size_bytes = round(median([r["bytes"] for r in runs]))
            row.pages = round(median([r.get("pages", 0) for r in runs]))
            row.rss_kib = max(r["rss_kib"] for r in runs)
            row.rss_before_kib = min(r["rss_before_kib"] for r in runs)
            row.progress_gap_s = max(r["progress_gap_s"] for r in runs)
        floors = data["floors"].get(fmt, [])
        if floors:
            row.floor_s = median([f["s"] for f in floors])
            row.floor_bytes = round(median([f["bytes"] for f in floors]))
            row.floor_pages = round(median([f.get("pages", 0) for f in floors]))
        rows.append(row)
    return rows


def measure(log: Callable[[str], None], *, run_jrnl: bool, count: int = GUI_SIZE) -> TransferResult:
    RESULTS.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".scratch-transfer-", dir=RESULTS))
    # A copy: Tend's window opens it, and may write to it.
    path = scratch_copy(ensure_vault(count, log=log), f".scratch-transfer-{count}.tend")
    try:
        log(f"  export of {count:,} entries: Markdown and JSON x3, PDF (child process)")
        run, data = gui_child(["export", str(path), str(count), str(scratch), str(PDF_BUDGET_S)])
        result = TransferResult(
            count=count,
            exports=_export_rows(data),
            idle_gap_s=data["idle_gap_s"],
            export_rss_kib=run.peak_rss_kib,
            imported=None,
        )
        source, how = jrnl_export(count, log, run_jrnl=run_jrnl)
        log(f"  import of {count:,} jrnl entries x3, then through the window (child process)")
        run, data = gui_child(["import", str(source), str(count), str(scratch)])
        window = data["window"]
        result.imported = ImportResult(
            source=how,
            source_bytes=source.stat().st_size,
            runs=len(data["runs"]),
            parse_s=median([r["parse_s"] for r in data["runs"]]),
            import_s=median([r["import_s"] for r in data["runs"]]),
            floor_s=median(data["floors"]),
            window_wall_s=window["wall_s"],
            window_preview_s=window["preview_s"],
            window_import_s=window["import_s"],
            window_listed_s=window["listed_s"],
            window_gap_s=window["gap_s"],
            idle_gap_s=data["idle_gap_s"],
            rss_kib=run.peak_rss_kib,
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        remove_vault(path)
    return result


__all__ = [
    "PDF_RSS_TARGET_KIB",
    "PROGRESS_GAP_TARGET_S",
    "STALL_TARGET_S",
    "TransferResult",
    "jrnl_export",
    "measure",
]
