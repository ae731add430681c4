"""The windows the main window opens and keeps: Support, My people, My plan, Settings,
prompt packs, Keyboard shortcuts, the guide for therapists and About; and the
appearance the View menu sets.

Each is made on first use and raised when asked for again, never opened twice (the
:class:`KeptDialog` attributes forget one as soon as Qt deletes it). My people and
My plan live inside the journal: they open only while it is unlocked, and locking
saves and closes them. Settings gets its Backups page from here, the top floor, so
that the settings part never has to know the transfer part.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow

from journal_app.ui.common.clipboard import SecretClipboard
from journal_app.ui.common.kept import KeptDialog
from journal_app.ui.common.preferences import AppSettings
from journal_app.ui.common.theme import ThemeController, ThemeMode, apply_theme, zoom_step
from journal_app.ui.services.journal_service import JournalService
from journal_app.ui.window.mixin import WindowMixin
from journal_app.vault import VaultError

if TYPE_CHECKING:
    from journal_app.ui.journal.packs import PacksDialog
    from journal_app.ui.settings.dialog import SettingsDialog
    from journal_app.ui.support.people import PeopleDialog
    from journal_app.ui.support.plan import PlanDialog
    from journal_app.ui.support.support import SupportDialog
    from journal_app.ui.transfer.controller import TransferController
    from journal_app.ui.window.about import AboutDialog
    from journal_app.ui.window.guide import GuideDialog
    from journal_app.ui.window.idle import IdleWatcher
    from journal_app.ui.window.pages import WelcomePage
    from journal_app.ui.window.shortcuts_dialog import ShortcutsDialog
    from journal_app.ui.window.view_menu import ViewMenu

PACK_NEWS_MS = 6000
PACK_STATUS_MS = 5000


class WindowDialogs(WindowMixin):
    """The main window's own dialogs (a mixin: they are the window's attributes)."""

    # Each None until opened and again once Qt deletes it. My people and my plan:
    # built on demand while unlocked, gone again on lock.
    support_dialog: KeptDialog[SupportDialog] = KeptDialog()
    settings_dialog: KeptDialog[SettingsDialog] = KeptDialog()
    people_dialog: KeptDialog[PeopleDialog] = KeptDialog()
    plan_dialog: KeptDialog[PlanDialog] = KeptDialog()
    packs_dialog: KeptDialog[PacksDialog] = KeptDialog()
    about_dialog: KeptDialog[AboutDialog] = KeptDialog()
    shortcuts_dialog: KeptDialog[ShortcutsDialog] = KeptDialog()
    guide_dialog: KeptDialog[GuideDialog] = KeptDialog()

    service: JournalService
    settings: AppSettings
    theme: ThemeController | None
    personal_clipboard: SecretClipboard
    idle_watcher: IdleWatcher
    welcome_page: WelcomePage
    transfer: TransferController
    view_choices: ViewMenu
    journal_view: Any

    if TYPE_CHECKING:
        # The window's own slots that these dialogs lead back to.
        def lock(self) -> None: ...
        def open_other_journal(self) -> None: ...
        def create_new_journal(self) -> None: ...
        def _apply_editor_font(self) -> None: ...

    @staticmethod
    def _present(dialog: QDialog) -> None:
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    # ---------------------------------------------------------------- care

    @Slot()
    def show_support(self) -> None:
        if self.support_dialog is None:
            from journal_app.ui.support.support import SupportDialog

            self.support_dialog = SupportDialog(
                self._window(),
                service=self.service,
                clipboard=self.personal_clipboard,
                country=self.settings.country,
            )
            self.support_dialog.country_chosen.connect(self.choose_country)
            self.support_dialog.people_requested.connect(self.show_people)
            self.support_dialog.plan_requested.connect(self.show_plan)
            self.support_dialog.comfort_requested.connect(self.show_comfort)
            self.support_dialog.lock_requested.connect(self.lock)
        self._present(self.support_dialog)

    @Slot()
    def show_comfort(self) -> None:
        """Ways through right now: locked or not (the comfort box only while open)."""
        from journal_app.ui.support.comfort_window import show_comfort

        show_comfort(self._window(), self.service, self.show_support)

    @Slot()
    def show_people(self) -> None:
        """My people: only while the journal is open (they live inside it)."""
        if not self.service.is_unlocked:
            return
        if self.people_dialog is None:
            from journal_app.ui.support.people import PeopleDialog

            self.people_dialog = PeopleDialog(self.service, self._window())
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
            from journal_app.ui.support.plan import PlanDialog

            self.plan_dialog = PlanDialog(self.service, self._window(), settings=self.settings)
            self.plan_dialog.support_requested.connect(self.show_support)
            self.plan_dialog.lock_requested.connect(self.lock)
        elif not self.plan_dialog.isVisible():
            self.plan_dialog.reload()
        self._present(self.plan_dialog)

    def reload_personal(self) -> None:
        """People or plan words came in (a merged import): shown where those windows
        are open, so that their next save keeps them."""
        for dialog in (self.people_dialog, self.plan_dialog):
            if dialog is not None:
                dialog.reload()

    @staticmethod
    def _flush_one(dialog: PeopleDialog | PlanDialog) -> bool:
        try:
            return bool(dialog.flush())
        except (VaultError, OSError):
            return False

    def _flush_personal(self) -> bool:
        """Save what is typed in My people and My plan now; False if it could not be."""
        saved = True
        for dialog in (self.people_dialog, self.plan_dialog):
            if dialog is not None:
                saved = self._flush_one(dialog) and saved
        return saved

    def _close_personal(self) -> bool:
        """Save, empty and close My people and My plan (before a lock or quitting).

        Returns False if something typed could not be saved; the text goes anyway.
        """
        saved = True
        for dialog in (self.people_dialog, self.plan_dialog):
            if dialog is None:
                continue
            saved = self._flush_one(dialog) and saved
            dialog.clear()
            dialog.done(QDialog.DialogCode.Rejected)
            dialog.deleteLater()
        self.people_dialog = None
        self.plan_dialog = None
        return saved

    # ------------------------------------------------------------ settings

    @Slot()
    def open_settings(self) -> None:
        if self.settings_dialog is not None and self.settings_dialog.isVisible():
            self.settings_dialog.raise_()
            return
        from journal_app.ui.settings.dialog import SettingsDialog
        from journal_app.ui.transfer.backups_page import BackupsPage

        backups = BackupsPage(self.settings, self.service)
        dialog = SettingsDialog(self.settings, self.service, self._window(), backups=backups)
        dialog.applied.connect(self.apply_settings)
        self.transfer.connect_settings(dialog, backups)
        dialog.applied.connect(self.transfer.settings_applied)
        dialog.open_other_requested.connect(self.open_other_journal)
        dialog.create_new_requested.connect(self.create_new_journal)
        dialog.finished.connect(dialog.deleteLater)
        self.settings_dialog = dialog
        dialog.open()

    @Slot()
    def apply_settings(self) -> None:
        self._apply_theme()
        self.idle_watcher.set_timeout_ms(self.settings.auto_lock_ms)
        self._apply_editor_font()
        self._follow_country()

    def _apply_theme(self) -> None:
        mode, zoom = self.settings.theme, self.settings.text_zoom
        if self.theme is not None:
            self.theme.set_mode(mode, zoom)
        else:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_theme(app, mode, zoom)
        self.view_choices.show_theme(mode)
        self.view_choices.show_zoom(zoom)

    def zoom_text(self, steps: int) -> None:
        """View > Bigger text, Smaller text (a step each) and Usual text size (0)."""
        zoom = zoom_step(self.settings.text_zoom, steps)
        if zoom == self.settings.text_zoom:
            return
        self.settings.text_zoom = zoom
        self.settings.sync()
        self._apply_theme()
        self._apply_editor_font()

    def choose_theme(self, mode: ThemeMode) -> None:
        """View > Appearance: the same setting as Settings' Appearance page, kept at once."""
        self.settings.theme = mode
        self.settings.sync()
        self._apply_theme()

    def show_list(self, shown: bool) -> None:
        """View > Show the list: remembered, and followed by the journal at once."""
        self.settings.list_shown = shown
        self.settings.sync()
        self.view_choices.show_list_state(shown)
        sidebar = getattr(self.journal_view, "sidebar", None)
        if sidebar is not None:
            sidebar.setVisible(shown)

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

    # --------------------------------------------------------------- about

    @Slot()
    def show_about(self) -> None:
        """Help > About Tend: the window's one About dialog, made once, then raised."""
        if self.about_dialog is None:
            from journal_app.ui.window.about import AboutDialog

            self.about_dialog = AboutDialog(self._window(), self.service)
            self.about_dialog.support_requested.connect(self.show_support)
        self._present(self.about_dialog)

    @Slot()
    def show_shortcuts(self) -> None:
        """Help > Keyboard shortcuts (Ctrl+/): made once, read from the menus each time."""
        if self.shortcuts_dialog is None:
            from journal_app.ui.window.shortcuts_dialog import ShortcutsDialog

            window = self._window()
            self.shortcuts_dialog = ShortcutsDialog(window.menuBar(), window)
        self._present(self.shortcuts_dialog)

    @Slot()
    def show_guide(self) -> None:
        """Help > A guide for therapists: made once, then raised."""
        if self.guide_dialog is None:
            from journal_app.ui.window.guide import GuideDialog

            self.guide_dialog = GuideDialog(self._window())
        self._present(self.guide_dialog)

    # -------------------------------------------------------- prompt packs

    @Slot()
    def import_prompt_pack(self) -> None:
        """File > Import prompt pack…: choose a file, see the pack, then import it."""
        if not self.service.is_unlocked or self.service.busy:
            return
        self._import_pack_from(self._window())

    @Slot()
    def show_prompt_packs(self) -> None:
        """File > Prompt packs…: a window of its own; locking closes it."""
        if not self.service.is_unlocked:
            return
        if self.packs_dialog is None:
            from journal_app.ui.journal.packs import PacksDialog

            self.packs_dialog = PacksDialog(self.service, self._window())
            self.packs_dialog.import_requested.connect(self._import_from_packs_dialog)
            self.packs_dialog.status_message.connect(
                lambda text: self._window().statusBar().showMessage(text, PACK_STATUS_MS)
            )
        self._present(self.packs_dialog)

    @Slot()
    def _import_from_packs_dialog(self) -> None:
        dialog = self.packs_dialog
        self._import_pack_from(dialog if dialog is not None else self._window())

    def _import_pack_from(self, parent: QMainWindow | QDialog) -> None:
        from journal_app.ui.journal.packs import import_pack_with_dialog

        news = import_pack_with_dialog(parent, self.service)
        if news and self.service.is_unlocked:
            self._window().statusBar().showMessage(news, PACK_NEWS_MS)


__all__ = ["WindowDialogs"]
