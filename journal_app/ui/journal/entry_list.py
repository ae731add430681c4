"""The entry list in the sidebar: the list itself, or a quiet note when it is empty.

The list is a Qt model/view (never a widget per entry), so 100,000 entries scroll;
every row has the same height, and the keyboard never rests on a month header.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from journal_app.ui.common.theme import set_role
from journal_app.ui.journal.entry_delegate import EntryDelegate, muted_text
from journal_app.ui.journal.entry_model import EntryListModel


class EntryListView(QListView):
    """The entry list: uniform rows, arrow keys step over month headers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUniformItemSizes(True)
        # Extended: Shift or Ctrl with a click or the arrows picks several entries
        # (to export or print them); a plain click or arrow still picks one.
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover, True)
        self.setItemDelegate(EntryDelegate(self))
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    def dataChanged(
        self,
        top_left: QModelIndex | QPersistentModelIndex,
        bottom_right: QModelIndex | QPersistentModelIndex,
        roles: Sequence[int] = (),
    ) -> None:
        """Repaint the changed rows, without QListView's relayout of every row.

        Rows here all have the same height, so new words in one cannot move another;
        but QListView lays out the whole list again on any change of data, which at
        100,000 rows froze the window after each save. Qt's item view does the rest
        (repainting, accessibility, open editors) as usual.
        """
        QAbstractItemView.dataChanged(self, top_left, bottom_right, list(roles))

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Like QListView's, but Home, Page Up and Page Down never land on a month
        header (which cannot be current): they go on to the nearest entry."""
        index = super().moveCursor(action, modifiers)
        model = self.model()
        if not isinstance(model, EntryListModel) or not index.isValid():
            return index
        row = index.row()
        if not model.is_header(row):
            return index
        kinds = QAbstractItemView.CursorAction
        step = -1 if action in (kinds.MovePageDown, kinds.MoveEnd) else 1
        if action == kinds.MovePageDown and row + 1 < model.rowCount():
            step = 1
        while 0 <= row < model.rowCount() and model.is_header(row):
            row += step
        if not 0 <= row < model.rowCount():
            return self.currentIndex()
        return model.index(row)


class ListPane(QStackedWidget):
    """The list of entries, or in its place a note saying why it is empty."""

    def __init__(self, model: EntryListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = EntryListView(self)
        self.list.setObjectName("entryList")
        self.list.setModel(model)
        self.list.setAccessibleName("Entries")
        self.list.setToolTip("Your entries, newest first. Press Enter to open one.")
        self.note_page = QWidget(self)
        note_layout = QVBoxLayout(self.note_page)
        note_layout.setContentsMargins(16, 36, 16, 16)
        self.note = QLabel(self.note_page)
        note_layout.addWidget(self.note)
        note_layout.addStretch(1)
        self.note.setObjectName("listNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.note, "muted")
        self.note.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.note.setAccessibleName("About the list")
        self.addWidget(self.list)
        self.addWidget(self.note_page)

    def show_note(self, text: str) -> None:
        self.note.setText(text)
        self.setCurrentWidget(self.note_page)

    def show_list(self) -> None:
        self.note.clear()
        self.setCurrentWidget(self.list)

    def restyle(self, background: QColor, around: QPalette) -> None:
        """The list on the sidebar's own colour; the note muted against ``around``."""
        list_palette = self.list.palette()
        list_palette.setColor(QPalette.ColorRole.Base, background)
        self.list.setPalette(list_palette)
        self.list.viewport().setPalette(list_palette)  # a styled app does not pass it down
        note_palette = self.note.palette()
        note_palette.setColor(QPalette.ColorRole.WindowText, muted_text(around))
        self.note.setPalette(note_palette)
