"""The two questions the journal page asks: empty the trash for good, and what to do
with writing a crash kept only as a draft.

Both are plain message boxes (tests patch ``QMessageBox.exec``), in plain text so
that a person's words are never read as markup or links.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtWidgets import QWidget

from journal_app.journal import Draft
from journal_app.ui.common.questions import Answer, Button, Icon, Question, ask, confirm
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
    return confirm(parent, "Empty trash", TEXT_CONFIRM_EMPTY_TRASH, "Delete for good", "Keep them")


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
    previews = [text for draft in drafts[:PREVIEWS] if (text := draft_preview(draft))]
    question = Question(
        TEXT_DRAFTS_TITLE,
        "\n\n".join([TEXT_DRAFTS, *(["\n".join(previews)] if previews else [])]),
        (
            Answer(Button.Yes, "Restore"),
            Answer(Button.No, "Discard"),
            Answer(Button.Cancel, "Not now"),
        ),
        default=Button.Yes,
        icon=Icon.Information,
    )
    choices = {Button.Yes: DraftChoice.RESTORE, Button.No: DraftChoice.DISCARD}
    return choices.get(ask(parent, question), DraftChoice.LATER)
