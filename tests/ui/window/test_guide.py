"""Help > A guide for therapists: one page, true to the wording rules, printable as a PDF."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QApplication

from journal_app.assets import guide_text
from journal_app.journal.wording import check_text
from journal_app.ui.window.guide import SAVE_FAILED, GuideDialog, write_pdf
from tests.ui.conftest import PASSPHRASE
from tests.ui.helpers import unlock_through_ui


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_the_guide_says_what_a_therapist_needs_and_follows_the_wording_rules() -> None:
    text = guide_text()
    for needed in ("not a crisis service", "Installing", "Prompt packs", "Next session", "Privacy"):
        assert needed in text, needed
    problems = {line: check_text(line) for line in text.splitlines() if check_text(line)}
    assert not problems, problems


def test_the_guide_is_one_page_as_a_pdf(tmp_path) -> None:
    path = tmp_path / "guide.pdf"
    write_pdf(path)
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    assert _pages(data) == 1


def test_help_opens_the_guide_and_it_saves_a_pdf(
    qtbot, make_window, existing_journal, file_dialogs, tmp_path
) -> None:
    window = make_window(existing_journal.path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    assert window.guide_action in window.help_menu.actions()
    window.guide_action.trigger()
    dialog = window.guide_dialog
    assert isinstance(dialog, GuideDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert "guide for therapists" in dialog.text.toPlainText()
    file_dialogs.answers.append(str(tmp_path / "for my therapist"))
    dialog.pdf_button.click()
    saved = tmp_path / "for my therapist.pdf"
    assert saved.read_bytes().startswith(b"%PDF")
    assert dialog.message.text() == "Saved as for my therapist.pdf."

    file_dialogs.answers.append(str(tmp_path / "no such folder" / "guide.pdf"))
    dialog.pdf_button.click()
    assert dialog.message.text() == SAVE_FAILED
    assert QApplication.activeModalWidget() is None


def test_the_guide_names_the_sample_packs_that_ship() -> None:
    from journal_app.journal.library import sample_packs

    text = " ".join(guide_text().split())
    assert "tend pack check" in text
    for pack in sample_packs():
        assert pack.name in text, pack.name
