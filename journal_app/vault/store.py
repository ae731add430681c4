"""The encrypted store: one SQLite file, one writer, nothing unsealed on disk.

A vault is opened in two steps. ``Vault.open`` checks that the file is a Tend
vault and takes SQLite's exclusive lock, without writing a byte; only then may
``unlock`` derive the key. Every check happens before anything is written, so a
file that cannot be read is never changed.

Each write is one transaction that seals the records, updates the manifest (the
sealed list of what the journal holds, see manifest.py) and commits durably to
the one file. Before each write the file is checked to be the one Tend opened,
unchanged since its last write: a sync tool that put another copy in its place
is never written over.

Reading needs only the standard library's ``sqlite3`` and ``cryptography``:
SQLAlchemy (about half a second to import) is loaded with ``writing.py`` on the
first write, so a command that only reads never pays for it.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from journal_app.vault import crypto
from journal_app.vault.connection import vault_errors
from journal_app.vault.copies import count_records
from journal_app.vault.copies import vault_id_of as vault_id_of  # re-exported
from journal_app.vault.copy_methods import VaultCopies
from journal_app.vault.crypto import DecryptionFailed, KdfParams, Sealer
from journal_app.vault.diskfiles import FileStamp
from journal_app.vault.errors import (
    DamagedRecords,
    DamagedVault,
    NoRecoveryCode,
    VaultChanged,
    VaultLocked,
    WrongRecoveryCode,
)
from journal_app.vault.fileheader import APPLICATION_ID as APPLICATION_ID  # re-exported
from journal_app.vault.fileheader import is_vault_file as is_vault_file  # re-exported
from journal_app.vault.keys import (
    HeaderRow,
    Unwrapping,
    checked_header,
    key_aad,
    params_from,
    read_header,
    recovery_aad,
    unwrap_with_passphrase,
)
from journal_app.vault.layout import FORMAT_VERSION
from journal_app.vault.manifest import MANIFEST_KIND, Manifest, is_reserved, listable
from journal_app.vault.opening import Opening
from journal_app.vault.reading import (
    IMAGE_KIND,
    checked,
    data_rows,
    load_manifest,
    vouch_unread,
)
from journal_app.vault.records import (
    ROWS_SQL,
    CopyReport,
    PlainRecord,
    ReadResult,
    RecordSealer,
    Row,
    SealedRow,
    VaultCheck,
    new_record_id,
)

if TYPE_CHECKING:
    from journal_app.vault.writing import Sessions, Writer

__all__ = [
    "CopyReport",
    "PlainRecord",
    "ReadResult",
    "Vault",
    "VaultCheck",
    "is_vault_file",
    "new_record_id",
]


class Vault(VaultCopies):
    """An open vault file. Locked until ``unlock``; thread-safe through one lock."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn
        self._sessions: Sessions | None = None  # made on the first write (writing.py)
        # Rows read while the key was derived (see opening.py), for the first read_all
        # only: any write, or locking, drops them.
        self._prefetched: list[Row] | None = None
        self._mutex = threading.RLock()
        self._key: bytearray | None = None
        self._records: RecordSealer | None = None
        self._manifest: Manifest | None = None
        self._unverified: str | None = None
        self._closed = False
        # Ids of the records this Vault wrote or deleted since it was opened: what a
        # copy kept when the file is replaced underneath holds that the other lacks.
        self.written: set[str] = set()
        header = self._read_header()
        self._vault_id = bytes(header.vault_id)
        self._format_version = header.format_version
        self._stamp = FileStamp.of(path)

    # ----------------------------------------------------------------- opening

    @classmethod
    def create(cls, path: Path, passphrase: str, kdf: KdfParams | None = None) -> Vault:
        """Create a new vault (see :func:`newfile.write_new_vault`) and return it unlocked."""
        from journal_app.vault.newfile import write_new_vault  # writes, so loads SQLAlchemy

        data_key = write_new_vault(Path(path), passphrase, kdf)
        try:
            vault = cls.open(path)
        except BaseException:
            crypto.wipe(data_key)
            raise
        vault._set_key(data_key)
        vault._manifest = Manifest()
        return vault

    @classmethod
    def open(cls, path: Path) -> Vault:
        """Open a vault file, locked, after checking it is one. Writes nothing."""
        opening = Opening.of(Path(path))
        try:
            return cls(opening.path, opening.conn)
        except BaseException:
            opening.abandon()
            raise

    @classmethod
    def opened(cls, opening: Opening) -> Vault:
        """The vault of an :class:`Opening` whose unlock was begun, unlocked.

        Waits for the key and finishes the unlock as :meth:`unlock` does, raising
        what it would; the rows ``opening`` read early serve the first
        :meth:`read_all`. On failure the file is closed and the key wiped.
        """
        if opening.unwrapping is None:
            raise ValueError("the opening's unlock was not begun")
        try:
            vault = cls(opening.path, opening.conn)
            vault._prefetched = opening.rows
            opening.rows = None
            vault.unlock_with(opening.unwrapping)
        except BaseException:
            opening.abandon()
            raise
        return vault

    def _read_header(self) -> HeaderRow:
        with vault_errors():
            return checked_header(read_header(self._conn))

    # --------------------------------------------------------------- unlocking

    @property
    def is_unlocked(self) -> bool:
        return self._records is not None

    @property
    def vault_id(self) -> bytes:
        return self._vault_id

    @property
    def kdf_params(self) -> KdfParams:
        return params_from(self._read_header())

    @property
    def has_recovery_code(self) -> bool:
        return self._read_header().recovery_wrapped_key is not None

    def unlock(self, passphrase: str) -> None:
        """Derive the key-encryption key and unwrap the data key (the slow step)."""
        header = self._read_header()
        self._set_key(unwrap_with_passphrase(header, passphrase))
        self._after_unlock(header)

    @contextmanager
    def unlocking(self, passphrase: str) -> Iterator[None]:
        """Unlock while the block runs: :meth:`unlock`, with the slow step on a thread.

        The key is derived (see :class:`keys.Unwrapping`) while the caller does
        what does not need it, such as importing the journal; the block's end
        waits for it and finishes the unlock exactly as :meth:`unlock` does,
        raising what it would (WrongPassphrase...). If the block raises, the key
        is wiped and the vault stays locked.
        """
        unwrapping = Unwrapping(self._read_header(), passphrase)
        try:
            yield
        except BaseException:
            unwrapping.discard()
            raise
        self.unlock_with(unwrapping)

    def unlock_with(self, unwrapping: Unwrapping) -> None:
        """Finish an unlock begun on a thread: wait for the key, then as :meth:`unlock`.

        The header it was begun with must still be this vault's (the lock is ours,
        so only a mistake could make it differ); otherwise its key is wiped.
        """
        header = self._read_header()
        if unwrapping.header != header:
            unwrapping.discard()
            raise VaultChanged()
        self._set_key(unwrapping.key())
        self._after_unlock(header)

    def verify_passphrase(self, passphrase: str) -> None:
        """Raise WrongPassphrase unless ``passphrase`` opens this vault; changes nothing.

        Used before a passphrase change, so that someone at an unlocked screen
        cannot set a new passphrase without knowing the current one.
        """
        crypto.wipe(unwrap_with_passphrase(self._read_header(), passphrase))

    def unlock_with_recovery_code(self, code: str) -> None:
        """Unlock with the recovery code; the caller should then set a new passphrase."""
        header = self._read_header()
        if header.recovery_wrapped_key is None or header.recovery_salt is None:
            raise NoRecoveryCode()
        if not crypto.is_recovery_code_shaped(code):
            raise WrongRecoveryCode()
        rkey = crypto.derive_recovery_key(code, header.recovery_salt)
        try:
            data_key = crypto.open_sealed(
                rkey,
                header.recovery_nonce or b"",
                header.recovery_wrapped_key,
                recovery_aad(self._vault_id, header.recovery_salt),
            )
        except DecryptionFailed:
            raise WrongRecoveryCode() from None
        finally:
            crypto.wipe(rkey)
        self._set_key(bytearray(data_key))
        self._after_unlock(header)

    def _after_unlock(self, header: HeaderRow) -> None:
        """Bring an older format up to date, then read the manifest.

        If that fails the key is dropped again: a vault that cannot be read is
        never left half unlocked.
        """
        try:
            with self._mutex:
                if header.format_version < FORMAT_VERSION:
                    with self._writing() as writer:
                        writer.migrate(self._require_sealer(), header.format_version)
                        self._rewrap(writer, params_from(header), None)
                with vault_errors():
                    self._manifest, self._unverified = load_manifest(
                        self._conn, self._require_sealer(), expected=True
                    )
        except BaseException:
            self.lock()
            raise

    def _set_key(self, key: bytearray) -> None:
        with self._mutex:
            self._key = key
            self._records = RecordSealer(Sealer(key), self._vault_id)

    def lock(self) -> None:
        """Drop the data key. The file stays open (and ours) until ``close``."""
        with self._mutex:
            crypto.wipe(self._key)
            self._key = None
            self._records = None
            self._manifest = None
            self._unverified = None
            self._prefetched = None

    def close(self) -> None:
        with self._mutex:
            if self._closed:
                return
            self.lock()
            self._closed = True
            if self._sessions is not None:
                self._sessions.dispose()
            self._conn.close()

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _require_key(self) -> bytearray:
        if self._key is None:
            raise VaultLocked()
        return self._key

    def _require_sealer(self) -> RecordSealer:
        if self._records is None:
            raise VaultLocked()
        return self._records

    # ------------------------------------------------------- the file on disk

    def changed_on_disk(self) -> bool:
        """Whether another program replaced or rewrote the file since Tend last wrote it."""
        return FileStamp.of(self.path) != self._stamp

    @contextmanager
    def _writing(self) -> Iterator[Writer]:
        """One write transaction, refused if the file changed underneath.

        The stamp is taken again afterwards even when the write failed: a
        rolled-back transaction (a full disk) may still have touched the file.
        SQLAlchemy is loaded here, on the first write (see ``writing.py``).
        """
        if self.changed_on_disk():
            raise VaultChanged()
        self._prefetched = None
        if self._sessions is None:
            from journal_app.vault.writing import Sessions

            self._sessions = Sessions(self._conn)
        try:
            with vault_errors(), self._sessions.begin() as writer:
                yield writer
        finally:
            self._stamp = FileStamp.of(self.path)

    # --------------------------------------------------------- key management

    def change_passphrase(self, new_passphrase: str, kdf: KdfParams | None = None) -> None:
        """Re-wrap the data key under a new passphrase, in one transaction.

        The vault must be unlocked (by passphrase or recovery code). Parameters
        are raised to the default if the vault was made with weaker ones.
        """
        if not new_passphrase:
            raise ValueError("a passphrase is required")
        with self._mutex:
            self._require_key()
            if kdf is None:
                current = self.kdf_params
                kdf = KdfParams.fresh(
                    max(current.memory_kib, crypto.DEFAULT_MEMORY_KIB),
                    max(current.iterations, crypto.DEFAULT_ITERATIONS),
                    max(current.lanes, crypto.DEFAULT_LANES),
                )
            if not kdf.is_sane():
                raise ValueError("key-derivation parameters out of range")
            with self._writing() as writer:
                self._rewrap(writer, kdf, new_passphrase)

    def _rewrap(self, writer: Writer, params: KdfParams, passphrase: str | None) -> None:
        """Wrap the data key again; with no passphrase, keep the current KEK's wrap."""
        key = self._require_key()
        values: dict[str, object] = {"format_version": FORMAT_VERSION}
        if passphrase is not None:
            kek = crypto.derive_passphrase_key(passphrase, params)
            try:
                nonce, wrapped = crypto.seal(kek, bytes(key), key_aad(self._vault_id, params))
            finally:
                crypto.wipe(kek)
            values.update(
                kdf_memory_kib=params.memory_kib,
                kdf_iterations=params.iterations,
                kdf_lanes=params.lanes,
                kdf_salt=params.salt,
                wrap_nonce=nonce,
                wrapped_key=wrapped,
            )
        writer.update_header(values)
        self._format_version = FORMAT_VERSION

    def new_recovery_code(self) -> str:
        """Make a new recovery code (the old one stops working). Show it once."""
        with self._mutex:
            key = self._require_key()
            code = crypto.new_recovery_code()
            salt = os.urandom(crypto.SALT_BYTES)
            rkey = crypto.derive_recovery_key(code, salt)
            try:
                nonce, wrapped = crypto.seal(rkey, bytes(key), recovery_aad(self._vault_id, salt))
            finally:
                crypto.wipe(rkey)
            self._set_recovery(salt, nonce, wrapped)
            return code

    def remove_recovery_code(self) -> None:
        with self._mutex:
            self._require_key()
            self._set_recovery(None, None, None)

    def _set_recovery(self, salt: bytes | None, nonce: bytes | None, wrapped: bytes | None) -> None:
        with self._writing() as writer:
            writer.update_header(
                {"recovery_salt": salt, "recovery_nonce": nonce, "recovery_wrapped_key": wrapped}
            )

    # ----------------------------------------------------------------- records

    def put(self, kind: str, payload: bytes, record_id: str | None = None) -> str:
        """Seal and store one record durably; returns its id."""
        return self.put_many([(kind, payload, record_id)])[0]

    def put_many(self, items: Iterable[tuple[str, bytes, str | None]]) -> list[str]:
        """Seal and store several records in one transaction (all or none)."""
        with self._mutex:
            sealer = self._require_sealer()
            rows = []
            for kind, payload, record_id in items:
                rid = record_id or new_record_id()
                if kind == MANIFEST_KIND or is_reserved(rid) or not listable(rid, kind):
                    raise ValueError(f"{kind!r}/{rid!r} cannot be a record's kind and id")
                rows.append(sealer.seal(rid, kind, payload))
            if rows:
                self._write(rows, ())
            return [str(row["id"]) for row in rows]

    def delete(self, record_ids: Iterable[str]) -> int:
        """Remove records for good (secure_delete zeroes the freed pages)."""
        ids = [rid for rid in record_ids if not is_reserved(rid)]
        if not ids:
            return 0
        with self._mutex:
            self._require_sealer()
            return self._write([], ids)

    def _write(self, rows: list[SealedRow], deleted: Iterable[str]) -> int:
        """Store ``rows`` and delete ``deleted`` with the manifest, in one transaction.

        A manifest that could not be read at unlock is made again from the rows
        as they are now, once the person writes: Tend keeps working, and the
        check starts over from there (the unlock has already said so).
        """
        sealer = self._require_sealer()
        deleted = list(deleted)
        rebuild = self._manifest is None
        base = self._manifest if self._manifest is not None else self._manifest_of_rows()
        written = ((r["id"], r["kind"], r["nonce"]) for r in rows)
        manifest, touched = base.changed(written, deleted)
        if rebuild:
            touched = set(range(256))
        manifest_rows, gone = manifest.sealed_rows(touched, sealer)
        with self._writing() as writer:
            if rebuild:
                writer.delete_kind(MANIFEST_KIND)
            removed = writer.delete_ids(deleted) if deleted else 0
            if gone:
                writer.delete_ids(gone)
            writer.upsert([*rows, *manifest_rows])
        self._manifest, self._unverified = manifest, None
        self.written.update(str(row["id"]) for row in rows)
        self.written.update(deleted)
        return removed

    def _manifest_of_rows(self) -> Manifest:
        with vault_errors():
            rows = self._conn.execute(
                "SELECT id, kind, nonce FROM tend_record WHERE kind IS NOT ? "
                "AND typeof(id) = 'text' AND typeof(kind) = 'text' AND typeof(nonce) = 'blob'",
                (MANIFEST_KIND,),
            ).fetchall()
        return Manifest.of_rows(rows)

    def read_kind(self, kind: str, within: ReadResult | None = None) -> ReadResult:
        """The records of one kind: from ``within`` (an earlier ``read_all``) when
        given, so unlocking decrypts each record once, else read now."""
        return within.of_kind(kind) if within is not None else self.read_all(kind)

    def read_all(self, kind: str | None = None) -> ReadResult:
        """Decrypt every record (of one kind); those that fail are listed, not raised.

        Records the manifest does not vouch for (missing, an older copy, not
        expected) are listed with the damaged ones, each with its reason. Read
        whole, pictures stay sealed (see reading.py): ``read`` opens one.
        """
        with self._mutex:
            sealer = self._require_sealer()
            prefetched, self._prefetched = self._prefetched, None
            with vault_errors():
                if prefetched is None or kind:
                    rows = data_rows(self._conn, kind, bulk=True)
                else:
                    rows = prefetched
                opened = sealer.open_rows(rows)
                if kind is None:
                    vouch_unread(self._conn, opened)
            return checked(opened, self._manifest, self._unverified, kind)

    def read(self, record_id: str) -> PlainRecord | None:
        """One record, or None if there is none; raises DamagedRecords if it won't open."""
        with self._mutex:
            sealer = self._require_sealer()
            with vault_errors():
                rows = self._conn.execute(f"{ROWS_SQL} WHERE id = ?", (record_id,)).fetchall()
            opened = sealer.open_rows(rows)
            problems = dict(opened.problems)
            if self._manifest is not None and not problems:
                found = self._manifest.problem_of(record_id, opened.seen.get(record_id))
                if found is not None:
                    problems[record_id] = found
            if problems:
                raise DamagedRecords(list(problems), problems)
            return opened.records[0] if opened.records else None

    def examine(self) -> VaultCheck:
        """Verify SQLite's structure, every record and the manifest; change nothing."""
        with self._mutex:
            self._require_sealer()
            with vault_errors():
                findings = tuple(row[0] for row in self._conn.execute("PRAGMA quick_check"))
            structure = () if findings == ("ok",) else findings
            result, pictures = self._read_everything()
            sound = len(result.records) + len(pictures - result.problems.keys())
            return VaultCheck(sound, result.problems, result.unverified, structure)

    def unreadable(self) -> list[str]:
        """Every record that does not open as saved, the pictures opened too."""
        with self._mutex:
            return self._read_everything()[0].damaged

    def _read_everything(self) -> tuple[ReadResult, set[str]]:
        """Every record checked, and the ids of the pictures, opened but not kept."""
        sealer = self._require_sealer()
        with vault_errors():
            opened = sealer.open_rows(data_rows(self._conn, bulk=True))
            pictures = sealer.open_rows(data_rows(self._conn, IMAGE_KIND), False)
        opened.seen.update(pictures.seen)
        opened.problems.update(pictures.problems)
        return checked(opened, self._manifest, self._unverified), set(pictures.seen)

    def check(self) -> list[str]:
        """Verify SQLite's structure and every record; return the ids that did not open.

        Raises:
            DamagedVault: SQLite's own check of the file's structure failed.
        """
        report = self.examine()
        if report.structure:
            raise DamagedVault()
        return list(report.problems)

    def sizes(self, kind: str) -> dict[str, int]:
        """The sealed size of each record of one kind, in bytes, without opening any.

        The sizes are in the clear anyway (a ciphertext's length is its payload's
        plus the tag), so the caps on pictures can be kept without decrypting them.
        """
        query = "SELECT id, length(ciphertext) FROM tend_record WHERE kind = ?"
        with self._mutex, vault_errors():
            return {str(rid): int(size or 0) for rid, size in self._conn.execute(query, (kind,))}

    def count(self, kind: str | None = None) -> int:
        if kind is None:
            with self._mutex:
                return count_records(self._conn)
        with self._mutex, vault_errors():
            query = "SELECT count(*) FROM tend_record WHERE kind = ?"
            return int(self._conn.execute(query, (kind,)).fetchone()[0])
