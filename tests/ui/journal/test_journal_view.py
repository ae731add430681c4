"""The journal page: list and editor together, as a person uses them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QListView,
    QMessageBox,
    QTextEdit,
    QWidget,
)

from journal_app.ui.journal import page_words
from journal_app.ui.journal.editor import STATUS_SAVED
from journal_app.ui.journal.entry_model import EntryIdRole, TitleSpansRole
from journal_app.ui.journal.journal_view import JournalView
from journal_app.ui.services.journal_service import JournalService
from tests.ui._journal_fixtures import (
    NO_AUTOSAVE,
    PASSPHRASE,
    QT_LOG_IGNORE,
    add_many,
    make_entries,
    make_view,
    moment,
    open_service,
    reopen,
    shown_texts,
    view,
)

__all__ = ["open_service", "view"]  # fixtures, used by name

pytestmark = QT_LOG_IGNORE

Yes = QMessageBox.StandardButton.Yes
No = QMessageBox.StandardButton.No
Cancel = QMessageBox.StandardButton.Cancel
SAVE_TIMEOUT_MS = 5_000


@pytest.fixture(autouse=True)
def message_box_exec(monkeypatch, message_boxes):
    """Route ``QMessageBox.exec`` on an instance to the conftest's recorder."""
    monkeypatch.setattr(QMessageBox, "exec", lambda box: message_boxes.exec_box(box))
    return message_boxes


def open_journal(path: Path, qtbot: Any, kdf: Any) -> JournalService:
    service = JournalService(path, kdf=kdf)
    with qtbot.waitSignal(service.unlocked, timeout=10_000):
        service.unlock(PASSPHRASE)
    return service


def list_titles(view: JournalView) -> list[str]:
    model = view.model
    return [
        model.data(model.index(row)) for row in range(model.rowCount()) if not model.is_header(row)
    ]


def select_row_of(view: JournalView, entry_id: str) -> None:
    view.list.setCurrentIndex(view.model.index_of(entry_id))


def settle(qtbot: Any) -> None:
    """Let deferred refreshes (list after a save) run."""
    qtbot.wait(20)


# ------------------------------------------------------------------ empty


def test_an_empty_journal_invites_writing(view: JournalView) -> None:
    assert view.pages.currentWidget() is view.placeholder
    assert view.placeholder_title.text() == "This is your space."
    assert view.placeholder_text.text() == "Write a line or a page — whatever today holds."
    assert view.placeholder_button.text() == "New entry"
    assert view.list_note.text() == "Your entries will appear here."
    assert view.current_entry_id() is None
    assert view.tag_filter.isHidden(), "no tags yet: no filter to puzzle over"


def test_new_entry_from_the_invitation_focuses_the_title(qtbot, view: JournalView) -> None:
    view.activateWindow()
    view.placeholder_button.click()
    assert view.pages.currentWidget() is view.editor
    qtbot.waitUntil(lambda: view.editor.title.hasFocus())


# ---------------------------------------------------------- write and save


def test_write_and_autosave_reaches_the_disk_encrypted(
    qtbot, view: JournalView, open_service: JournalService
) -> None:
    view.new_entry()
    qtbot.keyClicks(view.editor.title, "Quiet morning")
    qtbot.keyClicks(view.editor.body, "Coffee by the window, nowhere to be.")
    qtbot.waitUntil(lambda: view.current_entry_id() is not None, timeout=SAVE_TIMEOUT_MS)
    qtbot.waitUntil(lambda: view.editor.status.text() == STATUS_SAVED, timeout=SAVE_TIMEOUT_MS)
    entry_id = view.current_entry_id()
    qtbot.waitUntil(lambda: view.model.row_of(entry_id) >= 0)
    assert view.list.currentIndex().data(EntryIdRole) == entry_id
    assert list_titles(view) == ["Quiet morning"]

    path = open_service.vault_path
    open_service.close()
    with reopen(path) as journal:
        entry = journal.get(entry_id)
        assert entry.title == "Quiet morning"
        assert entry.body == "Coffee by the window, nowhere to be."
    raw = path.read_bytes()
    assert b"Coffee by the window" not in raw and b"Quiet morning" not in raw


