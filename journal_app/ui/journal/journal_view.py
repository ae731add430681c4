"""The journal page: the entry list (with search, tags and trash) beside the editor.

The main window owns the window-level actions (New, Find, Delete, Show trash,
Lock...) and calls the slots here; this page owns the list, the editor and the
editor's own formatting shortcuts. Everything it shows comes from, and goes to,
the :class:`JournalService`; ``clear()`` drops all of it when the journal locks.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QFont,
    QKeyEvent,
    QKeySequence,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from journal_app.journal import Draft, Entry
from journal_app.ui.common.theme import RestyleOnPaletteChange, set_role
from journal_app.ui.common.widgets import ElidedComboBox
from journal_app.ui.journal.editor import EntryEditor
from journal_app.ui.journal.entry_delegate import EntryDelegate, mix, muted_text
from journal_app.ui.journal.entry_model import EntryIdRole, EntryListModel
from journal_app.ui.journal.flag import FlagFilter
from journal_app.ui.journal.prompts import (
    NOT_CHOSEN,
    SHORTCUT_WRITE_WITH_PROMPT,
    PromptChooserDialog,
)
from journal_app.ui.services.journal_service import JournalService
from journal_app.vault import VaultError

SEARCH_DELAY_MS = 150
PLACEHOLDER_WIDTH = 460
ALL_TAGS = "All tags"
ALL_THEMES = "All entries"

# What the page says. Kept together so the wording can be reviewed in one place
# (CONTENT.md): calm, inviting, never counting, never judging.
TEXT_EMPTY_JOURNAL_TITLE = "This is your space."
TEXT_EMPTY_JOURNAL = "Write a line or a page — whatever today holds."
TEXT_CHOOSE_ENTRY = "Choose an entry from the list, or begin a new one."
TEXT_LIST_EMPTY_JOURNAL = "Your entries will appear here."
TEXT_NO_MATCHES = "Nothing matches that yet."
TEXT_TRASH_EMPTY = "The trash is empty."
TEXT_TRASH_NO_MATCHES = "Nothing in the trash matches that."
TEXT_TRASH_HINT = (
    "Entries in the trash stay here until you empty it. Choose one to read it or to bring it back."
)
TEXT_TRASH_NOTICE = "This entry is in the trash. Restore it to keep writing in it."
TEXT_MOVED_TO_TRASH = "Moved to trash — Undo (Ctrl+Z)"
TEXT_RESTORED = "Back in your journal."
TEXT_TRASH_EMPTIED = "The trash is empty now."
TEXT_NOT_SAVED_KEPT = "Not saved yet — your words are still in the editor."
TEXT_CONFIRM_EMPTY_TRASH = "Delete these entries for good? This cannot be undone."
TEXT_DRAFTS_TITLE = "Writing from last time"
TEXT_DRAFTS = (
    "Some writing from last time had not been saved into your journal when Tend "
    "closed. It was kept safe. Would you like to restore it?"
)
TEXT_DRAFTS_RESTORED = "Your writing from last time is back in your journal."


_FRESH = "fresh"
_KEPT = "kept"


class _Choice:
    RESTORE = "restore"
    DISCARD = "discard"
    LATER = "later"


def ask_empty_trash(parent: QWidget) -> bool:
    """The plain confirmation before deleting for good. Tests patch ``QMessageBox.exec``."""
    box = QMessageBox(parent)
    box.setWindowTitle("Empty trash")
    box.setIcon(QMessageBox.Icon.Question)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(TEXT_CONFIRM_EMPTY_TRASH)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Yes).setText("Delete for good")
    box.button(QMessageBox.StandardButton.Cancel).setText("Keep them")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    result = box.exec()
    box.deleteLater()
    return result == QMessageBox.StandardButton.Yes


def ask_about_drafts(parent: QWidget, drafts: list[Draft]) -> str:
    """Restore (Yes), discard (No) or decide later (Cancel, Escape): drafts are kept."""
    box = QMessageBox(parent)
    box.setWindowTitle(TEXT_DRAFTS_TITLE)
    box.setIcon(QMessageBox.Icon.Information)
    previews = []
    for draft in drafts[:3]:
        line = draft.title.strip() or next(
            (text.strip() for text in draft.body.splitlines() if text.strip()), ""
        )
        if line:
            previews.append("“" + (line if len(line) <= 60 else line[:59] + "…") + "”")
    # Plain text: the person's words are never read as markup or links.
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText("\n\n".join([TEXT_DRAFTS, *(["\n".join(previews)] if previews else [])]))
    box.setStandardButtons(
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Cancel
    )
    box.button(QMessageBox.StandardButton.Yes).setText("Restore")
    box.button(QMessageBox.StandardButton.No).setText("Discard")
    box.button(QMessageBox.StandardButton.Cancel).setText("Not now")
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    result = box.exec()
    box.deleteLater()
    if result == QMessageBox.StandardButton.Yes:
        return _Choice.RESTORE
    if result == QMessageBox.StandardButton.No:
        return _Choice.DISCARD
    return _Choice.LATER


class EntryListView(QListView):
    """The entry list: uniform rows, arrow keys step over month headers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUniformItemSizes(True)
        # Extended: Shift or Ctrl with a click or the arrows picks several entries
        # (to export or print them); a plain click or arrow still picks one.
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover, True)
        self.setItemDelegate(EntryDelegate(self))
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Like QListView's, but Home, Page Up and Page Down never land on a month
        header (which cannot be current): they go on to the nearest entry."""
        index = super().moveCursor(action, modifiers)
        model = self.model()
        if not isinstance(model, EntryListModel) or not index.isValid():
            return index
        row = index.row()
        if not model.is_header(row):
            return index
        kinds = QAbstractItemView.CursorAction
        step = -1 if action in (kinds.MovePageDown, kinds.MoveEnd) else 1
        if action == kinds.MovePageDown and row + 1 < model.rowCount():
            step = 1
        while 0 <= row < model.rowCount() and model.is_header(row):
            row += step
        if not 0 <= row < model.rowCount():
            return self.currentIndex()
        return model.index(row)


class JournalView(RestyleOnPaletteChange, QWidget):
    """The main window's journal page.

    Signals:
        status_message(str): quiet news for the status bar ("Saved", ...).
        trash_mode_changed(bool): the page switched to or from the trash by itself
            (e.g. New entry while the trash was shown), so a checkable action can follow.
    """

    status_message = Signal(str)
    trash_mode_changed = Signal(bool)

    def __init__(
        self,
        service: JournalService,
        settings: object | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("journalView")
        self._service = service
        self._settings = settings
        self._trash_mode = False
        self._query = ""
        self._tag: str | None = None
        self._theme: str | None = None  # show only entries written with this theme's prompts
        self._last_theme: object = NOT_CHOSEN  # the chooser's last choice, this sitting only
        self._remember_id: str | None = None  # the entry to reopen after unlock
        self._undo_id: str | None = None
        self._syncing = False

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._refresh_after_change)

        self.model = EntryListModel(self)
        self.model.set_theme_names({t.id: t.name for t in service.prompt_themes()})
        self._build()
        self._built = True
        self._restyle()
        service.entries_changed.connect(self._on_entries_changed)

    # ================================================================ building

    def _build(self) -> None:
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        outer.addWidget(self.splitter)

        # ---- the sidebar: search, tags, trash bar, list
        self.sidebar = QWidget(self.splitter)
        self.sidebar.setObjectName("journalSidebar")
        self.sidebar.setAutoFillBackground(True)
        self.sidebar.setMinimumWidth(240)
        side = QVBoxLayout(self.sidebar)
        side.setContentsMargins(10, 12, 10, 8)
        side.setSpacing(8)

        self.search = QLineEdit(self.sidebar)
        self.search.setObjectName("searchField")
        self.search.setPlaceholderText("Search your journal")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search your journal")
        self.search.setToolTip("Find words in titles, text and tags (Ctrl+F)")
        self.search.textChanged.connect(self._on_search_text)
        self.search.installEventFilter(self)
        side.addWidget(self.search)

        begin = QHBoxLayout()
        begin.setSpacing(8)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        row = filters
        self.tag_filter = ElidedComboBox(self.sidebar)
        self.tag_filter.setObjectName("tagFilter")
        self.tag_filter.addItem(ALL_TAGS)
        self.tag_filter.setAccessibleName("Show entries with tag")
        self.tag_filter.setToolTip("Show only the entries with this tag")
        self.tag_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.tag_filter.setMinimumContentsLength(8)
        self.tag_filter.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.tag_filter.currentIndexChanged.connect(self._on_tag_changed)
        row.addWidget(self.tag_filter, 1)
        self.theme_filter = ElidedComboBox(self.sidebar)
        self.theme_filter.setObjectName("themeFilter")
        self.theme_filter.addItem(ALL_THEMES, None)
        for theme in self._service.prompt_themes():
            self.theme_filter.addItem(theme.name, theme.id)
        self.theme_filter.setAccessibleName("Show entries written with a prompt from theme")
        self.theme_filter.setToolTip("Show only the entries written with prompts from this theme")
        self.theme_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.theme_filter.setMinimumContentsLength(8)
        self.theme_filter.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.theme_filter.currentIndexChanged.connect(self._on_theme_changed)
        self.theme_filter.hide()
        row.addWidget(self.theme_filter, 1)
        self.new_button = QPushButton("New entry", self.sidebar)
        self.new_button.setObjectName("newEntryButton")
        self.new_button.setAccessibleName("New entry")
        self.new_button.setToolTip("Begin a new entry (Ctrl+N)")
        self.new_button.clicked.connect(self.new_entry)
        self.prompt_button = QPushButton("With a prompt…", self.sidebar)
        self.prompt_button.setObjectName("writeWithPromptButton")
        self.prompt_button.setAccessibleName("Write with a prompt")
        self.prompt_button.setToolTip(
            f"Begin a new entry with a gentle prompt from a theme you choose "
            f"({SHORTCUT_WRITE_WITH_PROMPT})"
        )
        self.prompt_button.clicked.connect(self.write_with_prompt)
        for widget in (self.new_button, self.prompt_button):
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            begin.addWidget(widget, 1)
        side.insertLayout(0, begin)  # first: beginning to write comes first
        side.addLayout(filters)
        self.flag_filter = FlagFilter(self.sidebar)  # "Marked for my next session"
        self.flag_filter.toggled.connect(lambda _on: self._refresh_list())
        side.addWidget(self.flag_filter)

        # The trash bar (trash view only).
        self.trash_bar = QWidget(self.sidebar)
        trash_row = QHBoxLayout(self.trash_bar)
        trash_row.setContentsMargins(4, 4, 0, 0)
        trash_row.setSpacing(8)
        self.trash_label = QLabel("Trash", self.trash_bar)
        set_role(self.trash_label, "subheading")
        bold = QFont(self.trash_label.font())
        bold.setWeight(QFont.Weight.DemiBold)
        self.trash_label.setFont(bold)
        self.restore_button = QPushButton("Restore", self.trash_bar)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setAccessibleName("Restore entry")
        self.restore_button.setToolTip("Put the chosen entry back in your journal")
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_trash_button = QPushButton("Empty trash…", self.trash_bar)
        self.empty_trash_button.setObjectName("emptyTrashButton")
        self.empty_trash_button.setAccessibleName("Empty trash")
        self.empty_trash_button.setToolTip("Delete everything in the trash for good")
        self.empty_trash_button.clicked.connect(self.empty_trash)
        trash_row.addWidget(self.trash_label, 1)
        trash_row.addWidget(self.restore_button)
        trash_row.addWidget(self.empty_trash_button)
        self.trash_bar.hide()
        side.addWidget(self.trash_bar)

        # "Moved to trash. Undo" after a delete.
        self.undo_bar = QFrame(self.sidebar)
        self.undo_bar.setObjectName("undoBar")
        self.undo_bar.setAutoFillBackground(True)
        undo_row = QHBoxLayout(self.undo_bar)
        undo_row.setContentsMargins(12, 4, 4, 4)
        set_role(self.undo_bar, "notice")
        self.undo_label = QLabel("Moved to trash.", self.undo_bar)
        self.undo_button = QPushButton("Undo", self.undo_bar)
        self.undo_button.setObjectName("undoTrashButton")
        self.undo_button.setAccessibleName("Undo move to trash")
        self.undo_button.setToolTip("Bring the entry back (Ctrl+Z)")
        self.undo_button.clicked.connect(self.undo_trash)
        undo_row.addWidget(self.undo_label, 1)
        undo_row.addWidget(self.undo_button)
        self.undo_bar.hide()
        side.addWidget(self.undo_bar)

        self.undo_action = QAction("Undo move to trash", self.sidebar)
        self.undo_action.setObjectName("undoTrashAction")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action.setEnabled(False)
        self.undo_action.triggered.connect(self.undo_trash)
        self.sidebar.addAction(self.undo_action)

        self.list_stack = QStackedWidget(self.sidebar)
        self.list = EntryListView(self.list_stack)
        self.list.setObjectName("entryList")
        self.list.setModel(self.model)
        self.list.setAccessibleName("Entries")
        self.list.setToolTip("Your entries, newest first. Press Enter to open one.")
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.list.activated.connect(self._on_activated)
        self.list_note_page = QWidget(self.list_stack)
        note_layout = QVBoxLayout(self.list_note_page)
        note_layout.setContentsMargins(16, 36, 16, 16)
        self.list_note = QLabel(self.list_note_page)
        note_layout.addWidget(self.list_note)
        note_layout.addStretch(1)
        self.list_note.setObjectName("listNote")
        self.list_note.setWordWrap(True)
        self.list_note.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.list_note, "muted")
        self.list_note.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.list_note.setAccessibleName("About the list")
        self.list_stack.addWidget(self.list)
        self.list_stack.addWidget(self.list_note_page)
        side.addWidget(self.list_stack, 1)

        # ---- the right side: a quiet invitation, or the editor
        self.pages = QStackedWidget(self.splitter)
        self.placeholder = QWidget(self.pages)
        self.placeholder.setObjectName("journalPlaceholder")
        self.placeholder.setAutoFillBackground(True)
        self.placeholder.setBackgroundRole(QPalette.ColorRole.Base)
        place = QVBoxLayout(self.placeholder)
        place.setContentsMargins(48, 48, 48, 48)
        place.addStretch(2)
        self.placeholder_title = QLabel(self.placeholder)
        self.placeholder_title.setObjectName("placeholderTitle")
        self.placeholder_title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.placeholder_title.setWordWrap(True)
        self.placeholder_title.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.placeholder_title, "heading")
        self.placeholder_text = QLabel(self.placeholder)
        self.placeholder_text.setObjectName("placeholderText")
        self.placeholder_text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.placeholder_text.setWordWrap(True)
        self.placeholder_text.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.placeholder_text, "lead")
        self.placeholder_button = QPushButton("New entry", self.placeholder)
        self.placeholder_button.setObjectName("placeholderNewEntry")
        self.placeholder_button.setAccessibleName("New entry")
        self.placeholder_button.setToolTip("Begin a new entry (Ctrl+N)")
        self.placeholder_button.clicked.connect(self.new_entry)
        set_role(self.placeholder_button, "primary")
        place.addWidget(self.placeholder_title)
        place.addSpacing(8)
        place.addWidget(self.placeholder_text)
        place.addSpacing(20)
        # Beside it, the invitation to begin from a prompt (only if the person wants one).
        self.placeholder_prompt_button = QPushButton("Write with a prompt…", self.placeholder)
        self.placeholder_prompt_button.setObjectName("placeholderWriteWithPrompt")
        self.placeholder_prompt_button.setAccessibleName("Write with a prompt")
        self.placeholder_prompt_button.setToolTip(
            f"Begin with a gentle prompt from a theme you choose ({SHORTCUT_WRITE_WITH_PROMPT})"
        )
        self.placeholder_prompt_button.clicked.connect(self.write_with_prompt)
        begin_row = QHBoxLayout()
        begin_row.setSpacing(10)
        begin_row.addStretch(1)
        begin_row.addWidget(self.placeholder_button)
        begin_row.addWidget(self.placeholder_prompt_button)
        begin_row.addStretch(1)
        place.addLayout(begin_row)
        place.addStretch(3)
        self.pages.addWidget(self.placeholder)
        self.placeholder.installEventFilter(self)  # keeps its words in a short measure

        self.editor = EntryEditor(self._service, self.pages)
        self.editor.setObjectName("entryEditor")
        self.editor.saved.connect(self._on_saved)
        self.editor.status_message.connect(self.status_message)
        self.editor.save_failed.connect(lambda _msg: self.status_message.emit(TEXT_NOT_SAVED_KEPT))
        self.pages.addWidget(self.editor)
        self.list.addAction(self.editor.flag.action)  # Ctrl+D from the list too

        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 700])

        self.setTabOrder(self.new_button, self.prompt_button)
        self.setTabOrder(self.prompt_button, self.search)
        self.setTabOrder(self.search, self.tag_filter)
        self.setTabOrder(self.tag_filter, self.theme_filter)
        self.setTabOrder(self.theme_filter, self.flag_filter)
        self.setTabOrder(self.flag_filter, self.restore_button)
        self.setTabOrder(self.restore_button, self.empty_trash_button)
        self.setTabOrder(self.empty_trash_button, self.undo_button)
        self.setTabOrder(self.undo_button, self.list)
        self.setTabOrder(self.list, self.editor.title)
        self.setTabOrder(self.editor.title, self.editor.body)
        self.setTabOrder(self.editor.body, self.editor.tags)
        self.setTabOrder(self.editor.tags, self.editor.date)

        self._show_placeholder()

    def _restyle(self) -> None:
        palette = self.palette()
        height = self.new_button.sizeHint().height()
        self.tag_filter.setFixedHeight(height)
        self.theme_filter.setFixedHeight(height)
        base = palette.color(QPalette.ColorRole.Base)
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.Text)
        sidebar_color = mix(window, base, 0.35)
        side_palette = self.sidebar.palette()
        side_palette.setColor(QPalette.ColorRole.Window, sidebar_color)
        self.sidebar.setPalette(side_palette)
        list_palette = self.list.palette()
        list_palette.setColor(QPalette.ColorRole.Base, sidebar_color)
        self.list.setPalette(list_palette)
        self.list.viewport().setPalette(list_palette)  # a styled app does not pass it down
        note_palette = self.list_note.palette()
        note_palette.setColor(QPalette.ColorRole.WindowText, muted_text(side_palette))
        self.list_note.setPalette(note_palette)
        undo_palette = self.undo_bar.palette()
        undo_palette.setColor(
            QPalette.ColorRole.Window,
            mix(sidebar_color, palette.color(QPalette.ColorRole.Highlight), 0.16),
        )
        self.undo_bar.setPalette(undo_palette)
        handle = self.splitter.palette()
        handle.setColor(QPalette.ColorRole.Window, mix(window, text, 0.12))
        self.splitter.setPalette(handle)
        title_font = QFont(self.placeholder_title.font())
        base_size = QFont(self.font()).pointSizeF()
        if base_size > 0:
            title_font.setPointSizeF(base_size * 1.6)
        title_font.setWeight(QFont.Weight.DemiBold)
        self.placeholder_title.setFont(title_font)
        text_font = QFont(self.placeholder_text.font())
        if base_size > 0:
            text_font.setPointSizeF(base_size * 1.15)
        self.placeholder_text.setFont(text_font)
        placeholder_palette = self.placeholder_text.palette()
        placeholder_palette.setColor(QPalette.ColorRole.WindowText, muted_text(palette))
        self.placeholder_text.setPalette(placeholder_palette)

    # ================================================================ contract

    def current_entry_id(self) -> str | None:
        return self.editor.entry_id

    def selected_entry_ids(self) -> list[str]:
        """The entries picked in the list (several with Shift or Ctrl), in list order;
        else the entry open in the editor; else none."""
        rows = sorted(index.row() for index in self.list.selectionModel().selectedIndexes())
        ids = [entry.id for row in rows if (entry := self.model.entry_at(row)) is not None]
        if not ids and self.pages.currentWidget() is self.editor and self.editor.entry_id:
            ids = [self.editor.entry_id]
        return ids

    def reload(self) -> None:
        """Fill the page after unlock, reopening the entry that was open before."""
        if not self._service.is_unlocked:
            return
        self._refresh_timer.stop()
        self._refresh_tags()
        self._refresh_list()
        target = self._remember_id
        entry = self._lookup(target)
        if entry is not None and entry.in_trash == self._trash_mode:
            self._open(entry.id)
        else:
            self._show_placeholder()

    def clear(self) -> None:
        """Drop everything shown (called on lock): list, editor, search, undo history."""
        if self.editor.dirty and self._service.is_unlocked:
            self.editor.flush()  # the shell flushes first; this is a second net
        self._search_timer.stop()
        self._refresh_timer.stop()
        self._syncing = True
        try:
            self.model.clear()
            self.editor.clear()
            self.search.blockSignals(True)
            self.search.setText("")
            self.search.blockSignals(False)
            self.tag_filter.blockSignals(True)
            self.tag_filter.clear()
            self.tag_filter.addItem(ALL_TAGS)
            self.tag_filter.hide()
            self.tag_filter.blockSignals(False)
            self.theme_filter.blockSignals(True)
            self.theme_filter.setCurrentIndex(0)
            self.theme_filter.hide()
            self.theme_filter.blockSignals(False)
            self.flag_filter.reset()
        finally:
            self._syncing = False
        self._query = ""
        self._tag = None
        self._theme = None
        self._last_theme = NOT_CHOSEN
        self._hide_undo()
        self.list_note.clear()
        self.list_stack.setCurrentWidget(self.list)
        self.pages.setCurrentWidget(self.placeholder)
        self.placeholder_title.clear()
        self.placeholder_text.clear()

    def flush(self) -> bool:
        """Save pending edits now. False if they could not be saved (they stay shown)."""
        if not self._service.is_unlocked:
            return not self.editor.dirty
        return self.editor.flush()

    def show_entry(self, entry_id: str | None) -> None:
        """Open this entry (switching to or from the trash if need be), or nothing."""
        if not self.editor.flush():
            self.status_message.emit(TEXT_NOT_SAVED_KEPT)
            return
        entry = self._lookup(entry_id)
        if entry is None:
            self._show_placeholder()
            return
        if entry.in_trash != self._trash_mode:
            self._set_trash_mode(entry.in_trash)
            self.trash_mode_changed.emit(entry.in_trash)
        self._open(entry.id)

    def apply_editor_font(self, family: str, point_size: int) -> None:
        self.editor.apply_font(family, point_size)

    def offer_recovered_drafts(self) -> None:
        """After unlock: offer to restore writing that a crash kept only as a draft."""
        if not self._service.is_unlocked:
            return
        own = self.editor.draft_id
        drafts = [draft for draft in self._service.drafts() if draft.id != own]
        if not drafts:
            return
        choice = ask_about_drafts(self, drafts)
        if choice == _Choice.LATER:
            return
        if not self.editor.flush():
            return
        last: str | None = None
        try:
            for draft in reversed(drafts):  # oldest first, so the newest words win
                if choice == _Choice.RESTORE:
                    last = self._service.recover_draft(draft.id).id
                else:
                    self._service.discard_draft(draft.id)
        except VaultError as exc:
            self.status_message.emit(str(exc))
        self._refresh_list()
        if last is not None:
            self.status_message.emit(TEXT_DRAFTS_RESTORED)
            self.show_entry(last)

    # ------------------------------------------------------------------ slots

    @Slot()
    def new_entry(self) -> None:
        """Save what is open, then a fresh page with the cursor in it.

        With "Suggest a prompt when I start a new entry" on (it is off unless the
        person turns it on), the fresh page comes with a prompt from any theme.
        """
        if self._begin_new_page() == _FRESH and self._suggest_prompts():
            self.editor.start_with_prompt(None)

    def _begin_new_page(self) -> str:
        """An empty page in the editor: ``_FRESH``, or ``_KEPT`` if one was open
        already (left as it is), or "" if the open entry could not be saved."""
        if self._trash_mode:
            self._set_trash_mode(False)
            self.trash_mode_changed.emit(False)
        if not self.editor.flush():
            self.status_message.emit(TEXT_NOT_SAVED_KEPT)
            return ""
        self._hide_undo()
        if self.editor.entry_id is None and self.pages.currentWidget() is self.editor:
            self.editor.focus_body()
            return _KEPT
        self._select_in_list(None)
        self.editor.set_read_only(False)
        self.editor.new_entry()
        self.pages.setCurrentWidget(self.editor)
        self.editor.focus_body()
        return _FRESH

    def _suggest_prompts(self) -> bool:
        return bool(getattr(self._settings, "suggest_prompt", False))

    @Slot()
    def write_with_prompt(self) -> None:
        """Choose a theme (or any), then a new page with a prompt from it above."""
        if not self._service.is_unlocked:
            return
        theme_id, chosen = PromptChooserDialog.get_theme(
            self, self._service.prompt_themes(), self._last_theme
        )
        if not chosen or not self._service.is_unlocked:
            return  # cancelled, or Tend locked while the chooser was open
        self._last_theme = theme_id
        self.start_prompted_entry(theme_id)

    def start_prompted_entry(self, theme_id: str | None) -> bool:
        """A new page with a prompt of this theme (None: any theme) above it."""
        if not self._begin_new_page():
            return False
        return self.editor.start_with_prompt(theme_id)

    @Slot()
    def trash_current(self) -> None:
        """Move the open entry to the trash, with an Undo close at hand."""
        if self._trash_mode or self.pages.currentWidget() is not self.editor:
            return
        if not self.editor.flush():
            self.status_message.emit(TEXT_NOT_SAVED_KEPT)
            return
        entry_id = self.editor.entry_id
        if entry_id is None:
            return  # a blank new page: nothing to put away
        self._refresh_list()
        if not self._act_and_move_on(self._service.move_to_trash, entry_id):
            return
        self._undo_id = entry_id
        self.undo_bar.show()
        self.undo_action.setEnabled(True)
        if self.model.entry_count():
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.undo_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.status_message.emit(TEXT_MOVED_TO_TRASH)

    @Slot()
    def undo_trash(self) -> None:
        entry_id = self._undo_id
        self._hide_undo()
        if entry_id is None or self._trash_mode:
            return
        if not self.editor.flush():
            self.status_message.emit(TEXT_NOT_SAVED_KEPT)
            return
        try:
            self._service.restore(entry_id)
        except (VaultError, KeyError) as exc:
            self.status_message.emit(str(exc))
            return
        self._refresh_list()
        self._open(entry_id)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        self.status_message.emit(TEXT_RESTORED)

    @Slot()
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    @Slot(bool)
    def show_trash(self, checked: bool) -> None:
        """Switch the list to the trash (read-only entries) or back to the journal."""
        if bool(checked) == self._trash_mode:
            return
        if not self.editor.flush():
            self.status_message.emit(TEXT_NOT_SAVED_KEPT)
            self.trash_mode_changed.emit(self._trash_mode)
            return
        self._set_trash_mode(bool(checked))
        if self._trash_mode:
            self._show_placeholder()
            if self.model.entry_count():
                self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            entry = self._lookup(self._remember_id)
            if entry is not None and not entry.in_trash:
                self._open(entry.id)
            else:
                self._show_placeholder()

    @Slot()
    def restore_selected(self) -> None:
        """Trash view: put the chosen entry back in the journal."""
        entry_id = self.editor.entry_id if self.pages.currentWidget() is self.editor else None
        if not self._trash_mode or entry_id is None:
            return
        if self._act_and_move_on(self._service.restore, entry_id):
            self.status_message.emit(TEXT_RESTORED)

    def _act_and_move_on(self, action: Callable[[str], object], entry_id: str) -> bool:
        """Do ``action(entry_id)``, then show the entry that was next to it in the list.

        With no neighbour, the placeholder. False (and the reason in the status bar)
        if the action failed; nothing else has changed then.
        """
        neighbour = self.model.neighbour_entry_id(entry_id)
        try:
            action(entry_id)
        except (VaultError, KeyError) as exc:
            self.status_message.emit(str(exc))
            return False
        self._refresh_list()
        if neighbour is not None:
            self._open(neighbour)
        else:
            self._show_placeholder()
        return True

    @Slot()
    def empty_trash(self) -> None:
        """Trash view: delete everything in it for good, after a plain question."""
        if not self._service.is_unlocked or not self._service.trash_entries():
            return
        if not ask_empty_trash(self):
            return
        try:
            self._service.empty_trash()
        except VaultError as exc:
            self.status_message.emit(str(exc))
            return
        self._refresh_list()
        self._show_placeholder()
        self.status_message.emit(TEXT_TRASH_EMPTIED)

    # ================================================================ internals

    @property
    def in_trash_view(self) -> bool:
        return self._trash_mode

    def _lookup(self, entry_id: str | None) -> Entry | None:
        if entry_id is None or not self._service.is_unlocked:
            return None
        try:
            return self._service.get(entry_id)
        except (KeyError, VaultError):
            return None

    def _set_trash_mode(self, on: bool) -> None:
        self._trash_mode = on
        self._hide_undo()
        self.trash_bar.setVisible(on)
        self.search.setPlaceholderText("Search the trash" if on else "Search your journal")
        self.search.setAccessibleName("Search the trash" if on else "Search your journal")
        self.editor.set_read_only(on, TEXT_TRASH_NOTICE if on else "")
        self._refresh_list()

    def _hide_undo(self) -> None:
        self._undo_id = None
        self.undo_bar.hide()
        self.undo_action.setEnabled(False)

    def _current_entries(self) -> list[Entry]:
        service = self._service
        if not service.is_unlocked:
            return []
        filtered = bool(self._query or self._tag or self._theme)
        if self._trash_mode:
            if filtered:
                found = service.search(
                    self._query, tag=self._tag, theme=self._theme, include_trash=True
                )
                entries = [entry for entry in found if entry.in_trash]
            else:
                entries = service.trash_entries()
            # Grouped by month like the journal, so sorted by the entries' own dates.
            return sorted(entries, key=lambda e: (e.created, e.id), reverse=True)
        if filtered:
            return service.search(self._query, tag=self._tag, theme=self._theme)
        return service.entries()

    def _refresh_list(self) -> None:
        self._refresh_timer.stop()
        self._syncing = True
        try:
            self.model.set_entries(self.flag_filter.apply(self._current_entries()))
            self.model.set_highlight(self._query)
        finally:
            self._syncing = False
        self._sync_selection()
        self._update_empty_states()

    @Slot()
    def _on_entries_changed(self) -> None:
        # Deferred: a save can happen in the middle of the list's own signal handling.
        if self._service.is_unlocked:
            self._refresh_timer.start()

    @Slot()
    def _refresh_after_change(self) -> None:
        if not self._service.is_unlocked:
            return
        self._refresh_tags()
        self._refresh_list()
        # The open entry went to (or came back from) the trash elsewhere: let it go.
        if self.pages.currentWidget() is self.editor and not self.editor.dirty:
            shown = self.editor.entry_id
            entry = self._lookup(shown) if shown is not None else None
            if shown is not None and (entry is None or entry.in_trash != self._trash_mode):
                self._show_placeholder()

    def _refresh_tags(self) -> None:
        if not self._service.is_unlocked:
            return
        tags = self._service.tags()
        wanted = self._tag
        self.tag_filter.setVisible(bool(tags) or wanted is not None)
        self.tag_filter.blockSignals(True)
        try:
            self.tag_filter.clear()
            self.tag_filter.addItem(ALL_TAGS)
            self.tag_filter.addItems(tags)
            index = self.tag_filter.findText(wanted) if wanted else 0
            if wanted and index < 0:
                # The tag is no longer used: keep showing the filter so nothing jumps.
                self.tag_filter.addItem(wanted)
                index = self.tag_filter.count() - 1
            self.tag_filter.setCurrentIndex(max(0, index))
        finally:
            self.tag_filter.blockSignals(False)
        self.editor.tags.set_known_tags(tags)
        # The theme filter appears once an entry was written with a prompt.
        prompted = any(entry.prompt_theme for entry in self._service.entries())
        self.theme_filter.setVisible(prompted or self._theme is not None)
        self.flag_filter.refresh(any(entry.flagged for entry in self._service.entries()))

    def _sync_selection(self) -> None:
        current = self.editor.entry_id if self.pages.currentWidget() is self.editor else None
        self._select_in_list(current)

    def _select_in_list(self, entry_id: str | None) -> None:
        selection = self.list.selectionModel()
        self._syncing = True
        try:
            index = self.model.index_of(entry_id)
            if (
                index.isValid()
                and index == self.list.currentIndex()
                and selection.isSelected(index)
            ):
                pass  # already there (scrolling to it again costs time with 10,000 rows)
            elif index.isValid():
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                self.list.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
            else:
                selection.clearSelection()
                selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
        finally:
            self._syncing = False
        self.restore_button.setEnabled(self._trash_mode and index.isValid())

    def _update_empty_states(self) -> None:
        filtered = bool(self._query or self._tag or self._theme or self.flag_filter.isChecked())
        if self.model.rowCount() == 0:
            if self._trash_mode:
                note = TEXT_TRASH_NO_MATCHES if filtered else TEXT_TRASH_EMPTY
            else:
                note = TEXT_NO_MATCHES if filtered else TEXT_LIST_EMPTY_JOURNAL
            self.list_note.setText(note)
            self.list_stack.setCurrentWidget(self.list_note_page)
        else:
            self.list_note.clear()
            self.list_stack.setCurrentWidget(self.list)
        self.empty_trash_button.setEnabled(
            self._trash_mode and self._service.is_unlocked and bool(self._service.trash_entries())
        )
        if self.pages.currentWidget() is self.placeholder:
            self._fill_placeholder()

    def _journal_is_empty(self) -> bool:
        return not self._service.is_unlocked or not self._service.entries()

    def _fill_placeholder(self) -> None:
        if not self._service.is_unlocked:
            self.placeholder_title.clear()
            self.placeholder_text.clear()
            return
        if self._trash_mode:
            self.placeholder_title.setText("")
            self.placeholder_text.setText(TEXT_TRASH_HINT)
            self.placeholder_button.hide()
            self.placeholder_prompt_button.hide()
        elif self._journal_is_empty():
            self.placeholder_title.setText(TEXT_EMPTY_JOURNAL_TITLE)
            self.placeholder_text.setText(TEXT_EMPTY_JOURNAL)
            self.placeholder_button.show()
            self.placeholder_prompt_button.show()
        else:
            self.placeholder_title.setText("")
            self.placeholder_text.setText(TEXT_CHOOSE_ENTRY)
            self.placeholder_button.show()
            self.placeholder_prompt_button.show()
        self.placeholder_title.setVisible(bool(self.placeholder_title.text()))

    def _show_placeholder(self) -> None:
        self.editor.load(None)
        self.pages.setCurrentWidget(self.placeholder)
        self._select_in_list(None)
        self._fill_placeholder()

    def _open(self, entry_id: str, *, focus: bool = False) -> None:
        """Show an entry in the editor (the caller has flushed) and select it."""
        entry = self._lookup(entry_id)
        if entry is None:
            self._show_placeholder()
            return
        self.editor.set_read_only(entry.in_trash, TEXT_TRASH_NOTICE if entry.in_trash else "")
        self.editor.load(entry)
        self.editor.set_highlight(self._query)
        if self._query:
            self.editor.scroll_to_first_match()
        self.pages.setCurrentWidget(self.editor)
        self._select_in_list(entry.id)
        if not entry.in_trash:
            self._remember_id = entry.id
        if focus:
            self.editor.focus_body(at_end=not entry.in_trash and not self._query)

    @Slot(str)
    def _on_saved(self, entry_id: str) -> None:
        self._remember_id = entry_id
        if self.model.row_of(entry_id) >= 0:
            self._select_in_list(entry_id)

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        entry_id = current.data(EntryIdRole)
        if entry_id is None or (
            entry_id == self.editor.entry_id and self.pages.currentWidget() is self.editor
        ):
            return
        if not self.editor.flush():
            # Stay with the words that are not saved yet.
            self.status_message.emit(TEXT_NOT_SAVED_KEPT)
            QTimer.singleShot(0, self._sync_selection)
            return
        self._hide_undo()
        self._open(entry_id)

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        entry_id = index.data(EntryIdRole)
        if entry_id is None:
            return
        if entry_id != self.editor.entry_id or self.pages.currentWidget() is not self.editor:
            if not self.editor.flush():
                self.status_message.emit(TEXT_NOT_SAVED_KEPT)
                return
            self._open(entry_id)
        entry = self._lookup(entry_id)
        at_end = entry is not None and not entry.in_trash and not self._query
        self.editor.focus_body(at_end=at_end)

    # ---------------------------------------------------------------- search

    @Slot(str)
    def _on_search_text(self, _text: str) -> None:
        if not self._syncing:
            self._search_timer.start()

    @Slot()
    def _apply_search(self) -> None:
        query = self.search.text().strip()
        if query == self._query:
            return
        self._query = query
        self.editor.set_highlight(query)
        self._refresh_list()

    @Slot(int)
    def _on_tag_changed(self, index: int) -> None:
        self._tag = None if index <= 0 else self.tag_filter.itemText(index)
        self._refresh_list()

    @Slot(int)
    def _on_theme_changed(self, index: int) -> None:
        self._theme = None if index <= 0 else self.theme_filter.itemData(index)
        self._refresh_list()

    def set_theme_filter(self, theme_id: str | None) -> None:
        """Show only the entries written with prompts of this theme (None: all)."""
        index = self.theme_filter.findData(theme_id) if theme_id else 0
        self.theme_filter.setVisible(self.theme_filter.isVisible() or theme_id is not None)
        self.theme_filter.setCurrentIndex(max(0, index))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is getattr(self, "placeholder", None) and event.type() == QEvent.Type.Resize:
            side = max(48, (self.placeholder.width() - PLACEHOLDER_WIDTH) // 2)
            self.placeholder.layout().setContentsMargins(side, 48, side, 48)
            return False
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._search_timer.stop()
                self._apply_search()
                self._focus_list()
                return True
            if key == Qt.Key.Key_Escape:
                if self.search.text():
                    self.search.clear()
                else:
                    self._focus_list()
                return True
        return super().eventFilter(watched, event)

    def _focus_list(self) -> None:
        if self.model.entry_count() == 0:
            return
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.list.currentIndex().isValid():
            row = self.model.first_entry_row()
            if row >= 0:
                self.list.setCurrentIndex(self.model.index(row))
