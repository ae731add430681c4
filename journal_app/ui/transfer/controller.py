"""The window's Export, Print, Import, Back up now and Restore: actions and where they lead.

One object, made by the main window, whose actions the window puts in its File
menu (:attr:`TransferController.menu_groups`), and which opens the dialogs, runs
the automatic backups and reports in the status bar. It knows the window only as
:class:`TransferWindow`, the little it needs of it, so this part never imports
the window above it.

The window's lock closes every dialog (the export, print preview, import and
restore dialogs among them) and the service stops every task, so no entry's
words stay on screen or keep being processed after a lock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QStackedWidget

from journal_app.journal.export import ExportResult
from journal_app.ui.common.actions import window_action
from journal_app.ui.common.calm_dialog import tell
from journal_app.ui.common.kept import KeptDialog
from journal_app.ui.common.preferences import AppSettings
from journal_app.ui.services.journal_service import JournalService
from journal_app.ui.transfer.auto_backup import AutoBackup
from journal_app.ui.transfer.backup_now import back_up_now
from journal_app.ui.transfer.backups_page import BackupsPage
from journal_app.ui.transfer.restore_dialog import RestoreDialog

if TYPE_CHECKING:
    # The export and import dialogs (and what they need: printing, the importers)
    # are imported when first opened, not when the window starts.
    from journal_app.ui.transfer.export_dialog import ExportDialog
    from journal_app.ui.transfer.import_dialog import ImportDialog

STATUS_MS = 8_000


class ShownJournal(Protocol):
    """The journal's view, as far as exporting from it goes."""

    def flush(self) -> bool | None:
        """Save what is typed now; False if it could not be."""

    def selected_entry_ids(self) -> Iterable[str]:
        """The entries chosen in the list, offered for export."""


class TransferWindow(Protocol):
    """What the controller needs of the window that holds it, and nothing more."""

    service: JournalService
    settings: AppSettings
    stack: QStackedWidget  # its pages: a change may change what can be exported
    journal_view: ShownJournal | None

    def journal_shown(self) -> bool:
        """True while the open journal itself is on screen."""

    def save_now(self) -> None:
        """Save everything typed (an entry, my people, my plan) before an import compares."""

    def reload_personal(self) -> None:
        """Show newly merged people and plan words where those windows are open."""

    def switch_vault(self, path: Path) -> None:
        """Lock this journal and open the one at ``path`` (a restored backup)."""


def exported_message(result: ExportResult) -> str:
    from journal_app.ui.transfer.export_dialog import entries_phrase

    return (
        f"{entries_phrase(result.entries)} written to {result.path}.\n\n"
        "The file is not encrypted. Keep it somewhere safe, and delete it when you no "
        "longer need it."
    )