def test_switching_entries_saves_the_one_being_left(
    qtbot, view: JournalView, open_service: JournalService
) -> None:
    older = open_service.add("Older words.", title="Older", created=moment(2025, 3, 1))
    newer = open_service.add("Newer words.", title="Newer", created=moment(2025, 3, 2))
    view.reload()
    view.show_entry(newer.id)
    view.editor.body.moveCursor(view.editor.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(view.editor.body, " And a little more.")
    assert view.editor.dirty
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_Down)  # the next entry, at once
    assert view.current_entry_id() == older.id
    assert view.editor.body.toPlainText() == "Older words."
    assert open_service.get(newer.id).body == "Newer words. And a little more."


def test_flush_saves_now_and_reports_it(view: JournalView, open_service, qtbot) -> None:
    view.new_entry()
    qtbot.keyClicks(view.editor.body, "Saved before the lock.")
    assert view.flush() is True
    assert [e.body for e in open_service.entries()] == ["Saved before the lock."]
    assert not open_service.drafts()


def test_lock_and_unlock_reopens_the_entry_that_was_open(
    qtbot, view: JournalView, open_service: JournalService
) -> None:
    for words in ("First page.", "Second page."):
        view.new_entry()
        qtbot.keyClicks(view.editor.body, words)
    assert view.flush()
    last = view.current_entry_id()
    view.clear()
    open_service.lock()
    with qtbot.waitSignal(open_service.unlocked, timeout=10_000):
        open_service.unlock(PASSPHRASE)
    view.reload()
    assert view.current_entry_id() == last
    assert view.editor.body.toPlainText() == "Second page."


def test_close_and_reopen_keeps_entries(
    qtbot, view: JournalView, open_service: JournalService, kdf
) -> None:
    for words in ("First page.", "Second page."):
        view.new_entry()
        qtbot.keyClicks(view.editor.body, words)
    assert view.flush()
    path = open_service.vault_path
    view.clear()
    open_service.close()

    again = open_journal(path, qtbot, kdf)
    try:
        fresh = make_view(again, qtbot)
        assert sorted(list_titles(fresh)) == ["First page.", "Second page."]
    finally:
        again.close()


def test_reload_reopens_the_entry_that_was_open(qtbot, view: JournalView, open_service) -> None:
    entries = [open_service.add(f"Entry {n}.", title=f"T{n}") for n in range(3)]
    view.reload()
    view.show_entry(entries[1].id)
    view.clear()
    assert view.current_entry_id() is None
    view.reload()
    assert view.current_entry_id() == entries[1].id
    assert view.editor.title.text() == "T1"


def test_show_entry_and_apply_font(view: JournalView, open_service) -> None:
    entry = open_service.add("Words.", title="Shown")
    view.reload()
    view.show_entry(entry.id)
    assert view.current_entry_id() == entry.id
    assert view.editor.title.text() == "Shown"
    view.show_entry(None)
    assert view.pages.currentWidget() is view.placeholder
    view.apply_editor_font("DejaVu Serif", 15)
    assert view.editor.body.font().family() == "DejaVu Serif"
    assert view.editor.body.font().pointSize() == 15


# ----------------------------------------------------------------- search


def test_search_updates_as_you_type_and_highlights(
    qtbot, view: JournalView, open_service: JournalService
) -> None:
    river = open_service.add("We walked by the river.", title="River walk", tags=["walks"])
    open_service.add("Tea and a film.", title="Evening in")
    view.reload()
    view.show_entry(river.id)
    view.focus_search()
    assert view.search.hasFocus() or view.search.placeholderText() == "Search your journal"
    qtbot.keyClicks(view.search, "walk")
    qtbot.waitUntil(lambda: list_titles(view) == ["River walk"], timeout=2_000)
    assert view.model.highlight == "walk"
    index = view.model.index_of(river.id)
    assert view.model.data(index, TitleSpansRole) == [(6, 10)]
    spans = [
        (s.cursor.selectionStart(), s.cursor.selectionEnd())
        for s in view.editor.body.extraSelections()
    ]
    assert spans == [(3, 7)]
    assert view.editor.title_highlight_spans() == [(6, 10)]

    view.search.clear()
    qtbot.keyClicks(view.search, "zebra")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=2_000)
    assert view.list_note.text() == "Nothing matches that yet."
    assert view.list_stack.currentWidget() is view.list_note_page

    view.search.clear()
    qtbot.waitUntil(lambda: len(list_titles(view)) == 2, timeout=2_000)
    assert view.editor.body.extraSelections() == []


