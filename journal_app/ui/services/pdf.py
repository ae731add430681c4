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
very same layout serves a PDF (``QPdfWriter``) and a printer (``QPrinter``); a
page is painted by :mod:`journal_app.ui.services.pdf_page`. A print (its preview
asks for any page at any time) keeps one document of every chosen entry, emptied
afterwards in short steps (:func:`dispose_steps`). A PDF never does: it is
typeset a batch of entries at a time (:mod:`journal_app.ui.services.pdf_flow`),
once to count the pages and once to paint them, so its memory stays that of a
batch whatever the number of entries. It is written into memory (``QBuffer``)
and then to the chosen file with :func:`journal_app.journal.files.atomic_write_pieces`:
no temporary copy of the text is ever put anywhere else.

``write_pdf(entries, path)`` is what ``tend export --format pdf`` calls. It works
without a desktop: if no Qt application exists yet it makes one on the
offscreen platform. (The CLI imports this module only when a PDF is asked for,
so the rest of the command line never loads Qt.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QPageLayout, QPainter, QPdfWriter, QTextCursor, QTextDocument

from journal_app import APP_NAME
from journal_app.journal.entry import Entry, now
from journal_app.journal.export import (
    DOCUMENT_TITLE,
    ExportResult,
    markdown_document_pieces,
)
from journal_app.journal.files import CancelCheck, Progress, atomic_write_pieces, check_cancel
from journal_app.ui.common.slices import LONG_STEP, Steps, run_steps
from journal_app.ui.services.pdf_flow import (
    CHUNK_CHARS,
    CHUNK_ENTRIES,
    chunks,
    fits_one_batch,
    flow_steps,
)
from journal_app.ui.services.pdf_page import (
    FOOTER_PT,
    PDF_RESOLUTION,
    POINTS_PER_INCH,
    PagedDevice,
    PrintDocument,
    default_page_layout,
    ensure_gui_application,
    page_image,
    paint_page,
    require_gui_thread,
    text_area_points,
)
from journal_app.ui.services.pdf_style import append_markdown, base_font

# How the work is split for progress reports (in thousandths). A print: the
# Markdown read, laid out, then the pages painted. An export: first the pages
# counted (a batch at a time, see pdf_flow), then typeset again and painted, the
# painting about twice the typesetting.
_MARKDOWN_SHARE = 200
_LAYOUT_SHARE = 150
_COUNT_SHARE = 250
_TYPESET_PART = 1 / 3  # of what follows the count, up to the last page
PROGRESS_TOTAL = 1000
# Then the bytes copied out of Qt, then written to the file (seconds for tens of
# megabytes on a slow disk): progress keeps moving to the very end.
COPIED_FROM = 940
WRITTEN_FROM = 970

DISPOSE_BLOCKS = 2_000  # blocks removed in one step when a document is emptied
COPY_BYTES = 1 << 20  # bytes of the finished PDF copied out of Qt in one step (a few ms)

# --------------------------------------------------------------- document


def document_steps(
    entries: Sequence[Entry],
    *,
    title: str = DOCUMENT_TITLE,
    note: str = "",
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
    require_gui_thread()
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
            entries, title=title, note=note, exported_at=exported_at, cancelled=cancelled
        )
        append_markdown(document, cursor, next(pieces))  # the title lines
        yield None
        done = 0
        for chunk, count in chunks(pieces):
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
    note: str = "",
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
            note=note,
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


def _begin_painting(device: PagedDevice) -> tuple[QPainter, QRectF, tuple[float, float]]:
    """A painter begun on ``device``, the paint area in device pixels, and how many
    device pixels make a point across and down."""
    paint_rect = QRectF(device.pageLayout().paintRectPixels(device.resolution()))
    scale = (device.logicalDpiX() / POINTS_PER_INCH, device.logicalDpiY() / POINTS_PER_INCH)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("The pages could not be prepared.")
    return painter, paint_rect, scale


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
    require_gui_thread()
    page_layout = device.pageLayout()
    area = text_area_points(page_layout)
    if document.pageSize() != area:
        document.setPageSize(area)
    pages = document.pageCount()
    painter, paint_rect, scale = _begin_painting(device)
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


def _copy_steps(data: QByteArray, progress: Progress | None) -> Steps[bytearray]:
    """The finished PDF copied out of Qt's buffer a megabyte a step, then that emptied.

    One copy of tens of megabytes would be one long call; the value is a
    ``bytearray`` (plain Python, so a worker thread may write it to disk), made
    at its full size first so that it is never copied again as it grows.
    """
    size = data.size()
    out = bytearray(size)
    for offset in range(0, size, COPY_BYTES):
        chunk = data.mid(offset, COPY_BYTES).data()
        out[offset : offset + len(chunk)] = chunk
        if progress is not None:
            share = (WRITTEN_FROM - COPIED_FROM) * (offset + len(chunk)) // max(size, 1)
            progress(COPIED_FROM + share, PROGRESS_TOTAL)
        yield None
    data.clear()
    return out


def written_pieces(data: bytes | bytearray, progress: Progress | None) -> Iterator[memoryview]:
    """``data`` a megabyte at a time for :func:`journal_app.journal.files.atomic_write_pieces`,
    reporting progress from :data:`WRITTEN_FROM` to the end. Plain Python: a worker
    thread may run it."""
    view = memoryview(data)
    for offset in range(0, len(view), COPY_BYTES):
        yield view[offset : offset + COPY_BYTES]
        if progress is not None:
            share = (PROGRESS_TOTAL - WRITTEN_FROM) * min(offset + COPY_BYTES, len(view))
            progress(WRITTEN_FROM + share // max(len(view), 1), PROGRESS_TOTAL)


def _painted_steps(
    entries: Sequence[Entry],
    writer: QPdfWriter,
    *,
    title: str,
    note: str,
    exported_at: datetime,
    pages: int | None,
    progress: Progress | None,
    cancelled: CancelCheck | None,
) -> Steps[int]:
    """Typeset ``entries`` (again), a batch at a time, and paint every page on
    ``writer`` numbered "n of ``pages``" (None: they fit one batch, whose own page
    count it is); the painter is ended however it stops."""
    painter, paint_rect, scale = _begin_painting(writer)
    total = max(len(entries), 1)
    start = 0 if pages is None else _COUNT_SHARE
    known = [pages or 1]  # the number of pages, once known

    def paint(document: PrintDocument, page: int, number: int) -> None:
        if number:
            writer.newPage()
        known[0] = pages if pages is not None else document.pageCount()
        paint_page(painter, document, page, paint_rect, scale, number=(number + 1, known[0]))

    def report(read: int, painted: int) -> None:
        if progress is not None:
            done = _TYPESET_PART * read / total + (1 - _TYPESET_PART) * painted / known[0]
            progress(start + int((COPIED_FROM - start) * done), PROGRESS_TOTAL)

    try:
        painted = yield from flow_steps(
            entries,
            title=title,
            note=note,
            exported_at=exported_at,
            page_layout=writer.pageLayout(),
            on_page=paint,
            report=report,
            cancelled=cancelled,
        )
        # Ending the painter writes the fonts and the index: one Qt call, the longest
        # step; it starts a slice of its own.
        yield LONG_STEP
    finally:
        painter.end()
    return painted


def pdf_steps(
    entries: Sequence[Entry],
    *,
    title: str = DOCUMENT_TITLE,
    note: str = "",
    exported_at: datetime | None = None,
    page_layout: QPageLayout | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> Steps[bytearray]:
    """The PDF of ``entries``, made in memory only, a step at a time; the generator's
    value is its bytes.

    Only a batch of entries is ever typeset at once (:mod:`journal_app.ui.services.pdf_flow`),
    twice: first to count the pages, then to paint them, each numbered "n of N";
    entries that fit one batch are typeset once.
    """
    layout = page_layout or default_page_layout()
    moment = exported_at or now()  # the same date under the title in both runs
    total = max(len(entries), 1)

    def counted(read: int, _pages: int) -> None:
        if progress is not None:
            progress(read * _COUNT_SHARE // total, PROGRESS_TOTAL)

    pages: int | None = None  # counted first, unless they fit one batch
    if not fits_one_batch(len(entries)):
        pages = yield from flow_steps(
            entries,
            title=title,
            note=note,
            exported_at=moment,
            page_layout=layout,
            report=counted,
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
            yield from _painted_steps(
                entries,
                writer,
                title=title,
                note=note,
                exported_at=moment,
                pages=pages,
                progress=progress,
                cancelled=cancelled,
            )
        finally:
            del writer
            buffer.close()
    except BaseException:  # Cancelled, failed or closed: nothing of it is kept
        data.clear()
        raise
    yield None  # ending the painter (fonts, index) was the long step: no more in this slice
    return (yield from _copy_steps(data, progress))


def pdf_bytes(
    entries: Sequence[Entry],
    *,
    title: str = DOCUMENT_TITLE,
    note: str = "",
    exported_at: datetime | None = None,
    page_layout: QPageLayout | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> bytes:
    """The PDF of ``entries``, made in memory only (:func:`pdf_steps` all at once)."""
    ensure_gui_application()
    data = run_steps(
        pdf_steps(
            entries,
            title=title,
            note=note,
            exported_at=exported_at,
            page_layout=page_layout,
            progress=progress,
            cancelled=cancelled,
        )
    )
    if progress is not None:
        progress(PROGRESS_TOTAL, PROGRESS_TOTAL)  # nothing is left to write
    return bytes(data)


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
    ensure_gui_application()
    data = run_steps(pdf_steps(entries, title=title, progress=progress, cancelled=cancelled))
    check_cancel(cancelled)
    size = atomic_write_pieces(Path(path), written_pieces(data, progress))
    return ExportResult(Path(path), len(entries), size)


def page_count(data: bytes) -> int:
    """How many pages a PDF made here has (its page objects, counted)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", data))


__all__ = [
    "CHUNK_CHARS",
    "CHUNK_ENTRIES",
    "FOOTER_PT",
    "PrintDocument",
    "build_document",
    "default_page_layout",
    "dispose_steps",
    "document_steps",
    "ensure_gui_application",
    "page_count",
    "page_image",
    "paint_page",
    "pdf_bytes",
    "pdf_steps",
    "render",
    "render_steps",
    "write_pdf",
    "written_pieces",
]
