"""Settings: each page loads and saves; the passphrase and recovery code change from here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from journal_app.ui.common.preferences import DEFAULT_AUTO_LOCK_MINUTES, AppSettings
from journal_app.ui.common.theme import DARK, LIGHT, ThemeMode, current_colors
from journal_app.ui.settings.dialog import SettingsDialog
from tests.ui.conftest import OTHER_PASSPHRASE, PASSPHRASE
from tests.ui.helpers import WAIT_MS, type_into, unlock_through_ui


def test_app_settings_defaults_and_round_trip(app_settings, tmp_path):
    assert app_settings.auto_lock_minutes == DEFAULT_AUTO_LOCK_MINUTES == 5
    assert app_settings.auto_lock_ms == 300_000
    assert app_settings.theme is ThemeMode.SYSTEM
    assert app_settings.vault_path is None
    app_settings.auto_lock_minutes = 15
    app_settings.theme = ThemeMode.DARK
    app_settings.editor_font_family = "DejaVu Serif"
    app_settings.editor_font_size = 99
    app_settings.vault_path = tmp_path / "elsewhere.tend"
    app_settings.sync()
    again = AppSettings()
    assert again.auto_lock_minutes == 15
    assert again.theme is ThemeMode.DARK
    assert again.editor_font_family == "DejaVu Serif"
    assert again.editor_font_size == 36  # kept within bounds
    assert again.vault_path == tmp_path / "elsewhere.tend"
    assert str(tmp_path) in again.file_name


def test_bad_values_fall_back_to_defaults(app_settings):
    raw = QSettings(app_settings.file_name, QSettings.Format.IniFormat)
    raw.setValue(AppSettings.AUTO_LOCK, "seven")
    raw.setValue(AppSettings.THEME, "purple")
    raw.setValue(AppSettings.EDITOR_FONT_SIZE, "huge")
    raw.sync()
    fresh = AppSettings()
    assert fresh.auto_lock_minutes == 5
    assert fresh.theme is ThemeMode.SYSTEM
    assert fresh.editor_font_size == 13


def test_dialog_pages_load_and_save(qtbot, app_settings, service):
    app_settings.auto_lock_minutes = 10
    app_settings.theme = ThemeMode.LIGHT
    app_settings.editor_font_size = 15
    dialog = SettingsDialog(app_settings, service)
    qtbot.addWidget(dialog)
    assert dialog.privacy.auto_lock.currentData() == 10
    assert dialog.appearance.selected_theme() is ThemeMode.LIGHT
    assert dialog.appearance.size_box.value() == 15
    texts = [button.text().replace("&", "") for button in dialog.buttons.buttons()]
    assert texts == ["Close"], "no OK, Cancel or Apply: changes are kept as made"

    with qtbot.waitSignal(dialog.applied):  # once, after the last of the changes
        with qtbot.waitSignal(dialog.privacy.changed):
            dialog.privacy.auto_lock.setCurrentIndex(dialog.privacy.auto_lock.findData(2))
        assert AppSettings().auto_lock_minutes == 2  # on disk at once
        with qtbot.waitSignal(dialog.appearance.changed):
            dialog.appearance.theme_buttons[ThemeMode.DARK].setChecked(True)
        dialog.appearance.size_box.setValue(18)

    stored = AppSettings()
    assert stored.auto_lock_minutes == 2
    assert stored.theme is ThemeMode.DARK
    assert stored.editor_font_size == 18

    # Going back is choosing the old value again; Escape closes and keeps it.
    dialog.show()
    dialog.privacy.auto_lock.setCurrentIndex(dialog.privacy.auto_lock.findData(60))
    with qtbot.waitSignal(dialog.applied):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert AppSettings().auto_lock_minutes == 60


def test_settings_reach_the_window(qtbot, make_window, existing_journal, app_settings):
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    calls = []
    window.journal_view.apply_editor_font = lambda family, size: calls.append((family, size))
    window.settings_action.trigger()
    dialog = window.settings_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.privacy.auto_lock.setCurrentIndex(dialog.privacy.auto_lock.findData(1))
    dialog.appearance.theme_buttons[ThemeMode.DARK].setChecked(True)
    dialog.appearance.size_box.setValue(20)
    qtbot.waitUntil(lambda: bool(calls) and calls[-1][1] == 20, timeout=WAIT_MS)  # no button
    assert dialog.isVisible()
    try:
        assert window.idle_watcher.timeout_ms == 60_000
        assert calls and calls[-1][1] == 20
        assert current_colors() is DARK
        assert QApplication.instance().palette().window().color().name() == DARK.window
    finally:
        app_settings.theme = ThemeMode.LIGHT
        window.apply_settings()
    assert current_colors() is LIGHT


def test_change_passphrase_from_settings(qtbot, make_window, existing_journal):
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    window.open_settings()
    dialog = window.settings_dialog
    page = dialog.passphrase
    dialog.show_page(page)
    assert page.current.isEnabled()

    # A wrong current passphrase changes nothing.
    type_into(qtbot, page.current, "not it at all")
    type_into(qtbot, page.fields.first, OTHER_PASSPHRASE)
    type_into(qtbot, page.fields.second, OTHER_PASSPHRASE)
    with qtbot.waitSignal(window.service.passphrase_change_failed, timeout=WAIT_MS):
        page.change_button.click()
    assert "not the current passphrase" in page.message.message.text()
    assert page.current.selectedText() == "not it at all"

    # The right one, and a weak new one: refused before any work.
    type_into(qtbot, page.current, PASSPHRASE)
    type_into(qtbot, page.fields.first, "12345678")
    type_into(qtbot, page.fields.second, "12345678")
    page.change_button.click()
    assert page.message.isVisible() and not window.service.busy

    type_into(qtbot, page.fields.first, OTHER_PASSPHRASE)
    type_into(qtbot, page.fields.second, OTHER_PASSPHRASE)
    with qtbot.waitSignal(window.service.passphrase_changed, timeout=WAIT_MS):
        qtbot.keyClick(page.fields.second, Qt.Key.Key_Return)
    assert "has been changed" in page.done_note.message.text()
    assert page.current.text() == "" and page.fields.first.text() == ""
    assert window.current_page() is window.journal_page  # the window stays where it was

    dialog.reject()
    window.lock()
    unlock_through_ui(qtbot, window, OTHER_PASSPHRASE)


def test_new_recovery_code_from_settings(qtbot, make_window, existing_journal, message_boxes):
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    window.open_settings()
    page = window.settings_dialog.passphrase
    assert "has a recovery code" in page.recovery_status.text()
    message_boxes.answers.append(QMessageBox.StandardButton.Yes)
    page.recovery_button.click()
    assert "replaces the old one" in message_boxes.calls[-1][2]
    shown = page.recovery_dialog
    assert shown is not None and shown.isVisible()
    code = shown.widget.code
    assert code and code != existing_journal.recovery_code

    # Escape asks first (the code cannot be shown again); "No" keeps it open.
    message_boxes.answers.append(QMessageBox.StandardButton.No)
    shown.reject()
    assert shown.isVisible()
    shown.widget.kept.setChecked(True)
    shown.widget.continue_button.click()
    assert not shown.isVisible()
    assert shown.widget.code == ""

    # The new code opens the journal; the old one no longer does.
    window.settings_dialog.reject()
    window.lock()
    window.unlock_page.recovery_button.click()
    page = window.recovery_unlock_page
    type_into(qtbot, page.field, existing_journal.recovery_code)
    with qtbot.waitSignal(window.service.unlock_failed, timeout=WAIT_MS):
        page.submit()
    qtbot.waitUntil(lambda: page.field.isEnabled())
    type_into(qtbot, page.field, code)
    with qtbot.waitSignal(window.service.unlocked, timeout=WAIT_MS):
        page.submit()
    assert window.current_page() is window.new_passphrase_page


def test_passphrase_page_is_quiet_while_locked(qtbot, app_settings, service):
    dialog = SettingsDialog(app_settings, service)
    qtbot.addWidget(dialog)
    page = dialog.passphrase
    assert not page.current.isEnabled()
    assert not page.recovery_button.isEnabled()
    assert not page.locked_note.isHidden()


def test_journal_file_page_switches_the_vault(
    qtbot, make_window, existing_journal, tmp_path, file_dialogs
):
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    window.open_settings()
    page = window.settings_dialog.journal_file
    assert page.path_label.text() == str(existing_journal.path)
    target = tmp_path / "second.tend"
    file_dialogs.answers.append(str(target))
    page.create_button.click()
    assert not window.settings_dialog.isVisible()
    assert window.service.vault_path == target
    assert window.current_page() is window.create_page
    assert not window.service.is_unlocked
    # The first journal was closed, so another window could open it now.
    from journal_app.vault import Vault

    Vault.open(existing_journal.path).close()


def test_settings_file_holds_no_content(qtbot, make_window, existing_journal, app_settings):
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    window.service.add("A private sentence about my week.", title="Private title", tags=["mine"])
    window.lock()
    window.close()
    app_settings.sync()
    stored = Path(app_settings.file_name).read_text(encoding="utf-8")
    for private in ("private sentence", "Private title", "mine", PASSPHRASE):
        assert private not in stored
    assert set(app_settings.keys()) <= {
        AppSettings.AUTO_LOCK,
        AppSettings.THEME,
        AppSettings.EDITOR_FONT_FAMILY,
        AppSettings.EDITOR_FONT_SIZE,
        AppSettings.VAULT_PATH,
        AppSettings.GEOMETRY,
    }
