"""Automatic backups: off, daily or weekly, keeping the newest N in a folder the
person picks (in Settings > Backups; the choice lives in AppSettings, as it names no
content). One is made when due soon after unlock and then checked hourly while
unlocked, off the GUI thread, with a quiet status message."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from journal_app.journal.backup import BackupFrequency
from journal_app.ui.common.errors import advice_for
from journal_app.ui.common.preferences import AppSettings
from journal_app.ui.common.tasks import Task
from journal_app.ui.services.journal_service import JournalService
from journal_app.vault import Cancelled

CHECK_EVERY_MS = 60 * 60 * 1000  # while unlocked, look once an hour whether one is due
AFTER_UNLOCK_MS = 4_000  # and a few seconds after unlock, once the journal is shown


class AutoBackup(QObject):
    """Makes the automatic backup when it is due: after unlock, then hourly.

    ``clock`` gives the time (tests pass a fake one); ``check(now)`` may also be
    called directly.

    Signals:
        status_message(str): quiet news for the status bar.
        backed_up(object): the new backup's Path.
    """

    status_message = Signal(str)
    backed_up = Signal(object)

    def __init__(
        self,
        service: JournalService,
        settings: AppSettings,
        *,
        clock: Callable[[], datetime] = datetime.now,
        interval_ms: int = CHECK_EVERY_MS,
        after_unlock_ms: int = AFTER_UNLOCK_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.settings = settings
        self.clock = clock
        self.after_unlock_ms = after_unlock_ms
        self.task: Task | None = None
        self.last_error: str = ""
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.timeout.connect(self.check)
        service.unlocked.connect(self._on_unlocked)
        service.state_changed.connect(self._on_state_changed)

    @Slot(object)
    def _on_unlocked(self, _report: object) -> None:
        self.timer.start()
        self.check_soon()

    @Slot(object)
    def _on_state_changed(self, _state: object) -> None:
        if not self.service.is_unlocked:
            self.timer.stop()
            self._soon.stop()

    def check_soon(self, delay_ms: int | None = None) -> None:
        """Look whether a backup is due in a moment (after unlock, after Settings)."""
        if self.service.is_unlocked:
            self._soon.start(self.after_unlock_ms if delay_ms is None else delay_ms)

    @Slot()
    def check(self, now: datetime | None = None) -> Task | None:
        """Start the automatic backup if one is due; returns its task, or None."""
        if not self.service.is_unlocked or (self.task is not None and self.task.running):
            return None
        policy = self.settings.backup_policy
        if policy.frequency is BackupFrequency.OFF:
            return None
        task = self.service.transfer.run_due_backup(policy, now or self.clock())
        task.succeeded.connect(self._on_succeeded)
        task.failed.connect(self._on_failed)
        self.task = task
        return task

    @Slot(object)
    def _on_succeeded(self, path: object) -> None:
        self.last_error = ""
        if isinstance(path, Path):
            self.status_message.emit(f"Backed up automatically, to {path.parent}.")
            self.backed_up.emit(path)

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        if isinstance(error, Cancelled):
            return  # locked or closed meanwhile: the next check makes it
        advice = advice_for(error if isinstance(error, BaseException) else Exception())
        self.last_error = advice.message
        self.status_message.emit(f"The automatic backup could not be made. {advice.message}")


__all__ = ["AFTER_UNLOCK_MS", "CHECK_EVERY_MS", "AutoBackup"]
