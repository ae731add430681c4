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
        """The card, then line 1 (the title) and line 2 (date, theme, tags)."""
        card = QRectF(option.rect).adjusted(
            CARD_MARGIN_X, CARD_MARGIN_Y, -CARD_MARGIN_X, -CARD_MARGIN_Y
        )
        self._paint_card(painter, option, card)
        inner = card.adjusted(H_PAD - CARD_MARGIN_X, V_PAD, -(H_PAD - CARD_MARGIN_X), -V_PAD)
        title_rect = self._paint_title(painter, option, index, inner)

        # Line 2: date, then the theme of its prompt, then tags as quiet pills.
        meta_font = self.meta_font(option.font)
        metrics = QFontMetrics(meta_font)
        meta_rect = QRectF(
            inner.left(), title_rect.bottom() + LINE_GAP, inner.width(), metrics.height() + 2
        )
        painter.setFont(meta_font)
        painter.setPen(muted_text(option.palette))
        date_text = str(index.data(Roles.DateText) or "")
        painter.drawText(
            meta_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, date_text
        )
        x = meta_rect.left() + metrics.horizontalAdvance(date_text) + 10
        x = self._paint_theme(painter, option.palette, index, meta_rect, metrics, x)
        self._paint_tags(painter, option, index, meta_rect, metrics, x)

    @staticmethod
    def _paint_card(painter: QPainter, option: QStyleOptionViewItem, card: QRectF) -> None:
        """The row's rounded card: filled when selected or hovered, ringed when focused."""
        palette = option.palette
        base = palette.color(QPalette.ColorRole.Base)
        text_color = palette.color(QPalette.ColorRole.Text)
        state = option.state
        active = bool(state & QStyle.StateFlag.State_Active)
        if state & QStyle.StateFlag.State_Selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(selection_fill(palette, active=active))
            painter.drawRoundedRect(card, RADIUS, RADIUS)
        elif state & QStyle.StateFlag.State_MouseOver:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(mix(base, text_color, 0.06 if is_dark(palette) else 0.04))
            painter.drawRoundedRect(card, RADIUS, RADIUS)
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        if focused and option.widget is not None and option.widget.hasFocus():
            # The keyboard's place in the list, visible without colour alone.
            painter.setPen(palette.color(QPalette.ColorRole.Accent))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), RADIUS, RADIUS)

    def _paint_title(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        inner: QRectF,
    ) -> QRectF:
        """Line 1: the title (muted italics when there is none), found words marked,
        and the next-session ribbon at its end. The rect of the line."""
        palette = option.palette
        title_font = self.title_font(option.font)
        metrics = QFontMetrics(title_font)
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        untitled = bool(index.data(Roles.IsUntitled))
        title_rect = QRectF(inner.left(), inner.top(), inner.width(), metrics.height())
        if getattr(index.data(Roles.Entry), "flagged", False):
            # Marked for the next session: a small ribbon at the end of the title line.
            mark = QRectF(title_rect.right() - 12, title_rect.top(), 12, title_rect.height())
            title_rect.setRight(mark.left() - 6)
            paint_mark(painter, mark.adjusted(1, 3, -1, -3), mark_color(palette))
        spans = index.data(Roles.TitleSpans) or []
        if spans and not untitled:
            self._paint_matches(painter, palette, title, spans, title_rect, metrics)
        painter.setFont(title_font)
        if untitled:
            italic = QFont(title_font)
            italic.setItalic(True)
            italic.setWeight(QFont.Weight.Normal)
            painter.setFont(italic)
            painter.setPen(muted_text(palette))
        else:
            painter.setPen(palette.color(QPalette.ColorRole.Text))
        elided = metrics.elidedText(title, Qt.TextElideMode.ElideRight, round(title_rect.width()))
        painter.drawText(
            title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided
        )
        return title_rect

    @staticmethod
    def _paint_matches(
        painter: QPainter,
        palette: QPalette,
        title: str,
        spans: list[tuple[int, int]],
        rect: QRectF,
        metrics: QFontMetrics,
    ) -> None:
        """A soft highlight behind each found word of the title (within ``rect``)."""
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(match_color(palette))
        for start, end in spans:
            x0 = rect.left() + metrics.horizontalAdvance(title[:start])
            x1 = rect.left() + metrics.horizontalAdvance(title[:end])
            x1 = min(x1, rect.right())
            if x0 >= rect.right():
                continue
            painter.drawRoundedRect(QRectF(x0 - 2, rect.top(), x1 - x0 + 4, rect.height()), 3, 3)

    @staticmethod
    def _paint_theme(
        painter: QPainter,
        palette: QPalette,
        index: QModelIndex | QPersistentModelIndex,
        meta_rect: QRectF,
        metrics: QFontMetrics,
        x: float,
    ) -> float:
        """Written with a prompt: a small sage dot and the theme's name, if there is room.
        Where line 2 goes on."""
        theme = str(index.data(Roles.ThemeName) or "")
        if not theme:
            return x
        room = meta_rect.right() - x - DOT - DOT_GAP
        if room <= metrics.horizontalAdvance("Wh…"):
            return x
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Accent))
        centre_y = meta_rect.center().y()
        painter.drawEllipse(QRectF(x, centre_y - DOT / 2, DOT, DOT))
        x += DOT + DOT_GAP
        name = metrics.elidedText(theme, Qt.TextElideMode.ElideRight, round(room))
        painter.setPen(muted_text(palette))
        painter.drawText(
            QRectF(x, meta_rect.top(), room, meta_rect.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            name,
        )
        return x + metrics.horizontalAdvance(name) + 10

    @staticmethod
    def _paint_tags(
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        meta_rect: QRectF,
        metrics: QFontMetrics,
        x: float,
    ) -> None:
        """The tags as quiet pills, as many as fit (the last one cut short if need be)."""
        palette = option.palette
        text_color = palette.color(QPalette.ColorRole.Text)
        shade = 0.10 if is_dark(palette) else 0.07
        behind = palette.color(QPalette.ColorRole.Base)
        if option.state & QStyle.StateFlag.State_Selected:
            behind = selection_fill(palette)
        pill_fill = mix(behind, text_color, shade)
        muted = muted_text(palette)
        for tag in index.data(Roles.Tags) or []:
            width: float = metrics.horizontalAdvance(tag) + 2 * TAG_PAD_X
            room = meta_rect.right() - x
            if room < metrics.horizontalAdvance("…") + 2 * TAG_PAD_X + 4:
                break
            label = tag
            if width > room:
                label = metrics.elidedText(
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
