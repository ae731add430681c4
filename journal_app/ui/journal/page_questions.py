"""The two questions the journal page asks: empty the trash for good, and what to do
with writing a crash kept only as a draft.

Both are plain message boxes (tests patch ``QMessageBox.exec``), in plain text so
that a person's words are never read as markup or links.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from journal_app.journal import Draft
from journal_app.ui.journal.page_words import (
    TEXT_CONFIRM_EMPTY_TRASH,
    TEXT_DRAFTS,
    TEXT_DRAFTS_TITLE,
)

PREVIEWS = 3  # drafts quoted in the question, newest first
PREVIEW_CHARS = 60


class DraftChoice(StrEnum):
    RESTORE = "restore"
    DISCARD = "discard"
    LATER = "later"


def ask_empty_trash(parent: QWidget) -> bool:
    """The plain confirmation before deleting for good."""
    box = QMessageBox(parent)
    box.setWindowTitle("Empty trash")
    box.setIcon(QMessageBox.Icon.Question)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(TEXT_CONFIRM_EMPTY_TRASH)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Yes).setText("Delete for good")
    box.button(QMessageBox.StandardButton.Cancel).setText("Keep them")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    result = box.exec()
    box.deleteLater()
    return result == QMessageBox.StandardButton.Yes


def draft_preview(draft: Draft) -> str:
    """The draft's title, else its first line of text, quoted and cut short ("" if blank)."""
    line = draft.title.strip() or next(
        (text.strip() for text in draft.body.splitlines() if text.strip()), ""
    )
    if not line:
        return ""
    cut = line if len(line) <= PREVIEW_CHARS else line[: PREVIEW_CHARS - 1] + "…"
    return "“" + cut + "”"


def ask_about_drafts(parent: QWidget, drafts: list[Draft]) -> DraftChoice:
    """Restore (Yes), discard (No) or decide later (Cancel, Escape): drafts are kept."""
    box = QMessageBox(parent)
    box.setWindowTitle(TEXT_DRAFTS_TITLE)
    box.setIcon(QMessageBox.Icon.Information)
    previews = [text for draft in drafts[:PREVIEWS] if (text := draft_preview(draft))]
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText("\n\n".join([TEXT_DRAFTS, *(["\n".join(previews)] if previews else [])]))
    box.setStandardButtons(
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Cancel
    )
    box.button(QMessageBox.StandardButton.Yes).setText("Restore")
    box.button(QMessageBox.StandardButton.No).setText("Discard")
    box.button(QMessageBox.StandardButton.Cancel).setText("Not now")
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    result = box.exec()
    box.deleteLater()
    if result == QMessageBox.StandardButton.Yes:
        return DraftChoice.RESTORE
    if result == QMessageBox.StandardButton.No:
        return DraftChoice.DISCARD
    return DraftChoice.LATER
