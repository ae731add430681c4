"""Support is one click (or F1) away on every screen, and shows only checked lines."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from journal_app.ui.common.clipboard import KDE_SECRET_HINT
from journal_app.ui.support.support import ResourceCard, SupportDialog, emergency_sentence
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
    checked = {"2026-11-21", "2026-12-03"}  # RESOURCES.md's two dates
    assert all(card.resource.checked.isoformat() in checked for card in dialog.cards())
    text = _texts(dialog)
    assert "741741" not in text  # Crisis Text Line: not verified
    assert "Pieta" not in text


def test_the_system_country_is_chosen_by_default(qtbot, monkeypatch):
    monkeypatch.setattr(
        "journal_app.ui.support.support.system_country",
        lambda: QLocale.territoryToCode(QLocale.Country.Australia),
    )
    dialog = SupportDialog()
    qtbot.addWidget(dialog)
    assert dialog.country == "AU"
    assert "Call 13 11 14" in _texts(dialog)


def test_unknown_country_falls_back_to_directories(qtbot, monkeypatch):
    monkeypatch.setattr("journal_app.ui.support.support.system_country", lambda: "ZZ")
    dialog = SupportDialog()
    qtbot.addWidget(dialog)
    assert dialog.country == ""
    assert [c.resource.kind for c in dialog.cards()] == ["directory", "directory"]


# ------------------------------------------------------- every screen, headings, copying


def test_f1_opens_support_from_every_page_without_unlocking(qtbot, make_window, existing_journal):
    window = make_window(existing_journal.path)
    pages = [
        window.welcome_page,
        window.create_page,
        window.unlock_page,
        window.recovery_unlock_page,
        window.new_passphrase_page,
        window.recovery_code_page,
    ]
    for page in pages:
        window.show_page(page)
        if window.support_dialog is not None:
            window.support_dialog.close()
        QTest.keyClick(window, Qt.Key.Key_F1)
        assert window.support_dialog is not None and window.support_dialog.isVisible(), page
        assert not window.service.is_unlocked
    assert "If you are in danger now" in window.support_dialog.emergency_label.text()


def test_headings_follow_the_six_kinds(qtbot):
    dialog = SupportDialog(country="GB")
    qtbot.addWidget(dialog)
    headings = [
        w.text()
        for w in dialog.lines.findChildren(QLabel)
        if w.property("role") == "subheading" and not isinstance(w.parent(), ResourceCard)
    ]
    assert headings == [
        "Talk to someone now",
        "Text",
        "Information",
        "Living with pain",
        "Find a helpline",
    ]
    assert dialog.emergency.accessibleName() == "In danger now"
    dialog.set_country("HK")
    headings = [
        w.text()
        for w in dialog.lines.findChildren(QLabel)
        if w.property("role") == "subheading" and not isinstance(w.parent(), ResourceCard)
    ]
    assert headings == ["Talk to someone now", "Find a helpline"]


def test_choosing_a_country_with_the_selector(qtbot):
    dialog = SupportDialog(country="GB")
    qtbot.addWidget(dialog)
    box = dialog.country_box
    box.setCurrentIndex(box.findText("Canada"))
    assert dialog.country == "CA"
    assert dialog.emergency_label.text() == "If you are in danger now, call 911."
    text = _texts(dialog)
    assert "Call 9-8-8" in text and "Text 9-8-8" in text and "English or French" in text
    assert "Samaritans" not in text
    box.setCurrentIndex(box.findData(""))
    assert [c.resource.id for c in dialog.cards()] == ["find-a-helpline", "befrienders-worldwide"]
    assert "no checked numbers for this place yet" in _texts(dialog)
    # Every country in the catalogue is offered, and any EU country has 112.
    assert box.findData("TW") >= 0 and box.findData("DE") >= 0
    dialog.set_country("DE")
    assert dialog.emergency_label.text() == "If you are in danger now, call 112."


def test_a_place_with_only_an_emergency_number_shows_it_beside_the_local_one(qtbot):
    dialog = SupportDialog(country="GB")
    qtbot.addWidget(dialog)
    box = dialog.country_box
    box.setCurrentIndex(box.findText(QLocale.territoryToString(QLocale.Country.SouthAfrica)))
    assert dialog.country == "ZA"
    assert dialog.emergency_label.text() == (
        "If you are in danger now, call 112 or your local emergency number."
    )
    assert [c.resource.id for c in dialog.cards()] == ["find-a-helpline", "befrienders-worldwide"]
    dialog.set_country("JP")
    assert dialog.emergency_label.text() == (
        "If you are in danger now, call 119 (ambulance) or your local emergency number."
    )
    assert "0120-279-338" in _texts(dialog)


@pytest.mark.parametrize(
    ("country", "word"), [("GB", "your GP"), ("CA", "your family doctor"), ("FR", "your doctor")]
)
def test_the_word_for_a_doctor_is_the_one_used_there(qtbot, country, word):
    dialog = SupportDialog(country=country)
    qtbot.addWidget(dialog)
    assert dialog.gp_label.text().startswith(f"For treatment and care, {word} or clinician")
    assert dialog.gp_label.isVisibleTo(dialog)


def test_copy_puts_the_number_on_the_clipboard_and_says_so_quietly(qtbot):
    dialog = SupportDialog(country="GB")
    qtbot.addWidget(dialog)
    clipboard = QGuiApplication.clipboard()
    samaritans = next(card for card in dialog.cards() if card.resource.id == "samaritans-gb")
    copy = samaritans.copy_buttons[0]
    assert copy.text() == "Copy" and copy.accessibleName() and copy.toolTip()
    width = copy.width()
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert clipboard.text() == "116 123"
    assert copy.text() == "Copied" and copy.width() == width
    qtbot.waitUntil(lambda: copy.text() == "Copy", timeout=5_000)
    shout = next(card for card in dialog.cards() if card.resource.id == "shout-gb")
    shout.copy_buttons[0].click()
    assert clipboard.text() == "85258"  # from "Text SHOUT to 85258": the number to text
    email = samaritans.copy_buttons[1]
    email.click()
    assert clipboard.text() == "jo@samaritans.org"
    # Helplines are public: no secret hint, nothing cleared later.
    assert not clipboard.mimeData().hasFormat(KDE_SECRET_HINT)


def test_every_number_has_a_copy_button_beside_it(qtbot):
    for country in ("GB", "IE", "US", "CA", "AU", "NZ", "CN", "HK", "TW"):
        dialog = SupportDialog(country=country)
        qtbot.addWidget(dialog)
        for card in dialog.cards():
            resource = card.resource
            expected = [v for v in (resource.phone, resource.text_number, resource.email) if v]
            assert [b.value for b in card.copy_buttons] == expected, resource.id
            numbers = [w for w in card.findChildren(QLabel) if w.property("role") == "number"]
            assert len(numbers) == len([v for v in (resource.phone, resource.text) if v])
            assert card.findChildren(QLabel, options=Qt.FindChildOption.FindChildrenRecursively)
            assert any(
                w.text() == f"Checked on {resource.checked.isoformat()}"
                for w in card.findChildren(QLabel)
            )


def test_a_directory_link_asks_the_desktop_to_open_it(qtbot, opened_urls):
    dialog = SupportDialog(country="")
    qtbot.addWidget(dialog)
    card = next(c for c in dialog.cards() if c.resource.id == "find-a-helpline")
    assert opened_urls == []
    qtbot.mouseClick(card.link_button, Qt.MouseButton.LeftButton)
    assert opened_urls == ["https://findahelpline.com"]


def test_support_never_needs_the_network(qtbot, monkeypatch):
    """Building Support for every country touches no socket."""
    import socket

    def refuse(*_args, **_kwargs):
        raise AssertionError("Support tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    dialog = SupportDialog(country="GB")
    qtbot.addWidget(dialog)
    for index in range(dialog.country_box.count()):
        dialog.country_box.setCurrentIndex(index)
    assert dialog.cards()
