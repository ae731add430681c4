"""Writing with a prompt: the theme chooser, and the soft card above the editor.

A prompt is only ever an invitation the person asked for (or turned on in
Settings). The chooser lists the four themes of recovery in Tend's own words,
each with its line of description, plus "Any theme"; arrow keys move, Enter
chooses. The card shows the prompt above the page, with "Another prompt" and
"Write freely instead" one click away. A prompt that may touch something heavy
first says so gently, and can be skipped without ever being shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QColor,
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
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from journal_app.journal.prompts import Theme
from journal_app.ui.common.shortcuts import SHORTCUT_WRITE_WITH_PROMPT
from journal_app.ui.common.theme import RestyleOnPaletteChange
from journal_app.ui.common.widgets import button, label
from journal_app.ui.common.widgets import row as button_row
from journal_app.ui.journal.entry_delegate import is_dark, mix, muted_text, selection_fill

# What the prompt screens say, together for review (CONTENT.md): invitations,
# never demands; nothing counts, nothing is lost by skipping.
TEXT_CHOOSER_TITLE = "Write with a prompt"
TEXT_CHOOSER_LEAD = (
    "Choose where you would like to begin. A prompt is only an invitation: you can ask "
    "for another, or write freely, at any time."
)
TEXT_ANY_THEME = "Any theme"
TEXT_ANY_THEME_DESCRIPTION = "A prompt from any of the four themes, chosen for you."
TEXT_SHOW_A_PROMPT = "Show a prompt"
TEXT_HEAVY_NOTE = "This one may bring up something heavy. It’s fine to skip it."
TEXT_SHOW_THE_PROMPT = "Show the prompt"
TEXT_SKIP = "Skip"
TEXT_ANOTHER = "Another prompt"
TEXT_WRITE_FREELY = "Write freely instead"
TEXT_REMOVE = "Remove the prompt…"
TEXT_REMOVE_TITLE = "Remove the prompt"
TEXT_REMOVE_QUESTION = (
    "Remove the prompt from this entry? Your words stay just as they are; only the "
    "prompt above them goes."
)
TEXT_NO_PROMPTS = "There is no prompt to offer for that theme just now."
TEXT_WRITTEN_WITH = "Written with a prompt"
TEXT_FROM_PACK = "from {name}"

SHORTCUT_ANOTHER = "Ctrl+Shift+R"
SHORTCUT_WRITE_FREELY = "Ctrl+Shift+F"

TIP_ANOTHER = f"Show a different prompt ({SHORTCUT_ANOTHER})"
TIP_WRITE_FREELY = f"Put the prompt away and write about anything ({SHORTCUT_WRITE_FREELY})"
TIP_SHOW = "Show this prompt; you can still ask for another"
TIP_SKIP = f"Skip this one and see another prompt ({SHORTCUT_ANOTHER})"
TIP_REMOVE = "Take the prompt away from this entry; your words stay as they are"

# The chooser starts on the theme chosen last (this session only), else the first.
NOT_CHOSEN: object = object()

ThemeIdRole = Qt.ItemDataRole.UserRole + 1
DescriptionRole = Qt.ItemDataRole.UserRole + 2

CARD_PAD_X = 20
CARD_PAD_Y = 16


# ------------------------------------------------------------------ the chooser


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


class PromptChooserDialog(QDialog):
    """Choose one of the four themes, or any theme. Enter chooses; Escape goes back."""

    def __init__(
        self,
        themes: Sequence[Theme],
        current: object = NOT_CHOSEN,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TEXT_CHOOSER_TITLE)
        self.setObjectName("promptChooser")
        self.resize(560, 540)
        self.setMinimumWidth(440)
        heading = label(TEXT_CHOOSER_TITLE, "heading")
        lead = label(TEXT_CHOOSER_LEAD, "muted")
        lead.setAccessibleName("About prompts")

        self.list = CardList(self)
        self.list.setObjectName("promptThemeList")
        self.list.setAccessibleName("Themes")
        self.list.setToolTip("Choose a theme with the arrow keys; press Enter to see a prompt")
        for theme in themes:
            self.list.add_card(theme.name, theme.description, theme.id)
        self.list.add_card(TEXT_ANY_THEME, TEXT_ANY_THEME_DESCRIPTION, None)
        self.list.itemActivated.connect(lambda _item: self.accept())
        ids: list[object] = [theme.id for theme in themes] + [None]
        self.list.setCurrentRow(ids.index(current) if current in ids else 0)

        self.ok_button = button(
            TEXT_SHOW_A_PROMPT, "See a prompt from the chosen theme", role="primary"
        )
        self.ok_button.setDefault(True)
        self.ok_button.setAutoDefault(True)
        self.ok_button.clicked.connect(self.accept)
        self.cancel_button = button("Cancel", "Go back without a prompt", on_click=self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 18)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(lead)
        layout.addSpacing(4)
        layout.addWidget(self.list, 1)
        buttons = button_row(None, self.cancel_button, self.ok_button)
        layout.addSpacing(4)
        layout.addLayout(buttons)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen_theme(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else item.data(ThemeIdRole)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
            return
        super().keyPressEvent(event)

    @classmethod
    def get_theme(
        cls, parent: QWidget | None, themes: Sequence[Theme], current: object = NOT_CHOSEN
    ) -> tuple[str | None, bool]:
        """Ask for a theme: (theme id or None for any theme, whether one was chosen)."""
        dialog = cls(themes, current, parent)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return (dialog.chosen_theme() if accepted else None), accepted
        finally:
            dialog.deleteLater()


# --------------------------------------------------------------------- the card


class PromptCard(RestyleOnPaletteChange, QFrame):
    """The prompt above the page, in one of three looks.

    ``live``: the prompt of a page being written, with "Another prompt" and
    "Write freely instead". ``heavy``: a gentle note first, with "Show the prompt"
    and "Skip". ``kept``: the prompt an entry was written with, when it is opened
    again, with "Remove the prompt…" (unless the entry is read-only).
    """

    another_requested = Signal()
    write_freely_requested = Signal()
    show_requested = Signal()
    remove_requested = Signal()

    HIDDEN = "hidden"
    LIVE = "live"
    HEAVY = "heavy"
    KEPT = "kept"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promptCard")
        self.setAccessibleName("Prompt")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._mode = self.HIDDEN

        self.caption = QLabel(self)
        self.caption.setObjectName("promptCaption")
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setWordWrap(True)
        self.caption.setAccessibleName("Prompt theme")
        self.text = QLabel(self)
        self.text.setObjectName("promptText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName("Prompt text")
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.follow_up = QLabel(self)
        self.follow_up.setObjectName("promptFollowUp")
        self.follow_up.setTextFormat(Qt.TextFormat.PlainText)
        self.follow_up.setWordWrap(True)
        self.follow_up.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.follow_up.setAccessibleName("A further thought")

        self.another_button = self._button(
            TEXT_ANOTHER, TIP_ANOTHER, "promptAnother", self.another_requested
        )
        self.freely_button = self._button(
            TEXT_WRITE_FREELY, TIP_WRITE_FREELY, "promptWriteFreely", self.write_freely_requested
        )
        self.show_button = self._button(
            TEXT_SHOW_THE_PROMPT, TIP_SHOW, "promptShow", self.show_requested
        )
        self.skip_button = self._button(TEXT_SKIP, TIP_SKIP, "promptSkip", self.another_requested)
        self.remove_button = self._button(
            TEXT_REMOVE, TIP_REMOVE, "promptRemove", self.remove_requested
        )
        self.remove_button.setAccessibleName("Remove the prompt")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(CARD_PAD_X, CARD_PAD_Y - 2, CARD_PAD_X, CARD_PAD_Y)
        layout.setSpacing(6)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.caption, 1)
        top.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(self.text)
        layout.addWidget(self.follow_up)
        self.buttons = QWidget(self)
        row = QHBoxLayout(self.buttons)
        row.setContentsMargins(0, 6, 0, 0)
        row.setSpacing(8)
        for widget in (
            self.show_button,
            self.skip_button,
            self.another_button,
            self.freely_button,
        ):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addWidget(self.buttons)
        self._built = True
        self._restyle()
        self.hide()

    def _button(self, text: str, tip: str, name: str, signal: Signal) -> QPushButton:
        widget = button(text, tip)
        widget.setObjectName(name)
        widget.setParent(self)
        widget.setCursor(Qt.CursorShape.PointingHandCursor)
        widget.clicked.connect(signal)
        return widget

    # ----------------------------------------------------------------- looks

    @property
    def mode(self) -> str:
        return self._mode

    def _set_buttons(self, *shown: QPushButton) -> None:
        for widget in (
            self.another_button,
            self.freely_button,
            self.show_button,
            self.skip_button,
            self.remove_button,
        ):
            widget.setVisible(widget in shown)
        self.buttons.setVisible(any(widget is not self.remove_button for widget in shown))
        self._restyle()

    def show_live(self, text: str, caption: str, follow_up: str = "") -> None:
        """A prompt for the page being written."""
        self._mode = self.LIVE
        self._fill(caption, text, follow_up)
        self._set_buttons(self.another_button, self.freely_button)
        self.setAccessibleDescription(f"{caption}. {text} {follow_up}".strip())
        self.show()

    def show_heavy_note(self, caption: str) -> None:
        """The gentle note before a heavy prompt; the prompt itself is not shown yet."""
        self._mode = self.HEAVY
        self._fill(caption, TEXT_HEAVY_NOTE, "")
        self._set_buttons(self.show_button, self.skip_button, self.freely_button)
        self.setAccessibleDescription(TEXT_HEAVY_NOTE)
        self.show()

    def show_kept(self, text: str, caption: str, follow_up: str = "", *, removable: bool) -> None:
        """The prompt an entry was written with, opened again later."""
        self._mode = self.KEPT
        self._fill(caption, text, follow_up)
        self.set_removable(removable)
        self.setAccessibleDescription(f"{caption}. {text}".strip())
        self.show()

    def set_removable(self, removable: bool) -> None:
        if self._mode == self.KEPT:
            self._set_buttons(*([self.remove_button] if removable else []))

    def clear(self) -> None:
        self._mode = self.HIDDEN
        self._fill("", "", "")
        self.setAccessibleDescription("")
        self.hide()

    def _fill(self, caption: str, text: str, follow_up: str) -> None:
        self.caption.setText(caption)
        self.caption.setVisible(bool(caption))
        self.text.setText(text)
        self.follow_up.setText(follow_up)
        self.follow_up.setVisible(bool(follow_up))

    def prompt_text(self) -> str:
        """The prompt as shown ("" while the gentle note stands in for it)."""
        return self.text.text() if self._mode in (self.LIVE, self.KEPT) else ""

    def _restyle(self) -> None:
        """A soft card in the theme's colours: tinted paper, sage caption, quiet pills.

        The colours come from the application's palette, not the card's own, which
        its stylesheet changes (reading that back would chase its own tail).
        """
        palette = QApplication.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        accent = palette.color(QPalette.ColorRole.Accent)
        link = palette.color(QPalette.ColorRole.Link)
        dark = is_dark(palette)
        kept = self._mode == self.KEPT  # quieter: it belongs to what was written
        warm = QColor(236, 226, 200) if not dark else QColor(96, 88, 70)
        paper = mix(base, warm, 0.10 if kept else 0.16)
        fill = mix(paper, accent, (0.07 if dark else 0.05) if kept else (0.13 if dark else 0.10))
        edge = mix(fill, accent, 0.18 if kept else 0.30)
        muted = mix(text, fill, 0.34)
        pill_edge = mix(fill, text, 0.24)
        pill_hover = mix(fill, accent, 0.16)
        sheet = f"""
