"""Tend's benchmark: ``python -m bench`` prints Markdown tables; progress goes to stderr.

Run from the project root, in the environment where Tend is installed::

    python -m bench                  # 1k, 10k and 100k entries, then jrnl (a few minutes)
    python -m bench --quick          # 1k and 10k only (under a minute once built)
    python -m bench --sizes 5000 --no-peer --repeat 3

Then, unless --no-gui or --no-transfer, the window and export/import at 10k
entries (about two minutes more, most of it the PDF export).

Vaults of synthetic entries (~1.5 KB each: English with some accented words, names
and Chinese; bench/synthetic.py) are built with ``Vault.put_many`` and a fast KDF,
and cached in bench/results/ (delete it to rebuild). The first run with the peer
installs jrnl into bench/.peer-venv with pip.

Table "Tend against the floor" (every number a median; the floor is measured in the
same run on the same file):

- unlock − KDF: ``Vault.open`` + ``unlock`` + ``Journal(vault)`` (every record read,
  decrypted and parsed into entries) minus the key derivation timed alone with the
  vault's own parameters. Floor: stdlib sqlite3 selecting the same rows plus
  AES-GCM opening each with the same key (bench/floor.py). Target at 10k: ≤ 3×
  the floor.
- search, first after unlock: the first query on a freshly loaded journal, which
  also folds every entry (case, accents, width) and caches that. Target ≤ 30 ms.
- search, warm: the median over 20 queries (common words, rare names, accented
  words typed without accents, Chinese, two words), each the median of 3 repeats
  (1 at 100k and above). Target ≤ 30 ms.
- save one entry: ``Journal.add`` of a ~1.5 KB entry, one committed, fsynced SQLite
  transaction each, median of 60 on a scratch copy of the vault. Floor: the WAL
  floor of "What a save costs" below. Target ≤ 20 ms.
- peak RSS: the peak resident set size (``ru_maxrss``, KiB on Linux, shown in MiB)
  of a fresh child process that unlocks and loads the journal, and of one that
  also runs the 20 queries; floor: a child doing the floor's read, which holds
  every plaintext. An idle interpreter's peak is printed for scale.

"Where unlock time goes" splits one unlock: ``Vault.open``, ``unlock`` (KDF
included), ``Journal(vault)``, a separate ``vault.read_all()`` (SQLAlchemy select and
decrypt) and the rest of the load (JSON and dates into entries), plus the slowest
warm query and the size of one sealed entry.

Table "What a save costs" (bench/core.py, bench/floor.py), at every size: four
writers take turns, 60 saves each after 2 untimed, each on its own scratch copy of
the vault (Tend first in each round, the three floors after it in an order that
rotates), so that the disk's moods hit all alike; every figure is a median and is
also shown as a ratio to the WAL floor of the same run:

- Tend's save: ``Journal.add`` of a ~1.5 KB entry: the entry, its manifest bucket
  and the manifest root sealed and upserted in one transaction, with a stat of the
  file before (was it replaced?) and after.
- floor, WAL: raw sqlite3 inserts one row of random bytes the size of that save's
  sealed entry, one transaction each, ``journal_mode=WAL`` and ``synchronous=FULL``
  (Tend's mode before vault format 2).
- floor, one file: the same insert in Tend's mode since format 2: a rollback
  journal, ``locking_mode=EXCLUSIVE``, ``journal_mode=DELETE``,
  ``journal_size_limit=0``, ``synchronous=FULL``, ``secure_delete=ON``. Its ratio
  to the WAL floor is the cost of keeping the vault's one file complete after
  every save (a sync tool or a copy of that file alone carries every save).
- floor, one file + manifest I/O: the same transaction also upserts, over the rows
  there, the entry's bucket and the root at the sealed sizes Tend wrote for them in
  that round. Its difference to the previous floor is the manifest's I/O.
- manifest CPU: ``Manifest.changed`` + ``Manifest.sealed_rows`` for one new record
  on the cached vault's real manifest, in this process, median of 300.

Rows starting with "=" are differences of those medians: one file − WAL; the
manifest's I/O, and its I/O + CPU (its whole cost per save); and the rest of Tend's
save (Tend − the manifest floor − manifest CPU: SQLAlchemy, sealing the entry, its
JSON, the file check). The last row gives the sealed sizes Tend wrote (medians):
the entry, the bucket (~53 bytes per record in it) and the root (13 bytes per
bucket).

Table "Tend and jrnl": whole processes on the same 1k and then 10k entries, each
command run in turn with the other (one warm-up pair, then median of 7 by default;
--quick: median of 3, no warm-up): wall time from spawn to exit and peak RSS. Tend's
vault here uses its default KDF (64 MiB, 3 passes, 4 lanes), which every command
pays; both programs run from a bytecode cache. Targets: list and search at most
jrnl's wall time at 1k and half of it at 10k, and at most half of its peak memory.
How jrnl is installed, configured and encrypted is in bench/peer_jrnl.py; if that
fails the table is replaced by one line saying why. ``tend --version`` and
``tend --help`` are timed against ``python -c pass`` the same way
(bench/cli_start.py; target ≤ 3×).

The first table, "Every target at a glance" (bench/summary.py), gathers every
target below into one row each, a column per journal size, each cell Tend's
figure, its floor and their ratio; bench/README.md says how to read it.

Table "Tend's window" (bench/gui.py; --no-gui skips it), at 10k entries, every
number from fresh child processes on Qt's offscreen platform:

- start to unlock window shown: wall from spawning a ``python -c`` child to the
  first event-loop turn after Tend's window is shown on its unlock page (started by
  ``journal_app.ui.window.app.run`` on an existing vault), median of 7. Floor: the same for
  an empty ``QMainWindow``, taking turns. Target ≤ 2× the floor. "Where start-up time
  goes" splits it: spawn to Python running the child's code, imports, then the
  application and window up to the first turn.
- unlock to a full list: from submitting the passphrase on the unlock page to the
  journal view's list model holding every entry (the view is imported and built
  by that first unlock, as for a person), median of 5. Floor: bench/floor.py's
  read. "Where unlock-to-list time goes" splits it (the KDF is timed alone).
- peak RSS, unlocked, list shown, one entry open: the same children, which then
  open the newest entry and paint the window. Target ≤ 250 MB. Floor: the empty
  window's child.
- longest stall, at each size of --sizes (1k, 10k, 100k): the longest gap between
  the ticks of a 10 ms timer on the GUI thread, minus the tick, median of 3 fresh
  children, while: unlocking (submit to the list shown); opening an entry from
  the list; typing in an entry with the editor's own autosave; typing a 2-word
  search one key every 120 ms; the same autosave while a search is shown;
  clearing the search with Escape; moving an entry to the trash (bench/gui.py
  says exactly what each does). Target ≤ 50 ms (issue 12). Floor: an idle
  window's longest stall.
- search, last key to results shown: from the search's last key to the list
  showing its results, same children. Target ≤ 100 ms.

Table "Export and import" (bench/transfer.py; --no-transfer skips it), at 10k:
Markdown, JSON and PDF exports of every entry through ``TransferService.export_entries``
(its worker thread), median of 3 (PDF: 1 to 3 runs, as many as fit in 30 s), with entries/s
and floors (bench/transfer_floor.py); a jrnl JSON export made by jrnl itself (or,
with --no-peer and none made before, jrnl's layout written from the synthetic
entries: the table says which) imported with ``parse`` + ``run_import`` into fresh
fast-KDF vaults, median of 3. "Does the window stay responsive?" gives, for each,
the longest gap between the ticks of a 10 ms timer on the GUI thread while the work
ran off it (the import through ``preview_import`` + ``import_entries`` into an open
window, until its list shows every entry). Target: no stall over 50 ms.
"Memory and progress while exporting": each export's peak RSS (the child's high-water
mark, reset at the call) and the longest its progress bar stood still. Targets: the
PDF of 10k entries under 400 MiB, and progress moving at least once a second.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from bench import cli_start, core, report, report_transfer
from bench.measure import mib
from bench.peer_jrnl import PeerResult
from bench.summary import summary_table

DEFAULT_SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (1_000, 10_000)
PEER_SIZES = (1_000, 10_000)


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of sizes: {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive whole numbers")
    return sizes


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="Tend's benchmark; prints Markdown tables."
    )
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=list(DEFAULT_SIZES),
        help="journal sizes, comma-separated (default 1000,10000,100000)",
    )
    parser.add_argument("--quick", action="store_true", help="only 1000 and 10000 entries")
    parser.add_argument("--no-peer", action="store_true", help="skip the jrnl comparison")
    parser.add_argument(
        "--no-gui", action="store_true", help="skip the window (start, unlock, memory)"
    )
    parser.add_argument(
        "--no-transfer", action="store_true", help="skip export and import at 10k entries"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        metavar="N",
        help="runs per median (default 5, 3 at 100k and above or with --quick; memory 3, "
        "1 at 100k or with --quick; jrnl 7, 3 with --quick)",
    )
    return parser


def _repeats(count: int, args: argparse.Namespace) -> tuple[int, int]:
    """Runs for the timing medians and for the peak-memory medians at one size."""
    if args.repeat is not None:
        return args.repeat, args.repeat
    large = count >= 100_000
    return (3 if large or args.quick else 5), (1 if large or args.quick else 3)


_STARTED = time.perf_counter()


def _log(message: str) -> None:
    print(f"[{time.perf_counter() - _STARTED:6.1f} s] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    sizes = list(QUICK_SIZES) if args.quick else sorted(set(args.sizes))
    if args.repeat is not None and args.repeat < 1:
        raise SystemExit("--repeat must be at least 1")
    started = time.perf_counter()
    load_at_start = os.getloadavg()[0]

    results = []
    for count in sizes:
        repeat, memory_repeat = _repeats(count, args)
        _log(f"{count:,} entries:")
        results.append(core.measure_size(count, repeat, _log, memory_repeat))
    idle_kib = core.idle_python_rss_kib()

    cli_starts = cli_start.measure(args.repeat or 9)
    peers: list[PeerResult] = []
    peer_text = ""
    if not args.no_peer:
        from bench.peer_jrnl import PeerUnavailable, compare

        runs = args.repeat if args.repeat is not None else (3 if args.quick else 7)
        try:
            for count in PEER_SIZES:
                _log(f"jrnl comparison at {count:,} entries:")
                peers.append(compare(count, runs, _log, warmup=not args.quick))
            peer_text = "\n".join(report.peer_table(peer) for peer in peers)
        except (PeerUnavailable, OSError) as exc:
            peer_text = f"## Tend and jrnl\n\nSkipped: jrnl could not be used here ({exc}).\n"

    gui_result = None
    gui_text = ""
    if not args.no_gui:
        from bench import gui

        _log(f"window at {gui.GUI_SIZE:,} entries:")
        try:
            gui_runs = {}
            if args.repeat is not None:
                gui_runs = {
                    "start_runs": args.repeat,
                    "unlock_runs": args.repeat,
                    "stall_runs": args.repeat,
                }
            gui_result = gui.measure(_log, stall_sizes=sizes, **gui_runs)
            gui_text = report.gui_tables(gui_result)
        except (gui.GuiChildFailed, OSError) as exc:
            gui_text = f"## Tend's window\n\nNot measured: {exc}\n"

    transfer_result = None
    transfer_text = ""
    if not args.no_transfer:
        from bench import gui, transfer

        _log(f"export and import at {gui.GUI_SIZE:,} entries:")
        try:
            transfer_result = transfer.measure(_log, run_jrnl=not args.no_peer)
            transfer_text = report_transfer.transfer_tables(transfer_result)
        except (gui.GuiChildFailed, OSError) as exc:
            transfer_text = f"## Export and import\n\nNot measured: {exc}\n"

    print("# Tend benchmark\n")
    print(f"Environment: {report.environment(load_at_start)}.\n")
    print(
        "Entries: synthetic, ~1.5 KB each; benchmark vaults use a fast KDF "
        "(Argon2id 64 KiB, 1 pass, 1 lane). An idle Python's peak RSS here: "
        f"{mib(idle_kib)}. Columns are explained in bench/__main__.py.\n"
    )
    print(
        summary_table(
            results,
            gui=gui_result,
            cli_starts=cli_starts,
            peers=peers,
            transfer=transfer_result,
        )
    )
    print(report.core_tables(results))
    if peer_text:
        print(peer_text)
    if gui_text:
        print(gui_text)
    if transfer_text:
        print(transfer_text)
    print(f"Total benchmark time: {time.perf_counter() - started:,.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
