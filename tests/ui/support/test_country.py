"""One "country or region" setting: chosen at first run, changed in Support or Settings,
kept across restarts, and used by Support, My plan and the plan's printed and saved copies.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox

from journal_app.journal.personal import Plan
from journal_app.ui.common.preferences import AppSettings
from journal_app.ui.window.main_window import MainWindow
from tests.ui.conftest import PASSPHRASE
from tests.ui.helpers import WAIT_MS, create_through_ui, unlock_through_ui

Country = QLocale.Country


@pytest.fixture
def system_locale() -> Iterator[object]:
    """Set the system's locale for one test (``set(territory)``), then put it back."""
    before = QLocale()

    def set_to(
        territory: QLocale.Country, language: QLocale.Language = QLocale.Language.English
    ) -> None:
        QLocale.setDefault(QLocale(language, territory))

    yield set_to
    QLocale.setDefault(before)


def choose_with_keys(qtbot, box: QComboBox, code: str) -> None:
    """Pick a place the way a person does without a mouse: focus, then arrow keys."""
    target = box.findData(code)
    assert target >= 0, code
    box.setFocus()
    qtbot.waitUntil(box.hasFocus, timeout=WAIT_MS)
    while box.currentIndex() != target:
        key = Qt.Key.Key_Down if box.currentIndex() < target else Qt.Key.Key_Up
        QTest.keyClick(box, key)


