"""Return in the editor: no new line is ever lost, from a new entry's first key on."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from journal_app.journal.edit_session import SaveTiming
from journal_app.ui.journal.editor import EntryEditor
from journal_app.ui.services.journal_service import JournalService
from tests.ui._journal_fixtures import QT_LOG_IGNORE, make_view, open_service
from tests.ui.journal.test_editor import editor

__all__ = ["editor", "open_service"]  # fixtures, used by name

pytestmark = QT_LOG_IGNORE

QUICK = SaveTiming(draft_delay_ms=20, autosave_delay_ms=50)


def test_return_at_once_on_a_new_entry_is_kept_and_saved(
    qtbot: Any, open_service: JournalService
) -> None:
    view = make_view(open_service, qtbot, timing=QUICK)
    view.new_entry()
    body = view.editor.body
    qtbot.keyClick(body, Qt.Key.Key_Return)
    assert body.toPlainText() == "\n", "the very first Return is a new line"
    qtbot.keyClicks(body, "Morning")
    qtbot.waitUntil(lambda: view.editor.entry_id is not None and not view.editor.dirty)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClicks(body, "light")
    assert body.toPlainText() == "\nMorning\n\nlight"
    assert view.editor.flush()
    entry_id = view.editor.entry_id
    assert entry_id is not None
    assert open_service.get(entry_id).body == "\nMorning\n\nlight"


def test_blank_lines_between_paragraphs_are_typed_with_one_return_each(
    qtbot: Any, editor: EntryEditor
) -> None:
    body = editor.body
    qtbot.keyClicks(body, "one")
    for _ in range(3):
        qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClicks(body, "two")
    assert body.toPlainText() == "one\n\n\ntwo"
    body.undo()
    body.undo()
    assert body.toPlainText() == "one\n\n", "each Return is one undo step"


def test_return_replaces_the_selection_and_keeps_the_roomy_lines(
    qtbot: Any, editor: EntryEditor
) -> None:
    body = editor.body
    body.set_plain_text("keep this")
    cursor = body.textCursor()
    cursor.setPosition(4)
    cursor.setPosition(5, cursor.MoveMode.KeepAnchor)
    body.setTextCursor(cursor)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    assert body.toPlainText() == "keep\nthis"
    doc = body.document()
    heights = {doc.findBlockByNumber(n).blockFormat().lineHeight() for n in range(2)}
    assert heights == {150}
