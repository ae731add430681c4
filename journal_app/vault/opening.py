"""A vault file opened, and its unlock begun, before the store is loaded.

A command that reads a journal spends most of its time on two things that need
not wait for each other: deriving the key (Argon2id, about 0.3 s, which
``cryptography`` runs without Python's global lock) and loading Tend's own code
and the file's rows. An :class:`Opening` takes the file exactly as
``Vault.open`` does (the same checks, the same errors, SQLite's exclusive lock),
then derives the key on a thread while the caller imports the store and the
journal and :meth:`Opening.prefetch` reads the rows. ``Vault.opened`` turns it
into an unlocked :class:`~journal_app.vault.store.Vault`. Only the waiting
moves: the derivation, and every check of what is read, are those of ``unlock``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from journal_app.vault.connection import open_exclusive, vault_errors
from journal_app.vault.keys import HeaderRow, Unwrapping, checked_header, read_header

if TYPE_CHECKING:
    from journal_app.vault.records import Row


@dataclass(slots=True)
class Opening:
    """The open file, its checked header, the key being derived, and rows read early."""

    path: Path
    conn: sqlite3.Connection
    header: HeaderRow
    unwrapping: Unwrapping | None = None
    rows: list[Row] | None = None

    @classmethod
    def of(cls, path: Path) -> Opening:
        """Open ``path`` as ``Vault.open`` would, refusing what it refuses. Writes nothing."""
        conn = open_exclusive(Path(path))
        try:
            with vault_errors():
                header = checked_header(read_header(conn))
        except BaseException:
            conn.close()
            raise
        return cls(Path(path), conn, header)

    def begin_unlock(self, passphrase: str) -> None:
        """Start deriving the key from ``passphrase`` on its own thread."""
        self.unwrapping = Unwrapping(self.header, passphrase)

    def prefetch(self) -> None:
        """Read every record's row now, while the key is derived, for the first read.

        The rows are the same the first ``read_all`` would fetch (nothing can write
        to the file in between: the lock is ours), and are opened and checked by
        it exactly as those would be. (The reading code loads here, once the key
        is on its way, not before.)
        """
        from journal_app.vault.reading import data_rows

        with vault_errors():
            self.rows = list(data_rows(self.conn, bulk=True))

    def abandon(self) -> None:
        """Wipe any key derived and close the file (safe to call more than once)."""
        if self.unwrapping is not None:
            self.unwrapping.discard()
        self.rows = None
        self.conn.close()
