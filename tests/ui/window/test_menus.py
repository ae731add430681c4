"""The menu bar people expect: File, Edit, Format, View and Help, and a list of every key."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from journal_app.ui.common.announce import ANNOUNCED
from journal_app.ui.common.theme import ThemeMode
from journal_app.ui.window.shortcuts_dialog import ShortcutsDialog, bar_menus, child_menus
from tests.ui.conftest import PASSPHRASE
from tests.ui.helpers import unlock_through_ui


def _mnemonic(text: str) -> str | None:
    """The letter after the single ampersand of a menu text, if any."""
    words = text.split("\t", 1)[0].replace("&&", "")
    index = words.find("&")
    return words[index + 1].casefold() if index != -1 and index + 1 < len(words) else None


def _check_mnemonics(menu: QMenu) -> None:
    seen: dict[str, str] = {}
    for action in menu.actions():
        if action.isSeparator():
            continue
        letter = _mnemonic(action.text())
        assert letter is not None, f"{action.text()!r} in {menu.title()!r} has no mnemonic"
        assert letter not in seen, f"{action.text()!r} and {seen[letter]!r} share {letter!r}"
        seen[letter] = action.text()
    for submenu in child_menus(menu):
        _check_mnemonics(submenu)


def test_the_menu_bar_has_the_five_menus_each_item_with_its_own_mnemonic(
    qtbot, make_window, existing_journal
):
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    menus = bar_menus(window.menuBar())
    assert [menu.title() for menu in menus] == ["&File", "&Edit", "F&ormat", "&View", "&Help"]
    letters = [_mnemonic(menu.title()) for menu in menus]
    assert len(set(letters)) == len(letters)
    for menu in menus:
        menu.aboutToShow.emit()  # Format fills itself from the editor
        _check_mnemonics(menu)
    file_texts = [action.text() for action in window.file_menu.actions()]
    for wanted in ("&New entry", "&Export…", "&Print…", "&Back up now…", "&Lock", "&Quit"):
        assert wanted in file_texts, wanted


def test_edit_commands_act_on_the_focused_field_and_only_when_they_can(
    qtbot, make_window, existing_journal
):
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    view = window.journal_view
    search = view.search
    search.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is search)
    QTest.keyClicks(search, "river")
    commands = window.edit_commands
    commands.update()
    assert not commands.actions["copy"].isEnabled(), "nothing is selected yet"
    commands.actions["selectAll"].trigger()
    assert search.selectedText() == "river"
    commands.update()
    assert commands.actions["copy"].isEnabled()
    commands.actions["copy"].trigger()
    assert QGuiApplication.clipboard().text() == "river"
    commands.actions["cut"].trigger()
    assert search.text() == ""
    commands.update()
    assert commands.actions["undo"].isEnabled()
    commands.actions["undo"].trigger()
    assert search.text() == "river"

    view.list.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.list)
    commands.update()
    assert not any(action.isEnabled() for action in commands.actions.values())


def test_a_passphrase_is_never_copied_from_the_edit_menu(qtbot, make_window, existing_journal):
    window = make_window(existing_journal.path)
    field = window.unlock_page.field
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    QTest.keyClicks(field, "secret words")
    field.selectAll()
    window.edit_commands.update()
    assert window.edit_commands.actions["paste"].isEnabled()
    assert not window.edit_commands.actions["copy"].isEnabled()
    assert not window.edit_commands.actions["cut"].isEnabled()


def test_format_bolds_the_selection_in_the_entry_and_is_grey_while_locked(
    qtbot, make_window, existing_journal
):
    window = make_window(existing_journal.path)
    assert not window.format_menu.menuAction().isEnabled()
    unlock_through_ui(qtbot, window, PASSPHRASE)
    assert window.format_menu.menuAction().isEnabled()
    window.new_entry_action.trigger()
    body = window.journal_view.editor.body
    QTest.keyClicks(body, "brave")
    body.selectAll()
    window.format_menu.aboutToShow.emit()
    bold = next(a for a in window.format_menu.actions() if a.objectName() == "format_boldAction")
    assert bold.isEnabled()
    assert bold.text().endswith("\t" + QKeySequence(QKeySequence.StandardKey.Bold).toString())
    bold.trigger()
    assert body.toPlainText() == "**brave**"
    window.lock()
    assert not window.format_menu.menuAction().isEnabled()


def test_the_list_can_be_hidden_is_remembered_and_comes_back_for_find(
    qtbot, make_window, existing_journal, app_settings
):
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    sidebar = window.journal_view.sidebar
    assert sidebar.isVisible()
    QTest.keyClick(window, Qt.Key.Key_F9)
    assert not sidebar.isVisible()
    assert not window.view_choices.list_action.isChecked()
    assert app_settings.list_shown is False
    window.close()  # one window per journal

    again = make_window(existing_journal.path)
    unlock_through_ui(qtbot, again, PASSPHRASE)
    assert not again.journal_view.sidebar.isVisible()
    assert not again.view_choices.list_action.isChecked()
    again.find_action.trigger()
    assert again.journal_view.sidebar.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is again.journal_view.search)
    assert app_settings.list_shown is True


def test_appearance_in_the_view_menu_is_the_setting_of_settings(
    qtbot, make_window, existing_journal, app_settings
):
    window = make_window(existing_journal.path)
    choices = window.view_choices
    assert choices.theme_actions[app_settings.theme].isChecked()
    choices.theme_actions[ThemeMode.DARK].trigger()
    assert app_settings.theme is ThemeMode.DARK
    assert QApplication.palette().window().color().lightness() < 100
    choices.theme_actions[ThemeMode.LIGHT].trigger()
    assert app_settings.theme is ThemeMode.LIGHT
    assert QApplication.palette().window().color().lightness() > 150
    # Settings changing it moves the tick too.
    app_settings.theme = ThemeMode.SYSTEM
    window.apply_settings()
    assert choices.theme_actions[ThemeMode.SYSTEM].isChecked()


def test_keyboard_shortcuts_lists_every_key_of_the_menus(qtbot, make_window, existing_journal):
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    QTest.keySequence(window, QKeySequence("Ctrl+/"))
    qtbot.waitUntil(lambda: window.shortcuts_dialog is not None)
    dialog = window.shortcuts_dialog
    assert isinstance(dialog, ShortcutsDialog)
    qtbot.waitUntil(dialog.isVisible)
    rows = {(what, keys) for _group, what, keys in dialog.rows()}
    native = QKeySequence.SequenceFormat.NativeText
    assert ("New entry", QKeySequence(QKeySequence.StandardKey.New).toString(native)) in rows
    assert ("Lock", "Ctrl+L") in rows
    assert ("Bold", QKeySequence(QKeySequence.StandardKey.Bold).toString(native)) in rows
    assert ("Keyboard shortcuts", "Ctrl+/") in rows
    shown_keys = {keys for _what, keys in rows}
    for menu in bar_menus(window.menuBar()):
        for action in menu.actions():
            for sequence in action.shortcuts():
                assert any(sequence.toString(native) in keys for keys in shown_keys), (
                    f"{action.text()} ({sequence.toString()}) is not listed"
                )
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_text_size_grows_to_twice_is_remembered_and_returns(
    qtbot, make_window, existing_journal, app_settings
):
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    app = QApplication.instance()
    usual = app.font().pointSizeF()
    editor_usual = window.journal_view.editor.body.font().pointSizeF()
    choices = window.view_choices
    assert not choices.usual_size_action.isEnabled()
    try:
        QTest.keySequence(window, QKeySequence("Ctrl+="))
        assert app_settings.text_zoom == 110
        assert app.font().pointSizeF() == pytest.approx(usual * 1.1)
        while choices.bigger_action.isEnabled():
            choices.bigger_action.trigger()
        assert app_settings.text_zoom == 200
        assert app.font().pointSizeF() == pytest.approx(usual * 2)
        assert window.journal_view.editor.body.font().pointSizeF() >= editor_usual * 1.9
        QTest.keySequence(window, QKeySequence("Ctrl+-"))
        assert app_settings.text_zoom == 175
    finally:
        QTest.keySequence(window, QKeySequence("Ctrl+0"))
    assert app_settings.text_zoom == 100
    assert app.font().pointSizeF() == pytest.approx(usual)


def test_status_messages_are_said_to_screen_readers(qtbot, make_window, existing_journal):
    window = make_window(existing_journal.path)
    status = window.statusBar()
    status.showMessage("Exported 2 entries.", 1000)
    assert status.property(ANNOUNCED) == "Exported 2 entries."
    status.clearMessage()  # nothing is said for a message going away
    assert status.property(ANNOUNCED) == "Exported 2 entries."
