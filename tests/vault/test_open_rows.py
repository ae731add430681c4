"""Opening rows in batches finds exactly what opening them one by one finds."""

from __future__ import annotations

import os

import pytest

from journal_app.vault.crypto import Sealer, new_data_key
from journal_app.vault.records import OPEN_BATCH, OpenedRows, RecordSealer, Row


def _rows(sealer: RecordSealer, count: int) -> list[Row]:
    rows: list[Row] = []
    for index in range(count):
        kind = "entry" if index % 3 else "draft"
        row = sealer.seal(f"{index:032x}", kind, f"payload {index}".encode())
        rows.append(
            (row["id"].encode(), "text", kind.encode(), "text", 2, row["nonce"], row["ciphertext"])
        )
    return rows


def _one_by_one(sealer: RecordSealer, rows: list[Row]) -> OpenedRows:
    opened = OpenedRows()
    sealer._open_each(rows, opened, True)
    return opened


@pytest.fixture
def sealer() -> RecordSealer:
    return RecordSealer(Sealer(new_data_key()), os.urandom(16))


def test_whole_batches_open_as_one_by_one(sealer):
    rows = _rows(sealer, OPEN_BATCH * 2 + 5)
    opened = sealer.open_rows(iter(rows))
    assert opened == _one_by_one(sealer, rows)
    assert len(opened.records) == len(rows) and not opened.problems
    assert opened.records[7].payload == b"payload 7" and opened.records[7].kind == "entry"


@pytest.mark.parametrize(
    "damage",
    [
        lambda row: (*row[:6], row[6][:-1] + bytes([row[6][-1] ^ 1])),  # a flipped bit
        lambda row: (row[0], "blob", *row[2:]),  # an id stored as a BLOB
        lambda row: (*row[:4], 2.0, *row[5:]),  # a version stored as REAL
        lambda row: (*row[:4], 3, *row[5:]),  # another version than it was sealed with
        lambda row: (b"\xff" + row[0][1:], *row[1:]),  # an id that is not UTF-8
        lambda row: (*row[:5], "not bytes", row[6]),  # a nonce stored as TEXT
    ],
)
def test_one_damaged_row_in_a_batch_is_named_and_the_rest_open(sealer, damage):
    rows = _rows(sealer, OPEN_BATCH + 50)
    rows[OPEN_BATCH + 10] = damage(rows[OPEN_BATCH + 10])
    opened = sealer.open_rows(rows)
    assert opened == _one_by_one(sealer, rows)
    assert len(opened.records) == len(rows) - 1
    assert len(opened.problems) == 1
    assert f"{OPEN_BATCH + 10:032x}"[1:] in next(iter(opened.problems))


def test_rows_can_be_counted_without_keeping_payloads(sealer):
    rows = _rows(sealer, 10)
    opened = sealer.open_rows(rows, keep_payloads=False)
    assert not opened.records and len(opened.seen) == 10
