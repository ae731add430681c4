"""Focus goes back where it was when a dialog closes.

Most window managers hand activation back to a dialog's parent window when the
dialog closes, and Qt then restores that window's focus; some do not (or hand it
to another window), and then the keyboard is lost: the person must reach for the
mouse to find where they were typing. So a dialog that Tend opens remembers the
widget that had the focus as it was shown, and gives it back as it hides, if that
widget is still there to take it.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget


class FocusReturn(QObject):
    """Watches one dialog (its child, so it lives as long as the dialog does)."""

    def __init__(self, dialog: QWidget) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._before: QWidget | None = None
        dialog.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # While the dialog is being deleted its wrapper's attributes may be gone already.
        if watched is getattr(self, "_dialog", None):
            if event.type() == QEvent.Type.Show:
                self._remember()
            elif event.type() == QEvent.Type.Hide:
                self._give_back()
        return False

    def _remember(self) -> None:
        widget = QApplication.focusWidget()
        if widget is not None and not self._dialog.isAncestorOf(widget):
            self._before = widget

    def _give_back(self) -> None:
        before, self._before = self._before, None
        if before is None or not shiboken6.isValid(before):
            return
        if before.isVisible() and before.isEnabled():
            before.window().activateWindow()
            before.setFocus(Qt.FocusReason.ActiveWindowFocusReason)


def return_focus_on_close(dialog: QWidget) -> FocusReturn:
    """Make ``dialog`` give the focus back, as it closes, to where it was as it opened."""
    return FocusReturn(dialog)


__all__ = ["FocusReturn", "return_focus_on_close"]
