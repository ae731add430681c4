"""The editor by keyboard: a new page starts at its title, and each field is one Tab stop."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from journal_app.ui.journal.editor import EntryEditor
from tests.ui._journal_fixtures import QT_LOG_IGNORE, open_service
from tests.ui.journal.test_editor import editor

__all__ = ["editor", "open_service"]  # fixtures, used by name

pytestmark = QT_LOG_IGNORE


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def tab(qtbot: Any, backwards: bool = False) -> QWidget | None:
    widget = focused()
    assert widget is not None
    if backwards:
        qtbot.keyClick(widget, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    else:
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return focused()


def test_a_new_page_starts_at_the_title_and_tab_goes_to_the_text(
    qtbot: Any, editor: EntryEditor
) -> None:
    qtbot.waitActive(editor)
    editor.new_entry()
    qtbot.waitUntil(lambda: focused() is editor.title)
    qtbot.keyClicks(editor.title, "Evening")
    assert tab(qtbot) is editor.body
    qtbot.keyClicks(editor.body, "Quiet.")
    assert editor.title.text() == "Evening"
    assert editor.body.toPlainText() == "Quiet."


def test_return_in_the_title_goes_to_the_text(qtbot: Any, editor: EntryEditor) -> None:
    qtbot.waitActive(editor)
    editor.new_entry()
    qtbot.waitUntil(lambda: focused() is editor.title)
    qtbot.keyClick(editor.title, Qt.Key.Key_Return)
    assert focused() is editor.body
    assert editor.body.toPlainText() == ""


def test_an_entry_opened_again_starts_in_its_text(
    qtbot: Any, editor: EntryEditor, open_service
) -> None:
    qtbot.waitActive(editor)
    editor.load(open_service.add("Kept words."))
    editor.focus_start()
    qtbot.waitUntil(lambda: focused() is editor.body)


def test_the_date_is_one_tab_stop(qtbot: Any, editor: EntryEditor) -> None:
    qtbot.waitActive(editor)
    editor.body.setFocus()
    qtbot.waitUntil(lambda: focused() is editor.body)
    assert tab(qtbot) is editor.tags
    assert tab(qtbot) is editor.date
    assert tab(qtbot) is editor.flag, "Tab leaves the date at once, not section by section"
    assert tab(qtbot, backwards=True) is editor.date
    assert tab(qtbot, backwards=True) is editor.tags


def test_the_date_still_changes_by_keyboard(qtbot: Any, editor: EntryEditor) -> None:
    qtbot.waitActive(editor)
    editor.date.setFocus()
    qtbot.waitUntil(lambda: focused() is editor.date)
    before = editor.date.dateTime()
    editor.date.setCurrentSection(editor.date.Section.YearSection)
    qtbot.keyClick(editor.date, Qt.Key.Key_Down)
    assert editor.date.dateTime().date().year() == before.date().year() - 1
    assert editor.dirty
