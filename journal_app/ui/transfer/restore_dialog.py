"""Restore from backup: a backup file, its passphrase and a NEW file to restore into.

Tend never restores over a journal, the open one or any other: that is the simpler
and safer path, and nothing has to be replaced. Afterwards it offers to open the
restored journal (the open one locks first and stays as it was, to be opened again
at any time).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QStackedWidget, QVBoxLayout, QWidget

from journal_app.ui.common.errors import advice_for
from journal_app.ui.common.files import FILE_DIALOG, Purpose, open_file_name
from journal_app.ui.common.focus_return import return_focus_on_close
from journal_app.ui.common.placement import open_over_parent
from journal_app.ui.common.preferences import AppSettings
from journal_app.ui.common.questions import Answer, Button, Question, ask
from journal_app.ui.common.tasks import Task
from journal_app.ui.common.theme import set_role
from journal_app.ui.common.widgets import Banner, button, label, row, secret_field
from journal_app.ui.services.journal_service import JournalService
from journal_app.ui.transfer.backup_files import BACKUP_FILTER, start_folder, with_suffix
from journal_app.ui.transfer.damage_words import copy_note, restore_anyway_question
from journal_app.ui.transfer.progress import ProgressPanel, WorkDialog, fit_height
from journal_app.vault import Cancelled, WrongPassphrase

RESTORE_TITLE = "Restore from backup"
RESTORE_LEAD = (
    "Tend restores a backup into a new journal file, so your open journal is never "
    "replaced. Afterwards you can open the restored journal; this one stays as it is."
)
WRONG_BACKUP_PASSPHRASE = (
    "That passphrase does not open this backup. It opens with the passphrase the "
    "journal had when the backup was made. Please try again."
)


def restore_anyway(title: str, text: str) -> Question:
    """Whether to restore what opens of a backup that is partly damaged or unchecked."""
    return Question(
        title,
        text,
        (
            Answer(Button.Yes, "Restore anyway", "Restore every entry that opens"),
            Answer(Button.Cancel, "Cancel", "Restore nothing"),
        ),
        default=Button.Yes,
    )


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
        open_over_parent(self)
        return_focus_on_close(self)
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

    @Slot()
    def choose_backup(self) -> None:
        name, _ = open_file_name(self, Purpose.BACKUP, "Choose a backup", BACKUP_FILTER)
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
        start = start_folder(folder, Path.home()) / "restored-journal.tend"
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Restore into a new journal file",
            str(start),
            "Tend journals (*.tend)",
            "",
            FILE_DIALOG | QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            self.set_target(with_suffix(name))

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
            # Damaged records, or a manifest that could not be read.
            if ask(self, restore_anyway(*question)) == Button.Yes and self.isVisible():
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


__all__ = ["RESTORE_LEAD", "RESTORE_TITLE", "WRONG_BACKUP_PASSPHRASE", "RestoreDialog"]
