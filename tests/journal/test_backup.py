"""Encrypted backups: one verified file, restorable elsewhere, rotated, checked."""

from __future__ import annotations

import os
import shutil
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from journal_app.journal import Journal
from journal_app.journal.backup import (
    BackupFrequency,
    BackupPolicy,
    backup_name,
    check_backups,
    default_folder,
    is_due,
    list_backups,
    make_backup,
    parse_backup_name,
    prune_backups,
    restore_backup,
    run_due_backup,
)
from journal_app.vault import (
    Cancelled,
    DamagedRecords,
    DamagedVault,
    NotAVault,
    Vault,
    VaultExists,
    WrongPassphrase,
    copies,
    store,
)
from tests.conftest import PASSPHRASE, edit_rows, find_canaries, record_row, sha256_of, siblings

NOW = datetime(2026, 11, 21, 9, 30)


@pytest.fixture
def folder(tmp_path) -> Path:
    """Where backups go: a folder of the test's own."""
    path = tmp_path / "backups"
    path.mkdir()
    return path


@pytest.fixture
def filled(journal) -> Journal:
    journal.add("The first entry.", title="One", tags=["alpha"])
    journal.add("The second entry.", title="Two")
    journal.save_draft(entry_id=None, title="", body="a draft")
    return journal


def test_a_backup_is_one_self_contained_file_that_opens_with_the_passphrase(filled, folder):
    target = folder / "copy.tend"
    report = filled.vault.backup_to(target)
    assert report.records == filled.vault.count() == 3 and report.damaged == ()
    assert [p.name for p in folder.iterdir()] == ["copy.tend"]  # no -wal, no temp file
    assert target.read_bytes()[18:20] == b"\x01\x01"  # rollback mode, not WAL
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600
    elsewhere = folder.parent / "another-machine"
    elsewhere.mkdir()
    moved = Path(shutil.copy2(target, elsewhere / "journal.tend"))
    with Journal.open(moved, PASSPHRASE) as copy:
        assert sorted(e.title for e in copy.entries()) == ["One", "Two"]
        assert len(copy.drafts()) == 1


def test_a_backup_holds_what_was_saved_up_to_that_moment(filled, folder):
    filled.add("Written just before the backup.")
    filled.vault.backup_to(folder / "b.tend")
    filled.add("Written after it.")
    with Journal.open(folder / "b.tend", PASSPHRASE) as copy:
        bodies = {e.body for e in copy.entries()}
    assert "Written just before the backup." in bodies
    assert "Written after it." not in bodies


def test_a_backup_never_replaces_a_file(filled, folder, vault_path):
    existing = folder / "taken.tend"
    existing.write_bytes(b"something of the person's")
    with pytest.raises(VaultExists):
        filled.vault.backup_to(existing)
    assert existing.read_bytes() == b"something of the person's"
    with pytest.raises(VaultExists):
        filled.vault.backup_to(vault_path)
    with pytest.raises(VaultExists):
        filled.vault.backup_to(vault_path.with_name(vault_path.name + "-wal"))
    assert sorted(p.name for p in folder.iterdir()) == ["taken.tend"]
    assert filled.vault.check() == []


def test_make_backup_into_a_folder_names_it_by_the_time(filled, folder):
    first = make_backup(filled.vault, folder, now=NOW)
    second = make_backup(filled.vault, folder, now=NOW)
    assert first.path.name == "tend-backup-2026-11-21T0930.tend"
    assert second.path.name == "tend-backup-2026-11-21T0930-1.tend"


def test_progress_reaches_the_end_and_cancel_leaves_nothing(filled, folder):
    calls: list[tuple[int, int]] = []
    filled.vault.backup_to(folder / "a.tend", progress=lambda d, t: calls.append((d, t)))
    assert calls and calls[-1][0] == calls[-1][1]
    with pytest.raises(Cancelled):
        filled.vault.backup_to(folder / "b.tend", cancelled=lambda: True)
    assert [p.name for p in folder.iterdir()] == ["a.tend"]


def test_a_copy_that_fails_verification_is_not_kept(filled, folder, monkeypatch):
    real_verify = copies.CopyReader.verify

    def damaged_copy(self, sealer, *args, **kwargs):
        report = real_verify(self, sealer, *args, **kwargs)
        return store.CopyReport(report.records, ("made-up",))

    monkeypatch.setattr(copies.CopyReader, "verify", damaged_copy)
    with pytest.raises(DamagedVault, match="not kept"):
        filled.vault.backup_to(folder / "bad.tend")
    assert list(folder.iterdir()) == []


