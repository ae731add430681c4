"""What a child process does while its peak memory is measured.

``python -m bench.child load PATH``: open the vault, unlock it and load the journal
(every entry decrypted and parsed), as Tend does on unlock. ``load-search PATH``
then also runs every benchmark query, so the search cache is built. ``floor PATH``
does the floor's read (see bench/floor.py). ``idle``: the interpreter alone.

The passphrase comes from BENCH_PASSPHRASE; the floor's data key and vault id come
from BENCH_KEY and BENCH_VAULT_ID (hex). Each child prints how many records it
holds at the end, which the parent checks.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    task = argv[0]
    if task == "idle":
        print(0)
        return 0
    path = Path(argv[1])
    if task == "floor":
        from bench.floor import read_and_decrypt

        records = read_and_decrypt(
            path,
            bytes.fromhex(os.environ["BENCH_KEY"]),
            bytes.fromhex(os.environ["BENCH_VAULT_ID"]),
        )
        print(len(records))
        return 0
    from journal_app.journal import Journal

    journal = Journal.open(path, os.environ["BENCH_PASSPHRASE"])
    if task == "load-search":
        from bench.synthetic import QUERIES

        for query in QUERIES:
            journal.search(query)
    elif task != "load":
        raise SystemExit(f"unknown task {task}")
    print(len(journal))
    journal.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
