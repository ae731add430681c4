"""Edit and Format: the menu bar's way to what the focused field and the editor can do.

Text fields already answer Ctrl+Z, Ctrl+C and the rest themselves, and the editor's
formatting keys belong to its writing area. So these items show their keys (after
a tab in their text, which menus draw in the shortcut column) without claiming them
as shortcuts of the window: no key is claimed twice, and the trash's own Ctrl+Z
("Undo move to trash") keeps working in the list. Choosing an item with the mouse
or from the menu by keyboard does what the key does in the field that has focus.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

KEY = QKeySequence.StandardKey
TextField = QLineEdit | QTextEdit | QPlainTextEdit


def keys_text(keys: QKeySequence | QKeySequence.StandardKey | str) -> str:
    """A key sequence as the platform writes it in menus (Ctrl+B, ⌘B)."""
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def shown_keys(text: str, keys: QKeySequence | QKeySequence.StandardKey | str) -> str:
    """A menu item's text with its keys in the shortcut column, not claimed as a shortcut."""
    written = keys_text(keys)
    return f"{text}\t{written}" if written else text


def text_field(widget: QWidget | None) -> TextField | None:
    """The text field that edit commands act on: the focused one, or an editable box's."""
    if isinstance(widget, QComboBox) and widget.isEditable():
        widget = widget.lineEdit()
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        return widget
    return None


def _can(field: TextField, command: str) -> bool:
    """Whether ``command`` would do something in ``field`` now."""
    read_only = field.isReadOnly()
    if isinstance(field, QLineEdit):
        selected = field.hasSelectedText()
        undo, redo = field.isUndoAvailable(), field.isRedoAvailable()
        has_text = bool(field.text())
        secret = field.echoMode() != QLineEdit.EchoMode.Normal
    else:
        selected = field.textCursor().hasSelection()
        document = field.document()
        undo, redo = document.isUndoAvailable(), document.isRedoAvailable()
        has_text = not document.isEmpty()
        secret = False
    checks: dict[str, bool] = {
        "undo": undo and not read_only,
        "redo": redo and not read_only,
        # A passphrase is never copied or cut out of its field.
        "cut": selected and not read_only and not secret,
        "copy": selected and not secret,
        "paste": not read_only,
        "selectAll": has_text,
    }
    return checks[command]


@dataclass(frozen=True)
class EditCommand:
    """One item of the Edit menu: the text field's slot of the same name."""

    name: str
    text: str
    keys: QKeySequence.StandardKey
    tip: str


EDIT_COMMANDS: tuple[tuple[EditCommand, ...], ...] = (
    (
        EditCommand("undo", "&Undo", KEY.Undo, "Undo the last change in the text you are in"),
        EditCommand("redo", "&Redo", KEY.Redo, "Do again what you undid"),
    ),
    (
        EditCommand("cut", "Cu&t", KEY.Cut, "Move the selected text to the clipboard"),
        EditCommand("copy", "&Copy", KEY.Copy, "Copy the selected text"),
        EditCommand("paste", "&Paste", KEY.Paste, "Paste where the cursor is"),
        EditCommand("selectAll", "Select &all", KEY.SelectAll, "Select all the text here"),
    ),
)


class EditMenu:
    """The Edit menu's text commands, passed on to the focused text field.

    Which items may be used is worked out as the menu opens, from the field that
    has focus (a menu does not take it), so an item is never offered for nothing.
    """

    def __init__(self, window: QWidget, menu: QMenu) -> None:
        self.menu = menu
        self.actions: dict[str, QAction] = {}
        for number, group in enumerate(EDIT_COMMANDS):
            if number:
                menu.addSeparator()
            for command in group:
                action = QAction(shown_keys(command.text, command.keys), window)
                action.setObjectName(f"edit_{command.name}")
                action.setToolTip(command.tip)
                action.setStatusTip(command.tip)
                action.triggered.connect(self._runner(command.name))
                menu.addAction(action)
                self.actions[command.name] = action
        menu.aboutToShow.connect(self.update)

    def _runner(self, name: str) -> Callable[[], None]:
        def run() -> None:
            field = text_field(QApplication.focusWidget())
            if field is not None and _can(field, name):
                getattr(field, name)()

        return run

    def update(self) -> None:
        field = text_field(QApplication.focusWidget())
        for name, action in self.actions.items():
            action.setEnabled(field is not None and _can(field, name))


def with_mnemonic(text: str, taken: set[str]) -> str:
    """``text`` with an ampersand before its first letter not yet used in the menu."""
    for index, char in enumerate(text):
        if char.isalnum() and char.casefold() not in taken:
            taken.add(char.casefold())
            return f"{text[:index]}&{text[index:]}"
    return text


class FormatMenu:
    """The Format menu: the editor's own formatting commands, from the menu bar.

    The editor is made only when the journal first opens, so until then the menu
    is there but greyed. Its items trigger the editor's actions, which act on the
    entry being written and put the cursor back in it.
    """

    def __init__(self, window: QWidget, menu: QMenu) -> None:
        self.window = window
        self.menu = menu
        self.editor: QWidget | None = None
        self.actions: list[QAction] = []
        menu.menuAction().setEnabled(False)
        menu.aboutToShow.connect(self.update)

    def attach(self, editor: QWidget, commands: list[QAction]) -> None:
        """Offer ``commands`` (the editor's formatting actions) in the menu."""
        self.editor = editor
        taken: set[str] = set()
        for command in commands:
            item = QAction(shown_keys(with_mnemonic(command.text(), taken), command.shortcut()))
            item.setParent(self.window)
            item.setObjectName(f"format_{command.objectName()}")
            item.setToolTip(command.toolTip())
            item.setStatusTip(command.toolTip())
            item.triggered.connect(command.trigger)
            self.menu.addAction(item)
            self.actions.append(item)

    def set_available(self, available: bool) -> None:
        """Usable while the journal is shown (and so its editor)."""
        self.menu.menuAction().setEnabled(available and self.editor is not None)

    def update(self) -> None:
        editor = self.editor
        body = getattr(editor, "body", None)
        writable = (
            editor is not None
            and editor.isVisible()
            and isinstance(body, QPlainTextEdit | QTextEdit)
            and not body.isReadOnly()
        )
        for item in self.actions:
            item.setEnabled(writable)


__all__ = [
    "EDIT_COMMANDS",
    "EditMenu",
    "FormatMenu",
    "keys_text",
    "shown_keys",
    "text_field",
    "with_mnemonic",
]
