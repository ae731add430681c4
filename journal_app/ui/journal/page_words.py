"""What the journal page says, kept together so the wording can be reviewed in one
place (CONTENT.md): calm, inviting, never counting, never judging."""

from __future__ import annotations

from journal_app.ui.common.shortcuts import SHORTCUT_SHOW_LIST

TEXT_EMPTY_JOURNAL_TITLE = "This is your space."
TEXT_EMPTY_JOURNAL = "Write a line or a page — whatever today holds."
TEXT_CHOOSE_ENTRY = "Choose an entry from the list, or begin a new one."
TEXT_LIST_HIDDEN = f"Begin a new entry, or press {SHORTCUT_SHOW_LIST} to see your entries."
TEXT_LIST_EMPTY_JOURNAL = "Your entries will appear here."
TEXT_NO_MATCHES = "Nothing matches that yet."
TEXT_TRASH_EMPTY = "The trash is empty."
TEXT_TRASH_NO_MATCHES = "Nothing in the trash matches that."
TEXT_TRASH_HINT = (
    "Entries in the trash stay here until you empty it. Choose one to read it or to bring it back."
)
TEXT_TRASH_HINT_LIST_HIDDEN = (
    "Entries in the trash stay here until you empty it. "
    f"Press {SHORTCUT_SHOW_LIST} to see them, and choose one to read it or to bring it back."
)
TEXT_TRASH_NOTICE = "This entry is in the trash. Restore it to keep writing in it."
TEXT_MOVED_TO_TRASH = "Moved to trash — Undo (Ctrl+Z)"
TEXT_RESTORED = "Back in your journal."
TEXT_TRASH_EMPTIED = "The trash is empty now."
TEXT_NOT_SAVED_KEPT = "Not saved yet — your words are still in the editor."
TEXT_CONFIRM_EMPTY_TRASH = "Delete these entries for good? This cannot be undone."
TEXT_DRAFTS_TITLE = "Writing from last time"
TEXT_DRAFTS = (
    "Some writing from last time had not been saved into your journal when Tend "
    "closed. It was kept safe. Would you like to restore it?"
)
TEXT_DRAFTS_RESTORED = "Your writing from last time is back in your journal."
