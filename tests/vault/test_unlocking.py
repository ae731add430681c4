"""Unlocking with the key derived on a thread, and reading without SQLAlchemy.

``Vault.unlocking`` moves only the waiting: the same derivation, the same checks,
the same errors as ``Vault.unlock``. Reading a journal never loads SQLAlchemy,
which only writing needs (``journal_app/vault/writing.py``).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest

from journal_app.journal import Journal
from journal_app.vault import KdfParams, Vault, VaultLocked, WrongPassphrase
from journal_app.vault.keys import Unwrapping, read_header
from tests.conftest import PASSPHRASE, raw_connect


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
