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
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from sqlalchemy import Engine, create_engine, delete, event, func, select, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from journal_app.vault import crypto
from journal_app.vault.crypto import DecryptionFailed, KdfParams, Sealer
from journal_app.vault.errors import (
    Cancelled,
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
from journal_app.vault.fileheader import SQLITE_HEADER_BYTES, SQLITE_MAGIC
from journal_app.vault.fileheader import is_vault_file as is_vault_file  # re-exported
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

RECORD_VERSION = 1
# How long to wait for a lock held by another process before saying it is in use.
BUSY_TIMEOUT_S = 0.2
# Pages copied per step of SQLite's online backup, between progress reports.
COPY_STEP_PAGES = 256
# Records verified between progress reports and checks for cancellation.
VERIFY_STEP_RECORDS = 256

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` during long work; may be called often."""
CancelCheck = Callable[[], bool]
"""Returns True once the person has asked to stop; the work then raises Cancelled."""


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

    def of_kind(self, kind: str) -> ReadResult:
        """The records of one kind. Damaged records (whose kind cannot be trusted)
        stay with the whole read, reported once by whoever made it."""
        return ReadResult([record for record in self.records if record.kind == kind], [])


@dataclass(frozen=True, slots=True)
class CopyReport:
    """What verifying a copy of a vault (a backup, a restore) found.

    ``records`` counts every record in the copy; ``damaged`` lists those that would
    not open (normally none; a record already damaged in the journal stays so).
    """

    records: int
    damaged: tuple[str, ...] = ()


def new_record_id() -> str:
    return secrets.token_hex(16)


_READ_ALL_SQL = f"SELECT id, kind, version, nonce, ciphertext FROM {Record.__tablename__}"


def _record_aad(vault_id: bytes, record_id: str, kind: str, version: int) -> bytes:
    return crypto.pack_fields(
        b"tend-record", vault_id, record_id.encode(), kind.encode(), struct.pack(">I", version)
    )


def _key_aad(vault_id: bytes, params: KdfParams) -> bytes:
    """What the wrapped data key is bound to: this vault and its KDF settings.

    The format version is deliberately not bound here: a migration raises it
    after an unlock by recovery code, when only the data key (not the passphrase's
    key) is in hand. Records bind their own version instead.
    """
    return crypto.pack_fields(b"tend-key", vault_id, params.bound())


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


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _sidecars(path: Path) -> tuple[Path, ...]:
    """SQLite's companion files for ``path``."""
    return tuple(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))


def _remove_with_sidecars(path: Path) -> None:
    for leftover in (path, *_sidecars(path)):
        leftover.unlink(missing_ok=True)


def _new_temp_beside(path: Path, purpose: str) -> Path:
    """An empty file, readable by its owner only, in the same folder as ``path``.

    Copies are built under such a name and renamed into place only when verified,
    so an interrupted copy is never mistaken for a good one.
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    for _ in range(8):
        temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.{purpose}")
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        return temp
    raise FileExistsError(f"could not make a temporary file beside {path}")


def _place_new(temp: Path, path: Path) -> None:
    """Give ``temp`` the name ``path`` without ever replacing a file already there."""
    try:
        os.link(temp, path)  # fails rather than replace a file made meanwhile
    except FileExistsError:
        raise VaultExists() from None
    except OSError:
        # Some file systems (FAT on a memory stick) have no hard links.
        if path.exists():
            raise VaultExists() from None
        temp.replace(path)
    _fsync_dir(path.parent)


def _check_cancel(cancelled: CancelCheck | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled()


def _connect_for_reading(path: Path) -> sqlite3.Connection:
    """A connection that only reads a vault file (a backup), holding it for its life.

    A file in rollback mode (every backup Tend writes) is read without creating
    any file beside it. One left in WAL mode gets SQLite's temporary companions,
    removed again on close. A vault open elsewhere is refused as in use.
    """
    _precheck_file(path)
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
    )
    try:
        with _vault_errors():
            conn.execute("PRAGMA locking_mode=EXCLUSIVE")
            conn.execute("PRAGMA temp_store=MEMORY")
            conn.execute("PRAGMA query_only=ON")
            tables = {
                row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not {Header.__tablename__, Record.__tablename__} <= tables:
                raise NotAVault()
    except BaseException:
        conn.close()
        raise
    return conn


def _copy_database(
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
        _check_cancel(cancelled)
        if progress is not None:
            progress(total - remaining, total_steps or total)

    dest = sqlite3.connect(temp, isolation_level=None, check_same_thread=False)
    try:
        with _vault_errors():
            dest.execute("PRAGMA locking_mode=EXCLUSIVE")
            _check_cancel(cancelled)
            source.backup(dest, pages=COPY_STEP_PAGES, progress=step)
            dest.execute("PRAGMA journal_mode=DELETE")
            problems = [row[0] for row in dest.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise DamagedVault("The copy could not be checked, so it was not kept.")
    finally:
        dest.close()
    if os.name == "posix":
        temp.chmod(0o600)
    _fsync_file(temp)
    return pages


def _header_fields(header: Header) -> tuple[object, ...]:
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


def _params_from(header: Header) -> KdfParams:
    return KdfParams(
        salt=bytes(header.kdf_salt),
        memory_kib=header.kdf_memory_kib,
        iterations=header.kdf_iterations,
        lanes=header.kdf_lanes,
    )


def _checked_header(header: Header | None) -> Header:
    """Refuse a header that is missing, foreign, newer or out of range."""
    if header is None or header.magic != MAGIC:
        raise NotAVault()
    if header.format_version > FORMAT_VERSION:
        raise NewerVersion()
    if header.format_version < 1 or not _params_from(header).is_sane():
        raise DamagedVault()
    if len(header.vault_id) != 16:
        raise DamagedVault()
    return header


def _unwrap_with_passphrase(header: Header, passphrase: str) -> bytearray:
    """The data key, unwrapped with the passphrase (the slow step: Argon2id)."""
    params = _params_from(header)
    kek = crypto.derive_passphrase_key(passphrase, params)
    try:
        data_key = crypto.open_sealed(
            kek,
            header.wrap_nonce,
            header.wrapped_key,
            _key_aad(bytes(header.vault_id), params),
        )
    except DecryptionFailed:
        raise WrongPassphrase() from None
    finally:
        crypto.wipe(kek)
    return bytearray(data_key)


class _CopyReader:
    """Reads the header and records of a vault file through a reading connection."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = _connect_for_reading(path)
        self.engine = create_engine("sqlite://", creator=lambda: self.conn, poolclass=StaticPool)

    def close(self) -> None:
        self.engine.dispose()
        self.conn.close()

    def __enter__(self) -> _CopyReader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def header(self) -> Header:
        with _vault_errors(), Session(self.engine) as session:
            return _checked_header(session.get(Header, HEADER_ROW_ID))

    def count(self) -> int:
        with _vault_errors(), Session(self.engine) as session:
            return int(session.execute(select(func.count()).select_from(Record)).scalar_one())

    def verify(
        self,
        sealer: Sealer,
        vault_id: bytes,
        progress: Progress | None = None,
        cancelled: CancelCheck | None = None,
        done_before: int = 0,
        total: int = 0,
    ) -> CopyReport:
        """Open every record with ``sealer``; list those that fail."""
        total = total or done_before + self.count()
        query = select(Record.id, Record.kind, Record.version, Record.nonce, Record.ciphertext)
        records = 0
        damaged: list[str] = []
        with _vault_errors(), self.engine.connect() as connection:
            rows = connection.execution_options(yield_per=VERIFY_STEP_RECORDS).execute(query)
            for rid, kind, version, nonce, ciphertext in rows:
                try:
                    sealer.open(nonce, ciphertext, _record_aad(vault_id, rid, kind, version))
                except DecryptionFailed:
                    damaged.append(rid)
                records += 1
                if records % VERIFY_STEP_RECORDS == 0:
                    _check_cancel(cancelled)
                    if progress is not None:
                        progress(done_before + records, total)
        _check_cancel(cancelled)
        if progress is not None:
            progress(total, total)
        return CopyReport(records, tuple(damaged))


def vault_id_of(path: Path) -> bytes | None:
    """The id of the vault in the file ``path`` (a backup), or None if it won't say.

    Only reads. Used to tell one journal's backups from another's in a shared folder.
    """
    try:
        with _CopyReader(Path(path)) as reader:
            return bytes(reader.header().vault_id)
    except (VaultError, sqlite3.Error, OSError):
        return None


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
            nonce, wrapped = crypto.seal(kek, bytes(data_key), _key_aad(vault_id, params))
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
            _fsync_file(temp)
            _place_new(temp, path)
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
        return _checked_header(header)

    @staticmethod
    def _params_of(header: Header) -> KdfParams:
        return _params_from(header)

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
        self._set_key(_unwrap_with_passphrase(header, passphrase))
        self._after_unlock(header)

    def verify_passphrase(self, passphrase: str) -> None:
        """Raise WrongPassphrase unless ``passphrase`` opens this vault; changes nothing.

        Used before a passphrase change, so that someone at an unlocked screen
        cannot set a new passphrase without knowing the current one.
        """
        crypto.wipe(_unwrap_with_passphrase(self._read_header(), passphrase))

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
                nonce, wrapped = crypto.seal(kek, bytes(key), _key_aad(self._vault_id, params))
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

    def read_kind(self, kind: str, within: ReadResult | None = None) -> ReadResult:
        """The records of one kind: from ``within`` (an earlier ``read_all``) when
        given, so unlocking decrypts each record once, else read now."""
        return within.of_kind(kind) if within is not None else self.read_all(kind)

    def read_all(self, kind: str | None = None) -> ReadResult:
        """Decrypt every record (of one kind); damaged ones are listed, not raised.

        This is the unlock path for every entry, so it reads through the vault's
        own DB-API cursor (no ORM rows) and builds each record's associated data
        from a prefix computed once; the bytes are the same as ``_record_aad``'s.
        """
        with self._mutex:
            _, sealer = self._require_key()
            sql = _READ_ALL_SQL
            params: tuple[str, ...] = ()
            if kind is not None:
                sql, params = f"{sql} WHERE kind = ?", (kind,)
            prefix = crypto.pack_fields(b"tend-record", self._vault_id)
            tails: dict[tuple[str, int], bytes] = {}
            decrypt = sealer.decrypt
            records: list[PlainRecord] = []
            damaged: list[str] = []
            with _vault_errors():
                for rid, rkind, version, nonce, ciphertext in self._conn.execute(sql, params):
                    tail = tails.get((rkind, version))
                    if tail is None:
                        tail = crypto.pack_fields(rkind.encode(), struct.pack(">I", version))
                        tails[(rkind, version)] = tail
                    raw_id = rid.encode()
                    aad = prefix + struct.pack(">I", len(raw_id)) + raw_id + tail
                    try:
                        payload = decrypt(nonce, ciphertext, aad)
                    except (InvalidTag, ValueError):
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

    # ------------------------------------------------------------------ copies

    def backup_to(
        self,
        path: Path,
        *,
        progress: Progress | None = None,
        cancelled: CancelCheck | None = None,
    ) -> CopyReport:
        """Write a verified, encrypted copy of this vault to ``path`` (a new file).

        The copy is made with SQLite's online backup API from this vault's own
        connection, so it is a consistent snapshot even mid-session, and it is one
        self-contained file in rollback mode (no ``-wal`` beside it). It keeps the
        same header: the same passphrase (and recovery code) opens it on any
        machine with ``Vault.open``. Steps: copy into a temporary file in the
        destination's folder -> check SQLite's structure -> fsync -> open every
        record with the data key -> give it its name (never replacing a file) ->
        fsync the folder. Nothing unsealed is written at any step.

        Args:
            path: the backup file to make; it must not exist yet.
            progress: ``progress(done, total)``, copying then verifying.
            cancelled: polled between steps; when it returns True the partial
                copy is removed and :class:`Cancelled` is raised.

        Returns:
            How many records the copy holds, and any that were already damaged
            in this vault (they are copied as they are; nothing else is lost).

        Raises:
            VaultExists: ``path`` already exists (or is this vault's own file).
            DamagedVault: the copy could not be verified; it was not kept.
            Cancelled: the person stopped it; no file was left behind.
        """
        path = Path(path)
        with self._mutex:
            _, sealer = self._require_key()
            if path.exists() or path.resolve() in {
                p.resolve() for p in (self.path, *_sidecars(self.path))
            }:
                raise VaultExists()
            with _vault_errors():
                (page_count,) = self._conn.execute("PRAGMA page_count").fetchone()
            records = self.count()
            total = int(page_count) + records
            temp = _new_temp_beside(path, "partial")
            try:
                _copy_database(self._conn, temp, progress, cancelled, total)
                with _CopyReader(temp) as reader:
                    if _header_fields(reader.header()) != _header_fields(self._read_header()):
                        raise DamagedVault("The copy could not be verified, so it was not kept.")
                    report = reader.verify(
                        sealer, self._vault_id, progress, cancelled, int(page_count), total
                    )
                unexpected = set(report.damaged)
                if unexpected:
                    unexpected -= set(self.read_all().damaged)
                if unexpected or report.records != records:
                    raise DamagedVault("The copy could not be verified, so it was not kept.")
                _place_new(temp, path)
            finally:
                _remove_with_sidecars(temp)
            return report

    def verify_copy(
        self,
        path: Path,
        *,
        progress: Progress | None = None,
        cancelled: CancelCheck | None = None,
    ) -> CopyReport:
        """Check that ``path`` is a readable copy of this vault, with the key in memory.

        No passphrase is needed (the vault is unlocked), and the copy is only read.

        Raises:
            NotAVault: ``path`` is not a Tend vault.
            VaultError: it is a copy of another journal.
        """
        with self._mutex:
            _, sealer = self._require_key()
            with _CopyReader(Path(path)) as reader:
                if bytes(reader.header().vault_id) != self._vault_id:
                    raise VaultError("That file is a copy of another journal, not of this one.")
                return reader.verify(sealer, self._vault_id, progress, cancelled)

    @classmethod
    def verify_file(
        cls,
        path: Path,
        passphrase: str,
        *,
        progress: Progress | None = None,
        cancelled: CancelCheck | None = None,
    ) -> CopyReport:
        """Check a vault file (a backup) with its passphrase, only reading it.

        Unlike ``Vault.open``, this never switches the file to WAL mode or writes to
        it: a backup on a memory stick can be checked as often as wanted.

        Raises:
            WrongPassphrase, NotAVault, NewerVersion, DamagedVault, VaultInUse.
        """
        with _CopyReader(Path(path)) as reader:
            header = reader.header()
            data_key = _unwrap_with_passphrase(header, passphrase)
            try:
                return reader.verify(Sealer(data_key), bytes(header.vault_id), progress, cancelled)
            finally:
                crypto.wipe(data_key)

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
        """Make a new vault at ``new_path`` from the backup file ``backup``.

        The passphrase is checked first; then the backup is copied (SQLite's online
        backup, only reading it) into a temporary file beside ``new_path``, and the
        copy is verified (the same header, so the passphrase opens it, and every
        record opens) before it gets its name. ``new_path`` is never replaced, so
        an existing journal, open or not, is never touched.

        Args:
            allow_damaged: restore even if some records of the backup are damaged
                (they stay damaged; the others are readable). By default such a
                backup raises :class:`DamagedRecords` and nothing is made.

        Raises:
            VaultExists: something is already at ``new_path``.
            WrongPassphrase: the passphrase does not open the backup.
            DamagedRecords: some records would not open (and not ``allow_damaged``).
            NotAVault, NewerVersion, DamagedVault, VaultInUse, Cancelled.
        """
        backup, new_path = Path(backup), Path(new_path)
        if new_path.exists():
            raise VaultExists()
        with _CopyReader(backup) as source:
            header = source.header()
            fields = _header_fields(header)
            vault_id = bytes(header.vault_id)
            data_key = _unwrap_with_passphrase(header, passphrase)
            try:
                records = source.count()
                temp = _new_temp_beside(new_path, "restoring")
                try:
                    with _vault_errors():
                        (page_count,) = source.conn.execute("PRAGMA page_count").fetchone()
                    total = int(page_count) + records
                    _copy_database(source.conn, temp, progress, cancelled, total)
                    with _CopyReader(temp) as copy:
                        if _header_fields(copy.header()) != fields:
                            raise DamagedVault(
                                "The restored copy could not be verified, so it was not kept."
                            )
                        report = copy.verify(
                            Sealer(data_key), vault_id, progress, cancelled, int(page_count), total
                        )
                    if report.records != records:
                        raise DamagedVault(
                            "The restored copy could not be verified, so it was not kept."
                        )
                    if report.damaged and not allow_damaged:
                        raise DamagedRecords(list(report.damaged))
                    _place_new(temp, new_path)
                finally:
                    _remove_with_sidecars(temp)
            finally:
                crypto.wipe(data_key)
        return report
