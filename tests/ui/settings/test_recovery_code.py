"""The recovery code widget: copy as a secret, clear the clipboard, save durably, print."""

from __future__ import annotations

import os
import stat

from PySide6.QtCore import Qt
from PySide6.QtGui import QClipboard, QGuiApplication

from journal_app.ui.common.clipboard import DEFAULT_CLEAR_MS, KDE_SECRET_HINT
from journal_app.ui.settings.recovery import RecoveryCodeWidget

CODE = "ABCDE-FGHJK-MNPQR-STVWX-YZ012-34567"


def _widget(qtbot, clear_ms: int = DEFAULT_CLEAR_MS) -> RecoveryCodeWidget:
    widget = RecoveryCodeWidget(clear_ms=clear_ms)
    qtbot.addWidget(widget)
    widget.set_code(CODE)
    return widget


def test_shows_the_code_selectably_with_accessible_controls(qtbot):
    widget = _widget(qtbot)
    assert widget.code_label.text().replace("\n", "-") == CODE
    assert (
        widget.code_label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    for control in (widget.copy_button, widget.save_button, widget.print_button, widget.kept):
        assert control.accessibleName() and control.toolTip()


def test_copy_marks_it_secret_and_clears_it_later(qtbot):
    widget = _widget(qtbot, clear_ms=100)
    widget.copy_button.click()
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text() == CODE
    mime = clipboard.mimeData(QClipboard.Mode.Clipboard)
    assert bytes(mime.data(KDE_SECRET_HINT)) == b"secret"
    assert "clear the clipboard" in widget.status.text()
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=5000)


def test_clearing_leaves_newer_clipboard_text_alone(qtbot):
    widget = _widget(qtbot, clear_ms=50)
    widget.copy_code()
    QGuiApplication.clipboard().setText("something the person copied since")
    qtbot.wait(200)
    assert QGuiApplication.clipboard().text() == "something the person copied since"


def test_save_to_file_writes_it_privately(qtbot, tmp_path, file_dialogs):
    widget = _widget(qtbot)
    folder = tmp_path / "saved"
    folder.mkdir()
    target = folder / "code.txt"
    target.write_text("an older file", encoding="utf-8")
    file_dialogs.answers.append(str(target))
    widget.save_button.click()
    text = target.read_text(encoding="utf-8")
    assert CODE in text and "older" not in text
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in folder.iterdir()] == ["code.txt"]  # no temp file left
    assert "Saved" in widget.status.text()


def test_save_cancelled_writes_nothing(qtbot, tmp_path, file_dialogs):
    widget = _widget(qtbot)
    widget.save_button.click()
    assert file_dialogs.calls == [("getSaveFileName", "Save the recovery code")]
    assert widget.status.text() == ""


def test_save_failure_is_said_calmly(qtbot, tmp_path, file_dialogs):
    widget = _widget(qtbot)
    file_dialogs.answers.append(str(tmp_path / "missing-folder" / "code.txt"))
    widget.save_code()
    assert "could not be saved there" in widget.status.text()


def test_print_goes_through_qprinter(qtbot, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter

    widget = _widget(qtbot)
    pdf = tmp_path / "code.pdf"

    def to_pdf(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf))
        return True

    monkeypatch.setattr(widget, "ask_print", to_pdf)
    widget.print_button.click()
    assert pdf.exists() and pdf.stat().st_size > 500
    assert "printer" in widget.status.text()
    assert CODE in widget.document_html()


def test_print_cancelled(qtbot, monkeypatch):
    widget = _widget(qtbot)
    monkeypatch.setattr(widget, "ask_print", lambda printer: False)
    widget.print_code()
    assert widget.status.text() == ""


def test_clear_forgets_the_code(qtbot):
    widget = _widget(qtbot)
    widget.kept.setChecked(True)
    widget.clear()
    assert widget.code == "" and widget.code_label.text() == ""
    assert not widget.kept.isChecked()


def test_saving_over_a_journal_file_is_refused_and_leaves_it_unchanged(
    qtbot, tmp_path, file_dialogs
):
    from journal_app.vault import KdfParams, Vault

    journal_file = tmp_path / "journal.tend"
    Vault.create(journal_file, "a long passphrase", KdfParams.fresh(64, 1, 1)).close()
    before = journal_file.read_bytes()
    widget = _widget(qtbot)
    file_dialogs.answers.append(str(journal_file))
    widget.save_code()
    assert journal_file.read_bytes() == before
    assert "is a Tend journal" in widget.status.text()
