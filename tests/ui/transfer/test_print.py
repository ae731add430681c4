"""Print: the same typeset pages in the system's print preview; and no stray plaintext."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QTextFormat
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

from journal_app.journal import Journal
from journal_app.ui.services import pdf
from journal_app.ui.transfer.export_dialog import ExportDialog
from journal_app.vault import Cancelled
from tests.conftest import find_canaries, watched_tmpdir
from tests.ui._journal_fixtures import add_many
from tests.ui._transfer_fixtures import (
    Ok,
    many_entries,
    rich_journal,
    wait_for_task,
    window,
)
from tests.ui.conftest import PASSPHRASE
from tests.ui.helpers import unlock_through_ui

__all__ = ["rich_journal", "watched_tmpdir", "window"]  # fixtures, used by name


class PreviewToPdf:
    """Stands in for ``QPrintPreviewDialog.exec``: asks for the pages, as the preview
    does, but on a printer that writes a PDF, and returns at once."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.titles: list[str] = []

    def __call__(self, dialog: QPrintPreviewDialog) -> int:
        self.titles.append(dialog.windowTitle())
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.target))
        printer.setPageLayout(pdf.default_page_layout())
        dialog.paintRequested.emit(printer)
        return 0


def test_print_shows_the_pages_in_the_print_preview(qtbot, window, tmp_path, monkeypatch):
    add_many(window.service, many_entries(40))
    fake = PreviewToPdf(tmp_path / "printed.pdf")
    monkeypatch.setattr(QPrintPreviewDialog, "exec", lambda dialog: fake(dialog))
    window.transfer.print_action.trigger()
    dialog = window.transfer.export_dialog
    assert isinstance(dialog, ExportDialog)
    assert dialog.print_button.property("role") == "primary"  # Print… is the default here
    dialog.set_choice("everything")
    chosen = dialog.chosen_entries()
    dialog.print_button.click()
    qtbot.waitUntil(lambda: fake.titles != [], timeout=10_000)
    assert fake.titles == ["Print preview"]
    data = (tmp_path / "printed.pdf").read_bytes()
    assert data.startswith(b"%PDF-")
    assert pdf.page_count(data) == pdf.build_document(chosen).pageCount() > 1
    qtbot.waitUntil(lambda: window.transfer.export_dialog is None)  # closed after printing


def test_lock_closes_the_print_preview(qtbot, window, monkeypatch):
    shown: list[QPrintPreviewDialog] = []

    def exec_until_locked(dialog: QPrintPreviewDialog) -> int:
        shown.append(dialog)
        window.lock()  # as if the idle timer fired while the preview was open
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_until_locked)
    window.transfer.print_action.trigger()
    dialog = window.transfer.export_dialog
    dialog.print_button.click()
    qtbot.waitUntil(lambda: shown != [], timeout=10_000)
    assert window.transfer.export_dialog is None  # closed by the lock
    assert window.current_page() is window.unlock_page


def test_every_page_gets_its_number_and_stays_inside_the_margins():
    pdf.ensure_gui_application()
    document = pdf.build_document(many_entries(30))
    layout = pdf.default_page_layout()
    pages = document.pageCount()
    assert pages > 1
    for page in (0, pages - 1):
        image = pdf.page_image(document, page, layout, dpi=60)
        paint = layout.paintRect(layout.Unit.Point)
        scale = 60 / 72
        # Ink in the footer band (the page number), none in the side margins.
        footer_top = round((paint.bottom() - pdf.FOOTER_PT * 0.6) * scale)
        footer = [
            image.pixelColor(x, y)
            for y in range(footer_top, round(paint.bottom() * scale))
            for x in range(image.width())
        ]
        assert any(color != QColor("white") for color in footer)
        margin = round(paint.left() * scale) - 2
        left = [image.pixelColor(x, y) for y in range(image.height()) for x in range(margin)]
        assert all(color == QColor("white") for color in left)


def test_the_pdf_is_typeset_in_short_steps_that_report_progress():
    # A few entries at a time, so no single Qt call holds the window for long.
    reports: list[int] = []
    document = pdf.build_document(
        many_entries(300), progress=lambda done, _total: reports.append(done)
    )
    assert len(reports) >= 300 // pdf.CHUNK_ENTRIES
    assert reports == sorted(reports)
    assert document.pageCount() > 1
    titles = [block.text() for block in _blocks(document) if block.text().startswith("Day ")]
    assert titles == [f"Day {index}" for index in range(300)]
    assert not [block for block in _blocks(document) if block.length() == 1 and not _is_rule(block)]


