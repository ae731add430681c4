"""Writing and browsing: the entry list (model, delegate, view), the editor and its
Markdown helpers, prompts and prompt packs, and the "next session" marks. When typed
words are saved is decided in ``journal_app.journal.edit_session``, not here."""
