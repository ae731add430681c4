"""The entry editor: an optional title, a Markdown body, tags and a date.

Typing is saved by itself: a crash-safe draft a moment after each change, and
the entry itself a little later, both sealed into the vault. A save that fails
(a full disk, say) leaves every word in the editor and says so calmly; nothing
is ever dropped from the screen because the disk said no.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import datetime

from PySide6.QtCore import (
    QDateTime,
    QEvent,
    QMimeData,
    QPointF,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetricsF,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPalette,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import (
    QApplication,
    QCompleter,
    QDateTimeEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from journal_app.journal import Entry
from journal_app.journal.prompts import Prompt
from journal_app.journal.search import find_spans
from journal_app.ui.common.debounce import Debouncer
from journal_app.ui.common.theme import RestyleOnPaletteChange, icon_url, set_role
from journal_app.ui.journal.entry_delegate import is_dark, match_color, mix, muted_text
from journal_app.ui.journal.flag import FlagButton
from journal_app.ui.journal.markdown import (
    MarkdownHighlighter,
    continue_block,
    insert_link,
    toggle_line_prefix,
    toggle_wrap,
)
from journal_app.ui.journal.prompts import (
    CARD_PAD_X,
    SHORTCUT_ANOTHER,
    SHORTCUT_WRITE_FREELY,
    TEXT_ANOTHER,
    TEXT_FROM_PACK,
    TEXT_NO_PROMPTS,
    TEXT_REMOVE_QUESTION,
    TEXT_REMOVE_TITLE,
    TEXT_WRITE_FREELY,
    TEXT_WRITTEN_WITH,
    TIP_ANOTHER,
    TIP_WRITE_FREELY,
    PromptCard,
)
from journal_app.ui.services.journal_service import JournalService
from journal_app.vault import VaultError

DRAFT_DELAY_MS = 700
DRAFT_MAX_WAIT_MS = 4_000
AUTOSAVE_DELAY_MS = 1_500
AUTOSAVE_MAX_WAIT_MS = 10_000
RETRY_MS = 8_000
HIGHLIGHT_DELAY_MS = 200

LINE_HEIGHT_PERCENT = 150
COLUMN_CHARS = 70
MIN_SIDE_MARGIN = 28
DEFAULT_BODY_POINT_SIZE = 12

STATUS_SAVED = "Saved"
STATUS_SAVING = "Saving…"
STATUS_NOT_SAVED = "Not saved yet"


def to_qdatetime(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def from_qdatetime(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch()).astimezone()


# ----------------------------------------------------------------- the body


class MarkdownEdit(QTextEdit):
    """A plain-text Markdown editor with a readable column and roomy lines.

    QTextEdit (not QPlainTextEdit) because only its layout honours a block's line
    height. Rich text is never accepted: what is pasted arrives as plain text.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setCursor(Qt.CursorShape.IBeamCursor)
        self.document().setDocumentMargin(2)
        self._shortcut_keys: set[int] = set()
        self._column_px = 640

    # -- typography

    def apply_line_height(self) -> None:
        """Give every paragraph the roomy line height, without an undo step."""
        doc = self.document()
        was = doc.isUndoRedoEnabled()
        doc.setUndoRedoEnabled(False)
        cursor = QTextCursor(doc)
        cursor.select(QTextCursor.SelectionType.Document)
        fmt = QTextBlockFormat()
        fmt.setLineHeight(
            LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        )
        cursor.mergeBlockFormat(fmt)
        doc.setUndoRedoEnabled(was)

    def set_plain_text(self, text: str) -> None:
        """Replace the text; the undo history starts afresh."""
        doc = self.document()
        doc.setUndoRedoEnabled(False)
        self.setPlainText(text)
        self.apply_line_height()
        doc.setUndoRedoEnabled(True)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def set_column_width(self, pixels: int) -> None:
        self._column_px = max(200, pixels)
        self._update_margins()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._update_margins()
        super().resizeEvent(event)

    def _update_margins(self) -> None:
        width = self.width()
        scroll = self.verticalScrollBar().sizeHint().width()
        side = max(MIN_SIDE_MARGIN, (width - self._column_px) // 2)
        self.setViewportMargins(side, 6, max(MIN_SIDE_MARGIN, side - scroll), 24)

    def column_width(self) -> int:
        return self._column_px

    def side_margin(self) -> int:
        return self.viewportMargins().left()

    # -- the margins around the column act like the text area itself

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            combo = event.keyCombination().toCombined()
            if combo in self._shortcut_keys:
                # Ours (e.g. Ctrl+K) even where the text edit has a meaning for it.
                event.ignore()
                return False
        if kind == QEvent.Type.Wheel:
            self.wheelEvent(event)  # type: ignore[arg-type]
            return True
        if kind in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonDblClick,
            QEvent.Type.MouseMove,
            QEvent.Type.MouseButtonRelease,
        ) and isinstance(event, QMouseEvent):
            return self._forward_mouse(event)
        return super().event(event)

    def _forward_mouse(self, event: QMouseEvent) -> bool:
        viewport = self.viewport()
        local = viewport.mapFrom(self, event.position().toPoint())
        rect = viewport.rect()
        x = min(max(local.x(), 0), rect.width() - 1)
        y = min(max(local.y(), 0), rect.height() - 1)
        moved = QMouseEvent(
            event.type(),
            QPointF(x, y),
            event.globalPosition(),
            event.button(),
            event.buttons(),
            event.modifiers(),
        )
        handler = {
            QEvent.Type.MouseButtonPress: self.mousePressEvent,
            QEvent.Type.MouseButtonDblClick: self.mouseDoubleClickEvent,
            QEvent.Type.MouseMove: self.mouseMoveEvent,
            QEvent.Type.MouseButtonRelease: self.mouseReleaseEvent,
        }[event.type()]
        handler(moved)
        return True

    def register_shortcut(self, sequence: QKeySequence) -> None:
        if sequence.count():
            self._shortcut_keys.add(sequence[0].toCombined())

    # -- typing

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and not self.isReadOnly()
            and not self.textCursor().hasSelection()
        ):
            cursor = self.textCursor()
            block = cursor.block()
            before = block.text()[: cursor.positionInBlock()]
            follow = continue_block(before) if cursor.atBlockEnd() else None
            if follow == "":
                # An empty list item or quote line: Enter ends the list.
                cursor.beginEditBlock()
                cursor.movePosition(
                    QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor
                )
                cursor.removeSelectedText()
                cursor.endEditBlock()
                return
            if follow:
                cursor.beginEditBlock()
                cursor.insertBlock()
                cursor.insertText(follow)
                cursor.endEditBlock()
                self.ensureCursorVisible()
                return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Paste as plain text, keeping the roomy line height on new paragraphs."""
        if source.hasText():
            self.textCursor().insertText(source.text())
            self.ensureCursorVisible()
            return
        super().insertFromMimeData(source)


# ----------------------------------------------------------------- the tags


class TagsEdit(QLineEdit):
    """Comma-separated tags; completes the tag being typed from the ones in use."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self._completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._completer.setWidget(self)
        self._completer.activated.connect(self.insert_completion)
        self.textEdited.connect(self._update_completion)

    @property
    def completer_(self) -> QCompleter:
        return self._completer

    def set_known_tags(self, tags: list[str]) -> None:
        self._model.setStringList(list(tags))

    def known_tags(self) -> list[str]:
        return self._model.stringList()

    def segment(self) -> tuple[int, int]:
        """Where the tag under the cursor starts and ends in the text."""
        text = self.text()
        pos = self.cursorPosition()
        start = text.rfind(",", 0, pos) + 1
        end = text.find(",", pos)
        return start, len(text) if end < 0 else end

    @Slot()
    def _update_completion(self) -> None:
        start, _ = self.segment()
        prefix = self.text()[start : self.cursorPosition()].strip()
        popup = self._completer.popup()
        if not prefix:
            popup.hide()
            return
        self._completer.setCompletionPrefix(prefix)
        count = self._completer.completionCount()
        if count == 0 or (
            count == 1 and self._completer.currentCompletion().casefold() == prefix.casefold()
        ):
            popup.hide()
            return
        popup.setCurrentIndex(self._completer.completionModel().index(0, 0))
        self._completer.complete()

    @Slot(str)
    def insert_completion(self, tag: str) -> None:
        start, end = self.segment()
        text = self.text()
        before = text[:start]
        after = text[end:].lstrip(",").lstrip()
        if before and not before.endswith(" "):
            before += " "
        new = f"{before}{tag}, "
        self.setText(new + after)
        self.setCursorPosition(len(new))
        self._completer.popup().hide()
        self.textEdited.emit(self.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._completer.popup().isVisible() and event.key() in (
            Qt.Key.Key_Enter,
            Qt.Key.Key_Return,
            Qt.Key.Key_Escape,
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
        ):
            event.ignore()  # the completer's popup takes these
            return
        super().keyPressEvent(event)

    def clear_all(self) -> None:
        self._completer.popup().hide()
        self._model.setStringList([])
        self._completer.setCompletionPrefix("")
        self.setText("")


def ask_remove_prompt(parent: QWidget) -> bool:
    """The plain question before a prompt leaves an entry. Tests patch ``QMessageBox.exec``."""
    box = QMessageBox(parent)
    box.setWindowTitle(TEXT_REMOVE_TITLE)
    box.setIcon(QMessageBox.Icon.Question)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(TEXT_REMOVE_QUESTION)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Yes).setText("Remove the prompt")
    box.button(QMessageBox.StandardButton.Cancel).setText("Keep it")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    result = box.exec()
    box.deleteLater()
    return result == QMessageBox.StandardButton.Yes


