"""Making a new vault file: built aside, named only when complete.

The file is built under a temporary name and moved into place only when
complete, so a crash during creation leaves no half-made vault behind, and an
existing file is never replaced.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine, insert
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from journal_app.vault import crypto
from journal_app.vault.connection import translate
from journal_app.vault.crypto import KdfParams, Sealer
from journal_app.vault.diskfiles import fsync_file, place_new, sidecars
from journal_app.vault.errors import VaultError, VaultExists
from journal_app.vault.keys import key_aad
from journal_app.vault.manifest import Manifest
from journal_app.vault.records import RecordSealer, SealedRow
from journal_app.vault.schema import (
    APPLICATION_ID,
    FORMAT_VERSION,
    HEADER_ROW_ID,
    MAGIC,
    Base,
    Header,
    Record,
)


def _header(vault_id: bytes, data_key: bytearray, passphrase: str, params: KdfParams) -> Header:
    kek = crypto.derive_passphrase_key(passphrase, params)
    try:
        nonce, wrapped = crypto.seal(kek, bytes(data_key), key_aad(vault_id, params))
    finally:
        crypto.wipe(kek)
    return Header(
        id=HEADER_ROW_ID,
        magic=MAGIC,
        format_version=FORMAT_VERSION,
        vault_id=vault_id,
        kdf_memory_kib=params.memory_kib,
        kdf_iterations=params.iterations,
        kdf_lanes=params.lanes,
        kdf_salt=params.salt,
        wrap_nonce=nonce,
        wrapped_key=wrapped,
    )


def _build(temp: Path, header: Header, manifest_rows: list[SealedRow]) -> None:
    conn = sqlite3.connect(temp, isolation_level=None)
    try:
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version={FORMAT_VERSION}")
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA secure_delete=ON")
        engine = create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool)
        Base.metadata.create_all(engine)
        with Session(engine) as session, session.begin():
            session.add(header)
            session.execute(insert(Record), manifest_rows)
        engine.dispose()
    finally:
        conn.close()
    if os.name == "posix":
        temp.chmod(0o600)
    fsync_file(temp)


def write_new_vault(path: Path, passphrase: str, kdf: KdfParams | None = None) -> bytearray:
    """Write a new, empty vault at ``path``; returns its data key (the caller wipes it).

    Raises:
        VaultExists: something is already at ``path``.
        ValueError: no passphrase, or key-derivation settings out of range.
    """
    if path.exists():
        raise VaultExists()
    if not passphrase:
        raise ValueError("a passphrase is required")
    params = kdf or KdfParams.fresh()
    if not params.is_sane():
        raise ValueError("key-derivation parameters out of range")
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.creating")
    vault_id = os.urandom(16)
    data_key = crypto.new_data_key()
    try:
        header = _header(vault_id, data_key, passphrase, params)
        # An empty manifest from the start: a journal of this format always has one.
        sealer = RecordSealer(Sealer(data_key), vault_id)
        _build(temp, header, Manifest().all_sealed_rows(sealer))
        place_new(temp, path)
    except sqlite3.Error as exc:
        crypto.wipe(data_key)
        raise (translate(exc) or VaultError(str(exc))) from exc
    except BaseException:
        crypto.wipe(data_key)
        raise
    finally:
        for leftover in (temp, *sidecars(temp)):
            leftover.unlink(missing_ok=True)
    return data_key
