"""The body of an entry: a plain-text Markdown editor with a readable column.

Its own widget, apart from the editor around it, because it is about typing and
typography (line height, the column, Enter continuing a list, plain-text paste),
while the editor around it is about the entry and keeping it saved.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt
from PySide6.QtGui import (
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QTextEdit, QWidget

from journal_app.ui.journal.markdown import continue_block

LINE_HEIGHT_PERCENT = 150
MIN_SIDE_MARGIN = 28


class MarkdownEdit(QTextEdit):
    """A plain-text Markdown editor with a readable column and roomy lines.

    QTextEdit (not QPlainTextEdit) because only its layout honours a block's line
    height. Rich text is never accepted: what is pasted arrives as plain text.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setCursor(Qt.CursorShape.IBeamCursor)
        self.document().setDocumentMargin(2)
        self._shortcut_keys: set[int] = set()
        self._column_px = 640
        self._empty_pairs: list[tuple[int, int]] = []  # (cursor position, mark width)
        self.cursorPositionChanged.connect(self._left_empty_pair)

    # -- typography

    def apply_line_height(self) -> None:
        """Give every paragraph the roomy line height, without an undo step."""
        doc = self.document()
        was = doc.isUndoRedoEnabled()
        doc.setUndoRedoEnabled(False)
        cursor = QTextCursor(doc)
        cursor.select(QTextCursor.SelectionType.Document)
        fmt = QTextBlockFormat()
        fmt.setLineHeight(
            LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        )
        cursor.mergeBlockFormat(fmt)
        doc.setUndoRedoEnabled(was)

    def set_plain_text(self, text: str) -> None:
        """Replace the text; the undo history starts afresh."""
        doc = self.document()
        self._empty_pairs = []
        doc.setUndoRedoEnabled(False)
        self.setPlainText(text)
        self.apply_line_height()
        doc.setUndoRedoEnabled(True)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def set_column_width(self, pixels: int) -> None:
        self._column_px = max(200, pixels)
        self._update_margins()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._update_margins()
        super().resizeEvent(event)

    def _update_margins(self) -> None:
        width = self.width()
        scroll = self.verticalScrollBar().sizeHint().width()
        side = max(MIN_SIDE_MARGIN, (width - self._column_px) // 2)
        self.setViewportMargins(side, 6, max(MIN_SIDE_MARGIN, side - scroll), 24)

    def column_width(self) -> int:
        return self._column_px

    def side_margin(self) -> int:
        return self.viewportMargins().left()

    # -- the margins around the column act like the text area itself

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            combo = event.keyCombination().toCombined()
            if combo in self._shortcut_keys:
                # Ours (e.g. Ctrl+K) even where the text edit has a meaning for it.
                event.ignore()
                return False
        if kind == QEvent.Type.Wheel and isinstance(event, QWheelEvent):
            self.wheelEvent(event)
            return True
        if kind in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonDblClick,
            QEvent.Type.MouseMove,
            QEvent.Type.MouseButtonRelease,
        ) and isinstance(event, QMouseEvent):
            return self._forward_mouse(event)
        return super().event(event)

    def _forward_mouse(self, event: QMouseEvent) -> bool:
        viewport = self.viewport()
        local = viewport.mapFrom(self, event.position().toPoint())
        rect = viewport.rect()
        x = min(max(local.x(), 0), rect.width() - 1)
        y = min(max(local.y(), 0), rect.height() - 1)
        moved = QMouseEvent(
            event.type(),
            QPointF(x, y),
            event.globalPosition(),
            event.button(),
            event.buttons(),
            event.modifiers(),
        )
        handler = {
            QEvent.Type.MouseButtonPress: self.mousePressEvent,
            QEvent.Type.MouseButtonDblClick: self.mouseDoubleClickEvent,
            QEvent.Type.MouseMove: self.mouseMoveEvent,
            QEvent.Type.MouseButtonRelease: self.mouseReleaseEvent,
        }[event.type()]
        handler(moved)
        return True

    def register_shortcut(self, sequence: QKeySequence) -> None:
        if sequence.count():
            # Qt's operator[], the sequence's first key; PySide6's stubs leave it out.
            first = sequence[0]  # type: ignore[index]
            self._shortcut_keys.add(first.toCombined())

    # -- typing

    def take_empty_pairs(self) -> list[tuple[int, int]]:
        """The empty pairs held for typing into, no longer watched (see ``hold_empty_pairs``)."""
        pairs, self._empty_pairs = self._empty_pairs, []
        return pairs

    def hold_empty_pairs(self, pairs: list[tuple[int, int]]) -> None:
        """Watch empty ``**|**`` (or ``*|*``) pairs made for typing into, as (the
        cursor's position in the pair, the width of its marks), outermost first:
        if the cursor leaves with nothing typed, they go as if never there."""
        self._empty_pairs = list(pairs)

    def drop_empty_pair(self) -> None:
        """Take away the empty pairs the cursor sits in, if any (before a save)."""
        self._left_empty_pair(leaving=True)

    def _left_empty_pair(self, *, leaving: bool = False) -> None:
        if not self._empty_pairs:
            return
        if self.textCursor().position() == self._empty_pairs[-1][0] and not leaving:
            return
        pairs, self._empty_pairs = self._empty_pairs, []
        doc = self.document()
        for pos, width in reversed(pairs):
            marks = "*" * (2 * width)
            if pos < width or doc.toPlainText()[pos - width : pos + width] != marks:
                return  # words were typed into it, or it was undone
            # The pair was the last edit: undoing it leaves no trace, not even an undo
            # step; and Redo must not bring it back.
            doc.undo()
            doc.clearUndoRedoStacks(QTextDocument.Stacks.RedoStack)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and not self.isReadOnly()
        ):
            self._new_paragraph()
            return
        super().keyPressEvent(event)

    def _new_paragraph(self) -> None:
        """Return, as one undo step: a new line, going on with a list or a quote.

        Always done here, never by QTextEdit: on an empty line that carries the roomy
        line height, QTextEdit's Return only resets the line's format and inserts
        nothing, so a blank line (or a new entry's first Return) was lost.
        """
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.removeSelectedText()
        before = cursor.block().text()[: cursor.positionInBlock()]
        follow = continue_block(before) if cursor.atBlockEnd() else None
        if follow == "":
            # An empty list item or quote line: Enter ends the list.
            cursor.movePosition(
                QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            cursor.removeSelectedText()
        else:
            cursor.insertBlock()
            cursor.insertText(follow or "")
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Paste as plain text, keeping the roomy line height on new paragraphs."""
        if source.hasText():
            self.textCursor().insertText(source.text())
            self.ensureCursorVisible()
            return
        super().insertFromMimeData(source)


__all__ = ["LINE_HEIGHT_PERCENT", "MIN_SIDE_MARGIN", "MarkdownEdit"]
