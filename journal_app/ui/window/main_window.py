"""Tend's window: a stack of pages, the menus, the lock, and where every signal meets.

Pages and the journal view emit what the person wants; this window decides what
happens and is the only place that wires them to the service. It keeps one
thing about the journal in memory while locked, the id of the entry that was
open, so that unlocking returns to it; never in QSettings.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from journal_app import APP_NAME, paths
from journal_app.ui.common import errors
from journal_app.ui.common.clipboard import PERSONAL_CLIPBOARD_MS, SecretClipboard
from journal_app.ui.common.errors import advice_for
from journal_app.ui.common.files import FILE_DIALOG
from journal_app.ui.common.kept import KeptDialog
from journal_app.ui.common.preferences import AppSettings
from journal_app.ui.common.shortcuts import SHORTCUT_WRITE_WITH_PROMPT
from journal_app.ui.common.theme import ThemeController, apply_theme, set_role
from journal_app.ui.common.widgets import app_icon, button
from journal_app.ui.common.worker import Worker
from journal_app.ui.services.journal_service import JournalService, VaultState
from journal_app.ui.transfer.controller import TransferController
from journal_app.ui.window.changed_file import ChangedFileController
from journal_app.ui.window.idle import IdleWatcher
from journal_app.ui.window.journal_page import JournalPage
from journal_app.ui.window.pages import (
    CreatePassphrasePage,
    NewPassphrasePage,
    RecoveryCodePage,
    RecoveryUnlockPage,
    UnlockPage,
    WelcomePage,
)
from journal_app.ui.window.session_lock import SessionLockWatcher
from journal_app.vault import KdfParams, ManifestUnverified, VaultError, VaultExists

if TYPE_CHECKING:
    from journal_app.journal import LoadReport
    from journal_app.ui.journal.packs import PacksDialog
    from journal_app.ui.settings.dialog import SettingsDialog
    from journal_app.ui.support.personal import PeopleDialog, PlanDialog
    from journal_app.ui.support.support import SupportDialog
    from journal_app.ui.window.about import AboutDialog

DEFAULT_SIZE = QSize(1100, 720)
MINIMUM_SIZE = QSize(720, 520)
JOURNAL_SUFFIX = ".tend"
NOT_SAVED = "What was saved before is safe."
FILE_FILTER = "Tend journals (*.tend);;All files (*)"

JournalViewFactory = Callable[[JournalService, AppSettings | None, QWidget | None], Any]


def default_journal_view(
    service: JournalService, settings: AppSettings | None, parent: QWidget | None
) -> Any:
    """The real journal view, imported only when the journal page is first built."""
    from journal_app.ui.journal.journal_view import JournalView

    return JournalView(service, settings, parent)


class Mode(Enum):
    """What the service's next ``unlocked`` signal means."""

    NONE = "none"
    CREATE = "create"  # first run: show the recovery code before the journal
    UNLOCK = "unlock"
    RECOVERY = "recovery"  # opened by recovery code: a new passphrase comes next


def _load_store() -> None:
    importlib.import_module("journal_app.vault.store")


