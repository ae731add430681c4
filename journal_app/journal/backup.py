"""Encrypted backups: making them, keeping a few, checking them, restoring one.

A backup is one file: a verified copy of the vault, made with SQLite's online
backup API from the open vault (see :meth:`Vault.backup_to`). It is encrypted
exactly as the journal is, with the same wrapped key, so the same passphrase (or
recovery code) opens it on any machine; nothing unencrypted is ever written.

Automatic backups follow a :class:`BackupPolicy` (off, daily or weekly; keep the
newest N; a folder). Their names carry only the time they were made,
``tend-backup-2026-11-21T0930.tend``, never anything of the journal's content.
Rotation deletes only files with such a name that are backups of the same journal,
so a folder shared with other files (or other journals' backups) is safe.

Restoring always makes a NEW journal file: an existing file, open or not, is
never replaced (see :func:`restore_backup`).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal_app import paths
from journal_app.journal.files import CancelCheck, Progress
from journal_app.vault import Cancelled, VaultError, VaultExists

if TYPE_CHECKING:
    # The store needs SQLAlchemy; it is imported where used, so that settings (which
    # hold a BackupPolicy) load without it.
    from journal_app.vault import CopyReport, Vault

BACKUP_PREFIX = "tend-backup-"
BACKUP_SUFFIX = ".tend"
_NAME = re.compile(r"^tend-backup-(\d{4}-\d{2}-\d{2}T\d{4})(?:-(\d{1,4}))?\.tend$")
_STALE_TEMP = re.compile(r"^\.tend-backup-.+\.tend\.[0-9a-f]{8}\.partial(?:-wal|-shm|-journal)?$")
# A half-made backup left by a crash is removed once it is this old (seconds).
STALE_TEMP_AGE_S = 24 * 3600
DEFAULT_KEEP = 7
MAX_KEEP = 1000


class BackupFrequency(StrEnum):
    OFF = "off"
    DAILY = "daily"
    WEEKLY = "weekly"


DEFAULT_FREQUENCY = BackupFrequency.DAILY
BESIDE_NAME = "Tend backups"  # the folder made beside a journal kept outside Tend's own


def default_folder(journal: Path) -> Path:
    """The backups' folder beside the journal at ``journal``.

    In Tend's own data folder it is the "Backups" folder it always was, so backups
    made before stay in the rotation; anywhere else "Tend backups", a name that says
    whose they are among the person's own folders.
    """
    parent = Path(journal).parent
    if parent == paths.data_dir():
        return paths.backup_dir()
    return parent / BESIDE_NAME


@dataclass(frozen=True, slots=True)
class BackupPolicy:
    """When to back up automatically, how many backups to keep, and where.

    Daily by default: someone who never opened Settings has backups all the same
    (a journal kept for years should not depend on finding a page). ``folder``
    None means beside the journal (:func:`default_folder`; a folder on another
    drive protects better).
    """

    frequency: BackupFrequency = DEFAULT_FREQUENCY
    keep: int = DEFAULT_KEEP
    folder: Path | None = None

    def folder_for(self, journal: Path) -> Path:
        """Where the backups of the journal at ``journal`` go."""
        return Path(self.folder).expanduser() if self.folder else default_folder(journal)

    def to_dict(self) -> dict[str, Any]:
        """For the settings file; holds no content of the journal."""
        return {
            "frequency": self.frequency.value,
            "keep": self.keep,
            "folder": str(self.folder) if self.folder else None,
        }

    @classmethod
    def from_dict(cls, data: object) -> BackupPolicy:
        """Read settings back, forgiving anything missing or out of range."""
        if not isinstance(data, dict):
            return cls()
        try:
            frequency = BackupFrequency(data.get("frequency", DEFAULT_FREQUENCY.value))
        except ValueError:
            frequency = DEFAULT_FREQUENCY
        keep = data.get("keep", DEFAULT_KEEP)
        if not isinstance(keep, int) or isinstance(keep, bool):
            keep = DEFAULT_KEEP
        folder = data.get("folder")
        return cls(
            frequency=frequency,
            keep=min(max(keep, 1), MAX_KEEP),
            folder=Path(folder) if isinstance(folder, str) and folder else None,
        )


@dataclass(frozen=True, slots=True)
class BackupFile:
    """A file named like an automatic backup; ``taken`` is local time from its name."""

    path: Path
    taken: datetime
    serial: int = 0


@dataclass(frozen=True, slots=True)
class BackupResult:
    """A backup made and verified: where, and what its check found."""

    path: Path
    report: CopyReport


@dataclass(frozen=True, slots=True)
class BackupCheck:
    """One file's check: its report, or the error that stopped it (never both)."""

    path: Path
    report: CopyReport | None = None
    error: VaultError | None = None

    @property
    def ok(self) -> bool:
        return self.report is not None and not self.report.damaged


