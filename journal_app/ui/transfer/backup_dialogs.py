"""Backups in the window: Back up now, automatic backups, their settings, and Restore.

- **Back up now** (Journal menu): a save dialog, then an encrypted, verified
  copy made on the worker with a progress bar and Cancel, then a plain sentence
  saying where it went.
- **Automatic backups** (:class:`AutoBackup`): off, daily or weekly, keeping the
  newest N in a folder the person picks (:class:`BackupsPage` in Settings; the
  choice lives in AppSettings, as it names no content). One is made when due
  soon after unlock and then checked hourly while unlocked, off the GUI thread,
  with a quiet status message.
- **Restore** (:class:`RestoreDialog`): a backup file, its passphrase and a NEW
  file to restore into. Tend never restores over a journal, the open one or any
  other: that is the simpler and safer path, and nothing has to be replaced.
  Afterwards it offers to open the restored journal (the open one locks first and
  stays as it was, to be opened again at any time).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, QObject, Qt, QTime, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QMessageBox,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from journal_app import paths
from journal_app.journal.backup import (
    DEFAULT_KEEP,
    BackupFrequency,
    BackupPolicy,
    BackupResult,
    backup_name,
)
from journal_app.ui.common.errors import advice_for
from journal_app.ui.common.files import FILE_DIALOG
from journal_app.ui.common.preferences import AppSettings
from journal_app.ui.common.tasks import Task
from journal_app.ui.common.theme import set_role
from journal_app.ui.common.widgets import Banner, button, label, row, secret_field
from journal_app.ui.services.journal_service import JournalService
from journal_app.ui.transfer.damage_words import copy_note, restore_anyway_question
from journal_app.ui.transfer.progress import ProgressPanel, TaskDialog, WorkDialog, fit_height
from journal_app.vault import (
    Cancelled,
    DamagedRecords,
    VaultExists,
    WrongPassphrase,
)

BACKUP_SUFFIX = ".tend"
BACKUP_FILTER = "Tend backups (*.tend);;All files (*)"
CHECK_EVERY_MS = 60 * 60 * 1000  # while unlocked, look once an hour whether one is due
AFTER_UNLOCK_MS = 4_000  # and a few seconds after unlock, once the journal is shown
MAX_KEEP_SHOWN = 100

FREQUENCIES = (
    (BackupFrequency.OFF, "Off"),
    (BackupFrequency.DAILY, "Every day"),
    (BackupFrequency.WEEKLY, "Every week"),
)

BACKUPS_LEAD = (
    "A backup is an encrypted copy of your whole journal. Your passphrase (or your "
    "recovery code) opens it, on this computer or another one."
)
FOLDER_NOTE = (
    "A folder on another drive, or on a memory stick you keep elsewhere, also keeps "
    "your journal safe if this computer's disk is lost."
)
BACKED_UP_TITLE = "Backup made"
RESTORE_TITLE = "Restore from backup"
RESTORE_LEAD = (
    "Tend restores a backup into a new journal file, so your open journal is never "
    "replaced. Afterwards you can open the restored journal; this one stays as it is."
)
WRONG_BACKUP_PASSPHRASE = (
    "That passphrase does not open this backup. It opens with the passphrase the "
    "journal had when the backup was made. Please try again."
)


def when_text(moment: datetime) -> str:
    """ "21 Nov 2026 at 09:30", in the person's language."""
    locale = QLocale()
    day = locale.toString(QDate(moment.year, moment.month, moment.day), "d MMM yyyy")
    time = locale.toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)
    return f"{day} at {time}"


def _start_folder(*candidates: Path | None) -> Path:
    for folder in candidates:
        if folder is not None and Path(folder).is_dir():
            return Path(folder)
    return Path.home()


def _with_suffix(name: str) -> Path:
    path = Path(name)
    return path if path.suffix else path.with_name(path.name + BACKUP_SUFFIX)


# -------------------------------------------------------------- back up now


