"""Lists of calm cards: a name over a muted line, both wrapped, never cut short.

The prompt chooser lists its themes this way, and the prompt packs dialog its
packs (which can be ticked on or off). A list of cards re-measures its rows when
its width changes, because wrapped lines take a new height at a new width.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QResizeEvent,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from journal_app.ui.journal.entry_delegate import is_dark, mix, muted_text, selection_fill

ThemeIdRole = Qt.ItemDataRole.UserRole + 1
DescriptionRole = Qt.ItemDataRole.UserRole + 2


class TwoLineDelegate(QStyledItemDelegate):
    """A calm card per row: a name over a muted line, both wrapped, never cut short.

    Rows that can be ticked (a pack that is on or off) get a round-cornered box at
    the left, drawn here and toggled by a click on it or by Space.
    """

    PAD_X = 16
    PAD_Y = 12
    GAP = 3
    MARGIN_Y = 4
    RADIUS = 10
    CHECK = 18
    CHECK_GAP = 14

    def __init__(self, parent: QWidget | None = None, *, bold_names: bool = True) -> None:
        super().__init__(parent)
        self.bold_names = bold_names

    def _fonts(self, base: QFont) -> tuple[QFont, QFont]:
        name = QFont(base)
        if self.bold_names:
            name.setWeight(QFont.Weight.DemiBold)
        if base.pointSizeF() > 0:
            name.setPointSizeF(base.pointSizeF() * (1.06 if self.bold_names else 1.1))
        return name, QFont(base)

    @staticmethod
    def _checkable(index: QModelIndex | QPersistentModelIndex) -> bool:
        """Only rows given a check state (a list item is "checkable" by default)."""
        return index.data(Qt.ItemDataRole.CheckStateRole) is not None

    def _text_width(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> int:
        width = option.rect.width()
        view = option.widget
        if isinstance(view, QAbstractItemView):
            width = view.viewport().width()
        width -= 2 * self.PAD_X + 4
        if self._checkable(index):
            width -= self.CHECK + self.CHECK_GAP
        return max(120, width)

    @staticmethod
    def _wrapped_height(text: str, font: QFont, width: int) -> int:
        if not text:
            return 0
        metrics = QFontMetrics(font)
        flags = Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextWrapAnywhere
        return metrics.boundingRect(0, 0, width, 100_000, flags, text).height()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        name_font, text_font = self._fonts(option.font)
        width = self._text_width(option, index)
        name = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        height = max(QFontMetrics(name_font).height(), self._wrapped_height(name, name_font, width))
        description = str(index.data(DescriptionRole) or "")
        extra = self._wrapped_height(description, text_font, width)
        if extra:
            height += self.GAP + extra
        return QSize(200, height + 2 * self.PAD_Y + 2 * self.MARGIN_Y)

    def _card(self, option: QStyleOptionViewItem) -> QRectF:
        return QRectF(option.rect).adjusted(2, self.MARGIN_Y, -2, -self.MARGIN_Y)

    def _check_rect(self, option: QStyleOptionViewItem) -> QRectF:
        card = self._card(option)
        return QRectF(
            card.left() + self.PAD_X - 2, card.top() + self.PAD_Y + 1, self.CHECK, self.CHECK
        )

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        # The application's colours: the list itself is transparent, cards on the page.
        palette = QApplication.palette()
        base = palette.color(QPalette.ColorRole.Base)
        window = palette.color(QPalette.ColorRole.Window)
        text_color = palette.color(QPalette.ColorRole.Text)
        accent = palette.color(QPalette.ColorRole.Accent)
        dark = is_dark(palette)
        card = self._card(option)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        view = option.widget
        edge = mix(window, text_color, 0.14 if dark else 0.12)
        if selected:
            fill, edge = selection_fill(palette), mix(selection_fill(palette), accent, 0.45)
        elif hovered:
            fill, edge = mix(base, accent, 0.05), mix(window, accent, 0.45)
        else:
            fill = base
        painter.setPen(edge)
        painter.setBrush(fill)
        painter.drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), self.RADIUS, self.RADIUS)
        if focused and view is not None and view.hasFocus():
            pen = painter.pen()
            pen.setColor(accent)
            pen.setWidthF(2.0)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card.adjusted(1, 1, -1, -1), self.RADIUS, self.RADIUS)

        left = card.left() + self.PAD_X - 2
        if self._checkable(index):
            self._paint_check(painter, option, index, palette)
            left += self.CHECK + self.CHECK_GAP
        name_font, text_font = self._fonts(option.font)
        width = self._text_width(option, index)
        wrap = QTextOption(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        wrap.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        name = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        name_height = max(
            QFontMetrics(name_font).height(), self._wrapped_height(name, name_font, width)
        )
        top = card.top() + self.PAD_Y
        painter.setFont(name_font)
        painter.setPen(
            palette.color(QPalette.ColorRole.HighlightedText) if selected else text_color
        )
        painter.drawText(QRectF(left, top, width, name_height + 2), name, wrap)
        description = str(index.data(DescriptionRole) or "")
        if description:
            painter.setFont(text_font)
            painter.setPen(muted_text(palette) if not selected else mix(text_color, fill, 0.28))
            top += name_height + self.GAP
            painter.drawText(QRectF(left, top, width, card.bottom() - top), description, wrap)
        painter.restore()

    def _paint_check(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        palette: QPalette,
    ) -> None:
        box = self._check_rect(option)
        checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked.value or (
            index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        )
        accent = palette.color(QPalette.ColorRole.Accent)
        if checked:
            painter.setPen(accent)
            painter.setBrush(accent)
        else:
            painter.setPen(muted_text(palette))
            painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        if checked:
            pen = painter.pen()
            pen.setColor(
                palette.color(QPalette.ColorRole.Base)
                if not is_dark(palette)
                else palette.color(QPalette.ColorRole.Window)
            )
            pen.setWidthF(2.0)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            x, y, w = box.left(), box.top(), box.width()
            painter.drawPolyline(
                [
                    QPointF(x + w * 0.24, y + w * 0.53),
                    QPointF(x + w * 0.43, y + w * 0.71),
                    QPointF(x + w * 0.77, y + w * 0.31),
                ]
            )

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        """A click on the box, or Space on the row, turns a tickable row on or off."""
        if not self._checkable(index):
            return False
        kind = event.type()
        toggle = False
        if kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            toggle = self._check_rect(option).adjusted(-6, -6, 6, 6).contains(event.position())
        elif kind == QEvent.Type.MouseButtonDblClick:
            return True
        elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            toggle = event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select)
        if not toggle:
            return False
        state = index.data(Qt.ItemDataRole.CheckStateRole)
        checked = state in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        new = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
        return model.setData(index, new, Qt.ItemDataRole.CheckStateRole)


class CardList(QListWidget):
    """A list of calm cards that re-measures its rows when its width changes."""

    def __init__(self, parent: QWidget | None = None, *, bold_names: bool = True) -> None:
        super().__init__(parent)
        self.setItemDelegate(TwoLineDelegate(self, bold_names=bold_names))
        self.setUniformItemSizes(False)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover, True)
        self.setSpacing(0)
        # The cards sit on the dialog itself; the list has no box of its own.
        self.setAutoFillBackground(False)
        self.viewport().setAutoFillBackground(False)
        self.setStyleSheet("QListWidget { background: transparent; border: none; }")

    def add_card(self, name: str, description: str, data: object = None) -> QListWidgetItem:
        item = QListWidgetItem(name, self)
        item.setData(DescriptionRole, description)
        item.setData(ThemeIdRole, data)
        item.setData(
            Qt.ItemDataRole.AccessibleTextRole, f"{name}. {description}" if description else name
        )
        item.setToolTip(description)
        return item

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.doItemsLayout()  # wrapped lines take a new height at a new width
