"""Sealed records: how one row is sealed and opened, and what reading them found.

A record row holds, in the clear, only a random id, its kind, a format version,
the nonce and the ciphertext. The id, kind and version are bound to the
ciphertext as associated data (with the vault's id), so a row cannot be moved
to another id, kind, version or journal without failing to open.

Reading is defensive: the clear columns are read as bytes, whatever type a
damaged file stores them as, so one bad row is one damaged record and never
stops the others from opening.
"""

from __future__ import annotations

import secrets
import struct
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from itertools import islice
from operator import add
from typing import NamedTuple, TypedDict

from cryptography.exceptions import InvalidTag

from journal_app.vault import crypto
from journal_app.vault.crypto import Sealer

# Records written by this version. Version 2 records are listed in the sealed
# manifest (see manifest.py); version 1 records were written before it existed.
RECORD_VERSION = 2

# Every column as bytes or numbers, and the stored types of the clear text columns,
# so that a value stored as a BLOB or as bytes that are not UTF-8 cannot stop a read.
ROWS_SQL = (
    "SELECT CAST(id AS BLOB), typeof(id), CAST(kind AS BLOB), typeof(kind), "
    "version, nonce, ciphertext FROM tend_record"
)
Row = tuple[bytes, str, bytes, str, object, object, object]
# Rows opened together on the quick path of ``RecordSealer.open_rows``: enough that
# the loops run in C, few enough that the batch's ciphertexts stay small.
OPEN_BATCH = 2048
_TEXT = "text"


class SealedRow(TypedDict):
    """One row of ``tend_record`` as it is written: the clear columns and the sealed bytes."""

    id: str
    kind: str
    version: int
    nonce: bytes
    ciphertext: bytes


def new_record_id() -> str:
    return secrets.token_hex(16)


def record_aad(vault_id: bytes, record_id: bytes, kind: bytes, version: int) -> bytes:
    return crypto.pack_fields(b"tend-record", vault_id, record_id, kind, struct.pack(">I", version))


class Problem(StrEnum):
    """Why a record is not among those read, in words for ``tend check``."""

    DAMAGED = "damaged"  # it does not open: its bytes were changed
    MISSING = "missing"  # the journal's sealed list has it; the file does not
    OLDER = "an older copy"  # an earlier copy of it was put back
    UNEXPECTED = "not expected"  # not in the sealed list: put back after deletion, or copied in


@dataclass(frozen=True, slots=True)
class RecordProblem:
    problem: Problem
    kind: str = ""  # the record's kind where it is known ("" when the row is unreadable)


class PlainRecord(NamedTuple):
    """A record after decryption: only ever held in memory.

    A named tuple, so that unlocking can make 100,000 of them without a call
    into Python for each (see ``RecordSealer.open_rows``).
    """

    id: str
    kind: str
    payload: bytes


_plain_records = partial(map, partial(tuple.__new__, PlainRecord))


@dataclass(frozen=True, slots=True)
class ReadResult:
    """What reading records found.

    ``damaged`` lists every record that is not among ``records``, whatever the
    reason; ``problems`` says the reason for each. ``unverified`` is set when the
    journal's sealed list of records could not itself be read, so missing or
    older records could not be looked for; it says why.
    """

    records: list[PlainRecord]
    damaged: list[str]
    problems: dict[str, RecordProblem] = field(default_factory=dict)
    unverified: str | None = None

    def of_kind(self, kind: str) -> ReadResult:
        """The records of one kind. Damaged records (whose kind cannot be trusted)
        stay with the whole read, reported once by whoever made it."""
        return ReadResult([record for record in self.records if record.kind == kind], [])


@dataclass(frozen=True, slots=True)
class CopyReport:
    """What verifying a copy of a vault (a backup, a restore) found.

    ``records`` counts every record in the copy; ``damaged`` lists those that would
    not open or do not match the copy's sealed list (normally none; a record
    already damaged in the journal stays so), with the reasons in ``problems``.
    """

    records: int
    damaged: tuple[str, ...] = ()
    problems: dict[str, RecordProblem] = field(default_factory=dict)
    unverified: str | None = None


@dataclass(frozen=True, slots=True)
class VaultCheck:
    """Everything ``tend check`` looks at, each finding kept apart.

    ``records`` counts the records that opened as saved; ``problems`` names each
    one that did not, and why; ``unverified`` says why the manifest could not be
    read (nothing could then be found missing); ``structure`` holds what SQLite's
    own check of the file's pages found (empty when they are sound).
    """

    records: int
    problems: dict[str, RecordProblem]
    unverified: str | None
    structure: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems and self.unverified is None and not self.structure


