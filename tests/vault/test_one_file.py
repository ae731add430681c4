"""One journal on two computers: the file alone is complete after every save, and a
copy put in its place by a sync tool is never written over."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from journal_app.journal import Journal
from journal_app.vault import KdfParams, VaultChanged
from tests.conftest import PASSPHRASE, sha256_of


def test_a_copy_of_the_file_alone_holds_every_save_while_the_journal_is_open(
    journal: Journal, vault_path: Path, tmp_path: Path
):
    saved = [journal.add(f"Entry {i}, saved while open.") for i in range(5)]
    journal.update(saved[0].id, body="Changed while open.")
    journal.save_draft(entry_id=None, title="", body="A draft, too.")
    copy = tmp_path / "synced" / "journal.tend"
    copy.parent.mkdir()
    shutil.copyfile(vault_path, copy)  # only the file: no side file travels with it
    with Journal.open(copy, PASSPHRASE) as other:
        assert {e.id for e in other.entries()} == {e.id for e in saved}
        assert other.get(saved[0].id).body == "Changed while open."
        assert [d.body for d in other.drafts()] == ["A draft, too."]
        assert other.vault.examine().ok


def test_no_side_file_holds_anything_after_a_save(journal: Journal, vault_path: Path):
    journal.add("Words.")
    for side in ("-wal", "-shm", "-journal"):
        path = Path(f"{vault_path}{side}")
        assert not path.exists() or path.stat().st_size == 0, side


def _other_copy(vault_path: Path, fast_kdf: KdfParams, tmp_path: Path) -> Path:
    """The same journal as written on another computer: an older copy plus its own entry."""
    other = tmp_path / "laptop" / "journal.tend"
    other.parent.mkdir()
    shutil.copyfile(vault_path, other)
    with Journal.open(other, PASSPHRASE) as laptop:
        laptop.add("Written on the laptop.")
    return other


def test_a_file_replaced_underneath_is_noticed_and_never_written_over(
    vault_path: Path, fast_kdf: KdfParams, tmp_path: Path
):
    journal = Journal.create(vault_path, PASSPHRASE, fast_kdf)
    try:
        journal.add("Written on the desktop.")
        other = _other_copy(vault_path, fast_kdf, tmp_path)
        # A sync tool puts the laptop's copy in place with a rename, as they do.
        staged = vault_path.with_name(".journal.tend.sync-tmp")
        shutil.copyfile(other, staged)
        staged.replace(vault_path)
        arrived = sha256_of(vault_path)
        assert journal.vault.changed_on_disk()
        with pytest.raises(VaultChanged):
            journal.add("Typed here after the sync.")
        with pytest.raises(VaultChanged):
            journal.save_draft(entry_id=None, title="", body="A draft after the sync.")
        assert sha256_of(vault_path) == arrived
    finally:
        journal.close()
    assert sha256_of(vault_path) == arrived
    with Journal.open(vault_path, PASSPHRASE) as reopened:
        assert {e.body for e in reopened.entries()} == {
            "Written on the desktop.",
            "Written on the laptop.",
        }


def test_a_file_rewritten_in_place_underneath_is_noticed(
    vault_path: Path, fast_kdf: KdfParams, tmp_path: Path
):
    journal = Journal.create(vault_path, PASSPHRASE, fast_kdf)
    try:
        journal.add("Written here.")
        other = _other_copy(vault_path, fast_kdf, tmp_path)
        with vault_path.open("r+b") as handle:  # a tool that writes into the file
            handle.write(other.read_bytes())
        with pytest.raises(VaultChanged):
            journal.add("Typed here after the sync.")
    finally:
        journal.close()
    assert sha256_of(vault_path) == sha256_of(other)


def test_a_file_moved_away_underneath_is_noticed(journal: Journal, vault_path: Path):
    journal.add("Written here.")
    vault_path.rename(vault_path.with_name("moved.tend"))
    assert journal.vault.changed_on_disk()
    with pytest.raises(VaultChanged):
        journal.add("Typed after the move.")
    assert not vault_path.exists()


def test_its_own_saves_never_look_like_a_change(journal: Journal):
    for i in range(20):
        entry = journal.add(f"Entry {i}")
        journal.move_to_trash(entry.id)
        assert not journal.vault.changed_on_disk()
    assert journal.empty_trash() == 20
    assert not journal.vault.changed_on_disk()
