"""My plan outside the vault: on paper, or saved as Markdown or PDF.

A copy is made only when the person asks, after a plain word that a saved file is
not encrypted. It holds their words and the section headings (no placeholders, no
ideas), with the help lines for their country at the foot. The PDF is made in
memory, so the plan reaches the disk only as the file the person chose.
"""

from __future__ import annotations

import errno
import html
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QWidget

from journal_app.journal.personal import PLAN_TITLE, Person, PersonalTemplate, Plan, plan_sections
from journal_app.ui.common.country import help_lines, uses_letter_paper
from journal_app.ui.common.files import Purpose, save_file_name
from journal_app.ui.common.questions import Answer, Button, Question, ask
from journal_app.vault import VaultExists

EXPORT_TITLE = "Save a copy of your plan"
EXPORT_WARNING = "The copy you save is not encrypted."
EXPORT_DETAIL = (
    "Anyone who can open the file can read your plan. Keep it somewhere private, "
    "or print it instead."
)
EXPORT_FILTERS = "Markdown (*.md);;PDF (*.pdf)"
EXPORT_NAME = "My plan"

# The look on paper: a title, sage headings, the person's words, small help lines.
# Sized so that a filled plan, all eight parts, fits one page at normal text size
# (11 pt): a plan for a hard moment should be one sheet, on a fridge or in a bag.
_TITLE = "font-size: 17pt; font-weight: 600; margin-bottom: 2px;"
_HEADING = "font-size: 12pt; font-weight: 600; color: #34502f; margin-top: 9px; margin-bottom: 2px;"
_TEXT = "font-size: 11pt; margin-top: 0; margin-bottom: 1px;"
_SMALL = "font-size: 9pt; color: #4a4a4a; margin-top: 0; margin-bottom: 1px;"
# A document's units are pixels at 96 per inch, as Qt lays out text for print.
_DOCUMENT_DPI = 96
# Empty parts keep this many blank lines: room to write by hand.
_ROOM_TO_WRITE = 2


def export_problem(error: BaseException) -> str:
    """Why a copy could not be written, about the copy (not about the journal)."""
    if isinstance(error, VaultExists):
        return str(error)
    if isinstance(error, PermissionError):
        return "Tend is not allowed to write in that folder. Please choose another place."
    if getattr(error, "errno", None) == errno.ENOSPC:
        return "The disk is full. Please free some space or choose another place."
    return "The file could not be written there. Please choose another place."


def plan_document(
    plan: Plan, template: PersonalTemplate, country: str, people: Iterable[Person] = ()
) -> QTextDocument:
    """The plan laid out for paper: headings, the person's words, room to write.

    Only their words, the people they picked (with their numbers, as My people
    has them now) and the section headings: no placeholders, no ideas.
    """
    parts = [f'<p style="{_TITLE}">{html.escape(PLAN_TITLE)}</p>']
    for _section_id, title, text in plan_sections(plan, template, people):
        parts.append(f'<p style="{_HEADING}">{html.escape(title)}</p>')
        lines = text.strip("\n").split("\n") if text.strip() else [""] * _ROOM_TO_WRITE
        # Empty sections keep a few blank lines: room to write by hand.
        parts += [f'<p style="{_TEXT}">{html.escape(line) or "&nbsp;"}</p>' for line in lines]
    first, *rest = help_lines(country)
    parts.append('<p style="font-size: 6pt; margin: 0;">&nbsp;</p><hr>')
    parts.append(f'<p style="{_TEXT} font-weight: 600;">{html.escape(first)}</p>')
    parts += [f'<p style="{_SMALL}">{html.escape(line)}</p>' for line in rest]
    document = QTextDocument()
    document.setDocumentMargin(0)
    font = QFont(QApplication.font())
    font.setPointSizeF(11)
    document.setDefaultFont(font)
    document.setHtml(f'<body style="color: #222222;">{"".join(parts)}</body>')
    return document


def page_size(country: str) -> QPageSize:
    """Letter where that is the paper people have, else A4."""
    letter = uses_letter_paper(country)
    return QPageSize(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4)


def page_layout(size: QPageSize) -> QPageLayout:
    """Portrait, with margins of 2 cm: room for a printer's edge and a thumb."""
    return QPageLayout(
        size,
        QPageLayout.Orientation.Portrait,
        QMarginsF(20, 20, 20, 20),
        QPageLayout.Unit.Millimeter,
    )


def fit_to_page(document: QTextDocument, layout: QPageLayout) -> None:
    """Lay the document out on the page's printable area.

    Without a page size of its own, Qt prints a document inside another 2 cm on
    every side, on top of the page's margins: a one-page plan would spill onto a
    second sheet.
    """
    area = layout.paintRect(QPageLayout.Unit.Point)
    scale = _DOCUMENT_DPI / 72
    document.setPageSize(QSizeF(area.width() * scale, area.height() * scale))


def pdf_bytes(document: QTextDocument, size: QPageSize) -> bytes:
    """``document`` as a PDF, made in memory."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(PLAN_TITLE)
    writer.setCreator("Tend")
    layout = page_layout(size)
    writer.setPageLayout(layout)
    fit_to_page(document, layout)
    document.print_(writer)
    del writer
    buffer.close()
    return bytes(data.data())


def print_with_preview(parent: QWidget, document: QTextDocument, size: QPageSize) -> None:
    """Print, after a preview (Qt's print dialog is one click from the preview)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    layout = page_layout(size)
    printer.setPageLayout(layout)
    fit_to_page(document, layout)
    printer.setDocName(PLAN_TITLE)
    preview = QPrintPreviewDialog(printer, parent)
    preview.setWindowTitle(f"Print {PLAN_TITLE.lower()}")
    preview.paintRequested.connect(document.print_)
    preview.exec()
    preview.deleteLater()


def ask_where_to_save(parent: QWidget) -> Path | None:
    """Say plainly that the copy is not encrypted, then ask where it goes (.md or .pdf).
    None if the person would rather not."""
    question = Question(
        EXPORT_TITLE,
        f"{EXPORT_WARNING} {EXPORT_DETAIL}",
        (
            Answer(Button.Save, "Save…", "Choose where to save the copy"),
            Answer(Button.Cancel, "Cancel", "Save nothing"),
        ),
        default=Button.Cancel,
    )
    if ask(parent, question) != Button.Save:
        return None
    name, chosen = save_file_name(
        parent, Purpose.EXPORT, EXPORT_TITLE, f"{EXPORT_NAME}.md", EXPORT_FILTERS
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in (".md", ".pdf"):
        path = path.with_name(path.name + (".pdf" if "pdf" in chosen.lower() else ".md"))
    return path
