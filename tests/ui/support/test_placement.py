"""Support, My people, My plan and Settings fit the screen and open centred on the
window that opened them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QScreen

from journal_app.ui.common.placement import FRAME, placed
from tests.ui.conftest import PASSPHRASE
from tests.ui.helpers import WAIT_MS, unlock_through_ui

LAPTOP = QRect(0, 0, 1366, 768 - 40)  # a 1366x768 screen less a 40-pixel panel
SMALLEST = QRect(0, 0, 800, 600)


@pytest.mark.parametrize("preferred", [QSize(640, 780), QSize(780, 820), QSize(780, 600)])
@pytest.mark.parametrize("screen", [LAPTOP, SMALLEST])
def test_a_dialog_never_opens_bigger_than_the_screen(preferred, screen) -> None:
    window = QRect(133, 4, 1100, 720) if screen is LAPTOP else QRect(0, 0, 800, 600)
    frame = placed(preferred, screen, window)
    assert screen.contains(frame)
    wanted = QSize(preferred.width() + FRAME.width(), preferred.height() + FRAME.height())
    assert frame.width() == min(wanted.width(), screen.width())
    assert frame.height() == min(wanted.height(), screen.height())


def test_a_dialog_opens_centred_on_its_window() -> None:
    window = QRect(300, 100, 900, 600)
    frame = placed(QSize(500, 400), LAPTOP, window)
    assert frame.center() == window.center()
    alone = placed(QSize(500, 400), LAPTOP, None)
    assert alone.center() == LAPTOP.center()


def test_near_the_edge_it_stays_whole() -> None:
    window = QRect(1000, 400, 300, 300)
    frame = placed(QSize(640, 600), LAPTOP, window)
    assert LAPTOP.contains(frame)


@pytest.mark.parametrize("laptop", [False, True], ids=["this-screen", "1366x768"])
def test_the_dialogs_open_over_the_window(
    qtbot, make_window, existing_journal, monkeypatch, laptop
) -> None:
    if laptop:
        monkeypatch.setattr(QScreen, "availableGeometry", lambda screen: QRect(LAPTOP))
    window = make_window(existing_journal.path)
    window.resize(700, 500)
    window.move(60, 40)
    if laptop:
        window.setGeometry(133, 30, 1100, 680)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    available = window.screen().availableGeometry()
    for opener, shown in (
        (window.show_support, lambda: window.support_dialog),
        (window.show_people, lambda: window.people_dialog),
        (window.show_plan, lambda: window.plan_dialog),
        (window.open_settings, lambda: window.settings_dialog),
    ):
        opener()
        dialog = shown()
        assert dialog is not None
        qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
        assert available.contains(dialog.frameGeometry()), dialog.windowTitle()
        assert dialog.height() <= available.height() - FRAME.height()
        centre, over = dialog.frameGeometry().center(), window.frameGeometry().center()
        # Within half the allowance for a frame, unknown until the window manager draws it.
        slack = FRAME / 2 + QSize(1, 1)
        # Centred where the screen leaves room to be; else as near as it can be.
        room = available.size() - (dialog.size() + FRAME)
        if room.height() >= 2 * abs(over.y() - available.center().y()):
            assert abs(centre.y() - over.y()) <= slack.height(), dialog.windowTitle()
        if room.width() >= 2 * abs(over.x() - available.center().x()):
            assert abs(centre.x() - over.x()) <= slack.width(), dialog.windowTitle()
        dialog.close()
