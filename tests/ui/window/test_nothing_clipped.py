"""From the window's minimum size up, no page cuts a word short."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize

from journal_app.ui.settings.dialog import SettingsDialog
from tests.ui.clipping import clipped
from tests.ui.conftest import PASSPHRASE
from tests.ui.helpers import WAIT_MS, unlock_through_ui

SIZES = [None, QSize(800, 600)]  # None: the window's own minimum


def _sized(window, size) -> None:
    window.resize(size or window.minimumSize())


@pytest.mark.parametrize("size", SIZES, ids=["minimum", "800x600"])
def test_first_run_pages(qtbot, make_window, size) -> None:
    window = make_window()
    _sized(window, size)
    qtbot.wait(50)
    assert clipped(window) == [], "welcome"
    window.welcome_page.begin_button.click()
    qtbot.wait(50)
    assert clipped(window) == [], "create"


@pytest.mark.parametrize("size", SIZES, ids=["minimum", "800x600"])
def test_unlock_and_journal(qtbot, make_window, existing_journal, size) -> None:
    window = make_window(existing_journal.path)
    _sized(window, size)
    qtbot.wait(50)
    assert clipped(window) == [], "unlock"
    unlock_through_ui(qtbot, window, PASSPHRASE)
    qtbot.wait(50)
    assert clipped(window) == [], "journal"
    for opener, shown in (
        (window.show_support, lambda: window.support_dialog),
        (window.show_people, lambda: window.people_dialog),
        (window.show_plan, lambda: window.plan_dialog),
        (window.open_settings, lambda: window.settings_dialog),
    ):
        opener()
        dialog = shown()
        qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
        qtbot.wait(50)
        assert clipped(dialog) == [], dialog.windowTitle()
        for page in dialog.pages if isinstance(dialog, SettingsDialog) else []:
            dialog.show_page(page)
            qtbot.wait(20)
            assert clipped(dialog) == [], page.title
        dialog.close()
