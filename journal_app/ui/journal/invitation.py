"""What the right side of the journal page shows when no entry is open: a quiet
invitation to begin (or, in the trash, a word on how the trash works).

Its words keep to a short measure however wide the window is, so they read as a
sentence rather than a banner.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from journal_app.ui.common.shortcuts import SHORTCUT_WRITE_WITH_PROMPT
from journal_app.ui.common.theme import DESIGN_POINT_SIZE, set_role
from journal_app.ui.common.widgets import button
from journal_app.ui.journal.entry_delegate import muted_text
from journal_app.ui.journal.page_words import (
    TEXT_CHOOSE_ENTRY,
    TEXT_EMPTY_JOURNAL,
    TEXT_EMPTY_JOURNAL_TITLE,
    TEXT_LIST_HIDDEN,
    TEXT_TRASH_HINT,
    TEXT_TRASH_HINT_LIST_HIDDEN,
)

PLACEHOLDER_WIDTH = 460
"""The words' measure in pixels at the text size Tend was designed for; it grows
with the text, and is never narrower than the buttons."""
MARGIN = 48


def _words(parent: QWidget, name: str, role: str) -> QLabel:
    words = QLabel(parent)
    words.setObjectName(name)
    words.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    words.setWordWrap(True)
    words.setTextFormat(Qt.TextFormat.PlainText)
    set_role(words, role)
    return words


class Invitation(QWidget):
    """A title, a line, and "New entry" and "Write with a prompt…" below them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("journalPlaceholder")
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self._place = place = QVBoxLayout(self)
        place.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        place.addStretch(2)
        self.title = _words(self, "placeholderTitle", "heading")
        self.text = _words(self, "placeholderText", "lead")
        self.new_button = button("New entry", "Begin a new entry (Ctrl+N)", role="primary")
        self.new_button.setObjectName("placeholderNewEntry")
        place.addWidget(self.title)
        place.addSpacing(8)
        place.addWidget(self.text)
        place.addSpacing(20)
        # Beside it, the invitation to begin from a prompt (only if the person wants one).
        self.prompt_button = button(
            "Write with a prompt…",
            f"Begin with a gentle prompt from a theme you choose ({SHORTCUT_WRITE_WITH_PROMPT})",
        )
        self.prompt_button.setObjectName("placeholderWriteWithPrompt")
        self._begin_row = begin_row = QHBoxLayout()
        begin_row.setSpacing(10)
        begin_row.addStretch(1)
        begin_row.addWidget(self.new_button)
        begin_row.addWidget(self.prompt_button)
        begin_row.addStretch(1)
        place.addLayout(begin_row)
        place.addStretch(3)

    def fill(
        self, *, unlocked: bool, trash: bool, empty_journal: bool, list_shown: bool = True
    ) -> None:
        """The words for where the person is: locked, the trash, a new or a kept journal.

        With the list hidden (View > Show the list), the words say how to bring it
        back rather than point to a list that is not there."""
        if not unlocked:
            self.blank()
            return
        if trash:
            self.title.setText("")
            self.text.setText(TEXT_TRASH_HINT if list_shown else TEXT_TRASH_HINT_LIST_HIDDEN)
        elif empty_journal:
            self.title.setText(TEXT_EMPTY_JOURNAL_TITLE)
            self.text.setText(TEXT_EMPTY_JOURNAL)
        else:
            self.title.setText("")
            self.text.setText(TEXT_CHOOSE_ENTRY if list_shown else TEXT_LIST_HIDDEN)
        for widget in (self.new_button, self.prompt_button):
            widget.setVisible(not trash)
        self.title.setVisible(bool(self.title.text()))

    def blank(self) -> None:
        """No words at all (the journal is locked)."""
        self.title.clear()
        self.text.clear()

    def restyle(self, base_size: float, palette: QPalette) -> None:
        """Larger words than the page's ``base_size``; the line muted against ``palette``."""
        title_font = QFont(self.title.font())
        if base_size > 0:
            title_font.setPointSizeF(base_size * 1.6)
        title_font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(title_font)
        text_font = QFont(self.text.font())
        if base_size > 0:
            text_font.setPointSizeF(base_size * 1.15)
        self.text.setFont(text_font)
        text_palette = self.text.palette()
        text_palette.setColor(QPalette.ColorRole.WindowText, muted_text(palette))
        self.text.setPalette(text_palette)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_margins()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_margins()  # the text grew or shrank (View > Bigger text)

    def _fit_margins(self) -> None:
        size = self.font().pointSizeF()
        scale = max(1.0, size / DESIGN_POINT_SIZE) if size > 0 else 1.0
        measure = max(round(PLACEHOLDER_WIDTH * scale), self._begin_row.sizeHint().width())
        side = max(MARGIN, (self.width() - measure) // 2)
        self._place.setContentsMargins(side, MARGIN, side, MARGIN)
