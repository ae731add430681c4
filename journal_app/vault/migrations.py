"""Format migrations, one function per step, run after unlock in one transaction.

A vault written at format N is brought to ``FORMAT_VERSION`` by applying
``MIGRATIONS[N]``, ``MIGRATIONS[N + 1]`` and so on. Each step receives the open
session of the unlocking transaction and the vault's record sealer (the data key
is in hand after any unlock, by passphrase or by recovery code), and must not
commit. ``tests/data/format1.tend``, written by Tend 0.1, proves each step from a
real old file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from journal_app.vault.errors import DamagedVault, NewerVersion
from journal_app.vault.manifest import Manifest
from journal_app.vault.records import ROWS_SQL, RecordSealer
from journal_app.vault.schema import FORMAT_VERSION, Record


@dataclass(frozen=True, slots=True)
class MigrationContext:
    session: Session
    sealer: RecordSealer


Migration = Callable[[MigrationContext], None]

DOWNGRADED = (
    "This journal's header was changed to an older format than its records. "
    "Nothing in it was changed. If you have a backup, you can restore it into a new journal."
)


def _add_manifest(context: MigrationContext) -> None:
    """Format 2: every record is listed in the sealed manifest (see manifest.py).

    Every record that opens is sealed again as record version 2, so a format-2
    journal holds no version-1 record that opens. That is what makes a header
    edited back to format 1 (to have the manifest rebuilt over deleted records)
    show: its version-2 records refuse the downgrade. Records that do not open
    are left exactly as they are, still reported as damaged.
    """
    session = context.session
    rows = session.connection().exec_driver_sql(ROWS_SQL).fetchall()
    newer = [row for row in rows if row[4] != 1]
    if context.sealer.open_rows(newer, keep_payloads=False).seen:
        raise DamagedVault(DOWNGRADED)
    opened = context.sealer.open_rows([row for row in rows if row[4] == 1])
    resealed = [context.sealer.seal(r.id, r.kind, r.payload) for r in opened.records]
    if resealed:
        session.execute(update(Record), resealed)
    manifest = Manifest.of_rows((r["id"], r["kind"], r["nonce"]) for r in resealed)
    session.execute(insert(Record), manifest.all_sealed_rows(context.sealer))


MIGRATIONS: dict[int, Migration] = {1: _add_manifest}


def migrate(context: MigrationContext, from_version: int) -> None:
    """Apply every step from ``from_version`` up to the current format."""
    if from_version > FORMAT_VERSION:
        raise NewerVersion()
    for version in range(from_version, FORMAT_VERSION):
        step = MIGRATIONS.get(version)
        if step is None:
            raise NewerVersion(f"No way to bring a format {version} journal up to date.")
        step(context)
