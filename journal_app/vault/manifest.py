"""The manifest: a sealed list of every record the journal holds, and of its last write.

Sealing each record stops it from being read or changed, but not from being
deleted, or replaced by an older sealed copy of itself taken from a backup or an
earlier state of the file. The manifest closes that gap. For every record it
keeps the id, the kind and the nonce of the record's last write: a nonce is
fresh and random at each write and authenticated with the ciphertext, so it
names one write. Reading compares the rows against it and reports a record that
is missing, an older copy, or not expected (put back after deletion, or copied
in from elsewhere), by name, while every other record still opens.

It is kept in 256 buckets (by a checksum of the record id), each a sealed record
of kind ``manifest``, and a root record that lists the nonce of each bucket's
last write. A save re-seals the record, its bucket and the root in the same
transaction: about 50 bytes per record in the bucket (a 32-character id, its
kind and a 12-byte nonce), so at 100,000 records a save writes some 21 KB of
bucket and 3.4 KB of root more, not the whole list (``python -m bench`` measures
what that costs). Unlocking reads every bucket, so their layout is made to be
parsed by C code (``split``), not by a Python loop per record.

What it cannot see: the whole file put back as an older copy of itself (it is a
consistent journal from that time), which only something kept outside the file
could tell.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Collection, Iterable, Iterator

from journal_app.vault.crypto import NONCE_BYTES
from journal_app.vault.records import Problem, RecordProblem, RecordSealer, SealedRow

MANIFEST_KIND = "manifest"
ROOT_ID = "manifest"
BUCKET_PREFIX = "manifest-"
BUCKETS = 256

_BUCKET_FORMAT = b"tend-manifest-bucket-2"
_ROOT_FORMAT = b"tend-manifest-root-1"


class ManifestUnreadable(Exception):
    """The manifest itself is missing, damaged or does not fit together.

    Its message completes "the journal's sealed list of records ...".
    """


def is_reserved(record_id: str) -> bool:
    """Whether an id belongs to the manifest (and so never to the person's records)."""
    return record_id == ROOT_ID or record_id.startswith(BUCKET_PREFIX)


def bucket_of(record_id: str) -> int:
    return zlib.crc32(record_id.encode("utf-8", "surrogatepass")) & 0xFF


def bucket_id(index: int) -> str:
    return f"{BUCKET_PREFIX}{index:02x}"


def listable(record_id: str, kind: str) -> bool:
    """Whether an id and kind can be listed: a bucket separates them by newlines and NUL."""
    return not any(sep in text for text in (record_id, kind) for sep in ("\n", "\0"))


Listed = tuple[str, bytes]
"""What the manifest knows of one record: its kind, and the nonce of its last write."""

Bucket = dict[str, Listed]


class Manifest:
    """What the journal holds. Treated as a value: changes make a new Manifest.

    ``bucket_nonces`` holds the nonce each bucket was last sealed with, which the
    root lists; a new Manifest gets them when its buckets are sealed.
    """

    def __init__(
        self,
        buckets: dict[int, Bucket] | None = None,
        bucket_nonces: dict[int, bytes] | None = None,
    ) -> None:
        self.buckets: dict[int, Bucket] = buckets or {}
        self.bucket_nonces: dict[int, bytes] = bucket_nonces or {}

    @classmethod
    def of_rows(cls, rows: Iterable[tuple[str, str, bytes]]) -> Manifest:
        """A manifest listing ``(id, kind, nonce)`` rows as they are now."""
        buckets: dict[int, Bucket] = {}
        for record_id, kind, nonce in rows:
            if not is_reserved(record_id):
                buckets.setdefault(bucket_of(record_id), {})[record_id] = (kind, nonce)
        return cls(buckets)

    def __len__(self) -> int:
        return sum(len(bucket) for bucket in self.buckets.values())

    def get(self, record_id: str) -> Listed | None:
        bucket = self.buckets.get(bucket_of(record_id))
        return bucket.get(record_id) if bucket is not None else None

    def items(self) -> Iterator[tuple[str, Listed]]:
        for bucket in self.buckets.values():
            yield from bucket.items()

    # ------------------------------------------------------------- changing

    def changed(
        self, written: Iterable[tuple[str, str, bytes]], deleted: Iterable[str]
    ) -> tuple[Manifest, set[int]]:
        """A new manifest with ``written`` rows listed and ``deleted`` ids gone.

        Returns it with the buckets that changed (they need sealing again).
        Untouched buckets are shared with this manifest, never changed in place.
        """
        buckets = dict(self.buckets)
        touched: set[int] = set()

        def own(index: int) -> Bucket:
            if index not in touched:
                buckets[index] = dict(buckets.get(index, {}))
                touched.add(index)
            return buckets[index]

        for record_id, kind, nonce in written:
            own(bucket_of(record_id))[record_id] = (kind, nonce)
        for record_id in deleted:
            index = bucket_of(record_id)
            if record_id in buckets.get(index, {}):
                own(index).pop(record_id)
        for index in touched:
            if not buckets[index]:
                del buckets[index]
        nonces = {i: n for i, n in self.bucket_nonces.items() if i not in touched}
        return Manifest(buckets, nonces), touched

    def sealed_rows(
        self, touched: Iterable[int], sealer: RecordSealer
    ) -> tuple[list[SealedRow], list[str]]:
        """Seal the ``touched`` buckets and the root; returns (rows to write, ids to delete).

        Fills in ``bucket_nonces`` for the buckets sealed, so call it once, on a
        manifest from :meth:`changed` that is not yet in use.
        """
        rows: list[SealedRow] = []
        gone: list[str] = []
        for index in sorted(touched):
            if index in self.buckets:
                row = sealer.seal(bucket_id(index), MANIFEST_KIND, self._bucket_payload(index))
                self.bucket_nonces[index] = row["nonce"]
                rows.append(row)
            else:
                gone.append(bucket_id(index))
        rows.append(sealer.seal(ROOT_ID, MANIFEST_KIND, self._root_payload()))
        return rows, gone

    def all_sealed_rows(self, sealer: RecordSealer) -> list[SealedRow]:
        """Every bucket and the root, sealed (for a manifest made from scratch)."""
        rows, _ = self.sealed_rows(self.buckets, sealer)
        return rows

    def _bucket_payload(self, index: int) -> bytes:
        """Format, count, the ids (one a line), NUL, the kinds likewise, NUL, the nonces."""
        bucket = self.buckets[index]
        ids = sorted(bucket)
        return b"".join(
            (
                _BUCKET_FORMAT,
                struct.pack(">I", len(ids)),
                "\n".join(ids).encode(),
                b"\0",
                "\n".join(bucket[i][0] for i in ids).encode(),
                b"\0",
                b"".join(bucket[i][1] for i in ids),
            )
        )

    def _root_payload(self) -> bytes:
        parts = [_ROOT_FORMAT]
        for index in sorted(self.buckets):
            parts += [bytes([index]), self.bucket_nonces[index]]
        return b"".join(parts)

    # ------------------------------------------------------------- reading

    @classmethod
    def from_opened(cls, opened: dict[str, tuple[bytes, bytes]]) -> Manifest:
        """The manifest from its opened records, ``{id: (nonce, payload)}``.

        Raises:
            ManifestUnreadable: the root is missing, a bucket it lists is missing or
                is not the copy it names, an extra bucket is there, or a payload
                is malformed.
        """
        if ROOT_ID not in opened:
            raise ManifestUnreadable("is missing")
        nonces = _parse_root(opened[ROOT_ID][1])
        expected = {bucket_id(index) for index in nonces}
        extra = set(opened) - expected - {ROOT_ID}
        if extra:
            raise ManifestUnreadable("has a part it does not list")
        buckets: dict[int, Bucket] = {}
        for index, nonce in nonces.items():
            found = opened.get(bucket_id(index))
            if found is None:
                raise ManifestUnreadable("has a part missing")
            if found[0] != nonce:
                raise ManifestUnreadable("has a part that is an older copy")
            buckets[index] = _parse_bucket(found[1])
        return cls(buckets, dict(nonces))

    def problem_of(self, record_id: str, seen: Listed | None) -> RecordProblem | None:
        """What is wrong with one record read as ``(kind, nonce)`` (None: not there)."""
        listed = self.get(record_id)
        if seen is None:
            return None if listed is None else RecordProblem(Problem.MISSING, listed[0])
        if listed is None:
            return RecordProblem(Problem.UNEXPECTED, seen[0])
        if listed != seen:
            return RecordProblem(Problem.OLDER, listed[0])
        return None

    def compare(
        self,
        seen: dict[str, Listed],
        unreadable: Collection[str] = (),
        kind: str | None = None,
    ) -> dict[str, RecordProblem]:
        """Problems of the rows ``seen`` (``{id: (kind, nonce)}``) against this list.

        ``unreadable`` are ids already reported as damaged (not also missing);
        with ``kind``, only records of that kind were read. The usual answer, no
        problem at all, is found by comparing two dicts in C.
        """
        listed: dict[str, Listed] = {}
        for bucket in self.buckets.values():
            listed.update(bucket)
        if kind is not None:
            listed = {rid: item for rid, item in listed.items() if item[0] == kind}
        if seen == listed:
            return {}
        problems: dict[str, RecordProblem] = {}
        for record_id, found in seen.items():
            expected = listed.get(record_id)
            if expected is None:
                problems[record_id] = RecordProblem(Problem.UNEXPECTED, found[0])
            elif expected != found:
                problems[record_id] = RecordProblem(Problem.OLDER, expected[0])
        for record_id, expected in listed.items():
            if record_id not in seen and record_id not in unreadable:
                problems[record_id] = RecordProblem(Problem.MISSING, expected[0])
        return problems


def _parse_root(payload: bytes) -> dict[int, bytes]:
    if not payload.startswith(_ROOT_FORMAT):
        raise ManifestUnreadable("is in a form this Tend does not know")
    body = payload[len(_ROOT_FORMAT) :]
    step = 1 + NONCE_BYTES
    if len(body) % step:
        raise ManifestUnreadable("is cut short")
    nonces = {body[i]: body[i + 1 : i + step] for i in range(0, len(body), step)}
    if len(nonces) != len(body) // step:
        raise ManifestUnreadable("lists a part twice")
    return nonces


def _parse_bucket(payload: bytes) -> Bucket:
    if not payload.startswith(_BUCKET_FORMAT) or len(payload) < len(_BUCKET_FORMAT) + 4:
        raise ManifestUnreadable("has a part in a form this Tend does not know")
    (count,) = struct.unpack_from(">I", payload, len(_BUCKET_FORMAT))
    parts = payload[len(_BUCKET_FORMAT) + 4 :].split(b"\0", 2)
    if len(parts) != 3 or len(parts[2]) != count * NONCE_BYTES:
        raise ManifestUnreadable("has a part cut short")
    try:
        ids = parts[0].decode().split("\n") if count else []
        kinds = parts[1].decode().split("\n") if count else []
    except UnicodeDecodeError:
        raise ManifestUnreadable("has a part that is malformed") from None
    if not len(ids) == len(kinds) == count:
        raise ManifestUnreadable("has a part that is malformed")
    blob = parts[2]
    nonces = [blob[at : at + NONCE_BYTES] for at in range(0, len(blob), NONCE_BYTES)]
    bucket = dict(zip(ids, zip(kinds, nonces, strict=True), strict=True))
    if len(bucket) != count:
        raise ManifestUnreadable("lists a record twice")
    return bucket
