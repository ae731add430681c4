"""Copies of a vault file: reading them, copying them, checking every record.

A copy (a backup, or a journal being restored) is only ever read through a
connection that cannot write to it, and a new copy is built under a temporary
name, checked, and only then given its name. Checking a copy opens every record
and compares them with the copy's own manifest, so a backup missing a record is
caught the same way as the journal would be.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from journal_app.vault import crypto
from journal_app.vault.connection import connect_for_reading, vault_errors
from journal_app.vault.crypto import Sealer
from journal_app.vault.diskfiles import (
    fsync_file,
    new_temp_beside,
    place_new,
    remove_with_sidecars,
)
from journal_app.vault.errors import (
    DamagedRecords,
    DamagedVault,
    ManifestUnverified,
    VaultError,
    VaultExists,
)
from journal_app.vault.keys import (
    HeaderRow,
    checked_header,
    header_fields,
    read_header,
    unwrap_with_passphrase,
)
from journal_app.vault.manifest import MANIFEST_KIND
from journal_app.vault.progress import CancelCheck, Progress, check_cancel
from journal_app.vault.reading import checked, data_rows, load_manifest
from journal_app.vault.records import CopyReport, ReadResult, RecordSealer, in_steps

# Pages copied per step of SQLite's online backup, between progress reports.
COPY_STEP_PAGES = 256
# Records verified between progress reports and checks for cancellation.
VERIFY_STEP_RECORDS = 256
# The format from which a vault carries a manifest.
MANIFEST_FORMAT = 2

T = TypeVar("T")

_COUNT_SQL = "SELECT count(*) FROM tend_record WHERE kind IS NOT ?"


def count_records(conn: sqlite3.Connection) -> int:
    """The person's records (the manifest's own are not counted)."""
    with vault_errors():
        return int(conn.execute(_COUNT_SQL, (MANIFEST_KIND,)).fetchone()[0])


def page_count(conn: sqlite3.Connection) -> int:
    with vault_errors():
        return int(conn.execute("PRAGMA page_count").fetchone()[0])


def copy_database(
    source: sqlite3.Connection,
    temp: Path,
    progress: Progress | None,
    cancelled: CancelCheck | None,
    total_steps: int,
) -> int:
    """Copy ``source`` page by page (SQLite's online backup) into the empty file ``temp``.

    The copy is a consistent snapshot, then switched to rollback mode so that it
    is one self-contained file with no ``-wal`` beside it. Returns its page count.
    """
    pages = 0

    def step(_status: int, remaining: int, total: int) -> None:
        nonlocal pages
        pages = total
        check_cancel(cancelled)
        if progress is not None:
            progress(total - remaining, total_steps or total)

    dest = sqlite3.connect(temp, isolation_level=None, check_same_thread=False)
    try:
        with vault_errors():
            dest.execute("PRAGMA locking_mode=EXCLUSIVE")
            check_cancel(cancelled)
            source.backup(dest, pages=COPY_STEP_PAGES, progress=step)
            dest.execute("PRAGMA journal_mode=DELETE")
            problems = [row[0] for row in dest.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise DamagedVault("The copy could not be checked, so it was not kept.")
    finally:
        dest.close()
    if os.name == "posix":
        temp.chmod(0o600)
    fsync_file(temp)
    return pages


class CopyReader:
    """Reads the header and records of a vault file through a reading connection."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = connect_for_reading(path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> CopyReader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def header(self) -> HeaderRow:
        with vault_errors():
            return checked_header(read_header(self.conn))

    def count(self) -> int:
        return count_records(self.conn)

    def read(
        self,
        sealer: RecordSealer,
        progress: Progress | None = None,
        cancelled: CancelCheck | None = None,
        done_before: int = 0,
        total: int = 0,
        keep_payloads: bool = True,
    ) -> tuple[ReadResult, int]:
        """Open every record with ``sealer`` and check them against the copy's manifest.

        Returns what was read and how many rows there were (those that failed too).
        """
        total = total or done_before + self.count()

        def step(done: int) -> None:
            check_cancel(cancelled)
            if progress is not None:
                progress(done_before + done, total)

        with vault_errors():
            expected = self.header().format_version >= MANIFEST_FORMAT
            manifest, unverified = load_manifest(self.conn, sealer, expected)
            rows = in_steps(data_rows(self.conn), VERIFY_STEP_RECORDS, step)
            opened = sealer.open_rows(rows, keep_payloads)
        check_cancel(cancelled)
        if progress is not None:
            progress(total, total)
        return checked(opened, manifest, unverified), len(opened.seen) + len(opened.problems)

    def verify(
        self,
        sealer: RecordSealer,
        progress: Progress | None = None,
        cancelled: CancelCheck | None = None,
        done_before: int = 0,
        total: int = 0,
    ) -> CopyReport:
        """Check every record of the copy, keeping none of them in memory."""
        result, records = self.read(sealer, progress, cancelled, done_before, total, False)
        return CopyReport(records, tuple(result.damaged), result.problems, result.unverified)


def vault_id_of(path: Path) -> bytes | None:
    """The id of the vault in the file ``path`` (a backup), or None if it won't say.

    Only reads. Used to tell one journal's backups from another's in a shared folder.
    """
    try:
        with CopyReader(Path(path)) as reader:
            return bytes(reader.header().vault_id)
    except (VaultError, sqlite3.Error, OSError):
        return None


def _copy_verified(
    source: sqlite3.Connection,
    temp: Path,
    fields: tuple[object, ...],
    sealer: RecordSealer,
    progress: Progress | None,
    cancelled: CancelCheck | None,
) -> CopyReport:
    """Copy ``source`` into ``temp`` and check the copy: the same header, every record.

    Raises:
        DamagedVault: the copy's header or record count is not the source's.
    """
    pages = page_count(source)
    records = count_records(source)
    total = pages + records
    copy_database(source, temp, progress, cancelled, total)
    with CopyReader(temp) as copy:
        if header_fields(copy.header()) != fields:
            raise DamagedVault(_NOT_KEPT)
        report = copy.verify(sealer, progress, cancelled, pages, total)
    if report.records != records:
        raise DamagedVault(_NOT_KEPT)
    return report


_NOT_KEPT = "The copy could not be verified, so it was not kept."


def backup(
    source: sqlite3.Connection,
    fields: tuple[object, ...],
    sealer: RecordSealer,
    already_damaged: Callable[[], Iterable[str]],
    path: Path,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> CopyReport:
    """Write a verified, encrypted copy of an open vault to ``path`` (a new file).

    The copy is made with SQLite's online backup API from the vault's own
    connection, so it is a consistent snapshot even mid-session, and it is one
    self-contained file in rollback mode. It keeps the same header: the same
    passphrase (and recovery code) opens it on any machine. Steps: copy into a
    temporary file in the destination's folder -> check SQLite's structure ->
    fsync -> open every record with the data key and check the manifest -> give
    it its name (never replacing a file) -> fsync the folder. Nothing unsealed
    is written at any step. Records the journal itself cannot open are copied
    as they are (``already_damaged`` names them); any other failure in the copy
    means it is not kept.
    """
    temp = new_temp_beside(path, "partial")
    try:
        report = _copy_verified(source, temp, fields, sealer, progress, cancelled)
        if set(report.damaged) - set(already_damaged() if report.damaged else ()):
            raise DamagedVault(_NOT_KEPT)
        place_new(temp, path)
    finally:
        remove_with_sidecars(temp)
    return report


def keep(
    source: sqlite3.Connection,
    fields: tuple[object, ...],
    path: Path,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> int:
    """Copy an open vault's pages to ``path`` (a new file), without its key.

    For the moment its file was replaced underneath (see journal/sync.py): the
    open connection still reads the copy Tend had, which may hold saves the new
    file lacks, and the key may already be gone (the journal locked). SQLite's
    structure and the header are checked here; the records are checked when the
    copy is merged back, with its passphrase. Returns the copy's page count.
    """
    temp = new_temp_beside(path, "partial")
    try:
        pages = copy_database(source, temp, progress, cancelled, page_count(source))
        with CopyReader(temp) as copy:
            if header_fields(copy.header()) != fields:
                raise DamagedVault(_NOT_KEPT)
        place_new(temp, path)
    finally:
        remove_with_sidecars(temp)
    return pages


def _with_passphrase(
    path: Path, passphrase: str, work: Callable[[CopyReader, RecordSealer], T]
) -> tuple[bytes, T]:
    """``work(reader, sealer)`` on a vault file opened read-only with its passphrase;
    returns the file's vault id with the result. The data key is wiped after."""
    with CopyReader(Path(path)) as reader:
        header = reader.header()
        vault_id = bytes(header.vault_id)
        data_key = unwrap_with_passphrase(header, passphrase)
        try:
            return vault_id, work(reader, RecordSealer(Sealer(data_key), vault_id))
        finally:
            crypto.wipe(data_key)


def verify_file(
    path: Path,
    passphrase: str,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> CopyReport:
    """Check a vault file (a backup) with its passphrase, only reading it.

    Unlike ``Vault.open``, this never changes the file's journal mode or writes
    to it: a backup on a memory stick can be checked as often as wanted.
    """
    _, report = _with_passphrase(
        path, passphrase, lambda reader, sealer: reader.verify(sealer, progress, cancelled)
    )
    return report


def read_file(
    path: Path,
    passphrase: str,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> tuple[bytes, ReadResult]:
    """Every record of another vault file (a copy, a backup, another journal), decrypted.

    Only reads the file. Returns its vault id (the same as this journal's when it
    is a copy of it) and what was read, checked against its own manifest.
    """
    return _with_passphrase(
        path, passphrase, lambda reader, sealer: reader.read(sealer, progress, cancelled)[0]
    )


def restore(
    backup_path: Path,
    new_path: Path,
    passphrase: str,
    allow_damaged: bool = False,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> CopyReport:
    """Make a new vault at ``new_path`` from the backup file ``backup_path``.

    The passphrase is checked first; then the backup is copied (only reading it)
    into a temporary file beside ``new_path``, and the copy is verified (the same
    header, so the passphrase opens it, and every record opens and matches the
    manifest) before it gets its name. ``new_path`` is never replaced.

    Raises:
        VaultExists, WrongPassphrase, NotAVault, NewerVersion, DamagedVault,
        VaultInUse, Cancelled; DamagedRecords when some records would not open
        (or could not be checked) and ``allow_damaged`` is False.
    """
    backup_path, new_path = Path(backup_path), Path(new_path)
    if new_path.exists():
        raise VaultExists()
    with CopyReader(backup_path) as source:
        header = source.header()
        data_key = unwrap_with_passphrase(header, passphrase)
        try:
            sealer = RecordSealer(Sealer(data_key), bytes(header.vault_id))
            temp = new_temp_beside(new_path, "restoring")
            try:
                fields = header_fields(header)
                report = _copy_verified(source.conn, temp, fields, sealer, progress, cancelled)
                if not allow_damaged:
                    if report.damaged:
                        raise DamagedRecords(list(report.damaged), report.problems)
                    if report.unverified is not None:
                        raise ManifestUnverified(report.unverified)
                place_new(temp, new_path)
            finally:
                remove_with_sidecars(temp)
        finally:
            crypto.wipe(data_key)
    return report
