"""Entries, drafts and search over the vault. Plain Python: never imports Qt."""

from journal_app.journal.entry import Draft, Entry
from journal_app.journal.service import Journal, LoadReport

__all__ = ["Draft", "Entry", "Journal", "LoadReport"]
