"""The note that opens a "bring to my next session" export: what the person would
like to talk about, in their own words, printed before the entries.

It lives only in this field while the export dialog is open: it is never saved in
the journal or anywhere else, so it cannot be found later by someone who opens the
journal, and the dialog says so. It is written only into the file (or the print)
the person asked for.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget

from journal_app.journal.export import NOTE_HEADING
from journal_app.ui.common.widgets import label

NOTE_LABEL = f"{NOTE_HEADING} (if you like)"
NOTE_HINT = (
    "Printed first, before the entries. Tend does not keep this note: it goes when "
    "this window closes."
)
NOTE_PLACEHOLDER = "A few words for you and your therapist to start from"
NOTE_LINES = 3  # tall enough for a few lines; it scrolls beyond


class SessionNote(QWidget):
    """The note's label, field and hint; shown when the marked entries are chosen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionNote")
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("sessionNoteText")
        self.edit.setAccessibleName(NOTE_HEADING)
        self.edit.setAccessibleDescription(NOTE_HINT)
        self.edit.setToolTip("Your own words, printed before the entries; not kept by Tend")
        self.edit.setPlaceholderText(NOTE_PLACEHOLDER)
        self.edit.setTabChangesFocus(True)  # Tab moves on, as in every other field here
        line = self.edit.fontMetrics().lineSpacing()
        margins = self.edit.contentsMargins()
        frame = 2 * self.edit.frameWidth() + margins.top() + margins.bottom()
        self.edit.setFixedHeight(NOTE_LINES * line + frame + 12)
        heading = label(NOTE_LABEL, "subheading")
        heading.setBuddy(self.edit)
        hint = label(NOTE_HINT, "muted")
        hint.setAccessibleName("About the note")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(heading)
        layout.addWidget(self.edit)
        layout.addWidget(hint)

    def text(self) -> str:
        """The note as typed; "" when the field is hidden (another choice)."""
        return "" if self.isHidden() else self.edit.toPlainText()

    def forget(self) -> None:
        """Empty the field: a lock or closing leaves none of its words in memory's view."""
        self.edit.clear()


__all__ = ["NOTE_HINT", "NOTE_LABEL", "SessionNote"]
