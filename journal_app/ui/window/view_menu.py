"""The View menu: the list of entries on or off, the trash, text size, light or dark.

Each choice is the same one Settings offers (the theme) or is remembered the
same way (the list), so the menu and Settings never disagree.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from journal_app.ui.common.actions import window_action
from journal_app.ui.common.shortcuts import SHORTCUT_SHOW_LIST
from journal_app.ui.common.theme import DEFAULT_ZOOM, THEME_CHOICES, ZOOM_STEPS, ThemeMode
from journal_app.ui.window.edit_menu import with_mnemonic


class ViewMenu:
    """Builds the View menu of ``window``; what each item does is the window's."""

    def __init__(
        self,
        window: QWidget,
        menu: QMenu,
        *,
        show_list: Callable[[bool], None],
        choose_theme: Callable[[ThemeMode], None],
        zoom: Callable[[int], None],
        trash_action: QAction,
    ) -> None:
        self.menu = menu
        self.list_action = window_action(
            window,
            "Show the &list",
            f"Show or hide the list of entries beside the page ({SHORTCUT_SHOW_LIST})",
            show_list,
            [QKeySequence(SHORTCUT_SHOW_LIST)],
            checkable=True,
        )
        menu.addAction(self.list_action)
        menu.addAction(trash_action)
        menu.addSeparator()
        key = QKeySequence.StandardKey
        self.bigger_action = window_action(
            window,
            "&Bigger text",
            "Make all of Tend's text bigger, up to twice its size",
            lambda: zoom(1),
            [QKeySequence(key.ZoomIn), QKeySequence("Ctrl+="), QKeySequence("Ctrl++")],
        )
        self.smaller_action = window_action(
            window,
            "&Smaller text",
            "Make all of Tend's text smaller",
            lambda: zoom(-1),
            [QKeySequence(key.ZoomOut), QKeySequence("Ctrl+-")],
        )
        self.usual_size_action = window_action(
            window,
            "&Usual text size",
            "Text the size your computer uses",
            lambda: zoom(0),
            [QKeySequence("Ctrl+0")],
        )
        for action in (self.bigger_action, self.smaller_action, self.usual_size_action):
            menu.addAction(action)
        menu.addSeparator()
        self.theme_menu = menu.addMenu("&Appearance")
        self.theme_menu.setToolTipsVisible(True)
        self.theme_group = QActionGroup(window)
        self.theme_actions: dict[ThemeMode, QAction] = {}
        taken: set[str] = set()
        for mode, text, tip in THEME_CHOICES:
            action = QAction(with_mnemonic(text, taken), window)
            action.setCheckable(True)
            action.setToolTip(tip)
            action.setStatusTip(tip)
            action.triggered.connect(lambda _checked=False, m=mode: choose_theme(m))
            self.theme_group.addAction(action)
            self.theme_menu.addAction(action)
            self.theme_actions[mode] = action

    def show_theme(self, mode: ThemeMode) -> None:
        """Tick the theme in use (after Settings changed it, say)."""
        self.theme_actions[mode].setChecked(True)

    def show_zoom(self, zoom: int) -> None:
        """Offer only the steps that can still be taken."""
        self.bigger_action.setEnabled(zoom < ZOOM_STEPS[-1])
        self.smaller_action.setEnabled(zoom > ZOOM_STEPS[0])
        self.usual_size_action.setEnabled(zoom != DEFAULT_ZOOM)

    def show_list_state(self, shown: bool) -> None:
        """Tick or untick "Show the list" without acting on it again."""
        self.list_action.blockSignals(True)
        self.list_action.setChecked(shown)
        self.list_action.blockSignals(False)


__all__ = ["ViewMenu"]
