"""The main window's menus: its actions, the menu bar and the status bar.

The menu bar is the one people expect of a desktop program: File, Edit, Format,
View and Help, each with one mnemonic per item and the platform's standard keys
(Edit and Format pass their commands on: journal_app.ui.window.edit_menu).

Every item here leads to a slot of the window; which items may be used follows the
journal's state (open, locked, busy) in :meth:`WindowMenus._update_actions`. The
items are the window's own attributes (``window.lock_action``, ``window.help_menu``),
so :class:`WindowMenus` is a mixin of the main window rather than an object beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QWidget

from journal_app.ui.common.actions import window_action
from journal_app.ui.common.announce import announce
from journal_app.ui.common.shortcuts import SHORTCUT_WRITE_WITH_PROMPT
from journal_app.ui.common.theme import ThemeMode
from journal_app.ui.common.widgets import button
from journal_app.ui.window.edit_menu import EditMenu, FormatMenu
from journal_app.ui.window.mixin import WindowMixin
from journal_app.ui.window.shortcuts_dialog import SHORTCUTS_KEYS
from journal_app.ui.window.view_menu import ViewMenu

if TYPE_CHECKING:
    from journal_app.ui.common.preferences import AppSettings
    from journal_app.ui.services.journal_service import JournalService

KEY = QKeySequence.StandardKey
SUPPORT_TIP = "If you need to talk to someone now: helplines for your country (F1)"
PEOPLE_TIP = "The people and services you would reach out to (Ctrl+Shift+P)"
PLAN_TIP = "Your own plan, in your words, for when things feel hard (Ctrl+Shift+M)"


class WindowMenus(WindowMixin):
    """The actions, the menu bar and the status bar's corner of the main window."""

    service: JournalService
    settings: AppSettings
    journal_actions: tuple[QAction, ...]  # usable only while the journal is shown
    file_menu: QMenu
    edit_menu: QMenu
    format_menu: QMenu
    view_menu: QMenu
    help_menu: QMenu
    edit_commands: EditMenu
    format_commands: FormatMenu
    view_choices: ViewMenu
    support_button: QPushButton
    people_button: QPushButton
    plan_button: QPushButton

    if TYPE_CHECKING:
        # The window's slots that the items lead to (MainWindow and its mixins).
        def lock(self) -> None: ...
        def open_other_journal(self) -> None: ...
        def create_new_journal(self) -> None: ...
        def open_settings(self) -> None: ...
        def show_support(self) -> None: ...
        def show_people(self) -> None: ...
        def show_plan(self) -> None: ...
        def show_comfort(self) -> None: ...
        def show_about(self) -> None: ...
        def show_shortcuts(self) -> None: ...
        def show_guide(self) -> None: ...
        def show_list(self, shown: bool) -> None: ...
        def choose_theme(self, mode: ThemeMode) -> None: ...
        def zoom_text(self, steps: int) -> None: ...
        def import_prompt_pack(self) -> None: ...
        def show_prompt_packs(self) -> None: ...
        def journal_shown(self) -> bool: ...
        def _journal_call(self, name: str, *args: object) -> None: ...

    # -------------------------------------------------------------- actions

    def _build_actions(self) -> None:
        self._build_writing_actions()
        self._build_file_actions()
        self._build_help_actions()
        self._build_prompt_actions()
        self.journal_actions = (
            self.new_entry_action,
            self.write_with_prompt_action,
            self.find_action,
            self.trash_action,
            self.show_trash_action,
            self.import_pack_action,
            self.packs_action,
        )

    def _build_writing_actions(self) -> None:
        """What is done in the open journal, passed on to its view."""
        window = self._window()
        self.new_entry_action = window_action(
            window,
            "&New entry",
            "Start a new entry",
            lambda: self._journal_call("new_entry"),
            [QKeySequence(KEY.New)],
        )
        self.find_action = window_action(
            window,
            "&Find…",
            "Search your entries",
            self.find_in_journal,
            [QKeySequence(KEY.Find)],
        )
        self.trash_action = window_action(
            window,
            "&Delete to trash",
            "Move the open entry to the trash; it can be restored from there",
            lambda: self._journal_call("trash_current"),
            [QKeySequence(KEY.Delete)],
        )
        self.show_trash_action = window_action(
            window,
            "Show &trash",
            "Show the entries in the trash",
            lambda shown: self._journal_call("show_trash", shown),
            checkable=True,
        )

    def _build_file_actions(self) -> None:
        """Locking, the journal's file and Settings."""
        window = self._window()
        self.lock_action = window_action(
            window,
            "&Lock",
            "Lock Tend now; your passphrase opens it again (Ctrl+L)",
            self.lock,
            [QKeySequence("Ctrl+L")],
        )
        self.open_other_action = window_action(
            window,
            "&Open another journal file…",
            "Open a different Tend journal file",
            self.open_other_journal,
        )
        self.create_new_action = window_action(
            window,
            "&Create a new journal…",
            "Start a new, empty journal in a file you choose",
            self.create_new_journal,
        )
        self.settings_action = window_action(
            window,
            "&Settings…",
            "Auto-lock, appearance, passphrase and the journal file",
            self.open_settings,
            [QKeySequence(KEY.Preferences), QKeySequence("Ctrl+,")],
        )
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)  # macOS moves it

    def _build_help_actions(self) -> None:
        """Help's items, and Quit (macOS moves Quit and About to the application menu)."""
        window = self._window()
        self.support_action = window_action(
            window,
            "&Support…",
            SUPPORT_TIP,
            self.show_support,
            [QKeySequence(KEY.HelpContents), QKeySequence("F1")],
        )
        self.people_action = window_action(
            window,
            "My p&eople…",
            PEOPLE_TIP,
            self.show_people,
            [QKeySequence("Ctrl+Shift+P")],
        )
        self.plan_action = window_action(
            window,
            "My &plan for hard moments…",
            PLAN_TIP,
            self.show_plan,
            [QKeySequence("Ctrl+Shift+M")],
        )
        self.comfort_action = window_action(
            window,
            "&Ways through right now…",
            "Breathing, grounding, letting it pass, and your comfort box (Ctrl+Shift+W)",
            self.show_comfort,
            [QKeySequence("Ctrl+Shift+W")],
        )
        self.shortcuts_action = window_action(
            window,
            "&Keyboard shortcuts",
            f"Every keyboard shortcut of Tend, in one list ({SHORTCUTS_KEYS})",
            self.show_shortcuts,
            [QKeySequence(SHORTCUTS_KEYS)],
        )
        self.guide_action = window_action(
            window,
            "A &guide for therapists",
            "One page on what Tend is and is not, to read, print or save as a PDF",
            self.show_guide,
        )
        self.about_action = window_action(window, "&About Tend", "About Tend", self.show_about)
        self.quit_action = window_action(
            window,
            "&Quit",
            "Close Tend",
            window.close,
            [QKeySequence(KEY.Quit), QKeySequence("Ctrl+Q")],
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _build_prompt_actions(self) -> None:
        """Writing with a prompt, and the prompt packs."""
        window = self._window()
        self.write_with_prompt_action = window_action(
            window,
            "&Write with a prompt…",
            "Begin a new entry with a gentle prompt from a theme you choose "
            f"({SHORTCUT_WRITE_WITH_PROMPT})",
            lambda: self._journal_call("write_with_prompt"),
            [QKeySequence(SHORTCUT_WRITE_WITH_PROMPT)],
        )
        self.import_pack_action = window_action(
            window,
            "I&mport prompt pack…",
            "Add prompts from a pack file, for example one from your therapist",
            self.import_prompt_pack,
        )
        self.packs_action = window_action(
            window,
            "Prompt pac&ks…",
            "The prompt packs you have imported: turn them off or on, or remove them",
            self.show_prompt_packs,
        )

    # ---------------------------------------------------------------- menus

    def _build_menus(self) -> None:
        # Kept here, never looked up again through QAction.menu(): before PySide6
        # 6.11.2 that wrapper dies with the temporary action ("already deleted").
        bar = self._window().menuBar()
        self.file_menu = bar.addMenu("&File")
        self.edit_menu = bar.addMenu("&Edit")
        self.format_menu = bar.addMenu("F&ormat")
        self.view_menu = bar.addMenu("&View")
        self.help_menu = bar.addMenu("&Help")
        for menu in (self.file_menu, self.edit_menu, self.format_menu, self.view_menu):
            menu.setToolTipsVisible(True)
        self.help_menu.setToolTipsVisible(True)
        self._fill_file_menu()
        self.edit_commands = EditMenu(self._window(), self.edit_menu)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.find_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.trash_action)
        self.format_commands = FormatMenu(self._window(), self.format_menu)
        self.view_choices = ViewMenu(
            self._window(),
            self.view_menu,
            show_list=self.show_list,
            choose_theme=self.choose_theme,
            zoom=self.zoom_text,
            trash_action=self.show_trash_action,
        )
        self.view_choices.show_zoom(self.settings.text_zoom)
        self.view_choices.show_theme(self.settings.theme)
        self.view_choices.show_list_state(self.settings.list_shown)
        for action in (self.support_action, self.comfort_action):
            self.help_menu.addAction(action)
        for action in (self.people_action, self.plan_action):
            self.help_menu.addAction(action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addAction(self.guide_action)
        self.help_menu.addAction(self.about_action)

    def _fill_file_menu(self) -> None:
        """Writing, prompt packs, then (from the transfer part) export to restore, then
        locking, the journal's file, Settings and Quit, each group apart."""
        menu = self.file_menu
        for action in (self.new_entry_action, self.write_with_prompt_action):
            menu.addAction(action)
        menu.addSeparator()
        for action in (self.import_pack_action, self.packs_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.lock_action)
        menu.addSeparator()
        menu.addAction(self.open_other_action)
        menu.addAction(self.create_new_action)
        menu.addSeparator()
        menu.addAction(self.settings_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)

    def find_in_journal(self) -> None:
        """Edit > Find: the search field is in the list, so the list shows first."""
        if self.journal_shown() and not self.view_choices.list_action.isChecked():
            self.view_choices.list_action.setChecked(True)
        self._journal_call("focus_search")

    def add_journal_groups(self, groups: Sequence[Sequence[QAction]]) -> None:
        """Another part's items (Export, Print, Import | Back up, Restore), each group
        after a separator, after the journal's own items and before the one above Lock."""
        menu = self.file_menu
        items = menu.actions()
        lock = items.index(self.lock_action)
        before = items[lock - 1] if lock > 0 and items[lock - 1].isSeparator() else items[lock]
        for group in groups:
            menu.insertSeparator(before)
            for action in group:
                menu.insertAction(before, action)

    # ----------------------------------------------------------- status bar

    def _build_status_bar(self) -> None:
        status = self._window().statusBar()
        status.setSizeGripEnabled(False)
        # What the status bar says is said to screen readers too.
        status.messageChanged.connect(lambda text: announce(status, text))
        self.support_button = button(
            "Support", SUPPORT_TIP, role="support", on_click=self.show_support
        )
        self.support_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.people_button = button(
            "My people", PEOPLE_TIP, role="support", on_click=self.show_people
        )
        self.plan_button = button(
            "My plan",
            PLAN_TIP,
            role="support",
            accessible_name="My plan for hard moments",
            on_click=self.show_plan,
        )
        corner = QWidget()
        corner_layout = QHBoxLayout(corner)
        corner_layout.setContentsMargins(0, 3, 10, 3)
        corner_layout.setSpacing(10)
        for widget in (self.people_button, self.plan_button, self.support_button):
            widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            corner_layout.addWidget(widget)
        status.addPermanentWidget(corner)

    # --------------------------------------------------------------- states

    def _update_actions(self) -> None:
        """What may be used now: the journal's items only while it is shown, My people
        and My plan while it is open, another file only while nothing is running."""
        unlocked = self.service.is_unlocked
        in_journal = self.journal_shown()
        for action in self.journal_actions:
            action.setEnabled(in_journal)
        self.format_commands.set_available(in_journal)
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

    def set_trash_shown(self, shown: bool) -> None:
        """The view switched to or from the trash by itself: the menu item follows."""
        self.show_trash_action.blockSignals(True)
        self.show_trash_action.setChecked(shown)
        self.show_trash_action.blockSignals(False)


__all__ = ["WindowMenus"]
