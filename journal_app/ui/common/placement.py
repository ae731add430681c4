"""Where a dialog opens, and how big: over the window that opened it, on its screen.

A dialog sized for a large screen would open taller than a 1366x768 laptop's
screen, its buttons below the edge, and the window manager may put it anywhere.
So each of Tend's larger dialogs opens at its preferred size or the screen's,
whichever is smaller (its middle scrolls), centred on the window it belongs to and
kept whole on that window's screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize
from PySide6.QtWidgets import QWidget

# What the window manager adds around a window (title bar, borders): not known
# before the window is first shown, so a generous allowance.
FRAME = QSize(16, 48)


def placed(preferred: QSize, available: QRect, over: QRect | None) -> QRect:
    """The frame of a dialog of ``preferred`` size (inside its frame) on a screen
    whose free area is ``available``: no bigger than that area, centred on ``over``
    (the window it belongs to) or else on the screen, and kept inside the area."""
    width = min(preferred.width() + FRAME.width(), available.width())
    height = min(preferred.height() + FRAME.height(), available.height())
    frame = QRect(0, 0, width, height)
    frame.moveCenter((over if over is not None else available).center())
    frame.moveLeft(max(available.left(), min(frame.left(), available.right() - width + 1)))
    frame.moveTop(max(available.top(), min(frame.top(), available.bottom() - height + 1)))
    return frame


def fit_and_centre(dialog: QWidget) -> None:
    """Size ``dialog`` (already resized to its preferred size) to its screen and move
    it over its parent window. Call before it is first shown."""
    parent = dialog.parentWidget()
    owner = parent.window() if parent is not None else None
    screen = (owner or dialog).screen()
    available = screen.availableGeometry()
    over = owner.frameGeometry() if owner is not None and owner.isVisible() else None
    frame = placed(dialog.size(), available, over)
    inner = QSize(frame.width() - FRAME.width(), frame.height() - FRAME.height())
    dialog.setMinimumSize(
        min(dialog.minimumWidth(), inner.width()), min(dialog.minimumHeight(), inner.height())
    )
    dialog.resize(inner)
    dialog.move(frame.topLeft())


class _FirstShow(QObject):
    """Places its dialog as it is first shown (before the window manager maps it),
    then leaves: a dialog the person has moved stays where they put it."""

    def __init__(self, dialog: QWidget) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        dialog.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        dialog: QWidget | None = getattr(self, "_dialog", None)  # gone while it is deleted
        if dialog is not None and watched is dialog and event.type() == QEvent.Type.Show:
            dialog.removeEventFilter(self)
            fit_and_centre(dialog)
        return False


def open_over_parent(dialog: QWidget) -> None:
    """Make ``dialog`` open fitted to its screen and centred on its window."""
    _FirstShow(dialog)


__all__ = ["FRAME", "fit_and_centre", "open_over_parent", "placed"]
