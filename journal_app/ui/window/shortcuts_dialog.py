"""Help > Keyboard shortcuts (Ctrl+/): every key of the window, read from its menus.

The list is made from the menu bar each time the window opens, so it can never
disagree with the menus: an item added to a menu with a key shows up here, and
the Format items appear once the journal (and so its editor) has opened. A few
keys that belong to no menu (moving between controls, closing a dialog) come
first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QMenuBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journal_app.ui.common.focus_return import return_focus_on_close
from journal_app.ui.common.placement import open_over_parent
from journal_app.ui.common.widgets import button, label
from journal_app.ui.window.edit_menu import keys_text

SHORTCUTS_KEYS = "Ctrl+/"
EVERYWHERE = "Everywhere"
EVERYWHERE_KEYS: tuple[tuple[str, str], ...] = (
    ("Move to the next control, or back", "Tab, Shift+Tab"),
    ("Press the focused button", "Enter"),
    ("Close a dialog or window", "Esc"),
    ("Open a menu", "Alt + its underlined letter"),
)


def plain_text(action: QAction) -> str:
    """A menu item's words, without its mnemonic, its dots or the keys after a tab."""
    text = action.text().split("\t", 1)[0]
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def action_keys(action: QAction) -> str:
    """The keys of a menu item: its shortcuts, else the keys its text shows after a tab."""
    written = [keys_text(sequence) for sequence in action.shortcuts() if not sequence.isEmpty()]
    if written:
        return ", ".join(dict.fromkeys(written))
    _text, _tab, shown = action.text().partition("\t")
    return shown


def menu_keys(menu: QMenu) -> list[tuple[str, str]]:
    """(what, keys) for each item of ``menu`` and its submenus that has keys."""
    rows: list[tuple[str, str]] = []
    submenus = {sub.menuAction(): sub for sub in child_menus(menu)}
    for action in menu.actions():
        submenu = submenus.get(action)
        if submenu is not None:
            rows.extend(menu_keys(submenu))
        elif not action.isSeparator() and action.isVisible():
            keys = action_keys(action)
            if keys:
                rows.append((plain_text(action), keys))
    return rows


def child_menus(owner: QWidget) -> list[QMenu]:
    """The menus ``owner`` (a menu bar or a menu) holds, in the order it shows them.

    Found as its children, never through ``QAction.menu()``: before PySide6 6.11.2
    that wrapper dies with the temporary action it was reached through.
    """
    menus = owner.findChildren(QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly)
    order = {action: index for index, action in enumerate(owner.actions())}
    shown = [menu for menu in menus if menu.menuAction() in order]
    return sorted(shown, key=lambda menu: order[menu.menuAction()])


def bar_menus(bar: QMenuBar) -> list[QMenu]:
    """The menu bar's menus, in order."""
    return child_menus(bar)


class ShortcutsDialog(QDialog):
    """A calm list of every keyboard shortcut, grouped as the menus are."""

    def __init__(self, bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bar = bar
        self.setWindowTitle("Keyboard shortcuts")
        self.setObjectName("shortcutsDialog")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(12)
        layout.addWidget(label("Keyboard shortcuts", "heading"))
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["What it does", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName("Keyboard shortcuts")
        self.tree.setToolTip("Every keyboard shortcut, menu by menu")
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        layout.addWidget(self.tree, 1)
        self.close_button = button("Close", "Close this window (Esc)", on_click=self.accept)
        self.close_button.setDefault(True)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        self.resize(560, 620)
        open_over_parent(self)
        return_focus_on_close(self)

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        screen = self.screen().availableGeometry()
        # Never taller than the screen: on a small one the list scrolls instead.
        self.resize(self.width(), min(self.height(), screen.height() - 60))
        super().showEvent(event)

    def refresh(self) -> None:
        """Read the keys from the menus again."""
        self.tree.clear()
        self._rows: list[tuple[str, str, str]] = []
        self._add_group(EVERYWHERE, list(EVERYWHERE_KEYS))
        for menu in bar_menus(self._bar):
            rows = menu_keys(menu)
            if rows:
                self._add_group(menu.title().replace("&", ""), rows)
        self.tree.expandAll()
        self.tree.setCurrentItem(self._first)

    def _add_group(self, title: str, rows: list[tuple[str, str]]) -> None:
        group = QTreeWidgetItem(self.tree, [title, ""])
        group.setFirstColumnSpanned(True)
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = QFont(group.font(0))
        font.setBold(True)
        group.setFont(0, font)
        for what, keys in rows:
            item = QTreeWidgetItem(group, [what, keys])
            item.setToolTip(0, what)
            item.setToolTip(1, keys)
            if not self._rows:
                self._first = item
            self._rows.append((title, what, keys))

    def rows(self) -> list[tuple[str, str, str]]:
        """(group, what, keys) as shown, for reading it out in tests and tools."""
        return list(self._rows)


__all__ = [
    "SHORTCUTS_KEYS",
    "ShortcutsDialog",
    "action_keys",
    "bar_menus",
    "child_menus",
    "menu_keys",
    "plain_text",
]
