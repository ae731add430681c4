""" "Bring to my next session": the person's own mark on an entry, and its filter.

A person marks entries they want to talk about with their therapist; the export
dialog can then take just those. The mark is theirs alone: Tend never sets it,
never counts it anywhere, and it is stored sealed with the entry like its title.

- :class:`FlagButton` sits in the editor's footer: a quiet toggle with a ribbon
  icon, also on Ctrl+D while the editor or the list has the focus.
- :class:`FlagFilter` is the list's "Marked for my next session" filter; it shows
  itself only once something is marked (or while it is on).
- :func:`paint_mark` draws the small ribbon the list shows on a marked row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QRectF, QSize, Qt, SignalInstance, Slot
from PySide6.QtGui import (
    QAction,
    QColor,
    QIcon,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QApplication, QCheckBox, QToolButton, QWidget

from journal_app.journal import Entry
from journal_app.ui.common.theme import RestyleOnPaletteChange
from journal_app.vault import VaultError

FLAG_SHORTCUT = "Ctrl+D"
FLAG_TEXT = "Bring to my next session"
FLAG_SHORT_TEXT = "Next session"
FLAG_TIP = f"Mark this entry to bring to your next session ({FLAG_SHORTCUT})"
FLAG_ON = "Marked for your next session."
FLAG_OFF = "No longer marked for your next session."
FLAG_NEEDS_WORDS = "Write a few words first; then you can mark the entry."
FILTER_TEXT = "Marked for my next session"
FILTER_TIP = "Show only the entries you marked to bring to your next session"
ACCESSIBLE_MARK = "marked for my next session"


class _Editor(Protocol):
    """What the button needs of the entry editor."""

    @property
    def status_message(self) -> SignalInstance: ...  # the editor's Signal(str), bound

    @property
    def entry_id(self) -> str | None: ...

    @property
    def read_only(self) -> bool: ...

    def is_blank(self) -> bool: ...

    def flush(self) -> bool: ...

    def isVisible(self) -> bool: ...  # Qt's name


class _Service(Protocol):
    @property
    def is_unlocked(self) -> bool: ...

    def set_flagged(self, entry_id: str, flagged: bool) -> Entry: ...


# ------------------------------------------------------------------ drawing
# (Colour helpers as in entry_delegate, which imports this module for its rows.)


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` of the way toward ``b``."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )


def muted_text(palette: QPalette) -> QColor:
    return mix(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.40)


def ribbon_path(rect: QRectF) -> QPainterPath:
    """A bookmark ribbon filling ``rect``: a tall strip with a notch at its foot."""
    path = QPainterPath()
    notch = rect.height() * 0.28
    path.moveTo(rect.left(), rect.top())
    path.lineTo(rect.right(), rect.top())
    path.lineTo(rect.right(), rect.bottom())
    path.lineTo(rect.center().x(), rect.bottom() - notch)
    path.lineTo(rect.left(), rect.bottom())
    path.closeSubpath()
    return path


def paint_mark(painter: QPainter, rect: QRectF, color: QColor, *, filled: bool = True) -> None:
    """Draw the ribbon centred in ``rect`` (about 3:4, as tall as the text)."""
    height = min(rect.height(), rect.width() * 1.45)
    width = height * 0.66
    box = QRectF(0, 0, width, height)
    box.moveCenter(rect.center())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    path = ribbon_path(box)
    if filled:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
    else:
        pen = QPen(color, max(1.2, height / 11))
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.restore()


def mark_color(palette: QPalette) -> QColor:
    """The accent, softened toward the text colour so it stays quiet on any row."""
    return mix(
        palette.color(QPalette.ColorRole.Accent), palette.color(QPalette.ColorRole.Text), 0.1
    )


def ribbon_icon(palette: QPalette, size: int = 16, ratio: float = 2.0) -> QIcon:
    """Outline when off, filled accent when on."""
    icon = QIcon()
    for state, filled, color in (
        (QIcon.State.Off, False, muted_text(palette)),
        (QIcon.State.On, True, mark_color(palette)),
    ):
        pixmap = QPixmap(round(size * ratio), round(size * ratio))
        pixmap.fill(Qt.GlobalColor.transparent)
        pixmap.setDevicePixelRatio(ratio)
        painter = QPainter(pixmap)
        paint_mark(painter, QRectF(1, 1, size - 2, size - 2), color, filled=filled)
        painter.end()
        icon.addPixmap(pixmap, QIcon.Mode.Normal, state)
        icon.addPixmap(pixmap, QIcon.Mode.Active, state)
    return icon


# ------------------------------------------------------------------ the toggle


class FlagButton(RestyleOnPaletteChange, QToolButton):
    """The footer's "Next session" toggle for the entry shown in the editor."""

    def __init__(self, editor: _Editor, service: _Service, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self._service = service
        self.setObjectName("sessionFlag")
        self.action = QAction(FLAG_TEXT, self)
        self.action.setObjectName("flagAction")
        self.action.setCheckable(True)
        self.action.setIconText(FLAG_SHORT_TEXT)
        self.action.setShortcut(QKeySequence(FLAG_SHORTCUT))
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action.setToolTip(FLAG_TIP)
        self.action.setStatusTip(FLAG_TIP)
        self.action.triggered.connect(self._on_triggered)
        self.setDefaultAction(self.action)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(FLAG_TEXT)
        self.setAccessibleDescription(FLAG_TIP)
        self.setIconSize(QSize(14, 14))
        self._built = True
        self._restyle()

    # -- showing

    def show_entry(self, entry: Entry | None) -> None:
        """Follow the entry the editor now shows (None: a new or no entry)."""
        self.action.setChecked(bool(entry is not None and entry.flagged))

    def set_read_only(self, read_only: bool) -> None:
        self.action.setEnabled(not read_only)

    def _restyle(self) -> None:
        # The application's palette, not the button's own, which its stylesheet
        # changes (reading that back would chase its own tail).
        palette = QApplication.palette()
        self.action.setIcon(ribbon_icon(palette))
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        accent = palette.color(QPalette.ColorRole.Accent)
        muted = muted_text(palette).name()
        sheet = (
            "QToolButton#sessionFlag {"
            f" color: {muted}; background: transparent; border: 1px solid transparent;"
            " border-radius: 6px; padding: 4px 8px; }"
            "QToolButton#sessionFlag:hover {"
            f" border-color: {mix(base, text, 0.18).name()}; }}"
            "QToolButton#sessionFlag:checked {"
            f" color: {text.name()}; background: {mix(base, accent, 0.14).name()}; }}"
            "QToolButton#sessionFlag:focus {"
            f" border: 2px solid {accent.name()}; padding: 3px 7px; }}"
        )
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)

    # -- acting

    def _status(self, text: str) -> None:
        self._editor.status_message.emit(text)

    @Slot(bool)
    def _on_triggered(self, checked: bool) -> None:
        editor = self._editor
        if editor.read_only or not self._service.is_unlocked or not editor.isVisible():
            # (From the list with no entry open, there is nothing to mark.)
            self.action.setChecked(not checked)
            return
        if editor.entry_id is None:
            if editor.is_blank():
                self.action.setChecked(False)
                self._status(FLAG_NEEDS_WORDS)
                return
            if not editor.flush() or editor.entry_id is None:
                self.action.setChecked(not checked)
                return
        entry_id = editor.entry_id
        try:
            entry = self._service.set_flagged(entry_id, checked)
        except (VaultError, KeyError) as exc:
            self.action.setChecked(not checked)
            self._status(str(exc))
            return
        self.action.setChecked(entry.flagged)
        self._status(FLAG_ON if entry.flagged else FLAG_OFF)


# ------------------------------------------------------------------ the filter


class FlagFilter(QCheckBox):
    """The list filter "Marked for my next session"; it combines with search and tags."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(FILTER_TEXT, parent)
        self.setObjectName("flagFilter")
        self.setAccessibleName(FILTER_TEXT)
        self.setToolTip(FILTER_TIP)
        self.hide()

    def apply(self, entries: Sequence[Entry]) -> list[Entry]:
        """The entries to show: only the marked ones while the filter is on."""
        if not self.isChecked():
            return list(entries)
        return [entry for entry in entries if entry.flagged]

    def refresh(self, any_marked: bool) -> None:
        """Show the filter once something is marked, and while it is on."""
        self.setVisible(any_marked or self.isChecked())

    def reset(self) -> None:
        self.blockSignals(True)
        self.setChecked(False)
        self.blockSignals(False)
        self.hide()


__all__ = [
    "ACCESSIBLE_MARK",
    "FILTER_TEXT",
    "FLAG_SHORTCUT",
    "FLAG_TEXT",
    "FlagButton",
    "FlagFilter",
    "mark_color",
    "paint_mark",
    "ribbon_icon",
]
