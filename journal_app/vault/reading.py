"""Reading a vault's records and checking them against its manifest.

One path serves the open journal (unlock, ``check``) and its copies (backups
being verified or restored), so a record missing from a backup is found the
same way as one missing from the journal.

Pictures are the exception to reading everything at once: one can be megabytes,
so unlocking (the bulk read) leaves their sealed bytes in the file and opens
each only when it is shown (``Vault.read``). The manifest still vouches for
them: their ids and nonces are read in the clear, so a picture that is missing
or put back as an older copy is found at unlock as any record is, and ``tend
check`` and a backup's verification open every one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from journal_app.vault.manifest import MANIFEST_KIND, Manifest, ManifestUnreadable
from journal_app.vault.records import ROWS_SQL, OpenedRows, ReadResult, RecordSealer, Row

IMAGE_KIND = "image"
"""The kind of a picture's record: read one at a time, never in the bulk read."""

_DATA_ROWS_SQL = f"{ROWS_SQL} WHERE kind IS NOT ?"
_BULK_ROWS_SQL = f"{ROWS_SQL} WHERE kind IS NOT ? AND kind IS NOT ?"
_KIND_ROWS_SQL = f"{ROWS_SQL} WHERE kind = ?"
_VOUCHED_SQL = (
    "SELECT id, nonce FROM tend_record WHERE kind = ? "
    "AND typeof(id) = 'text' AND typeof(nonce) = 'blob'"
)


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


def data_rows(
    conn: sqlite3.Connection, kind: str | None = None, *, bulk: bool = False
) -> Iterable[Row]:
    """The rows of the person's records (of one kind), never the manifest's.

    ``bulk`` (the unlock's read) leaves out the pictures; see :func:`vouch_unread`.
    """
    if kind is None:
        if bulk:
            return conn.execute(_BULK_ROWS_SQL, (MANIFEST_KIND, IMAGE_KIND))
        return conn.execute(_DATA_ROWS_SQL, (MANIFEST_KIND,))
    return conn.execute(_KIND_ROWS_SQL, (kind,))


def vouch_unread(conn: sqlite3.Connection, opened: OpenedRows) -> None:
    """Note the pictures a bulk read left sealed as seen, by their clear id and nonce.

    The manifest then finds one missing or put back older without opening it; one
    whose sealed bytes were changed is found when it is opened (shown, checked).
    """
    for record_id, nonce in conn.execute(_VOUCHED_SQL, (IMAGE_KIND,)):
        opened.seen.setdefault(record_id, (IMAGE_KIND, nonce))


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