QFrame#promptCard {{
    background: {fill.name()}; border: 1px solid {edge.name()}; border-radius: 12px;
}}
QFrame#promptCard QLabel {{ background: transparent; border: none; }}
QLabel#promptCaption {{ color: {link.name()}; font-weight: 600; }}
QLabel#promptText {{ color: {text.name()}; }}
QLabel#promptFollowUp {{ color: {muted.name()}; font-style: italic; }}
QFrame#promptCard QPushButton {{
    background: transparent; color: {text.name()}; border: 1px solid {pill_edge.name()};
    border-radius: 14px; padding: 4px 14px; min-height: 18px;
}}
QFrame#promptCard QPushButton:hover {{
    background: {pill_hover.name()}; border-color: {accent.name()};
}}
QFrame#promptCard QPushButton:focus {{ border: 2px solid {accent.name()}; padding: 3px 13px; }}
QFrame#promptCard QPushButton#promptRemove {{
    border: 1px solid transparent; color: {link.name()}; text-decoration: underline;
    padding: 0px 4px; min-height: 0px; border-radius: 6px; background: transparent;
}}
QFrame#promptCard QPushButton#promptRemove:hover {{ border-color: transparent; }}
QFrame#promptCard QPushButton#promptRemove:focus {{
    border: 2px solid {accent.name()}; padding: 0px 3px;
}}
"""
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)
        base_font = QFont(QApplication.font())
        size = base_font.pointSizeF()
        prompt_font = QFont(base_font)
        if size > 0:
            # The prompt reads a little larger; a note or a kept prompt a little less so.
            scale = {self.HEAVY: 1.08, self.KEPT: 1.12}.get(self._mode, 1.22)
            prompt_font.setPointSizeF(size * scale)
        if self.text.font() != prompt_font:
            self.text.setFont(prompt_font)
        caption_font = QFont(base_font)
        if size > 0:
            caption_font.setPointSizeF(size * 0.95)
        if self.caption.font() != caption_font:
            self.caption.setFont(caption_font)

    @Slot()
    def focus_first_button(self) -> None:
        for widget in (self.show_button, self.another_button, self.remove_button):
            if widget.isVisibleTo(self):
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return


__all__ = [
    "SHORTCUT_ANOTHER",
    "SHORTCUT_WRITE_FREELY",
    "SHORTCUT_WRITE_WITH_PROMPT",
    "CardList",
    "PromptCard",
    "PromptChooserDialog",
    "TwoLineDelegate",
]
