"""Entries typeset for paper: one document for the PDF export and for printing.

The text comes from :func:`journal_app.journal.export.markdown_document_pieces`,
the same Markdown as a ``.md`` export, read by Qt's own Markdown reader
(``QTextCursor.insertMarkdown``) and given a calm book-like style: a serif face,
roomy lines, the date and tags quiet under each title, the prompt in italics.
Page numbers are drawn under each page; nothing of the app's chrome is printed.

All of it runs on the GUI thread, never on a worker: Qt's text and PDF classes
take process-wide Qt locks while PySide6 holds Python's, which can deadlock
against the GUI thread (see :mod:`journal_app.ui.common.slices`). So the work is written
as generators of short steps (:func:`document_steps`, :func:`render_steps`,
:func:`pdf_steps`): the window runs them a slice at a time between events
(:class:`journal_app.ui.common.slices.SliceRunner`), and :func:`build_document`,
:func:`render` and :func:`pdf_bytes` run the same steps all at once. A step is a
few entries read, styled and laid out (at most :data:`CHUNK_ENTRIES` entries or
:data:`CHUNK_CHARS` characters of Markdown), or one page painted; progress and
Cancel are checked after each. Only the new blocks are styled and laid out each
time; the default font is set once, first, since changing it later would lay
out the whole document again.

The document is laid out in points (1/72 inch) on an offscreen image, so the
very same layout serves a PDF (``QPdfWriter``) and a printer (``QPrinter``). A
PDF is written into memory (``QBuffer``) and then to the chosen file with
:func:`journal_app.journal.files.atomic_write_bytes`: no temporary copy of the
text is ever put anywhere else. Afterwards the document is emptied, also in
short steps (:func:`dispose_steps`), so the plaintext leaves memory early.

``write_pdf(entries, path)`` is what ``tend export --format pdf`` calls. It works
without a desktop: if no Qt application exists yet it makes one on the
offscreen platform. (The CLI imports this module only when a PDF is asked for,
so the rest of the command line never loads Qt.)
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

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
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextCursor,
    QTextDocument,
)

from journal_app import APP_NAME
from journal_app.journal.entry import Entry
from journal_app.journal.export import (
    DOCUMENT_TITLE,
    ExportResult,
    markdown_document_pieces,
)
from journal_app.journal.files import CancelCheck, Progress, atomic_write_bytes, check_cancel
from journal_app.ui.common.slices import LONG_STEP, Steps, run_steps
from journal_app.ui.services.pdf_style import (
    FOOTER_FONT_PT,
    INK,
    MUTED,
    RULE,
    append_markdown,
    base_font,
    body_family,
)

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

# What the pages are painted on: both say their resolution (QPagedPaintDevice does not).
PagedDevice: TypeAlias = "QPdfWriter | QPrinter"
POINTS_PER_INCH = 72
DOTS_PER_METRE_AT_72_DPI = round(POINTS_PER_INCH / 0.0254)
MARGIN_MM = 22.0
FOOTER_PT = 28.0  # room under the text for the page number
PDF_RESOLUTION = 300

# How the work is split for progress reports (in thousandths).
_MARKDOWN_SHARE = 200
_LAYOUT_SHARE = 150
PROGRESS_TOTAL = 1000

# Entries read, styled and laid out in one step: at most this many, and no more
# Markdown than this once a piece is in (about 10 ms at ~1.5 KB an entry).
CHUNK_ENTRIES = 25
CHUNK_CHARS = 12_000
DISPOSE_BLOCKS = 2_000  # blocks removed in one step when a document is emptied
COPY_BYTES = 4 << 20  # bytes of the finished PDF copied out of Qt in one step

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
    """A QTextDocument laid out in points, on an image of its own (GUI thread only)."""

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


def _require_gui_thread() -> None:
    """Refuse to make or paint a document off the GUI thread (see the module's doc).

    Tend makes its Qt application on the main thread. The check is plain Python
    on purpose: asking Qt which thread this is would itself be a Qt call.
    """
    if threading.current_thread() is not threading.main_thread():
        raise RuntimeError(
            "PDF and print documents are made on the GUI thread only: Qt's text "
            "classes on a worker thread can deadlock the window."
        )


def _chunks(pieces: Iterator[str]) -> Iterator[tuple[str, int]]:
    """The entries' Markdown pieces joined into steps of :data:`CHUNK_ENTRIES` entries
    or :data:`CHUNK_CHARS` characters, whichever comes first (one long entry is a
    step of its own: Markdown is never split inside an entry), with their count."""
    chunk: list[str] = []
    size = 0
    for piece in pieces:
        chunk.append(piece)
        size += len(piece)
        if len(chunk) >= CHUNK_ENTRIES or size >= CHUNK_CHARS:
            yield "".join(chunk), len(chunk)
            chunk, size = [], 0
    if chunk:
        yield "".join(chunk), len(chunk)


def document_steps(
    entries: Sequence[Entry],
    *,
    title: str = DOCUMENT_TITLE,
    exported_at: datetime | None = None,
    page_layout: QPageLayout | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> Steps[PrintDocument]:
    """Typeset ``entries`` (oldest first, as ``select`` gives them), a step at a time;
    the generator's value is the :class:`PrintDocument`.

    Progress is reported and ``cancelled`` checked after each step. On the GUI
    thread only. If it stops early (Cancelled, a failure, closed), what was built
    is emptied at once.
    """
    _require_gui_thread()
    total = max(len(entries), 1)
    share = _MARKDOWN_SHARE + _LAYOUT_SHARE
    document = PrintDocument(len(entries))
    try:
        document.setUndoRedoEnabled(False)
        # Set once, before any text: setting it later would lay out everything again.
        document.setDefaultFont(base_font())
        document.set_page_layout(page_layout or default_page_layout())
        cursor = QTextCursor(document)
        pieces = markdown_document_pieces(
            entries, title=title, exported_at=exported_at, cancelled=cancelled
        )
        append_markdown(document, cursor, next(pieces))  # the title lines
        yield None
        done = 0
        for chunk, count in _chunks(pieces):
            check_cancel(cancelled)
            append_markdown(document, cursor, chunk)
            done += count
            if progress is not None:
                progress(done * share // total, PROGRESS_TOTAL)
            yield None
        check_cancel(cancelled)
    except BaseException:
        document.clear()
        raise
    if progress is not None:
        progress(share, PROGRESS_TOTAL)
    return document


def build_document(
    entries: Sequence[Entry],
    *,
    title: str = DOCUMENT_TITLE,
    exported_at: datetime | None = None,
    page_layout: QPageLayout | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> PrintDocument:
    """:func:`document_steps` all at once (the command line, tests, small documents)."""
    return run_steps(
        document_steps(
            entries,
            title=title,
            exported_at=exported_at,
            page_layout=page_layout,
            progress=progress,
            cancelled=cancelled,
        )
    )


def dispose_steps(document: QTextDocument) -> Steps[None]:
    """Empty ``document`` a few thousand blocks at a time, from the end.

    ``clear()`` on a document of thousands of pages is one long Qt call (a tenth of
    a second at 10,000 entries); taking the text away in short steps first keeps
    the window moving, and the plaintext still leaves memory now, not whenever the
    object is collected.
    """
    cursor = QTextCursor(document)
    while document.blockCount() > DISPOSE_BLOCKS:
        block = document.findBlockByNumber(document.blockCount() - DISPOSE_BLOCKS)
        cursor.setPosition(block.position())
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        yield None
    document.clear()


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


def render_steps(
    document: PrintDocument,
    device: PagedDevice,
    *,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> Steps[int]:
    """Paint every page of ``document`` on a PDF writer or a printer, a page a step;
    the generator's value is the number of pages.

    The device's page layout decides the paper and margins; the document is laid
    out again for it if they differ from what it was made for. The painter is
    ended however it stops (that finishes the device's file).
    """
    _require_gui_thread()
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
            yield None
        # Ending the painter writes the fonts and the index: one Qt call, the longest
        # step; it starts a slice of its own.
        yield LONG_STEP
    finally:
        painter.end()
    return pages


def render(
    document: PrintDocument,
    device: PagedDevice,
    *,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> int:
    """:func:`render_steps` all at once (a print preview asks for every page at once)."""
    return run_steps(render_steps(document, device, progress=progress, cancelled=cancelled))


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


def _copy_steps(data: QByteArray) -> Steps[bytearray]:
    """The finished PDF copied out of Qt's buffer a few MiB a step, then that emptied.

    One copy of tens of megabytes would be one long call; the value is a
    ``bytearray`` (plain Python, so a worker thread may write it to disk).
    """
    out = bytearray()
    for offset in range(0, data.size(), COPY_BYTES):
        out += data.mid(offset, COPY_BYTES).data()
        yield None
    data.clear()
    return out


def pdf_steps(
    entries: Sequence[Entry],
    *,
    title: str = DOCUMENT_TITLE,
    exported_at: datetime | None = None,
    page_layout: QPageLayout | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> Steps[bytearray]:
    """The PDF of ``entries``, made in memory only, a step at a time; the generator's
    value is its bytes. The document is emptied afterwards, however it ends."""
    layout = page_layout or default_page_layout()
    document = yield from document_steps(
        entries,
        title=title,
        exported_at=exported_at,
        page_layout=layout,
        progress=progress,
        cancelled=cancelled,
    )
    data = QByteArray()
    try:
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setResolution(PDF_RESOLUTION)
        writer.setPageLayout(layout)
        writer.setTitle(title)  # the discreet document title, never an entry's
        writer.setCreator(APP_NAME)
        try:
            yield from render_steps(document, writer, progress=progress, cancelled=cancelled)
        finally:
            del writer
            buffer.close()
    except GeneratorExit:  # closed from outside: no more steps may be taken
        document.clear()
        data.clear()
        raise
    except BaseException:  # Cancelled or failed: still emptied in short steps
        data.clear()
        yield from dispose_steps(document)
        raise
    yield None  # ending the painter (fonts, index) was the long step: no more in this slice
    yield from dispose_steps(document)
    return (yield from _copy_steps(data))


def pdf_bytes(
    entries: Sequence[Entry],
    *,
    title: str = DOCUMENT_TITLE,
    exported_at: datetime | None = None,
    page_layout: QPageLayout | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> bytes:
    """The PDF of ``entries``, made in memory only (:func:`pdf_steps` all at once)."""
    ensure_gui_application()
    return bytes(
        run_steps(
            pdf_steps(
                entries,
                title=title,
                exported_at=exported_at,
                page_layout=page_layout,
                progress=progress,
                cancelled=cancelled,
            )
        )
    )


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
    "dispose_steps",
    "document_steps",
    "ensure_gui_application",
    "page_count",
    "pdf_bytes",
    "pdf_steps",
    "render",
    "render_steps",
    "write_pdf",
]
