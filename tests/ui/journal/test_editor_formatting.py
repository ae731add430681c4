"""Bold and italic work like a word processor's, and the text stays Markdown."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from journal_app.ui.journal.editor import EntryEditor
from journal_app.ui.journal.emphasis import emphasis_spans, plan_toggle
from tests.ui._journal_fixtures import QT_LOG_IGNORE, open_service
from tests.ui.journal.test_editor import editor, select

__all__ = ["editor", "open_service"]  # fixtures, used by name

pytestmark = QT_LOG_IGNORE

CTRL = Qt.KeyboardModifier.ControlModifier


def shown(editor: EntryEditor) -> str:
    """The body's text with the cursor as ``|`` (or the selection in brackets)."""
    cursor = editor.body.textCursor()
    text = editor.body.toPlainText()
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    if start == end:
        return f"{text[:start]}|{text[start:]}"
    return f"{text[:start]}[{text[start:end]}]{text[end:]}"


def put_cursor(editor: EntryEditor, text: str) -> None:
    """Show ``text`` with the cursor where its ``|`` is."""
    pos = text.index("|")
    editor.body.set_plain_text(text.replace("|", ""))
    cursor = editor.body.textCursor()
    cursor.setPosition(pos)
    editor.body.setTextCursor(cursor)
    editor.body.setFocus()


def bold(qtbot: Any, editor: EntryEditor) -> None:
    qtbot.keyClick(editor.body, Qt.Key.Key_B, CTRL)


def italic(qtbot: Any, editor: EntryEditor) -> None:
    qtbot.keyClick(editor.body, Qt.Key.Key_I, CTRL)


def test_ctrl_b_starts_and_ends_bold_typing(qtbot: Any, editor: EntryEditor) -> None:
    editor.body.setFocus()
    qtbot.keyClicks(editor.body, "a ")
    bold(qtbot, editor)
    qtbot.keyClicks(editor.body, "calm")
    bold(qtbot, editor)
    qtbot.keyClicks(editor.body, " day")
    assert shown(editor) == "a **calm** day|"


def test_ctrl_b_twice_leaves_no_marks(qtbot: Any, editor: EntryEditor) -> None:
    editor.body.setFocus()
    qtbot.keyClicks(editor.body, "tea ")
    bold(qtbot, editor)
    assert shown(editor) == "tea **|**"
    bold(qtbot, editor)
    assert shown(editor) == "tea |"
    italic(qtbot, editor)
    italic(qtbot, editor)
    assert shown(editor) == "tea |"


def test_an_empty_pair_goes_when_the_cursor_leaves_it(qtbot: Any, editor: EntryEditor) -> None:
    editor.body.setFocus()
    qtbot.keyClicks(editor.body, "tea ")
    bold(qtbot, editor)
    qtbot.keyClick(editor.body, Qt.Key.Key_Home)
    assert editor.body.toPlainText() == "tea "
    assert shown(editor) == "|tea "
    editor.body.undo()
    assert editor.body.toPlainText() == "", "undo takes back the typing: the pair left no step"
    editor.body.redo()
    assert editor.body.toPlainText() == "tea ", "and redo does not bring the pair back"


def test_nested_empty_pairs_go_together(qtbot: Any, editor: EntryEditor) -> None:
    put_cursor(editor, "rest |")
    bold(qtbot, editor)
    italic(qtbot, editor)
    assert shown(editor) == "rest ***|***"
    qtbot.keyClick(editor.body, Qt.Key.Key_Left)
    assert editor.body.toPlainText() == "rest "


