"""The editor's Markdown commands: bold, italic, heading, list, quote and link,
from their shortcuts, and from the body's context menu.

Each command edits the Markdown text itself (one undo step each); nothing here is
rich text.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import QMenu

from journal_app.ui.journal.editor_marks import EditorMarks
from journal_app.ui.journal.markdown import insert_link, toggle_line_prefix, toggle_wrap


class EditorFormatting(EditorMarks):
    """The formatting actions and commands; mixed into the editor."""

    _read_only: bool

    def _format_action(
        self,
        name: str,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str,
        tip: str,
        slot: Callable[[], None],
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{tip} ({QKeySequence(shortcut).toString()})")
        action.triggered.connect(slot)
        self.body.addAction(action)
        self.body.register_shortcut(QKeySequence(shortcut))
        return action

    def _make_format_actions(self) -> None:
        make = self._format_action
        self.bold_action = make(
            "boldAction", "Bold", QKeySequence.StandardKey.Bold, "Bold", self.make_bold
        )
        self.italic_action = make(
            "italicAction", "Italic", QKeySequence.StandardKey.Italic, "Italic", self.make_italic
        )
        self.heading_action = make(
            "headingAction",
            "Heading",
            "Ctrl+Shift+H",
            "Heading: # then ## then ###",
            self.toggle_heading,
        )
        self.list_action = make("listAction", "List", "Ctrl+Shift+L", "List item", self.toggle_list)
        self.quote_action = make("quoteAction", "Quote", "Ctrl+Shift+Q", "Quote", self.toggle_quote)
        self.link_action = make("linkAction", "Link", "Ctrl+K", "Link", self.insert_link)
        self.format_actions = [
            self.bold_action,
            self.italic_action,
            self.heading_action,
            self.list_action,
            self.quote_action,
            self.link_action,
        ]
        self.body.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.body.customContextMenuRequested.connect(self._show_context_menu)

    def _show_context_menu(self, pos: QPoint) -> None:
        menu: QMenu = self.body.createStandardContextMenu()
        menu.addSeparator()
        formatting = menu.addMenu("Format")
        for action in self.format_actions:
            formatting.addAction(action)
        formatting.setEnabled(not self._read_only)
        menu.exec(self.body.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _format(self, command: Callable[[QTextCursor], None]) -> None:
        if self._read_only:
            return
        cursor = self.body.textCursor()
        command(cursor)
        self.body.setTextCursor(cursor)
        self.body.setFocus()

    def _emphasis(self, marker: str) -> None:
        """Bold or italic; an empty pair left for typing goes away if nothing is typed."""
        if self._read_only:
            return
        cursor = self.body.textCursor()
        held = self.body.take_empty_pairs()  # the cursor moves, but stays in them
        pair = toggle_wrap(cursor, marker)
        self.body.setTextCursor(cursor)
        if pair:
            self.body.hold_empty_pairs([*held, (cursor.position(), len(marker))])
        self.body.setFocus()

    @Slot()
    def make_bold(self) -> None:
        self._emphasis("**")

    @Slot()
    def make_italic(self) -> None:
        self._emphasis("*")

    @Slot()
    def toggle_heading(self) -> None:
        self._format(lambda c: toggle_line_prefix(c, "heading"))

    @Slot()
    def toggle_list(self) -> None:
        self._format(lambda c: toggle_line_prefix(c, "list"))

    @Slot()
    def toggle_quote(self) -> None:
        self._format(lambda c: toggle_line_prefix(c, "quote"))

    @Slot()
    def insert_link(self) -> None:
        self._format(insert_link)


__all__ = ["EditorFormatting"]
