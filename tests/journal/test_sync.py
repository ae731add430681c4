"""A copy put in place by a sync tool: what only the open copy held is kept, and
merged back after the next unlock."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from journal_app.journal import Journal
from journal_app.journal.sync import bring_in_kept, keep_open_copy, kept_copies, kept_copy_path
from journal_app.vault import KdfParams, Vault, WrongPassphrase
from tests.conftest import PASSPHRASE


def sync_replaces(path: Path, other: Path) -> None:
    """What a sync tool does: write the other copy beside, then rename it over."""
    staged = path.with_name(f".{path.name}.syncing")
    shutil.copyfile(other, staged)
    staged.replace(path)


@pytest.fixture
def laptop(vault_path: Path, fast_kdf: KdfParams, tmp_path: Path) -> Path:
    with Journal.create(vault_path, PASSPHRASE, fast_kdf) as journal:
        journal.add("Written before the copy.", title="Both")
    copy = tmp_path / "laptop.tend"
    shutil.copyfile(vault_path, copy)
    with Journal.open(copy, PASSPHRASE) as journal:
        journal.add("Written on the laptop.", title="Laptop")
    return copy


def titles(journal: Journal) -> set[str]:
    return {entry.title for entry in journal.entries()}


@pytest.mark.parametrize("locked_first", [False, True], ids=["unlocked", "locked"])
def test_what_only_the_open_copy_held_comes_back_after_the_next_unlock(
    vault_path: Path, laptop: Path, locked_first: bool
):
    journal = Journal.open(vault_path, PASSPHRASE)
    journal.add("Written here while the laptop's copy was on its way.", title="Desktop")
    sync_replaces(vault_path, laptop)
    if locked_first:
        journal.lock()  # the key is gone; the pages are still readable
    copy = keep_open_copy(journal.vault)
    journal.close()
    assert copy is not None and copy.path.exists()
    kept = copy.path
    assert kept.name.startswith("journal (kept ") and kept.suffix == ".tend"
    with Journal.open(vault_path, PASSPHRASE) as arrived:
        assert titles(arrived) == {"Both", "Laptop"}
        assert kept_copies(arrived) == [kept]
        [result] = bring_in_kept(arrived, PASSPHRASE)
        assert result.error is None and result.plan is not None
        assert [e.title for e in result.plan.entries] == ["Desktop"]
        assert titles(arrived) == {"Both", "Laptop", "Desktop"}
        assert not kept.exists()
    with Journal.open(vault_path, PASSPHRASE) as reopened:
        assert titles(reopened) == {"Both", "Laptop", "Desktop"}
        assert reopened.vault.examine().ok


def test_nothing_is_kept_when_the_file_did_not_change(journal: Journal, vault_path: Path):
    journal.add("Words.")
    assert keep_open_copy(journal.vault) is None
    assert sorted(p.name for p in vault_path.parent.iterdir()) == [
        "journal.tend",
        "journal.tend-journal",
    ]


def test_a_kept_copy_the_passphrase_does_not_open_is_left_in_place(
    vault_path: Path, laptop: Path, fast_kdf: KdfParams
):
    journal = Journal.open(vault_path, PASSPHRASE)
    journal.add("Only here.", title="Desktop")
    sync_replaces(vault_path, laptop)
    copy = keep_open_copy(journal.vault)
    journal.close()
    with Vault.open(vault_path) as vault:  # the laptop changed the passphrase meanwhile
        vault.unlock(PASSPHRASE)
        vault.change_passphrase("the laptop's new passphrase", fast_kdf)
    with Journal.open(vault_path, "the laptop's new passphrase") as arrived:
        [result] = bring_in_kept(arrived, "the laptop's new passphrase")
        assert isinstance(result.error, WrongPassphrase)
        assert copy is not None and copy.path.exists()
        assert "Desktop" not in titles(arrived)


def test_a_kept_copy_of_another_journal_is_not_taken(
    journal: Journal, vault_path: Path, fast_kdf: KdfParams
):
    stranger = kept_copy_path(vault_path)
    Journal.create(stranger, PASSPHRASE, fast_kdf).close()
    assert kept_copies(journal) == []
    assert bring_in_kept(journal, PASSPHRASE) == []
    assert stranger.exists()


def test_from_a_copy_kept_this_session_only_what_was_written_here_is_merged(
    vault_path: Path, laptop: Path
):
    """The laptop rewrote an entry both had; the desktop only added one. Merging the
    whole kept copy would bring the entry's old words back beside the new ones."""
    with Journal.open(laptop, PASSPHRASE) as other:
        both = next(e for e in other.entries() if e.title == "Both")
        other.update(both.id, body="Rewritten on the laptop.")
    journal = Journal.open(vault_path, PASSPHRASE)
    journal.add("Only here.", title="Desktop")
    sync_replaces(vault_path, laptop)
    copy = keep_open_copy(journal.vault)
    journal.close()
    assert copy is not None
    with Journal.open(vault_path, PASSPHRASE) as arrived:
        [result] = bring_in_kept(arrived, PASSPHRASE, {copy.path: copy.written})
        assert result.plan is not None and [e.title for e in result.plan.entries] == ["Desktop"]
        assert sorted(e.body for e in arrived.entries() if e.title == "Both") == [
            "Rewritten on the laptop."
        ]
