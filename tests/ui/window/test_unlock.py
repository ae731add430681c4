"""Unlocking: the right passphrase, a wrong one, and the recovery code."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from journal_app.ui.services.journal_service import VaultState
from journal_app.vault import WrongPassphrase
from tests.ui.conftest import OTHER_PASSPHRASE, PASSPHRASE
from tests.ui.helpers import WAIT_MS, type_into, unlock_through_ui


def test_opens_on_the_unlock_page_with_the_field_focused(qtbot, make_window, existing_journal):
    window = make_window(existing_journal.path)
    page = window.unlock_page
    assert window.current_page() is page
    assert window.service.state is VaultState.LOCKED
    qtbot.waitUntil(lambda: page.field.hasFocus() or window.focusWidget() is page.field)
    assert page.field.echoMode() is QLineEdit.EchoMode.Password
    assert existing_journal.path.name in page.path_label.text()
    # The status bar says nothing it need not: the page says the journal is locked.
    assert window.statusBar().currentMessage() == ""
    assert window.support_button.isVisibleTo(window)


def test_right_passphrase_opens_the_journal(qtbot, make_window, existing_journal):
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    assert window.service.is_unlocked
    assert window.unlock_page.field.text() == ""  # the passphrase leaves the field
    assert {e.id for e in window.service.entries()} == set(existing_journal.entry_ids)


def test_wrong_passphrase_is_said_calmly_and_the_field_kept(qtbot, make_window, existing_journal):
    window = make_window(existing_journal.path)
    page = window.unlock_page
    type_into(qtbot, page.field, "not my passphrase")
    with qtbot.waitSignal(window.service.unlock_failed, timeout=WAIT_MS):
        qtbot.keyClick(page.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.field.isEnabled())
    assert window.current_page() is page
    assert page.inline_error.isVisible()
    # The vault's own words: a changed header cannot be told from a wrong passphrase.
    assert page.inline_error.message.text() == WrongPassphrase.message
    assert page.inline_error.message.text().startswith(
        "That passphrase does not open this journal. Please try again."
    )
    assert page.field.text() == "not my passphrase"
    assert page.field.selectedText() == "not my passphrase"  # retyping replaces it
    assert page.form.isVisible()

    # Typing again replaces the selection, and the right one works.
    qtbot.keyClicks(page.field, PASSPHRASE)
    assert page.field.text() == PASSPHRASE
    with qtbot.waitSignal(window.service.unlocked, timeout=WAIT_MS):
        qtbot.keyClick(page.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page() is window.journal_page, timeout=WAIT_MS)
    assert not page.inline_error.isVisible()


def test_empty_passphrase_asks_for_one(qtbot, make_window, existing_journal):
    window = make_window(existing_journal.path)
    qtbot.keyClick(window.unlock_page.field, Qt.Key.Key_Return)
    assert "type your passphrase" in window.unlock_page.inline_error.message.text()
    assert not window.service.busy


def test_recovery_code_path_ends_in_a_new_passphrase_that_works(
    qtbot, make_window, existing_journal
):
    window = make_window(existing_journal.path)
    qtbot.mouseClick(window.unlock_page.recovery_button, Qt.MouseButton.LeftButton)
    page = window.recovery_unlock_page
    assert window.current_page() is page

    type_into(qtbot, page.field, "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA")
    with qtbot.waitSignal(window.service.unlock_failed, timeout=WAIT_MS):
        qtbot.keyClick(page.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.field.isEnabled())
    assert "recovery code does not open this journal" in page.message.message.text()
    assert window.current_page() is page

    # Lower case and spaces are forgiven.
    typed = existing_journal.recovery_code.lower().replace("-", " ")
    type_into(qtbot, page.field, typed)
    with qtbot.waitSignal(window.service.unlocked, timeout=WAIT_MS):
        qtbot.keyClick(page.field, Qt.Key.Key_Return)
    new_page = window.new_passphrase_page
    assert window.current_page() is new_page
    assert page.field.text() == ""

    type_into(qtbot, new_page.fields.first, "abc")
    type_into(qtbot, new_page.fields.second, "abc")
    new_page.submit()
    assert new_page.message.isVisible() and not window.service.busy

    type_into(qtbot, new_page.fields.first, OTHER_PASSPHRASE)
    type_into(qtbot, new_page.fields.second, OTHER_PASSPHRASE)
    with qtbot.waitSignal(window.service.passphrase_changed, timeout=WAIT_MS):
        qtbot.keyClick(new_page.fields.second, Qt.Key.Key_Return)
    assert window.current_page() is window.journal_page
    assert "new passphrase is set" in window.journal_page.notice.message.text()

    # The new passphrase opens it; the old one no longer does.
    window.lock()
    page = window.unlock_page
    type_into(qtbot, page.field, PASSPHRASE)
    with qtbot.waitSignal(window.service.unlock_failed, timeout=WAIT_MS):
        qtbot.keyClick(page.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.field.isEnabled())
    unlock_through_ui(qtbot, window, OTHER_PASSPHRASE)
    assert window.service.is_unlocked


def test_recovery_back_returns_to_the_passphrase(qtbot, make_window, existing_journal):
    window = make_window(existing_journal.path)
    window.unlock_page.recovery_button.click()
    type_into(qtbot, window.recovery_unlock_page.field, "ABCDE")
    window.recovery_unlock_page.back_button.click()
    assert window.current_page() is window.unlock_page
    assert window.recovery_unlock_page.field.text() == ""


def test_close_and_reopen_keeps_entries(qtbot, make_window, journal_path, app_settings):
    from tests.ui.helpers import create_through_ui

    window = make_window()
    create_through_ui(qtbot, window, PASSPHRASE)
    window.recovery_code_page.widget.kept.setChecked(True)
    window.recovery_code_page.widget.continue_button.click()
    added = window.service.add("Some words for later.", title="Kept")
    assert window.close()
    assert window.service.state is VaultState.CLOSED
    assert app_settings.window_geometry is not None

    again = make_window(journal_path)
    assert again.current_page() is again.unlock_page
    unlock_through_ui(qtbot, again, PASSPHRASE)
    assert [e.id for e in again.service.entries()] == [added.id]
    assert again.service.get(added.id).body == "Some words for later."


def test_the_journal_page_is_built_while_the_passphrase_is_typed(
    qtbot, make_window, existing_journal
):
    """Unlocking then only fills the list: the page's widgets were made beforehand."""
    window = make_window(existing_journal.path)
    assert window.service.state is VaultState.LOCKED
    qtbot.waitUntil(lambda: window.journal_view is not None, timeout=WAIT_MS)
    prepared = window.journal_view
    assert window.current_page() is window.unlock_page
    assert window.service.state is VaultState.LOCKED
    assert prepared.model.entry_count() == 0  # nothing of the journal read while locked
    unlock_through_ui(qtbot, window, PASSPHRASE)
    assert window.journal_view is prepared
    qtbot.waitUntil(lambda: prepared.model.entry_count() == len(existing_journal.entry_ids))
