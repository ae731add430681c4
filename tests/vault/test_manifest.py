"""The manifest: a record deleted, put back as an older copy, or put back after
deletion is reported by name, while everything else still opens."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from journal_app.journal import Journal
from journal_app.vault import DamagedRecords, Vault, VaultCheck
from journal_app.vault.manifest import ROOT_ID, bucket_id, bucket_of
from journal_app.vault.records import Problem
from tests.conftest import PASSPHRASE, ClosedJournal, edit_rows, raw_connect, sha256_of


def row_of(path: Path, record_id: str) -> tuple[object, ...]:
    conn = raw_connect(path)
    try:
        return conn.execute(
            "SELECT id, kind, version, nonce, ciphertext FROM tend_record WHERE id = ?",
            (record_id,),
        ).fetchone()
    finally:
        conn.close()


def put_row(path: Path, row: tuple[object, ...]) -> None:
    """Write a raw row back (as someone with the file but not the key could)."""
    edit_rows(
        path,
        "INSERT OR REPLACE INTO tend_record (id, kind, version, nonce, ciphertext) "
        "VALUES (?, ?, ?, ?, ?)",
        *row,
    )


def examine(path: Path) -> VaultCheck:
    with Vault.open(path) as vault:
        vault.unlock(PASSPHRASE)
        return vault.examine()


def test_a_deleted_record_is_reported_missing_by_name(closed_journal: ClosedJournal):
    gone = closed_journal.ids[1]
    edit_rows(closed_journal.path, "DELETE FROM tend_record WHERE id = ?", gone)
    with Journal.open(closed_journal.path, PASSPHRASE) as journal:
        assert journal.damaged_ids == (gone,)
        assert journal.report.problems[gone].problem == Problem.MISSING
        assert journal.report.problems[gone].kind == "entry"
        assert {e.id for e in journal.entries()} == set(closed_journal.ids) - {gone}
        assert "missing from the file" in str(journal.report.damage_error())
    report = examine(closed_journal.path)
    assert report.problems[gone].problem == Problem.MISSING
    assert report.records == 2


def test_an_older_copy_of_a_record_is_reported_and_not_shown(closed_journal: ClosedJournal):
    target = closed_journal.ids[0]
    old_row = row_of(closed_journal.path, target)
    with Journal.open(closed_journal.path, PASSPHRASE) as journal:
        journal.update(target, body="Rewritten later, with what I know now.")
    put_row(closed_journal.path, old_row)  # the earlier sealed copy, put back
    with Journal.open(closed_journal.path, PASSPHRASE) as journal:
        assert journal.damaged_ids == (target,)
        assert journal.report.problems[target].problem == Problem.OLDER
        assert target not in {e.id for e in journal.entries()}
        with pytest.raises(DamagedRecords) as excinfo:
            journal.vault.read(target)
        assert "older cop" in str(excinfo.value)


def test_a_record_put_back_after_deletion_is_not_expected(closed_journal: ClosedJournal):
    target = closed_journal.ids[2]
    deleted_row = row_of(closed_journal.path, target)
    with Journal.open(closed_journal.path, PASSPHRASE) as journal:
        journal.move_to_trash(target)
        assert journal.empty_trash() == 1
    put_row(closed_journal.path, deleted_row)  # replayed from an earlier copy
    with Journal.open(closed_journal.path, PASSPHRASE) as journal:
        assert journal.damaged_ids == (target,)
        assert journal.report.problems[target].problem == Problem.UNEXPECTED
        assert len(journal.entries()) == 2


def test_a_problem_stays_reported_after_more_writing(closed_journal: ClosedJournal):
    gone = closed_journal.ids[0]
    edit_rows(closed_journal.path, "DELETE FROM tend_record WHERE id = ?", gone)
    with Journal.open(closed_journal.path, PASSPHRASE) as journal:
        for i in range(10):
            journal.add(f"more words {i}")
    with Journal.open(closed_journal.path, PASSPHRASE) as journal:
        assert journal.damaged_ids == (gone,)
        assert len(journal.entries()) == 12


def test_every_write_keeps_the_manifest_in_step(vault: Vault, vault_path: Path):
    ids = vault.put_many([("entry", f"e{i}".encode(), None) for i in range(40)])
    vault.put("entry", b"changed", ids[3])
    vault.delete(ids[10:20])
    vault.close()
    report = examine(vault_path)
    assert report.ok, report
    assert report.records == 30


def test_the_manifest_cannot_be_written_through_put(vault: Vault):
    refused = [
        ("manifest", None),
        ("entry", ROOT_ID),
        ("entry", bucket_id(7)),
        ("entry", "two\nlines"),  # a bucket lists ids one a line
        ("en\0try", None),
    ]
    for kind, record_id in refused:
        with pytest.raises(ValueError):
            vault.put(kind, b"x", record_id)
    assert vault.delete([ROOT_ID]) == 0
    assert vault.examine().ok


def test_a_rolled_back_part_of_the_manifest_is_said_and_rebuilt_on_the_next_save(
    closed_journal: ClosedJournal,
):
    target = closed_journal.ids[0]
    bucket = bucket_id(bucket_of(target))
    old_bucket = row_of(closed_journal.path, bucket)
    with Journal.open(closed_journal.path, PASSPHRASE) as journal:
        journal.update(target, body="A later version.")
    put_row(closed_journal.path, old_bucket)
    with Journal.open(closed_journal.path, PASSPHRASE) as journal:
        assert journal.report.unverified == "has a part that is an older copy"
        # Nothing is hidden because of it: every record that opens is shown.
        assert len(journal.entries()) == 3
        journal.add("Written after the warning.")
    with Journal.open(closed_journal.path, PASSPHRASE) as journal:
        assert journal.report.unverified is None
        assert journal.damaged_ids == ()
        assert len(journal.entries()) == 4


@pytest.mark.parametrize(
    "tamper",
    [
        "DELETE FROM tend_record WHERE id = 'manifest'",
        "DELETE FROM tend_record WHERE kind = 'manifest'",
        "UPDATE tend_record SET nonce = zeroblob(12) WHERE id = 'manifest'",
    ],
    ids=["root deleted", "all deleted", "root damaged"],
)
def test_a_missing_or_damaged_manifest_is_said_without_hiding_anything(
    closed_journal: ClosedJournal, tamper: str
):
    edit_rows(closed_journal.path, tamper)
    with Journal.open(closed_journal.path, PASSPHRASE) as journal:
        assert journal.report.unverified is not None
        assert len(journal.entries()) == 3
        assert journal.damaged_ids == ()
    report = examine(closed_journal.path)
    assert not report.ok and report.unverified is not None


def test_an_extra_manifest_part_is_noticed(closed_journal: ClosedJournal):
    buckets = [bucket_of(record_id) for record_id in closed_journal.ids]
    target = next(
        rid for rid, b in zip(closed_journal.ids, buckets, strict=True) if buckets.count(b) == 1
    )
    bucket = bucket_id(bucket_of(target))
    old_bucket = row_of(closed_journal.path, bucket)
    with Journal.open(closed_journal.path, PASSPHRASE) as journal:
        journal.move_to_trash(target)
        journal.empty_trash()  # its part of the manifest, now empty, is deleted too
    assert row_of(closed_journal.path, bucket) is None
    put_row(closed_journal.path, old_bucket)
    with Journal.open(closed_journal.path, PASSPHRASE) as journal:
        assert journal.report.unverified == "has a part it does not list"


def test_a_backup_missing_a_record_fails_its_check(closed_journal: ClosedJournal, tmp_path: Path):
    backup = tmp_path / "backup.tend"
    with Vault.open(closed_journal.path) as vault:
        vault.unlock(PASSPHRASE)
        vault.backup_to(backup)
    edit_rows(backup, "DELETE FROM tend_record WHERE id = ?", closed_journal.ids[1])
    report = Vault.verify_file(backup, PASSPHRASE)
    assert report.damaged == (closed_journal.ids[1],)
    assert report.problems[closed_journal.ids[1]].problem == Problem.MISSING
    with pytest.raises(DamagedRecords, match="missing from the file"):
        Vault.restore_copy(backup, tmp_path / "restored.tend", PASSPHRASE)
    assert not (tmp_path / "restored.tend").exists()


def test_the_whole_file_put_back_as_an_older_copy_is_not_detected(
    closed_journal: ClosedJournal, tmp_path: Path
):
    """The limit the README states: a consistent older journal is still a journal."""
    older = tmp_path / "older.tend"
    shutil.copyfile(closed_journal.path, older)
    with Journal.open(closed_journal.path, PASSPHRASE) as journal:
        journal.add("Written after the copy.")
    shutil.copyfile(older, closed_journal.path)
    before = sha256_of(closed_journal.path)
    with Journal.open(closed_journal.path, PASSPHRASE) as journal:
        assert journal.damaged_ids == ()
        assert len(journal.entries()) == 3
    assert sha256_of(closed_journal.path) == before
