"""Files that are not good vaults: each is refused with its own error, and left as it was."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from journal_app.journal import Journal
from journal_app.vault import (
    DamagedVault,
    NewerVersion,
    NotAVault,
    Vault,
    VaultError,
    schema,
)
from journal_app.vault.connection import precheck_file
from tests.conftest import PASSPHRASE, edit_rows, sha256_of, siblings


def assert_refused_untouched(path: Path, error: type[VaultError]) -> VaultError:
    """Opening ``path`` raises exactly ``error`` and changes no byte, adds no file."""
    before = sha256_of(path)
    files_before = siblings(path)
    with pytest.raises(VaultError) as excinfo:
        Vault.open(path)
    assert type(excinfo.value) is error
    assert sha256_of(path) == before
    assert siblings(path) == files_before
    # The Journal's own entry point behaves the same, and leaves no file open.
    with pytest.raises(error):
        Journal.open(path, PASSPHRASE)
    assert sha256_of(path) == before
    assert siblings(path) == files_before
    return excinfo.value


@pytest.fixture
def real_vault(vault_path: Path, fast_kdf) -> Path:
    """A closed vault with enough entries to span many pages."""
    with Journal.create(vault_path, PASSPHRASE, fast_kdf) as journal:
        for i in range(40):
            journal.add(f"entry {i} " + "words " * 300, title=f"Entry {i}")
    assert vault_path.stat().st_size > 8 * 4096
    assert siblings(vault_path) == []
    return vault_path


@pytest.mark.parametrize(
    "new_size",
    [lambda size: size // 2, lambda size: 4096, lambda size: size - 1],
    ids=["half", "first page only", "one byte short"],
)
def test_truncated_vault_is_reported_damaged(real_vault, new_size):
    os.truncate(real_vault, new_size(real_vault.stat().st_size))
    error = assert_refused_untouched(real_vault, DamagedVault)
    assert str(error) == DamagedVault.message


def test_a_short_file_with_a_hot_rollback_journal_is_left_to_sqlite(real_vault):
    """A writer killed mid-commit can leave the file shorter than its header says,
    beside a rollback journal with content that SQLite plays back when the file is
    next opened: that is no damage. An empty journal (Tend keeps one under its lock,
    truncated after each commit) recovers nothing, so a short file beside it is."""
    os.truncate(real_vault, real_vault.stat().st_size // 2)
    journal = real_vault.with_name(real_vault.name + "-journal")
    journal.write_bytes(b"")
    with pytest.raises(DamagedVault):
        precheck_file(real_vault)
    journal.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + bytes(504))
    precheck_file(real_vault)  # not refused here: SQLite decides once it opens


def test_vault_cut_inside_the_sqlite_header_is_not_a_vault(real_vault):
    os.truncate(real_vault, 50)
    error = assert_refused_untouched(real_vault, NotAVault)
    assert str(error) == NotAVault.message


def test_random_bytes_are_not_a_vault(vault_path):
    vault_path.write_bytes(os.urandom(64 * 1024))
    error = assert_refused_untouched(vault_path, NotAVault)
    assert str(error) == NotAVault.message


def test_empty_file_is_not_a_vault(vault_path):
    vault_path.write_bytes(b"")
    error = assert_refused_untouched(vault_path, NotAVault)
    assert str(error) == NotAVault.message


def test_text_file_is_not_a_vault(vault_path):
    vault_path.write_text("Dear diary,\n" * 1000, encoding="utf-8")
    assert_refused_untouched(vault_path, NotAVault)


def make_sqlite(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def test_foreign_sqlite_database_is_not_a_vault(vault_path):
    make_sqlite(
        vault_path,
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)",
        "INSERT INTO notes (text) VALUES ('someone else''s data')",
    )
    error = assert_refused_untouched(vault_path, NotAVault)
    assert str(error) == NotAVault.message


def test_foreign_sqlite_database_in_wal_mode_is_not_a_vault(vault_path):
    make_sqlite(
        vault_path,
        "PRAGMA journal_mode=WAL",
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)",
    )
    assert_refused_untouched(vault_path, NotAVault)


def test_sqlite_file_with_tends_id_but_without_its_tables_is_not_a_vault(vault_path):
    make_sqlite(
        vault_path,
        f"PRAGMA application_id={schema.APPLICATION_ID}",
        "CREATE TABLE notes (id INTEGER PRIMARY KEY)",
    )
    assert_refused_untouched(vault_path, NotAVault)


@pytest.mark.parametrize(
    "statement",
    ["UPDATE tend_header SET magic = 'other-app'", "DELETE FROM tend_header"],
    ids=["wrong magic", "no header row"],
)
def test_vault_with_a_foreign_or_missing_header_is_not_a_vault(real_vault, statement):
    edit_rows(real_vault, statement)
    assert_refused_untouched(real_vault, NotAVault)


def test_vault_from_a_newer_version_of_tend_says_so(real_vault):
    edit_rows(real_vault, "UPDATE tend_header SET format_version = ?", schema.FORMAT_VERSION + 1)
    error = assert_refused_untouched(real_vault, NewerVersion)
    assert str(error) == NewerVersion.message


def test_missing_path_is_not_a_vault_and_is_not_created(tmp_path):
    missing = tmp_path / "nowhere" / "journal.tend"
    with pytest.raises(NotAVault) as excinfo:
        Vault.open(missing)
    assert str(missing) in str(excinfo.value)
    assert "Traceback" not in str(excinfo.value)
    assert not missing.exists()
    assert not missing.parent.exists()


def test_folder_is_not_a_vault(tmp_path):
    with pytest.raises(NotAVault) as excinfo:
        Vault.open(tmp_path)
    assert "folder" in str(excinfo.value)


def test_every_error_message_is_a_sentence_for_people():
    for error in (NotAVault, DamagedVault, NewerVersion):
        message = str(error())
        assert message.endswith(".")
        assert "nothing in it was changed" in message.lower()
