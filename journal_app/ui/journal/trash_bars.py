"""The two bars above the entry list that the trash brings: the trash view's own bar
(Restore, Empty trash…) and, after a move to the trash, "Moved to trash. Undo".

An entry moved to the trash is only a click (or Ctrl+Z) away from coming back:
the undo bar remembers which one until something else happens.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from journal_app.ui.common.theme import set_role
from journal_app.ui.common.widgets import button
from journal_app.ui.journal.entry_delegate import mix


class TrashBar(QWidget):
    """Shown only in the trash view: its title, Restore and Empty trash…"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 4, 0, 0)
        row.setSpacing(8)
        self.title = QLabel("Trash", self)
        set_role(self.title, "subheading")
        bold = QFont(self.title.font())
        bold.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(bold)
        self.restore_button = button(
            "Restore", "Put the chosen entry back in your journal", accessible_name="Restore entry"
        )
        self.restore_button.setObjectName("restoreButton")
        self.empty_button = button("Empty trash…", "Delete everything in the trash for good")
        self.empty_button.setObjectName("emptyTrashButton")
        row.addWidget(self.title, 1)
        row.addWidget(self.restore_button)
        row.addWidget(self.empty_button)
        self.hide()


class UndoBar(QFrame):
    """ "Moved to trash. Undo", with Ctrl+Z anywhere in ``owner`` (the sidebar) too.

    ``entry_id`` is the entry that Undo brings back, or None when there is nothing
    to undo (the bar is hidden and the shortcut off then).
    """

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self.entry_id: str | None = None
        self.setObjectName("undoBar")
        self.setAutoFillBackground(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 4, 4, 4)
        set_role(self, "notice")
        self.label = QLabel("Moved to trash.", self)
        self.button = button(
            "Undo", "Bring the entry back (Ctrl+Z)", accessible_name="Undo move to trash"
        )
        self.button.setObjectName("undoTrashButton")
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self.hide()

        self.action = QAction("Undo move to trash", owner)
        self.action.setObjectName("undoTrashAction")
        self.action.setShortcut(QKeySequence.StandardKey.Undo)
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action.setEnabled(False)
        owner.addAction(self.action)

    def offer(self, entry_id: str) -> None:
        """Show the bar for this entry, just moved to the trash."""
        self.entry_id = entry_id
        self.show()
        self.action.setEnabled(True)

    def withdraw(self) -> str | None:
        """Hide the bar; the entry it offered to bring back, if any."""
        entry_id, self.entry_id = self.entry_id, None
        self.hide()
        self.action.setEnabled(False)
        return entry_id

    def restyle(self, background: QColor, highlight: QColor) -> None:
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, mix(background, highlight, 0.16))
        self.setPalette(palette)
