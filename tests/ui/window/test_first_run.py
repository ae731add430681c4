"""First run, end to end: welcome, passphrase, recovery code, journal."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from journal_app.ui.services.journal_service import VaultState
from tests.ui.conftest import PASSPHRASE
from tests.ui.helpers import WAIT_MS, create_through_ui, type_into


def test_welcome_says_what_tend_is_and_offers_support(make_window):
    window = make_window()
    page = window.welcome_page
    assert window.current_page() is page
    assert window.windowTitle() == "Tend"
    assert not window.windowIcon().isNull()
    assert "encrypted" in page.privacy.text() and "Nothing is ever sent" in page.privacy.text()
    assert "not a crisis service" in page.not_crisis.text()
    assert page.support_button.isVisibleTo(window)
    assert window.support_button.isVisibleTo(window)


def test_first_run_end_to_end(qtbot, make_window, journal_path, message_boxes):
    window = make_window()
    qtbot.mouseClick(window.welcome_page.begin_button, Qt.MouseButton.LeftButton)
    page = window.create_page
    assert window.current_page() is page

    # Empty: refused with a kind explanation.
    page.submit()
    assert page.message.isVisible()
    assert "only you know" in page.message.message.text()

    # Very weak: refused, said kindly, nothing created.
    type_into(qtbot, page.fields.first, "password1")
    type_into(qtbot, page.fields.second, "password1")
    qtbot.keyClick(page.fields.second, Qt.Key.Key_Return)
    assert "Many people choose this one" in page.message.message.text()
    assert "Easy to guess" in page.fields.feedback.text()
    assert not journal_path.exists()
    assert window.current_page() is page

    # Different second time: said so.
    type_into(qtbot, page.fields.first, PASSPHRASE)
    type_into(qtbot, page.fields.second, PASSPHRASE + "x")
    page.submit()
    assert "not the same" in page.message.message.text()
    assert not journal_path.exists()

    # A good one: the journal is created off the GUI thread, with a busy bar.
    assert "Strong" in page.fields.feedback.text()
    type_into(qtbot, page.fields.second, PASSPHRASE)
    with qtbot.waitSignal(window.service.busy_changed, timeout=WAIT_MS) as busy:
        qtbot.keyClick(page.fields.second, Qt.Key.Key_Return)
    assert busy.args == [True]
    assert page.busy.isVisible()
    qtbot.waitUntil(lambda: window.current_page() is window.recovery_code_page, timeout=WAIT_MS)
    assert journal_path.exists()
    assert page.fields.first.text() == "" and page.fields.second.text() == ""

    code_widget = window.recovery_code_page.widget
    shown = code_widget.code_label.text()
    assert shown.replace("\n", "-") == code_widget.code
    assert len(code_widget.code.replace("-", "")) == 30
    assert not code_widget.continue_button.isEnabled()
    code_widget.kept.setChecked(True)
    assert code_widget.continue_button.isEnabled()
    qtbot.mouseClick(code_widget.continue_button, Qt.MouseButton.LeftButton)

    assert window.current_page() is window.journal_page
    assert window.service.state is VaultState.UNLOCKED
    assert code_widget.code == "" and code_widget.code_label.text() == ""
    assert window.new_entry_action.isEnabled() and window.lock_action.isEnabled()


def test_skipping_the_recovery_code_warns_plainly(qtbot, make_window, message_boxes):
    window = make_window()
    create_through_ui(qtbot, window, PASSPHRASE)
    widget = window.recovery_code_page.widget

    message_boxes.answers.append(QMessageBox.StandardButton.No)
    qtbot.mouseClick(widget.skip_button, Qt.MouseButton.LeftButton)
    assert window.current_page() is window.recovery_code_page  # "No": stays
    _kind, _title, text = message_boxes.calls[-1]
    assert "only your passphrase opens this journal" in text
    assert "Settings" in text

    message_boxes.answers.append(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(widget.skip_button, Qt.MouseButton.LeftButton)
    assert window.current_page() is window.journal_page


def test_an_existing_file_is_never_overwritten(qtbot, make_window, journal_path):
    window = make_window()
    qtbot.mouseClick(window.welcome_page.begin_button, Qt.MouseButton.LeftButton)
    journal_path.write_bytes(b"someone else's file")
    page = window.create_page
    type_into(qtbot, page.fields.first, PASSPHRASE)
    type_into(qtbot, page.fields.second, PASSPHRASE)
    with qtbot.waitSignal(window.service.create_failed, timeout=WAIT_MS):
        page.submit()
    assert window.current_page() is page
    assert "will not overwrite" in page.message.message.text()
    assert journal_path.read_bytes() == b"someone else's file"


def test_keyboard_only_first_run(qtbot, make_window):
    """Tab and Enter alone get from the welcome page to the journal."""
    window = make_window()
    window.welcome_page.begin_button.setFocus()
    qtbot.keyClick(window.welcome_page.begin_button, Qt.Key.Key_Space)
    page = window.create_page
    assert window.current_page() is page
    qtbot.keyClicks(page.fields.first, PASSPHRASE)
    qtbot.keyClick(page.fields.first, Qt.Key.Key_Return)  # Enter moves to the second field
    qtbot.keyClicks(page.fields.second, PASSPHRASE)
    with qtbot.waitSignal(window.service.created, timeout=WAIT_MS):
        qtbot.keyClick(page.fields.second, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page() is window.recovery_code_page, timeout=WAIT_MS)
    widget = window.recovery_code_page.widget
    qtbot.keyClick(widget.kept, Qt.Key.Key_Space)
    assert widget.kept.isChecked()
    qtbot.keyClick(widget.continue_button, Qt.Key.Key_Space)
    assert window.current_page() is window.journal_page
