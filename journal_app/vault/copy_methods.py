"""The vault's copies: backups, a kept copy, checking and reading other files.

Mixed into :class:`journal_app.vault.store.Vault`, which provides the connection,
the lock, the key and the header these need; the work itself is in
:mod:`journal_app.vault.copies`, which never writes to the vault's own file.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from journal_app.vault import copies
from journal_app.vault.diskfiles import sidecars
from journal_app.vault.errors import VaultError, VaultExists
from journal_app.vault.keys import HeaderRow, header_fields
from journal_app.vault.progress import CancelCheck, Progress
from journal_app.vault.records import CopyReport, ReadResult, RecordSealer


class VaultCopies:
    """Copies of an open vault, and other vault files read beside it."""

    path: Path
    _conn: sqlite3.Connection
    _mutex: threading.RLock
    _vault_id: bytes
    _require_sealer: Callable[[], RecordSealer]
    _read_header: Callable[[], HeaderRow]
    read_all: Callable[..., ReadResult]
    unreadable: Callable[[], list[str]]

    def backup_to(
        self,
        path: Path,
        *,
        progress: Progress | None = None,
        cancelled: CancelCheck | None = None,
    ) -> CopyReport:
        """Write a verified, encrypted copy of this vault to ``path`` (a new file).

        See :func:`copies.backup`. ``progress(done, total)`` reports copying then
        verifying; when ``cancelled()`` turns True the partial copy is removed.

        Raises:
            VaultExists: ``path`` already exists (or is this vault's own file).
            DamagedVault: the copy could not be verified; it was not kept.
            Cancelled: the person stopped it; no file was left behind.
        """
        path = Path(path)
        with self._mutex:
            sealer = self._require_sealer()
            own = {p.resolve() for p in (self.path, *sidecars(self.path))}
            if path.exists() or path.resolve() in own:
                raise VaultExists()
            fields = header_fields(self._read_header())
            damaged = self.unreadable  # read only if the copy has damage
            return copies.backup(self._conn, fields, sealer, damaged, path, progress, cancelled)

    def keep_copy(
        self,
        path: Path,
        *,
        progress: Progress | None = None,
        cancelled: CancelCheck | None = None,
    ) -> None:
        """Copy what this open vault holds to ``path``, locked or not; see :func:`copies.keep`.

        Raises:
            VaultExists: ``path`` already exists.
            DamagedVault: the copy could not be checked; it was not kept.
        """
        path = Path(path)
        with self._mutex:
            if path.exists():
                raise VaultExists()
            fields = header_fields(self._read_header())
            copies.keep(self._conn, fields, path, progress, cancelled)

    def verify_copy(
        self,
        path: Path,
        *,
        progress: Progress | None = None,
        cancelled: CancelCheck | None = None,
    ) -> CopyReport:
        """Check that ``path`` is a readable copy of this vault, with the key in memory.

        Raises:
            NotAVault: ``path`` is not a Tend vault.
            VaultError: it is a copy of another journal.
        """
        with self._mutex:
            sealer = self._require_sealer()
            with copies.CopyReader(Path(path)) as reader:
                if bytes(reader.header().vault_id) != self._vault_id:
                    raise VaultError("That file is a copy of another journal, not of this one.")
                return reader.verify(sealer, progress, cancelled)

    @classmethod
    def verify_file(
        cls,
        path: Path,
        passphrase: str,
        *,
        progress: Progress | None = None,
        cancelled: CancelCheck | None = None,
    ) -> CopyReport:
        """Check a vault file (a backup) with its passphrase, only reading it."""
        return copies.verify_file(Path(path), passphrase, progress, cancelled)

    @classmethod
    def read_file(
        cls,
        path: Path,
        passphrase: str,
        *,
        progress: Progress | None = None,
        cancelled: CancelCheck | None = None,
    ) -> tuple[bytes, ReadResult]:
        """Read every record of another vault file; see :func:`copies.read_file`."""
        return copies.read_file(Path(path), passphrase, progress, cancelled)

    @classmethod
    def restore_copy(
        cls,
        backup: Path,
        new_path: Path,
        passphrase: str,
        *,
        allow_damaged: bool = False,
        progress: Progress | None = None,
        cancelled: CancelCheck | None = None,
    ) -> CopyReport:
        """Make a new vault at ``new_path`` from a backup; see :func:`copies.restore`."""
        return copies.restore(backup, new_path, passphrase, allow_damaged, progress, cancelled)
