"""Settings > Backups: how often Tend backs up by itself, how many it keeps, where,
the newest one there, and the two buttons for now (Back up now, Restore)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, Qt, QTime, Signal, Slot
from PySide6.QtWidgets import QComboBox, QFormLayout, QSpinBox, QVBoxLayout, QWidget

from journal_app.journal.backup import DEFAULT_KEEP, BackupFrequency, BackupPolicy
from journal_app.ui.common.files import Purpose, existing_folder
from journal_app.ui.common.preferences import AppSettings
from journal_app.ui.common.theme import set_role
from journal_app.ui.common.widgets import button, label, row
from journal_app.ui.services.journal_service import JournalService

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


def when_text(moment: datetime) -> str:
    """ "21 Nov 2026 at 09:30", in the person's language."""
    locale = QLocale()
    day = locale.toString(QDate(moment.year, moment.month, moment.day), "d MMM yyyy")
    time = locale.toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)
    return f"{day} at {time}"


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

    def _resolved_folder(self) -> Path:
        return self.policy().folder_for(self.service.vault_path)

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
        self.folder_label.setText(str(self._resolved_folder()))
        self._show_latest()

    def _show_latest(self) -> None:
        if not self.service.is_unlocked:
            self.latest.setText("Unlock the journal to see its backups here.")
            self._update_enabled()
            return
        try:
            found = self.service.transfer.backups_in(self._resolved_folder())
        except OSError:
            found = []
        if found:
            self.latest.setText(f"The newest backup there is from {when_text(found[-1].taken)}.")
        else:
            self.latest.setText("There is no automatic backup of this journal there yet.")
        self._update_enabled()

    @Slot()
    def choose_folder(self) -> None:
        name = existing_folder(self, Purpose.BACKUP, "Choose a folder for backups")
        if not name:
            return
        self._folder = Path(name)
        self._show_folder()
        self.changed.emit()


__all__ = ["BACKUPS_LEAD", "FOLDER_NOTE", "BackupsPage", "when_text"]