def ask_backup_path(parent: QWidget, settings: AppSettings | None) -> Path | None:
    """Where to put a backup made now: a NEW file (an existing one is never replaced)."""
    policy = settings.backup_policy if settings is not None else BackupPolicy()
    folder = _start_folder(policy.folder, paths.backup_dir())
    name, _ = QFileDialog.getSaveFileName(
        parent,
        "Back up your journal",
        str(folder / backup_name(datetime.now())),
        BACKUP_FILTER,
        "",
        FILE_DIALOG | QFileDialog.Option.DontConfirmOverwrite,
    )
    if not name:
        return None
    path = _with_suffix(name)
    if path.exists():
        QMessageBox.information(parent, "Back up your journal", VaultExists.message)
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
    settings: AppSettings | None,
    *,
    on_status: Callable[[str], None] | None = None,
) -> TaskDialog | None:
    """The whole "Back up now…": ask where, back up with progress, say where it went."""
    if not service.is_unlocked:
        return None
    path = ask_backup_path(parent, settings)
    if path is None or not service.is_unlocked:
        return None
    task = service.transfer.backup_to(path)
    dialog = TaskDialog(
        "Backing up", "Making an encrypted copy of your journal, then checking it…", task, parent
    )

    def succeeded(result: object) -> None:
        assert isinstance(result, BackupResult)
        QMessageBox.information(parent, BACKED_UP_TITLE, backed_up_message(result))

    def failed(error: object) -> None:
        if isinstance(error, Cancelled):
            if on_status is not None:
                on_status("The backup was stopped; nothing was kept.")
            return
        advice = advice_for(error if isinstance(error, BaseException) else Exception())
        QMessageBox.warning(parent, "The backup could not be made", advice.message)

    task.succeeded.connect(succeeded)
    task.failed.connect(failed)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


# -------------------------------------------------------------- automatic


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


# -------------------------------------------------------------- settings page