def test_an_empty_pair_is_not_saved(qtbot: Any, editor: EntryEditor, open_service) -> None:
    editor.body.setFocus()
    qtbot.keyClicks(editor.body, "tea ")
    bold(qtbot, editor)
    assert editor.flush()
    assert editor.entry_id is not None
    assert open_service.get(editor.entry_id).body == "tea "


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("a **gar|den** day", "a [garden] day"),
        ("**soft d|ay**", "**soft** [day]"),
        ("***a|***", "***a**|*"),
        ("a *qu|iet* evening", "a ***[quiet]*** evening"),
    ],
)
def test_ctrl_b_inside_a_bold_word_takes_the_bold_off(
    qtbot: Any, editor: EntryEditor, before: str, after: str
) -> None:
    put_cursor(editor, before)
    bold(qtbot, editor)
    assert shown(editor) == after


def test_a_selected_bold_word_loses_its_bold(qtbot: Any, editor: EntryEditor) -> None:
    editor.body.set_plain_text("**soft day**")
    select(editor.body, 2, 6)
    editor.body.setFocus()
    bold(qtbot, editor)
    assert shown(editor) == "[soft] **day**"
    editor.body.undo()
    assert editor.body.toPlainText() == "**soft day**", "one undo step"


def test_bold_and_italic_nest_and_end_in_either_order(qtbot: Any, editor: EntryEditor) -> None:
    editor.body.setFocus()
    bold(qtbot, editor)
    italic(qtbot, editor)
    qtbot.keyClicks(editor.body, "both")
    bold(qtbot, editor)
    qtbot.keyClicks(editor.body, " only slanted")
    italic(qtbot, editor)
    qtbot.keyClicks(editor.body, " plain")
    assert shown(editor) == "***both** only slanted* plain|"
    assert {s.width for s in emphasis_spans(editor.body.toPlainText())} == {1, 2}


def test_italic_begun_inside_bold_typing_and_ended(qtbot: Any, editor: EntryEditor) -> None:
    put_cursor(editor, "|")
    bold(qtbot, editor)
    qtbot.keyClicks(editor.body, "one ")
    italic(qtbot, editor)
    qtbot.keyClicks(editor.body, "two")
    italic(qtbot, editor)
    qtbot.keyClicks(editor.body, " three")
    bold(qtbot, editor)
    assert shown(editor) == "**one *two* three**|"


def test_each_format_command_is_one_undo_step(qtbot: Any, editor: EntryEditor) -> None:
    put_cursor(editor, "a **gar|den** day")
    bold(qtbot, editor)
    italic(qtbot, editor)
    assert editor.body.toPlainText() == "a *garden* day"
    editor.body.undo()
    assert editor.body.toPlainText() == "a garden day"
    editor.body.undo()
    assert editor.body.toPlainText() == "a **garden** day"


def test_heading_list_and_quote_toggle_per_line(qtbot: Any, editor: EntryEditor) -> None:
    body = editor.body
    put_cursor(editor, "first\nsec|ond")
    editor.toggle_list()
    editor.toggle_list()
    editor.toggle_quote()
    assert body.toPlainText() == "first\n> second"
    editor.toggle_quote()
    editor.toggle_heading()
    assert body.toPlainText() == "first\n# second"
    body.undo()
    assert body.toPlainText() == "first\nsecond", "one undo step each"
    assert body.textCursor().block().blockNumber() == 1


def test_the_plan_keeps_spaces_outside_the_marks() -> None:
    plan = plan_toggle("a calm day", 1, 7, 2)
    assert plan is not None
    assert (plan.start, plan.end, plan.text) == (2, 6, "**calm**")
    assert plan_toggle("a   b", 1, 4, 2) is None
    assert emphasis_spans("`**code**` and **bold**")[0].open_start == 15


def test_the_text_stays_markdown_when_saved(qtbot: Any, editor: EntryEditor, open_service) -> None:
    editor.body.setFocus()
    bold(qtbot, editor)
    qtbot.keyClicks(editor.body, "Kind")
    bold(qtbot, editor)
    qtbot.keyClicks(editor.body, " words")
    editor.body.moveCursor(QTextCursor.MoveOperation.Start)
    assert editor.flush()
    assert open_service.get(editor.entry_id).body == "**Kind** words"
