"""The entry editor: autosave into the vault, drafts, save errors, Markdown commands."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QDateTime, QMimeData, Qt
from PySide6.QtGui import QTextBlockFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit, QTextEdit

from journal_app.ui.journal.editor import (
    LINE_HEIGHT_PERCENT,
    STATUS_NOT_SAVED,
    STATUS_SAVED,
    EntryEditor,
    MarkdownEdit,
    SaveTiming,
)
from journal_app.ui.journal.markdown import continue_block
from journal_app.ui.services.journal_service import JournalService
from journal_app.vault import StorageFull
from tests.ui._journal_fixtures import NO_AUTOSAVE, QT_LOG_IGNORE, open_service, reopen

__all__ = ["open_service"]  # a fixture, used by name

pytestmark = QT_LOG_IGNORE

SAVE_TIMEOUT_MS = 5_000


def make_editor(
    service: JournalService, qtbot: Any, timing: SaveTiming | None = None
) -> EntryEditor:
    made = EntryEditor(service, timing=timing)
    qtbot.addWidget(made)
    made.resize(900, 600)
    made.show()
    qtbot.waitExposed(made)
    made.activateWindow()
    made.load(None)
    return made


@pytest.fixture
def editor(open_service: JournalService, qtbot: Any) -> EntryEditor:
    return make_editor(open_service, qtbot)


def select(edit: QTextEdit, start: int, end: int) -> None:
    cursor = edit.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)


# ------------------------------------------------------------------- saving


def test_typing_is_saved_encrypted_without_pressing_save(
    qtbot, editor: EntryEditor, open_service: JournalService
) -> None:
    editor.title.setFocus()
    qtbot.keyClicks(editor.title, "River")
    qtbot.keyClicks(editor.body, "The light was soft today.")
    assert editor.dirty
    qtbot.waitUntil(lambda: not editor.dirty, timeout=SAVE_TIMEOUT_MS)
    assert editor.status.text() == STATUS_SAVED
    entry_id = editor.entry_id
    assert entry_id is not None
    assert not open_service.drafts(), "the draft goes once the entry is saved"

    path = open_service.vault_path
    open_service.close()
    with reopen(path) as journal:
        saved = journal.get(entry_id)
        assert saved.title == "River"
        assert saved.body == "The light was soft today."
        assert not journal.drafts()
    assert b"The light was soft" not in path.read_bytes()


def test_a_new_blank_page_saves_nothing(
    qtbot, editor: EntryEditor, open_service: JournalService
) -> None:
    qtbot.keyClicks(editor.body, "   ")
    assert editor.flush()
    assert editor.entry_id is None
    assert open_service.entries() == []
    assert open_service.drafts() == []


def test_edits_update_the_same_entry(qtbot, editor: EntryEditor, open_service) -> None:
    entry = open_service.add("First words.", title="Day", tags=["walks"])
    editor.load(entry)
    assert editor.status.text() == STATUS_SAVED
    editor.body.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor.body, " More words.")
    editor.tags.setText("walks, family")
    editor.tags.textEdited.emit(editor.tags.text())
    assert editor.flush()
    saved = open_service.get(entry.id)
    assert saved.body == "First words. More words."
    assert saved.tags == ("walks", "family")
    assert saved.created == entry.created, "the date only changes when the person changes it"
    assert len(open_service.entries()) == 1


def test_changing_the_date_moves_the_entry(qtbot, editor: EntryEditor, open_service) -> None:
    entry = open_service.add("Words.")
    editor.load(entry)
    editor.date.setDateTime(QDateTime.fromString("2024-06-01T10:30:00", Qt.DateFormat.ISODate))
    assert editor.flush()
    created = open_service.get(entry.id).created
    assert (created.year, created.month, created.day, created.hour) == (2024, 6, 1, 10)


def test_steady_typing_is_still_saved_within_the_max_wait(qtbot, open_service) -> None:
    editor = make_editor(open_service, qtbot, SaveTiming(autosave_max_wait_ms=300))
    qtbot.keyClicks(editor.body, "a")

    def keep_typing() -> bool:
        qtbot.keyClicks(editor.body, "b")
        return editor.entry_id is not None

    qtbot.waitUntil(keep_typing, timeout=SAVE_TIMEOUT_MS)


def test_a_failed_save_keeps_every_word_and_says_so_calmly(
    qtbot, editor: EntryEditor, open_service: JournalService, monkeypatch
) -> None:
    def disk_full(*args, **kwargs):
        raise StorageFull()

    monkeypatch.setattr(open_service, "add", disk_full)
    qtbot.keyClicks(editor.body, "Words that matter.")
    assert not editor.flush()
    assert editor.body.toPlainText() == "Words that matter."
    assert editor.dirty
    assert editor.status.text() == STATUS_NOT_SAVED
    assert "no room left on the disk" in editor.notice_text()
    assert "still here" in editor.notice_text()

    monkeypatch.undo()
    assert editor.flush()
    assert editor.notice_text() == ""
    assert open_service.get(editor.entry_id).body == "Words that matter."


def test_a_draft_is_kept_between_autosaves(qtbot, open_service: JournalService) -> None:
    # The autosave waits an hour: as if the app stopped before it came.
    editor = make_editor(open_service, qtbot, NO_AUTOSAVE)
    qtbot.keyClicks(editor.body, "Not saved as an entry yet.")
    qtbot.waitUntil(lambda: bool(open_service.drafts()), timeout=SAVE_TIMEOUT_MS)
    [draft] = open_service.drafts()
    assert draft.body == "Not saved as an entry yet."
    assert draft.entry_id is None
    assert open_service.entries() == []
    qtbot.keyClicks(editor.body, " More.")
    qtbot.waitUntil(
        lambda: open_service.drafts()[0].body.endswith("More."), timeout=SAVE_TIMEOUT_MS
    )
    assert len(open_service.drafts()) == 1, "one draft per editing session"
    assert editor.flush()
    assert open_service.drafts() == []


def test_clear_forgets_text_and_undo_history(qtbot, editor: EntryEditor) -> None:
    qtbot.keyClicks(editor.title, "canary title")
    qtbot.keyClicks(editor.body, "canary body")
    qtbot.keyClicks(editor.tags, "canary tag")
    editor.tags.set_known_tags(["canary"])
    editor.set_highlight("canary")
    editor.clear()
    assert editor.title.text() == editor.body.toPlainText() == editor.tags.text() == ""
    assert not editor.title.isUndoAvailable()
    assert not editor.tags.isUndoAvailable()
    assert not editor.body.document().isUndoAvailable()
    assert editor.tags.known_tags() == []
    assert editor.body.extraSelections() == []
    assert not editor.dirty and editor.entry_id is None


def test_read_only_blocks_edits_and_formatting(qtbot, editor: EntryEditor, open_service) -> None:
    entry = open_service.add("Kept as it is.")
    editor.set_read_only(True, "In the trash.")
    editor.load(entry)
    assert editor.body.isReadOnly() and editor.title.isReadOnly() and editor.tags.isReadOnly()
    assert not editor.bold_action.isEnabled()
    editor.make_bold()
    assert editor.body.toPlainText() == "Kept as it is."
    assert editor.notice_text() == "In the trash."
    assert editor.flush()


# --------------------------------------------------------------- typography


def test_paragraphs_get_roomy_lines_even_when_pasted(qtbot, editor: EntryEditor) -> None:
    editor.body.set_plain_text("one\ntwo")
    qtbot.keyClick(editor.body, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor.body, Qt.Key.Key_Return)
    mime = QMimeData()
    mime.setText("three\nfour")
    mime.setHtml("<b>three</b><p>four</p>")
    editor.body.insertFromMimeData(mime)
    doc = editor.body.document()
    assert editor.body.toPlainText() == "one\ntwo\nthree\nfour"
    for number in range(doc.blockCount()):
        fmt = doc.findBlockByNumber(number).blockFormat()
        assert fmt.lineHeight() == LINE_HEIGHT_PERCENT
        assert fmt.lineHeightType() == QTextBlockFormat.LineHeightTypes.ProportionalHeight.value


def test_the_text_sits_in_a_readable_column(qtbot, editor: EntryEditor) -> None:
    editor.apply_font("DejaVu Sans", 12)
    editor.resize(1600, 700)
    qtbot.waitUntil(lambda: editor.body.viewport().width() < 1000)
    wide = editor.body.viewport().width()
    assert 450 < wide < 900, "about 70 characters, not the whole window"
    assert editor.body.side_margin() > 200
    editor.resize(500, 600)
    qtbot.waitUntil(lambda: editor.body.viewport().width() < wide)
    assert editor.body.side_margin() >= 28
    assert editor.body.font().pointSize() == 12
    assert editor.title.font().pointSizeF() > 12


# --------------------------------------------------------------- formatting


def press(qtbot, widget, key, modifiers=Qt.KeyboardModifier.ControlModifier) -> None:
    qtbot.keyClick(widget, key, modifiers)


def test_ctrl_b_wraps_the_selection_in_bold_and_back(qtbot, editor: EntryEditor) -> None:
    editor.body.setFocus()
    qtbot.keyClicks(editor.body, "a soft day")
    select(editor.body, 2, 6)
    press(qtbot, editor.body, Qt.Key.Key_B)
    assert editor.body.toPlainText() == "a **soft** day"
    assert editor.body.textCursor().selectedText() == "soft"
    press(qtbot, editor.body, Qt.Key.Key_B)
    assert editor.body.toPlainText() == "a soft day"
    editor.body.undo()
    assert editor.body.toPlainText() == "a **soft** day", "one undo step per command"


def test_ctrl_i_italic_and_selection_with_markers(qtbot, editor: EntryEditor) -> None:
    editor.body.setFocus()
    qtbot.keyClicks(editor.body, "quiet evening")
    select(editor.body, 0, 5)
    press(qtbot, editor.body, Qt.Key.Key_I)
    assert editor.body.toPlainText() == "*quiet* evening"
    select(editor.body, 0, 7)  # the markers selected too
    press(qtbot, editor.body, Qt.Key.Key_I)
    assert editor.body.toPlainText() == "quiet evening"


def test_bold_without_selection_uses_the_word_or_a_pair(qtbot, editor: EntryEditor) -> None:
    editor.body.setFocus()
    qtbot.keyClicks(editor.body, "tea ")
    press(qtbot, editor.body, Qt.Key.Key_B)
    assert editor.body.toPlainText() == "tea ****"
    qtbot.keyClicks(editor.body, "x")
    assert editor.body.toPlainText() == "tea **x**"
    editor.body.set_plain_text("garden")
    editor.body.moveCursor(QTextCursor.MoveOperation.End)
    editor.make_bold()
    assert editor.body.toPlainText() == "**garden**"


def test_heading_list_quote_and_link(qtbot, editor: EntryEditor) -> None:
    body = editor.body
    body.setFocus()
    body.set_plain_text("What helped")
    editor.toggle_heading()
    assert body.toPlainText() == "# What helped"
    editor.toggle_heading()
    assert body.toPlainText() == "## What helped"
    editor.toggle_heading()
    editor.toggle_heading()
    assert body.toPlainText() == "What helped"

    body.set_plain_text("walking\nthe cold air")
    select(body, 0, len(body.toPlainText()))
    press(
        qtbot,
        body,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert body.toPlainText() == "- walking\n- the cold air"
    select(body, 0, len(body.toPlainText()))
    editor.toggle_list()
    assert body.toPlainText() == "walking\nthe cold air"

    body.set_plain_text("Small steps")
    editor.toggle_quote()
    assert body.toPlainText() == "> Small steps"
    editor.toggle_quote()
    assert body.toPlainText() == "Small steps"

    body.set_plain_text("a song")
    select(body, 2, 6)
    press(qtbot, body, Qt.Key.Key_K)
    assert body.toPlainText() == "a [song]()"
    assert body.textCursor().position() == len("a [song](")


def test_enter_continues_a_list_and_ends_it_on_an_empty_item(qtbot, editor: EntryEditor) -> None:
    body = editor.body
    body.setFocus()
    qtbot.keyClicks(body, "- tea")
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClicks(body, "music")
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClicks(body, "done")
    assert body.toPlainText() == "- tea\n- music\ndone"
    assert continue_block("3. walk") == "4. "
    assert continue_block("> a thought") == "> "
    assert continue_block("plain") is None


def test_formatting_shortcuts_belong_to_the_editor(editor: EntryEditor) -> None:
    for action in editor.format_actions:
        assert action in editor.body.actions()
        assert action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
        assert not action.shortcut().isEmpty()
        assert action.toolTip()


def test_the_highlighter_styles_markdown(qtbot, editor: EntryEditor, open_service) -> None:
    entry = open_service.add("# Heading\nsome **bold** words and a [link](x)")
    editor.load(entry)
    editor.apply_font("DejaVu Sans", 12)
    assert not editor.dirty, "styling is not an edit"
    doc = editor.body.document()
    heading = doc.findBlockByNumber(0).layout().formats()
    assert any(r.format.fontPointSize() > 12 for r in heading)
    line = doc.findBlockByNumber(1).layout().formats()
    assert any(r.format.fontWeight() >= 700 for r in line)


# --------------------------------------------------------------------- tags


def test_tags_complete_the_tag_being_typed(
    qtbot, editor: EntryEditor, open_service, monkeypatch
) -> None:
    open_service.add("x", tags=["walks", "family", "weekend"])
    editor.load(None)
    editor.refresh_known_tags()
    tags = editor.tags
    completer = tags.completer_
    popups = []
    # The offscreen platform cannot show a popup; record that one was asked for.
    monkeypatch.setattr(completer, "complete", lambda *args: popups.append(args))
    tags.setFocus()
    qtbot.keyClicks(tags, "family, we")
    assert tags.segment() == (7, 10)
    assert popups
    assert completer.completionPrefix() == "we"
    assert completer.currentCompletion() == "weekend"
    tags.insert_completion("weekend")
    assert tags.text() == "family, weekend, "
    tags.setCursorPosition(2)
    assert tags.segment() == (0, 6)
    tags.insert_completion("family")
    assert tags.text() == "family, weekend, "
    assert editor.dirty


def test_accessible_names_and_tips(editor: EntryEditor) -> None:
    for widget in (editor.title, editor.body, editor.tags, editor.date):
        assert widget.accessibleName()
        assert widget.toolTip()
    assert editor.title.placeholderText() == "Title (optional)"


def test_search_marks_show_in_body_and_title(qtbot, editor: EntryEditor, open_service) -> None:
    entry = open_service.add("A walk. Then another walk.", title="Walks")
    editor.load(entry)
    editor.set_highlight("walk")
    spans = [
        (s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in editor.body.extraSelections()
    ]
    assert spans == [(2, 6), (21, 25)]
    assert editor.title_highlight_spans() == [(0, 4)]
    assert editor.title.text() == "Walks" and not editor.dirty
    editor.set_highlight("")
    assert editor.body.extraSelections() == []


def test_plain_text_only(editor: EntryEditor) -> None:
    assert isinstance(editor.body, MarkdownEdit)
    assert not editor.body.acceptRichText()
    assert editor.body.tabChangesFocus()
    assert isinstance(editor.title, QLineEdit)
    assert QApplication.clipboard() is not None
