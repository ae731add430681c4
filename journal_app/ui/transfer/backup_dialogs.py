"""Backups in the window, by the module that holds each part (kept for old imports).

Back up now: :mod:`.backup_now`; automatic backups: :mod:`.auto_backup`; Settings >
Backups: :mod:`.backups_page`; Restore: :mod:`.restore_dialog`; where backups go:
:mod:`.backup_files`.
"""

from __future__ import annotations

from journal_app.ui.transfer.auto_backup import AutoBackup
from journal_app.ui.transfer.backup_now import back_up_now, backed_up_message
from journal_app.ui.transfer.backups_page import BackupsPage
from journal_app.ui.transfer.restore_dialog import RestoreDialog

__all__ = [
    "AutoBackup",
    "BackupsPage",
    "RestoreDialog",
    "back_up_now",
    "backed_up_message",
]