# --------------------------------------------------------------- the editor


class EntryEditor(RestyleOnPaletteChange, QWidget):
    """Edits one entry (or a new one) and keeps it saved.

    Signals:
        saved(str): the entry's id after it reached the vault.
        status_message(str): quiet news for the window's status bar.
    """

    saved = Signal(str)
    status_message = Signal(str)
    save_failed = Signal(str)

    def __init__(self, service: JournalService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._entry_id: str | None = None
        self._loaded_created: QDateTime | None = None
        self._draft_id: str | None = None
        self._dirty = False
        self._loading = False
        self._read_only = False
        self._query = ""
        self._failed = False
        self._title_spans: list[tuple[int, int]] = []
        # Writing with a prompt. ``_prompt`` is the prompt offered on this page in
        # this sitting ("live"); a heavy one waits behind a gentle note until the
        # person asks to see it. ``_prompt_changed``: what the saved entry holds
        # differs from what the page shows, so the next save sets it.
        self._prompt: Prompt | None = None
        self._prompt_live = False
        self._prompt_waiting = False
        self._prompt_theme: str | None = None
        self._prompt_changed = False
        self._kept_prompt_id: str | None = None  # the prompt of the entry as loaded

        self._draft_timer = Debouncer(DRAFT_DELAY_MS, DRAFT_MAX_WAIT_MS, self.save_draft, self)
        self._autosave = Debouncer(
            AUTOSAVE_DELAY_MS, AUTOSAVE_MAX_WAIT_MS, self._autosave_now, self
        )
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._autosave_now)
        self._highlight_timer = QTimer(self)
        self._highlight_timer.setSingleShot(True)
        self._highlight_timer.setInterval(HIGHLIGHT_DELAY_MS)
        self._highlight_timer.timeout.connect(self._apply_highlight)

        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self._build()
        self._built = True
        self._make_actions()
        self.apply_font(QApplication.font().family(), self._default_point_size())
        self._set_status("")

    # ------------------------------------------------------------ building

    @staticmethod
    def _default_point_size() -> int:
        size = QApplication.font().pointSize()
        return max(DEFAULT_BODY_POINT_SIZE, round(size * 1.3)) if size > 0 else 12

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        # A calm bar above the text: "in the trash", or a save that did not work.
        self.notice_row = QWidget(self)
        notice_layout = QHBoxLayout(self.notice_row)
        notice_layout.setContentsMargins(0, 14, 0, 0)
        self.notice = QFrame(self.notice_row)
        self.notice.setObjectName("editorNotice")
        notice_layout.addWidget(self.notice)
        inner = QHBoxLayout(self.notice)
        inner.setContentsMargins(14, 10, 14, 10)
        self.notice_label = QLabel(self.notice)
        self.notice_label.setObjectName("editorNoticeText")
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice_label.setAccessibleName("Notice")
        inner.addWidget(self.notice_label)
        self.notice_row.hide()

        # The prompt, above the page: only when the person asked for one.
        self.prompt_row = QWidget(self)
        prompt_layout = QHBoxLayout(self.prompt_row)
        prompt_layout.setContentsMargins(0, 22, 0, 0)
        self.prompt_card = PromptCard(self.prompt_row)
        prompt_layout.addWidget(self.prompt_card)
        self.prompt_card.another_requested.connect(self.another_prompt)
        self.prompt_card.write_freely_requested.connect(self.write_freely)
        self.prompt_card.show_requested.connect(self.reveal_prompt)
        self.prompt_card.remove_requested.connect(self.remove_kept_prompt)
        self.prompt_row.hide()

        self.header = QWidget(self)
        header_layout = QVBoxLayout(self.header)
        header_layout.setSpacing(0)
        self.title = QLineEdit(self.header)
        self.title.setObjectName("entryTitle")
        self.title.setPlaceholderText("Title (optional)")
        self.title.setFrame(False)
        self.title.setAccessibleName("Title")
        self.title.setToolTip("A title for this entry, if you want one")
        self.title.returnPressed.connect(lambda: self.focus_body(at_end=False))
        header_layout.addWidget(self.title)

        self.body = MarkdownEdit(self)
        self.body.setObjectName("entryBody")
        self.body.setPlaceholderText("Write a line or a page…")
        self.body.setAccessibleName("Entry text")
        self.body.setToolTip(
            "Your words, in Markdown. Bold Ctrl+B, italic Ctrl+I, link Ctrl+K; right-click for more"
        )
        self.body.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.highlighter = MarkdownHighlighter(
            self.body.document(), self.body.palette(), self.body.font()
        )

        # A hairline above the footer, as wide as the text column.
        self.rule = QWidget(self)
        rule_layout = QHBoxLayout(self.rule)
        rule_layout.setContentsMargins(0, 0, 0, 0)
        self.rule_line = QFrame(self.rule)
        self.rule_line.setObjectName("ruleLine")
        self.rule_line.setFrameShape(QFrame.Shape.NoFrame)
        self.rule_line.setFixedHeight(1)
        self.rule_line.setAutoFillBackground(True)
        rule_layout.addWidget(self.rule_line)

        self.footer = QWidget(self)
        footer = QHBoxLayout(self.footer)
        footer.setSpacing(10)
        self.tags_label = QLabel("Tags", self.footer)
        self.tags = TagsEdit(self.footer)
        self.tags.setObjectName("entryTags")
        self.tags.setPlaceholderText("Add tags, separated by commas")
        self.tags.setAccessibleName("Tags")
        self.tags.setToolTip("Tags for this entry, separated by commas")
        self.tags_label.setBuddy(self.tags)
        self.date = QDateTimeEdit(self.footer)
        self.date.setObjectName("entryDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMM yyyy, HH:mm")
        self.date.setAccessibleName("Date")
        self.date.setToolTip("The date of this entry; change it if it belongs to another day")
        self.date.setDateTime(QDateTime.currentDateTime())
        self.date.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.status = QLabel(self.footer)
        self.status.setObjectName("saveStatus")
        self.status.setAccessibleName("Save status")
        self.status.setToolTip("Your writing is saved, encrypted, as you type")
        self.status.setMinimumWidth(
            QFontMetricsF(self.status.font()).horizontalAdvance(STATUS_NOT_SAVED) + 8
        )
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        footer.addWidget(self.tags_label)
        footer.addWidget(self.tags, 1)
        footer.addWidget(self.date)
        # "Bring to my next session" (Ctrl+D), for the entry shown.
        self.flag = FlagButton(self, self._service, self.footer)
        self.addAction(self.flag.action)
        footer.addWidget(self.flag)
        footer.addWidget(self.status)

        for widget in (self.notice_row, self.prompt_row, self.header, self.rule, self.footer):
            # Ignored: their side margins (see _align_column) set no minimum width.
            widget.setSizePolicy(QSizePolicy.Policy.Ignored, widget.sizePolicy().verticalPolicy())
        layout.addWidget(self.notice_row)
        layout.addWidget(self.prompt_row)
        layout.addWidget(self.header)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.rule)
        layout.addWidget(self.footer)

        card = self.prompt_card
        self.setTabOrder(card.show_button, card.skip_button)
        self.setTabOrder(card.skip_button, card.another_button)
        self.setTabOrder(card.another_button, card.freely_button)
        self.setTabOrder(card.freely_button, card.remove_button)
        self.setTabOrder(card.remove_button, self.title)
        self.setTabOrder(self.title, self.body)
        self.setTabOrder(self.body, self.tags)
        self.setTabOrder(self.tags, self.date)
        self.setTabOrder(self.date, self.flag)

        self.title.textEdited.connect(self._on_changed)
        self.body.textChanged.connect(self._on_changed)
        self.tags.textEdited.connect(self._on_changed)
        self.date.dateTimeChanged.connect(self._on_changed)
        self.body.textChanged.connect(self._on_body_changed_for_highlight)

        self.body.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.body.customContextMenuRequested.connect(self._show_context_menu)
        self._restyle()

    def _make_actions(self) -> None:
        def make(
            name: str, text: str, shortcut: QKeySequence | str, tip: str, slot: Callable
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
        # "Another prompt" and "Write freely instead" from anywhere in the editor.
        self.another_prompt_action = QAction(TEXT_ANOTHER, self)
        self.write_freely_action = QAction(TEXT_WRITE_FREELY, self)
        for action, name, shortcut, tip, slot in (
            (
                self.another_prompt_action,
                "anotherPromptAction",
                SHORTCUT_ANOTHER,
                TIP_ANOTHER,
                self.another_prompt,
            ),
            (
                self.write_freely_action,
                "writeFreelyAction",
                SHORTCUT_WRITE_FREELY,
                TIP_WRITE_FREELY,
                self.write_freely,
            ),
        ):
            action.setObjectName(name)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(tip)
            action.setEnabled(False)
            action.triggered.connect(slot)
            self.addAction(action)
            self.body.register_shortcut(QKeySequence(shortcut))

    def _show_context_menu(self, pos: object) -> None:
        menu: QMenu = self.body.createStandardContextMenu()
        menu.addSeparator()
        formatting = menu.addMenu("Format")
        for action in self.format_actions:
            formatting.addAction(action)
        formatting.setEnabled(not self._read_only)
        menu.exec(self.body.viewport().mapToGlobal(pos))  # type: ignore[arg-type]
        menu.deleteLater()

    # ------------------------------------------------------------ look

    def _restyle(self) -> None:
        palette = self.palette()
        muted = muted_text(palette)
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        for label in (self.status, self.tags_label):
            label_palette = label.palette()
            label_palette.setColor(QPalette.ColorRole.WindowText, muted)
            label.setPalette(label_palette)
        rule_palette = self.rule_line.palette()
        rule_palette.setColor(QPalette.ColorRole.Window, mix(base, text, 0.14))
        self.rule_line.setPalette(rule_palette)
        self.footer.setAutoFillBackground(True)
        footer_palette = self.footer.palette()
        footer_palette.setColor(QPalette.ColorRole.Window, base)
        self.footer.setPalette(footer_palette)
        with self._restyling():
            self.highlighter.set_palette(palette)
        self._style_sheet(palette)
        self._style_notice(self.notice.property("tone") or "info")
        if self._query:
            self._apply_highlight()

    @contextlib.contextmanager
    def _restyling(self) -> Iterator[None]:
        """Re-highlighting changes how the text looks, which Qt reports as a text
        change; it is not an edit, so nothing is marked unsaved."""
        was = self._loading
        self._loading = True
        try:
            yield
        finally:
            self._loading = was

    def _style_sheet(self, palette: QPalette) -> None:
        """The writing surface has no boxes: title and text sit on the page itself.

        Built from the palette, so it follows the app's theme (and works without one).
        """
        base = palette.color(QPalette.ColorRole.Base).name()
        text = palette.color(QPalette.ColorRole.Text).name()
        accent = palette.color(QPalette.ColorRole.Accent).name()
        soft_border = mix(
            palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), 0.18
        ).name()
        rule = mix(
            palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), 0.14
        ).name()
        chevron = icon_url(f"chevron-down-{'dark' if is_dark(palette) else 'light'}.svg")
        sheet = f"""
QLineEdit#entryTitle {{
    border: none; border-bottom: 2px solid transparent; border-radius: 0;
    background: {base}; color: {text}; padding: 2px 0px;
}}
QLineEdit#entryTitle:focus {{ border: none; border-bottom: 2px solid {accent}; padding: 2px 0px; }}
QTextEdit#entryBody, QTextEdit#entryBody:focus {{
    border: none; background: {base}; color: {text};
}}
QFrame#ruleLine {{ background: {rule}; border: none; }}
QLineEdit#entryTags {{
    border: 1px solid {soft_border}; border-radius: 6px; background: {base};
    color: {text}; padding: 4px 6px; min-height: 18px;
}}
QLineEdit#entryTags:focus {{ border: 2px solid {accent}; padding: 3px 5px; }}
QDateTimeEdit#entryDate {{
    border: 1px solid {soft_border}; border-radius: 6px; background: {base};
    color: {text}; padding: 4px 22px 4px 6px; min-height: 18px; max-height: 18px;
}}
QDateTimeEdit#entryDate:focus {{ border: 2px solid {accent}; padding: 3px 21px 3px 5px; }}
QDateTimeEdit#entryDate::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right;
    width: 20px; border: none; background: transparent;
}}
QDateTimeEdit#entryDate::down-arrow {{ image: url("{chevron}"); width: 12px; height: 12px; }}
"""
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)

    def _style_notice(self, tone: str) -> None:
        """The theme's "notice"/"error" frame if there is a theme; a tinted bar if not."""
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        if tone == "problem":
            tint = QColor(214, 160, 60) if not is_dark(palette) else QColor(170, 120, 40)
        else:
            tint = palette.color(QPalette.ColorRole.Accent)
        notice_palette = self.notice.palette()
        notice_palette.setColor(QPalette.ColorRole.Window, mix(base, tint, 0.16))
        notice_palette.setColor(QPalette.ColorRole.WindowText, text)
        self.notice.setPalette(notice_palette)
        self.notice_label.setPalette(notice_palette)
        self.notice.setAutoFillBackground(True)
        if self.notice.property("role") != ("error" if tone == "problem" else "notice"):
            set_role(self.notice, "error" if tone == "problem" else "notice")

    def apply_font(self, family: str, point_size: int) -> None:
        """The writing font; the title is drawn larger, in the same family."""
        body_font = QFont(family) if family else QFont(QApplication.font())
        body_font.setPointSize(max(6, int(point_size)))
        self.body.setFont(body_font)
        self.body.document().setDefaultFont(body_font)
        title_font = QFont(body_font)
        title_font.setPointSizeF(body_font.pointSizeF() * 1.5)
        title_font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(title_font)
        with self._restyling():
            self.highlighter.set_base_font(body_font)
        metrics = QFontMetricsF(body_font)
        sample = "the quick brown fox jumps over a lazy dog, then rests. "
        per_char = metrics.horizontalAdvance(sample) / len(sample)
        self.body.set_column_width(round(per_char * COLUMN_CHARS) + 8)
        self._align_column()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._align_column()

    def _align_column(self) -> None:
        """Line the title, the notice and the footer up with the body's text column.

        They span the whole width, with side margins that put their contents where
        the text starts. Their horizontal size policy is Ignored, so these margins
        never make the window's minimum size grow.
        """
        self.body._update_margins()
        left = self.body.side_margin()
        right = max(MIN_SIDE_MARGIN, left)
        doc_margin = round(self.body.document().documentMargin())
        prompt_shown = not self.prompt_row.isHidden()
        self.header.layout().setContentsMargins(
            left + doc_margin - 2, 18 if prompt_shown else 30, right, 6
        )
        self.prompt_row.layout().setContentsMargins(
            left + doc_margin - CARD_PAD_X, 22, right - CARD_PAD_X, 0
        )
        self.footer.layout().setContentsMargins(left + doc_margin, 8, right, 10)
        self.notice_row.layout().setContentsMargins(left - 8, 14, right - 8, 0)
        self.rule.layout().setContentsMargins(left + doc_margin, 0, right, 0)

    # ------------------------------------------------------------ state

    @property
    def entry_id(self) -> str | None:
        return self._entry_id

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def draft_id(self) -> str | None:
        return self._draft_id

    @property
    def read_only(self) -> bool:
        return self._read_only

    def is_blank(self) -> bool:
        return not (
            self.title.text().strip() or self.body.toPlainText().strip() or self.tags.text().strip()
        )

    def _set_status(self, text: str) -> None:
        self.status.setText(text)

    def show_notice(self, text: str, *, tone: str = "info") -> None:
        self.notice.setProperty("tone", tone)
        self._style_notice(tone)
        self.notice_label.setText(text)
        self.notice_row.setVisible(bool(text))

    def notice_text(self) -> str:
        return self.notice_label.text() if self.notice_row.isVisibleTo(self) else ""

    def hide_notice(self) -> None:
        self.notice_label.clear()
        self.notice_row.hide()

    # ------------------------------------------------------------ loading

    def load(self, entry: Entry | None) -> None:
        """Show an entry, or a fresh page for a new one (``None``).

        The caller flushes first; whatever was pending here is dropped.
        """
        self._draft_timer.cancel()
        self._autosave.cancel()
        self._retry.stop()
        self._loading = True
        try:
            self._entry_id = entry.id if entry is not None else None
            self._draft_id = None
            self._dirty = False
            self._failed = False
            self.title.setText(entry.title if entry else "")
            self.body.set_plain_text(entry.body if entry else "")
            self.tags.setText(", ".join(entry.tags) if entry else "")
            moment = to_qdatetime(entry.created) if entry else QDateTime.currentDateTime()
            self.date.setDateTime(moment)
            self._loaded_created = self.date.dateTime()
        finally:
            self._loading = False
        if not self._read_only:
            self.hide_notice()
        self._set_status(STATUS_SAVED if entry is not None and not self._read_only else "")
        self.flag.show_entry(entry)
        self._apply_highlight()
        self._forget_prompt()
        if entry is not None and entry.prompt_text:
            self._kept_prompt_id = entry.prompt_id
            self._show_kept_prompt(entry)

    def new_entry(self) -> None:
        self.load(None)
        self.focus_body()

    def focus_body(self, *, at_end: bool = True) -> None:
        self.body.setFocus(Qt.FocusReason.OtherFocusReason)
        if at_end:
            self.body.moveCursor(QTextCursor.MoveOperation.End)

    def clear(self) -> None:
        """Forget everything shown, undo history included; nothing is saved."""
        self._draft_timer.cancel()
        self._autosave.cancel()
        self._retry.stop()
        self._highlight_timer.stop()
        self._loading = True
        try:
            self._entry_id = None
            self._draft_id = None
            self._dirty = False
            self._failed = False
            self._query = ""
            self.title.setText("")
            self.title.setModified(False)
            self.body.setExtraSelections([])
            self.body.set_plain_text("")
            self.body.document().clearUndoRedoStacks()
            self.tags.clear_all()
            self.date.setDateTime(QDateTime.currentDateTime())
            self._loaded_created = None
            self._clear_title_highlight()
            self.flag.show_entry(None)
        finally:
            self._loading = False
        self.hide_notice()
        self._set_status("")
        self._forget_prompt()

    def set_read_only(self, read_only: bool, notice: str = "") -> None:
        self._read_only = read_only
        self.flag.set_read_only(read_only)
        for widget in (self.title, self.body, self.tags):
            widget.setReadOnly(read_only)
        self.date.setReadOnly(read_only)
        self.date.setCalendarPopup(not read_only)
        self.date.setButtonSymbols(
            QDateTimeEdit.ButtonSymbols.NoButtons
            if read_only
            else QDateTimeEdit.ButtonSymbols.UpDownArrows
        )
        for action in self.format_actions:
            action.setEnabled(not read_only)
        self.prompt_card.set_removable(not read_only)
        if read_only and notice:
            self.show_notice(notice)
        elif not self._failed:
            self.hide_notice()
        if read_only:
            self._set_status("")

    def refresh_known_tags(self) -> None:
        """Offer the tags in use for completion (the journal page does this for us)."""
        if self._service.is_unlocked:
            self.tags.set_known_tags(self._service.tags())

    # ------------------------------------------------------------ saving

    @Slot()
    def _on_changed(self) -> None:
        if self._loading or self._read_only:
            return
        self._dirty = True
        if self._entry_id is None and self.is_blank():
            # Nothing worth keeping yet; a draft from before is dropped on save.
            self._set_status("")
        elif not self._failed:
            self._set_status(STATUS_SAVING)
        self._draft_timer.poke()
        self._autosave.poke()

    def _values(self) -> tuple[str, str, str]:
        return self.title.text(), self.body.toPlainText(), self.tags.text()

    def _created_if_changed(self) -> datetime | None:
        value = self.date.dateTime()
        if self._loaded_created is not None and value == self._loaded_created:
            return None
        return from_qdatetime(value)

    @Slot()
    def save_draft(self) -> None:
        """Keep a sealed copy of what is on screen; cheap, and safe against a crash."""
        if not self._dirty or self._read_only or not self._service.is_unlocked:
            return
        if self._entry_id is None and self.is_blank():
            self._drop_draft()
            return
        title, body, tags = self._values()
        try:
            draft = self._service.save_draft(
                entry_id=self._entry_id,
                title=title,
                body=body,
                tags=tags.split(","),
                created=from_qdatetime(self.date.dateTime()),
                prompt_id=self._draft_prompt_id(),
                draft_id=self._draft_id,
            )
        except VaultError:
            return  # the real save reports the problem; the text stays on screen
        self._draft_id = draft.id

    def _drop_draft(self) -> None:
        self._draft_timer.cancel()
        if self._draft_id is None:
            return
        draft_id, self._draft_id = self._draft_id, None
        # If this fails the draft is offered again after the next unlock: never a loss.
        with contextlib.suppress(VaultError):
            self._service.discard_draft(draft_id)

    @Slot()
    def _autosave_now(self) -> None:
        self.save()

    def save(self) -> bool:
        """Save now if anything changed. Returns False (text kept) if it could not."""
        self._autosave.cancel()
        self._retry.stop()
        if not self._dirty or self._read_only:
            return True
        if not self._service.is_unlocked:
            self._set_status(STATUS_NOT_SAVED)
            return False
        title, body, tags = self._values()
        tag_list = tags.split(",")
        try:
            if self._entry_id is not None:
                try:
                    prompt = {"prompt": self.current_prompt()} if self._prompt_changed else {}
                    entry = self._service.update(
                        self._entry_id,
                        title=title,
                        body=body,
                        tags=tag_list,
                        created=self._created_if_changed(),
                        **prompt,
                    )
                except KeyError:
                    self._entry_id = None  # gone underneath us: keep the words as new
            if self._entry_id is None:
                if not (title.strip() or body.strip()):
                    self._dirty = False
                    self._drop_draft()
                    self._set_status("")
                    return True
                entry = self._service.add(
                    body,
                    title=title,
                    tags=tag_list,
                    created=from_qdatetime(self.date.dateTime()),
                    prompt=self.current_prompt(),
                )
                self._entry_id = entry.id
        except VaultError as exc:
            self._failed = True
            self.show_notice(f"{exc} Your words are still here.", tone="problem")
            self._set_status(STATUS_NOT_SAVED)
            self._retry.start()
            self.save_failed.emit(str(exc))
            return False
        self._dirty = False
        self._prompt_changed = False
        self._kept_prompt_id = entry.prompt_id
        self._loaded_created = to_qdatetime(entry.created)
        if self._failed:
            self._failed = False
            self.hide_notice()
        self._drop_draft()
        self._set_status(STATUS_SAVED)
        self.saved.emit(entry.id)
        self.status_message.emit(STATUS_SAVED)
        return True

    def flush(self) -> bool:
        """Save pending edits now, synchronously (before lock, switch or close)."""
        self._draft_timer.cancel()
        return self.save()

    # ------------------------------------------------------------ prompts

    @property
    def prompt_live(self) -> bool:
        """A prompt (or its gentle note) was offered on this page in this sitting."""
        return self._prompt_live

    @property
    def prompt_waiting(self) -> bool:
        """A heavy prompt's gentle note is shown; the prompt itself is not, yet."""
        return self._prompt_live and self._prompt_waiting

    def current_prompt(self) -> Prompt | None:
        """The prompt shown with this page now, to be kept with the entry (or None)."""
        if self._prompt_live and not self._prompt_waiting:
            return self._prompt
        return None

    def _draft_prompt_id(self) -> str | None:
        if self._prompt_live:
            prompt = self.current_prompt()
            return prompt.id if prompt is not None else None
        return self._kept_prompt_id

    def start_with_prompt(self, theme_id: str | None) -> bool:
        """Offer a prompt of a theme (None: any) above this page. False if none came."""
        if self._read_only or not self._service.is_unlocked:
            return False
        self._prompt_theme = theme_id
        if not self._offer_next():
            return False
        if self._prompt_waiting:
            self.prompt_card.focus_first_button()  # the gentle note is read first
        return True

    @Slot()
    def another_prompt(self) -> None:
        """A different prompt of the same theme ("Skip" on a gentle note does this too)."""
        if self._prompt_live and not self._read_only:
            self._offer_next()

    def _offer_next(self) -> bool:
        current = self._prompt.id if self._prompt is not None else None
        try:
            prompt = self._service.next_prompt(self._prompt_theme)
            for _ in range(3):  # never the same prompt twice in a row, if there is another
                if prompt is None or prompt.id != current:
                    break
                prompt = self._service.next_prompt(self._prompt_theme)
        except VaultError as exc:
            self.status_message.emit(str(exc))
            return False
        if prompt is None:
            self.status_message.emit(TEXT_NO_PROMPTS)
            return False
        self.show_prompt(prompt)
        return True

    def show_prompt(self, prompt: Prompt) -> None:
        """Offer this prompt on the page; a heavy one behind its gentle note first."""
        focus = QApplication.focusWidget()
        had_focus = focus is not None and self.prompt_card.isAncestorOf(focus)
        self._prompt = prompt
        self._prompt_live = True
        self._prompt_waiting = prompt.heavy
        caption = self._caption(prompt.id, prompt.theme, prompt.source)
        if prompt.heavy:
            self.prompt_card.show_heavy_note(caption)
        else:
            self.prompt_card.show_live(prompt.text, caption, prompt.follow_up)
        self._show_prompt_row(True)
        self._prompt_page_changed()
        if had_focus:
            self.prompt_card.focus_first_button()  # keyboard users stay on the card

    @Slot()
    def reveal_prompt(self) -> None:
        """The person asked to see the heavy prompt behind its note."""
        if not self._prompt_live or not self._prompt_waiting or self._prompt is None:
            return
        self._prompt_waiting = False
        prompt = self._prompt
        caption = self._caption(prompt.id, prompt.theme, prompt.source)
        self.prompt_card.show_live(prompt.text, caption, prompt.follow_up)
        self._prompt_page_changed()
        self.focus_body()

    @Slot()
    def write_freely(self) -> None:
        """Put the offered prompt away: this page is free writing."""
        if not self._prompt_live or self._read_only:
            return
        had = self.current_prompt() is not None or self._kept_prompt_id is not None
        self._prompt = None
        self._prompt_live = False
        self._prompt_waiting = False
        self.prompt_card.clear()
        self._show_prompt_row(False)
        if had:
            self._prompt_page_changed()
        self.focus_body()

    @Slot()
    def remove_kept_prompt(self) -> None:
        """Take the prompt away from an entry opened again later, after a plain question."""
        if self._read_only or self._entry_id is None or not self._service.is_unlocked:
            return
        if not ask_remove_prompt(self):
            return
        if not self._service.is_unlocked or self._entry_id is None:
            return  # locked while the question was open
        if not self.flush():
            return
        try:
            entry = self._service.update(self._entry_id, prompt=None)
        except (VaultError, KeyError) as exc:
            self.status_message.emit(str(exc))
            return
        self._kept_prompt_id = entry.prompt_id
        self._forget_prompt()
        self.focus_body(at_end=False)

    def _prompt_page_changed(self) -> None:
        """What the page shows as its prompt changed: a saved entry follows it."""
        for action in (self.another_prompt_action, self.write_freely_action):
            action.setEnabled(self._prompt_live and not self._read_only)
        if self._entry_id is None or self._read_only:
            return  # a new page takes its prompt with it when it is first saved
        self._prompt_changed = True
        self._dirty = True
        if not self._failed:
            self._set_status(STATUS_SAVING)
        self._draft_timer.poke()
        self._autosave.poke()

    def _forget_prompt(self) -> None:
        self._prompt = None
        self._prompt_live = False
        self._prompt_waiting = False
        self._prompt_changed = False
        self._kept_prompt_id = None
        self.prompt_card.clear()
        self._show_prompt_row(False)
        for action in (self.another_prompt_action, self.write_freely_action):
            action.setEnabled(False)

    def _show_kept_prompt(self, entry: Entry) -> None:
        known = self._service.prompt(entry.prompt_id) if entry.prompt_id else None
        follow_up = known.follow_up if known is not None and known.text == entry.prompt_text else ""
        source = known.source if known is not None else ""
        caption = self._caption(entry.prompt_id, entry.prompt_theme, source, kept=True)
        self.prompt_card.show_kept(
            entry.prompt_text, caption, follow_up, removable=not self._read_only
        )
        self._show_prompt_row(True)

    def _caption(
        self, prompt_id: str | None, theme_id: str | None, source: str, *, kept: bool = False
    ) -> str:
        """ "People around me", "… · from Between our sessions", or "Written with a prompt"."""
        parts = [self._service.theme_name(theme_id)] if theme_id else []
        if source and prompt_id and prompt_id.startswith("pack:"):
            pack = next((p for p in self._service.prompt_packs() if p.id == source), None)
            if pack is not None:
                parts.append(TEXT_FROM_PACK.format(name=pack.name))
        parts = [part for part in parts if part]
        if not parts and kept:
            return TEXT_WRITTEN_WITH
        return " · ".join(parts)

    def _show_prompt_row(self, shown: bool) -> None:
        if self.prompt_row.isHidden() == (not shown):
            return
        self.prompt_row.setVisible(shown)
        self._align_column()

    # ------------------------------------------------------------ formatting

    def _format(self, command: Callable[[QTextCursor], None]) -> None:
        if self._read_only:
            return
        cursor = self.body.textCursor()
        command(cursor)
        self.body.setTextCursor(cursor)
        self.body.setFocus()

    @Slot()
    def make_bold(self) -> None:
        self._format(lambda c: toggle_wrap(c, "**"))

    @Slot()
    def make_italic(self) -> None:
        self._format(lambda c: toggle_wrap(c, "*"))

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

    # ------------------------------------------------------------ search marks

    def set_highlight(self, query: str) -> None:
        self._query = query.strip()
        self._apply_highlight()

    @Slot()
    def _on_body_changed_for_highlight(self) -> None:
        if self._query:
            self._highlight_timer.start()

    def highlight_spans(self) -> list[tuple[int, int]]:
        return find_spans(self.body.toPlainText(), self._query) if self._query else []

    @Slot()
    def _apply_highlight(self) -> None:
        self._highlight_timer.stop()
        fmt = QTextCharFormat()
        fmt.setBackground(match_color(self.palette()))
        selections = []
        for start, end in self.highlight_spans():
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.body.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format = fmt  # type: ignore[attr-defined]
            selections.append(selection)
        self.body.setExtraSelections(selections)
        self._highlight_title()

    def _highlight_title(self) -> None:
        """Mark found words in the title. A QLineEdit takes extra formats only as
        input-method attributes, so that is how they are given (nothing is typed)."""
        spans = find_spans(self.title.text(), self._query) if self._query else []
        if not spans and not self._title_spans:
            return
        fmt = QTextCharFormat()
        fmt.setBackground(match_color(self.palette()))
        cursor_pos = self.title.cursorPosition()
        attributes = [
            QInputMethodEvent.Attribute(
                QInputMethodEvent.AttributeType.TextFormat, start - cursor_pos, end - start, fmt
            )
            for start, end in spans
        ]
        QApplication.sendEvent(self.title, QInputMethodEvent("", attributes))
        self._title_spans = spans

    def _clear_title_highlight(self) -> None:
        QApplication.sendEvent(self.title, QInputMethodEvent("", []))
        self._title_spans = []

    def title_highlight_spans(self) -> list[tuple[int, int]]:
        return list(self._title_spans)

    def scroll_to_first_match(self) -> None:
        spans = self.highlight_spans()
        if not spans:
            return
        cursor = QTextCursor(self.body.document())
        cursor.setPosition(spans[0][0])
        self.body.setTextCursor(cursor)
        self.body.ensureCursorVisible()


__all__ = [
    "AUTOSAVE_DELAY_MS",
    "DRAFT_DELAY_MS",
    "STATUS_NOT_SAVED",
    "STATUS_SAVED",
    "STATUS_SAVING",
    "EntryEditor",
    "MarkdownEdit",
    "TagsEdit",
]
