"""Drive the window the way a person would, and look at everything it shows."""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from journal_app.ui.window.main_window import MainWindow

WAIT_MS = 10_000


def type_into(qtbot: Any, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.clear()
    qtbot.keyClicks(field, text)


def create_through_ui(qtbot: Any, window: MainWindow, passphrase: str) -> None:
    """Welcome -> passphrase -> Create journal, until the recovery code is shown."""
    qtbot.mouseClick(window.welcome_page.begin_button, Qt.MouseButton.LeftButton)
    page = window.create_page
    assert window.current_page() is page
    type_into(qtbot, page.fields.first, passphrase)
    type_into(qtbot, page.fields.second, passphrase)
    with qtbot.waitSignal(window.service.created, timeout=WAIT_MS):
        qtbot.keyClick(page.fields.second, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page() is window.recovery_code_page, timeout=WAIT_MS)


def unlock_through_ui(qtbot: Any, window: MainWindow, passphrase: str) -> None:
    page = window.unlock_page
    assert window.current_page() is page
    type_into(qtbot, page.field, passphrase)
    with qtbot.waitSignal(window.service.unlocked, timeout=WAIT_MS):
        qtbot.keyClick(page.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page() is window.journal_page, timeout=WAIT_MS)


def _model_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    texts: list[str] = []
    roles = [
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.UserRole,
        Qt.ItemDataRole.UserRole + 1,
        Qt.ItemDataRole.UserRole + 2,
        Qt.ItemDataRole.UserRole + 3,
    ]

    def columns(parent: QModelIndex) -> int:
        try:
            return max(1, model.columnCount(parent))
        except TypeError:  # a QAbstractListModel: one column, no children
            return 1

    def walk(parent: QModelIndex, depth: int = 0) -> None:
        for row in range(model.rowCount(parent)):
            for column in range(columns(parent)):
                index = model.index(row, column, parent)
                for role in roles:
                    value = model.data(index, role)
                    if value is not None:
                        texts.append(str(value))
                if depth < 3 and isinstance(model, QAbstractItemModel) and columns(index) > 0:
                    with contextlib.suppress(TypeError):
                        walk(index, depth + 1)

    walk(QModelIndex())
    return texts


def shown_texts(root: QWidget) -> list[str]:
    """Every piece of text a widget tree holds: fields, labels, lists, combo boxes."""
    widgets = [root, *root.findChildren(QWidget)]
    texts: list[str] = [root.windowTitle()]
    for widget in widgets:
        texts.append(widget.toolTip())
        texts.append(widget.accessibleName())
        texts.append(widget.accessibleDescription())
        if isinstance(widget, QLineEdit):
            texts.append(widget.text())
            texts.append(widget.placeholderText())
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            texts.append(widget.toPlainText())
            texts.append(widget.document().toPlainText())
        elif isinstance(widget, QLabel):
            texts.append(widget.text())
        elif isinstance(widget, QComboBox):
            texts.extend(widget.itemText(i) for i in range(widget.count()))
            texts.append(widget.currentText())
        if isinstance(widget, QAbstractItemView):
            texts.extend(_model_texts(widget))
    return texts


def all_app_texts() -> list[str]:
    texts: list[str] = []
    for top in QApplication.topLevelWidgets():
        texts.extend(shown_texts(top))
    return texts


def undo_available(root: QWidget) -> bool:
    """Whether any text editor could bring old text back with Undo."""
    return any(
        editor.document().isUndoAvailable()
        for editor in root.findChildren(QTextEdit) + root.findChildren(QPlainTextEdit)
    )
