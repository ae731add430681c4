"""Help > A guide for therapists: one page on what Tend is and is not, to read or print.

The page is docs/therapists.md, shipped with Tend (journal_app.assets.guide_text),
so what a therapist reads in the repository and on paper is the same text. It
holds nothing of the person's, so it can be printed or saved as a PDF without the
warning an export of entries carries.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QStandardPaths, Qt, Slot
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from journal_app.assets import guide_text
from journal_app.ui.common.announce import announce
from journal_app.ui.common.files import FILE_DIALOG
from journal_app.ui.common.focus_return import return_focus_on_close
from journal_app.ui.common.placement import open_over_parent
from journal_app.ui.common.widgets import button, label

GUIDE_TITLE = "A guide for therapists"
GUIDE_FILE_NAME = "Tend - a guide for therapists.pdf"
SAVE_FAILED = "The file could not be written there. Please choose another place."


def guide_document() -> QTextDocument:
    """The guide, laid out from its Markdown."""
    document = QTextDocument()
    document.setMarkdown(guide_text())
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, GUIDE_TITLE)
    return document


def _layout() -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(18, 16, 18, 16),
        QPageLayout.Unit.Millimeter,
    )


def pdf_bytes() -> bytes:
    """The guide as a PDF, made in memory."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(GUIDE_TITLE)
    writer.setCreator("Tend")
    writer.setPageLayout(_layout())
    guide_document().print_(writer)
    del writer  # finishes the document
    buffer.close()
    return bytes(data.data())


def write_pdf(path: Path) -> None:
    """The guide as a PDF file at ``path``; OSError if it cannot be written there."""
    path.write_bytes(pdf_bytes())


class GuideDialog(QDialog):
    """The guide on screen, with Print… and Save as PDF…."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(GUIDE_TITLE)
        self.setObjectName("guideDialog")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        self.text = QTextBrowser(self)
        self.text.setOpenLinks(False)
        self.text.setMarkdown(guide_text())
        self.text.document().setDocumentMargin(16)
        self.text.setAccessibleName(GUIDE_TITLE)
        self.text.setToolTip("What Tend is and is not, for therapists and their clients")
        layout.addWidget(self.text, 1)
        self.print_button = button(
            "Print…", "Print this page, after a preview", on_click=self.print_guide
        )
        self.pdf_button = button(
            "Save as PDF…", "Save this page as a PDF file to send or share", on_click=self.save_pdf
        )
        self.close_button = button("Close", "Close this window (Esc)", on_click=self.accept)
        self.close_button.setDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addWidget(self.pdf_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.message = label("", "muted")
        self.message.setAccessibleName("What happened")
        self.message.hide()
        layout.addWidget(self.message)
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(640, 720)
        open_over_parent(self)
        return_focus_on_close(self)

    @Slot()
    def print_guide(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(_layout())
        printer.setDocName(GUIDE_TITLE)
        preview = QPrintPreviewDialog(printer, self)
        preview.setWindowTitle(f"Print {GUIDE_TITLE.lower()}")
        preview.paintRequested.connect(guide_document().print_)
        preview.exec()
        preview.deleteLater()

    @Slot()
    def save_pdf(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start = str(Path(folder or Path.home()) / GUIDE_FILE_NAME)
        name, _chosen = QFileDialog.getSaveFileName(
            self, "Save the guide as a PDF", start, "PDF (*.pdf)", "", FILE_DIALOG
        )
        if not name:
            return
        path = Path(name).with_suffix(".pdf")
        try:
            write_pdf(path)
        except OSError:
            self._say(SAVE_FAILED)
            return
        self._say(f"Saved as {path.name}.")

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        announce(self.message, text)


__all__ = ["GUIDE_TITLE", "GuideDialog", "guide_document", "write_pdf"]
