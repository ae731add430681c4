"""The journal page: the entry list (with search, tags and trash) beside the editor.

The main window owns the window-level actions (New, Find, Delete, Show trash,
Lock...) and calls the slots here; this page owns the list, the editor and the
editor's own formatting shortcuts. Everything it shows comes from, and goes to,
the :class:`JournalService`; ``clear()`` drops all of it when the journal locks.

The page assembles its parts (the filter bar, the trash bars, the list pane, the
invitation, the editor) and keeps them in step: which entry is open, which is
selected, whether the trash is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from itertools import pairwise

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QStackedWidget, QWidget

from journal_app.journal import Entry
from journal_app.journal.edit_session import SaveTiming
from journal_app.ui.common.theme import RestyleOnPaletteChange
from journal_app.ui.journal.editor import EntryEditor
from journal_app.ui.journal.entry_delegate import mix
from journal_app.ui.journal.entry_model import EntryListModel
from journal_app.ui.journal.invitation import Invitation
from journal_app.ui.journal.page_questions import DraftChoice, ask_about_drafts, ask_empty_trash
from journal_app.ui.journal.page_words import (
    TEXT_DRAFTS_RESTORED,
    TEXT_MOVED_TO_TRASH,
    TEXT_NOT_SAVED_KEPT,
    TEXT_RESTORED,
    TEXT_TRASH_EMPTIED,
    TEXT_TRASH_NOTICE,
)
from journal_app.ui.journal.prompt_chooser import NOT_CHOSEN, PromptChooserDialog
from journal_app.ui.journal.sidebar import Sidebar
from journal_app.ui.services.journal_service import JournalService
from journal_app.vault import VaultError


class NewPage(StrEnum):
    """How a new page began: a fresh one, one already open (kept), or none (not saved)."""

    FRESH = "fresh"
    KEPT = "kept"
    NONE = ""


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
        *,
        timing: SaveTiming | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("journalView")
        self._service = service
        self._settings = settings
        self._timing = timing  # the editor's save delays (tests shorten or lengthen them)
        self._last_theme: object = NOT_CHOSEN  # the chooser's last choice, this sitting only
        self._remember_id: str | None = None  # the entry to reopen after unlock
        self._saved: dict[str, Entry] = {}  # saved since the list last caught up
        self._all_changed = False  # many entries changed since: list them afresh

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
        service.entry_saved.connect(self._on_entry_saved)

    # ================================================================ building

    def _build(self) -> None:
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        outer.addWidget(self.splitter)
        self._build_sidebar()
        self._build_pages()
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 700])
        self._set_tab_order()
        self._show_placeholder()

    def _build_sidebar(self) -> None:
        """The sidebar, and its controls by the names the window and the tests use."""
        self.sidebar = Sidebar(self._service, self.model, self.splitter)
        self.sidebar.entry_chosen.connect(self._on_entry_chosen)
        self.sidebar.entry_activated.connect(self._on_entry_activated)
        self.new_button = self.sidebar.new_button
        self.new_button.clicked.connect(self.new_entry)
        self.prompt_button = self.sidebar.prompt_button
        self.prompt_button.clicked.connect(self.write_with_prompt)

        self.filters = self.sidebar.filters
        self.filters.changed.connect(self._refresh_list)
        self.search = self.filters.search
        self.tag_filter = self.filters.tag_filter
        self.theme_filter = self.filters.theme_filter
        self.flag_filter = self.filters.flag_filter

        self.trash_bar = self.sidebar.trash_bar
        self.restore_button = self.trash_bar.restore_button
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_trash_button = self.trash_bar.empty_button
        self.empty_trash_button.clicked.connect(self.empty_trash)

        self.undo_bar = self.sidebar.undo_bar
        self.undo_button = self.undo_bar.button
        self.undo_button.clicked.connect(self.undo_trash)
        self.undo_action = self.undo_bar.action
        self.undo_action.triggered.connect(self.undo_trash)

        self.list_stack = self.sidebar.pane
        self.list = self.list_stack.list
        self.list_note = self.list_stack.note
        self.list_note_page = self.list_stack.note_page

    def _build_pages(self) -> None:
        """The right side: a quiet invitation, or the editor."""
        self.pages = QStackedWidget(self.splitter)
        self.placeholder = Invitation(self.pages)
        self.placeholder_title = self.placeholder.title
        self.placeholder_text = self.placeholder.text
        self.placeholder_button = self.placeholder.new_button
        self.placeholder_button.clicked.connect(self.new_entry)
        self.placeholder_prompt_button = self.placeholder.prompt_button
        self.placeholder_prompt_button.clicked.connect(self.write_with_prompt)
        self.pages.addWidget(self.placeholder)

        self.editor = EntryEditor(self._service, self.pages, timing=self._timing)
        self.editor.setObjectName("entryEditor")
        self.editor.saved.connect(self._on_saved)
        self.editor.new_page_started.connect(lambda: self.sidebar.select(None))
        self.filters.query_changed.connect(self.editor.set_highlight)
        self.sidebar.shown_changed.connect(self._fill_placeholder)
        self.editor.status_message.connect(self.status_message)
        self.editor.save_failed.connect(lambda _msg: self.status_message.emit(TEXT_NOT_SAVED_KEPT))
        self.pages.addWidget(self.editor)
        self.list.addAction(self.editor.flag.action)  # Ctrl+D from the list too

    def _set_tab_order(self) -> None:
        editor = self.editor
        chain = [*self.sidebar.tab_chain(), editor.title, editor.body, editor.tags, editor.date]
        for first, second in pairwise(chain):
            self.setTabOrder(first, second)

    def _restyle(self) -> None:
        palette = self.palette()
        self.sidebar.restyle(palette)
        handle = self.splitter.palette()
        handle.setColor(
            QPalette.ColorRole.Window,
            mix(
                palette.color(QPalette.ColorRole.Window),
                palette.color(QPalette.ColorRole.Text),
                0.12,
            ),
        )
        self.splitter.setPalette(handle)
        self.placeholder.restyle(self.font().pointSizeF(), palette)

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
        self._refresh_list(now=True)
        target = self._remember_id
        entry = self._lookup(target)
        if entry is not None and entry.in_trash == self.in_trash_view:
            self._open(entry.id)
        else:
            self._show_placeholder()

    def clear(self) -> None:
        """Drop everything shown (called on lock): list, editor, search, undo history."""
        if self.editor.dirty and self._service.is_unlocked:
            self.editor.flush()  # the shell flushes first; this is a second net
        self._refresh_timer.stop()
        self._saved, self._all_changed = {}, False  # no entry's words stay behind the lock
        with self.sidebar.quiet():
            self.sidebar.forget()
            self.editor.clear()
            self.filters.reset()
        self._last_theme = NOT_CHOSEN
        self.undo_bar.withdraw()
        self.list_stack.show_list()
        self.pages.setCurrentWidget(self.placeholder)
        self.placeholder.blank()

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
        if entry.in_trash != self.in_trash_view:
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
        if choice == DraftChoice.LATER:
            return
        if not self.editor.flush():
            return
        last: str | None = None
        try:
            for draft in reversed(drafts):  # oldest first, so the newest words win
                if choice == DraftChoice.RESTORE:
                    last = self._service.recover_draft(draft.id).id
                else:
                    self._service.discard_draft(draft.id)
        except VaultError as exc:
            self.status_message.emit(str(exc))
        self._refresh_list()
        if last is not None:
            self.status_message.emit(TEXT_DRAFTS_RESTORED)
            self.show_entry(last)

    def set_theme_filter(self, theme_id: str | None) -> None:
        """Show only the entries written with prompts of this theme (None: all)."""
        self.filters.set_theme(theme_id)

    @property
    def in_trash_view(self) -> bool:
        return self.sidebar.trash_mode

    # ============================================================ beginning

    @Slot()
    def new_entry(self) -> None:
        """Save what is open, then a fresh page with the cursor in it.

        With "Suggest a prompt when I start a new entry" on (it is off unless the
        person turns it on), the fresh page comes with a prompt from any theme.
        """
        suggest = self._suggest_prompts()
        if self._begin_new_page(prompted=suggest) == NewPage.FRESH and suggest:
            self.editor.start_with_prompt(None)

    def _begin_new_page(self, *, prompted: bool = False) -> NewPage:
        """An empty page in the editor: FRESH, or KEPT if one was open already (left
        as it is), or NONE if the open entry could not be saved. The cursor goes to
        the title, or to the text when a prompt comes (the words answer the prompt)."""
        focus = self.editor.focus_body if prompted else self.editor.focus_start
        if self.in_trash_view:
            self._set_trash_mode(False)
            self.trash_mode_changed.emit(False)
        if not self.editor.flush():
            self.status_message.emit(TEXT_NOT_SAVED_KEPT)
            return NewPage.NONE
        self.undo_bar.withdraw()
        if self.editor.entry_id is None and self.pages.currentWidget() is self.editor:
            focus()
            return NewPage.KEPT
        self.sidebar.select(None)
        self.editor.set_read_only(False)
        self.editor.new_entry()
        self.pages.setCurrentWidget(self.editor)
        focus()
        return NewPage.FRESH

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
        if self._begin_new_page(prompted=True) is NewPage.NONE:
            return False
        return self.editor.start_with_prompt(theme_id)

    @Slot()
    def focus_search(self) -> None:
        self.filters.focus_search()

    # ================================================================ trash

    @Slot()
    def trash_current(self) -> None:
        """Move the open entry to the trash, with an Undo close at hand."""
        if self.in_trash_view or self.pages.currentWidget() is not self.editor:
            return
        if not self.editor.flush():
            self.status_message.emit(TEXT_NOT_SAVED_KEPT)
            return
        entry_id = self.editor.entry_id
        if entry_id is None:
            return  # a blank new page: nothing to put away
        self._catch_up()
        if not self._act_and_move_on(self._service.move_to_trash, entry_id):
            return
        self.undo_bar.offer(entry_id)
        if self.model.entry_count():
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.undo_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.status_message.emit(TEXT_MOVED_TO_TRASH)

    @Slot()
    def undo_trash(self) -> None:
        entry_id = self.undo_bar.withdraw()
        if entry_id is None or self.in_trash_view:
            return
        if not self.editor.flush():
            self.status_message.emit(TEXT_NOT_SAVED_KEPT)
            return
        try:
            self._service.restore(entry_id)
        except (VaultError, KeyError) as exc:
            self.status_message.emit(str(exc))
            return
        self._catch_up()
        self._open(entry_id)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        self.status_message.emit(TEXT_RESTORED)

    @Slot(bool)
    def show_trash(self, checked: bool) -> None:
        """Switch the list to the trash (read-only entries) or back to the journal."""
        if bool(checked) == self.in_trash_view:
            return
        if not self.editor.flush():
            self.status_message.emit(TEXT_NOT_SAVED_KEPT)
            self.trash_mode_changed.emit(self.in_trash_view)
            return
        self._set_trash_mode(bool(checked))
        if self.in_trash_view:
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
        if not self.in_trash_view or entry_id is None:
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
        self._catch_up()
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

    def _set_trash_mode(self, on: bool) -> None:
        self.sidebar.set_trash_mode(on)
        self.editor.set_read_only(on, TEXT_TRASH_NOTICE if on else "")
        self._refresh_list()

    # ================================================================ the list

    def _lookup(self, entry_id: str | None) -> Entry | None:
        if entry_id is None or not self._service.is_unlocked:
            return None
        try:
            return self._service.get(entry_id)
        except (KeyError, VaultError):
            return None

    def _shown_id(self) -> str | None:
        """The entry open in the editor (None on the invitation or a new page)."""
        return self.editor.entry_id if self.pages.currentWidget() is self.editor else None

    @Slot()
    def _refresh_list(self, *, now: bool = False) -> None:
        self._refresh_timer.stop()
        self._saved, self._all_changed = {}, False
        self.sidebar.refresh(self._shown_id(), now=now)
        if self.pages.currentWidget() is self.placeholder:
            self._fill_placeholder()

    @Slot()
    def _on_entries_changed(self) -> None:
        # Deferred: a save can happen in the middle of the list's own signal handling.
        if self._service.is_unlocked:
            self._all_changed = True
            self._refresh_timer.start()

    @Slot(object, bool)
    def _on_entry_saved(self, entry: Entry, _is_new: bool) -> None:
        # Deferred too; several saves before the list catches up count as the last.
        if self._service.is_unlocked:
            self._saved[entry.id] = entry
            self._refresh_timer.start()

    def _catch_up(self) -> None:
        """Show what was saved since the list last caught up: only the saved entries'
        rows change, unless many entries changed."""
        self._refresh_tags()
        if self._all_changed:
            self._refresh_list()
            return
        self._refresh_timer.stop()
        saved = list(self._saved.values())
        self._saved.clear()
        self.sidebar.follow_saves(saved, self._shown_id())
        if self.pages.currentWidget() is self.placeholder:
            self._fill_placeholder()

    @Slot()
    def _refresh_after_change(self) -> None:
        if not self._service.is_unlocked:
            self._saved.clear()
            return
        self._catch_up()
        # The open entry went to (or came back from) the trash elsewhere: let it go.
        if self.pages.currentWidget() is self.editor and not self.editor.dirty:
            shown = self.editor.entry_id
            entry = self._lookup(shown) if shown is not None else None
            if shown is not None and (entry is None or entry.in_trash != self.in_trash_view):
                self._show_placeholder()

    def _refresh_tags(self) -> None:
        if self._service.is_unlocked:
            self.editor.tags.set_known_tags(self.sidebar.refresh_tags())

    def _fill_placeholder(self) -> None:
        unlocked = self._service.is_unlocked
        self.placeholder.fill(
            unlocked=unlocked,
            trash=self.in_trash_view,
            empty_journal=not unlocked or not self._service.tally().live,
            list_shown=self.sidebar.isVisibleTo(self),
        )

    def _show_placeholder(self) -> None:
        self.editor.load(None)
        self.pages.setCurrentWidget(self.placeholder)
        self.sidebar.select(None)
        self._fill_placeholder()

    # ============================================================ the editor

    def _open(self, entry_id: str, *, focus: bool = False) -> None:
        """Show an entry in the editor (the caller has flushed) and select it."""
        entry = self._lookup(entry_id)
        if entry is None:
            self._show_placeholder()
            return
        query = self.filters.query
        self.editor.set_read_only(entry.in_trash, TEXT_TRASH_NOTICE if entry.in_trash else "")
        self.editor.load(entry)
        self.editor.set_highlight(query)
        if query:
            self.editor.scroll_to_first_match()
        self.pages.setCurrentWidget(self.editor)
        self.sidebar.select(entry.id)
        if not entry.in_trash:
            self._remember_id = entry.id
        if focus:
            self.editor.focus_body(at_end=not entry.in_trash and not query)

    @Slot(str)
    def _on_saved(self, entry_id: str) -> None:
        self._remember_id = entry_id
        if self.model.row_of(entry_id) >= 0:
            self.sidebar.select(entry_id)

    @Slot(str)
    def _on_entry_chosen(self, entry_id: str) -> None:
        if entry_id == self.editor.entry_id and self.pages.currentWidget() is self.editor:
            return
        if not self.editor.flush():
            # Stay with the words that are not saved yet.
            self.status_message.emit(TEXT_NOT_SAVED_KEPT)
            QTimer.singleShot(0, lambda: self.sidebar.select(self._shown_id()))
            return
        self.undo_bar.withdraw()
        self._open(entry_id)

    @Slot(str)
    def _on_entry_activated(self, entry_id: str) -> None:
        if entry_id != self.editor.entry_id or self.pages.currentWidget() is not self.editor:
            if not self.editor.flush():
                self.status_message.emit(TEXT_NOT_SAVED_KEPT)
                return
            self._open(entry_id)
        entry = self._lookup(entry_id)
        at_end = entry is not None and not entry.in_trash and not self.filters.query
        self.editor.focus_body(at_end=at_end)
