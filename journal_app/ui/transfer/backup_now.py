"""Back up now (File menu): a save dialog, then an encrypted, verified copy made
on the worker with a progress bar and Cancel, then a plain sentence saying where it
went. An existing file is never replaced."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from journal_app.journal.backup import BackupResult, backup_name
from journal_app.ui.common.calm_dialog import tell, warn
from journal_app.ui.common.errors import advice_for
from journal_app.ui.common.files import FILE_DIALOG, Purpose, save_file_name
from journal_app.ui.services.journal_service import JournalService
from journal_app.ui.transfer.backup_files import BACKUP_FILTER, with_suffix
from journal_app.ui.transfer.progress import TaskDialog
from journal_app.vault import Cancelled, DamagedRecords, VaultExists

BACKED_UP_TITLE = "Backup made"


def ask_backup_path(parent: QWidget) -> Path | None:
    """Where to put a backup made now: a NEW file (an existing one is never replaced),
    starting where the last backup was saved."""
    name, _ = save_file_name(
        parent,
        Purpose.BACKUP,
        "Back up your journal",
        backup_name(datetime.now()),
        BACKUP_FILTER,
        FILE_DIALOG | QFileDialog.Option.DontConfirmOverwrite,
    )
    if not name:
        return None
    path = with_suffix(name)
    if path.exists():
        tell(parent, "Back up your journal", VaultExists.message)
        return None
    return path


def backed_up_message(result: BackupResult) -> str:
    text = (
        f"Your journal was backed up to {result.path}, and the copy was checked. "
        "It is encrypted: your passphrase opens it."
    )
    if result.report.damaged:
        text += f"\n\n{DamagedRecords(list(result.report.damaged))} They were copied as they are."
    return text


def back_up_now(
    parent: QWidget,
    service: JournalService,
    *,
    on_status: Callable[[str], None] | None = None,
) -> TaskDialog | None:
    """The whole "Back up now…": ask where, back up with progress, say where it went."""
    if not service.is_unlocked:
        return None
    path = ask_backup_path(parent)
    if path is None or not service.is_unlocked:
        return None
    task = service.transfer.backup_to(path)
    dialog = TaskDialog(
        "Backing up", "Making an encrypted copy of your journal, then checking it…", task, parent
    )

    def succeeded(result: object) -> None:
        assert isinstance(result, BackupResult)
        tell(parent, BACKED_UP_TITLE, backed_up_message(result))

    def failed(error: object) -> None:
        if isinstance(error, Cancelled):
            if on_status is not None:
                on_status("The backup was stopped; nothing was kept.")
            return
        advice = advice_for(error if isinstance(error, BaseException) else Exception())
        warn(parent, "The backup could not be made", advice.message)

    task.succeeded.connect(succeeded)
    task.failed.connect(failed)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


__all__ = ["BACKED_UP_TITLE", "ask_backup_path", "back_up_now", "backed_up_message"]
