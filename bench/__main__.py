"""Tend's benchmark: ``python -m bench`` prints Markdown tables; progress goes to stderr.

Run from the project root, in the environment where Tend is installed::

    python -m bench                  # 1k, 10k and 100k entries, then jrnl (a few minutes)
    python -m bench --quick          # 1k and 10k only (under a minute once built)
    python -m bench --sizes 5000 --no-peer --repeat 3

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
  transaction each, median of 20 on a scratch copy of the vault. Floor: raw sqlite3
  INSERT of a blob of the same sealed size, one transaction each, WAL and
  ``synchronous=FULL``, on another scratch copy, taking turns with Tend's saves.
  Target ≤ 20 ms.
- peak RSS: the peak resident set size (``ru_maxrss``, KiB on Linux, shown in MiB)
  of a fresh child process that unlocks and loads the journal, and of one that
  also runs the 20 queries; floor: a child doing the floor's read, which holds
  every plaintext. An idle interpreter's peak is printed for scale.

"Where unlock time goes" splits one unlock: ``Vault.open``, ``unlock`` (KDF
included), ``Journal(vault)``, a separate ``vault.read_all()`` (SQLAlchemy select and
decrypt) and the rest of the load (JSON and dates into entries), plus the slowest
warm query and the size of one sealed entry.

Table "Tend and jrnl": whole processes on the same 10k entries, each command run in
turn with the other (one warm-up pair, then median of 7 by default; --quick:
median of 3, no warm-up): wall time from
spawn to exit and peak RSS. Tend's vault here uses its default KDF (64 MiB, 3 passes,
4 lanes), which every command pays. Targets: Tend ≤ 1/3 of jrnl's wall time and
≤ 1/2 of its peak memory. How jrnl is installed, configured and encrypted is in
bench/peer_jrnl.py; if that fails the table is replaced by one line saying why.

Not measured here: start to first window (DESIGN.md), left until the window settles.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from bench import core, report
from bench.measure import mib

DEFAULT_SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (1_000, 10_000)
PEER_SIZE = 10_000


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

    peer_text = ""
    if not args.no_peer:
        from bench.peer_jrnl import PeerUnavailable, compare

        runs = args.repeat if args.repeat is not None else (3 if args.quick else 7)
        _log(f"jrnl comparison at {PEER_SIZE:,} entries:")
        try:
            result = compare(PEER_SIZE, runs, _log, warmup=not args.quick)
            peer_text = report.peer_table(result)
        except (PeerUnavailable, OSError) as exc:
            peer_text = f"## Tend and jrnl\n\nSkipped: jrnl could not be used here ({exc}).\n"

    print("# Tend benchmark\n")
    print(f"Environment: {report.environment(load_at_start)}.\n")
    print(
        "Entries: synthetic, ~1.5 KB each; benchmark vaults use a fast KDF "
        "(Argon2id 64 KiB, 1 pass, 1 lane). An idle Python's peak RSS here: "
        f"{mib(idle_kib)}. Columns are explained in bench/__main__.py.\n"
    )
    print(report.core_tables(results))
    if peer_text:
        print(peer_text)
    print(f"Total benchmark time: {time.perf_counter() - started:,.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
