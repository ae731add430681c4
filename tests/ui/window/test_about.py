"""Help > About Tend: what Tend is and is not, the study it draws on, the version, the
licence, and where the journal lives (its folder one keypress away)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtTest import QTest

from journal_app import __version__
from journal_app.journal.prompts import STUDY_CREDIT, STUDY_DOI_URL
from journal_app.journal.wording import check_text
from journal_app.ui.services.journal_service import JournalService
from journal_app.ui.window.about import ABOUT_LICENCE, JOURNAL_KEPT, JOURNAL_TO_BE_KEPT, AboutDialog
from tests.ui.helpers import shown_texts


def test_the_about_box_credits_the_study_and_says_what_tend_is_not(qtbot, opened_urls):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    texts = shown_texts(dialog)
    assert STUDY_CREDIT in texts
    assert "doi:10.1111/papt.12567" in STUDY_CREDIT
    assert "Hudson, Hartley & Taylor" in STUDY_CREDIT
    assert f"Version {__version__}" in texts
    assert any("not a crisis service" in text for text in texts)
    assert any("never contacts" in text for text in texts)
    assert dialog.windowTitle() == "About Tend"
    assert opened_urls == [], "nothing is opened until the person clicks"
    dialog.study_button.click()
    assert opened_urls == [STUDY_DOI_URL]
    assert dialog.study_button.toolTip() == f"Opens {STUDY_DOI_URL} in your browser"


def test_help_about_opens_it_and_support_is_one_click_away(qtbot, make_window, opened_urls):
    window = make_window()
    window.about_action.trigger()
    dialog = window.about_dialog
    assert isinstance(dialog, AboutDialog) and dialog.isVisible()
    dialog.support_button.click()
    assert window.support_dialog is not None and window.support_dialog.isVisible()
    assert opened_urls == []


# ------------------------------------------------ the facts, and the journal's folder


def test_about_gives_the_standard_facts(qtbot, service, journal_path):
    dialog = AboutDialog(None, service)
    qtbot.addWidget(dialog)
    texts = shown_texts(dialog)
    assert f"Version {__version__}" in texts
    assert ABOUT_LICENCE in texts and "GNU General Public License" in ABOUT_LICENCE
    assert f"Qt {qVersion()}" in dialog.built_with.text()
    assert STUDY_CREDIT in texts
    assert dialog.journal_label.text() == str(journal_path)
    problems = {text: check_text(text) for text in texts if text and check_text(text)}
    assert not problems, problems
    controls = [dialog.support_button, dialog.folder_button, dialog.study_button]
    controls += [dialog.close_button, dialog.journal_label]
    assert all(widget.accessibleName() and widget.toolTip() for widget in controls)


def test_show_the_journals_folder_opens_it_in_the_file_manager(
    qtbot, service, existing_journal, opened_urls
):
    dialog = AboutDialog(None, service)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    assert dialog.journal_caption.text() == JOURNAL_KEPT
    assert dialog.folder_button.text() == "Show the journal's folder"
    assert dialog.folder_button.isEnabled()
    # Keyboard first: Tab goes from Support to the file's name, then to the button.
    dialog.support_button.setFocus()
    qtbot.waitUntil(dialog.support_button.hasFocus)
    QTest.keyClick(dialog.support_button, Qt.Key.Key_Tab)
    assert dialog.journal_label.hasFocus()
    QTest.keyClick(dialog.journal_label, Qt.Key.Key_Tab)
    assert dialog.folder_button.hasFocus()
    assert opened_urls == []
    QTest.keyClick(dialog.folder_button, Qt.Key.Key_Space)
    assert opened_urls == [QUrl.fromLocalFile(str(existing_journal.path.parent)).toString()]
    assert QUrl(opened_urls[0]).isLocalFile()
    QTest.keyClick(dialog.folder_button, Qt.Key.Key_Tab)
    assert dialog.study_button.hasFocus()


def test_before_the_journal_is_made_the_folder_button_waits(qtbot, tmp_path, kdf, opened_urls):
    service = JournalService(tmp_path / "not-yet" / "journal.tend", kdf=kdf)
    dialog = AboutDialog(None, service)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.journal_caption.text() == JOURNAL_TO_BE_KEPT
    assert not dialog.folder_button.isEnabled()
    assert dialog.folder_button.toolTip() == "The folder is made when you create your journal"
    dialog.show_folder()
    assert opened_urls == []
    service.close()


def test_about_follows_the_window_to_another_journal(
    qtbot, make_window, existing_journal, tmp_path, file_dialogs, opened_urls
):
    window = make_window(existing_journal.path)
    window.about_action.trigger()
    dialog = window.about_dialog
    assert isinstance(dialog, AboutDialog)
    assert dialog.journal_label.text() == str(existing_journal.path)
    other = tmp_path / "elsewhere" / "second.tend"
    other.parent.mkdir()
    file_dialogs.answers.append(str(other))
    window.create_new_journal()
    assert dialog.journal_label.text() == str(other)
    assert dialog.journal_caption.text() == JOURNAL_TO_BE_KEPT
    dialog.close()
    window.about_action.trigger()  # the same dialog, opened again, still right
    assert window.about_dialog is dialog and dialog.isVisible()
    dialog.folder_button.click()
    assert opened_urls == [QUrl.fromLocalFile(str(other.parent)).toString()]
