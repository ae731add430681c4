"""My plan in the shape clinicians use, on the real widgets: people picked from My
people, the country's lines one click away, and one printed page."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from journal_app.journal.personal import Person, Plan, load_template
from journal_app.ui.support import plan_copy
from journal_app.ui.support.plan_parts import NO_PEOPLE, HelpLinesBox
from tests.ui.helpers import WAIT_MS
from tests.ui.support.test_personal import _open_window, _plan_dialog
from tests.ui.test_words_and_access import _check_words

# A plan as a person might fill it: every part, a few lines each, three people picked.
SAMPLE = {
    "signs": "Sleeping badly for a few nights\nWanting to be on my own\nBeing very hard on myself",
    "calmer": "Slow breathing: in for four, out for six\nA warm drink, held in both hands\n"
    "Music that settles me\nA shower",
    "places": "A walk by the river\nThe library on Saturdays\nBaking bread",
    "people": "Maya, for a film night\nMy cousin Sam, a walk and a chat",
    "helpers": "Text first if calling feels too much",
    "professionals": "Dr Shah at the surgery\nMy counsellor, Tuesdays",
    "space": "Ask my sister to come over\nStay in the living room with the lights on",
    "matters": "My sister and my nephew\nThe dog\nFinishing my course\n"
    "Seeing the sea again in the summer",
}
PEOPLE = [
    Person("maya", "Maya", "friend", "07700 900 123"),
    Person("shah", "Dr Shah", "gp", "01632 960 001"),
    Person("sam", "Sam", "family", "07700 900 456"),
]


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


@pytest.mark.parametrize("country", ["GB", "US", "JP", ""])
def test_a_filled_plan_prints_on_one_page_with_the_emergency_number(qtbot, country):
    plan = Plan(SAMPLE, ("maya", "shah", "sam"))
    document = plan_copy.plan_document(plan, load_template(), country, PEOPLE)
    text = document.toPlainText()
    assert "Sam (Family): 07700 900 456" in text
    expected = {"GB": "call 999.", "US": "call 911.", "JP": "call 119 (ambulance) or your local"}
    assert ("If you are in danger now, " + expected.get(country, "call your local")) in text
    pdf = plan_copy.pdf_bytes(document, plan_copy.page_size(country))
    assert _pages(pdf) == 1


def test_one_page_is_checked_for_real():
    """The page count above is read from the PDF: a long plan does take two."""
    plan = Plan({key: text * 4 for key, text in SAMPLE.items()})
    document = plan_copy.plan_document(plan, load_template(), "GB", [])
    assert _pages(plan_copy.pdf_bytes(document, plan_copy.page_size("GB"))) == 2


def test_people_to_ask_are_picked_from_my_people_and_follow_their_edits(
    qtbot, make_window, existing_journal
):
    window = _open_window(qtbot, make_window, existing_journal)
    maya = window.service.save_person(Person.new(name="Maya", reach="07700 900 123"))
    dialog = _plan_dialog(window)
    chooser = dialog.chooser
    assert chooser is not None and not chooser.empty.isVisibleTo(dialog)
    box = chooser.boxes[0]
    assert box.isVisibleTo(dialog) and box.text() == "Maya (Friend): 07700 900 123"
    assert box.accessibleName() == "Ask for help: Maya (Friend): 07700 900 123"
    assert box.toolTip()

    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Space)  # the keyboard ticks, as a click does
    assert box.isChecked()
    qtbot.waitUntil(lambda: window.service.plan().people == (maya.id,), timeout=WAIT_MS)
    assert chooser.boxes[0] is box and box.hasFocus()  # saving the plan rebuilt nothing

    # A new number in My people shows in the plan and on paper: typed once.
    window.service.save_person(Person(maya.id, "Maya R.", "friend", "07700 900 999"))
    assert chooser.boxes[0].text() == "Maya R. (Friend): 07700 900 999"
    assert chooser.boxes[0].isChecked()
    assert "Maya R. (Friend): 07700 900 999" in dialog.document().toPlainText()
    assert "Maya R. (Friend): 07700 900 999" in dialog.markdown()

    # Tab goes through the people, then to the box for the person's own words.
    shah = window.service.save_person(Person.new(name="Dr Shah", relationship="gp"))
    first, second = chooser.boxes
    assert second.text() == "Dr Shah (GP or doctor)"
    first.setFocus()
    QTest.keyClick(first, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is second
    QTest.keyClick(second, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.editors["helpers"].edit
    first.setFocus()
    QTest.keyClick(first, Qt.Key.Key_Backtab)
    assert dialog.focusWidget() is dialog.editors["people"].chips[-1]
    assert shah.id not in chooser.picked()

    window.lock()
    assert chooser.boxes == [] and chooser.picked() == ()


def test_with_no_one_in_my_people_the_chooser_says_where_to_add_them(
    qtbot, make_window, existing_journal
):
    window = _open_window(qtbot, make_window, existing_journal)
    dialog = _plan_dialog(window)
    assert dialog.chooser.empty.isVisibleTo(dialog)
    assert dialog.chooser.empty.text() == NO_PEOPLE
    assert dialog.chooser.boxes == []


def test_the_countrys_lines_are_one_click_away(qtbot, make_window, existing_journal, app_settings):
    app_settings.country = "CA"
    window = _open_window(qtbot, make_window, existing_journal)
    dialog = _plan_dialog(window)
    lines = dialog.help_lines
    assert lines is not None and lines.isVisibleTo(dialog)
    assert "9-8-8 Suicide Crisis Helpline: 9-8-8" in lines.lines.text()
    assert lines.support.text() == "Help lines for Canada…"
    professionals = dialog.editors["professionals"]
    assert professionals.description.text().startswith("For treatment and care, your family doctor")
    with qtbot.waitSignal(dialog.support_requested, timeout=WAIT_MS):
        lines.support.setFocus()
        QTest.keyClick(lines.support, Qt.Key.Key_Return)  # Enter presses the focused button
    qtbot.waitUntil(lambda: window.support_dialog is not None, timeout=WAIT_MS)
    assert window.support_dialog.country == "CA"


def test_help_lines_for_a_place_without_a_line(qtbot):
    box = HelpLinesBox()
    qtbot.addWidget(box)
    box.set_country("ZA")
    assert "emergency number" in box.lines.text()
    box.set_country("GB")
    assert "Samaritans: 116 123" in box.lines.text()
    _check_words([box.lines.text(), box.support.text(), box.support.toolTip()])


def test_making_a_space_safer_offers_no_ideas(qtbot, make_window, existing_journal):
    window = _open_window(qtbot, make_window, existing_journal)
    dialog = _plan_dialog(window)
    assert dialog.editors["space"].chips == []
    assert dialog.editors["signs"].chips  # other parts keep their ideas
