"""From a real journal written by Tend 0.1 (format 1) to today's format."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from journal_app.journal import Journal
from journal_app.vault import DamagedVault, Vault, schema
from journal_app.vault.migrations import DOWNGRADED
from journal_app.vault.records import RECORD_VERSION
from tests.conftest import edit_rows, raw_connect, sha256_of

OLD = Path(__file__).parent.parent / "data" / "format1.tend"
OLD_PASSPHRASE = "format one passphrase"
OLD_RECOVERY_CODE = "8E5E4-BC7VQ-4G2C4-XAP4C-J1MNY-1RBTB"


@pytest.fixture
def old_journal(tmp_path: Path) -> Path:
    copy = tmp_path / "old" / "journal.tend"
    copy.parent.mkdir()
    shutil.copyfile(OLD, copy)
    return copy


def clear_columns(path: Path) -> list[tuple[str, str, int]]:
    conn = raw_connect(path)
    try:
        return conn.execute("SELECT id, kind, version FROM tend_record ORDER BY id").fetchall()
    finally:
        conn.close()


def header_format(path: Path) -> int:
    conn = raw_connect(path)
    try:
        return conn.execute("SELECT format_version FROM tend_header").fetchone()[0]
    finally:
        conn.close()


def assert_everything_from_tend_0_1_is_there(journal: Journal) -> None:
    assert journal.damaged_ids == ()
    assert journal.report.unverified is None
    entries = {e.title: e for e in journal.entries(include_trash=True)}
    assert set(entries) == {"Morning", "Evening", "Old"}
    assert entries["Morning"].tags == ("walk",)
    assert entries["Evening"].body == "A second entry with 中文 and accents: café."
    assert entries["Old"].trashed_at is not None
    assert [d.body for d in journal.drafts()] == ["A draft after a crash."]
    assert [p.name for p in journal.personal.people()] == ["Sam"]
    assert journal.personal.plan().text("signs") == "Going for a walk."
    assert journal.prompts.history == ("coping-keep-close",)


def test_the_stored_journal_is_still_format_1():
    assert header_format(OLD) == 1
    assert {version for _, _, version in clear_columns(OLD)} == {1}


def test_a_format_1_journal_opens_and_is_brought_up_to_date(old_journal: Path):
    with Journal.open(old_journal, OLD_PASSPHRASE) as journal:
        assert_everything_from_tend_0_1_is_there(journal)
    assert header_format(old_journal) == schema.FORMAT_VERSION
    rows = clear_columns(old_journal)
    assert {version for _, _, version in rows} == {RECORD_VERSION}
    assert any(kind == "manifest" for _, kind, _ in rows)
    with Journal.open(old_journal, OLD_PASSPHRASE) as journal:  # and again, as format 2
        assert_everything_from_tend_0_1_is_there(journal)
        assert journal.vault.examine().ok


def test_a_format_1_journal_is_brought_up_to_date_by_its_recovery_code(old_journal: Path):
    with Vault.open(old_journal) as vault:
        vault.unlock_with_recovery_code(OLD_RECOVERY_CODE)
        assert vault.examine().ok
    with Journal.open(old_journal, OLD_PASSPHRASE) as journal:
        assert_everything_from_tend_0_1_is_there(journal)


def test_a_header_set_back_to_format_1_is_refused(old_journal: Path):
    """Setting the format back would have the manifest made again over deleted records."""
    with Journal.open(old_journal, OLD_PASSPHRASE) as journal:
        gone = next(e.id for e in journal.entries() if e.title == "Morning")
    edit_rows(old_journal, "DELETE FROM tend_record WHERE id = ?", gone)
    edit_rows(old_journal, "DELETE FROM tend_record WHERE kind = 'manifest'")
    edit_rows(old_journal, "UPDATE tend_header SET format_version = 1")
    before = sha256_of(old_journal)
    with pytest.raises(DamagedVault) as excinfo:
        Journal.open(old_journal, OLD_PASSPHRASE)
    assert str(excinfo.value) == DOWNGRADED
    assert sha256_of(old_journal) == before