def test_search_keys_move_to_the_list(qtbot, view: JournalView, open_service) -> None:
    open_service.add("One.", title="One")
    view.reload()
    view.activateWindow()
    view.focus_search()
    qtbot.keyClicks(view.search, "one")
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert view.list.hasFocus()
    assert view.current_entry_id() is not None
    view.focus_search()
    qtbot.keyClick(view.search, Qt.Key.Key_Escape)
    assert view.search.text() == ""


def test_filter_by_tag(qtbot, view: JournalView, open_service: JournalService) -> None:
    open_service.add("a", title="Walk one", tags=["walks"])
    open_service.add("b", title="Family day", tags=["family"])
    open_service.add("c", title="Walk two", tags=["walks", "family"])
    view.reload()
    combo = view.tag_filter
    assert not combo.isHidden()
    assert [combo.itemText(i) for i in range(combo.count())] == ["All tags", "family", "walks"]
    combo.setCurrentIndex(combo.findText("walks"))
    assert sorted(list_titles(view)) == ["Walk one", "Walk two"]
    qtbot.keyClicks(view.search, "two")
    qtbot.waitUntil(lambda: list_titles(view) == ["Walk two"], timeout=2_000)
    combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: list_titles(view) == ["Walk two"], timeout=2_000)
    view.search.clear()
    qtbot.waitUntil(lambda: len(list_titles(view)) == 3, timeout=2_000)


# ------------------------------------------------------------------- trash


def test_trash_and_undo(qtbot, view: JournalView, open_service: JournalService) -> None:
    keep = open_service.add("Kept.", title="Kept", created=moment(2025, 3, 1))
    going = open_service.add("Going.", title="Going", created=moment(2025, 3, 2))
    view.reload()
    view.show_entry(going.id)
    with qtbot.waitSignal(view.status_message) as message:
        view.trash_current()
    assert message.args == ["Moved to trash — Undo (Ctrl+Z)"]
    assert open_service.get(going.id).in_trash
    assert list_titles(view) == ["Kept"]
    assert view.current_entry_id() == keep.id, "the next entry opens"
    assert not view.undo_bar.isHidden()

    view.undo_button.click()
    assert not open_service.get(going.id).in_trash
    assert view.current_entry_id() == going.id
    assert view.undo_bar.isHidden()
    assert sorted(list_titles(view)) == ["Going", "Kept"]


