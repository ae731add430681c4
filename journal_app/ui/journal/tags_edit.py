"""The tags field: each tag a chip, and a place to type the next, with completion.

It stays one QLineEdit (one Tab stop, one focus widget) that holds the tag being
typed; the tags already made sit as chips in its left margin. A comma or Enter
makes the typed words a chip; Backspace in an empty field takes the last chip
away; Left from the start steps onto the chips (see ``tag_chip``).

``text()`` still reads as the tags were typed ("walks, family, we"), and
``setText`` takes that form, so the entry is saved exactly as before: the chips
only change how the tags look and are edited.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSize, QStringListModel, Qt, Signal, Slot
from PySide6.QtGui import QFocusEvent, QFontMetricsF, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCompleter,
    QLabel,
    QLineEdit,
    QStyle,
    QStyleOptionFrame,
    QWidget,
)

from journal_app.journal.entry import clean_tags
from journal_app.ui.journal.tag_chip import TagChip

CHIP_GAP = 4
MIN_TYPING_WIDTH = 72  # room to type a tag, however many chips there are


class TagsEdit(QLineEdit):
    """An entry's tags as chips; completes the one being typed from those in use.

    Signals:
        tags_changed(): a chip came or went (``textEdited`` is emitted too).
    """

    tags_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tags: list[str] = []
        self._chips: list[TagChip] = []
        self._placeholder = ""
        self._virtual_cursor: int | None = None
        self._more = QLabel(self)
        self._more.setObjectName("tagsMore")
        self._more.hide()
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self._completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._completer.setWidget(self)
        self._completer.activated.connect(self.insert_completion)
        self.textEdited.connect(self._on_typed)

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

    # ------------------------------------------------------------ the tags

    def tags(self) -> list[str]:
        """The chips' tags, then the one being typed, if any."""
        return list(clean_tags([*self._tags, super().text()]))

    def chips(self) -> list[TagChip]:
        return list(self._chips)

    def set_tags(self, tags: Iterable[str]) -> None:
        """Show these tags as chips, with nothing being typed (an entry loaded)."""
        self.setText("".join(f"{tag}, " for tag in clean_tags(list(tags))))

    def remove_tag(self, index: int) -> None:
        if self.isReadOnly() or not 0 <= index < len(self._tags):
            return
        del self._tags[index]
        self._rebuild_chips()
        self._changed()

    def _add_tags(self, tags: Iterable[str]) -> bool:
        known = {tag.casefold() for tag in self._tags}
        added = False
        for tag in clean_tags(list(tags)):
            if tag.casefold() not in known:
                self._tags.append(tag)
                known.add(tag.casefold())
                added = True
        return added

    def _changed(self) -> None:
        self.tags_changed.emit()
        self.textEdited.emit(self.text())

    # ------------------------------------------------ read as typed text

    def _chips_text(self) -> str:
        return "".join(f"{tag}, " for tag in self._tags)

    def text(self) -> str:
        """The tags as they would be typed: "walks, family, " and the one being typed."""
        return self._chips_text() + super().text()

    def setText(self, text: str | None) -> None:
        """Take tags as typed: each one before a comma becomes a chip."""
        *done, typing = (text or "").split(",")
        self._tags = list(clean_tags(done))
        self._virtual_cursor = None
        super().setText(typing.lstrip() if self._tags or done else typing)
        self._rebuild_chips()

    def cursorPosition(self) -> int:
        if self._virtual_cursor is not None:
            return self._virtual_cursor
        return len(self._chips_text()) + super().cursorPosition()

    def setCursorPosition(self, position: int) -> None:
        """A position in ``text()``: one among the chips marks that chip's tag."""
        start = len(self._chips_text())
        if position < start:
            self._virtual_cursor = position
            return
        self._virtual_cursor = None
        super().setCursorPosition(position - start)

    def segment(self) -> tuple[int, int]:
        """Where the tag under the cursor starts and ends in ``text()``."""
        text = self.text()
        pos = self.cursorPosition()
        start = text.rfind(",", 0, pos) + 1
        end = text.find(",", pos)
        return start, len(text) if end < 0 else end

    def setPlaceholderText(self, text: str) -> None:
        self._placeholder = text
        super().setPlaceholderText("" if self._tags else text)

    def placeholderText(self) -> str:
        return self._placeholder

    def setReadOnly(self, read_only: bool) -> None:
        super().setReadOnly(read_only)
        for chip in self._chips:
            chip.remove_button.setVisible(not read_only)
        self._place_chips()

    # ------------------------------------------------------------ typing

    @Slot(str)
    def _on_typed(self, _text: str) -> None:
        self._virtual_cursor = None
        typed = super().text()
        if "," in typed:
            *done, typing = typed.split(",")
            self._add_tags(done)
            super().setText(typing.lstrip())
            self._rebuild_chips()
            self.tags_changed.emit()
        elif self._tags and typed[:1].isspace():
            super().setText(typed.lstrip())
        self._update_completion()

    def _commit_typing(self) -> bool:
        """Make the words being typed a chip. True if there were any."""
        typed = super().text()
        if not typed.strip():
            return False
        self._add_tags([typed])
        super().setText("")
        self._rebuild_chips()
        self._changed()
        return True

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
        self.tags_changed.emit()
        self.textEdited.emit(self.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self._popup().isVisible() and key in (
            Qt.Key.Key_Enter,
            Qt.Key.Key_Return,
            Qt.Key.Key_Escape,
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
        ):
            event.ignore()  # the completer's popup takes these
            return
        self._virtual_cursor = None
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        at_start = super().cursorPosition() == 0 and not self.hasSelectedText()
        writable = plain and not self.isReadOnly()
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if writable and enter and self._commit_typing():
            event.accept()
            return
        if writable and at_start and self._chips and key == Qt.Key.Key_Backspace:
            event.accept()
            self.remove_tag(len(self._tags) - 1)
            return
        if plain and at_start and self._chips and key == Qt.Key.Key_Left:
            event.accept()
            self._focus_chip(len(self._chips) - 1)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        # Leaving the field makes what was typed a chip; the completer's popup and a
        # window losing the focus do not.
        if event.reason() not in (
            Qt.FocusReason.PopupFocusReason,
            Qt.FocusReason.ActiveWindowFocusReason,
        ):
            now = QApplication.focusWidget()
            if now is None or not self.isAncestorOf(now):
                self._commit_typing()
        super().focusOutEvent(event)

    def clear_all(self) -> None:
        self._popup().hide()
        self._model.setStringList([])
        self._completer.setCompletionPrefix("")
        self.setText("")

    # ------------------------------------------------------------ chips

    def _rebuild_chips(self) -> None:
        for chip in self._chips:
            chip.dispose()
        self._chips = []
        for index, tag in enumerate(self._tags):
            chip = TagChip(tag, self)
            chip.set_chip_font(self.font())
            chip.remove_button.setVisible(not self.isReadOnly())
            chip.remove_requested.connect(lambda i=index: self._remove_from_chip(i))
            chip.step.connect(lambda step, i=index: self._step_from_chip(i, step))
            chip.leave.connect(self._leave_from_chip)
            self._chips.append(chip)
        super().setPlaceholderText("" if self._tags else self._placeholder)
        self._place_chips()

    def _focus_chip(self, index: int) -> None:
        visible = [i for i, chip in enumerate(self._chips) if not chip.isHidden()]
        if not visible:
            return
        index = max(visible[0], index)
        self._chips[index].setFocus(Qt.FocusReason.OtherFocusReason)

    def _remove_from_chip(self, index: int) -> None:
        if self.isReadOnly():
            return
        self.remove_tag(index)
        if index < len(self._chips) and self._chips[index].isVisibleTo(self):
            self._focus_chip(index)
        else:
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _step_from_chip(self, index: int, step: int) -> None:
        target = index + step
        if step == 0 or target >= len(self._chips):
            self.setFocus(Qt.FocusReason.OtherFocusReason)
            super().setCursorPosition(0)
        elif target >= 0:
            self._focus_chip(target)

    def _leave_from_chip(self, forward: bool) -> None:
        self.setFocus(Qt.FocusReason.TabFocusReason)
        self.focusNextPrevChild(forward)

    def _contents(self) -> tuple[int, int, int]:
        """Left, top and height of where the text goes, inside the frame's padding."""
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        rect = self.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, self)
        return rect.left(), rect.top(), rect.height()  # (the text margins come after)

    def _place_chips(self) -> None:
        """Chips from the right end of the row of tags, as many as fit; "+2" for more."""
        left, top, height = self._contents()
        room = self.width() - left - MIN_TYPING_WIDTH
        shown: list[TagChip] = []
        used = 0
        for chip in reversed(self._chips):
            width = chip.sizeHint().width()
            if shown and used + width + CHIP_GAP > room:
                break
            shown.insert(0, chip)
            used += width + CHIP_GAP
        hidden = len(self._chips) - len(shown)
        x = left
        chip_height = max(12, min(height + 4, round(QFontMetricsF(self.font()).height() + 6)))
        y = top + (height - chip_height) // 2
        if hidden:
            self._more.setText(f"+{hidden}")
            names = ", ".join(self._tags[:hidden])
            self._more.setToolTip(names)
            self._more.setAccessibleName(f"{hidden} more tags: {names}")
            self._more.adjustSize()
            self._more.move(x, top + (height - self._more.height()) // 2)
            self._more.show()
            x += self._more.width() + CHIP_GAP
        else:
            self._more.hide()
            self._more.clear()
            self._more.setToolTip("")
            self._more.setAccessibleName("")
        for chip in self._chips:
            chip.setVisible(chip in shown)
            if chip in shown:
                chip.setGeometry(x, y, chip.sizeHint().width(), chip_height)
                x += chip.width() + CHIP_GAP
        self.setTextMargins(x - left, 0, 0, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_chips()

    def minimumSizeHint(self) -> QSize:
        """Wide enough for the placeholder (and the frame around it)."""
        hint = super().minimumSizeHint()
        metrics = QFontMetricsF(self.font())
        left, _top, _height = self._contents()
        wanted = round(metrics.horizontalAdvance(self._placeholder) + 2 * left + 8)
        return QSize(max(hint.width(), wanted), hint.height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), self.minimumSizeHint().width()), hint.height())


__all__ = ["TagsEdit"]
