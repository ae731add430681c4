"""Reading a vault's records and checking them against its manifest.

One path serves the open journal (unlock, ``check``) and its copies (backups
being verified or restored), so a record missing from a backup is found the
same way as one missing from the journal.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from journal_app.vault.manifest import MANIFEST_KIND, Manifest, ManifestUnreadable
from journal_app.vault.records import ROWS_SQL, OpenedRows, ReadResult, RecordSealer, Row

_DATA_ROWS_SQL = f"{ROWS_SQL} WHERE kind IS NOT ?"
_KIND_ROWS_SQL = f"{ROWS_SQL} WHERE kind = ?"


def read_manifest(conn: sqlite3.Connection, sealer: RecordSealer) -> Manifest:
    """The vault's manifest, opened and fitted together.

    Raises:
        ManifestUnreadable: it is missing, damaged, or its parts do not match.
    """
    rows = conn.execute(_KIND_ROWS_SQL, (MANIFEST_KIND,)).fetchall()
    opened = sealer.open_rows(rows)
    if opened.problems:
        raise ManifestUnreadable("is damaged")
    return Manifest.from_opened(
        {record.id: (opened.seen[record.id][1], record.payload) for record in opened.records}
    )


def data_rows(conn: sqlite3.Connection, kind: str | None = None) -> Iterable[Row]:
    """The rows of the person's records (of one kind), never the manifest's."""
    if kind is None:
        return conn.execute(_DATA_ROWS_SQL, (MANIFEST_KIND,))
    return conn.execute(_KIND_ROWS_SQL, (kind,))


def checked(
    opened: OpenedRows,
    manifest: Manifest | None,
    unverified: str | None,
    kind: str | None = None,
) -> ReadResult:
    """What was read, with every record the manifest does not vouch for set aside.

    ``manifest`` is None for a journal older than the manifest (nothing to check
    against) or when it could not be read (``unverified`` then says why).
    """
    problems = dict(opened.problems)
    if manifest is not None:
        problems.update(manifest.compare(opened.seen, opened.problems, kind))
    records = opened.records
    if len(problems) > len(opened.problems):
        records = [record for record in records if record.id not in problems]
    return ReadResult(records, list(problems), problems, unverified)


def load_manifest(
    conn: sqlite3.Connection, sealer: RecordSealer, expected: bool
) -> tuple[Manifest | None, str | None]:
    """``(manifest, None)``, or ``(None, why it could not be read)``.

    A journal from before the manifest (``expected`` False) has none: ``(None, None)``.
    """
    if not expected:
        return None, None
    try:
        return read_manifest(conn, sealer), None
    except ManifestUnreadable as exc:
        return None, str(exc)
