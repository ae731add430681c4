"""Searching while typing: each query typed one key at a time, as the search field does.

At each size, every prefix of each query in ``TYPED`` is searched, the query's
keys in turn, in two ways that take turns key by key on the same warm journal:

- floor: ``Journal.search`` with no narrowing, a full scan at every key (what
  every key cost before the search narrowed);
- narrowing: one :class:`Narrowing` kept across the keys of a query, as the
  window's search worker keeps one.

It prints the median per key, the median and the slowest search after a query's
last key (what the person waits for once they stop typing), and the ratios.
Both give the same results at every key; that is checked as it goes.

    python -m bench.search_typing [COUNT ...]     (default: 10000 100000)
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import partial

from bench.measure import median, time_call
from bench.vaults import PASSPHRASE, ensure_vault
from journal_app.journal import Journal
from journal_app.journal.search import Narrowing

TYPED = ("quiet morning", "coffee garden", "咖啡", "creme brulee", "lighthouse", "zoe")
ROUNDS = 3


@dataclass
class Timings:
    per_key: list[float] = field(default_factory=list)
    last_key: list[float] = field(default_factory=list)


def type_queries(journal: Journal) -> tuple[Timings, Timings]:
    """The floor's timings and narrowing's, over ``ROUNDS`` rounds of ``TYPED``."""
    floor, narrowed = Timings(), Timings()
    for _ in range(ROUNDS):
        for query in TYPED:
            narrowing = Narrowing()
            for end in range(1, len(query) + 1):
                typed = query[:end]
                full_s, full = time_call(partial(journal.search, typed))
                kept_s, kept = time_call(partial(journal.search, typed, narrowing=narrowing))
                if kept != full:
                    raise AssertionError(f"narrowing found other entries for {typed!r}")
                floor.per_key.append(full_s)
                narrowed.per_key.append(kept_s)
            floor.last_key.append(full_s)
            narrowed.last_key.append(kept_s)
    return floor, narrowed


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f}"


def main(argv: list[str] | None = None) -> None:
    counts = [int(arg) for arg in (sys.argv[1:] if argv is None else argv)] or [10_000, 100_000]
    print("entries  way         per key ms  last key ms  slowest last key ms")
    for count in counts:
        journal = Journal.open(ensure_vault(count), PASSPHRASE)
        try:
            journal.warm_search()
            floor, narrowed = type_queries(journal)
        finally:
            journal.close()
        for name, timings in (("floor", floor), ("narrowing", narrowed)):
            print(
                f"{count:>7,}  {name:<10}  {ms(median(timings.per_key))}    "
                f"{ms(median(timings.last_key))}     {ms(max(timings.last_key))}"
            )
        print(
            f"{count:>7,}  ratio       "
            f"{median(narrowed.per_key) / median(floor.per_key):8.2f}    "
            f"{median(narrowed.last_key) / median(floor.last_key):8.2f}"
        )


if __name__ == "__main__":
    main()
