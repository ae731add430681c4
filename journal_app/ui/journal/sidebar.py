"""The left side of the journal page: beginning to write, search and filters, the
trash bars, and the entry list kept to what they let through.

It knows which entries are listed (the journal or the trash, narrowed by the
filters) and which one is selected, and says why the list is empty when it is.
What is open in the editor is the page's business: the page tells the sidebar
which entry to select, and hears from it which one the person chose.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from journal_app.journal import Entry
from journal_app.ui.common.shortcuts import SHORTCUT_WRITE_WITH_PROMPT
from journal_app.ui.journal.entry_delegate import mix
from journal_app.ui.journal.entry_list import ListPane
from journal_app.ui.journal.entry_model import EntryIdRole, EntryListModel
from journal_app.ui.journal.filter_bar import FilterBar
from journal_app.ui.journal.page_words import (
    TEXT_LIST_EMPTY_JOURNAL,
    TEXT_NO_MATCHES,
    TEXT_TRASH_EMPTY,
    TEXT_TRASH_NO_MATCHES,
)
from journal_app.ui.journal.trash_bars import TrashBar, UndoBar
from journal_app.ui.services.journal_service import JournalService


class Sidebar(QWidget):
    """New entry and With a prompt…, the filters, the trash bars and the list.

    Signals:
        entry_chosen(str): the person moved the list's current row to this entry.
        entry_activated(str): the person opened this entry (Enter, double-click).
    """

    entry_chosen = Signal(str)
    entry_activated = Signal(str)

    def __init__(
        self, service: JournalService, model: EntryListModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self.model = model
        self.trash_mode = False
        self._syncing = False
        self.setObjectName("journalSidebar")
        self.setAutoFillBackground(True)
        self.setMinimumWidth(240)
        side = QVBoxLayout(self)
        side.setContentsMargins(10, 12, 10, 8)
        side.setSpacing(8)
        side.addLayout(self._build_begin_row())
        self.filters = FilterBar(service.prompt_themes(), self, search=service.search)
        self.filters.list_requested.connect(self.focus_list)
        side.addWidget(self.filters)
        self.trash_bar = TrashBar(self)
        side.addWidget(self.trash_bar)
        self.undo_bar = UndoBar(self)
        side.addWidget(self.undo_bar)
        self.pane = ListPane(model, self)
        self.list = self.pane.list
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.list.activated.connect(self._on_activated)
        side.addWidget(self.pane, 1)

    def _build_begin_row(self) -> QHBoxLayout:
        """Beginning to write comes first."""
        begin = QHBoxLayout()
        begin.setSpacing(8)
        self.new_button = QPushButton("New entry", self)
        self.new_button.setObjectName("newEntryButton")
        self.new_button.setAccessibleName("New entry")
        self.new_button.setToolTip("Begin a new entry (Ctrl+N)")
        self.prompt_button = QPushButton("With a prompt…", self)
        self.prompt_button.setObjectName("writeWithPromptButton")
        self.prompt_button.setAccessibleName("Write with a prompt")
        self.prompt_button.setToolTip(
            f"Begin a new entry with a gentle prompt from a theme you choose "
            f"({SHORTCUT_WRITE_WITH_PROMPT})"
        )
        for widget in (self.new_button, self.prompt_button):
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            begin.addWidget(widget, 1)
        return begin

    def tab_chain(self) -> list[QWidget]:
        """The sidebar's controls in the order Tab visits them."""
        return [
            self.new_button,
            self.prompt_button,
            self.filters.search,
            self.filters.tag_filter,
            self.filters.theme_filter,
            self.filters.flag_filter,
            self.trash_bar.restore_button,
            self.trash_bar.empty_button,
            self.undo_bar.button,
            self.list,
        ]

    def restyle(self, palette: QPalette) -> None:
        """A shade between the window and the page, for the sidebar and its list."""
        height = self.new_button.sizeHint().height()
        self.filters.tag_filter.setFixedHeight(height)
        self.filters.theme_filter.setFixedHeight(height)
        sidebar_color = mix(
            palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base), 0.35
        )
        side_palette = self.palette()
        side_palette.setColor(QPalette.ColorRole.Window, sidebar_color)
        self.setPalette(side_palette)
        self.pane.restyle(sidebar_color, side_palette)
        self.undo_bar.restyle(sidebar_color, palette.color(QPalette.ColorRole.Highlight))

    # ---------------------------------------------------------------- what is listed

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Moves of the current row made inside are the page's own, not the person's."""
        self._syncing = True
        try:
            yield
        finally:
            self._syncing = False

    def set_trash_mode(self, on: bool) -> None:
        """List the trash, or the journal (the caller refreshes the list)."""
        self.trash_mode = on
        self.undo_bar.withdraw()
        self.trash_bar.setVisible(on)
        self.filters.set_trash_mode(on)

    def _entries(self) -> list[Entry]:
        service = self._service
        if not service.is_unlocked:
            return []
        filtered = self.filters.narrows()
        if self.trash_mode:
            if filtered:
                entries = [entry for entry in self._search(include_trash=True) if entry.in_trash]
            else:
                entries = service.trash_entries()
            # Grouped by month like the journal, so sorted by the entries' own dates.
            return sorted(entries, key=lambda e: (e.created, e.id), reverse=True)
        if filtered:
            return self._search(include_trash=False)
        return service.entries()

    def _search(self, *, include_trash: bool) -> list[Entry]:
        """What the filters let through: as the search worker found it, or searched here."""
        filters = self.filters
        found = filters.found(include_trash)
        if found is not None:
            return found
        return self._service.search(
            filters.query, tag=filters.tag, theme=filters.theme, include_trash=include_trash
        )

    def refresh(self, shown: str | None) -> None:
        """List what the filters let through, with ``shown`` (open in the editor) selected."""
        with self.quiet():
            self.model.set_entries(self.filters.apply(self._entries()))
            self.model.set_highlight(self.filters.query)
        self.select(shown)
        self._update_empty_states()

    def can_follow_saves(self) -> bool:
        """Whether the entry alone says if it is listed: so without search words, a
        tag or a theme, which only the journal's search can answer."""
        return not self.filters.narrows()

    def follow_saves(self, entries: Iterable[Entry], shown: str | None) -> None:
        """Put each saved entry in its place, or take it out of a list it no longer
        belongs to (trashed, restored, unmarked), leaving every other row alone."""
        with self.quiet():
            for entry in entries:
                if entry.in_trash == self.trash_mode and self.filters.apply([entry]):
                    self.model.put(entry)
                else:
                    self.model.drop(entry.id)
        self.select(shown)
        self._update_empty_states()

    def refresh_tags(self) -> list[str]:
        """Bring the filters up to date with the journal; the tags in use.

        The journal keeps these counts as entries are saved, so this does not walk
        every entry."""
        tally = self._service.tally()
        tags = tally.tags()
        self.filters.refresh(tags, prompted=tally.prompted > 0, flagged=tally.flagged > 0)
        return tags

    def select(self, entry_id: str | None) -> None:
        """Make this entry the list's current and only selected row (None: no row)."""
        selection = self.list.selectionModel()
        with self.quiet():
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
        self.trash_bar.restore_button.setEnabled(self.trash_mode and index.isValid())

    def _update_empty_states(self) -> None:
        if self.model.rowCount() == 0:
            filtered = self.filters.anything_set()
            if self.trash_mode:
                note = TEXT_TRASH_NO_MATCHES if filtered else TEXT_TRASH_EMPTY
            else:
                note = TEXT_NO_MATCHES if filtered else TEXT_LIST_EMPTY_JOURNAL
            self.pane.show_note(note)
        else:
            self.pane.show_list()
        self.trash_bar.empty_button.setEnabled(
            self.trash_mode and self._service.is_unlocked and bool(self._service.trash_entries())
        )

    # ---------------------------------------------------------------- the keyboard

    @Slot()
    def focus_list(self) -> None:
        """To the list, on its current entry or else the first (not when it is empty)."""
        if self.model.entry_count() == 0:
            return
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.list.currentIndex().isValid():
            row = self.model.first_entry_row()
            if row >= 0:
                self.list.setCurrentIndex(self.model.index(row))

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        entry_id = current.data(EntryIdRole)
        if entry_id is not None:
            self.entry_chosen.emit(entry_id)

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        entry_id = index.data(EntryIdRole)
        if entry_id is not None:
            self.entry_activated.emit(entry_id)
