"""Search marks in the editor: the words a search found, tinted in body and title.

Marking is deferred a moment while the person types (``HIGHLIGHT_DELAY_MS``), so a
long entry stays quick to edit while a search is active.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Slot
from PySide6.QtGui import QInputMethodEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QTextEdit

from journal_app.journal.search import find_spans
from journal_app.ui.journal.editor_look import EditorLook
from journal_app.ui.journal.entry_delegate import match_color

HIGHLIGHT_DELAY_MS = 200


class EditorMarks(EditorLook):
    """Marks what the search found; mixed into the editor."""

    def _init_marks(self, delay_ms: int = HIGHLIGHT_DELAY_MS) -> None:
        self._query = ""
        self._title_spans: list[tuple[int, int]] = []
        self._highlight_timer = QTimer(self)
        self._highlight_timer.setSingleShot(True)
        self._highlight_timer.setInterval(delay_ms)
        self._highlight_timer.timeout.connect(self._apply_highlight)

    def _restyle(self) -> None:
        super()._restyle()
        if self._query:
            self._apply_highlight()

    def set_highlight(self, query: str) -> None:
        self._query = query.strip()
        self._apply_highlight()

    @Slot()
    def _on_body_changed_for_highlight(self) -> None:
        if self._query:
            self._highlight_timer.start()

    def highlight_spans(self) -> list[tuple[int, int]]:
        return find_spans(self.body.toPlainText(), self._query) if self._query else []

    @Slot()
    def _apply_highlight(self) -> None:
        self._highlight_timer.stop()
        fmt = QTextCharFormat()
        fmt.setBackground(match_color(self.palette()))
        selections = []
        for start, end in self.highlight_spans():
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.body.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self.body.setExtraSelections(selections)
        self._highlight_title()

    def _highlight_title(self) -> None:
        """Mark found words in the title. A QLineEdit takes extra formats only as
        input-method attributes, so that is how they are given (nothing is typed)."""
        spans = find_spans(self.title.text(), self._query) if self._query else []
        if not spans and not self._title_spans:
            return
        fmt = QTextCharFormat()
        fmt.setBackground(match_color(self.palette()))
        cursor_pos = self.title.cursorPosition()
        attributes = [
            QInputMethodEvent.Attribute(
                QInputMethodEvent.AttributeType.TextFormat, start - cursor_pos, end - start, fmt
            )
            for start, end in spans
        ]
        QApplication.sendEvent(self.title, QInputMethodEvent("", attributes))
        self._title_spans = spans

    def _clear_title_highlight(self) -> None:
        QApplication.sendEvent(self.title, QInputMethodEvent("", []))
        self._title_spans = []

    def title_highlight_spans(self) -> list[tuple[int, int]]:
        return list(self._title_spans)

    def scroll_to_first_match(self) -> None:
        spans = self.highlight_spans()
        if not spans:
            return
        cursor = QTextCursor(self.body.document())
        cursor.setPosition(spans[0][0])
        self.body.setTextCursor(cursor)
        self.body.ensureCursorVisible()


__all__ = ["HIGHLIGHT_DELAY_MS", "EditorMarks"]
