"""The tags field: chips, typing with completion, and removing a tag by keyboard."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication

from journal_app.ui.journal.editor import EntryEditor
from journal_app.ui.services.journal_service import JournalService
from tests.ui._journal_fixtures import QT_LOG_IGNORE, open_service
from tests.ui.journal.test_editor import editor, make_editor

__all__ = ["editor", "open_service"]  # fixtures, used by name

pytestmark = QT_LOG_IGNORE


def chip_names(editor: EntryEditor) -> list[str]:
    return [chip.accessibleName() for chip in editor.tags.chips()]


def loaded(editor: EntryEditor, service: JournalService, *tags: str) -> str:
    entry = service.add("Words.", tags=list(tags))
    editor.load(entry)
    return entry.id


def test_an_entry_shows_its_tags_as_chips(
    qtbot: Any, editor: EntryEditor, open_service: JournalService
) -> None:
    loaded(editor, open_service, "walks", "family")
    assert chip_names(editor) == ["walks, tag", "family, tag"]
    assert all(chip.isVisibleTo(editor) for chip in editor.tags.chips())
    assert all(chip.toolTip() for chip in editor.tags.chips())
    assert editor.tags.text() == "walks, family, "
    assert not editor.dirty
    assert editor.tags.placeholderText() and editor.tags.chips()


def test_a_comma_or_enter_makes_a_chip_and_the_entry_keeps_it(
    qtbot: Any, editor: EntryEditor, open_service: JournalService
) -> None:
    entry_id = loaded(editor, open_service, "walks")
    editor.tags.setFocus()
    qtbot.keyClicks(editor.tags, "calm, sea air")
    assert chip_names(editor) == ["walks, tag", "calm, tag"]
    qtbot.keyClick(editor.tags, Qt.Key.Key_Return)
    assert chip_names(editor)[-1] == "sea air, tag"
    assert QApplication.focusWidget() is editor.tags
    assert editor.dirty and editor.flush()
    assert open_service.get(entry_id).tags == ("walks", "calm", "sea air")


def test_backspace_in_an_empty_field_removes_the_last_chip(
    qtbot: Any, editor: EntryEditor, open_service: JournalService
) -> None:
    entry_id = loaded(editor, open_service, "walks", "family")
    editor.tags.setFocus()
    qtbot.keyClicks(editor.tags, "x")
    qtbot.keyClick(editor.tags, Qt.Key.Key_Backspace)  # the letter first
    assert chip_names(editor) == ["walks, tag", "family, tag"]
    qtbot.keyClick(editor.tags, Qt.Key.Key_Backspace)
    assert chip_names(editor) == ["walks, tag"]
    assert editor.flush()
    assert open_service.get(entry_id).tags == ("walks",)


def test_each_chip_is_reached_and_removed_by_keyboard(
    qtbot: Any, editor: EntryEditor, open_service: JournalService
) -> None:
    qtbot.waitActive(editor)
    entry_id = loaded(editor, open_service, "walks", "family", "rain")
    tags = editor.tags
    tags.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tags)
    qtbot.keyClick(tags, Qt.Key.Key_Left)
    rain, family = tags.chips()[2], tags.chips()[1]
    assert QApplication.focusWidget() is rain
    qtbot.keyClick(rain, Qt.Key.Key_Left)
    assert QApplication.focusWidget() is family
    qtbot.keyClick(family, Qt.Key.Key_Delete)
    assert chip_names(editor) == ["walks, tag", "rain, tag"]
    focus = QApplication.focusWidget()
    assert focus is tags.chips()[1], "the focus stays among the chips"
    qtbot.keyClick(focus, Qt.Key.Key_Right)
    assert QApplication.focusWidget() is tags
    assert editor.flush()
    assert open_service.get(entry_id).tags == ("walks", "rain")


def test_a_chip_goes_with_its_remove_button(
    qtbot: Any, editor: EntryEditor, open_service: JournalService
) -> None:
    loaded(editor, open_service, "walks", "family")
    button = editor.tags.chips()[0].remove_button
    assert button.accessibleName() == "Remove walks" and button.toolTip()
    button.click()
    assert chip_names(editor) == ["family, tag"]
    assert editor.dirty


def test_tab_from_the_text_turns_no_words_into_a_tag(
    qtbot: Any, editor: EntryEditor, open_service: JournalService
) -> None:
    qtbot.waitActive(editor)
    editor.body.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.body)
    qtbot.keyClicks(editor.body, "A slow morning")
    qtbot.keyClick(editor.body, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.tags
    assert editor.tags.text() == "" and editor.tags.chips() == []
    assert editor.body.toPlainText() == "A slow morning"
    qtbot.keyClicks(editor.tags, "slow")
    qtbot.keyClick(editor.tags, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.date
    assert chip_names(editor) == ["slow, tag"], "what was typed in the field is its tag"
    assert editor.flush()
    assert open_service.get(editor.entry_id).tags == ("slow",)


def test_the_field_is_wide_enough_for_its_placeholder(qtbot: Any, open_service) -> None:
    editor = make_editor(open_service, qtbot)
    tags = editor.tags
    text = QFontMetricsF(tags.font()).horizontalAdvance(tags.placeholderText())
    assert tags.minimumSizeHint().width() >= text
    for width in (1600, 900, 560, 420):
        editor.resize(width, 600)
        qtbot.waitUntil(lambda width=width: editor.footer.width() == width)
        qtbot.waitUntil(lambda: tags.width() >= text)


def test_many_tags_leave_room_to_type(
    qtbot: Any, editor: EntryEditor, open_service: JournalService
) -> None:
    names = [f"tag number {n}" for n in range(12)]
    loaded(editor, open_service, *names)
    tags = editor.tags
    shown = [chip for chip in tags.chips() if chip.isVisibleTo(tags)]
    assert shown and len(shown) < len(names)
    assert shown[-1].accessibleName() == "tag number 11, tag", "the newest stay in sight"
    assert tags.width() - tags.textMargins().left() >= 60
    more = tags.findChild(type(tags.chips()[0].label), "tagsMore")
    assert more is not None and more.isVisibleTo(tags)
    assert more.accessibleName().startswith(f"{len(names) - len(shown)} more tags")


def test_read_only_tags_cannot_be_removed(
    qtbot: Any, editor: EntryEditor, open_service: JournalService
) -> None:
    entry = open_service.add("Kept.", tags=["walks"])
    editor.set_read_only(True, "In the trash.")
    editor.load(entry)
    assert not editor.tags.chips()[0].remove_button.isVisibleTo(editor)
    editor.tags.setFocus()
    qtbot.keyClick(editor.tags, Qt.Key.Key_Backspace)
    assert chip_names(editor) == ["walks, tag"]