def _local_naive(moment: datetime | None) -> datetime:
    moment = moment or datetime.now()
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    return moment.replace(second=0, microsecond=0)


def backup_name(moment: datetime, serial: int = 0) -> str:
    """``tend-backup-2026-11-21T0930.tend`` (``-2``, ``-3``... for the same minute)."""
    stamp = _local_naive(moment).strftime("%Y-%m-%dT%H%M")
    return f"{BACKUP_PREFIX}{stamp}{f'-{serial}' if serial else ''}{BACKUP_SUFFIX}"


def parse_backup_name(name: str) -> tuple[datetime, int] | None:
    """The time and serial in an automatic backup's name, or None for other names."""
    match = _NAME.match(name)
    if match is None:
        return None
    try:
        taken = datetime.strptime(match.group(1), "%Y-%m-%dT%H%M")
    except ValueError:
        return None
    return taken, int(match.group(2) or 0)


def list_backups(folder: Path, vault_id: bytes | None = None) -> list[BackupFile]:
    """Files in ``folder`` named like automatic backups, oldest first.

    With ``vault_id``, only backups of that journal (others' are left out).
    """
    from journal_app.vault.store import vault_id_of

    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        parsed = parse_backup_name(path.name)
        if parsed is None or not path.is_file():
            continue
        if vault_id is not None and vault_id_of(path) != vault_id:
            continue
        found.append(BackupFile(path, *parsed))
    found.sort(key=lambda backup: (backup.taken, backup.serial, backup.path.name))
    return found


def is_due(policy: BackupPolicy, last: datetime | None, now: datetime | None = None) -> bool:
    """Whether an automatic backup should be made now.

    Daily: once per calendar day. Weekly: once seven days have passed since the
    last backup's day. A last backup dated in the future (a clock put back) makes
    one due, so that backups carry on.
    """
    if policy.frequency is BackupFrequency.OFF:
        return False
    if last is None:
        return True
    today = _local_naive(now).date()
    last_day = _local_naive(last).date()
    if last_day > today:
        return True
    if policy.frequency is BackupFrequency.DAILY:
        return last_day < today
    return (today - last_day) >= timedelta(days=7)


def _free_name(folder: Path, moment: datetime) -> Path:
    for serial in range(10000):
        candidate = folder / backup_name(moment, serial)
        if not candidate.exists():
            return candidate
    raise VaultExists()