def test_a_backup_holds_no_plaintext(filled, folder):
    canary = "heron-velvet-lighthouse-3K8"
    filled.add(f"Text with {canary}.", title=canary, tags=[canary])
    filled.vault.backup_to(folder / "b.tend")
    assert find_canaries([folder], [canary]) == []


# ----------------------------------------------------------- verify, check


def test_verify_file_only_reads_the_backup(filled, folder):
    target = folder / "b.tend"
    filled.vault.backup_to(target)
    before = sha256_of(target)
    assert Vault.verify_file(target, PASSPHRASE).records == 3
    assert filled.vault.verify_copy(target).records == 3
    assert sha256_of(target) == before and [p.name for p in folder.iterdir()] == ["b.tend"]
    with pytest.raises(WrongPassphrase):
        Vault.verify_file(target, "not the passphrase")


def test_verify_copy_refuses_another_journals_file(filled, folder, fast_kdf):
    other = Vault.create(folder / "other.tend", PASSPHRASE, fast_kdf)
    other.close()
    with pytest.raises(Exception, match="another journal"):
        filled.vault.verify_copy(folder / "other.tend")


def test_check_backups_reports_each_file(filled, folder):
    good = make_backup(filled.vault, folder, now=NOW).path
    damaged = make_backup(filled.vault, folder, now=NOW + timedelta(days=1)).path
    entry_id = filled.entries()[0].id
    _kind, _version, _nonce, ciphertext = record_row(damaged, entry_id)
    flipped = bytes([ciphertext[0] ^ 1]) + ciphertext[1:]
    edit_rows(damaged, "UPDATE tend_record SET ciphertext = ? WHERE id = ?", flipped, entry_id)
    (folder / "not-a-backup.tend").write_bytes(b"hello")
    (folder / "notes.txt").write_text("ignored")
    results = {r.path.name: r for r in check_backups(folder, PASSPHRASE)}
    assert set(results) == {good.name, damaged.name, "not-a-backup.tend"}
    assert results[good.name].ok
    assert results[damaged.name].report.damaged == (entry_id,)
    assert isinstance(results["not-a-backup.tend"].error, NotAVault)
    single = check_backups(good, "wrong passphrase")
    assert isinstance(single[0].error, WrongPassphrase)


# ------------------------------------------------------------------ restore


def test_restore_makes_a_new_journal_with_everything(filled, folder, tmp_path):
    backup = make_backup(filled.vault, folder, now=NOW).path
    before = sha256_of(backup)
    new = tmp_path / "restored" / "journal.tend"
    report = restore_backup(backup, new, PASSPHRASE)
    assert report.records == 3 and report.damaged == ()
    assert sha256_of(backup) == before
    assert siblings(new) == []
    with Journal.open(new, PASSPHRASE) as restored:
        assert {e.id for e in restored.entries()} == {e.id for e in filled.entries()}


def test_restore_with_the_wrong_passphrase_makes_nothing(filled, folder, tmp_path):
    backup = make_backup(filled.vault, folder, now=NOW).path
    target = tmp_path / "restored"
    target.mkdir()
    with pytest.raises(WrongPassphrase):
        restore_backup(backup, target / "journal.tend", "not it at all")
    assert list(target.iterdir()) == []


def test_restore_refuses_an_existing_file(filled, folder, tmp_path):
    backup = make_backup(filled.vault, folder, now=NOW).path
    existing = tmp_path / "existing.tend"
    existing.write_bytes(b"keep me")
    with pytest.raises(VaultExists):
        restore_backup(backup, existing, PASSPHRASE)
    assert existing.read_bytes() == b"keep me"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".existing")]


def test_restore_never_touches_the_open_journal(filled, folder, vault_path):
    backup = make_backup(filled.vault, folder, now=NOW).path
    filled.add("Written after the backup.")
    with pytest.raises(VaultExists):
        restore_backup(backup, vault_path, PASSPHRASE)
    assert siblings(vault_path) in ([], [vault_path.name + "-journal"])
    filled.add("Still writing.")
    assert "Written after the backup." in {e.body for e in filled.entries()}
    assert filled.vault.check() == []


def test_restore_of_a_damaged_backup_asks_first(filled, folder, tmp_path):
    backup = make_backup(filled.vault, folder, now=NOW).path
    entry_id = filled.entries()[0].id
    _kind, _version, _nonce, ciphertext = record_row(backup, entry_id)
    edit_rows(
        backup, "UPDATE tend_record SET ciphertext = ? WHERE id = ?", ciphertext[:-1], entry_id
    )
    with pytest.raises(DamagedRecords) as caught:
        restore_backup(backup, tmp_path / "first.tend", PASSPHRASE)
    assert caught.value.record_ids == [entry_id]
    assert not (tmp_path / "first.tend").exists()
    report = restore_backup(backup, tmp_path / "second.tend", PASSPHRASE, allow_damaged=True)
    assert report.damaged == (entry_id,)
    with Journal.open(tmp_path / "second.tend", PASSPHRASE) as restored:
        assert restored.damaged_ids == (entry_id,)
        assert len(restored.entries()) == 1


