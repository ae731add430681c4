"""File dialogs that keep no history.

``FILE_DIALOG``: Qt's own file dialog, not the platform's. Native dialogs add
what was chosen to the desktop's recent-files lists (GTK's recently-used.xbel,
Windows' Open/Save MRU), which would name the journal file and a saved recovery
code; Qt's dialog remembers only folders, in Qt's own settings. Durable writes
of files outside the vault are ``journal_app.journal.files.atomic_write_bytes``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

FILE_DIALOG = QFileDialog.Option.DontUseNativeDialog

__all__ = ["FILE_DIALOG"]