def test_ctrl_z_in_the_list_undoes_the_trash(qtbot, view: JournalView, open_service) -> None:
    entry = open_service.add("Words.", title="Only one")
    view.reload()
    view.show_entry(entry.id)
    view.activateWindow()
    qtbot.waitActive(view)
    view.trash_current()
    assert view.pages.currentWidget() is view.placeholder
    assert view.undo_button.hasFocus()
    qtbot.keyClick(view.undo_button, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not open_service.get(entry.id).in_trash
    assert view.current_entry_id() == entry.id


def test_a_new_unsaved_entry_is_saved_then_trashed(qtbot, view: JournalView, open_service) -> None:
    view.new_entry()
    qtbot.keyClicks(view.editor.body, "Second thoughts.")
    view.trash_current()
    [trashed] = open_service.trash_entries()
    assert trashed.body == "Second thoughts."
    view.trash_current()  # nothing open: nothing happens
    assert len(open_service.trash_entries()) == 1


def test_trash_view_restore_and_read_only(qtbot, view: JournalView, open_service) -> None:
    first = open_service.add("One.", title="One", created=moment(2025, 3, 1))
    second = open_service.add("Two.", title="Two", created=moment(2025, 3, 2))
    open_service.move_to_trash(first.id)
    open_service.move_to_trash(second.id)
    open_service.add("Three.", title="Three")
    view.reload()
    view.show_trash(True)
    assert not view.trash_bar.isHidden()
    assert sorted(list_titles(view)) == ["One", "Two"]
    assert view.search.placeholderText() == "Search the trash"
    select_row_of(view, second.id)
    assert view.current_entry_id() == second.id
    assert view.editor.body.isReadOnly()
    assert "in the trash" in view.editor.notice_text()
    view.restore_selected()
    assert not open_service.get(second.id).in_trash
    assert list_titles(view) == ["One"]
    assert view.current_entry_id() == first.id, "the next one in the trash is shown"

    view.show_trash(False)
    assert view.trash_bar.isHidden()
    assert sorted(list_titles(view)) == ["Three", "Two"]
    assert not view.editor.body.isReadOnly()


def test_empty_trash_asks_first(qtbot, view: JournalView, open_service, message_boxes) -> None:
    entry = open_service.add("Gone soon.", title="Gone")
    open_service.move_to_trash(entry.id)
    view.reload()
    view.show_trash(True)
    assert view.empty_trash_button.isEnabled()

    message_boxes.answers.append(Cancel)
    view.empty_trash_button.click()
    assert len(open_service.trash_entries()) == 1
    assert message_boxes.calls[-1][2] == "Delete these entries for good? This cannot be undone."

    message_boxes.answers.append(Yes)
    with qtbot.waitSignal(view.status_message):
        view.empty_trash()
    assert open_service.trash_entries() == []
    assert view.list_note.text() == "The trash is empty."
    assert not view.empty_trash_button.isEnabled()


def test_new_entry_leaves_the_trash(qtbot, view: JournalView) -> None:
    view.show_trash(True)
    with qtbot.waitSignal(view.trash_mode_changed) as changed:
        view.new_entry()
    assert changed.args == [False]
    assert not view.in_trash_view
    assert not view.editor.body.isReadOnly()


# ----------------------------------------------------------------- locking


def test_clear_leaves_no_text_behind(qtbot, view: JournalView, open_service) -> None:
    canary = "canary-7f3a"
    entry = open_service.add(f"{canary} body", title=f"{canary} title", tags=[f"{canary}tag"])
    view.reload()
    view.show_entry(entry.id)
    view.search.setText(canary)
    qtbot.waitUntil(lambda: view.model.highlight == canary, timeout=2_000)
    view.trash_current()
    view.clear()

    assert view.model.rowCount() == 0
    assert not [text for text in shown_texts(view) if canary in text]
    for combo in view.findChildren(QComboBox):
        assert not [combo.itemText(i) for i in range(combo.count()) if canary in combo.itemText(i)]
    for edit in view.findChildren(QLineEdit):
        assert not edit.isUndoAvailable() and not edit.isRedoAvailable()
    for edit in view.findChildren(QTextEdit):
        assert not edit.document().isUndoAvailable()
    assert view.editor.tags.known_tags() == []
    assert view.undo_bar.isHidden()
    assert view.current_entry_id() is None


def test_drafts_come_back_after_a_crash(
    qtbot, open_service: JournalService, kdf, message_boxes
) -> None:
    view = make_view(open_service, qtbot, timing=NO_AUTOSAVE)  # the crash comes before it
    view.new_entry()
    qtbot.keyClicks(view.editor.title, "Late night")
    qtbot.keyClicks(view.editor.body, "Words typed just before the crash.")
    qtbot.waitUntil(lambda: bool(open_service.drafts()), timeout=SAVE_TIMEOUT_MS)
    assert open_service.entries() == []
    path = open_service.vault_path
    open_service.close()  # no flush: as if the process had died

    again = open_journal(path, qtbot, kdf)
    try:
        fresh = make_view(again, qtbot)
        message_boxes.answers.append(Yes)
        fresh.offer_recovered_drafts()
        _kind, title, text = message_boxes.calls[-1]
        assert title == "Writing from last time"
        assert "“Late night”" in text
        [entry] = again.entries()
        assert entry.title == "Late night"
        assert entry.body == "Words typed just before the crash."
        assert again.drafts() == []
        assert fresh.current_entry_id() == entry.id
    finally:
        again.close()


def test_drafts_can_wait_or_be_discarded(
    qtbot, view: JournalView, open_service: JournalService, message_boxes
) -> None:
    open_service.save_draft(entry_id=None, title="", body="A thought.")
    message_boxes.answers.append(Cancel)
    view.offer_recovered_drafts()
    assert len(open_service.drafts()) == 1, "not now: asked again next time"
    message_boxes.answers.append(No)
    view.offer_recovered_drafts()
    assert open_service.drafts() == []
    assert open_service.entries() == []
    calls = len(message_boxes.calls)
    view.offer_recovered_drafts()
    assert len(message_boxes.calls) == calls, "nothing to offer: no question"


# --------------------------------------------------------------- keyboard


def test_keyboard_only(qtbot, view: JournalView, open_service) -> None:
    march = open_service.add("March words.", title="March", created=moment(2025, 3, 3))
    february = open_service.add("February words.", title="February", created=moment(2025, 2, 3))
    view.reload()
    view.activateWindow()
    qtbot.waitActive(view)
    view.list.setFocus(Qt.FocusReason.TabFocusReason)  # the first entry, not "March 2025"
    assert view.current_entry_id() == march.id
    qtbot.keyClick(view.list, Qt.Key.Key_Down)  # past "February 2025"
    assert view.current_entry_id() == february.id
    assert view.list.hasFocus(), "browsing leaves the focus in the list"
    qtbot.keyClick(view.list, Qt.Key.Key_Return)
    assert view.editor.body.hasFocus()

    order = [view.list]
    widget: QWidget = view.list
    for _ in range(4):
        widget = widget.nextInFocusChain()
        while not widget.isVisible() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            widget = widget.nextInFocusChain()
        order.append(widget)
    editor = view.editor
    assert order[1:] == [editor.title, editor.body, editor.tags, editor.date]


def test_every_control_has_a_name_and_a_tip(view: JournalView, open_service) -> None:
    open_service.add("x", tags=["walks"])
    view.reload()
    view.show_trash(True)
    view.show_trash(False)
    controls = [
        w
        for w in view.findChildren(QWidget)
        if isinstance(
            w, QAbstractButton | QLineEdit | QComboBox | QListView | QTextEdit | QAbstractSpinBox
        )
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and w.parent() is not None
        and w.window() is view  # not the inner parts of popups
        and not w.objectName().startswith("qt_")
    ]
    assert len(controls) >= 12
    for widget in controls:
        assert widget.accessibleName(), widget
        assert widget.toolTip(), widget


def test_formatting_actions_live_on_the_editor(view: JournalView) -> None:
    names = {a.objectName() for a in view.editor.body.actions()}
    assert {"boldAction", "italicAction", "linkAction", "headingAction"} <= names
    window_actions = [a for a in view.actions() if isinstance(a, QAction)]
    assert not window_actions, "window-level actions belong to the main window"


# --------------------------------------------------------------------- scale


def test_ten_thousand_entries_reload(qtbot, view: JournalView, open_service) -> None:
    entries = make_entries(10_000)
    add_many(open_service, entries)
    view.reload()
    months = len({(e.created.year, e.created.month) for e in entries})
    assert view.model.entry_count() == 10_000
    assert view.model.rowCount() == 10_000 + months
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_End)
    assert view.current_entry_id() == entries[-1].id
    view.search.setText("entry 9999.")
    qtbot.waitUntil(lambda: view.model.entry_count() == 1, timeout=5_000)