class MainWindow(QMainWindow):
    # The dialogs it keeps, each None until opened and again once Qt deletes it.
    # My people and my plan: built on demand while unlocked, gone again on lock.
    support_dialog: KeptDialog[SupportDialog] = KeptDialog()
    settings_dialog: KeptDialog[SettingsDialog] = KeptDialog()
    people_dialog: KeptDialog[PeopleDialog] = KeptDialog()
    plan_dialog: KeptDialog[PlanDialog] = KeptDialog()
    packs_dialog: KeptDialog[PacksDialog] = KeptDialog()
    about_dialog: KeptDialog[AboutDialog] = KeptDialog()

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

        self._build_actions()
        self._build_menus()
        self._build_status_bar()

        self.idle_watcher = IdleWatcher(settings.auto_lock_ms, self)
        self.idle_watcher.idle.connect(self._on_idle)
        self.session_lock = SessionLockWatcher(self, enabled=watch_session_lock)
        self.session_lock.lock_requested.connect(self.lock)

        self._connect_pages()
        self._connect_service()
        # Export, print, import, backups and restore: its actions join the Journal menu.
        self.transfer = TransferController(self)
        # Another program changed the file (a sync tool): say so, and open it again.
        self.changed_file = ChangedFileController(self)
        self._restore_geometry()
        # The unlock page shows first; the file is opened (checked and locked) on the
        # event loop's next turn, so that the store is not loaded before the window.
        self.route(open_later=True)

    # ------------------------------------------------------------- building

    def _action(
        self,
        text: str,
        tooltip: str,
        slot: Callable[..., object],
        shortcuts: list[QKeySequence] | None = None,
        *,
        checkable: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tooltip)
        action.setStatusTip(tooltip)
        action.setCheckable(checkable)
        unique: list[QKeySequence] = []
        for sequence in shortcuts or []:
            if not sequence.isEmpty() and sequence not in unique:
                unique.append(sequence)
        if unique:
            action.setShortcuts(unique)
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work even while the menu bar is hidden
        return action

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.new_entry_action = self._action(
            "&New entry", "Start a new entry", self._new_entry, [QKeySequence(key.New)]
        )
        self.find_action = self._action(
            "&Find…", "Search your entries", self._focus_search, [QKeySequence(key.Find)]
        )
        self.trash_action = self._action(
            "&Delete to trash",
            "Move the open entry to the trash; it can be restored from there",
            self._trash_current,
            [QKeySequence(key.Delete)],
        )
        self.show_trash_action = self._action(
            "Show &trash", "Show the entries in the trash", self._show_trash, checkable=True
        )
        self.lock_action = self._action(
            "&Lock",
            "Lock Tend now; your passphrase opens it again (Ctrl+L)",
            self.lock,
            [QKeySequence("Ctrl+L")],
        )
        self.open_other_action = self._action(
            "&Open another journal file…",
            "Open a different Tend journal file",
            self.open_other_journal,
        )
        self.create_new_action = self._action(
            "&Create a new journal…",
            "Start a new, empty journal in a file you choose",
            self.create_new_journal,
        )
        self.settings_action = self._action(
            "&Settings…",
            "Auto-lock, appearance, passphrase and the journal file",
            self.open_settings,
            [QKeySequence(key.Preferences), QKeySequence("Ctrl+,")],
        )
        self.support_action = self._action(
            "&Support…",
            "If you need to talk to someone now: helplines for your country (F1)",
            self.show_support,
            [QKeySequence(key.HelpContents), QKeySequence("F1")],
        )
        self.people_action = self._action(
            "My p&eople…",
            "The people and services you would reach out to (Ctrl+Shift+P)",
            self.show_people,
            [QKeySequence("Ctrl+Shift+P")],
        )
        self.plan_action = self._action(
            "My &plan for hard moments…",
            "Your own plan, in your words, for when things feel hard (Ctrl+Shift+M)",
            self.show_plan,
            [QKeySequence("Ctrl+Shift+M")],
        )
        self.about_action = self._action("&About Tend", "About Tend", self._about)
        self.quit_action = self._action(
            "&Quit", "Close Tend", self.close, [QKeySequence(key.Quit), QKeySequence("Ctrl+Q")]
        )
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.write_with_prompt_action = self._action(
            "Write with a &prompt…",
            "Begin a new entry with a gentle prompt from a theme you choose "
            f"({SHORTCUT_WRITE_WITH_PROMPT})",
            self._write_with_prompt,
            [QKeySequence(SHORTCUT_WRITE_WITH_PROMPT)],
        )
        self.import_pack_action = self._action(
            "&Import prompt pack…",
            "Add prompts from a pack file, for example one from your therapist",
            self.import_prompt_pack,
        )
        self.packs_action = self._action(
            "Prompt pac&ks…",
            "The prompt packs you have imported: turn them off or on, or remove them",
            self.show_prompt_packs,
        )
        self.journal_actions = (
            self.new_entry_action,
            self.write_with_prompt_action,
            self.find_action,
            self.trash_action,
            self.show_trash_action,
            self.import_pack_action,
            self.packs_action,
        )

    def _build_menus(self) -> None:
        # Kept here, never looked up again through QAction.menu(): before PySide6
        # 6.11.2 that wrapper dies with the temporary action ("already deleted").
        bar = self.menuBar()
        self.journal_menu = journal = bar.addMenu("&Journal")
        journal.setToolTipsVisible(True)
        for action in self.journal_actions:
            if action is self.import_pack_action:
                journal.addSeparator()  # prompt packs, a group of their own
            journal.addAction(action)
        journal.addSeparator()
        journal.addAction(self.lock_action)
        journal.addSeparator()
        journal.addAction(self.open_other_action)
        journal.addAction(self.create_new_action)
        journal.addSeparator()
        journal.addAction(self.settings_action)
        journal.addSeparator()
        journal.addAction(self.quit_action)
        self.help_menu = help_menu = bar.addMenu("&Help")
        help_menu.setToolTipsVisible(True)
        help_menu.addAction(self.support_action)
        help_menu.addAction(self.people_action)
        help_menu.addAction(self.plan_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        status.setSizeGripEnabled(False)
        self.state_label = QLabel("")
        set_role(self.state_label, "status")
        self.state_label.setAccessibleName("Journal state")
        self.support_button = button(
            "Support",
            "If you need to talk to someone now: helplines for your country (F1)",
            role="support",
            on_click=self.show_support,
        )
        self.support_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.people_button = button(
            "My people",
            "The people and services you would reach out to (Ctrl+Shift+P)",
            role="support",
            on_click=self.show_people,
        )
        self.plan_button = button(
            "My plan",
            "Your own plan, in your words, for when things feel hard (Ctrl+Shift+M)",
            role="support",
            accessible_name="My plan for hard moments",
            on_click=self.show_plan,
        )
        corner = QWidget()
        corner_layout = QHBoxLayout(corner)
        corner_layout.setContentsMargins(0, 3, 10, 3)
        corner_layout.setSpacing(10)
        corner_layout.addWidget(self.state_label)
        for widget in (self.people_button, self.plan_button, self.support_button):
            widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            corner_layout.addWidget(widget)
        status.addPermanentWidget(corner)

    def _connect_pages(self) -> None:
        self.welcome_page.set_country(self.settings.country)
        self.welcome_page.country_chosen.connect(self.choose_country)
        self.welcome_page.begin_requested.connect(self._begin)
        self.welcome_page.support_requested.connect(self.show_support)
        self.welcome_page.open_other_requested.connect(self.open_other_journal)
        self.create_page.back_requested.connect(lambda: self.show_page(self.welcome_page))
        self.create_page.submitted.connect(self._on_create_submitted)
        code = self.recovery_code_page.widget
        code.confirmed.connect(self._on_recovery_code_done)
        code.skipped.connect(self._on_recovery_code_done)
        code.status_message.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.unlock_page.unlock_requested.connect(self._on_unlock_submitted)
        self.unlock_page.recovery_requested.connect(self._show_recovery_unlock)
        self.unlock_page.action_requested.connect(self._on_error_action)
        self.recovery_unlock_page.back_requested.connect(self._back_to_unlock)
        self.recovery_unlock_page.submitted.connect(self._on_recovery_submitted)
        self.new_passphrase_page.submitted.connect(self._on_new_passphrase_submitted)

    def _connect_service(self) -> None:
        service = self.service
        service.busy_changed.connect(self._on_busy_changed)
        service.created.connect(self._on_created)
        service.create_failed.connect(self._on_create_failed)
        service.unlocked.connect(self._on_unlocked)
        service.unlock_failed.connect(self._on_unlock_failed)
        service.passphrase_changed.connect(self._on_passphrase_changed)
        service.passphrase_change_failed.connect(self._on_passphrase_change_failed)
        service.state_changed.connect(lambda _state: self._update_actions())

    def _restore_geometry(self) -> None:
        geometry = self.settings.window_geometry
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(DEFAULT_SIZE)

    # ---------------------------------------------------------------- pages

    def current_page(self) -> QWidget:
        return self.stack.currentWidget()

    def show_page(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        focus = getattr(page, "focus_first", None)
        if focus is not None:
            focus()
        self._update_actions()

    def _update_actions(self) -> None:
        unlocked = self.service.is_unlocked
        in_journal = (
            unlocked
            and self.journal_page is not None
            and (self.current_page() is self.journal_page)
        )
        for action in self.journal_actions:
            action.setEnabled(in_journal)
        self.lock_action.setEnabled(unlocked)
        for action, widget in (
            (self.people_action, self.people_button),
            (self.plan_action, self.plan_button),
        ):
            action.setEnabled(unlocked)
            widget.setVisible(unlocked)
        busy = self.service.busy
        self.open_other_action.setEnabled(not busy)
        self.create_new_action.setEnabled(not busy)
        if unlocked:
            self.state_label.setText("Open · Ctrl+L locks")
        elif self.service.state is VaultState.LOCKED:
            self.state_label.setText("Locked")
        else:
            self.state_label.setText("")

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

    # ------------------------------------------------------------ first run

    @Slot()
    def _begin(self) -> None:
        self.choose_country(self.welcome_page.country())  # the place shown is the choice
        self.show_page(self.create_page)

    @Slot(str)
    def _on_create_submitted(self, passphrase: str) -> None:
        if self.service.busy:
            return
        self._mode = Mode.CREATE
        self.service.create(passphrase, with_recovery_code=True)

    @Slot(str)
    def _on_created(self, code: str) -> None:
        self.create_page.clear()
        if not code:
            self._mode = Mode.NONE
            return  # the ``unlocked`` that follows opens the journal
        self.recovery_code_page.widget.set_code(code)
        self.show_page(self.recovery_code_page)

    @Slot(object)
    def _on_create_failed(self, error: object) -> None:
        self._mode = Mode.NONE
        exc = error if isinstance(error, BaseException) else Exception()
        self.create_page.show_error(advice_for(exc))
        self.show_page(self.create_page)

    @Slot()
    def _on_recovery_code_done(self) -> None:
        self.recovery_code_page.clear()
        report = self._pending_report or self.service.report
        self._pending_report = None
        self._mode = Mode.NONE
        self._enter_journal(report)

    # -------------------------------------------------------------- unlock

    @Slot(str)
    def _on_unlock_submitted(self, passphrase: str) -> None:
        if self.service.busy:
            return
        self._mode = Mode.UNLOCK
        self.service.unlock(passphrase)

    @Slot(object)
    def _on_unlocked(self, report: LoadReport) -> None:
        mode, self._mode = self._mode, Mode.NONE
        if mode is Mode.CREATE:
            self._pending_report = report  # the journal opens once the code is kept
            return
        if mode is Mode.RECOVERY:
            self._mode = Mode.RECOVERY
            self._pending_report = report
            self.recovery_unlock_page.clear()
            self.new_passphrase_page.clear()
            self.show_page(self.new_passphrase_page)
            return
        self.unlock_page.clear()
        self._enter_journal(report)

    @Slot(object)
    def _on_unlock_failed(self, error: object) -> None:
        mode, self._mode = self._mode, Mode.NONE
        exc = error if isinstance(error, BaseException) else Exception()
        advice = advice_for(exc)
        if mode is Mode.RECOVERY and advice.inline:
            self.recovery_unlock_page.show_wrong(advice.message)
            return
        if advice.inline:
            self.show_page(self.unlock_page)
            self.unlock_page.show_wrong(advice.message)
            return
        self.unlock_page.set_path(self._describe_path())
        self.unlock_page.show_vault_error(advice)
        self.show_page(self.unlock_page)

    @Slot(str)
    def _on_error_action(self, action: str) -> None:
        if action == errors.RETRY:
            self.route()
        elif action == errors.OPEN_OTHER:
            self.open_other_journal()
        elif action == errors.CREATE_NEW:
            self.create_new_journal()

    # ------------------------------------------------------- recovery code

    @Slot()
    def _show_recovery_unlock(self) -> None:
        self.recovery_unlock_page.clear()
        self.show_page(self.recovery_unlock_page)

    @Slot()
    def _back_to_unlock(self) -> None:
        self.recovery_unlock_page.clear()
        self.show_page(self.unlock_page)

    @Slot(str)
    def _on_recovery_submitted(self, code: str) -> None:
        if self.service.busy:
            return
        self._mode = Mode.RECOVERY
        self.service.unlock_with_recovery_code(code)

    @Slot(str)
    def _on_new_passphrase_submitted(self, passphrase: str) -> None:
        if self.service.busy or not self.service.is_unlocked:
            return
        self._mode = Mode.RECOVERY
        self.service.change_passphrase(passphrase)

    @Slot()
    def _on_passphrase_changed(self) -> None:
        if self._mode is not Mode.RECOVERY:
            return  # a change made from Settings reports there
        self._mode = Mode.NONE
        self.new_passphrase_page.clear()
        report = self._pending_report or self.service.report
        self._pending_report = None
        self._enter_journal(
            report,
            notice="Your new passphrase is set. The old one no longer opens the journal; "
            "your recovery code still does.",
        )

    @Slot(object)
    def _on_passphrase_change_failed(self, error: object) -> None:
        if self._mode is not Mode.RECOVERY:
            return
        exc = error if isinstance(error, BaseException) else Exception()
        self.new_passphrase_page.show_error(advice_for(exc))

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
                trash_mode.connect(self._on_trash_mode_changed)
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

    def _journal_call(self, name: str, *args: object) -> None:
        if self.journal_view is not None and self.service.is_unlocked:
            getattr(self.journal_view, name)(*args)

    @Slot()
    def _new_entry(self) -> None:
        self._journal_call("new_entry")

    @Slot()
    def _focus_search(self) -> None:
        self._journal_call("focus_search")

    @Slot()
    def _trash_current(self) -> None:
        self._journal_call("trash_current")

    @Slot(bool)
    def _show_trash(self, shown: bool) -> None:
        self._journal_call("show_trash", shown)

    @Slot(bool)
    def _on_trash_mode_changed(self, shown: bool) -> None:
        """The view switched to or from the trash by itself: let the menu item follow."""
        self.show_trash_action.blockSignals(True)
        self.show_trash_action.setChecked(shown)
        self.show_trash_action.blockSignals(False)

    def _apply_editor_font(self) -> None:
        if self.journal_view is None:
            return
        family = self.settings.editor_font_family
        if not family:
            family = QApplication.font().family()
        self.journal_view.apply_editor_font(family, self.settings.editor_font_size)

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
        flush_error: BaseException | None = None
        if view is not None and self.current_page() is self.journal_page:
            self._resume_entry_id = view.current_entry_id()
        # The file changed underneath: the unsaved words go with Tend to the next unlock.
        kept_notice = self.changed_file.keep_words()
        if view is not None:
            try:
                if view.flush() is False:
                    flush_error = VaultError(NOT_SAVED)
            except (VaultError, OSError) as exc:  # locking still wins: privacy first
                flush_error = exc
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
            QMessageBox.information(self, APP_NAME, VaultExists.message)
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

    # ------------------------------------------------------------- dialogs

    @Slot()
    def show_support(self) -> None:
        if self.support_dialog is None:
            from journal_app.ui.support.support import SupportDialog

            self.support_dialog = SupportDialog(
                self,
                service=self.service,
                clipboard=self.personal_clipboard,
                country=self.settings.country,
            )
            self.support_dialog.country_chosen.connect(self.choose_country)
            self.support_dialog.people_requested.connect(self.show_people)
            self.support_dialog.plan_requested.connect(self.show_plan)
            self.support_dialog.lock_requested.connect(self.lock)
        self.support_dialog.show()
        self.support_dialog.raise_()
        self.support_dialog.activateWindow()

    @Slot()
    def show_people(self) -> None:
        """My people: only while the journal is open (they live inside it)."""
        if not self.service.is_unlocked:
            return
        if self.people_dialog is None:
            from journal_app.ui.support.personal import PeopleDialog

            self.people_dialog = PeopleDialog(self.service, self)
            self.people_dialog.support_requested.connect(self.show_support)
            self.people_dialog.lock_requested.connect(self.lock)
        elif not self.people_dialog.isVisible():
            self.people_dialog.reload()
        self._present(self.people_dialog)

    @Slot()
    def show_plan(self) -> None:
        """My plan for hard moments: only while the journal is open."""
        if not self.service.is_unlocked:
            return
        if self.plan_dialog is None:
            from journal_app.ui.support.personal import PlanDialog

            self.plan_dialog = PlanDialog(self.service, self, settings=self.settings)
            self.plan_dialog.support_requested.connect(self.show_support)
            self.plan_dialog.lock_requested.connect(self.lock)
        elif not self.plan_dialog.isVisible():
            self.plan_dialog.reload()
        self._present(self.plan_dialog)

    @staticmethod
    def _present(dialog: QDialog) -> None:
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _flush_personal(self) -> bool:
        """Save what is typed in My people and My plan now; False if it could not be."""
        saved = True
        for dialog in (self.people_dialog, self.plan_dialog):
            if dialog is not None:
                try:
                    saved = dialog.flush() and saved
                except (VaultError, OSError):
                    saved = False
        return saved

    def _close_personal(self) -> bool:
        """Save, empty and close My people and My plan (before a lock or quitting).

        Returns False if something typed could not be saved; the text goes anyway.
        """
        saved = True
        for name in ("people_dialog", "plan_dialog"):
            dialog = getattr(self, name)
            if dialog is None:
                continue
            try:
                saved = dialog.flush() and saved
            except (VaultError, OSError):
                saved = False
            dialog.clear()
            dialog.done(QDialog.DialogCode.Rejected)
            dialog.deleteLater()
            setattr(self, name, None)
        return saved

    @Slot()
    def open_settings(self) -> None:
        if self.settings_dialog is not None and self.settings_dialog.isVisible():
            self.settings_dialog.raise_()
            return
        from journal_app.ui.settings.dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.service, self)
        dialog.applied.connect(self.apply_settings)
        self.transfer.connect_settings(dialog)
        dialog.open_other_requested.connect(self.open_other_journal)
        dialog.create_new_requested.connect(self.create_new_journal)
        dialog.finished.connect(dialog.deleteLater)
        self.settings_dialog = dialog
        dialog.open()

    @Slot()
    def apply_settings(self) -> None:
        mode = self.settings.theme
        if self.theme is not None:
            self.theme.set_mode(mode)
        else:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_theme(app, mode)
        self.idle_watcher.set_timeout_ms(self.settings.auto_lock_ms)
        self._apply_editor_font()
        self._follow_country()

    @Slot(str)
    def choose_country(self, code: str) -> None:
        """The one country-or-region setting: kept at once, and every view follows it."""
        self.settings.country = code
        self.settings.sync()
        self._follow_country()

    def _follow_country(self) -> None:
        code = self.settings.country
        self.welcome_page.set_country(code)
        if self.support_dialog is not None and self.support_dialog.country != code:
            self.support_dialog.set_country(code)

    @Slot()
    def _about(self) -> None:
        from journal_app.ui.window.about import show_about

        show_about(self)

    # -------------------------------------------------------- prompt packs

    @Slot()
    def _write_with_prompt(self) -> None:
        self._journal_call("write_with_prompt")

    @Slot()
    def import_prompt_pack(self) -> None:
        """Journal > Import prompt pack…: choose a file, see the pack, then import it."""
        if not self.service.is_unlocked or self.service.busy:
            return
        from journal_app.ui.journal.packs import import_pack_with_dialog

        news = import_pack_with_dialog(self, self.service)
        if news and self.service.is_unlocked:
            self.statusBar().showMessage(news, 6000)

    @Slot()
    def show_prompt_packs(self) -> None:
        """Journal > Prompt packs…: a window of its own; locking closes it."""
        if not self.service.is_unlocked:
            return
        if self.packs_dialog is None:
            from journal_app.ui.journal.packs import PacksDialog

            self.packs_dialog = PacksDialog(self.service, self)
            self.packs_dialog.import_requested.connect(self._import_from_packs_dialog)
            self.packs_dialog.status_message.connect(
                lambda text: self.statusBar().showMessage(text, 5000)
            )
        self.packs_dialog.show()
        self.packs_dialog.raise_()
        self.packs_dialog.activateWindow()

    @Slot()
    def _import_from_packs_dialog(self) -> None:
        parent = self.packs_dialog if self.packs_dialog is not None else self
        from journal_app.ui.journal.packs import import_pack_with_dialog

        news = import_pack_with_dialog(parent, self.service)
        if news and self.service.is_unlocked:
            self.statusBar().showMessage(news, 6000)

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
        self.service.cancel_tasks()  # an export, import or backup stops; nothing half done
        if self.service.busy:
            # Key derivation is running on the worker; close as soon as it ends.
            self._close_when_idle = True
            self.statusBar().showMessage("Finishing… Tend will close in a moment.")
            event.ignore()
            return
        if self.service.is_unlocked and self.journal_view is not None:
            problem: BaseException | None = None
            try:
                if self.journal_view.flush() is False:
                    problem = VaultError(NOT_SAVED)
            except (VaultError, OSError) as exc:
                problem = exc
            if problem is None and not self._flush_personal():
                problem = VaultError(NOT_SAVED)
            if problem is not None:
                answer = QMessageBox.question(
                    self,
                    "Close Tend?",
                    "The most recent writing could not be saved. "
                    f"{advice_for(problem).message}\n\nClose Tend anyway?",
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No,
                )
                if answer != QMessageBox.StandardButton.Yes:
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
