"""The vault header: how a passphrase or recovery code becomes the data key.

The header is in the clear (the key-derivation settings must be read before any
key exists), so everything in it that decides how the key is found is bound to
the wrapped key as associated data: a header edited to weaker settings is
refused, not obeyed. Settings beyond what Tend could have written are refused
before any work is done, so a header edited to enormous ones cannot make an
open hang.

The header is read with the standard library's ``sqlite3`` into a plain
:class:`HeaderRow`, not through SQLAlchemy: unlocking, and every command that only
reads, then never imports SQLAlchemy (about half a second), and the slow step,
Argon2id, can run on a thread of its own (:class:`Unwrapping`) while the rest of
Tend loads.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, fields

from journal_app.vault import crypto
from journal_app.vault.crypto import DecryptionFailed, KdfParams
from journal_app.vault.errors import DamagedVault, NewerVersion, NotAVault, WrongPassphrase
from journal_app.vault.layout import FORMAT_VERSION, HEADER_ROW_ID, HEADER_TABLE, MAGIC


@dataclass(frozen=True, slots=True)
class HeaderRow:
    """The header row as stored, column by column.

    The types are what Tend writes; a damaged file may hold others, which
    :func:`checked_header` refuses before any value is used.
    """

    magic: str
    format_version: int
    vault_id: bytes
    kdf_memory_kib: int
    kdf_iterations: int
    kdf_lanes: int
    kdf_salt: bytes
    wrap_nonce: bytes
    wrapped_key: bytes
    recovery_salt: bytes | None
    recovery_nonce: bytes | None
    recovery_wrapped_key: bytes | None


_HEADER_SQL = (
    f"SELECT {', '.join(f.name for f in fields(HeaderRow))} FROM {HEADER_TABLE} WHERE id = ?"
)


def read_header(conn: sqlite3.Connection) -> HeaderRow | None:
    """The header row, or None when there is none. SQLite's errors are the caller's
    to translate (inside ``connection.vault_errors``)."""
    row = conn.execute(_HEADER_SQL, (HEADER_ROW_ID,)).fetchone()
    return None if row is None else HeaderRow(*row)


def key_aad(vault_id: bytes, params: KdfParams) -> bytes:
    """What the wrapped data key is bound to: this vault and its KDF settings.

    The format version is deliberately not bound here: a migration raises it
    after an unlock by recovery code, when only the data key (not the passphrase's
    key) is in hand. Records bind their own version instead.
    """
    return crypto.pack_fields(b"tend-key", vault_id, params.bound())


def recovery_aad(vault_id: bytes, salt: bytes) -> bytes:
    return crypto.pack_fields(b"tend-recovery", vault_id, salt)


def header_fields(header: HeaderRow) -> tuple[object, ...]:
    """Everything in a header that decides how a passphrase opens the vault."""
    return (
        header.magic,
        header.format_version,
        bytes(header.vault_id),
        header.kdf_memory_kib,
        header.kdf_iterations,
        header.kdf_lanes,
        bytes(header.kdf_salt),
        bytes(header.wrap_nonce),
        bytes(header.wrapped_key),
        header.recovery_salt and bytes(header.recovery_salt),
        header.recovery_nonce and bytes(header.recovery_nonce),
        header.recovery_wrapped_key and bytes(header.recovery_wrapped_key),
    )


def params_from(header: HeaderRow) -> KdfParams:
    return KdfParams(
        salt=bytes(header.kdf_salt),
        memory_kib=header.kdf_memory_kib,
        iterations=header.kdf_iterations,
        lanes=header.kdf_lanes,
    )


_BYTES_FIELDS = ("vault_id", "kdf_salt", "wrap_nonce", "wrapped_key")
_OPTIONAL_BYTES_FIELDS = ("recovery_salt", "recovery_nonce", "recovery_wrapped_key")
_INT_FIELDS = ("format_version", "kdf_memory_kib", "kdf_iterations", "kdf_lanes")


def checked_header(header: HeaderRow | None) -> HeaderRow:
    """Refuse a header that is missing, foreign, newer, of the wrong types or out of range."""
    if header is None or header.magic != MAGIC:
        raise NotAVault()
    if any(type(getattr(header, name)) is not int for name in _INT_FIELDS):
        raise DamagedVault()
    if header.format_version > FORMAT_VERSION:
        raise NewerVersion()
    if any(not isinstance(getattr(header, name), bytes) for name in _BYTES_FIELDS) or any(
        not isinstance(getattr(header, name), bytes | None) for name in _OPTIONAL_BYTES_FIELDS
    ):
        raise DamagedVault()
    if header.format_version < 1 or not params_from(header).is_sane():
        raise DamagedVault()
    if len(header.vault_id) != 16:
        raise DamagedVault()
    return header


def unwrap_with_passphrase(header: HeaderRow, passphrase: str) -> bytearray:
    """The data key, unwrapped with the passphrase (the slow step: Argon2id)."""
    params = params_from(header)
    kek = crypto.derive_passphrase_key(passphrase, params)
    try:
        data_key = crypto.open_sealed(
            kek,
            header.wrap_nonce,
            header.wrapped_key,
            key_aad(bytes(header.vault_id), params),
        )
    except DecryptionFailed:
        raise WrongPassphrase() from None
    finally:
        crypto.wipe(kek)
    return bytearray(data_key)


class Unwrapping:
    """The data key being unwrapped with a passphrase on a thread of its own.

    Argon2id is the slowest step of opening a journal (about 0.3 s at the default
    settings) and ``cryptography`` runs it without holding Python's global lock,
    so whatever the caller does meanwhile (importing the journal, reading the
    file) costs no extra time. The work and its strength are exactly those of
    :func:`unwrap_with_passphrase`; only the waiting moves. The key is handed
    over once, by :meth:`key`, or wiped by :meth:`discard`.
    """

    def __init__(self, header: HeaderRow, passphrase: str) -> None:
        self.header = header
        self._key: bytearray | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._run, args=(header, passphrase), name="unwrap", daemon=True
        )
        self._thread.start()

    def _run(self, header: HeaderRow, passphrase: str) -> None:
        try:
            self._key = unwrap_with_passphrase(header, passphrase)
        except BaseException as exc:  # handed to the waiting thread by key()
            self._error = exc

    def key(self) -> bytearray:
        """Wait for the data key; raises what unwrapping raised (WrongPassphrase...)."""
        self._thread.join()
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        key, self._key = self._key, None
        if key is None:
            raise RuntimeError("the data key was already taken")
        return key

    def discard(self) -> None:
        """Wait for the thread, then wipe whatever key it found."""
        self._thread.join()
        crypto.wipe(self._key)
        self._key = None
        self._error = None
