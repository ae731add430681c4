""" "Bring to my next session": the editor's toggle, its shortcut, the list's mark and filter."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt

from journal_app.journal import Journal
from journal_app.ui.journal import flag
from journal_app.ui.journal.entry_model import EntryIdRole
from tests.ui._journal_fixtures import (
    PASSPHRASE,
    QT_LOG_IGNORE,
    add_many,
    make_entries,
    open_service,
    view,
)
from tests.ui.test_words_and_access import _check_controls, _check_words

__all__ = ["open_service", "view"]  # fixtures, used by name

pytestmark = QT_LOG_IGNORE


def listed_titles(view) -> list[str]:
    return [
        entry.title
        for entry in (view.model.entry_at(r) for r in range(view.model.rowCount()))
        if entry
    ]


def filled(qtbot, view, service, count: int) -> None:
    add_many(service, make_entries(count))
    qtbot.waitUntil(lambda: view.model.entry_count() == count)


def open_first(view, service):
    entry = service.entries()[0]
    view.show_entry(entry.id)
    return entry


def test_the_toggle_marks_and_unmarks_the_open_entry(qtbot, view, open_service):
    filled(qtbot, view, open_service, 3)
    entry = open_first(view, open_service)
    button = view.editor.flag
    assert button.isVisible() and not button.action.isChecked()
    messages: list[str] = []
    view.status_message.connect(messages.append)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    marked = open_service.get(entry.id)
    assert marked.flagged and button.action.isChecked()
    assert marked.updated == entry.updated  # a mark is not an edit
    assert messages[-1] == flag.FLAG_ON
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not open_service.get(entry.id).flagged
    assert messages[-1] == flag.FLAG_OFF


def test_the_mark_survives_a_reopen(qtbot, view, open_service, journal_path):
    filled(qtbot, view, open_service, 2)
    entry = open_first(view, open_service)
    view.editor.flag.action.trigger()
    open_service.close()
    with Journal.open(journal_path, PASSPHRASE) as again:
        assert again.get(entry.id).flagged


def test_the_shortcut_works_in_the_editor_and_in_the_list(qtbot, view, open_service):
    filled(qtbot, view, open_service, 3)
    entry = open_first(view, open_service)
    assert flag.FLAG_SHORTCUT == "Ctrl+D"
    view.editor.body.setFocus()
    qtbot.keyClick(view.editor.body, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert open_service.get(entry.id).flagged
    assert view.editor.body.toPlainText() == entry.body  # nothing typed into the text
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert not open_service.get(entry.id).flagged


def test_a_new_entry_is_saved_first_then_marked(qtbot, view, open_service):
    view.new_entry()
    messages: list[str] = []
    view.status_message.connect(messages.append)
    view.editor.flag.action.trigger()  # nothing written yet
    assert not view.editor.flag.action.isChecked() and open_service.entries() == []
    assert messages[-1] == flag.FLAG_NEEDS_WORDS
    qtbot.keyClicks(view.editor.body, "A few words to bring along.")
    view.editor.flag.action.trigger()
    (saved,) = open_service.entries()
    assert saved.flagged and saved.body == "A few words to bring along."


def test_the_toggle_rests_in_the_trash(qtbot, view, open_service):
    filled(qtbot, view, open_service, 2)
    entry = open_first(view, open_service)
    open_service.move_to_trash(entry.id)
    view.show_entry(entry.id)
    assert view.in_trash_view
    assert not view.editor.flag.action.isEnabled()
    view.show_trash(False)
    view.show_entry(open_service.entries()[0].id)
    assert view.editor.flag.action.isEnabled()


def test_the_list_shows_a_quiet_mark_and_says_it(qtbot, view, open_service):
    filled(qtbot, view, open_service, 3)
    entry = open_first(view, open_service)
    open_service.set_flagged(entry.id, True)
    qtbot.waitUntil(lambda: getattr(view.model.entry_at(view.model.row_of(entry.id)), "flagged", 0))
    index = view.model.index_of(entry.id)
    assert "marked for my next session" in index.data(Qt.ItemDataRole.AccessibleTextRole)
    other = view.model.index_of(open_service.entries()[1].id)
    assert "marked" not in other.data(Qt.ItemDataRole.AccessibleTextRole)
    view.list.viewport().grab()  # the row paints with its mark


def test_the_filter_appears_once_something_is_marked_and_combines(qtbot, view, open_service):
    filled(qtbot, view, open_service, 6)
    filter_box = view.flag_filter
    assert not filter_box.isVisible()
    entries = open_service.entries()
    for entry in entries[:3]:
        open_service.set_flagged(entry.id, True)
    qtbot.waitUntil(filter_box.isVisible)
    filter_box.setChecked(True)
    shown = [view.model.entry_at(r) for r in range(view.model.rowCount())]
    shown = [entry.id for entry in shown if entry]
    assert shown == [entry.id for entry in entries[:3]]
    # With a tag too: both must hold.
    view.tag_filter.setCurrentIndex(view.tag_filter.findText("walks"))
    expected = [e.id for e in entries[:3] if "walks" in e.tags]
    shown = [view.model.entry_at(r) for r in range(view.model.rowCount())]
    assert [entry.id for entry in shown if entry] == expected
    view.tag_filter.setCurrentIndex(0)
    # Unmark everything: the list says nothing matches, the filter stays while on.
    for entry in entries[:3]:
        open_service.set_flagged(entry.id, False)
    qtbot.waitUntil(lambda: view.model.entry_count() == 0)
    assert view.list_note.text() == "Nothing matches that yet."
    assert filter_box.isVisible()
    filter_box.setChecked(False)
    assert view.model.entry_count() == 6


def test_lock_resets_the_filter(qtbot, view, open_service):
    filled(qtbot, view, open_service, 3)
    open_service.set_flagged(open_service.entries()[0].id, True)
    qtbot.waitUntil(view.flag_filter.isVisible)
    view.flag_filter.setChecked(True)
    view.clear()
    assert not view.flag_filter.isChecked() and not view.flag_filter.isVisible()


def test_several_entries_can_be_picked_and_arrows_still_move(qtbot, view, open_service):
    filled(qtbot, view, open_service, 5)
    view.list.setFocus()
    first = view.model.first_entry_row()
    view.list.setCurrentIndex(view.model.index(first))
    qtbot.keyClick(view.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    picked = view.selected_entry_ids()
    assert len(picked) == 3
    qtbot.keyClick(view.list, Qt.Key.Key_Down)  # a plain arrow: back to one entry
    assert len(view.selected_entry_ids()) == 1
    current = view.list.currentIndex().data(EntryIdRole)
    assert view.editor.entry_id == current
    view.list.selectionModel().select(
        view.model.index(first), QItemSelectionModel.SelectionFlag.Select
    )
    assert len(view.selected_entry_ids()) == 2


def test_names_tips_and_words(qtbot, view, open_service):
    filled(qtbot, view, open_service, 2)
    open_service.set_flagged(open_service.entries()[0].id, True)
    qtbot.waitUntil(view.flag_filter.isVisible)
    for widget in (view.editor.flag, view.flag_filter):
        assert widget.accessibleName() and widget.toolTip()
    _check_controls(view.editor.footer)
    _check_words(
        [
            flag.FLAG_TEXT,
            flag.FLAG_SHORT_TEXT,
            flag.FLAG_TIP,
            flag.FLAG_ON,
            flag.FLAG_OFF,
            flag.FLAG_NEEDS_WORDS,
            flag.FILTER_TEXT,
            flag.FILTER_TIP,
        ]
    )