def make_backup(
    vault: Vault,
    destination: Path,
    *,
    now: datetime | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> BackupResult:
    """Back up an unlocked vault to ``destination``, verified.

    Args:
        destination: a new file, or an existing folder (the backup then gets a
            name like ``tend-backup-2026-11-21T0930.tend`` inside it).
        now: the time to name the backup by (now, by default).
        progress: ``progress(done, total)``, copying then verifying.
        cancelled: polled between steps; True stops and removes the partial copy.

    Raises:
        VaultExists: ``destination`` is an existing file (never replaced).
        DamagedVault, StorageFull, Cancelled, OSError.
    """
    destination = Path(destination).expanduser()
    if destination.is_dir():
        destination = _free_name(destination, now or datetime.now())
    report = vault.backup_to(destination, progress=progress, cancelled=cancelled)
    return BackupResult(destination, report)


def prune_backups(folder: Path, keep: int, vault_id: bytes) -> list[Path]:
    """Delete the oldest automatic backups of one journal beyond the newest ``keep``.

    Only files named like automatic backups and holding that journal are touched;
    half-made backups left by a crash more than a day ago are removed too.
    Returns the files deleted.
    """
    folder = Path(folder)
    mine = list_backups(folder, vault_id)
    doomed = [backup.path for backup in mine[: max(len(mine) - max(keep, 1), 0)]]
    for path in doomed:
        path.unlink(missing_ok=True)
    if folder.is_dir():
        cutoff = time.time() - STALE_TEMP_AGE_S
        for path in folder.iterdir():
            if _STALE_TEMP.match(path.name) and path.is_file():
                try:
                    if path.stat().st_mtime < cutoff:
                        path.unlink(missing_ok=True)
                except OSError:
                    continue
    return doomed


def run_due_backup(
    vault: Vault,
    policy: BackupPolicy,
    now: datetime | None = None,
    *,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> Path | None:
    """Make the automatic backup if one is due, then keep only the newest N.

    Meant to run after unlock and then now and then (e.g. hourly) on a worker
    thread. Returns the new backup's path, or None when none was due.

    Raises:
        VaultError (DamagedVault, StorageFull...), Cancelled, OSError: no backup
        was made; the older ones are untouched.
    """
    if policy.frequency is BackupFrequency.OFF:
        return None
    folder = policy.folder_for(vault.path)
    backups = list_backups(folder, vault.vault_id)
    last = backups[-1].taken if backups else None
    if not is_due(policy, last, now):
        return None
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    moment = now or datetime.now()
    path = _free_name(folder, moment)
    vault.backup_to(path, progress=progress, cancelled=cancelled)
    prune_backups(folder, policy.keep, vault.vault_id)
    return path


def restore_backup(
    backup: Path,
    new_vault: Path,
    passphrase: str,
    *,
    allow_damaged: bool = False,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> CopyReport:
    """Restore ``backup`` into a NEW journal file ``new_vault``.

    The passphrase is checked first, the copy is verified (the passphrase opens
    it and every record reads) before it gets its name, and ``new_vault`` must not
    exist: an existing journal, open or not, is never touched. The backup itself
    is only read. Open the result as any journal (``Journal.open(new_vault, ...)``).

    Raises:
        VaultExists: something is already at ``new_vault``.
        WrongPassphrase: the passphrase does not open the backup.
        DamagedRecords: some records would not read (pass ``allow_damaged`` to
            restore the rest anyway).
        NotAVault, NewerVersion, DamagedVault, VaultInUse, Cancelled, OSError.
    """
    from journal_app.vault import Vault

    return Vault.restore_copy(
        Path(backup).expanduser(),
        Path(new_vault).expanduser(),
        passphrase,
        allow_damaged=allow_damaged,
        progress=progress,
        cancelled=cancelled,
    )


def backup_files_in(target: Path) -> list[Path]:
    """The files :func:`check_backups` looks at: ``target`` itself, or every
    ``*.tend`` file in the folder ``target`` (not hidden ones), by name."""
    target = Path(target).expanduser()
    if target.is_dir():
        return sorted(
            path
            for path in target.iterdir()
            if path.suffix == BACKUP_SUFFIX and not path.name.startswith(".") and path.is_file()
        )
    return [target]


def check_backups(
    target: Path,
    passphrase: str,
    *,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> list[BackupCheck]:
    """Check one backup file, or every ``*.tend`` file in a folder, with the passphrase.

    Each file is only read (never switched to WAL or written). A file that will not
    open is reported with its error; the others are still checked.
    """
    from journal_app.vault import Vault

    results = []
    for path in backup_files_in(target):
        try:
            report = Vault.verify_file(path, passphrase, progress=progress, cancelled=cancelled)
        except Cancelled:
            raise
        except VaultError as error:
            results.append(BackupCheck(path, error=error))
        else:
            results.append(BackupCheck(path, report=report))
    return results
