"""Paints one row of the entry list: a calm two-line card, or a month header.

Every row has the same height (the view relies on that to scroll 100,000 rows);
a month header uses the room above its label as breathing space between months.
Matched words in a title get a soft highlight behind them while searching.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from journal_app.ui.journal.entry_model import Roles
from journal_app.ui.journal.flag import mark_color, paint_mark

H_PAD = 14
V_PAD = 10
LINE_GAP = 3
CARD_MARGIN_X = 6
CARD_MARGIN_Y = 2
RADIUS = 8
TAG_GAP = 6
TAG_PAD_X = 6
DOT = 5
DOT_GAP = 5


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` of the way toward ``b``."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def muted_text(palette: QPalette) -> QColor:
    """Secondary text that still reads (about 4.5:1 on the base colour)."""
    amount = 0.40
    return mix(
        palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), amount
    )


def selection_fill(palette: QPalette, *, active: bool = True) -> QColor:
    """The selected row: the palette's highlight if it is already soft (a calm
    theme), else the highlight blended into the background so text stays readable."""
    base = palette.color(QPalette.ColorRole.Base)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    dark = is_dark(palette)
    soft = highlight.lightnessF() > 0.72 if not dark else highlight.lightnessF() < 0.4
    if soft:
        return highlight if active else mix(base, highlight, 0.6)
    return mix(base, highlight, 0.30 if active else 0.18)


def match_color(palette: QPalette) -> QColor:
    """A soft, warm highlight for found words, readable in light and dark."""
    if is_dark(palette):
        return QColor(196, 150, 40, 110)
    return QColor(255, 214, 102, 150)


class EntryDelegate(QStyledItemDelegate):
    """Title (a little bolder) over date and tags (muted), with uniform height."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    # ---------------------------------------------------------------- fonts

    @staticmethod
    def title_font(base: QFont) -> QFont:
        font = QFont(base)
        font.setPointSizeF(base.pointSizeF() * 1.08 if base.pointSizeF() > 0 else 10)
        font.setWeight(QFont.Weight.DemiBold)
        return font

    @staticmethod
    def meta_font(base: QFont) -> QFont:
        font = QFont(base)
        if base.pointSizeF() > 0:
            font.setPointSizeF(base.pointSizeF() * 0.92)
        return font

    @staticmethod
    def header_font(base: QFont) -> QFont:
        font = QFont(base)
        font.setWeight(QFont.Weight.Bold)
        return font

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        title = QFontMetrics(self.title_font(option.font))
        meta = QFontMetrics(self.meta_font(option.font))
        height = 2 * V_PAD + 2 * CARD_MARGIN_Y + title.height() + LINE_GAP + meta.height() + 2
        return QSize(200, height)

    # ---------------------------------------------------------------- paint

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        try:
            if index.data(Roles.IsHeader):
                self._paint_header(painter, option, index)
            else:
                self._paint_entry(painter, option, index)
        finally:
            painter.restore()

    def _paint_header(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        # Headers are disabled rows (so the keyboard skips them), but they must not
        # look disabled: paint them with the normal colours.
        palette = QPalette(option.palette)
        palette.setCurrentColorGroup(QPalette.ColorGroup.Active)
        font = self.header_font(option.font)
        metrics = QFontMetrics(font)
        rect = option.rect.adjusted(H_PAD + CARD_MARGIN_X, 0, -H_PAD, -6)
        painter.setFont(font)
        painter.setPen(
            mix(
                palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.25
            )
        )
        text = metrics.elidedText(
            str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
            Qt.TextElideMode.ElideRight,
            rect.width(),
        )
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, text)

    def _paint_entry(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        palette = option.palette
        base = palette.color(QPalette.ColorRole.Base)
        text_color = palette.color(QPalette.ColorRole.Text)
        dark = is_dark(palette)

        card = QRectF(option.rect).adjusted(
            CARD_MARGIN_X, CARD_MARGIN_Y, -CARD_MARGIN_X, -CARD_MARGIN_Y
        )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        active = bool(option.state & QStyle.StateFlag.State_Active)
        if selected:
            fill = selection_fill(palette, active=active)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(card, RADIUS, RADIUS)
        elif hovered:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(mix(base, text_color, 0.06 if dark else 0.04))
            painter.drawRoundedRect(card, RADIUS, RADIUS)
        if focused and option.widget is not None and option.widget.hasFocus():
            # The keyboard's place in the list, visible without colour alone.
            painter.setPen(palette.color(QPalette.ColorRole.Accent))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), RADIUS, RADIUS)

        inner = card.adjusted(H_PAD - CARD_MARGIN_X, V_PAD, -(H_PAD - CARD_MARGIN_X), -V_PAD)
        title_font = self.title_font(option.font)
        meta_font = self.meta_font(option.font)
        title_metrics = QFontMetrics(title_font)
        meta_metrics = QFontMetrics(meta_font)
        muted = muted_text(palette)

        # Line 1: the title, with found words marked.
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        untitled = bool(index.data(Roles.IsUntitled))
        title_rect = QRectF(inner.left(), inner.top(), inner.width(), title_metrics.height())
        if getattr(index.data(Roles.Entry), "flagged", False):
            # Marked for the next session: a small ribbon at the end of the title line.
            mark = QRectF(title_rect.right() - 12, title_rect.top(), 12, title_rect.height())
            title_rect.setRight(mark.left() - 6)
            paint_mark(painter, mark.adjusted(1, 3, -1, -3), mark_color(palette))
        spans = index.data(Roles.TitleSpans) or []
        if spans and not untitled:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(match_color(palette))
            for start, end in spans:
                x0 = title_rect.left() + title_metrics.horizontalAdvance(title[:start])
                x1 = title_rect.left() + title_metrics.horizontalAdvance(title[:end])
                x1 = min(x1, title_rect.right())
                if x0 >= title_rect.right():
                    continue
                painter.drawRoundedRect(
                    QRectF(x0 - 2, title_rect.top(), x1 - x0 + 4, title_rect.height()), 3, 3
                )
        painter.setFont(title_font)
        if untitled:
            italic = QFont(title_font)
            italic.setItalic(True)
            italic.setWeight(QFont.Weight.Normal)
            painter.setFont(italic)
            painter.setPen(muted)
        else:
            painter.setPen(text_color)
        elided = title_metrics.elidedText(
            title, Qt.TextElideMode.ElideRight, round(title_rect.width())
        )
        painter.drawText(
            title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided
        )

        # Line 2: date, then tags as quiet pills.
        meta_top = title_rect.bottom() + LINE_GAP
        meta_rect = QRectF(inner.left(), meta_top, inner.width(), meta_metrics.height() + 2)
        painter.setFont(meta_font)
        painter.setPen(muted)
        date_text = str(index.data(Roles.DateText) or "")
        painter.drawText(
            meta_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, date_text
        )
        x = meta_rect.left() + meta_metrics.horizontalAdvance(date_text) + 10
        theme = str(index.data(Roles.ThemeName) or "")
        if theme:
            # Written with a prompt: a small sage dot and the theme's name.
            room = meta_rect.right() - x - DOT - DOT_GAP
            if room > meta_metrics.horizontalAdvance("Wh…"):
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(palette.color(QPalette.ColorRole.Accent))
                centre_y = meta_rect.center().y()
                painter.drawEllipse(QRectF(x, centre_y - DOT / 2, DOT, DOT))
                x += DOT + DOT_GAP
                name = meta_metrics.elidedText(theme, Qt.TextElideMode.ElideRight, round(room))
                painter.setPen(muted)
                painter.drawText(
                    QRectF(x, meta_rect.top(), room, meta_rect.height()),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    name,
                )
                x += meta_metrics.horizontalAdvance(name) + 10
        pill_fill = mix(base, text_color, 0.10 if dark else 0.07)
        if selected:
            pill_fill = mix(selection_fill(palette), text_color, 0.10 if dark else 0.07)
        for tag in index.data(Roles.Tags) or []:
            width = meta_metrics.horizontalAdvance(tag) + 2 * TAG_PAD_X
            room = meta_rect.right() - x
            if room < meta_metrics.horizontalAdvance("…") + 2 * TAG_PAD_X + 4:
                break
            label = tag
            if width > room:
                label = meta_metrics.elidedText(
                    tag, Qt.TextElideMode.ElideRight, round(room - 2 * TAG_PAD_X)
                )
                width = room
            pill = QRectF(x, meta_rect.top(), width, meta_rect.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pill_fill)
            painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            painter.setPen(muted)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)
            x += width + TAG_GAP
