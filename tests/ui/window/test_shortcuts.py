"""The window's shortcuts reach the journal view, and never steal keys from the editor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import PASSPHRASE
from tests.ui.helpers import WAIT_MS, unlock_through_ui


def test_standard_shortcuts(make_window, existing_journal):
    window = make_window(existing_journal.path)
    key = QKeySequence.StandardKey
    assert QKeySequence(key.New) in window.new_entry_action.shortcuts()
    assert QKeySequence(key.Find) in window.find_action.shortcuts()
    assert QKeySequence(key.Delete) in window.trash_action.shortcuts()
    assert QKeySequence("Ctrl+L") in window.lock_action.shortcuts()
    assert QKeySequence("Ctrl+,") in window.settings_action.shortcuts()
    assert QKeySequence("F1") in window.support_action.shortcuts()
    assert not QKeySequence(key.Quit).isEmpty() or window.quit_action.shortcuts()
    # Before unlocking, the journal's actions are off; Support, Settings and Quit are on.
    assert not window.new_entry_action.isEnabled()
    assert window.support_action.isEnabled() and window.quit_action.isEnabled()


def test_new_find_and_delete_on_the_journal_page(qtbot, make_window, existing_journal):
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    view = window.journal_view
    count = len(window.service.entries())

    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.New))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.editor.title)
    QTest.keyClick(view.editor.title, Qt.Key.Key_Tab)  # on to the text
    body = view.editor.body
    qtbot.waitUntil(lambda: QApplication.focusWidget() is body)
    QTest.keyClicks(body, "abc")
    body.moveCursor(body.textCursor().MoveOperation.Start)
    QTest.keyClick(body, Qt.Key.Key_Delete)  # deletes a letter, not the entry
    assert body.toPlainText() == "bc"
    assert view.flush()
    assert len(window.service.entries()) == count + 1

    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.Find))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.search)

    # In the list, Delete moves the selected entry to the trash (it can be restored).
    view.list.setFocus()
    opened = view.current_entry_id()
    assert opened is not None
    QTest.keyClick(view.list, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: opened not in {e.id for e in window.service.entries()}, timeout=WAIT_MS)
    assert opened in {e.id for e in window.service.trash_entries()}


def test_show_trash_follows_the_view(qtbot, make_window, existing_journal):
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    window.show_trash_action.setChecked(True)
    assert window.journal_view.in_trash_view
    window.new_entry_action.trigger()  # leaves the trash by itself
    assert not window.journal_view.in_trash_view
    assert not window.show_trash_action.isChecked()