# ----------------------------------------------------------------- wording

FORBIDDEN = re.compile(
    r"\b(streak|days since|relapse|slip-?up|failure|clean|score|badge|progress|should|"
    r"good day|bad day|cutter|self-harmer|attention-seeking|urge)\b",
    re.IGNORECASE,
)


def test_the_page_words_follow_the_content_rules() -> None:
    texts = [value for name, value in vars(page_words).items() if name.startswith("TEXT_")]
    assert len(texts) >= 15
    for text in texts:
        assert not FORBIDDEN.search(text), text
        assert "!" not in text, "calm, never exclaiming"


@pytest.mark.parametrize("size", [(700, 500), (1400, 900)])
def test_renders_at_any_size(qtbot, open_service, size) -> None:
    open_service.add("Words.", title="A title long enough to be cut short somewhere", tags=["x"])
    shown = make_view(open_service, qtbot, size=size)
    shown.show_entry(open_service.entries()[0].id)
    assert not shown.grab().isNull()


def test_an_entry_restored_elsewhere_leaves_the_trash_view(
    qtbot, view: JournalView, open_service
) -> None:
    entry = open_service.add("Words.", title="Away")
    open_service.move_to_trash(entry.id)
    view.reload()
    view.show_trash(True)
    view.show_entry(entry.id)
    assert view.editor.status.text() == "", "nothing to save in the trash"
    open_service.restore(entry.id)  # e.g. from another part of the window
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.placeholder)
    assert view.list_note.text() == "The trash is empty."
