"""SQLite connections to a vault file, and SQLite's errors in the vault's words.

A journal file is checked before SQLite sees it, opened with SQLite's exclusive
lock (so a second process is refused), and only then set up for writing. Any
error SQLite can raise while opening or reading a file becomes one of the
vault's own errors: a file that a flipped byte has damaged says "damaged", never
shows a traceback.

Only the standard library's ``sqlite3`` is needed here: SQLAlchemy, which wraps
SQLite's errors in its own, is loaded only by writing (see ``writing.py``), and
its wrapped errors are recognised only once it is loaded.
"""

from __future__ import annotations

import sqlite3
import struct
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from journal_app.vault.errors import (
    DamagedVault,
    NotAVault,
    StorageFull,
    VaultError,
    VaultInUse,
)
from journal_app.vault.fileheader import APPLICATION_ID, SQLITE_HEADER_BYTES, SQLITE_MAGIC
from journal_app.vault.layout import HEADER_TABLE, RECORD_TABLE

# How long to wait for a lock held by another process before saying it is in use.
BUSY_TIMEOUT_S = 0.2

_TABLES = frozenset({HEADER_TABLE, RECORD_TABLE})

_NOT_WRITABLE = (
    "The journal's file cannot be written to. Check its permissions, "
    "and that the disk or memory stick is not read-only."
)
_IO_FAILED = (
    "The journal's file could not be read or written. What was saved before is safe. "
    "Check the disk, then try again."
)


def _unwrapped(exc: BaseException) -> BaseException:
    """The error SQLite raised: SQLAlchemy's ``DBAPIError`` holds it as ``orig``.

    No SQLAlchemy error can exist before SQLAlchemy is loaded, so its class is
    looked for only among the modules already imported: reading never loads it.
    """
    sqlalchemy_errors = sys.modules.get("sqlalchemy.exc")
    if sqlalchemy_errors is not None and isinstance(exc, sqlalchemy_errors.DBAPIError):
        orig: BaseException = exc.orig
        return orig
    return exc


def translate(exc: BaseException) -> VaultError | None:
    """The vault's error for one of SQLite's, or None for Tend's own mistakes.

    SQLite's error codes decide where it gives them. Whatever a damaged file can
    make SQLite say ("malformed", "unsupported file format", "no such column",
    text that is not UTF-8...) is damage: the file is not as Tend wrote it.
    Misuse of the API (``ProgrammingError``, ``InterfaceError``) is a bug in
    Tend, and is left to surface as one.
    """
    orig = _unwrapped(exc)
    if not isinstance(orig, sqlite3.Error):
        return None
    if isinstance(orig, sqlite3.ProgrammingError | sqlite3.InterfaceError):
        return None
    code = getattr(orig, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(orig).lower()
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or (
        primary is None and "database is locked" in text
    ):
        return VaultInUse()
    if primary == sqlite3.SQLITE_FULL or "disk is full" in text:
        return StorageFull()
    if primary == sqlite3.SQLITE_NOTADB or "not a database" in text:
        return NotAVault()
    if primary in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN):
        return VaultError(_NOT_WRITABLE)
    if primary == sqlite3.SQLITE_IOERR or "disk i/o" in text:
        return DamagedVault(_IO_FAILED)
    return DamagedVault()


@contextmanager
def vault_errors() -> Iterator[None]:
    """Raise the vault's own error for anything SQLite raises inside."""
    try:
        yield
    except UnicodeDecodeError as exc:
        # sqlite3 decodes names in SQLite's own schema without a code of its own:
        # bytes there that are not UTF-8 were not written by SQLite or Tend.
        raise DamagedVault() from exc
    except Exception as exc:
        translated = translate(exc)
        if translated is None:
            raise
        raise translated from exc


def _recoverable(path: Path) -> bool:
    """Whether SQLite holds what a short file lacks: a write-ahead log, or a hot
    rollback journal (one with content) left by a writer killed mid-commit, which
    SQLite plays back when the file is next opened."""
    wal = path.with_name(path.name + "-wal")
    journal = path.with_name(path.name + "-journal")
    try:
        return wal.exists() or (journal.is_file() and journal.stat().st_size > 0)
    except OSError:
        return False


def precheck_file(path: Path) -> None:
    """Refuse what is plainly not a Tend vault before SQLite ever sees it."""
    try:
        with path.open("rb") as handle:
            head = handle.read(SQLITE_HEADER_BYTES)
    except FileNotFoundError:
        raise NotAVault(f"There is no journal at {path}.") from None
    except IsADirectoryError:
        raise NotAVault(f"{path} is a folder, not a Tend journal.") from None
    except PermissionError:
        raise VaultError(f"Tend is not allowed to read {path}. Check its permissions.") from None
    if len(head) < SQLITE_HEADER_BYTES or not head.startswith(SQLITE_MAGIC):
        raise NotAVault()
    (application_id,) = struct.unpack(">I", head[68:72])
    if application_id != APPLICATION_ID:
        raise NotAVault()
    (page_size,) = struct.unpack(">H", head[16:18])
    page_size = 65536 if page_size == 1 else page_size
    (page_count,) = struct.unpack(">I", head[28:32])
    size = path.stat().st_size
    if page_count and page_size * page_count > size and not _recoverable(path):
        raise DamagedVault()


def has_vault_tables(conn: sqlite3.Connection) -> bool:
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return names >= _TABLES


def connect(path: Path) -> sqlite3.Connection:
    """One connection per vault, holding SQLite's exclusive lock for its life."""
    conn = sqlite3.connect(
        path,
        timeout=BUSY_TIMEOUT_S,
        isolation_level=None,
        check_same_thread=False,
    )
    try:
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("PRAGMA temp_store=MEMORY")
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def configure_for_writing(conn: sqlite3.Connection) -> None:
    """Durable, one writer, freed pages zeroed, one file. Run only on a file known good.

    A rollback journal, not a write-ahead log: once a transaction commits, the
    journal's file alone holds it, so a sync tool or a plain copy of that one
    file always carries every saved entry. (With SQLite's exclusive lock the
    ``-journal`` beside it is kept until the journal closes, truncated to nothing
    after each transaction, so no old page lingers in it either.)
    """
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA journal_size_limit=0")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA secure_delete=ON")
    conn.execute("PRAGMA foreign_keys=ON")


def open_exclusive(path: Path) -> sqlite3.Connection:
    """A vault file, checked, held with SQLite's exclusive lock and set up for writing.

    Refuses what is not a Tend vault before anything is written; closes the
    connection again if any step fails.
    """
    precheck_file(path)
    conn: sqlite3.Connection | None = None
    try:
        with vault_errors():
            conn = connect(path)
            if not has_vault_tables(conn):
                raise NotAVault()
            configure_for_writing(conn)
    except BaseException:
        if conn is not None:
            conn.close()
        raise
    return conn


def connect_for_reading(path: Path) -> sqlite3.Connection:
    """A connection that only reads a vault file (a backup), holding it for its life.

    A file in rollback mode (every backup Tend writes) is read without creating
    any file beside it. One left in WAL mode gets SQLite's temporary companions,
    removed again on close. A vault open elsewhere is refused as in use.
    """
    precheck_file(path)
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
    )
    try:
        with vault_errors():
            conn.execute("PRAGMA locking_mode=EXCLUSIVE")
            conn.execute("PRAGMA temp_store=MEMORY")
            conn.execute("PRAGMA query_only=ON")
            if not has_vault_tables(conn):
                raise NotAVault()
    except BaseException:
        conn.close()
        raise
    return conn
