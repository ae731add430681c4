"""Entries typeset for paper: one document for the PDF export and for printing.

The text comes from :func:`journal_app.journal.export.markdown_document_pieces`,
the same Markdown as a ``.md`` export, read by Qt's own Markdown reader
(``QTextCursor.insertMarkdown``) and given a calm book-like style: a serif face,
roomy lines, the date and tags quiet under each title, the prompt in italics.
Page numbers are drawn under each page; nothing of the app's chrome is printed.

The document is built a few entries at a time (:data:`CHUNK_ENTRIES`): each
piece is read, styled and laid out on its own, so no single Qt call runs long
(a Qt call holds Python's lock, and a long one would freeze the window while a
worker thread exports), and progress and Cancel work throughout. Only the new
blocks are styled and laid out each time; the default font is set once, first,
since changing it later would lay out the whole document again.

The document is laid out in points (1/72 inch) on an offscreen image, so the
very same layout serves a PDF (``QPdfWriter``) and a printer (``QPrinter``), and
it can be built on a worker thread. A PDF is written into memory (``QBuffer``)
and then to the chosen file with
:func:`journal_app.journal.files.atomic_write_bytes`: no temporary copy of the
text is ever put anywhere else.

``write_pdf(entries, path)`` is what ``tend export --format pdf`` calls. It works
without a desktop: if no Qt application exists yet it makes one on the
offscreen platform. (The CLI imports this module only when a PDF is asked for,
so the rest of the command line never loads Qt.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from itertools import islice
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QLocale,
    QMarginsF,
    QRectF,
    QSizeF,
    Qt,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from journal_app import APP_NAME
from journal_app.journal.entry import Entry
from journal_app.journal.export import (
    DOCUMENT_TITLE,
    ExportResult,
    markdown_document_pieces,
)
from journal_app.journal.files import CancelCheck, Progress, atomic_write_bytes, check_cancel

POINTS_PER_INCH = 72
DOTS_PER_METRE_AT_72_DPI = round(POINTS_PER_INCH / 0.0254)
MARGIN_MM = 22.0
FOOTER_PT = 28.0  # room under the text for the page number
PDF_RESOLUTION = 300

BODY_PT = 11.0
LINE_HEIGHT_PERCENT = 140
PARAGRAPH_GAP_PT = 7.0
HEADING_PT = {1: 22.0, 2: 14.5, 3: 12.5, 4: 11.5, 5: 11.0, 6: 11.0}
META_PT = 9.0
FOOTER_FONT_PT = 8.5

INK = QColor("#1f2320")
MUTED = QColor("#5f655e")
RULE = QColor("#c9c4b8")

SERIF_FAMILIES = (
    "Source Serif 4",
    "Source Serif Pro",
    "Charter",
    "Iowan Old Style",
    "Georgia",
    "Palatino Linotype",
    "Palatino",
    "DejaVu Serif",
    "Liberation Serif",
    "Noto Serif",
    "Times New Roman",
)
MONO_FAMILIES = ("DejaVu Sans Mono", "Menlo", "Consolas", "Liberation Mono", "Noto Sans Mono")

# How the work is split for progress reports (in thousandths).
_MARKDOWN_SHARE = 200
_LAYOUT_SHARE = 150
PROGRESS_TOTAL = 1000

CHUNK_ENTRIES = 25  # entries read, styled and laid out at a time (each step stays short)

_APP: QGuiApplication | None = None  # the offscreen application made for the CLI


# ------------------------------------------------------------------ fonts


def ensure_gui_application() -> None:
    """Make sure Qt can lay out text: start an offscreen application if there is none.

    Raises:
        RuntimeError: a non-GUI Qt application is already running in this process.
    """
    global _APP
    existing = QCoreApplication.instance()
    if existing is None:
        _APP = QGuiApplication([APP_NAME, "-platform", "offscreen"])
        return
    if not isinstance(existing, QGuiApplication):
        raise RuntimeError("PDF export needs a graphical Qt application.")


@lru_cache(maxsize=8)
def _first_family(wanted: tuple[str, ...], fallback: QFontDatabase.SystemFont) -> str:
    available = {family.casefold(): family for family in QFontDatabase.families()}
    for family in wanted:
        if family.casefold() in available:
            return available[family.casefold()]
    return QFontDatabase.systemFont(fallback).family()


def body_family() -> str:
    """A calm serif for reading on paper, else the system's own font.

    Looked up once (on the GUI thread: ``prepare_fonts``), then remembered.
    """
    return _first_family(SERIF_FAMILIES, QFontDatabase.SystemFont.GeneralFont)


def mono_family() -> str:
    return _first_family(MONO_FAMILIES, QFontDatabase.SystemFont.FixedFont)


def prepare_fonts() -> None:
    """Choose the fonts now, on the calling (GUI) thread, before a worker typesets."""
    ensure_gui_application()
    body_family()
    mono_family()


# ------------------------------------------------------------------ pages


def default_page_layout(locale: QLocale | None = None) -> QPageLayout:
    """A4, or US Letter where Letter is the custom, with comfortable margins."""
    country = (locale or QLocale()).territory()
    letter = {
        QLocale.Country.UnitedStates,
        QLocale.Country.Canada,
        QLocale.Country.Mexico,
        QLocale.Country.Philippines,
    }
    size = QPageSize(QPageSize.PageSizeId.Letter if country in letter else QPageSize.PageSizeId.A4)
    return QPageLayout(
        size,
        QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


def text_area_points(layout: QPageLayout) -> QSizeF:
    """The size of the text on each page, in points (the paint area less the footer)."""
    rect = layout.paintRect(QPageLayout.Unit.Point)
    return QSizeF(rect.width(), max(rect.height() - FOOTER_PT, 72.0))


# --------------------------------------------------------------- document


class PrintDocument(QTextDocument):
    """A QTextDocument laid out in points, on an image of its own (thread-safe to make)."""

    def __init__(self, entry_count: int = 0) -> None:
        super().__init__()
        self.entry_count = entry_count
        self._device = QImage(8, 8, QImage.Format.Format_RGB32)
        self._device.setDotsPerMeterX(DOTS_PER_METRE_AT_72_DPI)
        self._device.setDotsPerMeterY(DOTS_PER_METRE_AT_72_DPI)
        self.documentLayout().setPaintDevice(self._device)
        self.setUseDesignMetrics(True)
        self.setDocumentMargin(0)

    def set_page_layout(self, layout: QPageLayout) -> None:
        self.setPageSize(text_area_points(layout))


def _select_block(cursor: QTextCursor, block: QTextBlock) -> None:
    cursor.setPosition(block.position())
    end = block.position() + block.length() - 1
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)


def _proportional(percent: int) -> tuple[float, int]:
    return float(percent), QTextBlockFormat.LineHeightTypes.ProportionalHeight.value


def _base_font() -> QFont:
    base = QFont(body_family())
    base.setPointSizeF(BODY_PT)
    base.setStyleHint(QFont.StyleHint.Serif)
    return base


def _style_blocks(cursor: QTextCursor, block: QTextBlock, *, first: bool) -> None:
    """Fonts, spacing and colours for paper, from ``block`` to the end (Markdown has
    no style), inside the caller's edit block.

    Every entry reads, as ``markdown_document_pieces`` writes it: a level-2
    heading, its date, its tags (``Tags: ...``) if any, its prompt as a quote,
    then its text. The date and tags are set small and quiet, the prompt in
    italics; entries are parted by a hairline. ``first``: ``block`` is the
    document's first (the title, then the line under it).
    """
    mono = mono_family()
    expecting: str | None = None  # "date" right after an entry's heading, then "tags"
    title_line = block.next() if first else None
    while block.isValid():
        fmt = block.blockFormat()
        level = fmt.headingLevel()
        text = block.text()
        char = QTextCharFormat()
        char.setForeground(INK)
        block_fmt = QTextBlockFormat()
        block_fmt.setLineHeight(*_proportional(LINE_HEIGHT_PERCENT))
        block_fmt.setTopMargin(0.0)
        block_fmt.setBottomMargin(PARAGRAPH_GAP_PT)
        if level:
            char.setFontPointSize(HEADING_PT.get(level, BODY_PT))
            char.setFontWeight(QFont.Weight.Bold if level == 1 else QFont.Weight.DemiBold)
            block_fmt.setTopMargin(0.0 if first else 12.0)
            block_fmt.setBottomMargin(3.0 if level == 2 else 6.0)
            block_fmt.setLineHeight(*_proportional(118))
            expecting = "date" if level == 2 else None
        elif expecting == "date" or (expecting == "tags" and text.startswith("Tags: ")):
            char.setFontPointSize(META_PT)
            char.setForeground(MUTED)
            tags_next = expecting == "date" and block.next().text().startswith("Tags: ")
            block_fmt.setBottomMargin(2.0 if tags_next else 8.0)
            block_fmt.setLineHeight(*_proportional(125))
            expecting = "tags" if expecting == "date" else None
        else:
            expecting = None
            if fmt.hasProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth):
                block_fmt.setTopMargin(8.0)
                block_fmt.setBottomMargin(8.0)
                char.setForeground(RULE)
            elif fmt.intProperty(QTextFormat.Property.BlockQuoteLevel) > 0:
                char.setFontItalic(True)
                char.setForeground(MUTED)
            if block.textList() is not None:
                next_block = block.next()
                last_item = not next_block.isValid() or next_block.textList() is None
                block_fmt.setBottomMargin(PARAGRAPH_GAP_PT if last_item else 2.0)
            if fmt.hasProperty(QTextFormat.Property.BlockCodeFence):
                char.setFontFamilies([mono])
                char.setFontPointSize(BODY_PT * 0.88)
        _select_block(cursor, block)
        cursor.mergeBlockFormat(block_fmt)
        cursor.mergeCharFormat(char)
        first = False
        block = block.next()
    # The line under the title ("Exported from Tend on ..."): quiet too.
    if (
        title_line is not None
        and title_line.isValid()
        and title_line.text().startswith(f"Exported from {APP_NAME}")
    ):
        _select_block(cursor, title_line)
        quiet = QTextCharFormat()
        quiet.setFontPointSize(META_PT)
        quiet.setForeground(MUTED)
        cursor.mergeCharFormat(quiet)
        spaced = QTextBlockFormat()
        spaced.setBottomMargin(10.0)
        cursor.mergeBlockFormat(spaced)


def _append_markdown(document: QTextDocument, cursor: QTextCursor, markdown: str) -> None:
    """Read ``markdown`` in at the end of ``document``, style it, and lay it out.

    Only the new blocks are styled, and only the new tail is laid out (``pageCount``
    lays out what is not yet): earlier pages are left as they are.
    """
    first = document.isEmpty()
    last = document.lastBlock()
    cursor.beginEditBlock()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertMarkdown(markdown, QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
    if first:
        start = document.begin()
    else:
        start = last.next()
        # Inserting at the end starts with an empty block of its own before the new
        # text: fold it back into the last one, as one whole document would read.
        spare = start.next()
        if (
            start.isValid()
            and spare.isValid()
            and start.length() == 1
            and not start.blockFormat().hasProperty(
                QTextFormat.Property.BlockTrailingHorizontalRulerWidth
            )
        ):
            cursor.setPosition(start.position())
            cursor.deletePreviousChar()
            start = last.next()
    _style_blocks(cursor, start, first=first)
    cursor.endEditBlock()
    document.pageCount()  # lay out the new tail now, in this short step


def build_document(
    entries: Sequence[Entry],
    *,
    title: str = DOCUMENT_TITLE,
    exported_at: datetime | None = None,
    page_layout: QPageLayout | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> PrintDocument:
    """The typeset document for ``entries`` (oldest first, as ``select`` gives them).

    Built :data:`CHUNK_ENTRIES` entries at a time, reporting progress and checking
    ``cancelled`` after each. Safe to call on a worker thread; move the result to
    the GUI thread (``moveToThread``) before a widget uses it.
    """
    total = max(len(entries), 1)
    share = _MARKDOWN_SHARE + _LAYOUT_SHARE
    document = PrintDocument(len(entries))
    document.setUndoRedoEnabled(False)
    # Set once, before any text: setting it later would lay out everything again.
    document.setDefaultFont(_base_font())
    document.set_page_layout(page_layout or default_page_layout())
    cursor = QTextCursor(document)
    pieces = markdown_document_pieces(
        entries, title=title, exported_at=exported_at, cancelled=cancelled
    )
    _append_markdown(document, cursor, next(pieces))  # the title lines
    done = 0
    while chunk := list(islice(pieces, CHUNK_ENTRIES)):
        check_cancel(cancelled)
        _append_markdown(document, cursor, "".join(chunk))
        done += len(chunk)
        if progress is not None:
            progress(done * share // total, PROGRESS_TOTAL)
    check_cancel(cancelled)
    if progress is not None:
        progress(share, PROGRESS_TOTAL)
    return document


def paint_page(
    painter: QPainter,
    document: PrintDocument,
    page: int,
    paint_rect: QRectF,
    dots_per_point: tuple[float, float],
) -> None:
    """Paint one page (counted from 0) and its number, with the painter's origin at
    the top left of the paint area (inside the margins) and ``paint_rect`` its size in
    device pixels."""
    scale_x, scale_y = dots_per_point
    area = document.pageSize()
    pages = document.pageCount()
    painter.save()
    painter.scale(scale_x, scale_y)
    top = page * area.height()
    painter.translate(0, -top)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = QRectF(0, top, area.width(), area.height())
    palette = context.palette
    palette.setColor(palette.ColorRole.Text, INK)
    # Qt draws a Markdown "---" in the inactive window-text colour: a soft hairline.
    palette.setColor(palette.ColorGroup.Inactive, palette.ColorRole.WindowText, RULE)
    context.palette = palette
    painter.setClipRect(context.clip)
    document.documentLayout().draw(painter, context)
    painter.restore()
    if pages > 1:
        painter.save()
        footer_font = QFont(body_family())
        footer_font.setPointSizeF(FOOTER_FONT_PT)
        painter.setFont(footer_font)
        painter.setPen(MUTED)
        band = FOOTER_PT * scale_y * 0.6
        footer = QRectF(0, paint_rect.height() - band, paint_rect.width(), band)
        painter.drawText(footer, int(Qt.AlignmentFlag.AlignCenter), f"{page + 1} of {pages}")
        painter.restore()


def render(
    document: PrintDocument,
    device: QPagedPaintDevice,
    *,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> int:
    """Paint every page of ``document`` on a PDF writer or a printer; returns the pages.

    The device's page layout decides the paper and margins; the document is laid
    out again for it if they differ from what it was made for.
    """
    page_layout = device.pageLayout()
    area = text_area_points(page_layout)
    if document.pageSize() != area:
        document.setPageSize(area)
    pages = document.pageCount()
    paint_rect = QRectF(page_layout.paintRectPixels(device.resolution()))
    scale = (device.logicalDpiX() / POINTS_PER_INCH, device.logicalDpiY() / POINTS_PER_INCH)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("The pages could not be prepared.")
    start = _MARKDOWN_SHARE + _LAYOUT_SHARE
    try:
        for page in range(pages):
            check_cancel(cancelled)
            if page:
                device.newPage()
            paint_page(painter, document, page, paint_rect, scale)
            if progress is not None:
                done = start + (page + 1) * (PROGRESS_TOTAL - start) // max(pages, 1)
                progress(done, PROGRESS_TOTAL)
    finally:
        painter.end()
    return pages


def page_image(
    document: PrintDocument, page: int, page_layout: QPageLayout, dpi: int = 110
) -> QImage:
    """One page as a picture (white paper, margins included), for previews and checks."""
    full = page_layout.fullRectPoints()
    paint = page_layout.paintRect(QPageLayout.Unit.Point)
    scale = dpi / POINTS_PER_INCH
    image = QImage(
        round(full.width() * scale), round(full.height() * scale), QImage.Format.Format_RGB32
    )
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.translate(paint.left() * scale, paint.top() * scale)
    rect = QRectF(0, 0, paint.width() * scale, paint.height() * scale)
    paint_page(painter, document, page, rect, (scale, scale))
    painter.end()
    return image


def pdf_bytes(
    entries: Sequence[Entry],
    *,
    title: str = DOCUMENT_TITLE,
    exported_at: datetime | None = None,
    page_layout: QPageLayout | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> bytes:
    """The PDF of ``entries``, made in memory only."""
    ensure_gui_application()
    layout = page_layout or default_page_layout()
    document = build_document(
        entries,
        title=title,
        exported_at=exported_at,
        page_layout=layout,
        progress=progress,
        cancelled=cancelled,
    )
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(layout)
    writer.setTitle(title)  # the discreet document title, never an entry's
    writer.setCreator(APP_NAME)
    try:
        render(document, writer, progress=progress, cancelled=cancelled)
    finally:
        del writer
        buffer.close()
        document.clear()
    return bytes(data.data())


def write_pdf(
    entries: Sequence[Entry],
    path: Path,
    *,
    title: str = DOCUMENT_TITLE,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ExportResult:
    """Write ``entries`` as a PDF to ``path``, replacing it atomically.

    Raises:
        Cancelled: stopped before anything was written.
        VaultExists: ``path`` is a Tend journal (never written over).
        OSError: the file could not be written; an old file there is untouched.
    """
    data = pdf_bytes(entries, title=title, progress=progress, cancelled=cancelled)
    check_cancel(cancelled)
    atomic_write_bytes(Path(path), data)
    return ExportResult(Path(path), len(entries), len(data))


def page_count(data: bytes) -> int:
    """How many pages a PDF made here has (its page objects, counted)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", data))


__all__ = [
    "PrintDocument",
    "build_document",
    "default_page_layout",
    "ensure_gui_application",
    "page_count",
    "pdf_bytes",
    "render",
    "write_pdf",
]
