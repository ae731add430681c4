"""The floor: the least work that reads (or durably writes) a Tend vault's records.

Reading: stdlib ``sqlite3`` selects every record's columns from the same file (the
entries and the manifest's sealed buckets and root, which Tend's unlock opens too),
and ``cryptography``'s AES-GCM opens each with the same data key as it comes,
keeping only the plaintexts (the least a journal held in memory must hold).
Opening a record needs its associated data, which binds it to the vault and to its
id, kind and version, so the floor builds that too (the vault's field packing,
inline, with the constant prefix built once); it neither parses JSON nor builds
objects. This module imports neither SQLAlchemy nor journal_app, so a child running
it measures only Python, sqlite3 and cryptography.

Writing (:class:`FloorWriter`): one transaction per save, on a scratch copy of the
vault, that inserts one row holding random bytes the size of the sealed entry
(``INSERT ... ON CONFLICT(id) DO UPDATE``, the statement Tend runs), then commits.
No sealing, no SQLAlchemy, no check of the file, no JSON. It runs in one of two
modes:

- ``WAL``: a write-ahead log with ``synchronous=FULL``: each COMMIT appends the
  changed pages to the ``-wal`` file and syncs it, once. The cheapest durable
  SQLite write, and Tend's mode before vault format 2; but until a checkpoint the
  main file alone lacks the latest saves.
- ``ONE_FILE``: Tend's own mode since format 2 (journal_app/vault/connection.py):
  the exclusive lock held (``locking_mode=EXCLUSIVE``), a rollback journal
  (``journal_mode=DELETE``, which under the exclusive lock keeps the ``-journal``
  file; ``journal_size_limit=0`` truncates it to nothing after each commit),
  ``synchronous=FULL`` and ``secure_delete=ON``. Each COMMIT writes the changed
  pages' old contents to the journal and syncs it twice (the pages, then its
  header), writes the new pages into the main file and syncs it, then truncates
  the journal and syncs that: four ``fdatasync`` calls against WAL's one (as
  strace shows on Linux), after which the main file alone holds every save.

``extra`` rows are upserted in the same transaction: the benchmark passes the two
manifest rows Tend re-seals at that save (the record's bucket and the root) with
the sizes Tend wrote, so the floor's file does the manifest's I/O and no more.
"""

from __future__ import annotations

import os
import sqlite3
import struct
import time
from collections.abc import Sequence
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_SELECT = "SELECT id, kind, version, nonce, ciphertext FROM tend_record"


def _field(value: bytes) -> bytes:
    return struct.pack(">I", len(value)) + value


def read_and_decrypt(path: Path, key: bytes, vault_id: bytes) -> list[bytes]:
    """Every record's plaintext, as the floor reads it."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(_SELECT).fetchall()
    finally:
        conn.close()
    aead = AESGCM(key)
    prefix = _field(b"tend-record") + _field(vault_id)
    plaintexts = []
    for rid, kind, version, nonce, ciphertext in rows:
        aad = (
            prefix
            + _field(rid.encode())
            + _field(kind.encode())
            + _field(struct.pack(">I", version))
        )
        plaintexts.append(aead.decrypt(nonce, ciphertext, aad))
    return plaintexts


WAL = "wal"
ONE_FILE = "one-file"

_UPSERT = (
    "INSERT INTO tend_record (id, kind, version, nonce, ciphertext) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, version = excluded.version, "
    "nonce = excluded.nonce, ciphertext = excluded.ciphertext"
)


class FloorWriter:
    """Raw sqlite3 on a scratch copy of a vault, in ``WAL`` or ``ONE_FILE`` mode."""

    def __init__(self, path: Path, mode: str = WAL) -> None:
        self.mode = mode
        self._conn = sqlite3.connect(path, isolation_level=None)
        if mode == WAL:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=FULL")
        elif mode == ONE_FILE:
            # As journal_app.vault.connection's connect() and configure_for_writing().
            self._conn.execute("PRAGMA locking_mode=EXCLUSIVE")
            self._conn.execute("PRAGMA temp_store=MEMORY")
            self._conn.execute("BEGIN EXCLUSIVE")
            self._conn.execute("COMMIT")
            self._conn.execute("PRAGMA journal_mode=DELETE")
            self._conn.execute("PRAGMA journal_size_limit=0")
            self._conn.execute("PRAGMA synchronous=FULL")
            self._conn.execute("PRAGMA secure_delete=ON")
        else:
            raise ValueError(f"unknown floor mode {mode!r}")

    def insert(
        self, record_id: str, blob_bytes: int, extra: Sequence[tuple[str, int]] = ()
    ) -> float:
        """Seconds for one transaction, committed (and so fsynced).

        It writes ``record_id`` (kind ``entry``) with ``blob_bytes`` of random bytes,
        and each ``(id, size)`` of ``extra`` (kind ``manifest``) over the row there.
        """
        rows = [(record_id, "entry", 2, os.urandom(12), os.urandom(blob_bytes))]
        rows += [(rid, "manifest", 2, os.urandom(12), os.urandom(size)) for rid, size in extra]
        start = time.perf_counter()
        self._conn.execute("BEGIN IMMEDIATE")
        self._conn.executemany(_UPSERT, rows)
        self._conn.execute("COMMIT")
        return time.perf_counter() - start

    def close(self) -> None:
        self._conn.close()
