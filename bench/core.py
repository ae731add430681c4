"""Tend's own numbers for one journal size, each beside its floor from the same run.

Unlock minus KDF: each run times ``Vault.open`` + ``unlock`` + ``Journal(vault)``
(which decrypts and parses every record) end to end, in this process, on a warm
page cache; the KDF alone (``derive_passphrase_key`` with the vault's own header
parameters) is timed in the same run, and the median of the KDF is subtracted from
the median of the whole. The benchmark vaults use a 64 KiB, 1-pass KDF, so the
subtraction removes well under a millisecond: what is left is honest work Tend does
besides deriving the key. Runs alternate Tend, the KDF and the floor, so drift in
the machine hits all three alike.

Search: "first" is the first query on a freshly loaded journal (it folds every
entry for comparison and caches that); "warm" is the median over the 20 queries,
each the median of a few repeats, once the cache is built.

Save: ``Journal.add`` of a new ~1.5 KB entry, each a committed, fsynced SQLite
transaction, on a scratch copy of the vault; the floor inserts a blob of the same
sealed size into another scratch copy with raw sqlite3, taking turns with Tend.

Memory: peak RSS of a fresh child process that loads the journal (and, for the
second figure, also runs the 20 queries), against a child doing the floor's read.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from dataclasses import dataclass, field

from bench import floor
from bench.measure import median, python_child, time_call
from bench.synthetic import QUERIES, new_entry_text
from bench.vaults import PASSPHRASE, ensure_vault, remove_vault, scratch_copy
from journal_app.journal import Journal
from journal_app.journal.entry import Entry
from journal_app.vault import Vault, crypto

SAVES = 20


@dataclass
class SizeResult:
    count: int
    file_bytes: int = 0
    runs: int = 0
    kdf_s: float = 0.0
    open_s: float = 0.0
    unlock_s: float = 0.0
    load_s: float = 0.0
    read_all_s: float = 0.0
    total_s: float = 0.0
    floor_read_s: float = 0.0
    search_first_s: float = 0.0
    search_warm_s: float = 0.0
    search_slowest_s: float = 0.0
    search_slowest_query: str = ""
    search_hits: dict[str, int] = field(default_factory=dict)
    save_s: float = 0.0
    save_floor_s: float = 0.0
    blob_bytes: int = 0
    rss_load_kib: float = 0.0
    rss_search_kib: float = 0.0
    rss_floor_kib: float = 0.0

    @property
    def unlock_minus_kdf_s(self) -> float:
        return self.total_s - self.kdf_s


def _open_journal(path: os.PathLike[str]) -> tuple[Journal, tuple[float, float, float]]:
    t_open, vault = time_call(lambda: Vault.open(path))
    assert isinstance(vault, Vault)
    t_unlock, _ = time_call(lambda: vault.unlock(PASSPHRASE))
    t_load, journal = time_call(lambda: Journal(vault))
    assert isinstance(journal, Journal)
    return journal, (t_open, t_unlock, t_load)


def measure_size(
    count: int, repeat: int, log: Callable[[str], None], memory_repeat: int
) -> SizeResult:
    path = ensure_vault(count, log=log)
    result = SizeResult(count, file_bytes=path.stat().st_size, runs=repeat)

    with Vault.open(path) as vault:
        vault.unlock(PASSPHRASE)
        assert vault._key is not None
        key, vault_id, params = bytes(vault._key), vault.vault_id, vault.kdf_params
        assert vault.count() == count

    # Warm the page cache and the imports once, untimed.
    warm, _ = _open_journal(path)
    assert len(warm) == count
    warm.close()
    assert len(floor.read_and_decrypt(path, key, vault_id)) == count

    log(f"  {count:,}: unlock and first search x{repeat}")
    kdf, totals, opens, unlocks, loads, read_alls, firsts, floors = ([] for _ in range(8))
    for _ in range(repeat):
        t_kdf, _ = time_call(lambda: crypto.derive_passphrase_key(PASSPHRASE, params))
        kdf.append(t_kdf)
        gc.collect()
        run_journal, (t_open, t_unlock, t_load) = _open_journal(path)
        opens.append(t_open)
        unlocks.append(t_unlock)
        loads.append(t_load)
        totals.append(t_open + t_unlock + t_load)
        t_first, _ = time_call(lambda j=run_journal: j.search(QUERIES[0]))
        firsts.append(t_first)
        t_read_all, _ = time_call(run_journal.vault.read_all)
        read_alls.append(t_read_all)
        run_journal.close()  # the vault holds SQLite's exclusive lock until closed
        gc.collect()
        t_floor, plain = time_call(lambda: floor.read_and_decrypt(path, key, vault_id))
        assert isinstance(plain, list) and len(plain) == count
        del plain
        floors.append(t_floor)
    result.kdf_s = median(kdf)
    result.total_s = median(totals)
    result.open_s = median(opens)
    result.unlock_s = median(unlocks)
    result.load_s = median(loads)
    result.read_all_s = median(read_alls)
    result.search_first_s = median(firsts)
    result.floor_read_s = median(floors)

    log(f"  {count:,}: warm search")
    journal, _ = _open_journal(path)
    journal.search(QUERIES[0])  # builds the fold cache; timed above as "first"
    repeats = 3 if count <= 10_000 else 1
    per_query = {}
    for query in QUERIES:
        samples = []
        hits: object = None
        for _ in range(repeats):
            elapsed, hits = time_call(lambda q=query, j=journal: j.search(q))
            samples.append(elapsed)
        assert isinstance(hits, list) and hits, f"query {query!r} found nothing"
        result.search_hits[query] = len(hits)
        per_query[query] = median(samples)
    result.search_warm_s = median(list(per_query.values()))
    result.search_slowest_query = max(per_query, key=per_query.__getitem__)
    result.search_slowest_s = per_query[result.search_slowest_query]
    journal.close()
    gc.collect()

    log(f"  {count:,}: save x{SAVES}")
    # Tend and the floor take turns, each on its own scratch copy of the vault, so
    # that the disk's moods (fsync times vary a lot on shared machines) hit both.
    texts = [new_entry_text(i) for i in range(SAVES + 2)]
    tend_copy = scratch_copy(path, f".scratch-save-{count}.tend")
    floor_copy = scratch_copy(path, f".scratch-floor-{count}.tend")
    saver = Journal.open(tend_copy, PASSPHRASE)
    writer = floor.FloorWriter(floor_copy)
    try:
        times, floor_times, sizes = [], [], []
        for index, text in enumerate(texts):
            elapsed, entry = time_call(lambda t=text: saver.add(t, tags=("ideas",)))
            assert isinstance(entry, Entry)
            sealed = len(entry.to_payload()) + 16  # AES-GCM's tag
            floor_elapsed = writer.insert(sealed)
            if index >= 2:  # two warm-up saves each
                times.append(elapsed)
                floor_times.append(floor_elapsed)
                sizes.append(sealed)
    finally:
        saver.close()
        writer.close()
        remove_vault(tend_copy)
        remove_vault(floor_copy)
    result.save_s = median(times)
    result.save_floor_s = median(floor_times)
    result.blob_bytes = round(median(sizes))

    log(f"  {count:,}: peak memory x{memory_repeat} (child processes)")
    env = {
        "BENCH_PASSPHRASE": PASSPHRASE,
        "BENCH_KEY": key.hex(),
        "BENCH_VAULT_ID": vault_id.hex(),
    }
    rss: dict[str, list[int]] = {"load": [], "load-search": [], "floor": []}
    for _ in range(memory_repeat):
        for task, samples in rss.items():
            run = python_child([task, str(path)], env=env)
            assert run.stdout.split() == [str(count)], run.stdout
            samples.append(run.peak_rss_kib)
    result.rss_load_kib = median(rss["load"])
    result.rss_search_kib = median(rss["load-search"])
    result.rss_floor_kib = median(rss["floor"])
    return result


def idle_python_rss_kib() -> int:
    return python_child(["idle"]).peak_rss_kib
