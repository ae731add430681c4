"""Unlocking with the key derived on a thread, and reading without SQLAlchemy.

``Vault.unlocking`` and an ``Opening`` (the command line's way in, with the rows
read while the key is derived) move only the waiting: the same derivation, the
same checks, the same errors as ``Vault.unlock``. Reading a journal never loads SQLAlchemy,
which only writing needs (``journal_app/vault/writing.py``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest

from journal_app.journal import Journal
from journal_app.vault import KdfParams, NotAVault, Vault, VaultLocked, WrongPassphrase
from journal_app.vault.keys import Unwrapping, read_header
from journal_app.vault.opening import Opening
from tests.conftest import PASSPHRASE, edit_rows, raw_connect
from tests.vault.test_migration import OLD, OLD_PASSPHRASE


def test_unlocking_opens_the_vault_as_unlock_does(closed_journal):
    with Vault.open(closed_journal.path) as vault:
        with vault.unlocking(PASSPHRASE):
            assert not vault.is_unlocked  # the key is still being derived
        assert vault.is_unlocked
        assert {record.id for record in vault.read_all().records} >= set(closed_journal.ids)


def test_unlocking_with_a_wrong_passphrase_raises_at_the_end_and_stays_locked(closed_journal):
    with Vault.open(closed_journal.path) as vault:
        ran = []
        with pytest.raises(WrongPassphrase), vault.unlocking("not the passphrase"):
            ran.append(True)
        assert ran == [True]
        assert not vault.is_unlocked
        with pytest.raises(VaultLocked):
            vault.read_all()


def test_a_block_that_fails_leaves_the_vault_locked_and_the_key_wiped(closed_journal):
    with Vault.open(closed_journal.path) as vault:
        with pytest.raises(KeyError), vault.unlocking(PASSPHRASE):
            raise KeyError("the caller's own failure")
        assert not vault.is_unlocked


def test_unwrapping_hands_over_the_key_once_and_discard_wipes_it(closed_journal):
    with closing(raw_connect(closed_journal.path)) as conn:
        header = read_header(conn)
    assert header is not None
    unwrapping = Unwrapping(header, PASSPHRASE)
    key = unwrapping.key()
    assert len(key) == 32
    with pytest.raises(RuntimeError):
        unwrapping.key()
    unwrapping = Unwrapping(header, PASSPHRASE)
    unwrapping.discard()
    with pytest.raises(RuntimeError):
        unwrapping.key()


def test_reading_a_journal_never_loads_sqlalchemy_and_writing_does(
    vault_path: Path, fast_kdf: KdfParams
):
    with Journal.create(vault_path, PASSPHRASE, fast_kdf) as journal:
        journal.add("Heron on the river", title="Morning", tags=("walk",))
    script = textwrap.dedent(
        """
        import sys
        from journal_app.journal import Journal
        with Journal.open(sys.argv[1], sys.argv[2]) as journal:
            titles = [entry.title for entry in journal.search("heron")]
            assert titles == ["Morning"], titles
            assert journal.vault.check() == []
            print("sqlalchemy" in sys.modules)
            journal.add("A second entry")
            print("sqlalchemy" in sys.modules)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(vault_path), PASSPHRASE],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True"]


def _opened(path: Path, passphrase: str = PASSPHRASE) -> Vault:
    """A vault opened the way ``tend list`` opens one: key on a thread, rows read early."""
    opening = Opening.of(path)
    opening.begin_unlock(passphrase)
    opening.prefetch()
    return Vault.opened(opening)


def test_an_opening_reads_what_unlock_reads(closed_journal):
    with _opened(closed_journal.path) as vault:
        ids = {record.id for record in vault.read_all().records}
        assert ids >= set(closed_journal.ids)
        assert ids == {record.id for record in vault.read_all().records}


def test_rows_read_early_never_outlive_a_write(closed_journal):
    with _opened(closed_journal.path) as vault:
        new_id = vault.put("entry", b'{"body": "written after the rows were read"}')
        assert new_id in {record.id for record in vault.read_all().records}


def test_rows_read_early_never_outlive_a_lock(closed_journal):
    with _opened(closed_journal.path) as vault:
        vault.lock()
        with pytest.raises(VaultLocked):
            vault.read_all()
        vault.unlock(PASSPHRASE)
        assert {record.id for record in vault.read_all().records} >= set(closed_journal.ids)


def test_a_damaged_row_read_early_is_still_reported(closed_journal):
    damaged = closed_journal.ids[0]
    edit_rows(
        closed_journal.path,
        "UPDATE tend_record SET ciphertext = x'00' WHERE id = ?",
        damaged,
    )
    with _opened(closed_journal.path) as vault:
        result = vault.read_all()
        assert result.damaged == [damaged]
        assert damaged not in {record.id for record in result.records}


def test_an_opening_refused_or_failed_leaves_the_file_free(closed_journal, tmp_path):
    other = tmp_path / "not-a-journal.tend"
    other.write_bytes(b"plain text, not a journal" * 10)
    with pytest.raises(NotAVault):
        Opening.of(other)
    with pytest.raises(WrongPassphrase):
        _opened(closed_journal.path, "not the passphrase")
    with _opened(closed_journal.path) as vault:  # the lock was let go
        assert vault.is_unlocked


def test_an_old_journal_opened_early_is_brought_up_to_date_before_it_is_read(tmp_path):
    copy = tmp_path / "journal.tend"
    shutil.copyfile(OLD, copy)
    with _opened(copy, OLD_PASSPHRASE) as vault:
        result = vault.read_all()
        assert result.damaged == []
        assert result.records
    with Journal.open(copy, OLD_PASSPHRASE) as journal:
        assert journal.damaged_ids == ()
