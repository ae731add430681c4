"""Build the benchmark's vaults quickly, and keep them under bench/results/ for next time.

A vault is made with ``Vault.create`` and filled with ``Vault.put_many`` in batches
of 1,000 records in the Journal's own payload format, so building 100,000 entries
takes seconds. ``put_many`` keeps the vault's sealed manifest as it goes (each batch
re-seals the buckets it touches, nearly all 256, and the root), and a vault just
built must pass ``Vault.examine`` (SQLite's quick_check, every record opens and
matches the manifest) before it is kept. The benchmarks vaults use a fast key
derivation (64 KiB, 1 pass, 1 lane), since everything but the KDF is measured; the
vault compared with jrnl uses Tend's default (64 MiB, 3 passes, 4 lanes), because
there whole commands are timed.

A cached vault is named by its size, its KDF, the vault format, a fingerprint of
the entry payload format and the generator's version and seed; a ``.ok`` file
beside it says it was finished, and it is used again only if this Tend still
unlocks it. Benchmarks that write (saving entries) work on a copy, so a cached
vault never changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bench.synthetic import GENERATOR_VERSION, SEED, Generator
from journal_app.journal.entry import ENTRY_KIND, Entry
from journal_app.vault import KdfParams, Vault, VaultError, VaultInUse
from journal_app.vault.schema import FORMAT_VERSION
from journal_app.vault.store import new_record_id

RESULTS = Path(__file__).resolve().parent / "results"
# Only ever guards synthetic text; it is here so that children can unlock.
PASSPHRASE = "bench: correct horse battery staple"
BATCH = 1000


def fast_kdf() -> KdfParams:
    return KdfParams.fresh(memory_kib=64, iterations=1, lanes=1)


def payload_fingerprint() -> str:
    """Changes whenever Entry's payload format does, so cached vaults are rebuilt."""
    moment = datetime(2026, 1, 2, 9, 30, tzinfo=UTC)
    sample = Entry(id="0" * 32, created=moment, updated=moment, title="t", body="b", tags=("x",))
    return hashlib.sha256(sample.to_payload()).hexdigest()[:8]


def vault_path(count: int, *, strong_kdf: bool = False) -> Path:
    kdf = "strong" if strong_kdf else "fast"
    version = f"f{FORMAT_VERSION}-p{payload_fingerprint()}-g{GENERATOR_VERSION}-s{SEED}"
    return RESULTS / f"tend-{version}-{count}-{kdf}.tend"


def sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def remove_vault(path: Path) -> None:
    for item in [path, path.with_suffix(".ok"), *sidecars(path)]:
        item.unlink(missing_ok=True)


def ensure_vault(
    count: int, *, strong_kdf: bool = False, log: Callable[[str], None] = print
) -> Path:
    """The cached vault of ``count`` entries, built first if it is missing."""
    path = vault_path(count, strong_kdf=strong_kdf)
    done = path.with_suffix(".ok")
    if path.exists() and done.exists() and not any(p.exists() for p in sidecars(path)):
        if _opens(path, count):
            return path
        log(f"{path.name} no longer opens with this Tend; rebuilding it")
    remove_vault(path)
    RESULTS.mkdir(parents=True, exist_ok=True)
    kdf_name = "strong" if strong_kdf else "fast"
    for stale in RESULTS.glob(f"tend-*-{count}-{kdf_name}.tend"):  # from older versions
        remove_vault(stale)
    building = path.with_name(".building-" + path.name)
    remove_vault(building)
    kdf = KdfParams.fresh() if strong_kdf else fast_kdf()
    log(f"building {path.name} ({count:,} entries)...")
    with Vault.create(building, PASSPHRASE, kdf) as vault:
        batch: list[tuple[str, bytes, str | None]] = []
        for item in Generator().entries(count):
            rid = new_record_id()
            entry = Entry(
                id=rid,
                created=item.created,
                updated=item.created,
                title=item.title,
                body=item.body,
                tags=item.tags,
            )
            batch.append((ENTRY_KIND, entry.to_payload(), rid))
            if len(batch) == BATCH:
                vault.put_many(batch)
                batch = []
        if batch:
            vault.put_many(batch)
    _check_built(building, count)
    building.replace(path)
    done.write_text(f"{count}\n")
    return path


def _check_built(path: Path, count: int) -> None:
    """Refuse a built vault that Tend's own check does not pass in full.

    ``put_many`` keeps the sealed manifest (format 2) with every batch; ``examine``
    opens every record, compares each against the manifest and runs SQLite's
    ``quick_check``, so a benchmark never times a vault Tend would report damaged.
    """
    with Vault.open(path) as vault:
        vault.unlock(PASSPHRASE)
        report = vault.examine()
    if not report.ok or report.records != count:
        raise RuntimeError(f"the benchmark vault {path.name} does not pass Tend's check: {report}")


def _opens(path: Path, count: int) -> bool:
    """Whether this version of Tend unlocks the cached vault and finds every entry.

    A vault another benchmark run holds open is in use, not broken: it is kept (and
    that run's own check already found it whole), never rebuilt under it.
    """
    try:
        with Vault.open(path) as vault:
            vault.unlock(PASSPHRASE)
            return vault.count() == count
    except VaultInUse:
        return True
    except VaultError:
        return False


def scratch_copy(path: Path, name: str) -> Path:
    """A throwaway copy of a closed vault, for benchmarks that write."""
    copy = path.with_name(name)
    remove_vault(copy)
    shutil.copyfile(path, copy)
    # Flush the copy now, so its writeback does not land inside a timed fsync.
    with copy.open("rb+") as handle:
        os.fsync(handle.fileno())
    return copy
