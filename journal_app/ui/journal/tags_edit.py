"""The tags field: comma-separated tags, completing the one being typed."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit, QWidget


class TagsEdit(QLineEdit):
    """Comma-separated tags; completes the tag being typed from the ones in use."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self._completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._completer.setWidget(self)
        self._completer.activated.connect(self.insert_completion)
        self.textEdited.connect(self._update_completion)

    @property
    def completer_(self) -> QCompleter:
        return self._completer

    def _popup(self) -> QAbstractItemView:
        popup = self._completer.popup()
        if popup is None:  # a QCompleter makes its popup when first asked: never None
            raise RuntimeError("the tag completer has no popup")
        return popup

    def set_known_tags(self, tags: list[str]) -> None:
        self._model.setStringList(list(tags))

    def known_tags(self) -> list[str]:
        return self._model.stringList()

    def segment(self) -> tuple[int, int]:
        """Where the tag under the cursor starts and ends in the text."""
        text = self.text()
        pos = self.cursorPosition()
        start = text.rfind(",", 0, pos) + 1
        end = text.find(",", pos)
        return start, len(text) if end < 0 else end

    @Slot()
    def _update_completion(self) -> None:
        start, _ = self.segment()
        prefix = self.text()[start : self.cursorPosition()].strip()
        popup = self._popup()
        if not prefix:
            popup.hide()
            return
        self._completer.setCompletionPrefix(prefix)
        count = self._completer.completionCount()
        if count == 0 or (
            count == 1 and self._completer.currentCompletion().casefold() == prefix.casefold()
        ):
            popup.hide()
            return
        popup.setCurrentIndex(self._completer.completionModel().index(0, 0))
        self._completer.complete()

    @Slot(str)
    def insert_completion(self, tag: str) -> None:
        start, end = self.segment()
        text = self.text()
        before = text[:start]
        after = text[end:].lstrip(",").lstrip()
        if before and not before.endswith(" "):
            before += " "
        new = f"{before}{tag}, "
        self.setText(new + after)
        self.setCursorPosition(len(new))
        self._popup().hide()
        self.textEdited.emit(self.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._popup().isVisible() and event.key() in (
            Qt.Key.Key_Enter,
            Qt.Key.Key_Return,
            Qt.Key.Key_Escape,
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
        ):
            event.ignore()  # the completer's popup takes these
            return
        super().keyPressEvent(event)

    def clear_all(self) -> None:
        self._popup().hide()
        self._model.setStringList([])
        self._completer.setCompletionPrefix("")
        self.setText("")


__all__ = ["TagsEdit"]