def _blocks(document: pdf.PrintDocument) -> list:
    found, block = [], document.begin()
    while block.isValid():
        found.append(block)
        block = block.next()
    return found


def _is_rule(block) -> bool:
    return block.blockFormat().hasProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth)


def test_cancelling_while_typesetting_stops_it_and_writes_nothing(tmp_path):
    target = tmp_path / "journal.pdf"
    reports: list[int] = []
    with pytest.raises(Cancelled):
        pdf.write_pdf(
            many_entries(300),
            target,
            progress=lambda done, _total: reports.append(done),
            cancelled=lambda: len(reports) >= 3,
        )
    assert not target.exists()
    assert len(reports) == 3  # stopped at the next step, long before the pages
    assert max(reports) < pdf._MARKDOWN_SHARE + pdf._LAYOUT_SHARE


def test_a_single_page_has_no_number():
    pdf.ensure_gui_application()
    document = pdf.build_document(many_entries(1))
    assert document.pageCount() == 1


def test_the_document_keeps_markdown_formatting():
    pdf.ensure_gui_application()
    entries = many_entries(1)
    document = pdf.build_document(entries, title="Journal")
    text = document.toPlainText()
    assert "Journal" in text and "Day 0" in text and "Something about the day." in text
    assert "*" not in text  # Markdown marks became formatting, not characters
    fragments = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.text() == "about":
                fragments.append(fragment.charFormat().fontItalic())
            iterator += 1
        block = block.next()
    assert fragments == [True]


def test_a_single_return_is_a_new_line_on_paper():
    """The print and the PDF are typeset alike (the same Markdown, the same reader)."""
    pdf.ensure_gui_application()
    entry = dataclasses.replace(many_entries(1)[0], body="one\ntwo")
    document = pdf.build_document([entry])
    lines = [block.text() for block in _blocks(document)][-2:]
    assert lines == ["one", "two"]


def test_the_note_for_the_next_session_is_printed_first():
    pdf.ensure_gui_application()
    document = pdf.build_document(many_entries(2), note="Sleep, and\nthe new job")
    lines = [block.text() for block in _blocks(document)]
    at = lines.index("What I would like to talk about")
    assert lines[at + 1 : at + 3] == ["Sleep, and", "the new job"]
    assert at + 2 < lines.index("Day 0")
    assert _blocks(document)[at].blockFormat().headingLevel() == 3  # not taken for an entry


def _canary_journal(path: Path, kdf) -> list[str]:
    canaries = [
        "CANARY-title-7f3e9a2c1b",
        "CANARY-body-51d0e8b7aa",
        "CANARY-tag-c2b94d1f0e",
    ]
    with Journal.create(path, PASSPHRASE, kdf) as journal:
        journal.add(f"Words {canaries[1]} here.", title=canaries[0], tags=[canaries[2]])
        entry = journal.add("A plain one.", title="Plain")
        journal.set_flagged(entry.id, True)
    return canaries


def test_exporting_leaves_no_plaintext_anywhere_but_the_chosen_file(
    qtbot, make_window, journal_path, kdf, tmp_path, watched_tmpdir, message_boxes, file_dialogs
):
    canaries = _canary_journal(journal_path, kdf)
    window = make_window(journal_path)
    unlock_through_ui(qtbot, window, PASSPHRASE)
    exports = tmp_path / "exports"
    exports.mkdir()
    # Everything of this test's own but the chosen folder: the journal's folder,
    # the temp folder (TMPDIR), settings, data, Qt's settings.
    watched = [path for path in tmp_path.iterdir() if path.is_dir() and path != exports]
    assert watched_tmpdir in watched and journal_path.parent in watched

    for fmt, name in (("pdf", "mine.pdf"), ("md", "mine.md")):
        window.transfer.export_action.trigger()
        dialog = window.transfer.export_dialog
        dialog.set_choice("everything")
        dialog.set_format(fmt)
        message_boxes.answers.append(Ok)
        file_dialogs.answers.append(str(exports / name))
        dialog.export_button.click()
        wait_for_task(qtbot, dialog.task, 30_000)
        qtbot.waitUntil(lambda d=dialog: not d.isVisible())
        assert find_canaries(watched, canaries) == []
        assert sorted(path.name for path in exports.iterdir()) == sorted(
            n for n in ("mine.pdf", "mine.md") if (exports / n).exists()
        )
    assert (exports / "mine.pdf").read_bytes().startswith(b"%PDF-")
    # The Markdown file holds the words (that is what was asked for): the check sees them.
    assert find_canaries([exports], canaries[:1]) != []
