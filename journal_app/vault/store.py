"""The encrypted store: one SQLite file, one writer, nothing unsealed on disk.

A vault is opened in two steps. ``Vault.open`` checks that the file is a Tend
vault and takes SQLite's exclusive lock, without writing a byte; only then may
``unlock`` derive the key. Every check happens before anything is written, so a
file that cannot be read is never changed.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import struct
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, delete, event, func, select, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from journal_app.vault import crypto
from journal_app.vault.crypto import DecryptionFailed, KdfParams, Sealer
from journal_app.vault.errors import (
    DamagedRecords,
    DamagedVault,
    NewerVersion,
    NoRecoveryCode,
    NotAVault,
    StorageFull,
    VaultError,
    VaultExists,
    VaultInUse,
    VaultLocked,
    WrongPassphrase,
    WrongRecoveryCode,
)
from journal_app.vault.migrations import migrate
from journal_app.vault.schema import (
    APPLICATION_ID,
    FORMAT_VERSION,
    HEADER_ROW_ID,
    MAGIC,
    Base,
    Header,
    Record,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
SQLITE_HEADER_BYTES = 100
RECORD_VERSION = 1
# How long to wait for a lock held by another process before saying it is in use.
BUSY_TIMEOUT_S = 0.2


@dataclass(frozen=True, slots=True)
class PlainRecord:
    """A record after decryption: only ever held in memory."""

    id: str
    kind: str
    payload: bytes


@dataclass(frozen=True, slots=True)
class ReadResult:
    records: list[PlainRecord]
    damaged: list[str]


def new_record_id() -> str:
    return secrets.token_hex(16)


def _record_aad(vault_id: bytes, record_id: str, kind: str, version: int) -> bytes:
    return crypto.pack_fields(
        b"tend-record", vault_id, record_id.encode(), kind.encode(), struct.pack(">I", version)
    )


def _key_aad(vault_id: bytes, format_version: int, params: KdfParams) -> bytes:
    return crypto.pack_fields(
        b"tend-key", vault_id, struct.pack(">I", format_version), params.bound()
    )


def _recovery_aad(vault_id: bytes, salt: bytes) -> bytes:
    return crypto.pack_fields(b"tend-recovery", vault_id, salt)


def _translate(exc: BaseException) -> VaultError | None:
    """Map SQLite's errors onto the vault's own, by SQLite's error codes where it gives them."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if not isinstance(orig, sqlite3.Error):
        return None
    code = getattr(orig, "sqlite_errorcode", None)
    text = str(orig).lower()
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
        return VaultInUse()
    if code == sqlite3.SQLITE_FULL or "disk is full" in text:
        return StorageFull()
    if code == sqlite3.SQLITE_NOTADB or "not a database" in text:
        return NotAVault()
    if code == sqlite3.SQLITE_CORRUPT or "malformed" in text:
        return DamagedVault()
    if code == sqlite3.SQLITE_READONLY or "readonly" in text:
        return VaultError("The journal's file cannot be written to. Check its permissions.")
    if code == sqlite3.SQLITE_IOERR or "disk i/o" in text:
        return DamagedVault(
            "The journal's file could not be read or written. What was saved before is safe. "
            "Check the disk, then try again."
        )
    return None


@contextmanager
def _vault_errors() -> Iterator[None]:
    try:
        yield
    except (DBAPIError, sqlite3.Error) as exc:
        translated = _translate(exc)
        if translated is None:
            raise
        raise translated from exc


def _precheck_file(path: Path) -> None:
    """Refuse what is plainly not a Tend vault before SQLite ever sees it."""
    try:
        with path.open("rb") as handle:
            head = handle.read(SQLITE_HEADER_BYTES)
    except FileNotFoundError:
        raise NotAVault(f"There is no journal at {path}.") from None
    except IsADirectoryError:
        raise NotAVault(f"{path} is a folder, not a Tend journal.") from None
    if len(head) < SQLITE_HEADER_BYTES or not head.startswith(SQLITE_MAGIC):
        raise NotAVault()
    (application_id,) = struct.unpack(">I", head[68:72])
    if application_id != APPLICATION_ID:
        raise NotAVault()
    (page_size,) = struct.unpack(">H", head[16:18])
    page_size = 65536 if page_size == 1 else page_size
    (page_count,) = struct.unpack(">I", head[28:32])
    wal = path.with_name(path.name + "-wal")
    size = path.stat().st_size
    if page_count and page_size * page_count > size and not wal.exists():
        raise DamagedVault()


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _connect(path: Path) -> sqlite3.Connection:
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


