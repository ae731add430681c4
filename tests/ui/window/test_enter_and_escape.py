"""Keyboard first: Enter presses the focused button on every page and in every
dialog, Escape closes dialogs, and focus goes back where it was when one closes."""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from pytestqt.exceptions import TimeoutError

from tests.ui.conftest import PASSPHRASE
from tests.ui.helpers import WAIT_MS, create_through_ui, unlock_through_ui

PRESS_MS = 1_000


def presses_on_enter(qtbot: Any, button: QPushButton, key: Qt.Key = Qt.Key.Key_Return) -> bool:
    """Focus ``button`` and press Enter: True if it was pressed (its click undone by
    nothing, so only buttons whose press is harmless are given)."""
    button.setFocus()
    qtbot.waitUntil(button.hasFocus, timeout=WAIT_MS)
    pressed: list[bool] = []
    button.clicked.connect(lambda *_: pressed.append(True))
    QTest.keyClick(button, key)
    with contextlib.suppress(TimeoutError):  # pressed as if clicked: it shows, briefly
        qtbot.waitUntil(lambda: bool(pressed), timeout=PRESS_MS)
    return bool(pressed)


def test_enter_presses_begin_on_the_welcome_page(qtbot, make_window) -> None:
    window = make_window()
    assert window.current_page() is window.welcome_page
    assert presses_on_enter(qtbot, window.welcome_page.begin_button)
    assert window.current_page() is window.create_page


def test_enter_presses_back_on_the_passphrase_page(qtbot, make_window) -> None:
    window = make_window()
    window.welcome_page.begin_button.click()
    assert presses_on_enter(qtbot, window.create_page.back_button, Qt.Key.Key_Enter)
    assert window.current_page() is window.welcome_page


def test_enter_presses_continue_under_the_recovery_code(qtbot, make_window) -> None:
    window = make_window()
    create_through_ui(qtbot, window, PASSPHRASE)
    widget = window.recovery_code_page.widget
    widget.kept.setChecked(True)
    assert presses_on_enter(qtbot, widget.continue_button)
    qtbot.waitUntil(lambda: window.current_page() is window.journal_page, timeout=WAIT_MS)


def test_enter_presses_the_unlock_pages_buttons(qtbot, make_window, existing_journal) -> None:
    window = make_window(existing_journal.path)
    assert presses_on_enter(qtbot, window.unlock_page.recovery_button)
    assert window.current_page() is window.recovery_unlock_page
    assert presses_on_enter(qtbot, window.recovery_unlock_page.back_button)
    assert window.current_page() is window.unlock_page


def test_enter_presses_add_a_person(qtbot, make_window, existing_journal) -> None:
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    window.show_people()
    people = window.people_dialog
    assert people is not None
    qtbot.waitUntil(people.isVisible, timeout=WAIT_MS)
    empty = people.empty_add_button  # no one yet: the button in the middle of the page
    assert presses_on_enter(qtbot, empty if empty.isVisible() else people.add_button)
    assert people.isVisible(), "Enter pressed Add a person, and did not close the dialog"


def test_enter_on_copy_copies_and_support_stays_open(qtbot, make_window) -> None:
    """Enter on a focused Copy used to press Support's default button, Close."""
    window = make_window()
    window.choose_country("GB")  # a country with numbers to copy
    window.show_support()
    support = window.support_dialog
    assert support is not None
    qtbot.waitUntil(support.isVisible, timeout=WAIT_MS)
    copy = next(button for card in support.cards() for button in card.copy_buttons)
    assert presses_on_enter(qtbot, copy)
    assert support.isVisible()


def test_escape_closes_dialogs_and_focus_returns(qtbot, make_window, existing_journal) -> None:
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    for opener, shown in (
        (window.show_support, lambda: window.support_dialog),
        (window.show_people, lambda: window.people_dialog),
        (window.show_plan, lambda: window.plan_dialog),
        (window.open_settings, lambda: window.settings_dialog),
    ):
        before = window.journal_view.search
        before.setFocus()
        qtbot.waitUntil(before.hasFocus, timeout=WAIT_MS)
        opener()
        dialog = shown()
        assert dialog is not None
        qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
        dialog.activateWindow()  # as the window manager does
        qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT_MS)
        assert not before.hasFocus()
        QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda d=dialog: not d.isVisible(), timeout=WAIT_MS)
        qtbot.waitUntil(before.hasFocus, timeout=WAIT_MS)