class TransferController(QObject):
    """Export, print, import, backups and restore for one main window."""

    # Each None until opened, and again once Qt deletes it (closing deletes them).
    export_dialog: KeptDialog[ExportDialog] = KeptDialog()
    import_dialog: KeptDialog[ImportDialog] = KeptDialog()
    restore_dialog: KeptDialog[RestoreDialog] = KeptDialog()
    backup_dialog: KeptDialog[QDialog] = KeptDialog()

    def __init__(self, parent: QMainWindow, *, window: TransferWindow) -> None:
        """``parent`` is the main window as Qt sees it (the dialogs' parent, the status
        bar); ``window`` is the same window as this part uses it."""
        super().__init__(parent)
        self.parent_window = parent
        self.window = window
        self.service = window.service
        self.settings = window.settings
        self.auto_backup = AutoBackup(self.service, self.settings, parent=self)
        self.auto_backup.status_message.connect(self.show_status)

        self.export_action = self._action(
            "&Export…",
            "Write chosen entries to a PDF, Markdown or JSON file (Ctrl+E)",
            self.export,
            QKeySequence("Ctrl+E"),
        )
        self.print_action = self._action(
            "&Print…",
            "Print chosen entries, after a preview (Ctrl+P)",
            self.print_entries,
            QKeySequence(QKeySequence.StandardKey.Print),
        )
        self.import_action = self._action(
            "&Import from another journal…",
            "Bring in entries from jrnl, Day One, a folder of notes, or another Tend journal",
            self.import_entries,
        )
        self.backup_action = self._action(
            "&Back up now…",
            "Make an encrypted, checked copy of your journal in a file you choose",
            self.back_up_now,
        )
        self.restore_action = self._action(
            "&Restore from backup…",
            "Make a new journal file from a backup; your open journal is not changed",
            self.restore,
        )
        self.journal_actions = (
            self.export_action,
            self.print_action,
            self.import_action,
            self.backup_action,
        )
        # For the File menu, after the journal's own items and before Lock:
        # Export…, Print…, Import from another journal… | Back up now…, Restore from backup…
        self.menu_groups: tuple[tuple[QAction, ...], ...] = (
            (self.export_action, self.print_action, self.import_action),
            (self.backup_action, self.restore_action),
        )
        self.service.state_changed.connect(self._on_service_changed)
        self.service.busy_changed.connect(self._on_service_changed)
        window.stack.currentChanged.connect(self._on_service_changed)
        self.update_actions()

    # ---------------------------------------------------------------- actions

    def _action(
        self,
        text: str,
        tip: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | None = None,
    ) -> QAction:
        shortcuts = [] if shortcut is None else [shortcut]
        return window_action(self.parent_window, text, tip, slot, shortcuts)

    @Slot(object)
    def _on_service_changed(self, _value: object) -> None:
        self.update_actions()

    @Slot()
    def update_actions(self) -> None:
        """Export, print, import and back up: while the journal itself is shown.
        Restore: always (it never touches the open journal)."""
        in_journal = self.window.journal_shown()
        for action in self.journal_actions:
            action.setEnabled(in_journal)
        self.restore_action.setEnabled(True)

    @Slot(str)
    def show_status(self, text: str) -> None:
        self.parent_window.statusBar().showMessage(text, STATUS_MS)

    def _flush(self) -> bool:
        """Save what is being typed first, so the export has it."""
        view = self.window.journal_view
        if view is None:
            return True
        try:
            return bool(view.flush())
        except Exception:  # a VaultError or OSError: the editor keeps the words and says so
            return False

    def _chosen_ids(self) -> list[str]:
        view = self.window.journal_view
        if view is None or not hasattr(view, "selected_entry_ids"):  # a view without a list
            return []
        return list(view.selected_entry_ids())

    # ---------------------------------------------------------------- export

    @Slot()
    def export(self, *, for_print: bool = False) -> ExportDialog | None:
        if not self.service.is_unlocked:
            return None
        if self.export_dialog is not None and self.export_dialog.isVisible():
            self.export_dialog.raise_()
            self.export_dialog.activateWindow()
            return self.export_dialog
        self._flush()
        from journal_app.ui.transfer.export_dialog import ExportDialog

        dialog = ExportDialog(
            self.service, self.parent_window, chosen_ids=self._chosen_ids(), for_print=for_print
        )
        dialog.exported.connect(self._on_exported)
        dialog.finished.connect(lambda _result: self._forget("export_dialog", dialog))
        self.export_dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def print_entries(self) -> ExportDialog | None:
        return self.export(for_print=True)

    @Slot(object)
    def _on_exported(self, result: object) -> None:
        if isinstance(result, ExportResult):
            tell(self.parent_window, "Exported", exported_message(result))

    def _forget(self, name: str, dialog: QDialog) -> None:
        if getattr(self, name) is dialog:
            setattr(self, name, None)
        dialog.deleteLater()

    # ---------------------------------------------------------------- import

    @Slot()
    def import_entries(self) -> ImportDialog | None:
        if not self.service.is_unlocked:
            return None
        if self.import_dialog is not None and self.import_dialog.isVisible():
            self.import_dialog.raise_()
            return self.import_dialog
        from journal_app.ui.transfer.import_dialog import ImportDialog

        self.window.save_now()  # what is typed (an entry, my people, my plan) is compared too
        dialog = ImportDialog(self.service, self.parent_window)
        dialog.imported.connect(self._on_imported)
        dialog.finished.connect(lambda _result: self._forget("import_dialog", dialog))
        self.import_dialog = dialog
        dialog.open()
        return dialog

    @Slot(object)
    def _on_imported(self, report: object) -> None:
        imported = getattr(report, "imported", getattr(report, "entries", 0))  # or a merge
        if imported:
            from journal_app.ui.transfer.export_dialog import entries_phrase

            self.show_status(f"{entries_phrase(imported)} added to your journal.")
        if getattr(report, "people", 0) or getattr(report, "plan_sections", 0):
            self.window.reload_personal()  # a merge brought people or plan words

    # ---------------------------------------------------------------- backups

    @Slot()
    def back_up_now(self) -> QDialog | None:
        if not self.service.is_unlocked:
            return None
        self._flush()
        dialog = back_up_now(self.parent_window, self.service, on_status=self.show_status)
        self.backup_dialog = dialog
        return dialog

    @Slot()
    def restore(self) -> RestoreDialog | None:
        if self.restore_dialog is not None and self.restore_dialog.isVisible():
            self.restore_dialog.raise_()
            return self.restore_dialog
        dialog = RestoreDialog(self.service, self.parent_window, settings=self.settings)
        dialog.open_requested.connect(self._open_restored)
        dialog.finished.connect(lambda _result: self._forget("restore_dialog", dialog))
        self.restore_dialog = dialog
        dialog.open()
        return dialog

    @Slot(object)
    def _open_restored(self, path: object) -> None:
        if isinstance(path, Path):
            self.window.switch_vault(path)

    def connect_settings(self, dialog: QDialog, page: BackupsPage) -> None:
        """Settings > Backups (the page the window gave that dialog): its two buttons
        close Settings, keeping what was chosen there, then act."""
        page.back_up_requested.connect(self._from_settings(dialog, self.back_up_now))
        page.restore_requested.connect(self._from_settings(dialog, self.restore))

    @Slot()
    def settings_applied(self) -> None:
        """Settings were applied: a backup may be due now (a new folder or frequency)."""
        self.auto_backup.check_soon(0)

    @staticmethod
    def _from_settings(dialog: QDialog, slot: Callable[[], object]) -> Callable[[], None]:
        def run() -> None:
            dialog.accept()  # keeps what was chosen there
            slot()

        return run


__all__ = ["ShownJournal", "TransferController", "TransferWindow", "exported_message"]
