"""The journal page's parts as the window changes around them: the invitation's
words when the list is hidden, the sidebar's buttons whole at twice the text size,
and Enter pressing whichever of their buttons has the focus."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from journal_app.ui.common.theme import DEFAULT_ZOOM, ThemeMode, apply_theme
from journal_app.ui.common.widgets import PushButton
from journal_app.ui.journal import page_words
from journal_app.ui.journal.journal_view import JournalView
from tests.ui._journal_fixtures import QT_LOG_IGNORE, add_many, make_entries, open_service, view

__all__ = ["open_service", "view"]  # fixtures, used by name

pytestmark = QT_LOG_IGNORE


def test_the_invitation_follows_the_list_being_hidden(
    qtbot: Any, view: JournalView, open_service: Any
) -> None:
    add_many(open_service, make_entries(3))
    view.reload()
    assert view.placeholder_text.text() == page_words.TEXT_CHOOSE_ENTRY

    view.sidebar.setVisible(False)  # View > Show the list, unticked
    assert view.placeholder_text.text() == page_words.TEXT_LIST_HIDDEN
    assert "F9" in view.placeholder_text.text()
    view.show_trash(True)
    assert view.placeholder_text.text() == page_words.TEXT_TRASH_HINT_LIST_HIDDEN

    view.sidebar.setVisible(True)
    assert view.placeholder_text.text() == page_words.TEXT_TRASH_HINT
    view.show_trash(False)
    assert view.placeholder_text.text() == page_words.TEXT_CHOOSE_ENTRY


def test_the_sidebar_buttons_are_whole_at_twice_the_text_size(
    qtbot: Any, qapp: QApplication, view: JournalView
) -> None:
    sidebar = view.sidebar
    apply_theme(qapp, ThemeMode.LIGHT, DEFAULT_ZOOM)  # as Tend starts
    qtbot.wait(10)
    usual = sidebar.new_button.sizeHint().width()
    try:
        apply_theme(qapp, ThemeMode.LIGHT, 200)
        qtbot.waitUntil(lambda: sidebar.new_button.sizeHint().width() > usual)
        narrow, big = narrowest(qtbot, view), sidebar.new_button.sizeHint().width()
        buttons = (sidebar.new_button, sidebar.prompt_button, *page_buttons(view))
        for button in buttons:
            assert button.width() >= button.sizeHint().width(), button.text()
    finally:
        apply_theme(qapp, ThemeMode.LIGHT, DEFAULT_ZOOM)
    qtbot.waitUntil(lambda: sidebar.new_button.sizeHint().width() < big)
    assert 240 <= narrowest(qtbot, view) < narrow, "back at 100%, narrow again"


def page_buttons(view: JournalView) -> tuple[QWidget, ...]:
    """The invitation's buttons, once the window's new size has been laid out."""
    view.resize(1000, 700)
    QApplication.processEvents()
    view.placeholder.layout().activate()
    return (view.placeholder_button, view.placeholder_prompt_button)


def narrowest(qtbot: Any, view: JournalView) -> int:
    """The sidebar's width with the splitter pulled as far left as it goes."""
    qtbot.wait(10)
    view.splitter.setSizes([1, 2000])
    qtbot.wait(10)
    return view.sidebar.width()


def test_enter_presses_the_focused_button(qtbot: Any, view: JournalView) -> None:
    buttons = [
        view.new_button,
        view.prompt_button,
        view.placeholder_button,
        view.placeholder_prompt_button,
        view.restore_button,
        view.empty_trash_button,
        view.undo_button,
    ]
    assert all(isinstance(button, PushButton) for button in buttons)
    view.activateWindow()
    view.new_button.setFocus()
    qtbot.waitUntil(view.new_button.hasFocus)
    QTest.keyClick(view.new_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.editor)
    qtbot.waitUntil(view.editor.title.hasFocus)


def test_a_new_entry_from_the_offered_prompt_leaves_the_list_unselected(
    qtbot: Any, view: JournalView
) -> None:
    assert view.start_prompted_entry("coping")
    qtbot.keyClicks(view.editor.body, "A walk by the river.")
    assert view.editor.flush()
    qtbot.waitUntil(lambda: view.list.selectionModel().hasSelection())
    view.editor.another_prompt()  # words written: offered for a new entry
    view.editor.prompt_offer.new_button.click()
    assert view.editor.entry_id is None
    assert not view.list.selectionModel().hasSelection()
    assert not view.list.currentIndex().isValid()


def test_new_entry_begins_at_the_title_and_a_prompted_one_in_the_text(
    qtbot: Any, view: JournalView
) -> None:
    view.activateWindow()
    view.new_entry()
    qtbot.waitUntil(view.editor.title.hasFocus)
    view.new_entry()  # the blank page is kept, and its title keeps the cursor
    qtbot.waitUntil(view.editor.title.hasFocus)
    assert view.start_prompted_entry("coping")
    qtbot.waitUntil(view.editor.body.hasFocus)
