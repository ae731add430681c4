"""Tend's window: a stack of pages, and where every signal meets.

Pages and the journal view emit what the person wants; this window decides what
happens and is the only place that wires them to the service. It keeps one
thing about the journal in memory while locked, the id of the entry that was
open, so that unlocking returns to it; never in QSettings.

Its rooms, each a mixin of the one window: the menus and the status bar
(:mod:`.menus`), the dialogs it keeps (:mod:`.dialogs`) and what the passphrase
pages lead to (:mod:`.passphrase_flow`). Here: the page stack, entering the
journal, locking, the journal's file and closing. The parts it holds beside it,
transfer and the changed-file watch, see it only through their own small
protocols, so nothing below imports this module.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSize, QTimer, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from journal_app import APP_NAME, paths
from journal_app.ui.common.calm_dialog import tell
from journal_app.ui.common.clipboard import PERSONAL_CLIPBOARD_MS, SecretClipboard
from journal_app.ui.common.errors import advice_for
from journal_app.ui.common.files import FILE_DIALOG
from journal_app.ui.common.preferences import AppSettings
from journal_app.ui.common.questions import confirm
from journal_app.ui.common.theme import ThemeController
from journal_app.ui.common.widgets import app_icon
from journal_app.ui.common.worker import Worker
from journal_app.ui.services.journal_service import JournalService, VaultState
from journal_app.ui.transfer.controller import TransferController
from journal_app.ui.window.changed_file import ChangedFileController
from journal_app.ui.window.dialogs import WindowDialogs
from journal_app.ui.window.idle import IdleWatcher
from journal_app.ui.window.journal_page import JournalPage
from journal_app.ui.window.menus import WindowMenus
from journal_app.ui.window.pages import (
    CreatePassphrasePage,
    NewPassphrasePage,
    RecoveryCodePage,
    RecoveryUnlockPage,
    UnlockPage,
    WelcomePage,
)
from journal_app.ui.window.passphrase_flow import Mode, PassphraseFlow
from journal_app.ui.window.session_lock import SessionLockWatcher
from journal_app.vault import KdfParams, ManifestUnverified, VaultError, VaultExists

if TYPE_CHECKING:
    from journal_app.journal import LoadReport

DEFAULT_SIZE = QSize(1100, 720)
MINIMUM_SIZE = QSize(720, 520)
JOURNAL_SUFFIX = ".tend"
NOT_SAVED = "What was saved before is safe."
FILE_FILTER = "Tend journals (*.tend);;All files (*)"

JournalViewFactory = Callable[[JournalService, AppSettings | None, QWidget | None], Any]


# After the unlock page has painted, the journal page is built behind it.
PREPARE_JOURNAL_MS = 250


def default_journal_view(
    service: JournalService, settings: AppSettings | None, parent: QWidget | None
) -> Any:
    """The real journal view, imported only when the journal page is first built."""
    from journal_app.ui.journal.journal_view import JournalView

    return JournalView(service, settings, parent)


def _load_store() -> None:
    importlib.import_module("journal_app.vault.store")


class MainWindow(WindowMenus, WindowDialogs, PassphraseFlow, QMainWindow):
    """One journal's window: its pages, menus, dialogs and lock."""

    def __init__(
        self,
        settings: AppSettings,
        *,
        vault_path: Path | None = None,
        kdf: KdfParams | None = None,
        journal_view_factory: JournalViewFactory | None = None,
        theme: ThemeController | None = None,
        watch_session_lock: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.theme = theme
        path = vault_path or settings.vault_path or paths.default_vault_path()
        self.service = JournalService(Path(path), kdf=kdf, parent=self)
        self._journal_view_factory = journal_view_factory or default_journal_view
        self.journal_view: Any = None
        self.journal_page: JournalPage | None = None
        self._resume_entry_id: str | None = None
        self._mode = Mode.NONE
        self._pending_report: LoadReport | None = None
        self._route_serial = 0  # which route() a deferred open belongs to
        self._loading_store: Worker | None = None
        self._close_when_idle = False
        self.personal_clipboard = SecretClipboard(self, PERSONAL_CLIPBOARD_MS)

        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        self.setMinimumSize(MINIMUM_SIZE)

        self._build_pages()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()

        self.idle_watcher = IdleWatcher(settings.auto_lock_ms, self)
        self.idle_watcher.idle.connect(self._on_idle)
        self.session_lock = SessionLockWatcher(self, enabled=watch_session_lock)
        self.session_lock.lock_requested.connect(self.lock)

        self._connect_pages()
        self._connect_service()
        # Export, print, import, backups and restore: its actions join the File menu.
        self.transfer = TransferController(self, window=self)
        self.add_journal_groups(self.transfer.menu_groups)
        # Another program changed the file (a sync tool): say so, and open it again.
        self.changed_file = ChangedFileController(self, window=self)
        self._restore_geometry()
        # The unlock page shows first; the file is opened (checked and locked) on the
        # event loop's next turn, so that the store is not loaded before the window.
        self.route(open_later=True)

    # ------------------------------------------------------------- building

    def _build_pages(self) -> None:
        self.stack = QStackedWidget()
        self.welcome_page = WelcomePage()
        self.create_page = CreatePassphrasePage()
        self.recovery_code_page = RecoveryCodePage()
        self.unlock_page = UnlockPage()
        self.recovery_unlock_page = RecoveryUnlockPage()
        self.new_passphrase_page = NewPassphrasePage()
        for page in (
            self.welcome_page,
            self.create_page,
            self.recovery_code_page,
            self.unlock_page,
            self.recovery_unlock_page,
            self.new_passphrase_page,
        ):
            self.stack.addWidget(page)
        self.setCentralWidget(self.stack)

    def _connect_service(self) -> None:
        service = self.service
        service.busy_changed.connect(self._on_busy_changed)
        self._connect_flow(service)
        service.state_changed.connect(lambda _state: self._update_actions())

    def _restore_geometry(self) -> None:
        geometry = self.settings.window_geometry
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(DEFAULT_SIZE)

    # ---------------------------------------------------------------- pages

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def show_page(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        focus = getattr(page, "focus_first", None)
        if focus is not None:
            focus()
        self._update_actions()

    def _describe_path(self) -> str:
        path = self.service.vault_path
        return f"{path.name} · {path.parent}"

    @Slot()
    def route(self, *, open_later: bool = False) -> None:
        """Show the page the vault's state calls for, opening the file if it is there.

        With ``open_later`` the unlock page is shown at once and the file is opened on
        the event loop's next turn; an error then replaces the form just as promptly.
        """
        self._route_serial += 1
        state = self.service.state
        if state is VaultState.UNLOCKED:
            self._enter_journal(self.service.report)
            return
        if state is VaultState.ABSENT:
            self.show_page(self.welcome_page)
            return
        self.unlock_page.reset()
        self.unlock_page.set_path(self._describe_path())
        if open_later:
            self._open_after_loading_store(self._route_serial)
        else:
            self._open_routed_vault(self._route_serial)
        self.show_page(self.unlock_page)

    def _open_after_loading_store(self, serial: int) -> None:
        """Load the vault's store (SQLAlchemy: about half a second) on a pool thread.

        The window is shown and answers meanwhile; the file is then opened on the
        GUI thread, where a bad file's message replaces the form. Unlocking before
        that simply waits for the same import.
        """
        loader = Worker(self)
        loader.succeeded.connect(lambda _: self._open_routed_vault(serial))
        loader.failed.connect(lambda _: self._open_routed_vault(serial))
        loader.running_changed.connect(lambda running: None if running else loader.deleteLater())
        self._loading_store = loader
        loader.start(_load_store)

    @property
    def opening_vault(self) -> bool:
        """True while the file shown on the unlock page is still being opened."""
        return self._loading_store is not None

    def _open_routed_vault(self, serial: int) -> None:
        """Open the file ``route`` showed the unlock page for, unless routed since."""
        self._loading_store = None
        if serial != self._route_serial or self.service.state is not VaultState.CLOSED:
            return
        try:
            self.service.open_vault()
        except (VaultError, OSError) as exc:
            self.unlock_page.show_vault_error(advice_for(exc))
            return
        QTimer.singleShot(PREPARE_JOURNAL_MS, self._prepare_journal_view)

    @Slot()
    def _prepare_journal_view(self) -> None:
        """Build the journal page while the person is still typing the passphrase.

        Building its widgets takes about a quarter of a second; done at unlock, that
        froze the window at the very moment the list should appear. While the page
        waits for a passphrase nobody notices it, and the unlock then only fills in
        the list. Nothing of the journal is read here: it is still locked.
        """
        if self.journal_view is None and self.service.state is VaultState.LOCKED:
            self._ensure_journal_view()

    # ------------------------------------------------------------- journal

    def _ensure_journal_view(self) -> Any:
        if self.journal_view is None:
            view = self._journal_view_factory(self.service, self.settings, None)
            self.journal_view = view
            self.journal_page = JournalPage(view)
            self.stack.addWidget(self.journal_page)
            status = getattr(view, "status_message", None)
            if status is not None:
                status.connect(self.changed_file.show_status)
            trash_mode = getattr(view, "trash_mode_changed", None)
            if trash_mode is not None:
                trash_mode.connect(self.set_trash_shown)
            editor = getattr(view, "editor", None)
            if editor is not None:
                self.format_commands.attach(editor, editor.format_actions)
            sidebar = getattr(view, "sidebar", None)
            if sidebar is not None:
                sidebar.setVisible(self.settings.list_shown)
            self._apply_editor_font()
        return self.journal_view

    def _enter_journal(self, report: LoadReport | None, notice: str | None = None) -> None:
        view = self._ensure_journal_view()
        assert self.journal_page is not None
        self.settings.vault_path = self.service.vault_path
        self.settings.sync()
        self.journal_page.clear_notice()
        view.reload()
        if self._resume_entry_id is not None:
            view.show_entry(self._resume_entry_id)
            self._resume_entry_id = None
        messages = [notice] if notice else []
        if report is not None and report.damaged:
            messages.append(str(report.damage_error()))  # names why: damaged, missing...
        if report is not None and report.unverified is not None:
            messages.append(str(ManifestUnverified(report.unverified)))
        if messages:
            self.journal_page.show_notice(" ".join(messages))
        self.show_page(self.journal_page)
        self.idle_watcher.start()
        QTimer.singleShot(0, self._offer_recovered_drafts)

    @Slot()
    def _offer_recovered_drafts(self) -> None:
        if self.service.is_unlocked and self.current_page() is self.journal_page:
            self.journal_view.offer_recovered_drafts()

    def journal_shown(self) -> bool:
        """True while the open journal itself is on screen (not a passphrase page)."""
        return (
            self.service.is_unlocked
            and self.journal_page is not None
            and self.current_page() is self.journal_page
        )

    def _flush_journal(self) -> BaseException | None:
        """Save what is typed in the editor now; why it could not be, or None."""
        if self.journal_view is None:
            return None
        try:
            if self.journal_view.flush() is False:
                return VaultError(NOT_SAVED)
        except (VaultError, OSError) as exc:
            return exc
        return None

    def _journal_call(self, name: str, *args: object) -> None:
        if self.journal_view is not None and self.service.is_unlocked:
            getattr(self.journal_view, name)(*args)

    def _apply_editor_font(self) -> None:
        if self.journal_view is None:
            return
        family = self.settings.editor_font_family
        if not family:
            family = QApplication.font().family()
        size = round(self.settings.editor_font_size * self.settings.text_zoom / 100)
        self.journal_view.apply_editor_font(family, size)

    # ---------------------------------------------------------------- lock

    @Slot()
    def _on_idle(self) -> None:
        if self.service.is_unlocked and self.current_page() is not self.recovery_code_page:
            self.lock()
        elif self.service.is_unlocked:
            self.idle_watcher.start()  # writing the code down takes time: wait

    @Slot()
    def lock(self) -> None:
        """Hide everything behind the lock screen at once; the passphrase opens it again."""
        if not self.service.is_unlocked:
            return
        view = self.journal_view
        if view is not None and self.current_page() is self.journal_page:
            self._resume_entry_id = view.current_entry_id()
        # The file changed underneath: the unsaved words go with Tend to the next unlock.
        kept_notice = self.changed_file.keep_words()
        flush_error = self._flush_journal()  # a failure still locks: privacy first
        if not self._close_personal() and flush_error is None:
            flush_error = VaultError(NOT_SAVED)
        self.idle_watcher.stop()
        self._close_dialogs()
        self.service.lock()
        if view is not None:
            view.clear()
        if self.journal_page is not None:
            self.journal_page.clear_notice()
        self._forget_secrets()
        self._mode = Mode.NONE
        self._pending_report = None
        self.statusBar().clearMessage()
        self.unlock_page.reset()
        self.unlock_page.set_path(self._describe_path())
        if flush_error is not None:
            self.unlock_page.show_notice(
                f"Tend locked, but the most recent writing could not be saved first. "
                f"{advice_for(flush_error).message} {kept_notice or ''}".strip()
            )
        elif kept_notice is not None:
            self.unlock_page.show_notice(kept_notice)
        self.show_page(self.unlock_page)

    def _forget_secrets(self) -> None:
        """Take every secret and every piece of text off the pages and the clipboard."""
        widget = self.recovery_code_page.widget
        widget.clipboard.clear_if_ours()
        self.personal_clipboard.clear_if_ours()  # a number copied from my people
        widget.clear()
        self.create_page.clear()
        self.recovery_unlock_page.clear()
        self.new_passphrase_page.clear()

    def _close_dialogs(self) -> None:
        """Close every dialog but Support: any of them might show content or secrets."""
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        for widget in QApplication.topLevelWidgets():
            if (
                isinstance(widget, QDialog)
                and widget.isVisible()
                and widget is not self.support_dialog
            ):
                recovery = getattr(getattr(widget, "widget", None), "clipboard", None)
                if recovery is not None:
                    recovery.clear_if_ours()
                widget.done(QDialog.DialogCode.Rejected)

    # --------------------------------------------------------------- files

    def _start_folder(self) -> str:
        folder = self.service.vault_path.parent
        return str(folder if folder.is_dir() else Path.home())

    @Slot()
    def open_other_journal(self) -> None:
        if self.service.busy:
            return
        name, _ = QFileDialog.getOpenFileName(
            self, "Open a journal file", self._start_folder(), FILE_FILTER, "", FILE_DIALOG
        )
        if name:
            self.switch_vault(Path(name))

    @Slot()
    def create_new_journal(self) -> None:
        if self.service.busy:
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Create a new journal",
            str(Path(self._start_folder()) / paths.VAULT_FILE_NAME),
            FILE_FILTER,
            "",
            FILE_DIALOG | QFileDialog.Option.DontConfirmOverwrite,
        )
        if not name:
            return
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(JOURNAL_SUFFIX)
        if path.exists():
            tell(self, APP_NAME, VaultExists.message)
            return
        self.switch_vault(path)
        if self.service.state is VaultState.ABSENT:
            self.show_page(self.create_page)

    def switch_vault(self, path: Path) -> None:
        """Lock and close this journal, then open (or prepare to create) the one at ``path``."""
        self.lock()
        self._resume_entry_id = None
        self.service.set_vault_path(path)
        self.route()

    # ------------------------------------------------------------ closing

    @Slot()
    def save_now(self) -> None:
        """The desktop session is ending: write what is typed now (encrypted)."""
        if self.service.is_unlocked and self.journal_view is not None:
            # On failure the editor keeps showing the text; nothing more can be done here.
            with contextlib.suppress(VaultError, OSError):
                self.journal_view.flush()
        if self.service.is_unlocked:
            self._flush_personal()

    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        for page in (
            self.create_page,
            self.unlock_page,
            self.recovery_unlock_page,
            self.new_passphrase_page,
        ):
            if page is self.current_page() or not busy:
                page.set_busy(busy)
        self._update_actions()
        if not busy and self._close_when_idle:
            QTimer.singleShot(0, self.close)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.service.transfer.cancel_tasks()  # an export, import or backup stops; nothing half done
        if self.service.busy:
            # Key derivation is running on the worker; close as soon as it ends.
            self._close_when_idle = True
            self.statusBar().showMessage("Finishing… Tend will close in a moment.")
            event.ignore()
            return
        if self.service.is_unlocked and self.journal_view is not None:
            problem = self._flush_journal()
            if problem is None and not self._flush_personal():
                problem = VaultError(NOT_SAVED)
            if problem is not None and not confirm(
                self,
                "Close Tend?",
                "The most recent writing could not be saved. "
                f"{advice_for(problem).message}\n\nClose Tend anyway?",
                "Close anyway",
                "Keep Tend open",
            ):
                event.ignore()
                return
        self.idle_watcher.stop()
        self._close_personal()
        self._close_dialogs()
        if self.support_dialog is not None:
            self.support_dialog.close()
        if self.journal_view is not None:
            self.journal_view.clear()
        self._forget_secrets()
        self.service.close()
        self.settings.window_geometry = QByteArray(self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)
