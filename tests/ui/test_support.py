"""Support is one click (or F1) away on every screen, and shows only checked lines."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from journal_app.ui.support import SupportDialog, emergency_sentence
from tests.ui.conftest import PASSPHRASE
from tests.ui.helpers import create_through_ui, shown_texts, unlock_through_ui


def _texts(dialog: SupportDialog) -> str:
    return "\n".join(shown_texts(dialog))


def test_support_opens_from_the_welcome_page(qtbot, make_window):
    window = make_window()
    qtbot.mouseClick(window.welcome_page.support_button, Qt.MouseButton.LeftButton)
    assert window.support_dialog is not None and window.support_dialog.isVisible()
    assert "If you need to talk to someone now" in _texts(window.support_dialog)
    assert not window.service.is_unlocked


def test_support_opens_from_the_lock_screen_with_f1(qtbot, make_window, existing_journal):
    window = make_window(existing_journal.path)
    QTest.keyClick(window, Qt.Key.Key_F1)
    assert window.support_dialog is not None and window.support_dialog.isVisible()
    assert not window.service.is_unlocked


def test_support_opens_from_the_status_bar_on_every_page(qtbot, make_window, existing_journal):
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    assert window.support_button.isVisibleTo(window)
    qtbot.mouseClick(window.support_button, Qt.MouseButton.LeftButton)
    assert window.support_dialog.isVisible()
    window.support_dialog.close()
    window.support_action.trigger()
    assert window.support_dialog.isVisible()


def test_support_from_the_first_run_pages(qtbot, make_window):
    window = make_window()
    create_through_ui(qtbot, window, PASSPHRASE)
    assert window.support_button.isVisibleTo(window)
    window.support_button.click()
    assert window.support_dialog.isVisible()


def test_leads_with_the_emergency_number(qtbot):
    dialog = SupportDialog(country="GB")
    qtbot.addWidget(dialog)
    assert dialog.emergency_label.text() == "If you are in danger now, call 999."
    dialog.set_country("IE")
    assert dialog.emergency_label.text() == "If you are in danger now, call 112 or 999."
    dialog.set_country("CN")
    assert dialog.emergency_label.text() == "If you are in danger now, call 120 (ambulance)."
    dialog.set_country("")
    assert "your local emergency number" in dialog.emergency_label.text()
    assert emergency_sentence(None).endswith("your local emergency number.")


def test_uk_lines_are_shown_with_selectable_numbers_and_dates(qtbot, opened_urls):
    dialog = SupportDialog(country="GB")
    qtbot.addWidget(dialog)
    text = _texts(dialog)
    for expected in ("Samaritans", "Call 116 123", "Text SHOUT to 85258", "Call 0800 58 58 58"):
        assert expected in text
    assert "checked on 2026-11-21" in text.lower()
    assert "Find A Helpline" in text and "Befrienders Worldwide" in text
    assert "GP or clinician" in text
    numbers = [label for label in dialog.findChildren(QLabel) if label.property("role") == "number"]
    assert numbers
    for label in numbers:
        assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
        assert label.accessibleName()
    # Links open in the browser only when clicked.
    assert opened_urls == []
    samaritans = next(card for card in dialog.cards() if card.resource.id == "samaritans-gb")
    qtbot.mouseClick(samaritans.link_button, Qt.MouseButton.LeftButton)
    assert opened_urls == ["https://www.samaritans.org"]


@pytest.mark.parametrize("country", ["US", "AU", "HK", "FR", ""])
def test_every_country_ends_with_the_directories(qtbot, country):
    dialog = SupportDialog(country=country)
    qtbot.addWidget(dialog)
    ids = [card.resource.id for card in dialog.cards()]
    assert ids[-2:] == ["find-a-helpline", "befrienders-worldwide"]
    assert all(card.resource.checked.isoformat() == "2026-11-21" for card in dialog.cards())
    text = _texts(dialog)
    assert "741741" not in text  # Crisis Text Line: not verified
    assert "Pieta" not in text


def test_the_system_country_is_chosen_by_default(qtbot, monkeypatch):
    monkeypatch.setattr(
        "journal_app.ui.support.system_country",
        lambda: QLocale.territoryToCode(QLocale.Country.Australia),
    )
    dialog = SupportDialog()
    qtbot.addWidget(dialog)
    assert dialog.country == "AU"
    assert "Call 13 11 14" in _texts(dialog)


def test_unknown_country_falls_back_to_directories(qtbot, monkeypatch):
    monkeypatch.setattr("journal_app.ui.support.system_country", lambda: "ZZ")
    dialog = SupportDialog()
    qtbot.addWidget(dialog)
    assert dialog.country == ""
    assert [c.resource.kind for c in dialog.cards()] == ["directory", "directory"]