class RecordSealer:
    """Seals and opens the records of one vault with its data key."""

    def __init__(self, sealer: Sealer, vault_id: bytes) -> None:
        self.sealer = sealer
        self.vault_id = vault_id
        self._prefix = crypto.pack_fields(b"tend-record", vault_id)

    def seal(self, record_id: str, kind: str, payload: bytes) -> SealedRow:
        """A row for ``tend_record``, sealed with a fresh nonce."""
        aad = record_aad(self.vault_id, record_id.encode(), kind.encode(), RECORD_VERSION)
        nonce, ciphertext = self.sealer.seal(payload, aad)
        return SealedRow(
            id=record_id, kind=kind, version=RECORD_VERSION, nonce=nonce, ciphertext=ciphertext
        )

    def open(
        self, record_id: str, kind: str, version: int, nonce: bytes, ciphertext: bytes
    ) -> bytes:
        """The payload; raises :class:`crypto.DecryptionFailed` if it does not open."""
        aad = record_aad(self.vault_id, record_id.encode(), kind.encode(), version)
        return self.sealer.open(nonce, ciphertext, aad)

    def open_rows(self, rows: Iterable[Row], keep_payloads: bool = True) -> OpenedRows:
        """Open every row (of ``ROWS_SQL``); a row that fails is noted, not raised.

        This is the unlock path for every record, so it runs in batches: a batch
        whose clear columns all have the right types is opened by loops in C
        (``map`` over the associated data and the cipher), since the per-row
        Python around AES-GCM cost several times the decryption itself. If
        anything in a batch fails, the batch is opened again row by row, which
        finds and names each damaged row exactly as before; so one bad row costs
        only its batch the quick path.
        """
        opened = OpenedRows()
        pending = iter(rows)
        while batch := list(islice(pending, OPEN_BATCH)):
            if not self._open_batch(batch, opened, keep_payloads):
                self._open_each(batch, opened, keep_payloads)
        return opened

    def _open_batch(self, batch: Sequence[Row], opened: OpenedRows, keep_payloads: bool) -> bool:
        """Open a batch whole, or change nothing and return False if any row fails.

        The associated data is ``record_aad``'s bytes, built as
        prefix + id field + (kind, version) fields, each distinct part packed once.
        """
        raw_ids, id_types, raw_kinds, kind_types, versions, nonces, ciphertexts = zip(
            *batch, strict=True
        )
        count = len(batch)
        if (
            id_types.count(_TEXT) != count
            or kind_types.count(_TEXT) != count
            or set(map(type, versions)) != {int}
            or set(map(type, nonces)) != {bytes}
            or set(map(type, ciphertexts)) != {bytes}
        ):
            return False
        pack = struct.pack
        try:
            heads = {size: self._prefix + pack(">I", size) for size in set(map(len, raw_ids))}
            tails = {
                (kind, version): crypto.pack_fields(kind, pack(">I", version))
                for kind, version in set(zip(raw_kinds, versions, strict=True))
            }
            names = {raw: raw.decode() for raw in set(raw_kinds)}
            aads = map(
                add,
                map(add, map(heads.__getitem__, map(len, raw_ids)), raw_ids),
                map(tails.__getitem__, zip(raw_kinds, versions, strict=True)),
            )
            payloads = list(map(self.sealer.decrypt, nonces, ciphertexts, aads))
            record_ids = list(map(bytes.decode, raw_ids))
        except (InvalidTag, ValueError, TypeError, struct.error, OverflowError):
            return False
        kind_names = list(map(names.__getitem__, raw_kinds))
        opened.seen.update(zip(record_ids, zip(kind_names, nonces, strict=True), strict=True))
        if keep_payloads:
            plain = zip(record_ids, kind_names, payloads, strict=True)
            opened.records.extend(_plain_records(plain))
        return True

    def _open_each(self, rows: Iterable[Row], opened: OpenedRows, keep_payloads: bool) -> None:
        """Open rows one at a time, noting each that fails and why it is damaged."""
        tails: dict[tuple[bytes, int], bytes] = {}
        kinds: dict[bytes, str] = {}
        decrypt = self.sealer.decrypt
        prefix = self._prefix
        pack = struct.pack
        for raw_id, id_type, raw_kind, kind_type, version, nonce, ciphertext in rows:
            try:
                if id_type != _TEXT or kind_type != _TEXT or type(version) is not int:
                    raise ValueError("a clear column has the wrong type")
                if type(nonce) is not bytes or type(ciphertext) is not bytes:
                    raise TypeError("a sealed column is not bytes")
                record_id = raw_id.decode()
                kind = kinds.get(raw_kind) or kinds.setdefault(raw_kind, raw_kind.decode())
                tail = tails.get((raw_kind, version))
                if tail is None:
                    tail = crypto.pack_fields(raw_kind, pack(">I", version))
                    tails[(raw_kind, version)] = tail
                aad = prefix + pack(">I", len(raw_id)) + raw_id + tail
                payload = decrypt(nonce, ciphertext, aad)
            except (InvalidTag, ValueError, TypeError, struct.error, OverflowError):
                name = _printable(raw_id) or "(a record without an id)"
                kind_name = _printable(raw_kind) if kind_type == _TEXT else ""
                opened.problems[name] = RecordProblem(Problem.DAMAGED, kind_name)
                continue
            opened.seen[record_id] = (kind, nonce)
            if keep_payloads:
                opened.records.append(PlainRecord(record_id, kind, payload))


@dataclass(slots=True)
class OpenedRows:
    """Rows opened so far: their plaintexts, what each was sealed with, and failures."""

    records: list[PlainRecord] = field(default_factory=list)
    seen: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    problems: dict[str, RecordProblem] = field(default_factory=dict)


def _printable(raw: object) -> str:
    """A clear column's bytes as text to name a damaged record by."""
    return raw.decode("utf-8", "backslashreplace") if isinstance(raw, bytes) else ""


def in_steps(rows: Iterable[Row], step: int, each: Callable[[int], None]) -> Iterable[Row]:
    """The rows, calling ``each(done)`` after every ``step`` of them (for progress)."""
    for done, row in enumerate(rows, 1):
        yield row
        if done % step == 0:
            each(done)
