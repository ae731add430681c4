"""Backups in the window: Back up now, automatic backups when due, Settings, Restore."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from journal_app.journal import Journal, backup
from journal_app.journal.backup import BackupFrequency, BackupPolicy, list_backups
from journal_app.ui.settings.dialog import SettingsDialog
from journal_app.ui.transfer import backup_now, backups_page, restore_dialog
from journal_app.ui.transfer.auto_backup import AutoBackup
from journal_app.ui.transfer.backups_page import BackupsPage
from journal_app.ui.transfer.restore_dialog import RestoreDialog
from journal_app.vault import Vault
from tests.ui._transfer_fixtures import (
    Yes,
    drain_deletes,
    rich_journal,
    wait_for_task,
    window,
)
from tests.ui.conftest import OTHER_PASSPHRASE, PASSPHRASE
from tests.ui.helpers import all_app_texts, unlock_through_ui
from tests.ui.test_words_and_access import _check_controls, _check_words

__all__ = ["rich_journal", "window"]  # fixtures, used by name


def backup_titles(path: Path) -> list[str]:
    with Journal.open(path, PASSPHRASE) as journal:
        return sorted(entry.title for entry in journal.entries(include_trash=True))


# ---------------------------------------------------------------- back up now


def test_back_up_now_makes_a_checked_encrypted_copy(
    qtbot, window, tmp_path, message_boxes, file_dialogs
):
    target = tmp_path / "usb" / "my-backup.tend"
    target.parent.mkdir()
    file_dialogs.answers.append(str(target))
    window.transfer.backup_action.trigger()
    dialog = window.transfer.backup_dialog
    assert dialog is not None
    wait_for_task(qtbot, dialog.task)
    assert target.exists()
    done = [call for call in message_boxes.calls if call[1] == backup_now.BACKED_UP_TITLE]
    assert done and str(target) in done[0][2] and "encrypted" in done[0][2]
    assert Vault.verify_file(target, PASSPHRASE).records >= 5  # only the passphrase opens it
    restored = tmp_path / "restored.tend"
    Vault.restore_copy(target, restored, PASSPHRASE)
    assert backup_titles(restored) == sorted(
        ["River walk", "Tea with Sam", "Quiet evening", "Allotment", "In the trash"]
    )


def test_back_up_now_never_replaces_a_file(qtbot, window, tmp_path, message_boxes, file_dialogs):
    existing = tmp_path / "taken.tend"
    existing.write_bytes(b"something else")
    file_dialogs.answers.append(str(existing))
    window.transfer.backup_action.trigger()
    assert window.transfer.backup_dialog is None
    assert existing.read_bytes() == b"something else"
    assert any("will not overwrite" in text for text in message_boxes.texts())


def test_back_up_now_can_be_stopped(qtbot, window, tmp_path, file_dialogs, monkeypatch):
    """Stop is pressed while the copy is under way: the backup's own first report of
    progress waits for it, so a small journal cannot be copied whole before the click."""
    copying, stop_pressed = threading.Event(), threading.Event()
    real_backup = backup.make_backup

    def held_backup(vault, destination, **options):
        reported = options.get("progress")

        def progress(done: int, total: int) -> None:
            copying.set()
            stop_pressed.wait(10)
            if reported is not None:
                reported(done, total)

        return real_backup(vault, destination, **{**options, "progress": progress})

    monkeypatch.setattr(backup, "make_backup", held_backup)
    target = tmp_path / "stopped.tend"
    file_dialogs.answers.append(str(target))
    window.transfer.backup_action.trigger()
    dialog = window.transfer.backup_dialog
    task = dialog.task
    qtbot.waitUntil(copying.is_set)
    dialog.panel.stop_button.click()
    stop_pressed.set()
    wait_for_task(qtbot, task)
    assert not target.exists()
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".stopped")] == []


# ---------------------------------------------------------------- automatic


def auto_folder(tmp_path: Path, window, *, keep: int = 3, frequency=BackupFrequency.DAILY) -> Path:
    folder = tmp_path / "auto"
    window.settings.backup_policy = BackupPolicy(frequency, keep, folder)
    return folder


def run_check(qtbot, auto: AutoBackup, now: datetime) -> object:
    task = auto.check(now)
    assert task is not None
    results: list[object] = []
    task.succeeded.connect(results.append)
    wait_for_task(qtbot, task)
    return results[0] if results else None


def test_automatic_backups_when_due_with_a_fake_clock(qtbot, window, tmp_path):
    folder = auto_folder(tmp_path, window, keep=2)
    auto = window.transfer.auto_backup
    messages: list[str] = []
    auto.status_message.connect(messages.append)
    first = run_check(qtbot, auto, datetime(2026, 3, 1, 9, 0))
    assert first == folder / "tend-backup-2026-03-01T0900.tend"
    assert messages == [f"Backed up automatically, to {folder}."]
    assert run_check(qtbot, auto, datetime(2026, 3, 1, 18, 0)) is None  # not due again today
    run_check(qtbot, auto, datetime(2026, 3, 2, 9, 0))
    run_check(qtbot, auto, datetime(2026, 3, 3, 9, 0))
    names = [backup.path.name for backup in list_backups(folder)]
    assert names == ["tend-backup-2026-03-02T0900.tend", "tend-backup-2026-03-03T0900.tend"]
    assert Vault.verify_file(folder / names[-1], PASSPHRASE).records >= 5


def test_weekly_and_off(qtbot, window, tmp_path):
    folder = auto_folder(tmp_path, window, frequency=BackupFrequency.WEEKLY)
    auto = window.transfer.auto_backup
    run_check(qtbot, auto, datetime(2026, 3, 1, 9))
    assert run_check(qtbot, auto, datetime(2026, 3, 6, 9)) is None
    assert run_check(qtbot, auto, datetime(2026, 3, 8, 9)) is not None
    window.settings.backup_policy = BackupPolicy(BackupFrequency.OFF, 3, folder)
    assert auto.check(datetime(2026, 4, 1, 9)) is None
    assert len(list_backups(folder)) == 2


def test_a_backup_is_made_soon_after_unlock_when_due(
    qtbot, make_window, rich_journal, tmp_path, app_settings
):
    folder = tmp_path / "after-unlock"
    app_settings.backup_policy = BackupPolicy(BackupFrequency.DAILY, 5, folder)
    made = make_window(rich_journal.path)
    made.transfer.auto_backup.after_unlock_ms = 0
    unlock_through_ui(qtbot, made, PASSPHRASE)
    qtbot.waitUntil(lambda: len(list_backups(folder)) == 1, timeout=10_000)
    assert made.transfer.auto_backup.timer.isActive()  # and hourly while unlocked
    made.lock()
    assert not made.transfer.auto_backup.timer.isActive()


def test_a_new_journal_is_backed_up_beside_it_with_nothing_chosen(
    qtbot, make_window, rich_journal, app_settings
):
    assert app_settings.keys().count("backup/frequency") == 0  # the person never chose
    made = make_window(rich_journal.path)
    made.transfer.auto_backup.after_unlock_ms = 0
    unlock_through_ui(qtbot, made, PASSPHRASE)
    beside = rich_journal.path.parent / "Tend backups"
    qtbot.waitUntil(lambda: len(list_backups(beside)) == 1, timeout=10_000)
    assert Vault.verify_file(list_backups(beside)[0].path, PASSPHRASE).records >= 1
    made.lock()


def test_an_automatic_backup_that_cannot_be_made_says_so_quietly(qtbot, window, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    window.settings.backup_policy = BackupPolicy(BackupFrequency.DAILY, 3, blocker)
    auto = window.transfer.auto_backup
    task = auto.check(datetime(2026, 3, 1, 9))
    wait_for_task(qtbot, task)
    assert window.statusBar().currentMessage().startswith("The automatic backup could not be made.")
    assert auto.last_error


# ---------------------------------------------------------------- settings


def test_the_backups_settings_page(qtbot, window, tmp_path, file_dialogs):
    chosen = tmp_path / "chosen-folder"
    chosen.mkdir()
    window.open_settings()
    dialog = window.settings_dialog
    assert isinstance(dialog, SettingsDialog)
    page = dialog.backups
    assert page in dialog.pages
    dialog.show_page(page)
    # On for anyone who never chose, beside the journal; Off is one choice away.
    assert page.frequency.currentData() == "daily" and page.keep.isEnabled()
    assert page.folder_label.text() == str(window.service.vault_path.parent / "Tend backups")
    page.frequency.setCurrentIndex(page.frequency.findData("off"))
    assert not page.keep.isEnabled()
    page.frequency.setCurrentIndex(page.frequency.findData("weekly"))
    page.keep.setValue(4)
    file_dialogs.answers.append(str(chosen))
    page.folder_button.click()
    assert page.folder_label.text() == str(chosen)
    assert "no automatic backup" in page.latest.text()
    dialog.apply()  # each change was kept as made; the window hears now, not after a pause
    assert window.settings.backup_policy == BackupPolicy(BackupFrequency.WEEKLY, 4, chosen)
    # Applying looks at once whether a backup is due: none was made yet, so one is.
    auto = window.transfer.auto_backup
    qtbot.waitUntil(lambda: auto.task is not None)
    wait_for_task(qtbot, auto.task)
    assert len(list_backups(chosen)) == 1
    assert window.statusBar().currentMessage() == f"Backed up automatically, to {chosen}."
    assert window.settings.keys().count("backup/folder") == 1
    _check_controls(page)
    _check_words([page.latest.text(), backups_page.BACKUPS_LEAD, backups_page.FOLDER_NOTE])
    dialog.done(QDialog.DialogCode.Rejected)


def test_back_up_now_from_settings(qtbot, window, tmp_path, file_dialogs):
    window.open_settings()
    page = window.settings_dialog.backups
    target = tmp_path / "from-settings.tend"
    file_dialogs.answers.append(str(target))
    page.backup_button.click()
    wait_for_task(qtbot, window.transfer.backup_dialog.task)
    assert target.exists()


def test_settings_page_while_locked(qtbot, service, app_settings):
    page = BackupsPage(app_settings, service)
    qtbot.addWidget(page)
    page.load()
    assert page.latest.text() == "Unlock the journal to see its backups here."
    assert not page.backup_button.isEnabled() and page.restore_button.isEnabled()


# ---------------------------------------------------------------- restore


@pytest.fixture
def backup_file(rich_journal, tmp_path) -> Path:
    """A backup of the rich journal, made by the core while it is closed."""
    target = tmp_path / "backups" / "journal-backup.tend"
    target.parent.mkdir()
    with Journal.open(rich_journal.path, PASSPHRASE) as journal:
        journal.vault.backup_to(target)
    return target


def open_restore(window) -> RestoreDialog:
    window.transfer.restore_action.trigger()
    dialog = window.transfer.restore_dialog
    assert isinstance(dialog, RestoreDialog) and dialog.isVisible()
    return dialog


def test_restore_into_a_new_file_and_open_it(qtbot, backup_file, window, tmp_path, file_dialogs):
    dialog = open_restore(window)
    file_dialogs.answers.extend([str(backup_file), str(tmp_path / "restored")])
    dialog.backup_button.click()
    dialog.passphrase.setText(PASSPHRASE)
    dialog.target_button.click()
    assert dialog.target_path == tmp_path / "restored.tend"
    assert dialog.restore_button.isEnabled()
    dialog.restore_button.click()
    wait_for_task(qtbot, dialog.task)
    assert dialog.pages.currentWidget() is dialog.done_page
    assert dialog.done_path.text() == str(tmp_path / "restored.tend")
    assert dialog.passphrase.text() == ""
    before = window.service.vault_path
    dialog.open_button.click()
    assert window.service.vault_path == tmp_path / "restored.tend"
    assert window.current_page() is window.unlock_page
    unlock_through_ui(qtbot, window, PASSPHRASE)
    assert len(window.service.entries()) == 4
    assert before.exists()  # the journal that was open is untouched


def test_restore_never_goes_over_a_file(qtbot, rich_journal, backup_file, window, file_dialogs):
    dialog = open_restore(window)
    dialog.set_backup(backup_file)
    dialog.passphrase.setText(PASSPHRASE)
    file_dialogs.answers.append(str(rich_journal.path))  # the open journal itself
    dialog.target_button.click()
    assert dialog.target_path is None and not dialog.restore_button.isEnabled()
    assert "never restores over a file" in dialog.message.message.text()


def test_restore_with_a_wrong_passphrase(qtbot, backup_file, window, tmp_path):
    dialog = open_restore(window)
    dialog.set_backup(backup_file)
    dialog.passphrase.setText(OTHER_PASSPHRASE)
    dialog.set_target(tmp_path / "nope.tend")
    dialog.restore()
    wait_for_task(qtbot, dialog.task)
    assert dialog.message.message.text() == restore_dialog.WRONG_BACKUP_PASSPHRASE
    assert not (tmp_path / "nope.tend").exists()
    assert dialog.pages.currentWidget() is dialog.form_page


def test_restore_works_while_locked(qtbot, backup_file, window, tmp_path):
    window.lock()
    assert window.transfer.restore_action.isEnabled()
    dialog = open_restore(window)
    dialog.set_backup(backup_file)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.set_target(tmp_path / "while-locked.tend")
    dialog.restore()
    wait_for_task(qtbot, dialog.task)
    assert Vault.verify_file(tmp_path / "while-locked.tend", PASSPHRASE).records >= 5


def test_lock_closes_restore_and_forgets_the_passphrase(qtbot, backup_file, window):
    dialog = open_restore(window)
    dialog.set_backup(backup_file)
    dialog.passphrase.setText(PASSPHRASE)
    window.lock()
    assert not dialog.isVisible()
    assert dialog.passphrase.text() == ""
    drain_deletes()
    assert PASSPHRASE not in "\n".join(all_app_texts())


def test_a_damaged_backup_asks_before_restoring_the_rest(
    qtbot, backup_file, window, tmp_path, message_boxes
):
    from tests.conftest import edit_rows

    edit_rows(
        backup_file,
        "UPDATE tend_record SET ciphertext = zeroblob(length(ciphertext)) "
        "WHERE id = (SELECT id FROM tend_record WHERE kind = 'entry' LIMIT 1)",
    )
    dialog = open_restore(window)
    dialog.set_backup(backup_file)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.set_target(tmp_path / "partly.tend")
    message_boxes.answers.append(Yes)
    dialog.restore()
    wait_for_task(qtbot, dialog.task)
    assert any("could not be read" in text for text in message_boxes.texts())
    wait_for_task(qtbot, dialog.task)  # the second try, restoring the rest
    assert (tmp_path / "partly.tend").exists()
    assert dialog.pages.currentWidget() is dialog.done_page


def test_restore_words_and_names(qtbot, backup_file, window):
    dialog = open_restore(window)
    _check_controls(dialog)
    _check_words(
        [
            dialog.windowTitle(),
            restore_dialog.RESTORE_LEAD,
            restore_dialog.WRONG_BACKUP_PASSPHRASE,
            *(
                action.text()
                for action in (window.transfer.backup_action, window.transfer.restore_action)
            ),
        ]
    )