def test_restore_of_something_that_is_not_a_backup(tmp_path):
    junk = tmp_path / "junk.tend"
    junk.write_bytes(b"\0" * 4096)
    with pytest.raises(NotAVault):
        restore_backup(junk, tmp_path / "new.tend", PASSPHRASE)
    assert not (tmp_path / "new.tend").exists()


# ---------------------------------------------------------------- rotation


def test_backup_names_carry_only_the_time():
    assert backup_name(NOW) == "tend-backup-2026-11-21T0930.tend"
    assert backup_name(NOW, 2) == "tend-backup-2026-11-21T0930-2.tend"
    assert parse_backup_name("tend-backup-2026-11-21T0930-2.tend") == (NOW, 2)
    for other in ("journal.tend", "tend-backup-2026-13-01T0930.tend", "tend-backup-x.tend"):
        assert parse_backup_name(other) is None


@pytest.mark.parametrize(
    ("frequency", "last", "now", "due"),
    [
        (BackupFrequency.OFF, None, NOW, False),
        (BackupFrequency.DAILY, None, NOW, True),
        (BackupFrequency.DAILY, NOW.replace(hour=0, minute=1), NOW, False),
        (BackupFrequency.DAILY, NOW - timedelta(days=1), NOW.replace(hour=0, minute=0), True),
        (BackupFrequency.WEEKLY, NOW - timedelta(days=6), NOW, False),
        (BackupFrequency.WEEKLY, NOW - timedelta(days=7), NOW, True),
        (BackupFrequency.DAILY, NOW + timedelta(days=3), NOW, True),  # the clock was put back
    ],
)
def test_when_a_backup_is_due(frequency, last, now, due):
    assert is_due(BackupPolicy(frequency), last, now) is due


def test_rotation_keeps_the_newest_n_of_this_journal_only(filled, folder, fast_kdf):
    other = Vault.create(folder.parent / "other.tend", PASSPHRASE, fast_kdf)
    others_backup = make_backup(other, folder, now=NOW - timedelta(days=30)).path
    other.close()
    (folder / "holiday-photos.txt").write_text("not ours")
    policy = BackupPolicy(BackupFrequency.DAILY, keep=3, folder=folder)
    made = []
    for day in range(5):
        made.append(run_due_backup(filled.vault, policy, NOW + timedelta(days=day)))
        assert run_due_backup(filled.vault, policy, NOW + timedelta(days=day, hours=1)) is None
    kept = [b.path for b in list_backups(folder, filled.vault.vault_id)]
    assert kept == made[2:]
    assert others_backup.exists() and (folder / "holiday-photos.txt").exists()


def test_rotation_removes_old_half_made_backups_only(filled, folder):
    stale = folder / ".tend-backup-2026-01-01T0000.tend.0badc0de.partial"
    fresh = folder / ".tend-backup-2026-01-02T0000.tend.0fedcba9.partial"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"x")
    old = time.time() - 3 * 24 * 3600
    os.utime(stale, (old, old))
    prune_backups(folder, 3, filled.vault.vault_id)
    assert not stale.exists() and fresh.exists()


def test_policy_off_and_default_folder(filled, folder, tmp_path):
    assert run_due_backup(filled.vault, BackupPolicy(BackupFrequency.OFF), NOW) is None
    made = run_due_backup(filled.vault, BackupPolicy(), NOW)  # daily unless chosen otherwise
    assert made is not None and made.parent == filled.vault.path.parent / "Tend backups"
    assert BackupPolicy.from_dict({}) == BackupPolicy()  # never chose: on
    # In Tend's own folder, beside the journal is the "Backups" folder it always was.
    own = tmp_path / "tend-data" / "journal.tend"
    assert default_folder(own) == tmp_path / "tend-data" / "Backups"


def test_policy_settings_round_trip_and_forgive_nonsense(folder):
    policy = BackupPolicy(BackupFrequency.WEEKLY, keep=4, folder=folder)
    assert BackupPolicy.from_dict(policy.to_dict()) == policy
    assert BackupPolicy.from_dict({"frequency": "hourly", "keep": "many"}) == BackupPolicy()
    assert BackupPolicy.from_dict({"frequency": "daily", "keep": 0}).keep == 1
    assert BackupPolicy.from_dict(None) == BackupPolicy()