class BackupsPage(QWidget):
    """Settings > Backups: automatic backups, and the two buttons for now.

    Like the other settings pages: ``load()``, ``save()`` and ``changed``.
    """

    changed = Signal()
    back_up_requested = Signal()
    restore_requested = Signal()
    title = "Backups"

    def __init__(
        self, settings: AppSettings, service: JournalService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.service = service
        self._folder: Path | None = None
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(4, 0, 4, 0)
        self.layout_.setSpacing(12)
        self.layout_.addWidget(label(self.title, "heading"))
        self.layout_.addWidget(label(BACKUPS_LEAD, "lead"))

        self.frequency = QComboBox()
        self.frequency.setObjectName("backupFrequency")
        self.frequency.setMinimumHeight(34)
        self.frequency.setAccessibleName("Automatic backups")
        self.frequency.setToolTip("How often Tend makes a backup by itself while it is open")
        for value, text in FREQUENCIES:
            self.frequency.addItem(text, value.value)
        self.keep = QSpinBox()
        self.keep.setObjectName("backupKeep")
        self.keep.setMinimumHeight(34)
        self.keep.setRange(1, MAX_KEEP_SHOWN)
        self.keep.setSuffix(" backups")
        self.keep.setAccessibleName("Keep the newest")
        self.keep.setToolTip("Older automatic backups of this journal are deleted beyond this")
        self.folder_label = label("")
        set_role(self.folder_label, "path")
        self.folder_label.setAccessibleName("Backup folder")
        self.folder_label.setToolTip("Where automatic backups are kept")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_button = button(
            "Choose folder…", "Choose where automatic backups are kept", on_click=self.choose_folder
        )

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for text, field in (
            ("&Automatic backups", self.frequency),
            ("&Keep the newest", self.keep),
        ):
            form_label = label(text, wrap=False)
            form_label.setBuddy(field)
            form_label.setMinimumHeight(34)
            form.addRow(form_label, field)
        self.layout_.addLayout(form)
        self.layout_.addWidget(label("Folder", "subheading"))
        self.layout_.addWidget(self.folder_label)
        self.layout_.addLayout(row(self.folder_button, None))
        self.layout_.addWidget(label(FOLDER_NOTE, "muted"))
        self.latest = label("", "muted")
        self.latest.setObjectName("latestBackup")
        self.latest.setAccessibleName("Newest backup")
        self.layout_.addWidget(self.latest)

        self.layout_.addSpacing(6)
        self.layout_.addWidget(label("Now", "subheading"))
        self.backup_button = button(
            "Back up now…",
            "Make an encrypted, checked backup now, in a file you choose",
            on_click=self.back_up_requested,
        )
        self.restore_button = button(
            "Restore from backup…",
            "Make a new journal file from a backup; your open journal is not changed",
            on_click=self.restore_requested,
        )
        self.layout_.addLayout(row(self.backup_button, self.restore_button, None))
        self.layout_.addStretch(1)

        self.frequency.currentIndexChanged.connect(self._on_changed)
        self.keep.valueChanged.connect(self._on_changed)
        service.state_changed.connect(self._on_state_changed)

    @Slot(object)
    def _on_state_changed(self, _state: object) -> None:
        self._show_latest()

    @Slot()
    def _on_changed(self, *_args: object) -> None:
        self._update_enabled()
        self.changed.emit()

    def _update_enabled(self) -> None:
        on = self.frequency.currentData() != BackupFrequency.OFF.value
        self.keep.setEnabled(on)
        self.backup_button.setEnabled(self.service.is_unlocked)

    def policy(self) -> BackupPolicy:
        """What the page shows, as a policy."""
        return BackupPolicy(
            frequency=BackupFrequency(self.frequency.currentData()),
            keep=self.keep.value(),
            folder=self._folder,
        )

    def load(self) -> None:
        policy = self.settings.backup_policy
        self.frequency.setCurrentIndex(max(0, self.frequency.findData(policy.frequency.value)))
        self.keep.setValue(min(policy.keep, MAX_KEEP_SHOWN) or DEFAULT_KEEP)
        self._folder = policy.folder
        self._show_folder()
        self._update_enabled()

    def save(self) -> None:
        self.settings.backup_policy = self.policy()

    def _show_folder(self) -> None:
        self.folder_label.setText(str(self.policy().resolved_folder))
        self._show_latest()

    def _show_latest(self) -> None:
        if not self.service.is_unlocked:
            self.latest.setText("Unlock the journal to see its backups here.")
            self._update_enabled()
            return
        try:
            found = self.service.transfer.backups_in(self.policy().resolved_folder)
        except OSError:
            found = []
        if found:
            self.latest.setText(f"The newest backup there is from {when_text(found[-1].taken)}.")
        else:
            self.latest.setText("There is no automatic backup of this journal there yet.")
        self._update_enabled()

    @Slot()
    def choose_folder(self) -> None:
        start = _start_folder(self._folder, paths.backup_dir().parent)
        name = QFileDialog.getExistingDirectory(
            self,
            "Choose a folder for backups",
            str(start),
            FILE_DIALOG | QFileDialog.Option.ShowDirsOnly,
        )
        if not name:
            return
        self._folder = Path(name)
        self._show_folder()
        self.changed.emit()


# -------------------------------------------------------------- restore


class RestoreDialog(WorkDialog):
    """A backup, its passphrase, a NEW file: restore there, then offer to open it.

    Signals:
        open_requested(object): the restored journal's Path, to open now.
    """

    open_requested = Signal(object)

    def __init__(
        self,
        service: JournalService,
        parent: QWidget | None = None,
        *,
        settings: AppSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(RESTORE_TITLE)
        self.setObjectName("restoreDialog")
        self.setMinimumWidth(580)
        self.service = service
        self.settings = settings
        self.backup_path: Path | None = None
        self.target_path: Path | None = None
        self.restored: Path | None = None
        self.task: Task | None = None
        self._allow_damaged = False

        self.pages = QStackedWidget()
        self.form_page = QWidget()
        self.done_page = QWidget()
        self.pages.addWidget(self.form_page)
        self.pages.addWidget(self.done_page)
        self._build_form()
        self._build_done()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 20)
        layout.addWidget(self.pages)
        self._update()

    def _build_form(self) -> None:
        self.backup_label = label("No backup chosen yet.")
        set_role(self.backup_label, "path")
        self.backup_label.setAccessibleName("Backup file")
        self.backup_label.setToolTip("The backup to restore")
        self.backup_button = button(
            "Choose backup…", "Choose the backup file to restore", on_click=self.choose_backup
        )
        self.passphrase = secret_field(
            "The backup's passphrase",
            "The passphrase the journal had when this backup was made",
            "The backup's passphrase",
        )
        self.target_label = label("No new file chosen yet.")
        set_role(self.target_label, "path")
        self.target_label.setAccessibleName("New journal file")
        self.target_label.setToolTip("The new journal file the backup is restored into")
        self.target_button = button(
            "Choose new file…",
            "Choose a name and place for the restored journal (a new file)",
            on_click=self.choose_target,
        )
        self.message = Banner("error")
        self.progress = ProgressPanel(self, with_button=False)  # Cancel below stops it
        self.cancel_button = button(
            "Cancel", "Close without restoring; while restoring, stop", on_click=self.reject
        )
        self.restore_button = button(
            "Restore",
            "Restore the backup into the new file; your open journal is not changed",
            role="primary",
            on_click=self.restore,
        )
        self.restore_button.setDefault(True)
        self.passphrase.textChanged.connect(lambda _t: self._update())
        self.passphrase.returnPressed.connect(self.restore)

        layout = QVBoxLayout(self.form_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(label(RESTORE_TITLE, "heading"))
        layout.addWidget(label(RESTORE_LEAD, "lead"))
        layout.addSpacing(4)
        layout.addWidget(label("1. The backup", "subheading"))
        layout.addWidget(self.backup_label)
        layout.addLayout(row(self.backup_button, None))
        layout.addSpacing(4)
        layout.addWidget(label("2. Its passphrase", "subheading"))
        layout.addWidget(self.passphrase)
        layout.addSpacing(4)
        layout.addWidget(label("3. Where to put the restored journal", "subheading"))
        layout.addWidget(self.target_label)
        layout.addLayout(row(self.target_button, None))
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        layout.addLayout(row(None, self.cancel_button, self.restore_button))

    def _build_done(self) -> None:
        self.done_text = label("", "lead")
        self.done_text.setObjectName("restoreDone")
        self.done_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.done_path = label("")
        set_role(self.done_path, "path")
        self.done_path.setAccessibleName("The restored journal")
        self.done_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.done_note = label("", "muted")
        self.close_button = button(
            "Close", "Close; the restored journal stays where it is", on_click=self.accept
        )
        self.open_button = button(
            "Open the restored journal",
            "Lock this journal and open the restored one (this one stays as it is)",
            role="primary",
            on_click=self._open_restored,
        )
        layout = QVBoxLayout(self.done_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(label("Restored", "heading"))
        layout.addWidget(self.done_text)
        layout.addWidget(self.done_path)
        layout.addWidget(self.done_note)
        layout.addStretch(1)
        layout.addLayout(row(None, self.close_button, self.open_button))

    # ---------------------------------------------------------------- choosing

    def _folder(self) -> Path:
        policy = self.settings.backup_policy if self.settings is not None else BackupPolicy()
        return _start_folder(policy.folder, paths.backup_dir(), self.service.vault_path.parent)

    @Slot()
    def choose_backup(self) -> None:
        start = self.backup_path.parent if self.backup_path else self._folder()
        name, _ = QFileDialog.getOpenFileName(
            self, "Choose a backup", str(start), BACKUP_FILTER, "", FILE_DIALOG
        )
        if name:
            self.set_backup(Path(name))

    def set_backup(self, path: Path) -> None:
        self.backup_path = Path(path)
        self.backup_label.setText(str(self.backup_path))
        self.message.clear()
        self._update()
        self.passphrase.setFocus()

    @Slot()
    def choose_target(self) -> None:
        folder = self.service.vault_path.parent
        start = _start_folder(folder, Path.home()) / "restored-journal.tend"
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Restore into a new journal file",
            str(start),
            "Tend journals (*.tend)",
            "",
            FILE_DIALOG | QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            self.set_target(_with_suffix(name))

    def set_target(self, path: Path) -> None:
        self.message.clear()
        if Path(path).exists():
            self.target_path = None
            self.target_label.setText("No new file chosen yet.")
            self.message.show_message(
                "A file already exists there, and Tend never restores over a file. "
                "Please choose a new name."
            )
        else:
            self.target_path = Path(path)
            self.target_label.setText(str(self.target_path))
        self._update()
        fit_height(self)

    def _update(self) -> None:
        running = self.task is not None and self.task.running
        ready = bool(self.backup_path and self.target_path and self.passphrase.text())
        self.restore_button.setEnabled(ready and not running)
        for widget in (self.backup_button, self.target_button, self.passphrase):
            widget.setEnabled(not running)

    # ---------------------------------------------------------------- restoring

    @Slot()
    def restore(self) -> None:
        if self.task is not None and self.task.running:
            return
        if not (self.backup_path and self.target_path and self.passphrase.text()):
            return
        if self.target_path.exists():
            self.set_target(self.target_path)
            return
        self.message.clear()
        self.task = self.service.transfer.restore_backup(
            self.backup_path,
            self.target_path,
            self.passphrase.text(),
            allow_damaged=self._allow_damaged,
        )
        self.task.succeeded.connect(self._on_restored)
        self.task.failed.connect(self._on_failed)
        self.progress.follow(self.task, "Restoring and checking the copy…")
        self._update()

    @Slot(object)
    def _on_restored(self, report: object) -> None:
        self._update()
        if not self.isVisible() or self.target_path is None:
            return
        self.passphrase.clear()
        self.restored = self.target_path
        self.done_text.setText(
            "The backup was restored into a new journal file, and the copy was checked. "
            "The backup's passphrase opens it."
        )
        self.done_path.setText(str(self.restored))
        note = (
            "Your open journal was not changed. To come back to it later, choose "
            "Journal › Open another journal file…"
        )
        self.done_note.setText(f"{copy_note(report)} {note}".strip())
        self.pages.setCurrentWidget(self.done_page)
        self.open_button.setFocus()

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        self._update()
        if not self.isVisible():
            return
        if isinstance(error, Cancelled):
            self.message.show_message("Stopped. Nothing was restored.")
        elif isinstance(error, WrongPassphrase):
            self.message.show_message(WRONG_BACKUP_PASSPHRASE)
            self.passphrase.selectAll()
            self.passphrase.setFocus()
        elif (question := restore_anyway_question(error)) and not self._allow_damaged:
            answer = QMessageBox.question(  # damaged records, or a manifest not readable
                self,
                *question,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes,
            )
            if answer == QMessageBox.StandardButton.Yes and self.isVisible():
                self._allow_damaged = True
                self.restore()
        else:
            advice = advice_for(error if isinstance(error, BaseException) else Exception())
            self.message.show_message(advice.message, title="The backup could not be restored")
        fit_height(self)

    @Slot()
    def _open_restored(self) -> None:
        path = self.restored
        self.accept()
        if path is not None:
            self.open_requested.emit(path)

    def forget(self) -> None:
        """Closing (or a lock) forgets the passphrase typed for the backup."""
        self.passphrase.clear()


__all__ = [
    "AutoBackup",
    "BackupsPage",
    "RestoreDialog",
    "back_up_now",
    "backed_up_message",
]
