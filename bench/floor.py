"""The floor: the least work that reads (or durably writes) a Tend vault's records.

Reading: stdlib ``sqlite3`` selects every record's columns from the same file, and
``cryptography``'s AES-GCM opens each with the same data key as it comes, keeping
only the plaintexts (the least a journal held in memory must hold). Opening a record
needs its associated data, which binds it to the vault and to its id, kind and
version, so the floor builds that too (the vault's field packing, inline, with the
constant prefix built once); it neither parses JSON nor builds objects. This module
imports neither SQLAlchemy nor journal_app, so a child running it measures only
Python, sqlite3 and cryptography.

Writing: one INSERT of a blob the size of a sealed entry, in its own transaction,
on a scratch copy of the vault in WAL mode with ``synchronous=FULL`` (each COMMIT
fsyncs the WAL, as Tend's does).
"""

from __future__ import annotations

import os
import sqlite3
import struct
import time
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


class FloorWriter:
    """Raw sqlite3 on a scratch copy of a vault: WAL, ``synchronous=FULL``."""

    def __init__(self, path: Path) -> None:
        self._conn = sqlite3.connect(path, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")

    def insert(self, blob_bytes: int) -> float:
        """Seconds for one single-row transaction, committed (and so fsynced)."""
        row = (os.urandom(16).hex(), "entry", 1, os.urandom(12), os.urandom(blob_bytes))
        start = time.perf_counter()
        self._conn.execute("BEGIN IMMEDIATE")
        self._conn.execute(
            "INSERT INTO tend_record (id, kind, version, nonce, ciphertext) VALUES (?, ?, ?, ?, ?)",
            row,
        )
        self._conn.execute("COMMIT")
        return time.perf_counter() - start

    def close(self) -> None:
        self._conn.close()