def press_in_window(qtbot, window: MainWindow, keys: str) -> None:
    """A shortcut of the main window, pressed once it has the focus back."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    QTest.keySequence(window, QKeySequence(keys))


def open_support(qtbot, window: MainWindow):
    press_in_window(qtbot, window, "F1")
    qtbot.waitUntil(
        lambda: window.support_dialog is not None and window.support_dialog.isVisible(),
        timeout=WAIT_MS,
    )
    return window.support_dialog


def restart(qtbot, window: MainWindow, path: Path, kdf) -> MainWindow:
    """Close Tend and start it again: a new window over the settings file on disk."""
    window.close()
    again = MainWindow(AppSettings(), vault_path=path, kdf=kdf, watch_session_lock=False)
    qtbot.addWidget(again)
    with qtbot.waitActive(again):
        again.show()
        again.activateWindow()
    qtbot.waitUntil(lambda: not again.opening_vault, timeout=WAIT_MS)
    return again


def test_the_country_chosen_in_support_is_kept_across_a_restart(
    qtbot, make_window, existing_journal, system_locale, kdf
):
    system_locale(Country.UnitedStates)
    window = make_window(existing_journal.path)
    support = open_support(qtbot, window)
    assert support.country == "US"
    assert support.emergency_label.text() == "If you are in danger now, call 911."

    choose_with_keys(qtbot, support.country_box, "GB")
    assert support.country == "GB"
    assert "call 999" in support.emergency_label.text()

    window = restart(qtbot, window, existing_journal.path, kdf)
    support = open_support(qtbot, window)
    assert support.country == "GB"
    assert support.country_box.currentText() == "United Kingdom"
    assert "call 999" in support.emergency_label.text()
    assert "Samaritans" in [card.resource.name for card in support.cards()]


def test_the_plan_printed_and_saved_shows_the_chosen_country_not_the_systems(
    qtbot, make_window, existing_journal, system_locale, file_dialogs, message_boxes, tmp_path
):
    system_locale(Country.UnitedStates)
    window = make_window(existing_journal.path)
    support = open_support(qtbot, window)
    choose_with_keys(qtbot, support.country_box, "GB")
    QTest.keyClick(support, Qt.Key.Key_Escape)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    window.service.save_plan(Plan({"people": "Maya, any evening"}))

    press_in_window(qtbot, window, "Ctrl+Shift+M")
    qtbot.waitUntil(lambda: window.plan_dialog is not None, timeout=WAIT_MS)
    plan = window.plan_dialog
    printed = plan.document().toPlainText()  # what Print… and the PDF copy lay out
    assert "Maya, any evening" in printed
    assert "If you are in danger now, call 999." in printed
    assert "911" not in printed
    assert "Samaritans, 116 123" in printed

    saved = tmp_path / "My plan.md"
    message_boxes.answers.append(QMessageBox.StandardButton.Save)
    file_dialogs.answers.append(str(saved))
    QTest.keyClick(plan.export_button, Qt.Key.Key_Space)
    text = saved.read_text(encoding="utf-8")
    assert "call 999" in text and "911" not in text
    assert plan.pdf_bytes().startswith(b"%PDF")  # A4 for the UK, made without errors
    assert plan.page_size().id().name == "A4"


def test_first_run_offers_the_choice_with_the_locale_default(
    qtbot, make_window, system_locale, app_settings
):
    system_locale(Country.Australia)
    window = make_window()
    page = window.welcome_page
    assert window.current_page() is page
    box = page.country_box
    assert box.isVisibleTo(window)
    assert box.currentData() == "AU" and box.currentText() == "Australia"
    assert box.accessibleName() == "Country or region" and box.toolTip()
    assert box.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert not app_settings.country_chosen  # shown, not yet chosen

    # Tab goes from Support to the country, then to "Open an existing journal".
    page.support_button.setFocus()
    for expected in (box, page.open_button):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected

    choose_with_keys(qtbot, box, "NZ")
    assert app_settings.country == "NZ" and app_settings.country_chosen
    QTest.keyClick(page.support_button, Qt.Key.Key_Space)
    assert window.support_dialog is not None and window.support_dialog.country == "NZ"
    QTest.keyClick(window.support_dialog, Qt.Key.Key_Escape)

    create_through_ui(qtbot, window, PASSPHRASE)
    assert app_settings.country == "NZ"


def test_beginning_keeps_the_place_shown(qtbot, make_window, system_locale, app_settings):
    system_locale(Country.Ireland)
    window = make_window()
    QTest.keyClick(window.welcome_page.begin_button, Qt.Key.Key_Space)
    assert window.current_page() is window.create_page
    assert app_settings.country_chosen and app_settings.country == "IE"
    system_locale(Country.UnitedStates)  # a later change of the system's locale
    assert app_settings.country == "IE"  # does not move the person's choice


def test_a_place_without_lines_is_offered_as_another_country(
    qtbot, make_window, system_locale, app_settings
):
    system_locale(Country.Iceland, QLocale.Language.Icelandic)
    window = make_window()
    assert window.welcome_page.country() == ""
    assert window.welcome_page.country_box.currentText() == "Another country or region"


def test_settings_changes_it_and_support_follows(
    qtbot, make_window, existing_journal, system_locale, app_settings
):
    system_locale(Country.UnitedKingdom)
    window = make_window(existing_journal.path)
    support = open_support(qtbot, window)
    assert support.country == "GB"

    press_in_window(qtbot, window, "Ctrl+,")
    qtbot.waitUntil(
        lambda: window.settings_dialog is not None and window.settings_dialog.isVisible(),
        timeout=WAIT_MS,
    )
    dialog = window.settings_dialog
    dialog.show_page(dialog.country)
    assert dialog.country.box.currentData() == "GB"
    assert dialog.country.box.accessibleName() == "Country or region"
    choose_with_keys(qtbot, dialog.country.box, "IE")
    assert app_settings.country == "IE"  # kept as chosen; Support follows a moment later
    qtbot.waitUntil(lambda: support.country == "IE", timeout=WAIT_MS)
    QTest.keyClick(dialog.close_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)

    assert app_settings.country == "IE"
    assert support.country == "IE"
    assert support.emergency_label.text() == "If you are in danger now, call 112 or 999."
    assert AppSettings().country == "IE"  # on disk, for the next start


def test_settings_does_not_undo_a_choice_made_in_support_meanwhile(
    qtbot, make_window, existing_journal, system_locale, app_settings
):
    system_locale(Country.UnitedKingdom)
    window = make_window(existing_journal.path)
    press_in_window(qtbot, window, "Ctrl+,")
    qtbot.waitUntil(lambda: window.settings_dialog is not None, timeout=WAIT_MS)
    dialog = window.settings_dialog
    window.choose_country("CA")  # as Support does when the person picks Canada
    dialog.appearance.changed.emit()  # Settings' country page was not touched: Canada stays
    dialog.reject()
    assert app_settings.country == "CA"


def test_the_setting_round_trips_and_refuses_what_is_not_a_code(
    app_settings, system_locale, ui_isolation
):
    system_locale(Country.Japan, QLocale.Language.Japanese)
    assert app_settings.country == "JP" and not app_settings.country_chosen
    app_settings.country = "gb"
    assert app_settings.country == "GB"
    app_settings.country = ""  # another country or region: a choice too
    app_settings.sync()
    assert AppSettings().country == "" and AppSettings().country_chosen
    for bad in ("Britain", "G", "12"):
        with pytest.raises(ValueError):
            app_settings.country = bad
    app_settings._s.setValue(AppSettings.COUNTRY, "not a code")
    assert app_settings.country == "JP"
    text = Path(app_settings.file_name).read_text(encoding="utf-8")
    assert "country" in text
