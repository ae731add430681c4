"""What the window says when records did not open as saved, or could not be checked.

After unlock, the journal page names the reasons (damaged, missing from the file,
an older copy...) and, when the journal's sealed list of records cannot be read,
says Tend could not check that nothing is missing. A backup in that state is
restored only after the person says so, as one with damaged records is.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from journal_app.journal import Journal
from journal_app.ui.transfer.restore_dialog import RestoreDialog
from journal_app.vault import ManifestUnverified
from tests.conftest import edit_rows
from tests.ui._transfer_fixtures import rich_journal, wait_for_task, window
from tests.ui.conftest import PASSPHRASE
from tests.ui.helpers import unlock_through_ui

__all__ = ["rich_journal", "window"]  # fixtures, used by name

Yes = QMessageBox.StandardButton.Yes
No = QMessageBox.StandardButton.No


def test_a_deleted_entry_is_named_missing_after_unlock(qtbot, make_window, existing_journal):
    gone = existing_journal.entry_ids[0]
    assert edit_rows(existing_journal.path, "DELETE FROM tend_record WHERE id = ?", gone) == 1
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    notice = window.journal_page.notice
    assert notice.isVisible()
    assert notice.message.text() == (
        "1 entry did not open as Tend saved it: 1 is missing from the file. "
        "Everything else opens as usual."
    )
    report = window.service.report
    assert report is not None and notice.message.text() == str(report.damage_error())
    assert [e.id for e in window.service.entries()] == [existing_journal.entry_ids[1]]


def test_a_journal_whose_sealed_list_cannot_be_read_says_so(qtbot, make_window, existing_journal):
    assert edit_rows(existing_journal.path, "DELETE FROM tend_record WHERE kind = 'manifest'")
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    report = window.service.report
    assert report is not None and report.unverified is not None
    text = window.journal_page.notice.message.text()
    assert text == str(ManifestUnverified(report.unverified))
    assert text.startswith("Tend could not check that nothing is missing from this journal")
    assert len(window.service.entries()) == 2  # everything that opens is shown


@pytest.fixture
def unchecked_backup(rich_journal, tmp_path) -> Path:
    """A backup whose sealed list of records was deleted."""
    target = tmp_path / "backups" / "journal-backup.tend"
    target.parent.mkdir()
    with Journal.open(rich_journal.path, PASSPHRASE) as journal:
        journal.vault.backup_to(target)
    assert edit_rows(target, "DELETE FROM tend_record WHERE kind = 'manifest'")
    return target


def restore_dialog(window, backup: Path, target: Path) -> RestoreDialog:
    window.transfer.restore_action.trigger()
    dialog = window.transfer.restore_dialog
    assert isinstance(dialog, RestoreDialog) and dialog.isVisible()
    dialog.set_backup(backup)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.set_target(target)
    return dialog


def test_a_backup_that_cannot_be_checked_is_restored_only_if_asked(
    qtbot, unchecked_backup, window, tmp_path, message_boxes
):
    target = tmp_path / "restored.tend"
    dialog = restore_dialog(window, unchecked_backup, target)
    message_boxes.answers.append(No)
    dialog.restore_button.click()
    wait_for_task(qtbot, dialog.task)
    kind, title, text = message_boxes.calls[-1]
    assert (kind, title) == ("question", "Tend could not check this backup")
    assert text.startswith(
        "Tend could not check that nothing is missing from this backup: its sealed list "
        "of records is missing."
    )
    assert text.endswith("Restore it into the new file anyway?")
    assert not target.exists()  # "No": nothing restored
    assert dialog.pages.currentWidget() is dialog.form_page
    dialog.reject()

    dialog = restore_dialog(window, unchecked_backup, target)  # opened again
    message_boxes.answers.append(Yes)
    dialog.restore_button.click()
    wait_for_task(qtbot, dialog.task)
    wait_for_task(qtbot, dialog.task)  # the second try, restoring anyway
    assert target.exists()
    assert dialog.pages.currentWidget() is dialog.done_page
    assert dialog.done_note.text().startswith(
        "Tend could not check that nothing is missing from this backup"
    )
    with Journal.open(target, PASSPHRASE) as restored:
        assert len(restored.entries(include_trash=True)) == 5
