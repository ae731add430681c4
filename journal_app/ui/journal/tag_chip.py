"""One tag, shown as a chip inside the tags field, with its own way out.

A chip is a real widget, not paint, so a screen reader finds it by name ("walks,
tag") and a keyboard reaches it: Left from the start of the field steps onto the
chips, Delete or Backspace removes the one in focus, Right or Escape goes back.
Chips are not Tab stops: the field stays one stop, however many tags it holds.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from journal_app.ui.common.theme import RestyleOnPaletteChange
from journal_app.ui.journal.entry_delegate import mix

TIP_CHIP = "A tag of this entry. Delete or Backspace removes it; Right goes back to typing"
TIP_REMOVE_CHIP = "Remove this tag"


class TagChip(RestyleOnPaletteChange, QFrame):
    """A tag in the field. Signals: ``remove_requested``; ``step(int)`` to move the
    focus to the chip before (-1) or after (+1), or back to typing (0); ``leave(bool)``
    for Tab (True) or Shift+Tab (False), which go on from the field."""

    remove_requested = Signal()
    step = Signal(int)
    leave = Signal(bool)

    def __init__(self, tag: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tag = tag
        self.setObjectName("tagChip")
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # reached by arrows, not by Tab
        self.setAccessibleName(f"{tag}, tag")
        self.setAccessibleDescription(TIP_CHIP)
        self.setToolTip(TIP_CHIP)
        self.setCursor(Qt.CursorShape.ArrowCursor)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 2, 0)
        layout.setSpacing(2)
        self.label = QLabel(tag, self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.remove_button = QToolButton(self)
        self.remove_button.setObjectName("tagChipRemove")
        self.remove_button.setText("×")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the chip takes Delete
        self.remove_button.setToolTip(TIP_REMOVE_CHIP)
        self.remove_button.setAccessibleName(f"Remove {tag}")
        self.remove_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.remove_button.clicked.connect(self.remove_requested)
        layout.addWidget(self.label)
        layout.addWidget(self.remove_button)
        self._built = True
        self._restyle()

    def _restyle(self) -> None:
        # The application's palette: the chip's own is changed by its stylesheet.
        palette = QApplication.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        accent = palette.color(QPalette.ColorRole.Accent)
        fill = mix(base, accent, 0.16)
        sheet = f"""
QFrame#tagChip {{ background: {fill.name()}; border: 1px solid {fill.name()}; border-radius: 9px; }}
QFrame#tagChip:focus {{ border: 2px solid {accent.name()}; }}
QFrame#tagChip QLabel {{ background: transparent; border: none; color: {text.name()}; }}
QToolButton#tagChipRemove {{
    border: none; background: transparent; color: {mix(text, fill, 0.3).name()};
    padding: 0px 3px;
}}
QToolButton#tagChipRemove:hover {{ color: {text.name()}; }}
"""
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)

    def dispose(self) -> None:
        """Go now, words and all: nothing of a tag lingers in the widget tree (after
        a lock, say) until Qt gets round to deleting the chip."""
        self.hide()
        for widget in (self, self.remove_button):
            widget.setAccessibleName("")
            widget.setAccessibleDescription("")
        self.label.clear()
        self.tag = ""
        self.setParent(None)
        self.deleteLater()

    def set_chip_font(self, font: QFont) -> None:
        self.label.setFont(font)
        self.remove_button.setFont(font)

    def focusNextPrevChild(self, next: bool) -> bool:
        self.leave.emit(next)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_requested.emit()
        elif key == Qt.Key.Key_Left:
            self.step.emit(-1)
        elif key == Qt.Key.Key_Right:
            self.step.emit(1)
        elif key == Qt.Key.Key_Escape:
            self.step.emit(0)
        else:
            super().keyPressEvent(event)
            return
        event.accept()


__all__ = ["TagChip"]