def _configure_for_writing(conn: sqlite3.Connection) -> None:
    """Durable, one writer, freed pages zeroed. Run only once the file is known good."""
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA secure_delete=ON")
    conn.execute("PRAGMA foreign_keys=ON")


def _make_engine(conn: sqlite3.Connection) -> Engine:
    engine = create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool)

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:  # noqa: ANN001 - SQLAlchemy's event signature
        # Python's sqlite3 only begins before DML; begin explicitly so reads and
        # writes of one action form one transaction.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class Vault:
    """An open vault file. Locked until ``unlock``; thread-safe through one lock."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn
        self._engine = _make_engine(conn)
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)
        self._mutex = threading.RLock()
        self._key: bytearray | None = None
        self._sealer: Sealer | None = None
        self._closed = False
        header = self._read_header()
        self._vault_id = bytes(header.vault_id)
        self._format_version = header.format_version

    # ----------------------------------------------------------------- opening

    @classmethod
    def create(cls, path: Path, passphrase: str, kdf: KdfParams | None = None) -> Vault:
        """Create a new vault and return it unlocked.

        The file is built under a temporary name and moved into place only when
        complete, so a crash during creation leaves no half-made vault behind.
        """
        path = Path(path)
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
        kek = crypto.derive_passphrase_key(passphrase, params)
        try:
            nonce, wrapped = crypto.seal(
                kek, bytes(data_key), _key_aad(vault_id, FORMAT_VERSION, params)
            )
        finally:
            crypto.wipe(kek)
        try:
            conn = sqlite3.connect(temp, isolation_level=None)
            try:
                conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version={FORMAT_VERSION}")
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=FULL")
                conn.execute("PRAGMA secure_delete=ON")
                engine = create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool)
                Base.metadata.create_all(engine)
                with Session(engine) as session, session.begin():
                    session.add(
                        Header(
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
                    )
                engine.dispose()
            finally:
                conn.close()
            if os.name == "posix":
                temp.chmod(0o600)
            with temp.open("rb+") as handle:
                os.fsync(handle.fileno())
            try:
                os.link(temp, path)  # fails rather than replace a file made meanwhile
            except FileExistsError:
                raise VaultExists() from None
            except OSError:
                if path.exists():
                    raise VaultExists() from None
                temp.replace(path)
            _fsync_dir(path.parent)
        except sqlite3.Error as exc:
            crypto.wipe(data_key)
            translated = _translate(exc)
            raise (translated or VaultError(str(exc))) from exc
        except BaseException:
            crypto.wipe(data_key)
            raise
        finally:
            for leftover in (
                temp,
                temp.with_name(temp.name + "-wal"),
                temp.with_name(temp.name + "-shm"),
            ):
                leftover.unlink(missing_ok=True)
        vault = cls.open(path)
        vault._set_key(data_key)
        return vault

    @classmethod
    def open(cls, path: Path) -> Vault:
        """Open a vault file, locked, after checking it is one. Writes nothing."""
        path = Path(path)
        _precheck_file(path)
        conn: sqlite3.Connection | None = None
        try:
            with _vault_errors():
                conn = _connect(path)
                tables = {
                    row[0]
                    for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
                }
                if not {Header.__tablename__, Record.__tablename__} <= tables:
                    raise NotAVault()
                _configure_for_writing(conn)
                vault = cls(path, conn)
        except BaseException:
            if conn is not None:
                conn.close()
            raise
        return vault

    def _read_header(self) -> Header:
        with _vault_errors(), self._sessions() as session:
            header = session.get(Header, HEADER_ROW_ID)
        if header is None or header.magic != MAGIC:
            raise NotAVault()
        if header.format_version > FORMAT_VERSION:
            raise NewerVersion()
        params = self._params_of(header)
        if not params.is_sane() or len(header.vault_id) != 16:
            raise DamagedVault()
        return header

    @staticmethod
    def _params_of(header: Header) -> KdfParams:
        return KdfParams(
            salt=bytes(header.kdf_salt),
            memory_kib=header.kdf_memory_kib,
            iterations=header.kdf_iterations,
            lanes=header.kdf_lanes,
        )

    # --------------------------------------------------------------- unlocking

    @property
    def is_unlocked(self) -> bool:
        return self._sealer is not None

    @property
    def vault_id(self) -> bytes:
        return self._vault_id

    @property
    def kdf_params(self) -> KdfParams:
        return self._params_of(self._read_header())

    @property
    def has_recovery_code(self) -> bool:
        return self._read_header().recovery_wrapped_key is not None

    def unlock(self, passphrase: str) -> None:
        """Derive the key-encryption key and unwrap the data key (the slow step)."""
        header = self._read_header()
        params = self._params_of(header)
        kek = crypto.derive_passphrase_key(passphrase, params)
        try:
            data_key = crypto.open_sealed(
                kek,
                header.wrap_nonce,
                header.wrapped_key,
                _key_aad(self._vault_id, header.format_version, params),
            )
        except DecryptionFailed:
            raise WrongPassphrase() from None
        finally:
            crypto.wipe(kek)
        self._set_key(bytearray(data_key))
        self._after_unlock(header)

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
                _recovery_aad(self._vault_id, header.recovery_salt),
            )
        except DecryptionFailed:
            raise WrongRecoveryCode() from None
        finally:
            crypto.wipe(rkey)
        self._set_key(bytearray(data_key))
        self._after_unlock(header)

    def _after_unlock(self, header: Header) -> None:
        if header.format_version < FORMAT_VERSION:
            with self._mutex, _vault_errors(), self._sessions.begin() as session:
                migrate(session, header.format_version)
                self._rewrap(session, self._params_of(header), None)

    def _set_key(self, key: bytearray) -> None:
        with self._mutex:
            self._key = key
            self._sealer = Sealer(key)

    def lock(self) -> None:
        """Drop the data key. The file stays open (and ours) until ``close``."""
        with self._mutex:
            crypto.wipe(self._key)
            self._key = None
            self._sealer = None

    def close(self) -> None:
        with self._mutex:
            if self._closed:
                return
            self.lock()
            self._closed = True
            self._engine.dispose()
            self._conn.close()

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _require_key(self) -> tuple[bytearray, Sealer]:
        if self._key is None or self._sealer is None:
            raise VaultLocked()
        return self._key, self._sealer

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
            with _vault_errors(), self._sessions.begin() as session:
                self._rewrap(session, kdf, new_passphrase)

    def _rewrap(self, session: Session, params: KdfParams, passphrase: str | None) -> None:
        """Wrap the data key again; with no passphrase, keep the current KEK's wrap."""
        key, _ = self._require_key()
        header = session.get(Header, HEADER_ROW_ID)
        assert header is not None
        header.format_version = FORMAT_VERSION
        if passphrase is not None:
            kek = crypto.derive_passphrase_key(passphrase, params)
            try:
                nonce, wrapped = crypto.seal(
                    kek, bytes(key), _key_aad(self._vault_id, FORMAT_VERSION, params)
                )
            finally:
                crypto.wipe(kek)
            header.kdf_memory_kib = params.memory_kib
            header.kdf_iterations = params.iterations
            header.kdf_lanes = params.lanes
            header.kdf_salt = params.salt
            header.wrap_nonce = nonce
            header.wrapped_key = wrapped
        self._format_version = FORMAT_VERSION

    def new_recovery_code(self) -> str:
        """Make a new recovery code (the old one stops working). Show it once."""
        with self._mutex:
            key, _ = self._require_key()
            code = crypto.new_recovery_code()
            salt = os.urandom(crypto.SALT_BYTES)
            rkey = crypto.derive_recovery_key(code, salt)
            try:
                nonce, wrapped = crypto.seal(rkey, bytes(key), _recovery_aad(self._vault_id, salt))
            finally:
                crypto.wipe(rkey)
            with _vault_errors(), self._sessions.begin() as session:
                session.execute(
                    update(Header)
                    .where(Header.id == HEADER_ROW_ID)
                    .values(recovery_salt=salt, recovery_nonce=nonce, recovery_wrapped_key=wrapped)
                )
            return code

    def remove_recovery_code(self) -> None:
        with self._mutex:
            self._require_key()
            with _vault_errors(), self._sessions.begin() as session:
                session.execute(
                    update(Header)
                    .where(Header.id == HEADER_ROW_ID)
                    .values(recovery_salt=None, recovery_nonce=None, recovery_wrapped_key=None)
                )

    # ----------------------------------------------------------------- records

    def put(self, kind: str, payload: bytes, record_id: str | None = None) -> str:
        """Seal and store one record durably; returns its id."""
        return self.put_many([(kind, payload, record_id)])[0]

    def put_many(self, items: Iterable[tuple[str, bytes, str | None]]) -> list[str]:
        """Seal and store several records in one transaction (all or none)."""
        with self._mutex:
            _, sealer = self._require_key()
            rows = []
            for kind, payload, record_id in items:
                rid = record_id or new_record_id()
                nonce, ciphertext = sealer.seal(
                    payload, _record_aad(self._vault_id, rid, kind, RECORD_VERSION)
                )
                rows.append(
                    {
                        "id": rid,
                        "kind": kind,
                        "version": RECORD_VERSION,
                        "nonce": nonce,
                        "ciphertext": ciphertext,
                    }
                )
            if not rows:
                return []
            statement = insert(Record)
            statement = statement.on_conflict_do_update(
                index_elements=[Record.id],
                set_={
                    "kind": statement.excluded.kind,
                    "version": statement.excluded.version,
                    "nonce": statement.excluded.nonce,
                    "ciphertext": statement.excluded.ciphertext,
                },
            )
            with _vault_errors(), self._sessions.begin() as session:
                session.execute(statement, rows)
            return [row["id"] for row in rows]

    def delete(self, record_ids: Iterable[str]) -> int:
        """Remove records for good (secure_delete zeroes the freed pages)."""
        ids = list(record_ids)
        if not ids:
            return 0
        with self._mutex:
            self._require_key()
            with _vault_errors(), self._sessions.begin() as session:
                result = session.execute(delete(Record).where(Record.id.in_(ids)))
            with _vault_errors():
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return result.rowcount

    def read_all(self, kind: str | None = None) -> ReadResult:
        """Decrypt every record (of one kind); damaged ones are listed, not raised."""
        with self._mutex:
            _, sealer = self._require_key()
            query = select(Record.id, Record.kind, Record.version, Record.nonce, Record.ciphertext)
            if kind is not None:
                query = query.where(Record.kind == kind)
            with _vault_errors(), self._sessions() as session:
                rows = session.execute(query).all()
            records: list[PlainRecord] = []
            damaged: list[str] = []
            vault_id = self._vault_id
            for rid, rkind, version, nonce, ciphertext in rows:
                try:
                    payload = sealer.open(
                        nonce, ciphertext, _record_aad(vault_id, rid, rkind, version)
                    )
                except DecryptionFailed:
                    damaged.append(rid)
                    continue
                records.append(PlainRecord(rid, rkind, payload))
            return ReadResult(records, damaged)

    def read(self, record_id: str) -> PlainRecord | None:
        """One record, or None if there is none; raises DamagedRecords if it won't open."""
        with self._mutex:
            _, sealer = self._require_key()
            with _vault_errors(), self._sessions() as session:
                row = session.get(Record, record_id)
            if row is None:
                return None
            try:
                payload = sealer.open(
                    row.nonce,
                    row.ciphertext,
                    _record_aad(self._vault_id, row.id, row.kind, row.version),
                )
            except DecryptionFailed:
                raise DamagedRecords([record_id]) from None
            return PlainRecord(row.id, row.kind, payload)

    def check(self) -> list[str]:
        """Verify SQLite's structure and every record; return the damaged record ids."""
        with self._mutex:
            self._require_key()
            with _vault_errors():
                problems = [row[0] for row in self._conn.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise DamagedVault()
            return self.read_all().damaged

    def count(self, kind: str | None = None) -> int:
        query = select(func.count()).select_from(Record)
        if kind is not None:
            query = query.where(Record.kind == kind)
        with self._mutex, _vault_errors(), self._sessions() as session:
            return int(session.execute(query).scalar_one())
