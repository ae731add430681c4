"""A row whose clear columns are not what Tend wrote is one damaged record, never a
journal that will not open."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal_app.journal import Journal
from journal_app.vault import DamagedRecords, Vault
from journal_app.vault.records import Problem
from tests.conftest import PASSPHRASE, ClosedJournal, edit_rows

# Each edit changes one clear column of one row, as a flipped byte or a careless
# tool might: the row's values become bytes, text that is not UTF-8, or numbers.
TAMPERS = {
    "id stored as a blob": "UPDATE tend_record SET id = CAST(id AS BLOB) WHERE id = ?",
    "id not UTF-8": "UPDATE tend_record SET id = CAST(X'66FF6600' AS TEXT) WHERE id = ?",
    "kind not UTF-8": "UPDATE tend_record SET kind = CAST(X'65FF' AS TEXT) WHERE id = ?",
    "kind stored as a blob": "UPDATE tend_record SET kind = CAST(kind AS BLOB) WHERE id = ?",
    "version as text": "UPDATE tend_record SET version = 'two' WHERE id = ?",
    "nonce as text": "UPDATE tend_record SET nonce = 'abcdefghijkl' WHERE id = ?",
    "ciphertext as text": "UPDATE tend_record SET ciphertext = 'words' WHERE id = ?",
    "kind as a number": "UPDATE tend_record SET kind = 7 WHERE id = ?",
}


@pytest.fixture(params=list(TAMPERS), ids=list(TAMPERS))
def one_bad_row(request: pytest.FixtureRequest, closed_journal: ClosedJournal) -> ClosedJournal:
    assert edit_rows(closed_journal.path, TAMPERS[request.param], closed_journal.ids[1]) == 1
    return closed_journal


def test_the_other_entries_still_open(one_bad_row: ClosedJournal):
    good = {one_bad_row.ids[0], one_bad_row.ids[2]}
    with Journal.open(one_bad_row.path, PASSPHRASE) as journal:
        assert {e.id for e in journal.entries()} == good
        assert len(journal.damaged_ids) in (1, 2)  # the bad row, and its id as listed
        assert set(journal.report.problems.values()) <= {
            journal.report.problems[d] for d in journal.damaged_ids
        }
        report = journal.vault.examine()
        assert report.records == 2
        assert {p.problem for p in report.problems.values()} <= {Problem.DAMAGED, Problem.MISSING}
        with pytest.raises(DamagedRecords):
            journal.vault.read(one_bad_row.ids[1])


def test_a_backup_with_such_a_row_is_checked_and_restored(
    one_bad_row: ClosedJournal, tmp_path: Path
):
    backup = tmp_path / "backup.tend"
    with Vault.open(one_bad_row.path) as vault:
        vault.unlock(PASSPHRASE)
        vault.backup_to(backup)  # the damaged record is copied as it is
    report = Vault.verify_file(backup, PASSPHRASE)
    assert report.records == 3 and report.damaged
    with pytest.raises(DamagedRecords):
        Vault.restore_copy(backup, tmp_path / "refused.tend", PASSPHRASE)
    restored = tmp_path / "restored.tend"
    Vault.restore_copy(backup, restored, PASSPHRASE, allow_damaged=True)
    with Journal.open(restored, PASSPHRASE) as journal:
        assert {e.id for e in journal.entries()} == {one_bad_row.ids[0], one_bad_row.ids[2]}
