"""Help > About Tend: what Tend is and is not, the study it draws on, the version."""

from __future__ import annotations

from journal_app import __version__
from journal_app.journal.prompts import STUDY_CREDIT, STUDY_DOI_URL
from journal_app.ui.about import AboutDialog
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
