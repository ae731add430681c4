"""A page of Tend's paper: its size, the document laid out in points, one page painted.

Kept below :mod:`journal_app.ui.services.pdf` (which runs the steps of an export or a
print) and :mod:`journal_app.ui.services.pdf_flow` (which typesets an export a batch
of entries at a time), so both paint a page the same way.

The document is laid out in points (1/72 inch) on an offscreen image, so the very
same layout serves a PDF (``QPdfWriter``) and a printer (``QPrinter``). GUI thread
only, like every Qt text class here (see :mod:`journal_app.ui.common.slices`).
"""

from __future__ import annotations

import math
import threading
from typing import TYPE_CHECKING, TypeAlias

from PySide6.QtCore import QCoreApplication, QLocale, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QTextDocument,
)

from journal_app import APP_NAME
from journal_app.ui.services.pdf_style import FOOTER_FONT_PT, INK, MUTED, RULE, body_family

if TYPE_CHECKING:
    from PySide6.QtGui import QPdfWriter
    from PySide6.QtPrintSupport import QPrinter

# What the pages are painted on: both say their resolution (QPagedPaintDevice does not).
PagedDevice: TypeAlias = "QPdfWriter | QPrinter"
POINTS_PER_INCH = 72
DOTS_PER_METRE_AT_72_DPI = round(POINTS_PER_INCH / 0.0254)
MARGIN_MM = 22.0
FOOTER_PT = 28.0  # room under the text for the page number
PDF_RESOLUTION = 300
FIXED_STEPS_PER_POINT = 64  # Qt's text layout counts in 1/64ths (QFixed)

_APP: QGuiApplication | None = None  # the offscreen application made for the CLI


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


def require_gui_thread() -> None:
    """Refuse to make or paint a document off the GUI thread (see the module's doc).

    Tend makes its Qt application on the main thread. The check is plain Python
    on purpose: asking Qt which thread this is would itself be a Qt call.
    """
    if threading.current_thread() is not threading.main_thread():
        raise RuntimeError(
            "PDF and print documents are made on the GUI thread only: Qt's text "
            "classes on a worker thread can deadlock the window."
        )


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


def page_height(document: QTextDocument) -> float:
    """How tall a page is as the layout counts it, in points.

    Qt's layout keeps the page height in 1/64ths of a point, cut down, not rounded
    (689.26 becomes 689.25): page ``n`` begins at ``n`` times that. Painting at ``n``
    times the height as given would drift by a little more on every page (half a
    line by page 1,000) and cut the first and last lines of late pages.
    """
    height = document.pageSize().height()
    return math.floor(height * FIXED_STEPS_PER_POINT) / FIXED_STEPS_PER_POINT


def page_rect(document: QTextDocument, page: int) -> QRectF:
    """Where page ``page`` (from 0) is in ``document``'s layout, in points."""
    height = page_height(document)
    return QRectF(0, page * height, document.pageSize().width(), height)


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


def paint_page(
    painter: QPainter,
    document: QTextDocument,
    page: int,
    paint_rect: QRectF,
    dots_per_point: tuple[float, float],
    *,
    number: tuple[int, int] | None = None,
) -> None:
    """Paint one page (counted from 0) and its number, with the painter's origin at
    the top left of the paint area (inside the margins) and ``paint_rect`` its size in
    device pixels.

    ``number``: the page's number and the number of pages, to print under it, when
    ``document`` holds only part of the pages (an export made a batch at a time);
    by default ``page + 1`` of ``document``'s own page count.
    """
    scale_x, scale_y = dots_per_point
    shown, pages = number or (page + 1, document.pageCount())
    area = page_rect(document, page)
    painter.save()
    painter.scale(scale_x, scale_y)
    painter.translate(0, -area.top())
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = area
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
        painter.drawText(footer, int(Qt.AlignmentFlag.AlignCenter), f"{shown} of {pages}")
        painter.restore()


def page_image(
    document: QTextDocument, page: int, page_layout: QPageLayout, dpi: int = 110
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


__all__ = [
    "FOOTER_PT",
    "PDF_RESOLUTION",
    "POINTS_PER_INCH",
    "PagedDevice",
    "PrintDocument",
    "default_page_layout",
    "ensure_gui_application",
    "page_height",
    "page_image",
    "page_rect",
    "paint_page",
    "require_gui_thread",
    "text_area_points",
]
