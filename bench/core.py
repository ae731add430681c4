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

Save ("What a save costs"): four writers take turns, each on its own scratch copy
of the vault, ``SAVES`` rounds after ``WARMUP_SAVES`` untimed ones, so that the
disk's moods (fsync times vary a lot on shared machines) hit all alike. Tend goes
first in each round, since the floors copy the sizes it wrote; the three floors
follow in an order that rotates from round to round.

- Tend: ``Journal.add`` of a new ~1.5 KB entry: seal the entry, re-seal the
  entry's manifest bucket and the root, stat the file (was it replaced?), upsert
  all three in one committed, fsynced transaction through SQLAlchemy, and stat the
  file again for the next check.
- Floor, WAL: raw sqlite3 inserts one row of random bytes the size of that save's
  sealed entry in its own transaction, in WAL mode with ``synchronous=FULL``
  (bench/floor.py). The main table's floor for "save one entry".
- Floor, one file: the same insert in Tend's own mode (``locking_mode=EXCLUSIVE``,
  ``journal_mode=DELETE``, ``journal_size_limit=0``, ``synchronous=FULL``,
  ``secure_delete=ON``). Its ratio to the WAL floor is what keeping the file alone
  complete after every save costs.
- Floor, one file + manifest I/O: the same transaction also upserts, over the rows
  already there, the entry's bucket and the root at the sizes Tend wrote for them
  in that round (read from Tend's copy, untimed). Minus the previous floor: the
  manifest's I/O.
- Manifest CPU: ``Manifest.changed`` + ``Manifest.sealed_rows`` for one new record
  on the real manifest of the cached vault (``Vault._manifest``, sealed with its
  ``_records``), in this process, median of ``MANIFEST_CPU_RUNS``. The manifest in
  use is never changed: ``changed`` returns a new one.

Memory: peak RSS of a fresh child process that loads the journal (and, for the
second figure, also runs the 20 queries), against a child doing the floor's read.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench import floor
from bench.measure import median, python_child, time_call
from bench.synthetic import QUERIES, new_entry_text
from bench.vaults import PASSPHRASE, ensure_vault, remove_vault, scratch_copy
from journal_app.journal import Journal
from journal_app.journal.entry import ENTRY_KIND, Entry
from journal_app.vault import Vault, crypto
from journal_app.vault.manifest import ROOT_ID, Manifest, bucket_id, bucket_of
from journal_app.vault.records import RecordSealer
from journal_app.vault.store import new_record_id

SAVES = 60
WARMUP_SAVES = 2
MANIFEST_CPU_RUNS = 300


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
    saves: int = 0
    save_s: float = 0.0  # Tend's Journal.add
    save_floor_s: float = 0.0  # floor, WAL
    save_one_file_s: float = 0.0  # floor, one file
    save_manifest_floor_s: float = 0.0  # floor, one file + manifest I/O
    manifest_cpu_s: float = 0.0
    blob_bytes: int = 0  # sealed entry (medians of the sizes Tend wrote)
    bucket_bytes: int = 0  # sealed manifest bucket
    root_bytes: int = 0  # sealed manifest root
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
        manifest, sealer = vault._manifest, vault._records
        assert manifest is not None and sealer is not None and len(manifest) == count
        stored = count + len(manifest.buckets) + 1  # the floor also reads the manifest
        log(f"  {count:,}: manifest CPU x{MANIFEST_CPU_RUNS}")
        result.manifest_cpu_s = _manifest_cpu(manifest, sealer)
        del manifest, sealer

    # Warm the page cache and the imports once, untimed.
    warm, _ = _open_journal(path)
    assert len(warm) == count
    warm.close()
    assert len(floor.read_and_decrypt(path, key, vault_id)) == stored

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
        assert isinstance(plain, list) and len(plain) == stored
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

    _measure_saves(path, result, log)

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
            expected = stored if task == "floor" else count
            assert run.stdout.split() == [str(expected)], run.stdout
            samples.append(run.peak_rss_kib)
    result.rss_load_kib = median(rss["load"])
    result.rss_search_kib = median(rss["load-search"])
    result.rss_floor_kib = median(rss["floor"])
    return result


def _manifest_cpu(manifest: Manifest, sealer: RecordSealer) -> float:
    """Median seconds of the manifest's in-process work for one saved record."""
    samples = []
    gc.collect()
    for _ in range(MANIFEST_CPU_RUNS):
        written = [(new_record_id(), ENTRY_KIND, os.urandom(12))]
        start = time.perf_counter()
        changed, touched = manifest.changed(written, ())
        rows, gone = changed.sealed_rows(touched, sealer)
        samples.append(time.perf_counter() - start)
        assert len(rows) == 2 and not gone  # the record's bucket and the root
    return median(samples)


def _written_sizes(journal: Journal, ids: Sequence[str]) -> dict[str, int]:
    """Sealed sizes of rows as Tend just wrote them (read through its own connection)."""
    marks = ", ".join("?" for _ in ids)
    conn = journal.vault._conn
    query = f"SELECT id, length(ciphertext) FROM tend_record WHERE id IN ({marks})"
    return {str(rid): int(size) for rid, size in conn.execute(query, list(ids))}


def _measure_saves(path: Path, result: SizeResult, log: Callable[[str], None]) -> None:
    """Tend's save and the three write floors, taking turns (see the module docstring)."""
    count = result.count
    log(f"  {count:,}: save x{SAVES}, with three floors in turn")
    texts = [new_entry_text(i) for i in range(SAVES + WARMUP_SAVES)]
    copies = {
        name: scratch_copy(path, f".scratch-save-{name}-{count}.tend")
        for name in ("tend", "wal", "one-file", "manifest")
    }
    saver = Journal.open(copies["tend"], PASSPHRASE)
    writers = {
        "wal": floor.FloorWriter(copies["wal"], floor.WAL),
        "one-file": floor.FloorWriter(copies["one-file"], floor.ONE_FILE),
        "manifest": floor.FloorWriter(copies["manifest"], floor.ONE_FILE),
    }
    order = list(writers)
    times: dict[str, list[float]] = {"tend": [], **{name: [] for name in writers}}
    sizes: dict[str, list[int]] = {"entry": [], "bucket": [], "root": []}
    try:
        for index, text in enumerate(texts):
            elapsed, entry = time_call(lambda t=text: saver.add(t, tags=("ideas",)))
            assert isinstance(entry, Entry)
            bucket = bucket_id(bucket_of(entry.id))
            written = _written_sizes(saver, [entry.id, bucket, ROOT_ID])
            extra = [(bucket, written[bucket]), (ROOT_ID, written[ROOT_ID])]
            turn = {"tend": elapsed}
            for name in order[index % 3 :] + order[: index % 3]:
                turn[name] = writers[name].insert(
                    entry.id, written[entry.id], extra if name == "manifest" else ()
                )
            if index >= WARMUP_SAVES:
                for name, seconds in turn.items():
                    times[name].append(seconds)
                sizes["entry"].append(written[entry.id])
                sizes["bucket"].append(written[bucket])
                sizes["root"].append(written[ROOT_ID])
    finally:
        saver.close()
        for writer in writers.values():
            writer.close()
        for copy in copies.values():
            remove_vault(copy)
    result.saves = SAVES
    result.save_s = median(times["tend"])
    result.save_floor_s = median(times["wal"])
    result.save_one_file_s = median(times["one-file"])
    result.save_manifest_floor_s = median(times["manifest"])
    result.blob_bytes = round(median(sizes["entry"]))
    result.bucket_bytes = round(median(sizes["bucket"]))
    result.root_bytes = round(median(sizes["root"]))


def idle_python_rss_kib() -> int:
    return python_child(["idle"]).peak_rss_kib
