"""The window's Export, Print, Import, Back up now and Restore: actions and where they lead.

One object, made by the main window, that adds its actions to the Journal menu,
opens the dialogs, runs the automatic backups and reports in the status bar.
The window's lock closes every dialog (the export, print preview, import and
restore dialogs among them) and the service stops every task, so no entry's
words stay on screen or keep being processed after a lock.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox

from journal_app.journal.export import ExportResult
from journal_app.ui.common.kept import KeptDialog
from journal_app.ui.transfer.backup_dialogs import AutoBackup, RestoreDialog, back_up_now

if TYPE_CHECKING:
    # The export and import dialogs (and what they need: printing, the importers)
    # are imported when first opened, not when the window starts.
    from journal_app.ui.transfer.export_dialog import ExportDialog
    from journal_app.ui.transfer.import_dialog import ImportDialog
    from journal_app.ui.window.main_window import MainWindow

STATUS_MS = 8_000


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

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.service = window.service
        self.auto_backup = AutoBackup(self.service, window.settings, parent=self)
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
        self._add_to_menu()
        self.service.state_changed.connect(self._on_service_changed)
        self.service.busy_changed.connect(self._on_service_changed)
        window.stack.currentChanged.connect(self._on_service_changed)
        self.update_actions()

    # ---------------------------------------------------------------- actions

    def _action(
        self, text: str, tip: str, slot: object, shortcut: QKeySequence | None = None
    ) -> QAction:
        action = QAction(text, self.window)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        self.window.addAction(action)  # shortcuts work while the menu bar is hidden
        return action

    def _add_to_menu(self) -> None:
        """After the journal's own items, before the separator above Lock:

        Export…, Print…, Import from another journal… | Back up now…, Restore from backup…
        """
        menu: QMenu | None = getattr(self.window, "journal_menu", None)
        if menu is None:
            return
        items = menu.actions()
        lock = items.index(self.window.lock_action)
        before = items[lock - 1] if lock > 0 and items[lock - 1].isSeparator() else items[lock]
        menu.insertSeparator(before)
        for action in (self.export_action, self.print_action, self.import_action):
            menu.insertAction(before, action)
        menu.insertSeparator(before)
        menu.insertAction(before, self.backup_action)
        menu.insertAction(before, self.restore_action)

    @Slot(object)
    def _on_service_changed(self, _value: object) -> None:
        self.update_actions()

    @Slot()
    def update_actions(self) -> None:
        """Export, print, import and back up: while the journal itself is shown.
        Restore: always (it never touches the open journal)."""
        page = getattr(self.window, "journal_page", None)
        in_journal = (
            self.service.is_unlocked and page is not None and self.window.current_page() is page
        )
        for action in self.journal_actions:
            action.setEnabled(in_journal)
        self.restore_action.setEnabled(True)

    @Slot(str)
    def show_status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_MS)

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
        if view is None or not hasattr(view, "selected_entry_ids"):
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
            self.service, self.window, chosen_ids=self._chosen_ids(), for_print=for_print
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
            QMessageBox.information(self.window, "Exported", exported_message(result))

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
        dialog = ImportDialog(self.service, self.window)
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
            # A merge brought people or plan words: shown where those windows are open,
            # so that their next save keeps them.
            for dialog in (self.window.people_dialog, self.window.plan_dialog):
                if dialog is not None:
                    dialog.reload()

    # ---------------------------------------------------------------- backups

    @Slot()
    def back_up_now(self) -> QDialog | None:
        if not self.service.is_unlocked:
            return None
        self._flush()
        dialog = back_up_now(
            self.window, self.service, self.window.settings, on_status=self.show_status
        )
        self.backup_dialog = dialog
        return dialog

    @Slot()
    def restore(self) -> RestoreDialog | None:
        if self.restore_dialog is not None and self.restore_dialog.isVisible():
            self.restore_dialog.raise_()
            return self.restore_dialog
        dialog = RestoreDialog(self.service, self.window, settings=self.window.settings)
        dialog.open_requested.connect(self._open_restored)
        dialog.finished.connect(lambda _result: self._forget("restore_dialog", dialog))
        self.restore_dialog = dialog
        dialog.open()
        return dialog

    @Slot(object)
    def _open_restored(self, path: object) -> None:
        if isinstance(path, Path):
            self.window.switch_vault(path)

    def connect_settings(self, dialog: QObject) -> None:
        """Settings > Backups: its buttons, and a look for a due backup after Apply."""
        page = getattr(dialog, "backups", None)
        if page is not None:
            page.back_up_requested.connect(self._from_settings(dialog, self.back_up_now))
            page.restore_requested.connect(self._from_settings(dialog, self.restore))
        applied = getattr(dialog, "applied", None)
        if applied is not None:
            applied.connect(lambda: self.auto_backup.check_soon(0))

    @staticmethod
    def _from_settings(dialog: QObject, slot: object) -> object:
        def run() -> None:
            if isinstance(dialog, QDialog):
                dialog.accept()  # keeps what was chosen there
            slot()  # type: ignore[operator]

        return run


__all__ = ["TransferController", "exported_message"]
