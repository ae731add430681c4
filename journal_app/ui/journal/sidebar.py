"""The left side of the journal page: beginning to write, search and filters, the
trash bars, and the entry list kept to what they let through.

It knows which entries are listed (the journal or the trash, narrowed by the
filters) and which one is selected, and says why the list is empty when it is.
What is open in the editor is the page's business: the page tells the sidebar
which entry to select, and hears from it which one the person chose.

A long journal (:data:`~journal_app.ui.journal.entry_rows.LONG_LIST` entries or
more) is listed on the search worker, rows and all, so the window never stops
for it: :meth:`Sidebar.refresh` then returns at once and runs again when the
rows are ready. A save with words, a tag or a theme set asks the worker whether
the saved entries still match, and changes only their rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from journal_app.journal import Entry
from journal_app.ui.common.shortcuts import SHORTCUT_WRITE_WITH_PROMPT
from journal_app.ui.common.theme import DESIGN_POINT_SIZE
from journal_app.ui.common.widgets import button
from journal_app.ui.journal.entry_delegate import mix
from journal_app.ui.journal.entry_list import ListPane
from journal_app.ui.journal.entry_model import EntryIdRole, EntryListModel
from journal_app.ui.journal.entry_rows import LONG_LIST, Listing
from journal_app.ui.journal.filter_bar import FilterBar
from journal_app.ui.journal.page_words import (
    TEXT_LIST_EMPTY_JOURNAL,
    TEXT_NO_MATCHES,
    TEXT_TRASH_EMPTY,
    TEXT_TRASH_NO_MATCHES,
)
from journal_app.ui.journal.search_worker import SearchRequest
from journal_app.ui.journal.trash_bars import TrashBar, UndoBar
from journal_app.ui.services.journal_service import JournalService

SIDEBAR_WIDTH = 240
"""The sidebar's narrowest, in pixels, at the text size Tend was designed for."""


class Sidebar(QWidget):
    """New entry and With a prompt…, the filters, the trash bars and the list.

    Signals:
        entry_chosen(str): the person moved the list's current row to this entry.
        entry_activated(str): the person opened this entry (Enter, double-click).
        shown_changed(bool): the sidebar was shown or hidden (View > Show the list),
            so words that point to the list can follow.
    """

    entry_chosen = Signal(str)
    entry_activated = Signal(str)
    shown_changed = Signal(bool)

    def __init__(
        self, service: JournalService, model: EntryListModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self.model = model
        self.trash_mode = False
        self._syncing = False
        # Saved while the worker lists or searches: followed once its rows arrive.
        self._following: dict[str, Entry] = {}
        self._listed: SearchRequest | None = None  # what the worker's rows shown were for
        self.setObjectName("journalSidebar")
        self.setAutoFillBackground(True)
        side = QVBoxLayout(self)
        # The narrowest width is minimumSizeHint's, asked afresh as the text grows.
        side.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
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
        self.new_button = button("New entry", "Begin a new entry (Ctrl+N)")
        self.new_button.setObjectName("newEntryButton")
        self.prompt_button = button(
            "With a prompt…",
            f"Begin a new entry with a gentle prompt from a theme you choose "
            f"({SHORTCUT_WRITE_WITH_PROMPT})",
            accessible_name="Write with a prompt",
        )
        self.prompt_button.setObjectName("writeWithPromptButton")
        for widget in (self.new_button, self.prompt_button):
            # Never narrower than their words, however large the text.
            widget.setSizePolicy(QSizePolicy.Policy.MinimumExpanding, QSizePolicy.Policy.Fixed)
            begin.addWidget(widget, 1)
        return begin

    def minimumSizeHint(self) -> QSize:
        """As narrow as :data:`SIDEBAR_WIDTH` grown with the text, and never so narrow
        that the buttons' words are cut."""
        hint = super().minimumSizeHint()
        size = self.font().pointSizeF()
        scale = max(1.0, size / DESIGN_POINT_SIZE) if size > 0 else 1.0
        hint.setWidth(max(hint.width(), round(SIDEBAR_WIDTH * scale)))
        return hint

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        self.shown_changed.emit(visible)

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

    def refresh(self, shown: str | None, *, now: bool = False) -> None:
        """List what the filters let through, with ``shown`` (open in the editor) selected.

        A long journal is listed on the worker, unless ``now``: this returns at once,
        and runs again (through the filters' ``changed``) when the rows are ready.
        Just after unlock, the whole journal's rows were built on the unlock worker."""
        found = self.filters.found_result(self.trash_mode)
        as_found = self._as_found()
        if found is not None and as_found and self._following and found.request == self._listed:
            self.follow_saves((), shown, found.listing or Listing.of(found.entries))
            return
        prepared = self._service.take_prepared() if as_found else None
        if found is not None and found.listing is not None and as_found:
            listing = found.listing
        elif isinstance(prepared, Listing) and not self.filters.narrows():
            listing = prepared
        elif found is None and not now and self._on_worker() and self.filters.relist():
            return
        else:
            listing = Listing.of(self.filters.apply(self._entries()))
        with self.quiet():
            self.model.set_listing(listing)
            self.model.set_highlight(self.filters.query)
        self._listed = found.request if found is not None and as_found else None
        saved, self._following = list(self._following.values()), {}
        self._follow(saved, listing.shown if self.filters.narrows() else None)
        self.select(shown)
        self._update_empty_states()

    def forget(self) -> None:
        """Drop every entry listed or waiting to be followed (the journal is locking)."""
        self._following, self._listed = {}, None
        self.model.clear()

    def _as_found(self) -> bool:
        """Whether the list shows just what the worker finds (not the trash, nor only
        the marked entries)."""
        return not self.trash_mode and not self.filters.flag_filter.isChecked()

    def _on_worker(self) -> bool:
        """Whether the journal is long enough to be listed on the worker."""
        return (
            self._as_found()
            and self._service.is_unlocked
            and self._service.tally().live >= LONG_LIST
        )

    def follow_saves(
        self, entries: Iterable[Entry], shown: str | None, found: Listing | None = None
    ) -> None:
        """Put each saved entry in its place, or take it out of a list it no longer
        belongs to (trashed, restored, unmarked, no longer matching the words),
        leaving every other row alone. With words, a tag or a theme set, whether it
        still belongs is the journal's search to say: asked here of a short journal,
        of the worker for a long one (the rows change when it answers, ``found``)."""
        self._following.update((entry.id, entry) for entry in entries)
        if found is None and self._following and self.filters.narrows():
            if self._on_worker() and self.filters.relist():
                return
            found = Listing.of(self.filters.apply(self._entries()))
        saved, self._following = list(self._following.values()), {}
        self._follow(saved, found.shown if found is not None else None)
        self.select(shown)
        self._update_empty_states()

    def _follow(self, saved: list[Entry], listed: dict[str, Entry] | None) -> None:
        """Each saved entry put in its row or dropped: by the entries ``listed`` (what
        the search finds now), else by the entry itself."""
        with self.quiet():
            for entry in saved:
                if listed is not None:
                    keep = entry if entry.id in listed else None
                elif entry.in_trash == self.trash_mode and self.filters.apply([entry]):
                    keep = entry
                else:
                    keep = None
                if keep is not None:
                    self.model.put(keep)
                else:
                    self.model.drop(entry.id)

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
        self.trash_bar.empty_button.setEnabled(self.trash_mode and self._has_trash())

    def _has_trash(self) -> bool:
        if not self._service.is_unlocked:
            return False
        if self.trash_mode and not self.filters.anything_set():
            return self.model.entry_count() > 0  # the whole trash is listed
        return self._service.has_trash()

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
